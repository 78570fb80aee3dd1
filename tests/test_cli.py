"""Every command, run for real as a subprocess, on the curated knowledge base."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import MINI


def test_help_lists_every_command(cli: Any) -> None:
    r = cli("--help")
    assert r.code == 0
    for cmd in ("load", "resolve", "show", "chain", "province", "apparatus", "stats", "check", "tour", "vocab"):
        assert cmd in r.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["resolve", "apt 31"],
        ["show", "APT31"],
        ["chain", "APT31"],
        ["province", "Hainan"],
        ["apparatus"],
        ["stats"],
        ["check"],
        ["vocab"],
        ["tour"],
    ],
)
def test_json_is_one_document(cli: Any, curated_db: Path, args: list[str]) -> None:
    r = cli(*args, "--json", db=curated_db)
    assert r.code == 0, r.stderr
    json.loads(r.stdout)  # exactly one document: json.loads refuses trailing data


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show"], "cyberstate show: Missing argument 'name'."),
        (
            ["chain", "apt31", "--limit", "abc"],
            "cyberstate chain: Invalid value for '--limit': 'abc' is not a valid int.",
        ),
        (["show", "apt31", "--bogus"], "cyberstate show: No such option: --bogus"),
        (["nosuchcommand"], "cyberstate: No such command 'nosuchcommand'."),
        (["export", "stix"], "cyberstate export stix: Missing option '-o' / '--output'."),
    ],
)
def test_a_usage_error_with_json_is_one_json_document(
    cli: Any, curated_db: Path, args: list[str], message: str
) -> None:
    """With --json a usage error is a `UsageError` document on stdout, as every other error is (stdout held
    nothing, the parser's message went to stderr alone); exit 2 and the message on stderr, as without it."""
    for where in (["--json", *args], [*args, "--json"]):
        r = cli(*where, db=curated_db)
        assert r.code == 2 and r.json() == {"error": {"type": "UsageError", "message": message}}, r.stdout
        assert message.split(": ", 1)[1] in r.stderr
    r = cli(*args, db=curated_db)
    assert r.code == 2 and r.stdout == "" and message.split(": ", 1)[1].rstrip(".") in r.stderr


@pytest.mark.parametrize("args", [["resolve", "apt31"], ["show", "apt31"], ["chain", "apt31"], ["apparatus"]])
def test_human_output(cli: Any, curated_db: Path, args: list[str]) -> None:
    r = cli(*args, db=curated_db)
    assert r.code == 0 and r.stdout.strip(), r.stderr


def test_resolve_shape_and_forms(cli: Any, curated_db: Path) -> None:
    for q in ("apt 31", "APT-31", "Judgment Panda"):
        doc = cli("resolve", q, "--json", db=curated_db).json()
        assert doc["query"] == q
        m = doc["matches"][0]
        assert {"id", "name", "kind", "matched", "score"} <= set(m)
        assert m["id"] == "apt31", q


def test_an_id_in_any_case(cli: Any, curated_db: Path) -> None:
    """An entity id works in any case, as names do: `Russia` is the id `russia` of the Russian Federation (which
    the curated data names no other way), `HUBEI-SSD` is `hubei-ssd`; a name that matches keeps its own reading."""
    for q, eid in (("Russia", "russia"), ("HUBEI-SSD", "hubei-ssd"), ("Hubei-Ssd", "hubei-ssd")):
        m = cli("resolve", q, "--json", db=curated_db).json()["matches"][0]
        assert (m["id"], m["score"], m["how"]) == (eid, 100.0, "id"), q
    assert cli("chain", "HUBEI-SSD", "--json", db=curated_db).json()["from"]["id"] == "hubei-ssd"
    m = cli("resolve", "APT31", "--json", db=curated_db).json()["matches"][0]
    assert (m["id"], m["how"]) == ("apt31", "name")


def test_resolve_refuses_a_limit_below_one(cli: Any, curated_db: Path) -> None:
    """`resolve NAME --limit 0` says what is wrong with the limit, as `chain` and `province` do; it said
    "no entity matches 'apt31'" of a name that matches."""
    for n in ("0", "-2"):
        r = cli("resolve", "apt31", "--limit", n, db=curated_db)
        assert r.code == 1 and r.stderr.strip() == f"error: --limit {n}: give a positive number", r.stderr
        assert "no entity matches" not in r.stdout
    assert len(cli("resolve", "apt31", "--limit", "1", "--json", db=curated_db).json()["matches"]) == 1


def test_resolve_refuses_a_context_name_that_denotes_no_one_entity(cli: Any, curated_db: Path) -> None:
    """`resolve NAME --context X` of an unknown or shared X is one error line naming the option and X, exit 1;
    X was skipped, and the answer printed as if the context had been weighed."""
    ok = cli("resolve", "HSSD", "--context", "APT40", "--json", db=curated_db).json()["matches"][0]
    assert (ok["id"], ok["how"]) == ("hainan-ssd", "context")
    for args, why in (
        (("--context", "APT40", "--context", "Nosuchxyz"), "--context: no entity matches 'Nosuchxyz'"),
        (("--context", "HSSD"), "--context: 'HSSD' matches 2 entities: "),
    ):
        r = cli("resolve", "HSSD", *args, db=curated_db)
        assert r.code == 1 and r.stdout == "" and r.stderr.startswith(f"error: {why}"), r.stderr
        doc = cli("resolve", "HSSD", *args, "--json", db=curated_db).json()
        assert doc["error"]["message"].startswith(why) and "matches" not in doc


def test_province_takes_a_limit_or_all_not_both(cli: Any, curated_db: Path) -> None:
    """`province NAME --all --limit N` is refused with the reason; it listed everything and dropped the limit."""
    r = cli("province", "Hubei", "--all", "--limit", "2", db=curated_db)
    assert r.code == 1 and r.stderr.strip() == "error: --limit 2 and --all: give one of them", r.stderr
    whole = cli("province", "Hubei", "--all", "--json", db=curated_db).json()
    assert whole["left_out"] == 0 and len(whole["linked"]) == whole["total"] > 2
    assert len(cli("province", "Hubei", "--limit", "2", "--json", db=curated_db).json()["linked"]) == 2


def test_stats_takes_coverage_or_sources_not_both(cli: Any, curated_db: Path) -> None:
    """`stats --coverage --sources` is refused with the reason (it printed a traceback, KeyError
    'by_assertor_type'), and `--country` without `--coverage`, which it went with, is not dropped silently."""
    for args, message in (
        (("--coverage", "--sources"), "error: --coverage and --sources: give one of them"),
        (("--country", "Russia"), "error: --country Russia: goes with --coverage"),
        (("--sources", "--country", "Russia"), "error: --country Russia: goes with --coverage"),
    ):
        r = cli("stats", *args, db=curated_db)
        assert r.code == 1 and r.stderr.strip() == message and "Traceback" not in r.stderr, (args, r.stderr)
        assert cli("stats", *args, "--json", db=curated_db).json()["error"]["type"] == "InvalidRecord"
    russia = cli("stats", "--coverage", "--country", "Russia", "--json", db=curated_db).json()
    china = cli("stats", "--coverage", "--json", db=curated_db).json()
    assert (
        russia["country"] != china["country"]
        and "by_assertor_type" in cli("stats", "--sources", "--json", db=curated_db).json()
    )


def test_diff_names_the_date_option_that_is_wrong(cli: Any, curated_db: Path) -> None:
    """`diff --from X` or `--to X` that is no date, or in the future, names --from or --to (it said --as-of,
    an option the command was not given)."""
    for args, message in (
        (("--from", "soon", "--to", "2020"), "error: --from 'soon': not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"),
        (("--from", "2019", "--to", "2020-13"), "error: --to '2020-13': not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"),
        (("--from", "2019", "--to", "2999"), "error: --to '2999' is in the future"),
    ):
        r = cli("diff", *args, db=curated_db)
        assert r.code == 1 and r.stderr.strip() == message, (args, r.stderr)
    r = cli("--as-of", "someday", "stats", db=curated_db)
    assert r.code == 1 and r.stderr.strip() == "error: --as-of 'someday': not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"


def test_merges_takes_a_name_or_conflicts_not_both(cli: Any, curated_db: Path) -> None:
    """`merges NAME --conflicts` is refused with the reason: it listed every conflict of the store and dropped the
    name, which read as the conflicts of that entity."""
    r = cli("merges", "APT31", "--conflicts", db=curated_db)
    assert r.code == 1 and r.stdout == "", r.stdout
    assert (
        r.stderr.strip() == "error: APT31 and --conflicts: give one of them (`merges APT31` lists its links kept apart)"
    )
    assert cli("merges", "APT31", "--conflicts", "--json", db=curated_db).json()["error"]["type"] == "InvalidRecord"
    assert "conflicts" in cli("merges", "--conflicts", "--json", db=curated_db).json()
    assert "kept_apart" in cli("merges", "APT31", "--json", db=curated_db).json()


def test_servers_refuse_an_address_they_cannot_listen_on(cli: Any, curated_db: Path) -> None:
    """`serve` and `taxii` on a port out of range, or taken, or an address not of this machine, end with one line
    and say nothing about being up (a port out of range printed a traceback, OverflowError; a taken one printed
    the address as served, then uvicorn's error)."""
    import socket

    for command in ("serve", "taxii"):
        r = cli(command, "--port", "99999", db=curated_db)
        assert r.code == 2 and "Traceback" not in r.stderr and "1<=x<=65535" in r.stderr, r.stderr
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        for command in ("serve", "taxii"):
            r = cli(command, "--port", str(port), db=curated_db, timeout=60)
            assert (
                r.code == 1 and r.stderr.strip() == f"error: cannot listen on 127.0.0.1:{port} (Address already in use)"
            )
            # --json after the command, as every other command takes it (it was "No such option: --json")
            r = cli(command, "--port", str(port), "--json", db=curated_db, timeout=60)
            assert r.code == 1, (r.code, r.stdout, r.stderr)
            assert r.json()["error"]["message"] == f"cannot listen on 127.0.0.1:{port} (Address already in use)"


def test_a_country_is_asked_of_theses_and_coverage(cli: Any, curated_db: Path) -> None:
    """`theses --country X` and `stats --coverage --country X` of a name that is no country are refused with
    its kind (they took APT31 for the country and answered about it: theses found APT31's operations reaching
    Hubei "for" APT31, coverage listed no group)."""
    for args in (("theses", "--country", "APT31"), ("stats", "--coverage", "--country", "APT31")):
        r = cli(*args, db=curated_db)
        assert r.code == 1 and r.stderr.strip() == "error: 'APT31' is a threat_group, not a country", (args, r.stderr)
        assert cli(*args, "--json", db=curated_db).json()["error"]["type"] == "WrongKind"
    assert cli("theses", "--country", "Russia", "--json", db=curated_db).json()["country"]["id"] == "russia"


def test_show_as_of_a_date_lists_only_the_names_and_sources_known_then(cli: Any, curated_db: Path) -> None:
    """`--as-of 2015 show MSS` lists no name or source published after 2015 (it listed Pierșinaru's 2024 names
    and the 2024 article among its sources, while `--as-of 2015 resolve` rightly no longer knew those names)."""
    now = cli("show", "mss", "--json", db=curated_db).json()
    then = cli("--as-of", "2015", "show", "mss", "--json", db=curated_db).json()
    assert "State Security Ministry" in {a["name"] for a in now["aliases"]}
    assert "piersinaru-2024" in {s["id"] for s in now["sources"]}
    assert {a["source"] for a in then["aliases"]}.isdisjoint({"piersinaru-2024"}) and then["aliases"]
    assert all((s.get("published") or "0") <= "2015" for s in then["sources"]) and then["sources"]
    assert (
        cli("--as-of", "2015", "resolve", "State Security Ministry", "--json", db=curated_db).json()["matches"][0][
            "score"
        ]
        < 90
    )


def test_show_as_of_a_date_marks_a_name_its_source_does_not_date(cli: Any, curated_db: Path) -> None:
    """As of a date `resolve` marks a name whose source gives no date `undated` (not known to be in use then);
    `show` listed the same names plainly (Volt Typhoon's galaxy names, coined from 2021 on, as its names as of
    2015). It marks them too, on the command line and in JSON; the entity's own name is never undated."""
    then = cli("--as-of", "2022", "show", "hainan-ssd", "--json", db=curated_db).json()
    names = {a["name"]: a["undated"] for a in then["aliases"]}
    assert names["Hainan MSS branch"] is True  # the Binding Hook page shows no date
    found = cli("--as-of", "2022", "resolve", "Hainan MSS branch", "--json", db=curated_db).json()["matches"][0]
    assert found["id"] == "hainan-ssd" and found["undated"] is True
    assert not any(a["undated"] for a in cli("show", "hainan-ssd", "--json", db=curated_db).json()["aliases"])
    text = " ".join(cli("--as-of", "2022", "show", "hainan-ssd", db=curated_db).stdout.split())
    assert "Hainan MSS branch (bindinghook-provincial, undated)" in text, text[:500]
    assert "undated: not known to be in use by 2022" in text


def test_show_shape(cli: Any, curated_db: Path) -> None:
    doc = cli("show", "Hubei State Security Department", "--json", db=curated_db).json()
    assert {"id", "name", "kind", "aliases", "claims"} <= set(doc)
    c = doc["claims"][0]
    assert {
        "id",
        "subject",
        "predicate",
        "object",
        "confidence",
        "negated",
        "assertor",
        "sources",
        "valid_from",
        "valid_to",
    } <= set(c)
    assert all({"title", "url", "published"} <= set(s) for s in c["sources"])


def test_chain_shape(cli: Any, curated_db: Path) -> None:
    doc = cli("chain", "APT31", "--json", db=curated_db).json()
    assert doc["from"]["id"] == "apt31" and doc["from"]["kind"] == "threat_group"
    ch = doc["chains"][0]
    assert {"hops", "province", "confidence"} <= set(ch)
    assert {"subject", "predicate", "object", "claims", "confidence"} <= set(ch["hops"][0])


def test_province_shape(cli: Any, curated_db: Path) -> None:
    doc = cli("province", "Hainan", "--json", db=curated_db).json()
    assert doc["province"] == {"id": "hainan", "name": "Hainan", "code": "CN-HI"}
    assert all({"id", "name", "kind", "via"} <= set(r) for r in doc["linked"])
    assert sum(doc["counts"].values()) == len(doc["linked"])


def test_unknown_name(cli: Any, curated_db: Path) -> None:
    r = cli("show", "Zzyzx Panda", db=curated_db)
    assert r.code == 1
    assert "no entity matches 'Zzyzx Panda'" in r.stderr
    r = cli("chain", "Hubai", "--json", db=curated_db)
    assert r.code == 1
    err = r.json()["error"]
    assert err["type"] == "EntityNotFound" and any(c["id"] == "hubei" for c in err["closest"])


def test_not_a_province(cli: Any, curated_db: Path) -> None:
    r = cli("province", "APT31", db=curated_db)
    assert r.code == 1 and "not a province" in r.stderr


def test_apparatus_is_asked_from_a_body_or_a_state(cli: Any, curated_db: Path) -> None:
    """`apparatus --root APT40` (or a law) printed the group as the root of a governance tree with nothing
    under it, which reads as a body with no subordinates; it is refused with its kind, as a city asked as a
    province is, and a body or the country still heads one."""
    for name, kind in (("APT40", "threat_group"), ("Cybersecurity Law", "law")):
        r = cli("apparatus", "--root", name, db=curated_db)
        assert r.code == 1 and f"'{name}' is a {kind}, not a body or country" in r.stderr, r.stderr
        err = cli("--json", "apparatus", "--root", name, db=curated_db).json()["error"]
        assert err["type"] == "WrongKind"
    roots = cli("--json", "apparatus", "--root", "CAC", db=curated_db).json()["roots"]
    assert roots[0]["id"] == "cac" and roots[0]["laws"]
    china = cli("--json", "apparatus", "--root", "China", db=curated_db).json()["roots"][0]
    assert "mss" in {c["id"] for c in china["children"]}


def test_a_denied_tie_is_marked_on_the_command_line_and_in_the_dossier(
    cli: Any, curated_db: Path, tmp_path: Path
) -> None:
    """China's defence ministry denies that PLA Unit 61398 runs APT1: the province page marks APT1's entry
    under Shanghai, but `province Shanghai` printed it as undisputed, and the printable dossier marked
    neither a denied entry nor a contested chain (APT1's, or a province's entries under Boyusec)."""
    doc = cli("--json", "province", "Shanghai", db=curated_db).json()
    apt1 = next(r for r in doc["linked"] if r["id"] == "apt1")
    assert apt1["denied"]
    lines = cli("province", "Shanghai", db=curated_db, env={**os.environ, "COLUMNS": "400"}).stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if re.match(r"│ APT1\s+│ threat_group\s+│", line))
    assert "a source denies a tie on its way" in lines[at + 1], lines[at : at + 2]
    shanghai = tmp_path / "shanghai.html"
    assert cli("report", "Shanghai", "-o", shanghai, db=curated_db).code == 0
    assert "a source denies a tie on its way" in shanghai.read_text()
    apt1_html = tmp_path / "apt1.html"
    assert cli("report", "APT1", "-o", apt1_html, db=curated_db).code == 0
    assert "contested: a source denies a step" in apt1_html.read_text()


