"""Mention finding and full extraction speed, beside spaCy's PhraseMatcher on the same names and text.

The gazetteer is every name of a knowledge base built like `make run` (curated data and the MISP galaxy).
The text is the two seed articles and every galaxy description, repeated to about 4 MB. Both matchers
run on one core in this process; the figures are MB of text per second. spaCy is the peer: a blank
English pipeline (tokenizer only) with a case-insensitive PhraseMatcher (attr="LOWER") over the same
names. Install it with `pip install -e '.[bench]'`. Figures are printed, never asserted.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from cyberstate import KnowledgeBase
from cyberstate.extract import Gazetteer, extract_text
from cyberstate.extract.core import country_mentions

TARGET_BYTES = 4_000_000


def corpus(kb: KnowledgeBase) -> str:
    parts = [s.text for s in kb.store.iter_sources() if s.text]
    parts += [a["description"] for a in kb.store.entity_attrs().values() if a.get("description")]
    one = "\n\n".join(parts)
    return (one + "\n\n") * max(1, TARGET_BYTES // max(1, len(one.encode())))


def timed(fn, *args) -> float:
    t = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t


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
            text = corpus(kb)
            mb = len(text.encode()) / 1e6
            print(f"gazetteer: {gazetteer.size} keys from {len(names)} names, built in {build:.2f} s; text {mb:.1f} MB")
            ours = timed(gazetteer.find, text)
            print(f"cyberstate mentions (Aho-Corasick): {mb / ours:.2f} MB/s")
            sample = text[: len(text) // 8]
            full = timed(extract_text, sample, gazetteer, country_mentions(kb.store))
            print(
                f"cyberstate full extraction (mentions, sentences, statements): "
                f"{len(sample.encode()) / 1e6 / full:.2f} MB/s"
            )
    try:
        import spacy
        from spacy.matcher import PhraseMatcher
    except ImportError:
        print("peer: spaCy not installed (pip install -e '.[bench]'); no ratio")
        return 0
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
        f"peer spaCy PhraseMatcher (blank 'en', tokenising included): {mb / peer:.2f} MB/s "
        f"(matcher built in {peer_build:.2f} s)"
    )
    print(f"ratio cyberstate / spaCy for mention finding: {peer / ours:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
