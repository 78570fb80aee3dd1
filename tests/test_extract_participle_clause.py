"""A victim read past a comma and a participle that opens a clause of its own after the cue ("..., employing tactics
like spear-phishing and custom malware") is the participle's, not the cue's, and its reading is no statement
(extract/filtering.py, `_object_past_participle`)."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import readings as _readings


def test_the_means_after_a_participle_are_no_victims(galaxy_kb: KnowledgeBase) -> None:
    said = _readings(
        galaxy_kb,
        "APT99 targets media organizations in Japan, employing tactics like spear-phishing and custom malware.",
    )
    assert ("APT99", "targeted", "custom malware") not in said
    assert ("APT99", "targeted", "Japan") in said


def test_a_sector_in_ing_goes_on_with_the_list(galaxy_kb: KnowledgeBase) -> None:
    said = _readings(
        galaxy_kb,
        "APT99 predominantly targets aerospace, mining, and research organizations in Laos, Vietnam and Japan.",
    )
    assert {("APT99", "targeted", "Vietnam"), ("APT99", "targeted", "research organizations")} <= said