def test_a_response_before_the_first_operation_is_said_to_come_before_it(cli: Any, curated_db: Path) -> None:
    """The MSS was attributed APT10's campaign in December 2018 and indicted in October 2018; the first operation
    the data dates as its own is of 2021, so the lag is negative, and the timeline printed "-743 days after the
    first operation". It says how many days before now; the JSON keeps the signed number."""
    doc = cli("--json", "timeline", "MSS", db=curated_db).json()
    lag = doc["lags"]["first_government_attribution"]
    assert lag["days_after_first_operation"] < 0
    text = " ".join(cli("timeline", "MSS", db=curated_db, env={**os.environ, "COLUMNS": "400"}).stdout.split())
    assert f"{-lag['days_after_first_operation']} days before the first operation the data dates" in text, text[-400:]
    assert "-7" not in text.split("first government attribution:")[1]


def test_missing_db(cli: Any, tmp_path: Path) -> None:
    r = cli("show", "APT31", db=tmp_path / "none.db")
    assert r.code == 1 and "run `cyberstate load` first" in r.stderr
    assert not (tmp_path / "none.db").exists()


def test_not_a_store_is_never_overwritten(cli: Any, tmp_path: Path) -> None:
    f = tmp_path / "notes.db"
    f.write_text("my notes")
    r = cli("load", db=f)
    assert r.code == 1 and "not a cyberstate store" in r.stderr
    assert f.read_text() == "my notes"


