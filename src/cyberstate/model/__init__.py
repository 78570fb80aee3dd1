"""The data model: records and vocabularies, with no I/O."""

from cyberstate.model.records import Alias, Claim, Entity, Evidence, Source, check_domain_range
from cyberstate.model.vocab import KINDS, PREDICATES, AssertorType, Basis, Marking, Status

__all__ = [
    "KINDS",
    "PREDICATES",
    "Alias",
    "AssertorType",
    "Basis",
    "Claim",
    "Entity",
    "Evidence",
    "Marking",
    "Source",
    "Status",
    "check_domain_range",
]
