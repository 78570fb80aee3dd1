"""The strict schema of what we read from users: curated YAML files and MISP galaxy cluster files.

Types are checked, never coerced: `negated: "false"` is an error, not a denial; an unquoted
`published: 2024-03-25` stays the string it looks like (YAML timestamps are not resolved), and
`2024-13-45` is an error naming the field. Every error names the file, the line and the field.

Limits (documented in docs/data-format.md) bound what one file can make us hold, and are checked while
the YAML is composed, before any Python object is built: a file of more than MAX_FILE_BYTES, nesting
deeper than MAX_DEPTH, more than MAX_YAML_ALIASES anchors referenced (an alias bomb is refused at once),
names longer than MAX_NAME, texts longer than MAX_TEXT, more than MAX_ALIASES aliases or synonyms on a
record.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from cyberstate.errors import CyberstateError, DataFileError, ImportFormatError, SchemaError
from cyberstate.model.dates import earliest, parse_date

MAX_FILE_BYTES = 8 * 1024 * 1024  # a curated YAML file
MAX_JSON_BYTES = 64 * 1024 * 1024  # a galaxy cluster file (the largest shipped is a few MB)
MAX_DEPTH = 12  # nesting of mappings and lists in a curated file (the format needs 5)
MAX_JSON_DEPTH = 24  # nesting in a galaxy file
MAX_YAML_ALIASES = 16  # `*alias` references in one YAML file (the shipped data uses none)
MAX_NAME = 500  # characters in an id, a name, an alias, a title, a URL-free label
MAX_URL = 2_000
MAX_TEXT = 20_000  # a note, an evidence span, a literal value
MAX_DESCRIPTION = 200_000  # a galaxy description
MAX_ALIASES = 500  # aliases of one entity, synonyms of one galaxy value
MAX_ITEMS = 200_000  # records in one file, values in one cluster


# ------------------------------------------------------------------------------------------ YAML


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader without timestamps, refusing deep nesting and alias floods before building anything."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._aliases = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_YAML_ALIASES:
                mark = self.peek_event().start_mark
                raise _Limit(mark.line + 1, f"more than {MAX_YAML_ALIASES} YAML aliases (*name); write the values out")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise _Limit(mark.line + 1, f"nested deeper than {MAX_DEPTH} levels")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        """Refuse a key given twice in one mapping: YAML would silently keep only the last value."""
        seen: dict[Any, Any] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.get(key)
            except TypeError:
                continue  # an unhashable key: the base constructor reports it
            if first is not None:
                raise _Limit(key_node.start_mark.line + 1, f"repeated key {key!r} (first on line {first.line + 1})")
            seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep=deep)


# Dates stay strings: the model parses them and says what is wrong with a bad one.
_StrictLoader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in rs if tag != "tag:yaml.org,2002:timestamp"]
    for ch, rs in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _Limit(Exception):
    def __init__(self, line: int, problem: str) -> None:
        self.line, self.problem = line, problem
        super().__init__(problem)


def read_yaml(path: Path, label: str) -> tuple[Any, Any]:
    """The document and its node tree (for line numbers). Raises DataFileError/SchemaError, never a
    YAML, OS or Unicode error."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DataFileError(label, "", f"file of {size:,} bytes is over the limit of {MAX_FILE_BYTES:,}")
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise DataFileError(label, "", f"not UTF-8 text ({e.reason} at byte {e.start})") from None
    except OSError as e:
        raise DataFileError(label, "", f"cannot read ({e.strerror})") from None
    loader: _StrictLoader | None = None
    try:
        loader = _StrictLoader(text)  # the reader refuses some characters already here
        node = loader.get_single_node()
        doc = loader.construct_document(node) if node is not None else None
    except _Limit as e:
        raise SchemaError(label, e.line, "", e.problem) from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise SchemaError(label, mark.line + 1 if mark else None, "", f"YAML syntax error: {problem}") from None
    except (RecursionError, MemoryError):
        raise DataFileError(label, "", "too deeply nested or too large to read") from None
    finally:
        if loader is not None:
            loader.dispose()
    return doc, node