def test_load_twice_and_bad_file(cli: Any, tmp_path: Path) -> None:
    data = tmp_path / "mini"
    shutil.copytree(MINI, data)
    db = tmp_path / "k.db"
    first = cli("load", data, "--json", db=db).json()
    second = cli("load", data, "--json", db=db).json()
    assert first["read"] == second["read"]
    assert second["changed"] == {"sources": 0, "entities": 0, "claims": 0}
    stats = cli("stats", "--json", db=db).json()
    (data / "zz.yaml").write_text(
        "claims:\n  - {subject: ghost, predicate: operated_by, object: riverton, sources: [note]}\n"
    )
    r = cli("load", data, db=db)
    assert r.code == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "zz.yaml" in lines[0] and "ghost" in lines[0]
    assert cli("stats", "--json", db=db).json() == stats


def test_env_db(cli: Any, tmp_path: Path) -> None:
    data = tmp_path / "mini"
    shutil.copytree(MINI, data)
    env = {**os.environ, "CYBERSTATE_DB": str(tmp_path / "env.db")}
    assert cli("load", data, env=env).code == 0
    assert (tmp_path / "env.db").exists()
    assert cli("resolve", "Riverton", "--json", env=env).json()["matches"][0]["id"] == "riverton"


def test_ambiguous_name_exits_1(cli: Any, tmp_path: Path) -> None:
    data = tmp_path / "mini"
    shutil.copytree(MINI, data)
    (data / "zz.yaml").write_text(
        "entities:\n  - {id: other-group, kind: threat_group, name: Other Group, aliases: [{name: EG-1, source: note}],"
        " sources: [note]}\n"
    )
    db = tmp_path / "k.db"
    assert cli("load", data, db=db).code == 0
    r = cli("show", "EG-1", db=db)
    assert r.code == 1 and "matches 2 entities" in r.stderr
    assert "other-group" in r.stderr and "example-group" in r.stderr
    doc = cli("resolve", "EG-1", "--json", db=db).json()
    assert {m["id"] for m in doc["matches"]} >= {"other-group", "example-group"}


