"""What a source page is, and when a claim rests on a primary source: the rule is defined here once.

A source record says what the page is (`kind`) and whether it is the issuing body's own document
(`primary: true`: the Justice Department's release or the indictment on justice.gov, a Treasury
designation notice, a joint advisory on cisa.gov, a vendor's own report, an author's own paper) or a copy
or report of someone else's (`primary: false`: a news story quoting the release, a republication). A news
story is primary only as the outlet's own reporting, for the claims the outlet itself asserts.
"""

from __future__ import annotations

from collections.abc import Iterable

from cyberstate.model.records import Source
from cyberstate.model.rules import OFFICIAL_ASSERTORS  # whose statements need their own document

#: Kinds of page a government, court or international organisation issues itself.
OFFICIAL_DOCUMENT_KINDS = frozenset(
    {
        "press_release",
        "indictment",
        "court_document",
        "designation",
        "sanction",
        "advisory",
        "statement",
        "speech",
        "law",
        "official_report",
        "website",
    }
)

#: The kinds a curated source may declare: the official ones above and those of everyone else's pages.
#: Code-made sources (galaxy, gazetteer, ingested documents) carry kinds of their own and are not checked
#: against this list.
SOURCE_KINDS = OFFICIAL_DOCUMENT_KINDS | frozenset(
    {
        "report",
        "news",
        "blog",
        "academic",
        "academic_article",
        "article",
        "book",
        "reference",
        "reference_work",
        "dataset",
    }
)


def is_primary_for(source: Source, assertor_type: str | None) -> bool:
    """Whether `source` is a primary source for a claim made by an assertor of `assertor_type`.

    The page must be marked primary; for a government, court or international organisation it must also
    be one of the documents such a body issues (so an outlet's own article never stands in for a release)."""
    if not source.primary:
        return False
    if assertor_type in OFFICIAL_ASSERTORS:
        return source.kind in OFFICIAL_DOCUMENT_KINDS
    return True


def has_primary(sources: Iterable[Source], assertor_type: str | None) -> bool:
    return any(is_primary_for(s, assertor_type) for s in sources)
