"""Read a document (plain text, Markdown, HTML, PDF) into plain text with its title and the publisher,
date and URL it states about itself.

Offsets everywhere else index the plain text returned here, so the conversion is done once. Bad input
is refused with one line: an unreadable, empty or oversized file, a text that is not UTF-8, a PDF with no
text layer. Only the path given is read.
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

from cyberstate.errors import CyberstateError
from cyberstate.extract import rx as re

#: Larger files are refused rather than read into memory whole: reports are rarely over a few MB.
MAX_BYTES = 64 * 1024 * 1024
MAX_PAGES = 5000


class DocumentError(CyberstateError):
    """A document cannot be read as text."""

    def __init__(self, path: str, problem: str) -> None:
        self.path, self.problem = path, problem
        super().__init__(f"{path}: {problem}")

    def __reduce__(self) -> tuple[type[DocumentError], tuple[str, str]]:
        return DocumentError, (self.path, self.problem)  # raised in a worker of `ingest --workers N`


@dataclass
class Document:
    path: str
    title: str
    text: str
    sha256: str
    format: str
    publisher: str | None = None
    published: str | None = None
    url: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


#: What a directory given to `ingest` contributes: its documents, in name order, hidden files skipped.
DOCUMENT_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".xhtml", ".pdf"}


def document_paths(paths: list[str | Path] | tuple[str | Path, ...]) -> list[Path]:
    """The files to read: each path given, and the documents under each directory given. A directory holding
    none is a mistaken path, which would read nothing and say it had: a DocumentError naming it."""
    out: list[Path] = []
    for path in paths:
        p = Path(path)
        if p.is_dir():
            found = sorted(
                f
                for f in p.rglob("*")
                if f.is_file()
                and f.suffix.lower() in DOCUMENT_SUFFIXES
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            if not found:
                raise DocumentError(str(p), f"a folder holding no document ({', '.join(sorted(DOCUMENT_SUFFIXES))})")
            out += found
        else:
            out.append(p)
    return out


def read_document(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Document:
    p = Path(path)
    label = str(path)
    try:
        size = p.stat().st_size
    except OSError as e:
        raise DocumentError(label, f"cannot read ({e.strerror or e})") from None
    if not p.is_file():
        raise DocumentError(label, "not a file")
    if size == 0:
        raise DocumentError(label, "empty file")
    if size > max_bytes:
        raise DocumentError(label, f"too large ({size / 1e6:.0f} MB; the limit is {max_bytes / 1e6:.0f} MB)")
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise DocumentError(label, f"cannot read ({e.strerror or e})") from None
    digest = hashlib.sha256(raw).hexdigest()
    suffix = p.suffix.lower()
    if raw.startswith(b"%PDF") or suffix == ".pdf":
        doc = _pdf(label, raw)
    elif kind := _container(raw):
        raise DocumentError(label, f"{kind}, not a document this reads (text, Markdown, HTML, PDF)")
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise DocumentError(label, f"not UTF-8 text (invalid byte at offset {e.start})") from None
        if "\x00" in text or _mostly_controls(text[:_PROBE]):
            raise DocumentError(label, "binary content, not text")
        if suffix in {".html", ".htm", ".xhtml"} or re.match(r"\s*(<!doctype html|<html)", text[:500], re.I):
            doc = _html(label, text)
        elif suffix in {".md", ".markdown"}:
            doc = _markdown(label, text)
        else:
            doc = Document(label, _first_line(text), text, "", "text")
    doc.sha256 = digest
    if not doc.text or doc.text.isspace():  # no copy of a long text (`strip` makes one)
        raise DocumentError(label, "no text in the document")
    if not doc.title:  # no title stated and a first line too long to be one: named by its file
        doc.title = p.name
    _self_description(doc)
    return doc


#: Containers whose bytes can pass for UTF-8 text (a truncated DOCX is "PK\\x03\\x04" and a few letters): read
#: as text, they would be stored as a source and extracted from. Named so the error says what the file is.
_MAGIC = (
    (b"PK\x03\x04", "a ZIP archive (DOCX, XLSX, ODT...)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x1f\x8b", "a gzip file"),
    (b"\xfd7zXZ\x00", "an xz file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE file (DOC, XLS, MSG)"),
    (b"{\\rtf", "an RTF file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x7fELF", "an executable (ELF)"),
)
#: How much of a text is probed for control characters, and the share (1 in 100) that makes it binary: a
#: report has tabs, newlines and form feeds, never runs of the other C0 codes.
_PROBE = 65536
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0e-\x1f\x7f]")


def _container(raw: bytes) -> str | None:
    return next((kind for magic, kind in _MAGIC if raw.startswith(magic)), None)


def _mostly_controls(probe: str) -> bool:
    return len(_CONTROL.findall(probe)) * 100 > len(probe)


#: The longest first line taken as a document's title: a headline or a paper's title runs to a line of about 60
#: to 150 characters; a longer first line is the body's first paragraph (a text with no title, or a text hard to
#: tell from body), and the document is named by its file's name instead (`read_document`).
TITLE_CHARS = 200


def _first_line(text: str) -> str:
    """The first line that holds text, as a title: "" where it is longer than TITLE_CHARS."""
    for line in text.splitlines():
        if line.strip():
            line = line.strip()
            return line if len(line) <= TITLE_CHARS else ""
    return ""


# ----------------------------------------------------------------------------------------- HTML


class _HTMLText(HTMLParser):
    SKIP: ClassVar[set[str]] = {"script", "style", "noscript", "template", "svg", "head"}
    BLOCK: ClassVar[set[str]] = {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "pre",
        "title",
        "dt",
        "dd",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.title = ""
        self.h1 = ""
        self.meta: dict[str, str] = {}
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or "").lower()
            if key and a.get("content"):
                self.meta[key] = a["content"]
        if tag == "link" and a.get("rel", "").lower() == "canonical" and a.get("href"):
            self.meta["canonical"] = a["href"]
        if tag in self.SKIP:
            self.skip += 1
        self._in.append(tag)
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skip:
            self.skip -= 1
        if self._in and self._in[-1] == tag:
            self._in.pop()
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        current = self._in[-1] if self._in else ""
        if current == "title":
            self.title += data
            return
        if self.skip:
            return
        if current == "h1" and not self.h1:
            self.h1 = data.strip()
        self.parts.append(data)


def _html(label: str, text: str) -> Document:
    parser = _HTMLText()
    parser.feed(text)
    body = "".join(parser.parts)
    body = re.sub(r"[ \t\r\f\v]+", " ", body)
    body = re.sub(r" *\n[ \n]*", "\n", body).strip()
    title = (parser.meta.get("og:title") or parser.title or parser.h1 or _first_line(body)).strip()
    doc = Document(label, html.unescape(title), body, "", "html", meta=parser.meta)
    doc.publisher = parser.meta.get("og:site_name") or parser.meta.get("publisher") or None
    doc.url = parser.meta.get("og:url") or parser.meta.get("canonical") or None
    for key in ("article:published_time", "date", "dc.date", "citation_publication_date", "pubdate"):
        if parser.meta.get(key):
            doc.published = parser.meta[key]
            break
    return doc


# ------------------------------------------------------------------------------------- Markdown

_MD_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)]*)\)")


def _markdown(label: str, text: str) -> Document:
    title = ""
    out = []
    for line in text.splitlines():
        m = re.match(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", line)
        if m:
            line = m.group(1)
            if not title:
                title = line
        line = re.sub(r"^\s{0,3}(>\s?)+", "", line)
        line = re.sub(r"^\s*([-*+]|\d+[.)])\s+", "", line)
        line = _MD_LINK.sub(lambda m: m.group(1), line)
        line = re.sub(r"(\*\*|__)(.+?)\1", r"\2", line)
        line = re.sub(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])", r"\2", line)
        line = re.sub(r"`([^`]*)`", r"\1", line)
        out.append(line)
    body = "\n".join(out)
    return Document(label, title or _first_line(body), body, "", "markdown")


# ------------------------------------------------------------------------------------------ PDF


def _pdf(label: str, raw: bytes) -> Document:
    import io
    import logging

    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover - a declared dependency
        raise DocumentError(label, "reading PDF needs the pypdf package") from None
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings on damaged files are our one-line error
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # an owner password alone still lets the text be read
            except Exception:
                opened = 0
            if not opened:
                raise DocumentError(label, "encrypted PDF (needs a password)")
        if len(reader.pages) > MAX_PAGES:
            raise DocumentError(label, f"PDF of {len(reader.pages)} pages; the limit is {MAX_PAGES}")
        pages: list[str] = []
        total = 0
        for page in reader.pages:
            page_text = page.extract_text() or ""
            total += len(page_text)
            if total > MAX_BYTES:
                raise DocumentError(label, f"PDF text over {MAX_BYTES / 1e6:.0f} MB (a compression bomb?)")
            pages.append(page_text)
    except DocumentError:
        raise
    except PdfReadError as e:
        raise DocumentError(label, f"not a readable PDF ({e})") from None
    except (RecursionError, MemoryError):
        raise DocumentError(label, "PDF too deeply nested or too large to read") from None
    except Exception as e:
        raise DocumentError(label, f"not a readable PDF ({type(e).__name__}: {e})") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text.strip():
        raise DocumentError(label, f"PDF with no text layer ({len(pages)} pages, no extractable text)")
    info = reader.metadata or {}
    title = str(info.get("/Title") or "").strip() or _first_line(text)
    doc = Document(label, title, text, "", "pdf")
    if info.get("/Author"):
        doc.meta["author"] = str(info.get("/Author"))
    return doc


# ------------------------------------------------------------------------- what a document says of itself

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DATELINE = re.compile(r"(?im)^(?:published|posted|date|release date|for immediate release)\s*[:\-–]?\s*(.+)$")


def _self_description(doc: Document) -> None:
    """Publisher, date and URL a document gives about itself, where formats carry them."""
    if doc.published is None:
        m = _DATELINE.search(doc.text[:4000])
        if m:
            doc.published = m.group(1).strip()[:40]
    if doc.url is None:
        m = re.search(r"(?im)^(?:source|url)\s*:\s*(https?://\S+)", doc.text[:4000])
        if m:
            doc.url = m.group(1)
    if doc.published:
        from cyberstate.extract.dates import normalise_date

        doc.published = normalise_date(doc.published)