def test_contested_takes_a_comma_list_of_kinds_as_the_api_does(cli: Any, curated_db: Path) -> None:
    """`contested --kind value,negation` was refused as one unknown kind while `/api/contested?kind=value,negation`
    took it: both forms, and the repeated option, now give the same answer."""
    listed = cli("contested", "--kind", "value,negation", "--json", db=curated_db)
    assert listed.code == 0, listed.stderr
    repeated = cli("contested", "--kind", "value", "--kind", "negation", "--json", db=curated_db)
    assert listed.json() == repeated.json()
    assert {i["kind"] for i in listed.json()["items"]} <= {"value", "negation"}
    spaced = cli("contested", "--kind", "value, negation,", "--json", db=curated_db)
    assert spaced.json() == listed.json()
    bad = cli("contested", "--kind", "value,gossip", db=curated_db)
    assert bad.code != 0 and "gossip" in bad.stderr


def test_stats_text_counts_claims_by_status_as_the_json_does(cli: Any, curated_db: Path, tmp_path: Path) -> None:
    """`stats` and `tour` printed "N claims": every claim, the candidates awaiting review with the accepted ones,
    while the table under it, the home page and every other figure count accepted claims. The line now gives
    the accepted claims and the candidates apart, as `stats --json` ("claims") and the home page do."""
    db = tmp_path / "k.db"
    shutil.copy(curated_db, db)
    doc = tmp_path / "doc.txt"
    doc.write_text("APT31 is operated by the Hubei State Security Department, according to the indictment.\n")
    assert cli("ingest", doc, db=db).code == 0
    claims = cli("stats", "--json", db=db).json()["claims"]
    assert claims.get("candidate") and claims.get("accepted"), claims
    want = f"{claims['accepted']} accepted claims, {claims['candidate']} candidates to review, "
    first = cli("stats", db=db).stdout.splitlines()[0]
    assert want in first and f" {sum(claims.values())} claims" not in first, first
    assert want in cli("tour", db=db).stdout


