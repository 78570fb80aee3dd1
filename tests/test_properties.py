"""Property tests on every reader: whatever a curated file, a galaxy file or a query argument holds,
only the project's own typed errors (CyberstateError) come out, and a refused write changes nothing.

Example counts are modest (EXAMPLES per property) so `make test` stays quick; the generators aim at
the shapes the readers expect (the known fields, with values of every type) rather than at noise.
"""

from __future__ import annotations

import json
import os
import string
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cyberstate import KnowledgeBase
from cyberstate.errors import CyberstateError
from cyberstate.kb import check_as_of

EXAMPLES = int(os.environ.get("CYBERSTATE_EXAMPLES", "60"))  # raise it to hunt: CYBERSTATE_EXAMPLES=2000
RUN = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)

MINI = Path(__file__).parent / "data" / "mini"
IDS = ["report", "note", "riverton", "china", "example-group", "northern-bureau", "ministry-of-examples", "x"]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(IDS),
    st.sampled_from(["2024", "2024-03", "2024-13-45", "0000-00-00", "99999", "2024-02-30", "false", "   ", "[/b]"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


def record(fields: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(st.sampled_from(fields) | st.text(max_size=6), values, max_size=len(fields))


SOURCE = ["id", "title", "author", "publisher", "published", "url", "kind", "text", "cited_by", "cited_as", "note"]
ENTITY = ["id", "kind", "name", "names", "aliases", "sources", "assertor_type", "note", "iso", "code"]
CLAIM = ["subject", "predicate", "object", "value", "sources", "assertor", "basis", "confidence", "published"]
CLAIM += ["valid_from", "valid_to", "negated", "evidence", "marking", "status", "note"]

curated_docs = st.one_of(
    values,
    st.fixed_dictionaries(
        {},
        optional={
            "id": values,
            "defaults": record(CLAIM) | values,
            "sources": st.lists(record(SOURCE), max_size=3) | values,
            "entities": st.lists(record(ENTITY), max_size=3) | values,
            "claims": st.lists(record(CLAIM), max_size=4) | values,
        },
    ),
)

VALUE = ["value", "uuid", "description", "meta", "related"]
META = ["synonyms", "country", "refs", "cfr-suspected-state-sponsor", "external_id", "cfr-target-category"]
words = st.text(min_size=1, max_size=16) | st.sampled_from(["APT31", "Zirconium", "中国", " x ", "[/b]", "APT 31"])
well_formed_values = st.fixed_dictionaries(
    {"value": words, "uuid": st.uuids().map(str)},
    optional={
        "description": st.text(max_size=60),
        "meta": st.fixed_dictionaries(
            {},
            optional={
                "synonyms": st.lists(words, max_size=4),
                "country": st.sampled_from(["CN", "China", "", "RU", "XX"]) | st.lists(st.sampled_from(["CN", "IR"])),
                "refs": st.lists(st.text(max_size=20), max_size=2),
                "external_id": st.sampled_from(["G0001", "G9999", ""]),
                "cfr-suspected-state-sponsor": st.sampled_from(["China", "Atlantis", ""]),
                "cfr-target-category": st.lists(st.sampled_from(["Government", "Private sector", ""]), max_size=2),
            },
        ),
        "related": st.lists(
            st.fixed_dictionaries({"dest-uuid": st.uuids().map(str), "type": st.sampled_from(["similar", "uses", ""])}),
            max_size=2,
        ),
    },
)
well_formed_clusters = st.fixed_dictionaries(
    {
        "name": words,
        "type": st.sampled_from(["threat-actor", "intrusion-set", "malware", "tool", "sector"]),
        "uuid": st.uuids().map(str),
        "values": st.lists(well_formed_values, max_size=4),
    },
    optional={"description": st.text(max_size=30), "authors": st.lists(st.text(max_size=8), max_size=2)},
)
galaxy_docs = st.one_of(
    well_formed_clusters,
    values,
    st.fixed_dictionaries(
        {},
        optional={
            "name": st.text(min_size=1, max_size=10) | values,
            "type": st.just("threat-actor") | values,
            "uuid": values | st.uuids().map(str),
            "description": values,
            "values": st.lists(
                st.fixed_dictionaries(
                    {"value": st.text(max_size=20) | values, "uuid": st.uuids().map(str) | values},
                    optional={
                        "description": values,
                        "meta": record(META) | values,
                        "related": st.lists(record(["dest-uuid", "type", "tags"]), max_size=2) | values,
                    },
                ),
                max_size=3,
            )
            | values,
        },
    ),
)


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    db = tmp_path_factory.mktemp("prop") / "p.db"
    k = KnowledgeBase.open(db, create=True)
    k.load([MINI])
    yield k
    k.close()


def _only_our_errors(kb: KnowledgeBase, write: Any) -> None:
    before = kb.store.counts()
    try:
        write()
    except CyberstateError as e:
        assert "\n" not in str(e)
        assert kb.store.counts() == before  # refused: nothing written


@RUN
@given(doc=curated_docs)
def test_curated_files(kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory, doc: Any) -> None:
    f = tmp_path_factory.mktemp("y") / "gen.yaml"
    f.write_text(yaml.safe_dump(doc, allow_unicode=True))
    _only_our_errors(kb, lambda: kb.load([f]))


@RUN
@given(text=st.text(alphabet=st.sampled_from(list(string.printable + "&*!|>-:[]{}\u00e9\u4e2d")), max_size=200))
def test_curated_text(kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    f = tmp_path_factory.mktemp("t") / "gen.yaml"
    f.write_text(text)
    _only_our_errors(kb, lambda: kb.load([f]))


@RUN
@given(doc=galaxy_docs)
def test_galaxy_files(kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory, doc: Any) -> None:
    f = tmp_path_factory.mktemp("g") / "gen.json"
    f.write_text(json.dumps(doc, allow_nan=True))
    _only_our_errors(kb, lambda: kb.import_galaxy(paths=[f]))


@RUN
@given(text=st.text(max_size=120) | st.binary(max_size=120).map(lambda b: b.decode("latin-1")))
def test_galaxy_text(kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    f = tmp_path_factory.mktemp("gt") / "gen.json"
    f.write_text(text)
    _only_our_errors(kb, lambda: kb.import_galaxy(paths=[f]))


names = st.text(max_size=40) | st.sampled_from(["[/x]", "", " ", "*", '"', "APT\x00", "Example Group", "EG-1", "中"])
dates = st.text(max_size=12) | st.sampled_from(["2024", "2024-13", "1999-02-29", "9999-12-31", "-1", "2024-03-25"])


@RUN
@given(name=names, other=names, date=dates)
def test_query_arguments(kb: KnowledgeBase, name: str, other: str, date: str) -> None:
    for ask in (
        lambda: kb.resolve(name),
        lambda: kb.show(name),
        lambda: kb.chain(name),
        lambda: kb.timeline(name),
        lambda: kb.consensus(name, other),
        lambda: kb.province(name),
        lambda: kb.merges(name),
        lambda: kb.contested([name]),
        lambda: check_as_of(date),
        lambda: kb.diff(date, "2024"),
        lambda: kb.candidates(entity=name, document=other, predicate=name),
    ):
        try:
            ask()
        except CyberstateError as e:
            assert "\n" not in str(e)


#: Bytes a document reader may meet: text, markup, script, a PDF header with nothing valid behind it.
doc_bytes = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.sampled_from(
        [
            b"",
            b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF",
            b"%PDF-1.4\n" + b"\x00" * 64,
            b"<html><script>" + b"var a=1;" * 40 + b"</script><title>[/b]</title></html>",
            b"\xff\xfe\x00\x00",
            b"APT31 is linked to the Hubei State Security Department.",
        ]
    ),
)


@RUN
@given(data=doc_bytes, suffix=st.sampled_from([".txt", ".md", ".html", ".htm", ".pdf", ".bin", ""]))
def test_documents(kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str) -> None:
    f = tmp_path_factory.mktemp("d") / f"gen{suffix}"
    f.write_bytes(data)
    _only_our_errors(kb, lambda: kb.ingest([f]))


stix_values = values | st.sampled_from(["2.1", "2.0", "bundle", "identity", "relationship", "indicator--x"])
stix_objects = st.fixed_dictionaries(
    {},
    optional={
        "type": st.sampled_from(["intrusion-set", "identity", "relationship", "location", "malware"]) | stix_values,
        "id": st.uuids().map(lambda u: f"intrusion-set--{u}") | stix_values,
        "spec_version": st.sampled_from(["2.1", "2.0"]) | stix_values,
        "name": st.text(max_size=20) | stix_values,
        "aliases": st.lists(st.text(max_size=8), max_size=3) | stix_values,
        "relationship_type": st.sampled_from(["attributed-to", "related-to", "uses"]) | stix_values,
        "source_ref": st.uuids().map(lambda u: f"intrusion-set--{u}") | stix_values,
        "target_ref": st.uuids().map(lambda u: f"identity--{u}") | stix_values,
        "created": st.sampled_from(["2024-01-01T00:00:00.000Z", "2024-13-01", ""]) | stix_values,
        "confidence": st.integers(-5, 200) | stix_values,
    },
)
stix_bundles = st.one_of(
    stix_values,
    st.fixed_dictionaries(
        {"type": st.just("bundle") | stix_values, "id": st.uuids().map(lambda u: f"bundle--{u}") | stix_values},
        optional={"objects": st.lists(stix_objects, max_size=4) | stix_values},
    ),
)


@RUN
@given(doc=stix_bundles | st.text(max_size=120).map(lambda t: {"raw": t}))
def test_stix_bundles(kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory, doc: Any) -> None:
    from cyberstate.exchange.stix_import import import_bundle

    f = tmp_path_factory.mktemp("s") / "gen.json"
    f.write_text(doc["raw"] if isinstance(doc, dict) and set(doc) == {"raw"} else json.dumps(doc, allow_nan=True))
    _only_our_errors(kb, lambda: import_bundle(kb.store, f))
