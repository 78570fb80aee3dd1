"""The domain rules (model/rules.py): one ladder, one set of attributing and placing predicates, one
set of response kinds, one Chinese-character range, and every analysis using them."""

from __future__ import annotations

import importlib

from cyberstate.model import names, rules
from cyberstate.model.vocab import KINDS

# the modules (cyberstate.analysis exports functions of the same names)
chain, consensus, coverage, province, theses, timeline = (
    importlib.import_module(f"cyberstate.analysis.{m}")
    for m in ("chain", "consensus", "coverage", "province", "theses", "timeline")
)


def test_levels_run_from_the_country_to_a_person() -> None:
    assert rules.LEVELS == ("none", "country", "agency", "provincial bureau", "front company", "person")
    assert [rules.level_rank(x) for x in rules.LEVELS] == list(range(6))
    assert set(rules.LEVEL_KINDS) == set(rules.LEVELS[1:])
    assert all(k in KINDS for ks in rules.LEVEL_KINDS.values() for k in ks)


def test_a_military_units_level_comes_from_its_place_in_the_data() -> None:
    # placed (located in a province, city, region or zone): a unit or bureau, at the bureau level
    for place in ("province", "city", "region", "special_economic_zone"):
        assert rules.level_of("military_unit", [place]) == "provincial bureau" == rules.level_of("provincial_bureau")
    # unplaced, or placed only in a country: a national branch or service, at the agency level
    assert rules.level_of("military_unit") == "agency" == rules.level_of("ministry")
    assert rules.level_of("military_unit", ["country"]) == "agency"
    # under a body at the bureau level (a sub-unit of a placed unit): placed too; under a national one: not
    assert rules.level_of("military_unit", [], ["provincial bureau"]) == "provincial bureau"
    assert rules.level_of("military_unit", [], ["agency", "country"]) == "agency"
    # every other kind keeps its kind's level, wherever it is
    assert rules.level_of("municipal_bureau", []) == "provincial bureau"
    assert rules.level_of("ministry", ["city"]) == "agency"
    assert rules.level_of("threat_group", ["province"]) == "none"
    assert rules.RUNG["military_unit"] == rules.RUNG["provincial_bureau"] < rules.RUNG["ministry"]
    assert "military_unit" in rules.PROVINCIAL_KINDS and "military_unit" not in rules.CENTRAL_KINDS
    assert rules.level_of_kind("threat_group") == "none"


def test_the_analyses_read_a_bodys_level_through_the_one_rule() -> None:
    import inspect

    from cyberstate.analysis import graph

    assert "level_of(" in inspect.getsource(graph.Graph.level)
    for module in (chain, coverage, theses):
        src = inspect.getsource(module)
        assert "g.level(" in src and "LEVEL_KINDS" not in src and "PROVINCIAL_KINDS" not in src


def test_the_state_is_the_country_or_a_central_organ() -> None:
    assert rules.CENTRAL_KINDS | {"country"} == rules.STATE_KINDS
    assert not rules.STATE_KINDS & rules.PROVINCIAL_KINDS


def test_one_set_of_attributing_predicates_and_response_kinds() -> None:
    assert theses.ATTRIBUTING is timeline.ATTRIBUTING is coverage.ATTRIBUTING is rules.ATTRIBUTING
    assert timeline.RESPONSES is consensus.RESPONSE_KINDS is rules.RESPONSE_KINDS
    assert set(theses.RESPONSES) == set(rules.RESPONSE_KINDS)
    assert list(rules.LEVELS) == chain.DEPTHS
    assert all(k in KINDS for k in rules.RESPONSE_KINDS)


def test_placing_never_follows_shared_concepts_neighbours_or_weak_links() -> None:
    preds = {p for p, _rev, _kinds in rules.PLACING}
    assert not preds & {"part_of", "borders", "linked_to", "targeted", "supports"}
    assert ("located_in", True, None) in rules.PLACING
    assert province.PLACING is rules.PLACING


def test_one_chinese_character_range() -> None:
    assert rules.has_han("湖北省国家安全厅") and names.has_han("湖北")
    assert rules.has_han("\u3400") and rules.has_han("\uf900")  # extension A, compatibility ideographs
    assert not rules.has_han("APT31") and not rules.has_han("ア")
    assert rules.is_han("北") and not rules.is_han("a")
    from cyberstate.ingest import galaxy
    from cyberstate.resolve import names as resolve_names

    assert galaxy._HAN is rules.HAN and resolve_names._HAN is rules.HAN


def test_what_a_denial_disputes() -> None:
    denial_disputes = rules.denial_disputes
    assert denial_disputes("operated_by", "operated_by")
    assert denial_disputes("linked_to", "operated_by") and denial_disputes("linked_to", "member_of_group")
    assert denial_disputes("attributed_to", "operated_by")
    assert not denial_disputes("operated_by", "linked_to"), "a denial of a specific tie leaves a weaker one"
    assert not denial_disputes("operated_by", "attributed_to")
    assert not denial_disputes("linked_to", "related_to") and denial_disputes("related_to", "linked_to")
    assert not denial_disputes("linked_to", "same_as") and not denial_disputes("same_as", "linked_to")
