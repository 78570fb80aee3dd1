"""Extraction speed: mention finding and full extraction at growing sizes, beside spaCy's PhraseMatcher
on the same names and text.

The gazetteer is every name of a knowledge base built like `make run` (curated data and the MISP galaxy).
The text is 250 kB of the seed articles and galaxy descriptions, repeated to each size. Mention finding
runs at 1, 5 and 50 MB; full extraction (mentions, sentences, statements) at the sizes given with
`--full` (default 1 and 5 MB): time per MB that stays flat as the size grows shows time linear in the text.
Peak memory (max RSS of this process) is printed after each size. spaCy is the peer: a blank English
pipeline (tokenizer only) with a case-insensitive PhraseMatcher (attr="LOWER") over the same names, timed
in the same run on the same 5 MB. Install it with `pip install -e '.[bench]'`. One core, figures printed,
never asserted.

    .venv/bin/python bench/extract.py [--full 1,5] [--mentions 1,5,50]
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

from cyberstate import KnowledgeBase
from cyberstate.extract import Gazetteer, extract_text
from cyberstate.extract.core import country_mentions

MB = 1_000_000


UNIT = 250_000


def corpus(kb: KnowledgeBase, size: int = 4 * MB) -> str:
    """The seed articles and galaxy descriptions: a fixed 250 kB of them, repeated to the size, so every
    size holds the same kind of text and time per MB compares across sizes."""
    parts = [s.text for s in kb.store.iter_sources() if s.text]
    parts += [a["description"] for a in kb.store.entity_attrs().values() if a.get("description")]
    one = ("\n\n".join(parts) + "\n\n")[:UNIT]
    one = one[: one.rfind("\n\n") + 2]  # whole paragraphs
    return (one * (size // max(1, len(one)) + 1))[:size]


def timed(fn, *args) -> float:  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _sizes(flag: str, default: str) -> list[float]:
    args = sys.argv[1:]
    raw = args[args.index(flag) + 1] if flag in args else default
    return [float(x) for x in raw.split(",") if x]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        with KnowledgeBase.open(db, create=True) as kb:
            kb.load()
            kb.import_galaxy()
        with KnowledgeBase.open(db) as kb:
            t = time.perf_counter()
            gazetteer = Gazetteer.from_store(kb.store)
            build = time.perf_counter() - t
            names = sorted({h.name for h in kb.store.iter_names()})
            countries = country_mentions(kb.store)
            print(f"gazetteer: {gazetteer.size} keys from {len(names)} names, built in {build:.2f} s")
            ours_5 = None
            for size in _sizes("--mentions", "1,5,50"):
                text = corpus(kb, int(size * MB))
                took = timed(gazetteer.find, text)
                if size == 5:
                    ours_5 = (text, took)
                print(f"mentions {size:5.0f} MB: {took:7.2f} s, {size / took:6.2f} MB/s, peak {peak_mb():.0f} MB")
                del text
            for size in _sizes("--full", "1,5"):
                text = corpus(kb, int(size * MB))
                took = timed(extract_text, text, gazetteer, countries)
                print(
                    f"full extraction {size:5.2f} MB: {took:7.1f} s, {took / size:6.1f} s per MB, "
                    f"{size / took:5.3f} MB/s, peak {peak_mb():.0f} MB"
                )
    try:
        import spacy
        from spacy.matcher import PhraseMatcher
    except ImportError:
        print("peer: spaCy not installed (pip install -e '.[bench]'); no ratio")
        return 0
    if ours_5 is None:
        return 0
    text, ours = ours_5
    nlp = spacy.blank("en")
    nlp.max_length = len(text) + 1
    t = time.perf_counter()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("NAME", list(nlp.tokenizer.pipe(names)))
    peer_build = time.perf_counter() - t
    t = time.perf_counter()
    doc = nlp.make_doc(text)
    matcher(doc)
    peer = time.perf_counter() - t
    print(
        f"peer spaCy PhraseMatcher on the same 5 MB (blank 'en', tokenising included): {5 / peer:.2f} MB/s "
        f"(matcher built in {peer_build:.2f} s)"
    )
    print(f"ratio cyberstate / spaCy for mention finding: {peer / ours:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
