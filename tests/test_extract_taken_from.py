"""A verb of taking other than "steal", what it takes and "from" its victim ("siphoned surveillance videos from X",
"hacked Mekong data from X", "to access information from X"): the victim stands after "from", as after "stole data
from X" (extract/language.py's cue of targeting)."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import readings as _readings


def test_the_victim_after_from(galaxy_kb: KnowledgeBase) -> None:
    said = _readings(galaxy_kb, "APT41 exfiltrated sensitive records from the Finnish Parliament.")
    assert any(s == "APT41" and p == "targeted" and "Finnish Parliament" in o for s, p, o in said)
    said = _readings(galaxy_kb, "APT41 hacked design data from the Ministry of Foreign Affairs in 2018.")
    assert any(s == "APT41" and p == "targeted" and "Ministry of Foreign Affairs" in o for s, p, o in said)
    said = _readings(galaxy_kb, "APT41 used a botnet to siphon surveillance videos from the African Union.")
    assert any(s == "APT41" and p == "targeted" and "African Union" in o for s, p, o in said)


def test_a_place_the_deed_comes_from_stays_out(galaxy_kb: KnowledgeBase) -> None:
    # the near miss: "from" right after the verb, or after "into" and its object, tells where the deed came from
    said = _readings(galaxy_kb, "APT41 hacked into the network from a server in Hong Kong.")
    assert not any(p == "targeted" and "Hong Kong" in o for _, p, o in said)
    assert any(p == "targeted" and "network" in o for _, p, o in said)
    said = _readings(galaxy_kb, "Hacking from China by APT41 is a growing threat.")
    assert not any(p == "targeted" and o == "China" for _, p, o in said)
