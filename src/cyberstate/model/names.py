"""Name normalisation: the key under which every name and alias is looked up.

Analysts type "apt 31", "APT-31" or "Pierșinaru" for "APT31" and "Piersinaru", so the key drops case,
spacing, punctuation and diacritics. Chinese characters are kept as they are (they carry the meaning).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container, Iterable

from cyberstate.model.rules import has_han

__all__ = ["has_han", "norm", "slug", "undated_names"]


def undated_names(rows: Iterable[tuple[str, str | None, bool]], dated: Container[str | None]) -> set[str]:
    """The names of one entity not known to be in use at a past date, by their lookup keys (`norm`), from its
    (name, source, own) rows: a name is undated when no source that gives it, in any spelling ("Wicked Panda",
    "WICKED PANDA"), is dated (what is dated after the date is left out before), and it is not the entity's own
    name, which always works. One name, one answer: `show` marked each of its rows by that row's source and
    `resolve` each spelling, so a name one dated source gives was undated for one and dated for the other.
    Both mark names by this rule, through the name index (resolve/names.py `NameIndex.undated`)."""
    seen: set[str] = set()
    known: set[str] = set()
    for name, source, own in rows:
        key = norm(name)
        seen.add(key)
        if own or source in dated:
            known.add(key)
    return seen - known


def norm(name: str) -> str:
    """The lookup key of a name: NFKD, without combining marks, casefolded, letters and digits only."""
    if name.isascii():  # the same key without Unicode tables: most names are ASCII, imports hold thousands
        return "".join(filter(str.isalnum, name)).lower()
    decomposed = unicodedata.normalize("NFKD", name)
    out = []
    for ch in decomposed:
        if unicodedata.combining(ch):
            continue
        if ch.isalnum():
            out.append(ch.casefold())
    return unicodedata.normalize("NFC", "".join(out))


def slug(name: str) -> str:
    """An id-safe slug: lowercase ASCII letters, digits and hyphens."""
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_ = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).encode("ascii", "ignore")
    return re.sub(r"[^a-z0-9]+", "-", ascii_.decode().lower()).strip("-")


_LEGAL_SUFFIXES = (
    "Co., Ltd.",
    "Co., Ltd",
    "Co. Ltd.",
    "Co Ltd",
    "Company Limited",
    "Company, Limited",
    "Co., Limited",
    "Ltd.",
    "Limited",
    "Inc.",
    "Incorporated",
    "Company",
)
_JOINT = re.compile(r"(?<=[A-Za-z])[ -]?(?=\d)")
_US = re.compile(r"\b(U\.S\.|U\.S|US|U\.K\.|UK)(?=\s)")
_US_FORMS = {
    "u.s.": ("U.S.", "US"),
    "u.s": ("U.S.", "US"),
    "us": ("U.S.", "US"),
    "u.k.": ("U.K.", "UK"),
    "uk": ("U.K.", "UK"),
}


def spellings(name: str, limit: int = 16) -> list[str]:
    """The ways a text writes a name that `norm` keeps as one key: "APT41" as "APT 41" or "APT-41", "U.S."
    as "US", a legal suffix in its other forms ("Co., Ltd." / "Company Limited"), "&" as "and". Matching
    a text against these finds what `resolve` would find for the same words."""
    out = [name]

    def add(v: str) -> None:
        if v not in out and norm(v) and len(out) < limit:
            out.append(v)

    m = re.fullmatch(r"([A-Za-z]{2,6})[ -]?(\d{1,4})", name)
    if m:
        for sep in ("", " ", "-"):
            add(f"{m.group(1)}{sep}{m.group(2)}")
        if m.group(1).upper() == "APT":
            add(f"Advanced Persistent Threat {m.group(2)}")  # how indictments spell the group out
    for v in list(out):
        u = _US.search(v)
        if u:
            for form in _US_FORMS[u.group(1).lower()]:
                add(v[: u.start()] + form + v[u.end() :])
    for v in list(out):
        if not v.endswith(_LEGAL_SUFFIXES):
            continue  # one test of every suffix at once: most names carry none (speed only, the same spellings)
        for suffix in _LEGAL_SUFFIXES:
            if v.endswith(" " + suffix) or v.endswith("," + suffix) or v.endswith(", " + suffix):
                stem = v[: -len(suffix)].rstrip(", ")
                for other in _LEGAL_SUFFIXES:
                    add(f"{stem}, {other}" if other in {"Limited", "Inc.", "Incorporated"} else f"{stem} {other}")
                if len(stem.split()) >= 3:
                    add(stem)  # "Wuhan Xiaoruizhi Science and Technology" without its legal form
                break
    for v in list(out):
        if " & " in v:
            add(v.replace(" & ", " and "))
        elif " and " in v:
            add(v.replace(" and ", " & "))
    return out


#: English adjectives of nationality, by ISO 3166-1 alpha-2 code: how a text names a state by its people's
#: adjective ("the Chinese government", "the Chinese Ministry of State Security"), which no store name
#: carries. `resolve` reads a name so qualified as the state, or as that state's body.
NATIONALITY = {
    "afghan": "AF",
    "albanian": "AL",
    "algerian": "DZ",
    "american": "US",
    "argentine": "AR",
    "armenian": "AM",
    "australian": "AU",
    "austrian": "AT",
    "azerbaijani": "AZ",
    "bangladeshi": "BD",
    "belarusian": "BY",
    "belgian": "BE",
    "brazilian": "BR",
    "british": "GB",
    "bulgarian": "BG",
    "cambodian": "KH",
    "canadian": "CA",
    "chilean": "CL",
    "chinese": "CN",
    "colombian": "CO",
    "croatian": "HR",
    "cuban": "CU",
    "czech": "CZ",
    "danish": "DK",
    "dutch": "NL",
    "egyptian": "EG",
    "emirati": "AE",
    "estonian": "EE",
    "ethiopian": "ET",
    "filipino": "PH",
    "finnish": "FI",
    "french": "FR",
    "georgian": "GE",
    "german": "DE",
    "greek": "GR",
    "hungarian": "HU",
    "indian": "IN",
    "indonesian": "ID",
    "iranian": "IR",
    "iraqi": "IQ",
    "irish": "IE",
    "israeli": "IL",
    "italian": "IT",
    "japanese": "JP",
    "kazakh": "KZ",
    "kenyan": "KE",
    "kuwaiti": "KW",
    "lao": "LA",
    "latvian": "LV",
    "lebanese": "LB",
    "lithuanian": "LT",
    "malaysian": "MY",
    "mexican": "MX",
    "mongolian": "MN",
    "moroccan": "MA",
    "nepalese": "NP",
    "new zealand": "NZ",
    "nigerian": "NG",
    "north korean": "KP",
    "norwegian": "NO",
    "pakistani": "PK",
    "philippine": "PH",
    "polish": "PL",
    "portuguese": "PT",
    "qatari": "QA",
    "romanian": "RO",
    "russian": "RU",
    "saudi": "SA",
    "serbian": "RS",
    "singaporean": "SG",
    "slovak": "SK",
    "slovenian": "SI",
    "south african": "ZA",
    "south korean": "KR",
    "spanish": "ES",
    "swedish": "SE",
    "swiss": "CH",
    "syrian": "SY",
    "taiwanese": "TW",
    "thai": "TH",
    "turkish": "TR",
    "ukrainian": "UA",
    "venezuelan": "VE",
    "vietnamese": "VN",
}
