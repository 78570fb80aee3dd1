"""The tile-grid map of China's 34 province-level divisions, drawn by this project.

Each division is one square at (column, row), placed by hand so that neighbours stay roughly neighbours
(north at the top); keyed by ISO 3166-2 code, which the store holds for every province entity (from
pycountry). No geometry is taken from elsewhere, so the layout carries the project's own licence (MIT).
"""

from __future__ import annotations

GRID: dict[str, tuple[int, int]] = {
    "CN-HL": (7, 0),
    "CN-XJ": (0, 1), "CN-NM": (4, 1), "CN-BJ": (5, 1), "CN-JL": (7, 1),
    "CN-QH": (1, 2), "CN-GS": (2, 2), "CN-NX": (3, 2), "CN-SX": (4, 2), "CN-HE": (5, 2), "CN-TJ": (6, 2),
    "CN-LN": (7, 2),
    "CN-XZ": (1, 3), "CN-SN": (3, 3), "CN-HA": (4, 3), "CN-SD": (5, 3),
    "CN-SC": (2, 4), "CN-CQ": (3, 4), "CN-HB": (4, 4), "CN-AH": (5, 4), "CN-JS": (6, 4), "CN-SH": (7, 4),
    "CN-YN": (2, 5), "CN-GZ": (3, 5), "CN-HN": (4, 5), "CN-JX": (5, 5), "CN-ZJ": (6, 5),
    "CN-GX": (3, 6), "CN-GD": (4, 6), "CN-FJ": (5, 6), "CN-TW": (6, 6),
    "CN-HI": (3, 7), "CN-MO": (4, 7), "CN-HK": (5, 7),
}  # fmt: skip

COLUMNS = 1 + max(c for c, _ in GRID.values())
ROWS = 1 + max(r for _, r in GRID.values())
