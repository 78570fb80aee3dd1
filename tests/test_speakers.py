"""Who speaks in a candidate's sentence, when the text names the speaker by the body or the state it speaks
for rather than by a stored name: the store reads the written words as `resolve` does (KnowledgeBase.speaker)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cyberstate import KnowledgeBase
from cyberstate.extract.candidates import titled


@pytest.mark.parametrize(
    ("said", "who"),
    [
        ("US authorities", "united-states"),
        ("the Chinese government", "china"),
        ("Chinese Embassy in Riverton", "china"),  # an embassy speaks for its state
        ("a spokesperson for the Chinese Embassy in Riverton", "china"),
        ("The Chinese ambassador to Freedonia, Li Ming", "china"),
        ("a Chinese foreign ministry spokesperson", "china-mfa"),  # a spokesperson for the body
        ("China's Foreign Ministry", "china-mfa"),
    ],
)
def test_a_speaker_named_by_what_it_speaks_for(curated: KnowledgeBase, said: str, who: str) -> None:
    assert curated.speaker(said) == who


@pytest.mark.parametrize(
    "said",
    [
        "a foreign ministry spokesperson",  # whose ministry, the words do not say
        "the embassy",
        "embassy in Riverton",
        "Beijing",  # a place, which asserts nothing
        "the Martian government",
    ],
)
def test_a_speaker_the_words_do_not_name(curated: KnowledgeBase, said: str) -> None:
    assert curated.speaker(said) is None


def test_an_ingested_candidate_takes_the_state_its_embassy_speaks_for(curated_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    shutil.copy(curated_db, db)
    doc = tmp_path / "statement.txt"
    doc.write_text(
        "According to the Chinese Embassy in Riverton, APT31 is run by the Ministry of State Security.\n\n"
        "According to an embassy in Riverton, APT41 is run by the Ministry of State Security.\n",
        encoding="utf-8",
    )
    with KnowledgeBase.open(db) as kb:
        kb.ingest([doc], publisher="Test desk")
        claims = {c.subject: c for c in kb.store.iter_claims(predicate="operated_by", statuses=("candidate",))}
    assert claims["apt31"].assertor == "china"
    assert claims["apt41"].assertor is None
    assert "assertor as written: embassy in Riverton" in (claims["apt41"].note or "")


def test_one_written_speaker_in_several_documents_reads_as_it_does_alone(curated_db: Path, tmp_path: Path) -> None:
    """An ingest reads each written assertor once and keeps the answer for the documents after it: the same
    answers as `speaker` gives, in every document, whichever document asks first."""
    db = tmp_path / "kb.db"
    shutil.copy(curated_db, db)
    docs = tmp_path / "docs"
    docs.mkdir()
    lines = [
        "According to the Chinese Embassy in Riverton, APT31 is run by the Ministry of State Security.",
        "According to an embassy in Riverton, APT41 is run by the Ministry of State Security.",
    ]
    for i in range(4):
        (docs / f"{i}.txt").write_text(f"{lines[i % 2]}\n\n{lines[(i + 1) % 2]}\n\nNote {i}.\n", encoding="utf-8")
    with KnowledgeBase.open(db) as kb:
        kb.ingest([docs], publisher="Test desk")
        claims = list(kb.store.iter_claims(predicate="operated_by", statuses=("candidate",)))
        alone = {w: kb.speaker(w) for w in ("Chinese Embassy in Riverton", "embassy in Riverton")}
    assert alone == {"Chinese Embassy in Riverton": "china", "embassy in Riverton": None}
    assert len(claims) == 8
    assert {c.assertor for c in claims if c.subject == "apt31"} == {"china"}
    assert {c.assertor for c in claims if c.subject == "apt41"} == {None}


_STATEMENT = (
    "Asked about the report, Chinese Foreign Ministry spokesperson Li Ming said the claims were groundless. "
    "Zhou Ping, spokesperson for the Chinese Embassy in Freedonia, said China opposes hacking. "
    "Chen Hao, a researcher, said nothing. Li added that the accusations were smears."
)


@pytest.mark.parametrize(
    ("said", "words", "who"),
    [
        ("Li Ming", "Chinese Foreign Ministry spokesperson Li Ming", "china-mfa"),
        ("Li", "Chinese Foreign Ministry spokesperson Li", "china-mfa"),  # the short name, titled where it is in full
        ("Zhou Ping", "Zhou Ping, spokesperson for the Chinese Embassy in Freedonia", "china"),
    ],
)
def test_a_speaker_named_by_name_speaks_for_what_the_document_titles_them(
    curated: KnowledgeBase, said: str, words: str, who: str
) -> None:
    assert titled(_STATEMENT, said) == words
    assert curated.speaker(words) == who


def test_a_name_the_document_gives_no_speaker_title_stays_as_written() -> None:
    assert titled(_STATEMENT, "Chen Hao") is None  # a researcher speaks for no body
    assert titled(_STATEMENT, "the researchers") is None  # no person's name
