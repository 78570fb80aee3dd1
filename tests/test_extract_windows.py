"""Extraction's speed machinery changes nothing it finds: windows of a long text give what the whole text
gives, and the sieve never skips a pattern on a sentence where it matches."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from cyberstate import KnowledgeBase
from cyberstate.errors import InvalidRecord
from cyberstate.extract import dates, frames, language, ranking
from cyberstate.extract.core import SIEVE, Extraction, country_mentions, extract_text, iter_extract
from cyberstate.extract.mentions import fold
from cyberstate.extract.sieve import Sieve, required_words
from cyberstate.model import Source

DEV = Path(__file__).parent / "data" / "eval" / "dev"


def _dev_texts() -> list[str]:
    """The dev texts but the held-out batches' (evalset.HELD): no code runs on those but the integrator's
    scoring, so the suite leaves them alone."""
    from evalset import HELD

    paths = [p for p in sorted(DEV.glob("*.yaml")) if p.stem not in HELD]
    return [yaml.safe_load(p.read_text(encoding="utf-8"))["text"] for p in paths]


def _dev_text() -> str:
    return "\n\n".join(t.strip() for t in _dev_texts()) + "\n"


def _rows(x: Extraction) -> dict[str, list[str]]:
    """Mentions and statements, less the proposed names that run across a paragraph break ("Christopher
    Wray.\n\nThe Department of Justice"): a window may end there, and then it reads the name alone."""
    d = x.as_dict()
    d["mentions"] = [m for m in d["mentions"] if "\n\n" not in m["text"]]
    return {k: sorted(json.dumps(v, sort_keys=True) for v in d[k]) for k in ("mentions", "claims")}


def test_windows_of_a_text_find_what_the_whole_text_finds(galaxy_kb: KnowledgeBase) -> None:
    text = _dev_text()
    gazetteer, countries = galaxy_kb.gazetteer(), country_mentions(galaxy_kb.store)
    whole = extract_text(text, gazetteer, countries)
    parts = list(iter_extract(text, gazetteer, countries, window=3000))
    assert len(parts) > 5
    # extract_text passes the windows' statements through the document's ranking (and its filter) once
    claims = ranking.rank(text, [c for p in parts for c in p.claims])
    windowed = Extraction(text, [m for p in parts for m in p.mentions], claims)
    a, b = _rows(whole), _rows(windowed)
    assert whole.claims and a["claims"] == b["claims"]
    crossing = len(whole.mentions) - len(a["mentions"])  # a window cut there reads the name after it alone
    assert set(a["mentions"]) <= set(b["mentions"]) and len(b["mentions"]) - len(a["mentions"]) <= crossing
    assert all(text[m.start : m.end] == m.text for m in windowed.mentions)  # offsets index the whole text


def test_the_sieve_keeps_every_sentence_a_pattern_matches() -> None:
    """Every match of every sieved pattern holds one of the words the sieve reads out of the pattern."""
    patterns = [c.pattern for c in language.CUES] + [p for p, _ in dates.PATTERNS]
    patterns += [p for _, p, _ in frames.FRAMES] + [p for p, _ in language.ESTIMATIVE] + [language.COREF]
    # and every other pattern the window's sieve answers for (the rules' gate, "those responsible"...)
    patterns += [p for p in SIEVE.patterns if required_words(p) and all(p is not q for q in patterns)]
    text = _dev_text()
    checked = 0
    for p in patterns:
        words = required_words(p)
        assert words, p.pattern[:80]
        for m in p.finditer(text):
            assert any(w in fold(m.group()) for w in words), (p.pattern[:60], m.group())
            checked += 1
    assert checked > 300
    hits = SIEVE.scan(text)
    for m in language.CUES[0].pattern.finditer(text):
        assert id(language.CUES[0].pattern) in hits.within(m.start(), m.end())


def test_required_words_of_patterns() -> None:
    assert required_words(re.compile(r"\b(?:on\s+behalf\s+of|at the behest of)\b", re.I)) == {
        "behalf",
        "at the behest of",
    }
    assert required_words(re.compile(r"(?:a|b)?\d+")) is None  # nothing literal is needed
    sieve = Sieve([re.compile(r"\bspied\s+on\b", re.I), re.compile(r"\d+")])
    text = "APT40 SPIED on them. Nothing here."
    hits = sieve.scan(text)
    spied, digits = sieve.patterns
    assert id(spied) in hits.within(0, 20) and id(spied) not in hits.within(21, len(text))
    assert id(digits) in hits.within(21, len(text))  # no literal: always tried
    assert id(spied) in sieve.candidates("the group ſpied on")  # long s matches s under IGNORECASE


# ------------------------------------------------------------------------------- bad documents, real CLI


def test_a_page_full_of_scripts_gives_its_prose_only(cli: Any, galaxy_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    shutil.copy(galaxy_db, db)
    page = tmp_path / "page.html"
    script = "<script>var s = 'APT41 worked for the Ministry of State Security';</script>"
    page.write_text(
        f"<html><body>{script * 20_000}<p>APT31 is run by the Hubei State Security Department.</p></body></html>"
    )
    r = cli("extract", page, "--json", db=db)
    assert r.code == 0, r.stderr
    claims = r.json()["claims"]
    assert claims and all("APT41" not in c["evidence"]["text"] for c in claims)


def test_a_bad_document_in_a_directory_stores_nothing(cli: Any, galaxy_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    shutil.copy(galaxy_db, db)
    before = cli("stats", "--json", db=db).json()["totals"]
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("APT31 is run by the Hubei State Security Department.\n")
    for name, content, problem in [
        ("b.txt", b"", "empty file"),
        ("b.txt", bytes(range(256)) * 20, "not UTF-8"),
        ("b.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Kids [3 0 R", "PDF"),
    ]:
        for old in docs.glob("b.*"):
            old.unlink()
        (docs / name).write_bytes(content)
        r = cli("ingest", docs, "--workers", "2", db=db)
        assert r.code == 1 and r.stderr.count("\n") == 1 and name in r.stderr and problem in r.stderr, r.stderr
        assert cli("stats", "--json", db=db).json()["totals"] == before


def test_ingest_on_two_workers_stores_what_one_stores(galaxy_db: Path, tmp_path: Path) -> None:
    """The texts are extracted on two processes while the parent writes the ones before: the same sources,
    candidates and proposed entities as on one, a text given twice stored once."""
    docs = tmp_path / "docs"
    docs.mkdir()
    texts = _dev_texts()[:12]
    for i, text in enumerate(texts):
        (docs / f"{i:02d}.txt").write_text(text, encoding="utf-8")
    (docs / "99-again.txt").write_text(texts[0], encoding="utf-8")  # the same text twice: stored once
    stored = {}
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.db"
        shutil.copy(galaxy_db, db)
        with KnowledgeBase.open(db) as kb:
            out = kb.ingest([docs], workers=workers)
            stored[workers] = (
                [(d["source"], d["status"], d["claims"], d["entities"]) for d in out["documents"]],
                sorted((c.id, c.subject, c.predicate, c.object) for c in kb.candidates()),
            )
    assert stored[1] == stored[2]
    assert [s for _, s, _, _ in stored[2][0]].count("already ingested") == 1 and stored[2][1]


def test_stored_texts_on_two_workers_give_what_one_gives(galaxy_db: Path, tmp_path: Path) -> None:
    """`ingest --seeds/--galaxy-descriptions` (`propose`) makes each stored text's candidates on the workers
    and writes them as they come: the same candidates as on one process; a source without text is an
    error before anything is written."""
    texts = _dev_texts()[:8]
    ids = [f"t-{i}" for i in range(len(texts))]
    stored = {}
    for workers in (1, 2):
        db = tmp_path / f"p{workers}.db"
        shutil.copy(galaxy_db, db)
        with KnowledgeBase.open(db) as kb:
            with kb.store.transaction():
                for sid, text in zip(ids, texts, strict=True):
                    kb.store.put_source(Source(sid, title=sid, published="2024-05-01", text=text))
                kb.store.put_source(Source("t-empty", title="no text"))
            before = len(kb.candidates())
            with pytest.raises(InvalidRecord, match="t-empty"):
                kb.propose([*ids, "t-empty"], workers=workers)
            assert len(kb.candidates()) == before
            out = kb.propose(ids, workers=workers)
            made = sorted((c.id, c.subject, c.predicate, c.object, c.published) for c in kb.candidates())
            stored[workers] = (out, made)
    assert stored[1] == stored[2] and stored[2][0]["claims"] > 0
    assert "2024-05-01" in {c[4] for c in stored[2][1]}  # the source's date reaches candidates dated by no text


def test_a_sentence_of_thousands_of_names_takes_linear_time() -> None:
    """A list of names with no full stop (a flattened table) is read in pieces of at most MAX_SENTENCE
    characters: twice the text is about twice the work, not four times (counted in sentences read, not
    timed), and every piece stays within the limit."""
    from cyberstate.extract.sentences import MAX_SENTENCE, sentences

    text = "APT10, APT31 and Hubei " * 2000
    spans = sentences(text)
    assert len(spans) > 1 and all(e - s <= MAX_SENTENCE for s, e in spans)
    assert "".join(text[s:e] + " " for s, e in spans).split() == text.split()  # nothing lost at the cuts
    assert sentences("x. " * 200_000)  # initials: read backwards from each full stop, not from the start
