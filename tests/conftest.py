"""Shared fixtures: a small made-up data set, the real curated data loaded once, and the real CLI."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from cyberstate import KnowledgeBase

ROOT = Path(__file__).resolve().parents[1]
MINI = Path(__file__).parent / "data" / "mini"
DATA = ROOT / "data"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the small test data set."""
    dst = tmp_path / "mini"
    shutil.copytree(MINI, dst)
    return dst


@pytest.fixture
def mini_kb(tmp_path: Path, mini: Path) -> KnowledgeBase:
    kb = KnowledgeBase.open(tmp_path / "mini.db", create=True)
    kb.load([mini])
    yield kb
    kb.close()


@pytest.fixture
def folders_without_files(tmp_path: Path) -> tuple[Path, Path]:
    """An empty folder and one holding only a file of another kind (a CSV table): what `load DIR` and `ingest
    DIR` refuse as mistaken paths."""
    empty, tables = tmp_path / "empty", tmp_path / "tables"
    empty.mkdir()
    tables.mkdir()
    (tables / "claims.csv").write_text("id,subject\n")
    return empty, tables


@pytest.fixture(scope="session")
def curated_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real curated knowledge base, loaded once for the session."""
    db = tmp_path_factory.mktemp("curated") / "cyberstate.db"
    with KnowledgeBase.open(db, create=True) as kb:
        kb.load()
    return db


@pytest.fixture(scope="session")
def curated(curated_db: Path) -> KnowledgeBase:
    kb = KnowledgeBase.open(curated_db)
    yield kb
    kb.close()


@pytest.fixture(scope="session")
def galaxy_db(curated_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The curated knowledge base with the whole MISP galaxy imported, built once for the session."""
    db = tmp_path_factory.mktemp("galaxy") / "cyberstate.db"
    shutil.copy(curated_db, db)
    with KnowledgeBase.open(db) as kb:
        kb.import_galaxy()
    return db


@pytest.fixture(scope="session")
def make_run_db(galaxy_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store `make run` builds: the galaxy store with the seeds and every galaxy description ingested
    (what extraction proposes joins what is curated: the default store's exports must survive that)."""
    db = tmp_path_factory.mktemp("makerun") / "cyberstate.db"
    shutil.copy(galaxy_db, db)
    # the dependency parse (extract/parse.py) makes this ingest about 1.7x longer: 45 to 75 s wall at load 11
    r = run_cli("ingest", "--seeds", "--galaxy-descriptions", "--json", db=db, timeout=600)
    assert r.code == 0, r.stderr
    return db


@pytest.fixture(scope="session")
def galaxy_kb(galaxy_db: Path) -> KnowledgeBase:
    kb = KnowledgeBase.open(galaxy_db)
    yield kb
    kb.close()


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def run_cli(
    *args: str | Path, db: Path | None = None, env: dict[str, str] | None = None, timeout: float = 120
) -> Result:
    """Run the real `cyberstate` command in a subprocess."""
    cmd = [sys.executable, "-m", "cyberstate"]
    if db is not None:
        cmd += ["--db", str(db)]
    cmd += [str(a) for a in args]
    p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout)
    return Result(p.returncode, p.stdout, p.stderr)


@pytest.fixture
def cli() -> Any:
    return run_cli