def test_contested_text_lists_who_runs_an_organisation(cli: Any, curated_db: Path) -> None:
    """`contested` without --json ended in a traceback (KeyError: 'predicate') at the first ownership item,
    which has sides of bodies rather than a predicate: `contested` and `contested --kind ownership` failed on
    the curated store. Each such item is now a line naming the organisation and a line per side."""
    doc = cli("contested", "--kind", "ownership", "--json", db=curated_db).json()
    assert doc["items"], "the curated store places some organisation under two bodies"
    r = cli("contested", "--kind", "ownership", db=curated_db)
    assert r.code == 0 and "Traceback" not in r.stderr, r.stderr
    lines = r.stdout.splitlines()
    heads = [x for x in lines if x.startswith("ownership who runs ")]
    assert [h.removeprefix("ownership who runs ") for h in heads] == [i["subject"]["name"] for i in doc["items"]]
    sides = [x.removeprefix("    side: ") for x in lines if x.startswith("    side: ")]
    bodies = [", ".join(b["name"] for b in side["bodies"]) for i in doc["items"] for side in i["sides"]]
    assert len(sides) == len(bodies) and all(s.startswith(b + " (") for s, b in zip(sides, bodies, strict=True))
    every = cli("contested", db=curated_db)
    assert every.code == 0 and "ownership who runs " in every.stdout, every.stderr


@pytest.mark.parametrize("group", [["import"], ["export"], []])
def test_a_group_without_its_command_with_json_is_one_json_document(
    cli: Any, curated_db: Path, group: list[str]
) -> None:
    """`cyberstate --json import` printed the group's help on stdout and a UsageError with no message after it:
    under --json it is one document saying the command is missing, exit 2, the usage line on stderr. Without
    --json the help is shown as before."""
    where = " ".join(["cyberstate", *group])
    r = cli("--json", *group, db=curated_db)
    assert r.code == 2
    assert r.json() == {"error": {"type": "UsageError", "message": f"{where}: Missing command."}}, r.stdout
    assert f"Usage: {where}" in r.stderr
    if group:
        plain = cli(*group, db=curated_db)
        assert "Usage:" in plain.stdout and "COMMAND" in plain.stdout


def test_timeline_without_dated_events_says_so_in_one_line(cli: Any, curated_db: Path) -> None:
    """`timeline` of an entity with no dated events printed an empty table and three lags of none."""
    assert cli("timeline", "shanxi", "--json", db=curated_db).json()["events"] == []
    r = cli("timeline", "shanxi", db=curated_db)
    assert r.code == 0 and r.stdout.strip() == "no dated events about Shanxi in the data", r.stdout
    dated = cli("timeline", "apt31", db=curated_db)
    assert dated.code == 0 and "timeline of APT31" in dated.stdout


def test_an_empty_chain_or_timeline_as_of_a_date_says_by_when(cli: Any, curated_db: Path) -> None:
    """As of 2015 Volt Typhoon has no chain and no dated event: the command line said "no chain in the data" and
    "no dated events about Volt Typhoon in the data", as if there were none at all, where the chain page and the
    other empty answers say "published by 2015"."""
    chain = cli("--as-of", "2015", "chain", "Volt Typhoon", db=curated_db)
    assert chain.stdout.strip() == "Volt Typhoon (threat_group): no chain in the data published by 2015", chain.stdout
    timeline = cli("--as-of", "2015", "timeline", "Volt Typhoon", db=curated_db)
    assert timeline.stdout.strip() == "no dated events about Volt Typhoon in the data published by 2015"
    assert "no chain in the data reaches" not in cli("chain", "Volt Typhoon", db=curated_db).stdout


def test_timeline_keeps_an_undated_government_attribution(cli: Any, curated_db: Path) -> None:
    """New Zealand's GCSB attributes the Parliamentary Counsel Office compromise to APT40 in a release that
    shows no date: the timeline left the attribution out and said "first government attribution: none in
    the data". It is an undated row now, and the lag says the data has one it does not date."""
    doc = cli("timeline", "nz-parliament-compromise-2021", "--json", db=curated_db).json()
    rows = [e for e in doc["events"] if e["kind"] == "government attribution"]
    assert [(e["date"], e["assertor"]) for e in rows] == [
        (None, "Government Communications Security Bureau (New Zealand)")
    ]
    lag = doc["lags"]["first_government_attribution"]
    assert lag["date"] is None and lag["undated"] == 1
    r = cli("timeline", "nz-parliament-compromise-2021", db=curated_db)
    assert "first government attribution: undated in the data" in r.stdout, r.stdout
    # a dated first attribution says how many more the data does not date (GCSB's "China supports APT40")
    apt40 = cli("timeline", "apt40", "--json", db=curated_db).json()["lags"]["first_government_attribution"]
    assert apt40["date"] == "2021-07-19" and apt40["undated"] >= 1
    assert "more undated)" in cli("timeline", "apt40", db=curated_db).stdout


