"""Whether two stores hold exactly the same rows: every table (the full-text index through its own table,
not its shadow tables), each row with its rowid where the table has one, the times of writing left out
(`recorded`, a migration's `applied`: they say when a row was written, not what it holds), rows sorted, so the
order of writing does not count but every value and rowid does. For a change to how a command writes (an
ingest's batched writes): run the command with the code before and after on two copies of one store, then
compare them here.

    .venv/bin/python bench/store_rows.py A.db B.db [--dump OUT]

Prints each table's rows in both and the first table that differs; exit 1 when any does. `--dump OUT`
writes A's canonical form (one JSON row a line, under a heading per table) to OUT.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
from collections.abc import Iterator

#: Columns that say when a row was written: two stores built the same way at different times differ there only.
WRITE_TIMES = frozenset({"recorded", "applied"})


def tables(con: sqlite3.Connection) -> list[str]:
    return [
        r[0]
        for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'names_fts_%' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]


def canonical(con: sqlite3.Connection, table: str) -> Iterator[str]:
    """The heading, then the table's rows as sorted JSON lines."""
    cols = [r[1] for r in con.execute(f"PRAGMA table_info('{table}')") if r[1] not in WRITE_TIMES]
    sql = con.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0] or ""
    chosen = cols if "WITHOUT ROWID" in sql.upper() else ["rowid", *cols]
    rows = sorted(
        json.dumps(list(r), ensure_ascii=False) for r in con.execute(f"SELECT {', '.join(chosen)} FROM '{table}'")
    )
    yield f"## {table} {len(rows)} ({', '.join(chosen)})"
    yield from rows


def digest(path: str) -> dict[str, tuple[int, str]]:
    """Table -> (rows, SHA-256 of its canonical form)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        out = {}
        for t in tables(con):
            h = hashlib.sha256()
            n = -1
            for line in canonical(con, t):
                h.update(line.encode() + b"\n")
                n += 1
            out[t] = (n, h.hexdigest())
        return out
    finally:
        con.close()


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0].startswith("-"):
        print(__doc__)
        return 2
    a, b = argv[0], argv[1]
    if "--dump" in argv:
        con = sqlite3.connect(f"file:{a}?mode=ro", uri=True)
        with open(argv[argv.index("--dump") + 1], "w", encoding="utf-8") as out:
            for t in tables(con):
                for line in canonical(con, t):
                    out.write(line + "\n")
        con.close()
    da, db = digest(a), digest(b)
    same = True
    for t in sorted(set(da) | set(db)):
        na, nb = da.get(t, (0, "")), db.get(t, (0, ""))
        flag = "same" if na == nb else "DIFFERENT"
        same &= na == nb
        print(f"{t:20} {na[0]:8d} {nb[0]:8d}  {flag}")
    print("identical" if same else "the stores differ")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
