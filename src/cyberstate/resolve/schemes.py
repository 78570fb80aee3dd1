"""Designators of one naming scheme that a chain of synonyms would make names of one entity.

A vendor gives one group one name in its scheme: CrowdStrike calls APT40 Kryptonite Panda and keeps
Goblin Panda (Cycldek) a separate adversary. The cannot-link on records' own names (`merge.facets`) sees
two pandas only when both are some record's primary name; a chain of listings gets past it. On the store
built from the galaxy, CISA's advisory lists Hellsing among APT40's names, QiAnXin lists Goblin Panda
under Hellsing, and the galaxy has a GOBLIN PANDA record: without this check, APT40 would carry two of
CrowdStrike's pandas.

So every group record's names are read as designators too. A designator is *established* on an entity
when one of its records has it as its own name (or the scheme's owner lists it: Microsoft's record of an
actor listing its previous element name), or when two sources list it among the entity's names. A link is
refused when, after it, the entity would hold established designators of one scheme that the two sides do
not share: one side carries a designator the other side has under no name at all, and the other side
carries one the first lacks. Sides that share a designator (APT29's UNC2452 and UNC3524 both listed by
ATT&CK) stay joinable. A designator one source alone lists is the contested synonym itself, not yet a name
of the lister: Secureworks lists APT42 under COBALT ILLUSION, which ATT&CK lists under Magic Hound (APT35);
the record goes to the stronger link (ATT&CK's) and APT42 stays the name of its own group. Links are
applied strongest first, so a contested record goes with the side of the stronger link.

ATT&CK's group ids (G0065) are compared as ids (`attack_id`), not here: Tidal writes its own numbers in
the same form.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from cyberstate.ingest import naming
from cyberstate.store.base import NameHit

#: The support a record's own name (or its scheme owner's listing) gives a designator.
OWN = ""
#: Schemes of identifiers, compared as identifiers elsewhere.
ID_SCHEMES = {"MITRE ATT&CK"}
#: Sources that must list a designator under an entity before it counts as the entity's name.
SOURCES = 2


@lru_cache(maxsize=4096)
def _designators(name: str) -> tuple[tuple[str, str], ...]:
    """(scheme, value) pairs of a name; most names are designators of no scheme."""
    name = name.strip()
    out = []
    for c in naming.conventions():
        if c.vendor not in ID_SCHEMES and not c.temporary and c.pattern.search(name):
            out.append((f"{c.vendor} names ({c.meaning})", naming.designator_value(name)))
    return tuple(out)


@lru_cache(maxsize=1)
def _attack_groups_of() -> dict[str, frozenset[int]]:
    """For each designator value, the ATT&CK v18.1 groups (by index) that carry it among their names,
    written as a designator or not ("WhiteBear" is Turla's, "White Bear" one designator value with it)."""
    from cyberstate.ingest import reference

    out: dict[str, set[int]] = defaultdict(set)
    for i, g in enumerate(reference.attack_groups()[1]):
        for n in (g.name, *g.aliases):
            out[naming.designator_value(n)].add(i)
    return {v: frozenset(gs) for v, gs in out.items()}


def listed_together(x: str, y: str) -> bool:
    """Whether ATT&CK v18.1 lists both designators under one group: its curated aliases put ClearSky's
    Fox Kitten beside CrowdStrike's Pioneer Kitten (a name borrowing a suffix is not the scheme owner's),
    Kaspersky's WhiteBear beside Venomous Bear, and Energetic Bear beside Berserk Bear since ATT&CK
    revoked Dragonfly 2.0 into Dragonfly. Such a pair is no conflict."""
    of = _attack_groups_of()
    return bool(of.get(x, frozenset()) & of.get(y, frozenset()))


def apart(scheme: str, xs: Iterable[str], ys: Iterable[str]) -> tuple[str, str] | None:
    """A designator on each side that no source lets be one group's (None when every pair is one value
    or ATT&CK lists the pair under one group). `scheme` names the scheme for the caller's message."""
    for x in sorted(xs):
        for y in sorted(ys):
            if x != y and not listed_together(x, y):
                return x, y
    return None


@dataclass
class Held:
    """The designators an entity's records carry, with what supports each, and the value of every name."""

    names: dict[str, dict[str, set[str]]] = field(default_factory=dict)  # scheme -> value -> supports
    present: set[str] = field(default_factory=set)  # designator_value of every name, designator or not

    def absorb(self, other: Held) -> None:
        for scheme, vals in other.names.items():
            mine = self.names.setdefault(scheme, {})
            for v, sup in vals.items():
                mine.setdefault(v, set()).update(sup)
        self.present |= other.present


@dataclass
class Schemes:
    """Each group record's designators (the entity's, once records are joined), as first written."""

    held: dict[str, Held]
    shown: dict[tuple[str, str], str]
    title: Callable[[str], str] = str

    @staticmethod
    def established(support: set[str]) -> bool:
        return OWN in support or len(support) >= SOURCES

    def clash(self, a: Held, b: Held) -> str:
        """Why the entities holding `a` and `b` may not be one ("" if they may): each side holds an
        established designator of one scheme, the two differ, ATT&CK does not list them under one group,
        and the sides do not both carry each other's (a record listing the other side's designator says
        the two names are one group's)."""
        for scheme in sorted(set(a.names) & set(b.names)):
            va, vb = a.names[scheme], b.names[scheme]
            firm_a = sorted(v for v, sup in va.items() if self.established(sup))
            firm_b = sorted(v for v, sup in vb.items() if self.established(sup))
            for x in firm_a:
                for y in firm_b:
                    if apart(scheme, (x,), (y,)) and not (x in b.present and y in a.present):
                        ex, ey = self._evidence(scheme, x, va[x]), self._evidence(scheme, y, vb[y])
                        return f"two designators of {scheme}: {ex} / {ey}"
        return ""

    def _evidence(self, scheme: str, value: str, support: set[str]) -> str:
        name = self.shown.get((scheme, value), value)
        said = ["own name of a record"] if OWN in support else []
        listers = sorted(self.title(s) for s in support if s != OWN)
        if listers:
            said.append(f"listed by {len(listers)} source{'s' if len(listers) > 1 else ''}: {'; '.join(listers)}")
        return f"{name} ({', '.join(said)})"


def build(
    hits: Iterable[NameHit],
    kinds: dict[str, tuple[str, str]],
    groups: set[str],
    owner_listed: dict[str, dict[str, str]],
) -> Schemes:
    """The designators of every record of a kind in `groups`, from its names (`hits`); `owner_listed`:
    the designators a vendor's own record lists in that vendor's schemes (`merge.own_scheme_names`)."""
    held: dict[str, Held] = defaultdict(Held)
    shown: dict[tuple[str, str], str] = {}
    for h in hits:
        kind, own_name = kinds.get(h.entity_id, ("", ""))
        if kind not in groups:
            continue
        rec = held[h.entity_id]
        rec.present.add(naming.designator_value(h.name))
        own = h.is_primary or h.name == own_name
        for scheme, value in _designators(h.name):
            shown.setdefault((scheme, value), h.name)
            sup = rec.names.setdefault(scheme, {}).setdefault(value, set())
            if own or owner_listed.get(h.entity_id, {}).get(scheme) == value:
                sup.add(OWN)
            elif h.source:
                sup.add(h.source)
    return Schemes(dict(held), shown)
