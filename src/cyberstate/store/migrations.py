"""Named, versioned schema migrations. Each runs once, in order, inside the transaction that records it.

The version also lives in SQLite's `user_version` and the file is tagged with an `application_id`, so a
file that is not a cyberstate store, or one written by a newer release, is recognised before anything
is written to it.
"""

from __future__ import annotations

APPLICATION_ID = 0x63797374  # "cyst"

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "initial",
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL);

        CREATE TABLE sources (
            id TEXT PRIMARY KEY,
            title TEXT, author TEXT, publisher TEXT, published TEXT, url TEXT, kind TEXT,
            text TEXT, sha256 TEXT, cited_by TEXT, cited_as TEXT NOT NULL DEFAULT '[]', note TEXT,
            recorded TEXT NOT NULL
        );
        CREATE INDEX sources_sha ON sources(sha256);

        CREATE TABLE entities (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            assertor_type TEXT,
            attrs TEXT NOT NULL DEFAULT '{}',
            note TEXT,
            recorded TEXT NOT NULL
        );
        CREATE INDEX entities_kind ON entities(kind);

        CREATE TABLE entity_sources (
            entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            source_id TEXT NOT NULL REFERENCES sources(id),
            PRIMARY KEY (entity_id, source_id)
        );

        -- every name of an entity, its primary name included (is_primary = 1)
        CREATE TABLE names (
            entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            norm TEXT NOT NULL,
            lang TEXT,
            source_id TEXT REFERENCES sources(id),
            origin TEXT,
            is_primary INTEGER NOT NULL DEFAULT 0
        );
        CREATE UNIQUE INDEX names_key ON names(entity_id, name, ifnull(source_id, ''), ifnull(origin, ''));
        CREATE INDEX names_norm ON names(norm);

        CREATE VIRTUAL TABLE names_fts USING fts5(
            entity_id UNINDEXED, name, tokenize = "unicode61 remove_diacritics 2"
        );

        CREATE TABLE claims (
            id TEXT PRIMARY KEY,
            subject TEXT NOT NULL REFERENCES entities(id),
            predicate TEXT NOT NULL,
            object TEXT REFERENCES entities(id),
            value TEXT,
            assertor TEXT REFERENCES entities(id),
            basis TEXT,
            confidence INTEGER NOT NULL CHECK (confidence BETWEEN 0 AND 100),
            negated INTEGER NOT NULL DEFAULT 0,
            valid_from TEXT, valid_to TEXT,
            published TEXT,
            recorded TEXT NOT NULL,
            evidence_text TEXT, evidence_source TEXT REFERENCES sources(id),
            evidence_start INTEGER, evidence_end INTEGER,
            marking TEXT NOT NULL DEFAULT 'TLP:CLEAR',
            status TEXT NOT NULL DEFAULT 'accepted',
            origin TEXT,
            note TEXT,
            CHECK ((object IS NULL) <> (value IS NULL))
        );
        CREATE INDEX claims_subject ON claims(subject, predicate);
        CREATE INDEX claims_object ON claims(object, predicate);
        CREATE INDEX claims_origin ON claims(origin);

        CREATE TABLE claim_sources (
            claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            source_id TEXT NOT NULL REFERENCES sources(id),
            PRIMARY KEY (claim_id, source_id)
        );
        CREATE INDEX claim_sources_source ON claim_sources(source_id);
        """,
    ),
]

MIGRATIONS.append(
    (
        2,
        "merges",
        """
        -- the merged entity of every record that is not its own: computed from same_as claims
        CREATE TABLE merge_map (
            entity_id TEXT PRIMARY KEY REFERENCES entities(id) ON DELETE CASCADE,
            canonical_id TEXT NOT NULL REFERENCES entities(id)
        );
        CREATE INDEX merge_map_canonical ON merge_map(canonical_id);
        -- names that point to different merged entities, so were not used to merge them
        CREATE TABLE name_conflicts (
            norm TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            entities TEXT NOT NULL,
            reason TEXT NOT NULL
        );
        """,
    )
)

MIGRATIONS.append(
    (
        3,
        "source_primary",
        """
        -- whether a source is the stating body's own document (1), a copy or report of it (0), or unrecorded
        ALTER TABLE sources ADD COLUMN is_primary INTEGER;
        """,
    )
)

#: The predicates a province's walk followed up to migration 4 (model/rules.py PLACING): a claim with one of
#: them changes the walks it touches. Changing what the walk follows needs a migration that recreates the
#: triggers below with the new list (migration 5, WALKED_PREDICATES; tests/test_readmodel.py checks it).
PLACING_PREDICATES = (
    "attributed_to",
    "conducted",
    "employed_by",
    "front_company_for",
    "located_in",
    "member_of_group",
    "operated_by",
    "subordinate_to",
)
_PLACING_IN = ", ".join(f"'{p}'" for p in PLACING_PREDICATES)


#: The predicates a province's walk follows since migration 5: the placing ones and the weak ties its linked part
#: follows from a placed body (analysis/province.py `_link`; model/rules.py WEAK_TIES).
WALKED_PREDICATES = (*PLACING_PREDICATES, "linked_to", "supports")
_WALKED_IN = ", ".join(f"'{p}'" for p in WALKED_PREDICATES)


def _placing(row: str, within: str = _PLACING_IN) -> str:
    """SQL: whether the OLD or NEW claim row is one a province's walk may follow (`within`: the predicates, as
    an SQL list)."""
    return f"({row}.status = 'accepted' AND {row}.object IS NOT NULL AND {row}.predicate IN ({within}))"


#: SQL: whether any walk is stored (a bulk write into a store without walks looks no further).
_ANY_WALK = "EXISTS (SELECT 1 FROM province_walks)"


def _drop_walks(*rows: str) -> str:
    """SQL: forget the stored walks that placed an end of these claim rows (or start at one), each end
    taken as the merged entity its record belongs to."""
    ends = ", ".join(
        f"coalesce((SELECT canonical_id FROM merge_map WHERE entity_id = {r}.{col}), {r}.{col})"
        for r in rows
        for col in ("subject", "object")
    )
    return f"DELETE FROM province_walks WHERE province IN (SELECT province FROM placements WHERE entity IN ({ends}));"


MIGRATIONS.append(
    (
        4,
        "placements",
        f"""
        -- Each province's walk (analysis/province.py walk), written by the read model inside the write
        -- that changed it (KnowledgeBase._write), as JSON columns (analysis/province.py WALK_COLUMNS)
        -- made by the walk `key` names.
        CREATE TABLE province_walks (
            province TEXT PRIMARY KEY,
            key TEXT NOT NULL,
            walk TEXT NOT NULL
        );
        -- Which entities each stored walk placed in or under its province (and the province itself).
        CREATE TABLE placements (
            entity TEXT NOT NULL,
            province TEXT NOT NULL,
            PRIMARY KEY (entity, province)
        ) WITHOUT ROWID;
        -- The triggers forget, in the writing transaction, every walk a change of a placing claim reaches
        -- (a walk reads only the placing claims of what it placed), and all of them when an entity's kind
        -- changes or an entity goes (a change of the merge map forgets all too: SQLiteStore.set_merges).
        -- So a stored walk is always the walk of the stored claims, or absent (and then walked).
        CREATE TRIGGER placements_claim_insert AFTER INSERT ON claims WHEN {_placing("NEW")} AND {_ANY_WALK}
        BEGIN {_drop_walks("NEW")} END;
        CREATE TRIGGER placements_claim_update AFTER UPDATE ON claims
        WHEN ({_placing("OLD")} OR {_placing("NEW")}) AND {_ANY_WALK}
        BEGIN {_drop_walks("OLD", "NEW")} END;
        CREATE TRIGGER placements_claim_delete AFTER DELETE ON claims WHEN {_placing("OLD")} AND {_ANY_WALK}
        BEGIN {_drop_walks("OLD")} END;
        CREATE TRIGGER placements_entity_kind AFTER UPDATE OF kind ON entities WHEN OLD.kind IS NOT NEW.kind
        BEGIN DELETE FROM province_walks; END;
        CREATE TRIGGER placements_entity_delete AFTER DELETE ON entities
        BEGIN DELETE FROM province_walks; END;
        """,
    )
)

MIGRATIONS.append(
    (
        5,
        "placements_linked",
        f"""
        -- A province's walk also lists what a weak tie (linked_to, supports) ties to a body it placed: a change
        -- of such a claim forgets the walks that reach an end of it, as a placing claim's does.
        DROP TRIGGER placements_claim_insert;
        DROP TRIGGER placements_claim_update;
        DROP TRIGGER placements_claim_delete;
        CREATE TRIGGER placements_claim_insert AFTER INSERT ON claims WHEN {_placing("NEW", _WALKED_IN)} AND {_ANY_WALK}
        BEGIN {_drop_walks("NEW")} END;
        CREATE TRIGGER placements_claim_update AFTER UPDATE ON claims
        WHEN ({_placing("OLD", _WALKED_IN)} OR {_placing("NEW", _WALKED_IN)}) AND {_ANY_WALK}
        BEGIN {_drop_walks("OLD", "NEW")} END;
        CREATE TRIGGER placements_claim_delete AFTER DELETE ON claims WHEN {_placing("OLD", _WALKED_IN)} AND {_ANY_WALK}
        BEGIN {_drop_walks("OLD")} END;
        DELETE FROM province_walks;
        DELETE FROM placements;
        """,
    )
)

SCHEMA_VERSION = MIGRATIONS[-1][0]
