"""Who a written assertor stands for, when the text names a speaker by the body or the state it speaks for
("a Chinese foreign ministry spokesperson", "the Chinese Embassy in Ottawa") rather than by a stored name.

Kept apart from the store: the words are rewritten into the names `resolve` reads, and the caller says which
entity a name identifies and which entities may assert (`KnowledgeBase.speaker`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

#: A speaker named by the body it speaks for: "a Chinese foreign ministry spokesperson", "the Chinese
#: ambassador"; and "a spokesperson for the Chinese Embassy in the Philippines".
_SPEAKER_OF = re.compile(
    r"^(?:an?\s+|the\s+)?(?P<body>.+?)\s+(?:spokes(?:person|man|woman)|ambassador|envoy)\b", re.IGNORECASE
)
_SPEAKS_FOR = re.compile(
    r"^(?:an?\s+|the\s+)?(?:spokes(?:person|man|woman)|ambassador|envoy)\s+(?:for|of|to)\s+(?P<body>.+)$",
    re.IGNORECASE,
)
#: A word written as a name (a capital first): "the embassy", "foreign ministry" name no one by themselves.
_PROPER = re.compile(r"(?<![\w'’])(?!(?:The|A|An)\b)[A-Z]")
#: A state's mission abroad, named by the state: "the Chinese Embassy in Ottawa", "China's embassy".
_MISSION = re.compile(r"^(?:the\s+)?(?P<state>.+?)\s+(?:embassy|consulate(?:\s+general)?|mission)\b", re.IGNORECASE)


def speaker(said: str, identify: Callable[[str], str | None], may_assert: Collection[str]) -> str | None:
    """The entity among `may_assert` that the written assertor `said` stands for: the words as they are, the
    body a speaker speaks for, or the state of an embassy or an ambassador ("the Chinese ambassador" speaks for
    the Chinese government, which `resolve` reads as China); `identify` gives the entity a name identifies, or
    None. Words with no name in them ("a foreign ministry spokesperson": whose ministry?) identify no one."""
    tries, seen = [said], set()
    while tries:
        words = tries.pop(0).strip(" ,.;:")
        if not words or words in seen:
            continue
        seen.add(words)
        for pattern in (_SPEAKS_FOR, _SPEAKER_OF):
            if m := pattern.match(words):
                tries += [m.group("body"), f"{m.group('body')} government"]
        if m := _MISSION.match(words):
            tries.append(f"{m.group('state')} government")
        if "," in words:
            tries.append(words.split(",", 1)[1])  # "Liu Pengyu, spokesperson for the Chinese Embassy"
        if not _PROPER.search(words):
            continue
        eid = identify(words)
        if eid in may_assert:
            return eid
    return None