def test_provincial_reach_lists_every_province_a_chain_passes_through(cli: Any, curated_db: Path) -> None:
    """The provincial-reach thesis listed, of each group, only the province each chain is run from (the
    first located body on it): Earth Lusca (in Chengdu) "Sichuan", though its chain climbs to i-Soon, in
    Shanghai, and Naikon (its unit in Kunming) "Yunnan", though the unit is under the Chengdu Military
    Region; the specialisation thesis and the province pages place both in both. It lists every province
    a path passes through now, as its caveat says."""
    doc = cli("theses", "--json", db=curated_db).json()
    reach = {e["id"]: e["provinces"] for e in doc["theses"][0]["entities"]["provincial"]}
    assert reach["earth-lusca"] == ["Shanghai", "Sichuan"]
    assert reach["naikon"] == ["Sichuan", "Yunnan"]
    assert reach["apt40"] == ["Hainan"]
    chains = cli("chain", "earth-lusca", "--json", db=curated_db).json()["chains"]
    assert {c["province"]["name"] for c in chains if c["province"]} == {"Sichuan"}  # where it is run from


def test_one_voice_placing_a_company_under_two_bodies_is_no_ownership_conflict(cli: Any, curated_db: Path) -> None:
    """The Justice Department and the FBI say i-Soon worked at the direction of the MPS and of the MSS; the
    NSA that Sichuan Juxinhe serves the MSS and the PLA. `contested` listed both as conflicts over who runs
    them (their sources differed by one copy), and every chain step through i-Soon (Earth Lusca, Aquatic
    Panda ...) was flagged contested. A voice on both sides is one account: only sides no assertor joins
    (Boyusec: the MSS per EuRepoC and Recorded Future, Unit 61398 per Reuters) are a conflict."""
    items = cli("contested", "--kind", "ownership", "--json", db=curated_db).json()["items"]
    subjects = {i["subject"]["id"] for i in items}
    assert "boyusec" in subjects
    assert not subjects & {"i-soon", "sichuan-juxinhe"}, subjects
    steps = [h for ch in cli("chain", "earth-lusca", "--json", db=curated_db).json()["chains"] for h in ch["hops"]]
    through = [h for h in steps if h["subject"]["id"] == "i-soon"]
    assert through and not any(h["conflicts"] for h in through)
    assert cli("show", "i-soon", "--json", db=curated_db).json()["contested"] == []


def test_a_weak_tie_to_a_body_of_the_same_rung_is_no_ownership_conflict(cli: Any, curated_db: Path) -> None:
    """The seed says the Central Cyberspace Affairs Commission was founded after the efforts of a working group
    (recorded as linked_to, two party organs); `contested` listed "who runs Central Cyberspace Affairs
    Commission", the Central Committee against the working group, and `show` carried it. A weak tie leads up
    only towards a higher rung, as a chain follows it (model/rules.py climbs): Reuters' Boyusec linked to
    Unit 61398 (a company to a unit) still makes Boyusec's conflict."""
    items = cli("contested", "--kind", "ownership", "--json", db=curated_db).json()["items"]
    subjects = {i["subject"]["id"] for i in items}
    assert "ccca" not in subjects and "boyusec" in subjects
    assert cli("show", "ccca", "--json", db=curated_db).json()["contested"] == []
    boyusec = next(i for i in items if i["subject"]["id"] == "boyusec")
    assert {b["id"] for s in boyusec["sides"] for b in s["bodies"]} == {"mss", "pla-unit-61398"}


def test_theses_says_how_many_groups_and_operations_a_province_line_leaves_out(cli: Any, curated_db: Path) -> None:
    """The specialisation thesis printed the first six groups and operations behind a province and dropped
    the rest without a word (APT31's operations against UK parliamentarians or the Czech Foreign Ministry
    went missing from Hubei's line); the line says how many more there are now."""
    doc = cli("theses", "--json", db=curated_db).json()
    actors = doc["theses"][1]["provinces"]["Hubei"]["groups_and_operations"]
    assert len(actors) > 6
    text = " ".join(cli("theses", db=curated_db).stdout.split())  # as one line, however the terminal wraps
    line = text[text.index("Hubei:") :]
    assert line.startswith(f"Hubei: {len(doc['theses'][1]['provinces']['Hubei']['targets'])} targets")
    assert f"{actors[5]} and {len(actors) - 6} more" in line, line


def test_provincial_naming_counts_a_repeated_official_attribution_once(cli: Any, curated_db: Path) -> None:
    """The provincial-naming thesis counted an official attribution once per claim, so a government saying
    the same thing in two releases (the Treasury: APT31 is run by the Hubei State Security Department)
    counted twice, where a timeline makes it one row and consensus one voice. It counts once per assertor
    and fact now, listing its claims."""
    items = cli("theses", "--json", db=curated_db).json()["theses"][2]["entities"]
    official = [i for i in items if i["kind"] == "official attribution"]
    names = [i["name"] for i in official]
    assert len(names) == len(set(names))
    treasury = next(
        i
        for i in official
        if i["name"] == "US Department of the Treasury: APT31 operated_by Hubei State Security Department"
    )
    assert len(treasury["claims"]) == 2 and treasury["names_provincial"] is True


