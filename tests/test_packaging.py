"""A normal install works away from the checkout, and light commands import only what they need."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cyberstate.datadir import data_dir, data_file
from cyberstate.errors import CyberstateError

ROOT = Path(__file__).resolve().parents[1]
#: What a command that neither opens the store nor reads documents must not import.
HEAVY = ("cyberstate.kb", "cyberstate.extract", "cyberstate.analysis", "pypdf", "rapidfuzz", "ahocorasick", "opencc")


def _imported(*args: str) -> set[str]:
    """The modules the real command imports, from `python -X importtime` (one module per stderr line)."""
    p = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "cyberstate", *args], capture_output=True, text=True, timeout=60
    )
    assert p.returncode == 0, p.stderr[-2000:]
    return {line.rsplit("|", 1)[1].strip() for line in p.stderr.splitlines() if line.startswith("import time:")}


@pytest.mark.parametrize("args", [("--help",), ("vocab", "--json"), ("export", "--help")])
def test_light_commands_stay_light(args: tuple[str, ...]) -> None:
    mods = _imported(*args)
    assert "cyberstate.cli" in mods
    assert not {m for m in mods if m.split(".")[0] in HEAVY or m.startswith(HEAVY)}


def test_store_commands_load_the_store_not_the_extractor(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    mods = _imported("--db", str(db), "load", str(ROOT / "tests" / "data" / "mini"))
    assert "cyberstate.kb" in mods  # the check above can see a heavy import
    assert not {m for m in mods if m.startswith(("cyberstate.extract", "pypdf", "ahocorasick"))}


def test_data_dir_env_and_missing_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert (data_dir() / "sources.yaml").is_file()
    monkeypatch.setenv("CYBERSTATE_DATA", str(tmp_path))
    with pytest.raises(CyberstateError, match=r"CYBERSTATE_DATA.*set \$CYBERSTATE_DATA"):
        data_dir()
    (tmp_path / "sources.yaml").write_text("sources: []\n")
    assert data_dir() == tmp_path
    with pytest.raises(CyberstateError, match=r"missing data file .*naming-conventions\.yaml"):
        data_file("reference", "naming-conventions.yaml")


@pytest.mark.slow
def test_wheel_install_finds_its_data(tmp_path: Path) -> None:
    """Slow (about 20-40 s): build a wheel, install it with --target, run it from outside the checkout."""
    proj = tmp_path / "proj"
    proj.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, proj / name)
    shutil.copytree(ROOT / "src", proj / "src", symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "data", proj / "data")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", tmp_path / "dist", proj],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = (tmp_path / "dist").glob("cyberstate-*.whl")
    site = tmp_path / "site"
    subprocess.run([*pip, "install", "--no-deps", "--target", site, wheel], check=True, capture_output=True)
    shutil.rmtree(proj)  # nothing of the checkout copy is left to fall back on
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("CYBERSTATE_DATA", None)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "cyberstate", "--db", "k.db", *args],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    where = subprocess.run(
        [sys.executable, "-c", "import cyberstate.datadir as d; print(d.__file__); print(d.data_dir())"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert all(Path(p).is_relative_to(site) for p in where)  # the installed copy, not the checkout
    r = run("load", "--json")
    assert r.returncode == 0, r.stderr
    assert len(json.loads(r.stdout)["files"]) == len(list((ROOT / "data").glob("*.yaml")))
    r = run("import", "misp-galaxy", "--cluster", "microsoft-activity-group", "--json")
    assert r.returncode == 0, r.stderr
    r = run("ingest", "--seeds", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["stored"]["sources"] == 2 and json.loads(r.stdout)["stored"]["claims"] > 0
    # A file the program needs, gone from the installation: an error, never silently skipped.
    (site / "cyberstate" / "data" / "reference" / "naming-conventions.yaml").unlink()
    r = run("import", "misp-galaxy", "--cluster", "microsoft-activity-group")
    assert r.returncode == 1 and "naming-conventions.yaml" in r.stderr and "Traceback" not in r.stderr
