"""Held-out alias measurement: alias -> group pairs and must-not-merge pairs from ThaiCERT's Threat
Group Cards (tests/data/aliases/README.md says how they were made and frozen).

A pair is right when the alias names exactly the entity that carries the card's ATT&CK id; a
must-not-merge pair is violated when both groups' ATT&CK ids, or both their card names, lead to one entity.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from cyberstate import KnowledgeBase
from cyberstate.errors import CyberstateError

DIR = Path(__file__).parent / "data" / "aliases"


def rows(name: str) -> list[dict[str, str]]:
    with open(DIR / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def _entity(kb: KnowledgeBase, name: str) -> str | None:
    try:
        return kb.entity_id(name)
    except CyberstateError:
        return None


@dataclass
class Score:
    split: str
    pairs: int = 0
    right: int = 0
    wrong: list[tuple[str, str, str | None, str | None]] = field(default_factory=list)
    negatives: int = 0
    violated: list[tuple[str, str]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right / self.pairs if self.pairs else 0.0

    def line(self) -> str:
        return (
            f"{self.split}: alias accuracy {self.accuracy:.3f} ({self.right}/{self.pairs}); "
            f"must-not-merge violated {len(self.violated)}/{self.negatives}"
        )


def score(kb: KnowledgeBase, split: str) -> Score:
    s = Score(split)
    for r in rows(f"aliases-{split}.tsv"):
        want = _entity(kb, r["attack_id"])
        got = _entity(kb, r["alias"])
        s.pairs += 1
        if want is not None and got == want:
            s.right += 1
        else:
            s.wrong.append((r["alias"], r["attack_id"], got, want))
    for r in rows("must-not-merge.tsv"):
        if r["split"] != split:
            continue
        s.negatives += 1
        by_id = {_entity(kb, r["attack_id_a"]), _entity(kb, r["attack_id_b"])}
        by_name = {_entity(kb, r["name_a"]), _entity(kb, r["name_b"])}
        if (len(by_id) == 1 and None not in by_id) or (len(by_name) == 1 and None not in by_name):
            s.violated.append((r["name_a"], r["name_b"]))
    return s


def main(argv: list[str]) -> int:
    """`python tests/heldout.py STORE`: the figures of both splits on a built store (`load` then
    `import misp-galaxy`), one line each; the dev split's wrong pairs with `--dev-details`; `--dev-only`
    scores the dev split alone, for tuning. The test split's pairs are never listed: it is not tuned on."""
    if not argv:
        print("usage: python tests/heldout.py STORE [--dev-details] [--dev-only]")
        return 2
    with KnowledgeBase.open(argv[0]) as kb:
        for split in ("dev",) if "--dev-only" in argv else ("dev", "test"):
            s = score(kb, split)
            print(s.line())
            if split == "dev" and "--dev-details" in argv:
                for alias, attack_id, got, want in s.wrong:
                    print(f"  {alias!r} ({attack_id}): got {got}, want {want}")
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
