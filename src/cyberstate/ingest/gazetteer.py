"""Reference geography from ISO 3166 as shipped in pycountry: countries and China's 34 provincial-level
divisions, with their codes and the Chinese names pycountry's translations give (with and without the
division word: 海南省 and 海南, as the English names are "Hainan Sheng" and Hainan).

These records are reference data, not anybody's claim about cyber operations; `check` measures what
sources say about places against them (a source that calls a city a province is reported, not fixed).
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version

import pycountry

from cyberstate.errors import InvalidRecord
from cyberstate.model import Alias, Claim, Entity, Source
from cyberstate.model.names import slug

SOURCE_ID = "iso-3166-pycountry"
ASSERTOR_ID = "iso"
ORIGIN = "reference:iso-3166"

_SUFFIX = re.compile(r"\s+(Sheng|Shi|Zizhiqu|Zhuangzu Zizhiqu|Huizu Zizhiqu|Uygur Zizhiqu|SAR)$")
#: The same words in the Chinese names (省, 市, 自治区 with its people's name, 特别行政区): 海南省 is 海南 as
#: "Hainan Sheng" is Hainan, and texts and analysts write both.
_ZH_SUFFIX = re.compile(r"(?:省|市|(?:壮族|回族|维吾尔)?自治区|特别行政区)$")


def zh_short(name: str) -> str | None:
    """A division's Chinese name without its division word (海南 of 海南省, 宁夏 of 宁夏回族自治区), where one is
    left: the same rule for ISO's names and for a Chinese name a curated claim gives a division."""
    short = _ZH_SUFFIX.sub("", name)
    return short if short and short != name else None


def reference_source() -> Source:
    v = version("pycountry")
    return Source(
        id=SOURCE_ID,
        title=f"ISO 3166-1 countries and ISO 3166-2 subdivisions, as shipped in pycountry {v}",
        publisher="International Organization for Standardization (via the pycountry package)",
        url="https://pypi.org/project/pycountry/",
        kind="reference_data",
        note="Codes and names read from the installed package at load time; Chinese names from its zh_CN translations.",
    )


def reference_assertor() -> Entity:
    return Entity(
        id=ASSERTOR_ID,
        kind="standards_body",
        name="International Organization for Standardization",
        aliases=(Alias("ISO", SOURCE_ID),),
        sources=(SOURCE_ID,),
        assertor_type="standards_body",
    )


@lru_cache(maxsize=4)
def _translator(domain: str) -> gettext.NullTranslations:
    try:
        return gettext.translation(domain, pycountry.LOCALES_DIR, languages=["zh_CN"])
    except OSError:
        return gettext.NullTranslations()


def _zh(domain: str, name: str) -> str | None:
    t = _translator(domain).gettext(name)
    return t if t != name else None


def country_entity(entity_id: str, iso: str) -> Entity:
    """The country with ISO 3166-1 alpha-2 code `iso`, named as pycountry names it."""
    c = pycountry.countries.get(alpha_2=iso.upper())
    if c is None:
        raise InvalidRecord(f"unknown ISO 3166-1 code {iso!r}")
    name = getattr(c, "common_name", None) or c.name
    aliases = [
        Alias(n, SOURCE_ID) for n in dict.fromkeys((c.name, getattr(c, "official_name", None))) if n and n != name
    ]
    zh = _zh("iso3166-1", c.name)
    if zh:
        aliases.append(Alias(zh, SOURCE_ID, lang="zh"))
    return Entity(
        id=entity_id,
        kind="country",
        name=name,
        aliases=tuple(aliases),
        sources=(SOURCE_ID,),
        attrs={"code": c.alpha_2, "alpha_3": c.alpha_3},
    )


@dataclass(frozen=True, slots=True)
class Division:
    id: str
    name: str
    iso_name: str
    code: str
    type: str
    zh: str | None

    @property
    def zh_short(self) -> str | None:
        """The Chinese name without its division word (海南 of 海南省), where one is left."""
        return zh_short(self.zh) if self.zh else None


def divisions(country: str = "CN") -> list[Division]:
    """The provincial-level divisions of a country as ISO 3166-2 lists them."""
    out = []
    for s in pycountry.subdivisions.get(country_code=country) or []:
        if getattr(s, "parent_code", None):
            continue
        short = _SUFFIX.sub("", s.name)
        out.append(Division(slug(short), short, s.name, s.code, s.type, _zh("iso3166-2", s.name)))
    return sorted(out, key=lambda d: d.code)


def province_records(country_id: str = "china", country: str = "CN") -> tuple[list[Entity], list[Claim]]:
    """Entities for every division and a `located_in` claim to the country, asserted by ISO."""
    entities: list[Entity] = []
    claims: list[Claim] = []
    for d in divisions(country):
        aliases = [Alias(d.iso_name, SOURCE_ID)] if d.iso_name != d.name else []
        if d.zh:
            aliases.append(Alias(d.zh, SOURCE_ID, lang="zh"))
        if d.zh_short:
            aliases.append(Alias(d.zh_short, SOURCE_ID, lang="zh"))
        entities.append(
            Entity(
                id=d.id,
                kind="province",
                name=d.name,
                aliases=tuple(aliases),
                sources=(SOURCE_ID,),
                attrs={"code": d.code, "division_type": d.type},
            )
        )
        claims.append(
            Claim(
                subject=d.id,
                predicate="located_in",
                object=country_id,
                sources=(SOURCE_ID,),
                assertor=ASSERTOR_ID,
                basis="reference_data",
                confidence=95,
                origin=ORIGIN,
            )
        )
    return entities, claims
