"""The TAXII collections: the STIX export at each TLP level, indexed for paging and filtering.

A collection is the export with `--marking-max` at its level (everything is TLP:RED and below), made once
on first use and made again when the store file changes. Objects are kept serialised, sorted by the date
they were added (the store's record time) and id, so a page is a slice and a filter a scan of small tuples.
"""

from __future__ import annotations

import os
import threading
import uuid
from dataclasses import dataclass

import orjson

from cyberstate.exchange import stixmap as m
from cyberstate.exchange.stix_export import Serialised, iter_serialised
from cyberstate.kb import KnowledgeBase


@dataclass(frozen=True, slots=True)
class Item:
    date_added: str
    id: str
    type: str
    version: str
    spec_version: str
    json: str


@dataclass(frozen=True, slots=True)
class CollectionInfo:
    id: str
    alias: str
    title: str
    description: str
    marking_max: str

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "alias": self.alias,
            "can_read": True,
            "can_write": False,
            "media_types": ["application/stix+json;version=2.1"],
        }


def _info(alias: str, title: str, description: str, marking: str) -> CollectionInfo:
    return CollectionInfo(str(uuid.uuid5(m.NAMESPACE, "taxii-collection:" + alias)), alias, title, description, marking)


COLLECTIONS: tuple[CollectionInfo, ...] = (
    _info("everything", "Everything", "Every accepted entity, claim and source, at every TLP level.", "TLP:RED"),
    *(
        _info(
            "tlp-" + level[4:].lower().replace("+", "-"),
            level,
            f"What may be shared at {level}: objects marked {level} or less restrictively.",
            level,
        )
        for level in m.MARKING_ORDER
    ),
)


def _item(rec: Serialised) -> Item:
    """An object as the export serialised it: its JSON is served as it is; only an object without
    `modified` (a marking definition) is read for its `created`."""
    version, spec_version = rec.modified, "2.1"
    if version is None:
        obj = orjson.loads(rec.json)
        version = str(obj.get("created") or m.DEFINED)
        spec_version = str(obj.get("spec_version", "2.1"))
    return Item(
        date_added=version, id=rec.id, type=rec.type, version=version, spec_version=spec_version, json=rec.json.decode()
    )


class Collections:
    """The collections of one store, thread-safe, rebuilt when the store file changes."""

    def __init__(self, db_path: str, as_of: str | None = None) -> None:
        self.db_path = db_path
        self.as_of = as_of
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[tuple[float, ...], list[Item]]] = {}
        KnowledgeBase.open(db_path).close()  # fail now, not on the first request, if the store is unusable

    def find(self, key: str) -> CollectionInfo | None:
        return next((c for c in COLLECTIONS if key in (c.id, c.alias)), None)

    def _stamp(self) -> tuple[float, ...]:
        return tuple(os.stat(p).st_mtime if os.path.exists(p) else 0.0 for p in (self.db_path, self.db_path + "-wal"))

    def items(self, info: CollectionInfo) -> list[Item]:
        with self._lock:
            stamp = self._stamp()
            cached = self._cache.get(info.id)
            if cached is not None and cached[0] == stamp:
                return cached[1]
            with KnowledgeBase.open(self.db_path) as kb:
                objs = iter_serialised(kb, marking_max=info.marking_max, as_of=self.as_of)
                items = sorted((_item(o) for o in objs), key=lambda i: (i.date_added, i.id))
            self._cache[info.id] = (stamp, items)
            return items
