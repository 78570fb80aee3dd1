"""An incremental reader of STIX bundles: one object at a time, with its position, in bounded memory.

A bundle of hundreds of megabytes must not become a list of dicts. The reader walks the top-level
object by hand and hands each element of `objects` to the C JSON decoder as soon as its text is in the
buffer, so memory holds one chunk and one object, never the file. Positions are character offsets, so
an error names the object's index and where it starts.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from orjson import loads as _loads

from cyberstate.errors import ImportFormatError

CHUNK = 1 << 20
#: An object larger than this is refused rather than buffered (a 1 GB blob is not an object to read).
MAX_OBJECT = 64 << 20
_WS = " \t\n\r"
_NOT_WS = re.compile(r"[^ \t\n\r]")
#: How far to look for the end of an object's line before reading it the general way (a bundle written
#: on one line, or an object spread over many).
_LINE_MAX = 1 << 18
#: After this many elements in a row that do not fill their line, the reader stops trying.
_MISSES = 16


@dataclass
class BundleHead:
    """The bundle's own keys, as far as the reader has seen them."""

    type: str | None = None
    id: str | None = None
    spec_version: str | None = None
    other: dict[str, Any] = field(default_factory=dict)


class BundleReader:
    def __init__(self, path: str | Path, *, chunk: int = CHUNK, max_object: int = MAX_OBJECT) -> None:
        self.path = str(path)
        self.chunk = chunk
        self.max_object = max_object
        self.head = BundleHead()
        self._decode = json.JSONDecoder().raw_decode
        self._wanted: bytearray | None = None
        self._next = 0
        self.by_line = False
        #: The length in characters of the last element given.
        self.length = 0

    # The buffer: text[pos:] is unread; base is the file offset (in characters) of text[0].
    def _fill(self) -> bool:
        data = self._f.read(max(self.chunk, len(self._text) - self._pos))
        if not data:
            tail = self._dec.decode(b"", final=True)
            self._eof = True
            if not tail:
                return False
            data_s = tail
        else:
            data_s = self._dec.decode(data)
        self._base += self._pos
        self._text = self._text[self._pos :] + data_s
        self._pos = 0
        return True

    def _fail(self, problem: str, where: str = "", offset: int | None = None) -> ImportFormatError:
        at = self._base + self._pos if offset is None else offset
        return ImportFormatError(self.path, where or f"at character {at}", problem)

    def _peek(self) -> str:
        while True:
            found = _NOT_WS.search(self._text, self._pos)
            if found is not None:
                self._pos = found.start()
                return self._text[self._pos]
            self._pos = len(self._text)
            if self._eof or not self._fill():
                return ""

    def _expect(self, chars: str, what: str) -> str:
        c = self._peek()
        if not c or c not in chars:
            found = repr(c) if c else "the end of the file"
            raise self._fail(f"invalid JSON: expected {what}, found {found}")
        self._pos += 1
        return c

    def _value(self, where: str) -> Any:
        """Decode one JSON value at the current position, reading more of the file while it is cut off."""
        self._peek()
        start = self._base + self._pos
        while True:
            try:
                value, end = self._decode(self._text, self._pos)
            except RecursionError:  # deeper than the decoder's stack: named by its place, as every other refusal
                raise self._fail(
                    "nested too deeply to read (JSON arrays or objects within each other)", where
                ) from None
            except json.JSONDecodeError as e:
                near_end = e.pos >= len(self._text) - 8 or e.msg.startswith("Unterminated string")
                if self._eof or not near_end:
                    raise self._fail(f"invalid JSON: {e.msg} (character {self._base + e.pos})", where) from None
                if len(self._text) - self._pos > self.max_object:
                    raise self._fail(
                        f"larger than {self.max_object >> 20} MB, or its JSON never closes", where
                    ) from None
                self._fill()
                continue
            if end == len(self._text) and not self._eof and not isinstance(value, dict | list | str):
                self._fill()  # a number or literal at the end of the buffer may go on in the next chunk
                continue
            self._pos = end
            return value, start

    def _line(self) -> tuple[Any, int] | None:
        """The element at the current position when it fills the rest of its line (how exporters write
        bundles: one object a line), decoded by orjson; None to take the general path. JSON strings hold
        no raw newline, so a line that decodes whole is exactly one element."""
        if self._misses > _MISSES:
            return None  # not a bundle written a line per object: stop looking for line ends
        text, pos = self._text, self._pos
        nl = text.find("\n", pos, pos + _LINE_MAX)
        if nl < 0:
            self._misses += 1
            return None
        end = nl
        while end > pos and text[end - 1] in _WS:
            end -= 1
        if end > pos and text[end - 1] == ",":
            end -= 1
        try:
            value = _loads(text[pos:end])
        except ValueError:
            self._misses += 1
            return None
        self._misses = 0
        start = self._base + pos
        self._pos = end
        return value, start

    def _run(self, i: int, wanted: bytearray | None = None) -> Iterator[tuple[int, int, Any]]:
        """The elements from the current position on that each fill their line up to a comma, read line
        by line straight from the buffer (the layout exporters write); it stops, leaving the position at
        the start of an element, at anything else: the last element, a line that is not one element, the
        end of the buffer's reach. The general path takes over from there, with its error messages."""
        ws = " \t\r"
        reach = min(_LINE_MAX, self.max_object)  # never buffer more than an object may hold
        while True:
            text, pos = self._text, self._pos
            nl = text.find("\n", pos, pos + reach)
            if nl < 0:
                if len(text) - pos >= reach or self._eof or not self._fill():
                    self._misses += 1
                    self._next = i
                    return
                continue
            end = nl
            while end > pos and text[end - 1] in ws:
                end -= 1
            start = pos
            while start < end and text[start] in ws:
                start += 1
            if start == end:
                self._pos = nl + 1  # a blank line
                continue
            if text[end - 1] != "," or text[start] not in "{[":
                self._pos = start
                self._next = i
                return
            if wanted is not None and i < len(wanted) and not wanted[i]:
                self._pos = nl + 1  # an element the caller has read before and does not need again
                i += 1
                continue
            try:
                value = _loads(text[start : end - 1])
            except ValueError:
                self._misses += 1
                self._pos = start
                self._next = i
                return
            self._pos = nl + 1
            self.by_line = True
            self.length = end - 1 - start
            yield i, self._base + start, value
            i += 1

    def objects(self, wanted: bytearray | None = None) -> Iterator[tuple[int, int, Any]]:
        """(index, character offset, decoded element) for each element of the bundle's `objects`.

        `by_line` tells, after each element, whether it was a line of its own (read without the general
        decoder). `wanted`, on a second reading of the same file: a byte per index, 0 for an element to
        leave out, which the first reading found as a line of its own (its end is then the line's end, and
        leaving it out costs finding that); any other element is decoded and given, so a caller still
        checks what it gets."""
        self._f = open(self.path, "rb")  # noqa: SIM115 - closed in finally, the generator may stop early
        self._dec = codecs.getincrementaldecoder("utf-8-sig")(errors="strict")
        self._text, self._pos, self._base, self._eof = "", 0, 0, False
        self._misses = 0
        self._wanted = wanted
        self.by_line = False
        try:
            yield from self._walk()
        except UnicodeDecodeError as e:
            raise self._fail(f"not UTF-8 text ({e.reason})") from None
        finally:
            self._f.close()

    def _walk(self) -> Iterator[tuple[int, int, Any]]:
        first = self._peek()
        if not first:
            raise self._fail("the file is empty" if self._base + self._pos == 0 else "the file holds only white space")
        if first == "[":  # valid JSON, but a list of objects, not the bundle that carries them
            raise self._fail(
                'not a STIX bundle: a JSON array; a bundle is an object {"type": "bundle", "objects": [...]}'
            )
        self._expect("{", "'{' opening a STIX bundle")
        seen_objects = False
        if self._peek() == "}":
            self._pos += 1
        else:
            while True:
                if self._peek() != '"':
                    raise self._fail("invalid JSON: expected a key in the bundle")
                key, _ = self._value("bundle key")
                self._expect(":", "':' after a key")
                if key == "objects":
                    seen_objects = True
                    yield from self._elements()
                else:
                    value, _ = self._value(f"bundle property {key!r}")
                    if key in ("type", "id", "spec_version"):
                        setattr(self.head, key, value)
                    else:
                        self.head.other[key] = value
                    if key == "type" and value != "bundle":
                        raise self._fail(f"not a STIX bundle: type is {value!r}", "bundle")
                if self._expect(",}", "',' or '}' in the bundle") == "}":
                    break
        if self._peek():
            raise self._fail("invalid JSON: text after the end of the bundle")
        if self.head.type != "bundle":
            raise self._fail('not a STIX bundle: no "type": "bundle"', "bundle")
        if not seen_objects:
            return

    def _elements(self) -> Iterator[tuple[int, int, Any]]:
        self._expect("[", "'[' opening the objects")
        if self._peek() == "]":
            self._pos += 1
            return
        i = 0
        while True:
            if self._misses <= _MISSES:
                yield from self._run(i, self._wanted)
                i = self._next
            found = self._line() if self._peek() in "{[" else None
            value, start = found or self._value(f"object #{i} at character {self._base + self._pos}")
            self.by_line = False
            self.length = self._base + self._pos - start
            yield i, start, value
            i += 1
            if self._expect(",]", "',' or ']' between objects") == "]":
                return
