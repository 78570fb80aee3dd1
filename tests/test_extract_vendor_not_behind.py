"""A security vendor studies and names the deeds of others: no operation is attributed to it (extract/filtering.py,
`_VENDOR`)."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import readings as _readings


def test_a_vendor_is_no_one_behind_a_deed(galaxy_kb: KnowledgeBase) -> None:
    said = _readings(galaxy_kb, "The activity was attributed to a group Symantec tracks as APT41.")
    assert ("The activity", "attributed_to", "Symantec") not in said
    said = _readings(
        galaxy_kb, 'The study dubbed "Project CameraShy," was conducted by ThreatConnect and Defense Group Inc.'
    )
    assert not any(p == "attributed_to" for _, p, _ in said)


def test_the_group_the_vendor_names_stays(galaxy_kb: KnowledgeBase) -> None:
    # the near miss: the vendor as the one who attributes, the group as the one behind
    said = _readings(galaxy_kb, "The activity was attributed to APT41 by Symantec.")
    assert ("The activity", "attributed_to", "APT41") in said
