"""Where the curated data the program needs lives, in a checkout and in an installed package.

`make run` works from a checkout (editable install), but `pip install .` puts the package in
site-packages, far from the repository's `data/`. The wheel therefore ships `data/` (the YAML files, the
seed texts and `reference/`) as `cyberstate/data`; `$CYBERSTATE_DATA` overrides both. A folder that is
missing, or lacks `sources.yaml`, is an error naming every place looked at: never skipped.
"""

from __future__ import annotations

import os
from pathlib import Path

from cyberstate.errors import CyberstateError

ENV = "CYBERSTATE_DATA"
DEFAULT_DB = "cyberstate.db"
MARKER = "sources.yaml"


def default_db_path() -> str:
    """The store: `$CYBERSTATE_DB` or ./cyberstate.db (the CLI's --db overrides both)."""
    return os.environ.get("CYBERSTATE_DB") or DEFAULT_DB


def candidates() -> list[tuple[str, Path]]:
    """The places looked at, in order: the environment, the installed package, the checkout."""
    here = Path(__file__).resolve().parent
    out: list[tuple[str, Path]] = []
    if os.environ.get(ENV):
        return [(f"${ENV}", Path(os.environ[ENV]))]
    out.append(("package data", here / "data"))
    out.append(("checkout", here.parent.parent / "data"))  # src/cyberstate -> repository root
    return out


def data_dir() -> Path:
    """The curated data folder; raises CyberstateError naming the places tried when none holds it."""
    tried = candidates()
    for _, path in tried:
        if (path / MARKER).is_file():
            return path
    where = "; ".join(f"{label}: {path}" for label, path in tried)
    raise CyberstateError(
        f"cannot find the curated data folder ({MARKER} not in {where}); set ${ENV} or pass PATH to load"
    )


def data_file(*parts: str) -> Path:
    """A file the program needs from the data folder; a missing one is an error, not an empty default."""
    path = data_dir().joinpath(*parts)
    if not path.is_file():
        raise CyberstateError(f"missing data file {path}: the installation is incomplete")
    return path
