"""A teller named in the assertor is no doer of the deed it tells (extract/filtering.py, `_assertor_as_doer`):
made-up sentences where a vendor, a company or prosecutors report another's deed, beside a near miss where a group
tells of its own."""

from __future__ import annotations

import pytest

from cyberstate import KnowledgeBase
from readings import pairs


@pytest.mark.parametrize(
    ("teller", "text"),
    [
        (  # a company telling of a group
            "Microsoft",
            "Microsoft itself last year said a group operating from Vietnam reportedly tried to hack information from"
            " several Dutch targets, including law firms and universities.",
        ),
        (  # a vendor whose report is cited
            "Proofpoint",
            "According to a report released on Monday by Proofpoint Inc., researchers have discovered a phishing"
            " campaign that has targeted wind farms in the North Sea.",
        ),
    ],
)
def test_a_company_or_vendor_telling_of_a_deed_is_no_doer(galaxy_kb: KnowledgeBase, teller: str, text: str) -> None:
    assert not any(s.startswith(teller) for s, _ in pairs(galaxy_kb, text, "targeted"))


def test_prosecutors_charging_others_are_no_doers(galaxy_kb: KnowledgeBase) -> None:
    said = pairs(
        galaxy_kb,
        "Prosecutors charged Li Wei and Chen Bo in hacking attacks against the Dutch Navy and several shipping"
        " companies.",
        "targeted",
    )
    assert ("Li Wei", "shipping companies") in said
    assert not any(s == "Prosecutors" for s, _ in said)


def test_a_group_telling_of_its_own_deed_stays_its_doer(galaxy_kb: KnowledgeBase) -> None:
    # the near miss: the teller is a group, which may say what it did itself
    said = pairs(
        galaxy_kb,
        "APT41 itself last year said it tried to hack information from several Dutch targets, including law firms"
        " and universities.",
        "targeted",
    )
    assert ("APT41", "law firms") in said
