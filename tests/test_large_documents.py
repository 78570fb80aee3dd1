"""A document longer than one extraction window (about 1 MB) is extracted, written and printed window by window
through the real commands, so memory does not grow with its mentions and statements: the store and the JSON hold
what the whole document's extraction, made at once, gives (its rows and its bytes); and a text whose first line is
a paragraph is named by its file, not by 300 characters of its body."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from cyberstate import KnowledgeBase
from cyberstate.extract import parallel
from cyberstate.extract.core import WINDOW, country_mentions, extract_text
from cyberstate.extract.document import TITLE_CHARS, read_document
from test_extract_windows import _dev_text

#: A first line that is a paragraph of body, not a title.
PARAGRAPH = "The report describes how the bureau directed the group's operations against several ministries. " * 5


@pytest.fixture(scope="module")
def long_doc(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dev texts (less the held-out batches) twice, under a paragraph: over LONG, so two windows or more."""
    text = PARAGRAPH.strip() + "\n\n" + "\n\n".join([_dev_text()] * 2)
    assert len(text) > parallel.LONG and len(PARAGRAPH) > TITLE_CHARS
    path = tmp_path_factory.mktemp("long") / "long-report.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _rows(kb: KnowledgeBase, sid: str) -> list[tuple[Any, ...]]:
    return [
        (c.id, c.subject, c.predicate, c.object, c.value, c.assertor, c.negated, c.confidence, c.evidence, c.note)
        for c in kb.candidates(document=sid)
    ]


def test_a_long_document_is_written_window_by_window_as_the_whole_extraction_writes_it(
    cli: Any, galaxy_db: Path, long_doc: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parted = tmp_path / "parted.db"
    shutil.copy(galaxy_db, parted)
    r = cli("ingest", long_doc, db=parted, timeout=600)
    assert r.code == 0, r.stderr
    assert f") {long_doc.name}" in r.stdout  # titled by its file: its first line is a paragraph
    # the same document read as one extraction (all its windows' mentions and statements at once), as before
    whole = tmp_path / "whole.db"
    shutil.copy(galaxy_db, whole)
    monkeypatch.setattr(parallel, "iter_ranked", lambda text, g, c: iter([extract_text(text, g, c)]))
    with KnowledgeBase.open(whole) as kb:
        kb.ingest([long_doc])
        expected = _rows(kb, "doc-" + read_document(long_doc).sha256[:16])
    with KnowledgeBase.open(parted) as kb:
        src = kb.store.get_source("doc-" + read_document(long_doc).sha256[:16])
        assert src is not None and src.title == long_doc.name and src.text == long_doc.read_text(encoding="utf-8")
        got = _rows(kb, src.id)
    assert len(expected) > 100 and got == expected


def test_the_candidates_of_a_long_text_come_in_parts(galaxy_kb: KnowledgeBase, long_doc: Path) -> None:
    """Each part is one window's: no part holds the document's mentions and statements."""
    text = long_doc.read_text(encoding="utf-8")
    g, countries = galaxy_kb.gazetteer(), country_mentions(galaxy_kb.store)
    (parts,) = parallel.iter_candidates_many([(text, "doc-x", None)], g, countries, {}, None)
    sizes = []
    for cands in parts:
        sizes.append(len(cands.claims))
        assert all(c.evidence is not None and c.evidence.start < (len(sizes) + 1) * WINDOW for c in cands.claims)
    assert len(sizes) >= 2 and all(sizes)


@pytest.mark.parametrize("long", [False, True])
def test_extract_json_prints_the_whole_extraction_byte_for_byte(
    cli: Any, galaxy_db: Path, galaxy_kb: KnowledgeBase, long_doc: Path, tmp_path: Path, long: bool
) -> None:
    path = long_doc
    if not long:  # an ordinary report: one window
        path = tmp_path / "report.md"
        path.write_text("# A report\n\n" + _dev_text()[:40_000], encoding="utf-8")
    r = cli("extract", "--json", path, db=galaxy_db, timeout=600)
    assert r.code == 0, r.stderr
    doc = read_document(path)
    x = extract_text(doc.text, galaxy_kb.gazetteer(), country_mentions(galaxy_kb.store))
    head = json.loads(r.stdout)["document"]
    assert head["title"] == (long_doc.name if long else "A report")
    assert x.claims and r.stdout == json.dumps({"document": head, **x.as_dict()}, ensure_ascii=False, indent=2) + "\n"


def test_a_title_is_a_short_first_line_else_the_file_name(tmp_path: Path) -> None:
    titled = tmp_path / "a.txt"
    titled.write_text("  China's Cyber Apparatus in 2024  \n\nThe bureau directs the group.\n", encoding="utf-8")
    assert read_document(titled).title == "China's Cyber Apparatus in 2024"
    untitled = tmp_path / "b.txt"
    untitled.write_text(PARAGRAPH + "\n\nMore text.\n", encoding="utf-8")
    assert read_document(untitled).title == "b.txt"
    edge = tmp_path / "c.txt"
    edge.write_text("x" * TITLE_CHARS + "\n", encoding="utf-8")
    assert read_document(edge).title == "x" * TITLE_CHARS


def test_the_gap_between_far_ends_is_counted_only_as_far_as_the_ranking_reads_it() -> None:
    from cyberstate.extract.ranking import _GAP_WORDS, _words_between

    text = "word " * 100_000 + "x" * 9000 + " end"
    assert _words_between(text, 0, len(text)) > _GAP_WORDS  # read from the gap's first 4,096 characters
    assert _words_between(text, 10, 60) == len(text[10:60].split())
    assert _words_between(text, 500_000, len(text)) == 2  # a prefix of no words: the whole gap is counted
    assert _words_between(text, 60, 10) == 0