def test_an_official_conducted_claim_is_the_operations_government_attribution(cli: Any, curated_db: Path) -> None:
    """The NCSC says APT31 conducted the 2021 reconnaissance against UK parliamentarians, the Justice
    Department that APT31 hacked the Biden campaign staff's e-mail: the operations' timelines said "first
    government attribution: none in the data", because only `attributed_to` and the like counted, not a
    group's `conducted`, the step a chain climbs from the operation to the group. It counts now."""
    doc = cli("timeline", "uk-parliamentarians-reconnaissance-2021", "--json", db=curated_db).json()
    rows = [e for e in doc["events"] if e["kind"] == "government attribution"]
    assert [(e["assertor"], e["event"]) for e in rows] == [
        (
            "National Cyber Security Centre",
            "National Cyber Security Centre: APT31 conducted Reconnaissance against UK parliamentarians (2021)",
        )
    ]
    assert doc["lags"]["first_government_attribution"]["date"] == rows[0]["date"]
    biden = cli("timeline", "biden-campaign-email-hacking-2020", "--json", db=curated_db).json()
    assert biden["lags"]["first_government_attribution"]["date"] == "2024-03-25"


def test_an_officials_tie_of_a_person_to_a_body_or_group_is_their_government_attribution(
    cli: Any, curated_db: Path
) -> None:
    """The Justice Department says Wang Dong worked for PLA Unit 61398 (2014) and Sheng Jing for the MPS:
    their timelines said "first government attribution: none in the data", while a hacker the same kind of
    indictment calls "linked to" the Jiangsu department (Gu Gen) had one. A person's employer or group, as
    an official names it, is the step a chain climbs from them, and counts now."""
    doc = cli("timeline", "wang-dong", "--json", db=curated_db).json()
    rows = [(e["date"], e["event"]) for e in doc["events"] if e["kind"] == "government attribution"]
    assert ("2014-05-19", "US Department of Justice: Wang Dong employed_by PLA Unit 61398") in rows
    assert doc["lags"]["first_government_attribution"]["date"] == "2014-05-19"
    sheng = cli("timeline", "sheng-jing", "--json", db=curated_db).json()["lags"]["first_government_attribution"]
    assert sheng["date"] is not None
    gu = cli("timeline", "gu-gen", "--json", db=curated_db).json()["lags"]["first_government_attribution"]
    assert gu["date"] == "2018-10-30"


def test_a_researchers_public_attribution_is_no_government_attribution(cli: Any, curated_db: Path) -> None:
    """Intrusion Truth's 2018 report naming Gao Qiang is stored as a public attribution: his timeline gave
    it as his "first government attribution" (2018), and the provincial-naming thesis counted it among
    the official responses. It stays a row of the timeline, but only a response a government, court,
    international organisation or country issues is official now."""
    doc = cli("timeline", "gao-qiang", "--json", db=curated_db).json()
    assert any(e["event"].startswith("Intrusion Truth report") for e in doc["events"])
    assert doc["lags"]["first_government_attribution"]["date"] is None
    assert doc["lags"]["first_sanction"]["date"] == "2020-07-31"
    # a public attribution a government issues still counts
    storting = cli("timeline", "storting-email-attack-2021", "--json", db=curated_db).json()
    assert storting["lags"]["first_government_attribution"]["date"] == "2021-07-19"
    items = cli("theses", "--json", db=curated_db).json()["theses"][2]["entities"]
    ids = {i["id"] for i in items}
    assert "intrusion-truth-report-2018" not in ids and "apt10-attribution-2018" in ids


def test_a_year_that_dates_an_active_statement_is_no_year_of_activity(cli: Any, curated_db: Path) -> None:
    """APT10 "active for over a decade (as of the seed, 2024)": the timeline made it a row dated 2024, as
    if APT10 had been active since 2024; the year says when the statement was made. Only the years of the
    activity date an `active` row now (APT10 "from at least in or about 2006")."""
    doc = cli("timeline", "apt10", "--json", db=curated_db).json()
    active = [(e["date"], e["event"]) for e in doc["events"] if e["kind"] == "active"]
    assert all(date != "2024" for date, _ in active), active
    assert any(date == "2006" for date, _ in active)
    assert doc["first_operation"] == "2006"


def test_empty_answers_say_so_in_a_sentence(cli: Any, curated_db: Path) -> None:
    """A province nothing is linked to, a consensus with no fact, a diff with no claim: a sentence, where the
    CLI printed an empty table under its headers."""
    r = cli("province", "Qinghai", db=curated_db)
    assert r.code == 0 and "Nothing in the claims is linked to Qinghai." in r.stdout and "┏" not in r.stdout
    r = cli("consensus", "APT31", "--with", "Qinghai", db=curated_db)
    assert "No claim states a fact about APT31 and Qinghai." in r.stdout and "┏" not in r.stdout
    r = cli("--as-of", "1990-01-01", "consensus", "APT31", db=curated_db)
    assert "No claim published by 1990-01-01 states a fact about APT31." in r.stdout
    r = cli("diff", "--from", "1990-01-01", "--to", "1990-12-31", db=curated_db)
    assert "No claim was first published after 1990-01-01, up to 1990-12-31." in r.stdout and "┏" not in r.stdout
    assert cli("province", "Qinghai", "--json", db=curated_db).json()["linked"] == []