def _line_of(node: Any, loc: tuple[Any, ...]) -> int | None:
    """The line of the value at `loc` (a pydantic error location) in the YAML node tree."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == part:
                    node = v
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
        else:
            return line
        line = node.start_mark.line + 1
    return line


# ------------------------------------------------------------------------------------------ types


def _date(v: str) -> str:
    try:
        parse_date(v)
    except CyberstateError as e:
        raise ValueError(str(e)) from None
    return v


Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=MAX_NAME)]
#: A source's id: a curated file's slug, or the id the program gives the source of a galaxy record's description
#: (`desc:` and the record's id), which a decisions file names when the analyst reviewed a candidate read from it.
SourceId = Annotated[str, StringConstraints(pattern=r"^(?:desc:)?[a-z0-9][a-z0-9-]*$", max_length=MAX_NAME)]
Name = Annotated[str, StringConstraints(pattern=r"\S", max_length=MAX_NAME)]
Url = Annotated[str, StringConstraints(pattern=r"\S", max_length=MAX_URL)]
Text = Annotated[str, StringConstraints(pattern=r"\S", max_length=MAX_TEXT)]
Date = Annotated[str, StringConstraints(min_length=4, max_length=10), AfterValidator(_date)]
Scalar = Annotated[str, StringConstraints(max_length=MAX_TEXT)] | int | float


def _past(v: str) -> str:
    if earliest(parse_date(v) or v) > dt.date.today():
        raise ValueError(f"{v!r} is in the future: a publication date is one that has come")
    return v


#: A publication date (of a source, of a claim): one that has come. The dates a claim holds in the world
#: (`valid_from`, `valid_to`) may lie ahead (a law in force from a date to come).
Published = Annotated[Date, AfterValidator(_past)]


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class SourceRec(BaseModel):
    # Unknown source fields are refused by the loader's own field list (sources gain fields often).
    model_config = ConfigDict(strict=True, extra="allow", frozen=True)
    id: SourceId
    title: Name | None = None
    author: Name | None = None
    publisher: Name | None = None
    published: Published | None = None
    url: Url | None = None
    kind: Name | None = None
    text: Name | None = None
    cited_by: Name | None = None
    cited_as: Annotated[list[Name], Field(max_length=MAX_ALIASES)] | None = None
    note: Text | None = None
    sha256: Name | None = None  # an ingested document whose text a decisions file does not carry


class AliasRec(_Strict):
    name: Name
    source: SourceId
    origin: Name | None = None
    lang: Name | None = None


class EntityRec(_Strict):
    id: Id
    kind: Name
    name: Name | None = None
    names: Annotated[dict[Name, Name], Field(max_length=MAX_ALIASES)] | None = None
    aliases: Annotated[list[AliasRec], Field(max_length=MAX_ALIASES)] | None = None
    sources: Annotated[list[SourceId], Field(max_length=MAX_ALIASES)] | None = None
    assertor_type: Name | None = None
    note: Text | None = None
    iso: Name | None = None
    code: Name | None = None
    proposed_in: SourceId | None = None  # decisions files: the document an extracted entity was proposed in
    status: Name | None = None  # decisions files: the review decision on a proposed entity


class ClaimFields(_Strict):
    """Every field of a claim, all optional: what `defaults:` may give."""

    subject: Id | None = None
    predicate: Name | None = None
    object: Id | None = None
    value: Scalar | Annotated[dict[Name, Scalar], Field(max_length=8)] | None = None
    sources: Annotated[list[SourceId], Field(min_length=1, max_length=MAX_ALIASES)] | None = None
    assertor: Id | None = None
    basis: Name | None = None
    confidence: Annotated[int, Field(ge=0, le=100)] | None = None
    published: Published | None = None
    valid_from: Date | None = None
    valid_to: Date | None = None
    negated: bool | None = None
    evidence: Text | None = None
    marking: Name | None = None
    status: Name | None = None
    note: Text | None = None
    origin: Name | None = None  # decisions files: where the claim first came from


class CuratedFile(_Strict):
    id: Name | None = None  # a declared identity: the file's claims stay its own wherever it is moved
    defaults: ClaimFields | None = None
    sources: Annotated[list[SourceRec], Field(max_length=MAX_ITEMS)] | None = None
    entities: Annotated[list[EntityRec], Field(max_length=MAX_ITEMS)] | None = None
    claims: Annotated[list[ClaimFields], Field(max_length=MAX_ITEMS)] | None = None


_UNION_TAGS = {"constrained-str", "str", "int", "float", "bool", "dict", "list", "function-after"}


def _first_error(e: ValidationError) -> tuple[tuple[Any, ...], str]:
    err = e.errors(include_url=False)[0]
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and ("[" in p or p in _UNION_TAGS)))
    msg = err["msg"].removeprefix("Value error, ")
    if err["type"] == "string_pattern_mismatch":
        pattern = (err.get("ctx") or {}).get("pattern", "")
        msg = "must not be empty or blank" if pattern == r"\S" else "must be lowercase letters, digits and hyphens"
    if err["type"] == "extra_forbidden":
        msg = "unknown field"
    if err["type"] in {"model_type", "dict_type"}:
        msg = "must be a mapping"
        if "aliases" in loc:
            msg = "an alias needs a source: write {name: NAME, source: SOURCE_ID}"
    if err["type"] == "list_type":
        msg = "must be a list"
    if err["type"] == "missing":
        msg = "required field missing"
    value = err.get("input")
    if err["type"] not in {"missing", "extra_forbidden"} and not isinstance(value, dict | list):
        shown = repr(value)
        msg += f" (got {shown[:60] + '…' if len(shown) > 60 else shown})"
    return loc, msg


def _field(loc: tuple[Any, ...]) -> str:
    out = ""
    for p in loc:
        name = str(p) if re.fullmatch(r"[\w-]{1,60}", str(p)) else repr(str(p)[:60])
        out += f"[{p}]" if isinstance(p, int) else (f".{name}" if out else name)
    return out


def check_curated(doc: Any, node: Any, label: str) -> dict[str, Any]:
    """The curated file's document, checked: raises SchemaError naming file, line and field."""
    if doc is None:
        return {}
    if not isinstance(doc, dict):
        raise SchemaError(label, _line_of(node, ()), "", "the file must be a mapping with sources/entities/claims")
    try:
        CuratedFile.model_validate(doc, strict=True)
    except ValidationError as e:
        loc, msg = _first_error(e)
        raise SchemaError(label, _line_of(node, loc), _field(loc), msg) from None
    return doc


