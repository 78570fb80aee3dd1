"""The victim end of `targeted` (extract/relations.py): what a victim's noun phrase names, read on made-up
sentences beside near misses that must not give it."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from test_extract_targets import _targeted


def test_a_possessive_victim_is_what_it_possesses(galaxy_kb: KnowledgeBase) -> None:
    # before a passive, the possessed thing was hit, not its owner
    said = _targeted(galaxy_kb, "It emerged on Monday that Portugal's port authority was hacked by APT41 in May.")
    assert ("APT41", "Portugal's port authority") in said
    assert ("APT41", "Portugal") not in said
    # after the verb, the owner is not stated beside what it owns
    said = _targeted(galaxy_kb, "APT41 breached Portugal's maritime registry last spring.")
    assert ("APT41", "Portugal's maritime registry") in said
    assert ("APT41", "Portugal") not in said


def test_an_owner_named_alone_stays_the_victim(galaxy_kb: KnowledgeBase) -> None:
    said = _targeted(galaxy_kb, "It emerged on Monday that Portugal was hacked by APT41 in May.")
    assert ("APT41", "Portugal") in said
    said = _targeted(galaxy_kb, "APT41 breached Portugal last spring, and Spain's registry said so.")
    assert ("APT41", "Portugal") in said
    assert not any(o.startswith("Spain") for _, o in said)
