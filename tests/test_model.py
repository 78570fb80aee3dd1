from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cyberstate.errors import InvalidRecord, VocabularyError
from cyberstate.model import Alias, Claim, Entity, Source, check_domain_range
from cyberstate.model.dates import earliest, parse_date
from cyberstate.model.names import norm
from cyberstate.model.vocab import PREDICATES, expand, marking_of


def test_entity_needs_known_kind() -> None:
    with pytest.raises(VocabularyError, match="unknown kind 'spaceship'"):
        Entity("x", "spaceship", "X")


def test_entity_ids_are_restricted() -> None:
    with pytest.raises(InvalidRecord, match="bad entity id"):
        Entity("Has Spaces", "person", "X")


def test_alias_detects_chinese() -> None:
    assert Alias("湖北省国家安全厅", "s").lang == "zh"
    assert Alias("Hubei MSS", "s").lang is None


def test_claim_requires_source_and_known_predicate() -> None:
    with pytest.raises(InvalidRecord, match="at least one source"):
        Claim("a", "operated_by", (), object="b")
    with pytest.raises(VocabularyError, match="unknown predicate 'runs'"):
        Claim("a", "runs", ("s",), object="b")


def test_literal_and_entity_predicates_are_distinct() -> None:
    with pytest.raises(InvalidRecord, match="literal value"):
        Claim("a", "responsible_for", ("s",), object="b")
    with pytest.raises(InvalidRecord, match="give an object"):
        Claim("a", "operated_by", ("s",), value="b")
    c = Claim("a", "quantity", ("s",), value={"amount": 300, "unit": "standards", "qualifier": "about"})
    assert c.value["amount"] == 300
    with pytest.raises(InvalidRecord, match="amount"):
        Claim("a", "quantity", ("s",), value={"amount": "many", "unit": "standards"})


@pytest.mark.parametrize("conf", [-1, 101, 50.5, True])
def test_confidence_range(conf: object) -> None:
    with pytest.raises(InvalidRecord, match="confidence"):
        Claim("a", "linked_to", ("s",), object="b", confidence=conf)  # type: ignore[arg-type]


def test_claim_id_is_content_derived() -> None:
    a = Claim("x", "operated_by", ("s1", "s2"), object="y", assertor="gov")
    b = Claim("x", "operated_by", ("s2", "s1"), object="y", assertor="gov", confidence=10)
    c = Claim("x", "operated_by", ("s1", "s2"), object="y", assertor="other")
    assert a.id == b.id
    assert a.id != c.id


def test_domain_and_range_are_checked() -> None:
    check_domain_range("operated_by", "threat_group", "provincial_bureau")
    with pytest.raises(VocabularyError, match="operated_by: subject kind 'law'"):
        check_domain_range("operated_by", "law", "provincial_bureau")
    with pytest.raises(VocabularyError, match="located_in: object kind 'threat_group'"):
        check_domain_range("located_in", "city", "threat_group")


def test_every_predicate_spec_expands() -> None:
    for p in PREDICATES.values():
        assert p.domain_kinds
        assert p.literal or p.range_kinds
    with pytest.raises(ValueError):
        expand("nonsense")


def test_dates_keep_precision() -> None:
    assert parse_date("2024") == "2024"
    assert parse_date(2016) == "2016"
    assert parse_date("2024-03-25") == "2024-03-25"
    assert earliest("2024-03").isoformat() == "2024-03-01"
    for bad in ("2024-13", "March 2024", "2024-02-30"):
        with pytest.raises(InvalidRecord):
            parse_date(bad)


def test_source_checks_url() -> None:
    with pytest.raises(InvalidRecord, match="URL"):
        Source("s", title="t", url="not a url")
    assert Source("s", title="t", text="abc").sha256 is not None


def test_marking_spellings() -> None:
    assert marking_of("amber+strict").value == "TLP:AMBER+STRICT"
    assert marking_of("TLP:CLEAR").value == "TLP:CLEAR"
    with pytest.raises(ValueError):
        marking_of("purple")


def test_norm_ignores_case_spacing_punctuation_diacritics() -> None:
    assert norm("APT 31") == norm("apt-31") == norm("APT31") == "apt31"
    assert norm("Pierșinaru") == norm("piersinaru")
    assert norm("湖北省") == "湖北省"


@given(st.text(max_size=40))
def test_norm_is_idempotent(s: str) -> None:
    assert norm(norm(s)) == norm(s)