def _two_countries(tmp_path: Path, cli: Any) -> Path:
    """A store of two countries: China, with a province and a group a government attributes to it, and
    Ruritania, with a group a vendor attributes to it."""
    import yaml

    data = tmp_path / "data"
    data.mkdir()
    src = {"id": "report", "title": "Test report", "publisher": "Test", "published": "2024-01-01"}
    (data / "sources.yaml").write_text(yaml.safe_dump({"sources": [{**src, "url": "https://example.org/r"}]}))
    things = {
        "defaults": {"sources": ["report"], "basis": "technical_analysis", "confidence": 80},
        "entities": [
            {"id": "china", "kind": "country", "name": "China", "iso": "CN", "sources": ["report"]},
            {"id": "ruritania", "kind": "country", "name": "Ruritania", "sources": ["report"]},
            {
                "id": "a-gov",
                "kind": "government_agency",
                "name": "A Government",
                "assertor_type": "government",
                "sources": ["report"],
            },
            {"id": "east-province", "kind": "province", "name": "East Province", "sources": ["report"]},
            {"id": "r-group", "kind": "threat_group", "name": "R Group", "sources": ["report"]},
            {"id": "c-group", "kind": "threat_group", "name": "C Group", "sources": ["report"]},
        ],
        "claims": [
            {"subject": "east-province", "predicate": "located_in", "object": "china"},
            {"subject": "r-group", "predicate": "attributed_to", "object": "ruritania"},
            {
                "subject": "c-group",
                "predicate": "attributed_to",
                "object": "china",
                "assertor": "a-gov",
                "basis": "official_statement",
            },
        ],
    }
    (data / "things.yaml").write_text(yaml.safe_dump(things))
    db = tmp_path / "t.db"
    r = cli("load", data, db=db)
    assert r.code == 0, r.stderr
    return db


def test_theses_of_another_country_are_not_stated_in_chinas_words(cli: Any, tmp_path: Path) -> None:
    """`theses --country X` titled its first thesis "provincial MSS branches ... stand behind more operations than
    the centre" for any country, China's ministry for another state's apparatus: it names the country asked of
    now, and China keeps the seeds' words."""
    db = _two_countries(tmp_path, cli)
    other = cli("theses", "--country", "Ruritania", "--json", db=db).json()["theses"][0]
    assert other["figure"] is not None and other["thesis"] == (
        "provincial bodies of Ruritania stand behind more operations than the centre"
    )
    assert "provincial bodies of Ruritania" in cli("theses", "--country", "Ruritania", db=db).stdout
    china = cli("theses", "--json", db=db).json()["theses"][0]["thesis"]
    assert china.startswith("provincial MSS branches"), china


def test_theses_of_another_country_weigh_that_country_alone(cli: Any, tmp_path: Path) -> None:
    """`theses --country Russia` compared China's provinces and counted every official attribution in the store
    (China's among them) in its specialisation and provincial-naming theses: only the country's provinces and
    the responses and attributions about its apparatus count now."""
    db = _two_countries(tmp_path, cli)
    _reach, spec, naming = cli("theses", "--country", "Ruritania", "--json", db=db).json()["theses"]
    assert spec["entities"] == {} and naming["figure"] is None, (spec, naming)
    china = cli("theses", "--json", db=db).json()["theses"][2]
    assert [e["name"] for e in china["entities"]] == ["A Government: C Group attributed_to China"]


def test_apparatus_says_which_law_charges_a_body_since_when_and_who_says_so(cli: Any, curated_db: Path) -> None:
    """`apparatus --root MSS` listed a body's laws with how they were the body's and nothing else: the National
    Intelligence Law and the Counterespionage Law were not recorded, and no law said since when it was in force nor
    who says it charges the body. The tree line and the JSON now give both."""
    r = cli("apparatus", "--root", "MSS", db=curated_db)
    assert r.code == 0, r.stderr
    text = " ".join(r.stdout.split())
    assert (
        "National Intelligence Law of the People's Republic of China (empowers; in force from 2017-06-28; "
        "according to Standing Committee of the National People's Congress)" in text
    ), text
    assert "Counterespionage Law of the People's Republic of China (empowers; in force from 2014-11-01;" in text
    laws = {x["id"]: x for x in cli("--json", "apparatus", "--root", "MSS", db=curated_db).json()["roots"][0]["laws"]}
    assert laws["national-intelligence-law"]["in_force_from"] == ["2017-06-28"]
    assert laws["data-security-law"]["asserted_by"] == ["Standing Committee of the National People's Congress"]


def test_a_laws_timeline_has_its_amendments_and_no_lags(cli: Any, curated_db: Path) -> None:
    """`timeline "Counter-Espionage Law"` gave the law's adoption and entry into force of 2014 alone, so since when
    the law reads as revised (adopted 26 April 2023, in force 1 July 2023) was found only on the revision's own
    entity, and it closed with three lines of attributions, indictments and sanctions "none in the data", which a law
    never has. The amendments' dates are now rows of the law's timeline, and a law has no lags."""
    r = cli("timeline", "Counter-Espionage Law", db=curated_db)
    assert r.code == 0, r.stderr
    text = " ".join(r.stdout.split())
    assert "2023-04-26 │ amended │ Counterespionage Law of the People's Republic of China: 2023 revision" in text, text
    assert "2023-07-01 │ amendment in force │" in text and "first indictment" not in text
    doc = cli("timeline", "Cybersecurity Law", "--json", db=curated_db).json()
    assert doc["lags"] == {}
    rows = {(e["kind"], e["date"]): e for e in doc["events"]}
    assert rows[("amended", "2025-10-28")]["assertor"] == "People's Daily Online"
    assert ("amendment in force", "2026-01-01") in rows
    assert not [e for e in doc["events"] if "2022 amendments" in e["event"]]  # a draft no claim dates: no row