def read_curated(path: Path, label: str) -> dict[str, Any]:
    doc, node = read_yaml(path, label)
    return check_curated(doc, node, label)


# ------------------------------------------------------------------------------------------ galaxy


class _Open(BaseModel):
    """Galaxy objects carry many fields we do not read; the ones we read are typed."""

    model_config = ConfigDict(strict=True, extra="allow", frozen=True)


class GalaxyMeta(_Open):
    synonyms: Annotated[list[Name], Field(max_length=MAX_ALIASES)] | None = None
    country: str | list[str] | None = None
    refs: Annotated[list[Annotated[str, StringConstraints(max_length=MAX_URL)]], Field(max_length=10_000)] | None = None


class GalaxyValue(_Open):
    value: Name
    uuid: Name
    description: Annotated[str, StringConstraints(max_length=MAX_DESCRIPTION)] | None = None
    meta: GalaxyMeta | None = None
    # Related links are read leniently: the importer skips (and counts) the ones it cannot use.
    related: Annotated[list[Any], Field(max_length=10_000)] | None = None


class GalaxyCluster(_Open):
    name: Name
    type: Name
    uuid: Name
    description: Annotated[str, StringConstraints(max_length=MAX_DESCRIPTION)] | None = None
    values: Annotated[list[GalaxyValue], Field(max_length=MAX_ITEMS)]


def _json_depth(text: str) -> int:
    """The deepest nesting of brackets outside strings: checked before json.loads recurses into it."""
    depth = deepest = 0
    for m in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', text):
        t = m.group()
        if t in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_JSON_DEPTH:
                return deepest
        elif t in "]}":
            depth -= 1
    return deepest


def read_galaxy(path: Path, label: str | None = None) -> dict[str, Any]:
    """A galaxy cluster file, parsed and checked; raises ImportFormatError naming file, line and field."""
    label = label or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_JSON_BYTES:
            raise ImportFormatError(label, "", f"file of {size:,} bytes is over the limit of {MAX_JSON_BYTES:,}")
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise ImportFormatError(label, "", f"not UTF-8 text ({e.reason} at byte {e.start})") from None
    except OSError as e:
        raise ImportFormatError(label, "", f"cannot read ({e.strerror})") from None
    if _json_depth(text) > MAX_JSON_DEPTH:
        raise ImportFormatError(label, "", f"nested deeper than {MAX_JSON_DEPTH} levels")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise ImportFormatError(label, "", f"malformed JSON at line {e.lineno}, column {e.colno}: {e.msg}") from None
    except (RecursionError, MemoryError):
        raise ImportFormatError(label, "", "too deeply nested or too large to read") from None
    if not isinstance(data, dict) or not isinstance(data.get("values"), list):
        raise ImportFormatError(label, "", "not a MISP galaxy cluster (no 'values' list)")
    try:
        GalaxyCluster.model_validate(data, strict=True)
    except ValidationError as e:
        loc, msg = _first_error(e)
        loc = tuple("dest-uuid" if p == "dest_uuid" else p for p in loc)
        if len(loc) == 3 and loc[2] == "value":
            msg = f"value without a name ('value'): {msg}"
        where = _field(loc)
        if len(loc) >= 2 and loc[0] == "values" and isinstance(loc[1], int):
            v = data["values"][loc[1]]
            name = v.get("value") if isinstance(v, dict) else None
            if isinstance(name, str) and len(name) <= MAX_NAME:
                where += f" ({name!r})"
        raise ImportFormatError(label, f"{_json_line(text, loc)}{where}", msg) from None
    return data


def _json_line(text: str, loc: tuple[Any, ...]) -> str:
    """'line N, ' for the value a location names in a JSON text (the line of its value's uuid or name)."""
    if len(loc) < 2 or loc[0] != "values" or not isinstance(loc[1], int):
        return ""
    # Count the values' opening braces at the values list's depth: cheap and good enough for a message.
    start = text.find('"values"')
    if start < 0:
        return ""
    depth, index, i = 0, -1, text.find("[", start)
    for m in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', text[i:]):
        t = m.group()
        if t in "[{":
            depth += 1
            if depth == 2 and t == "{":
                index += 1
                if index == loc[1]:
                    return f"line {text.count(chr(10), 0, i + m.start()) + 1}, "
        elif t in "]}":
            depth -= 1
            if depth == 0:
                break
    return ""
