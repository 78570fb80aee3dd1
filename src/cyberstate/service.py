"""The read model every interface uses: `Service.open(db_path)`, opened once, many readers at once.

`Service` is `KnowledgeBase` (kb.py) under the name the web layer, the API and the exporters use:
the same object, so code written against either keeps working. Each question returns a typed result
(analysis/results.py) with `.to_json()`; `as_of` is given per call; `iter_entities()`,
`iter_claims(as_of)`, `iter_sources()` and `names_of(entity_id)` serve exports.
"""

from __future__ import annotations

from cyberstate.analysis import results
from cyberstate.kb import KnowledgeBase

Service = KnowledgeBase

__all__ = ["KnowledgeBase", "Service", "results"]
