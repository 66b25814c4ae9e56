"""EPUB books: the chapters in spine order as one document, the book's own table of contents.

Read with the standard library (zipfile and ElementTree; ebooklib is AGPL). The container
names the package file; its spine gives the chapters' order and its manifest their files.
Each chapter (XHTML) goes through :mod:`reader.content.formats.markup`, so headings, lists,
quotes, tables, links and images (as alt text) read as in a web page. A chapter that has no
heading of its own starts with its title from the table of contents.

The table of contents is the EPUB 3 navigation document's ``toc`` nav, else the EPUB 2 NCX;
its entries become the side panel's list (each at the paragraph its link lands on). Links
inside the book are kept resolved to ``path/in/book.xhtml#id`` and every ``id`` is a
target of :attr:`~reader.content.document.Document.targets`, so a footnote reference leads
to its note. Direction: each chapter's own ``dir`` and ``xml:lang`` (see
:mod:`reader.content.formats.markup`), and where they say nothing the book's: right to left
for a book in a right-to-left language whose spine's ``page-progression-direction`` is not
``ltr`` (:func:`book_direction`).

As tolerant as the e-readers people use (KOReader, calibre, foliate), because books in the
wild are made by many tools and checked by few:

- a manifest ``href`` may carry a ``#fragment`` (DocBook XSL writes them) or be
  percent-encoded, and the zip's own name may differ in case;
- a chapter listed twice in the spine is read once;
- a spine item that is not in the manifest or not in the zip, or that cannot be read, is
  skipped and named in :attr:`~reader.content.document.Document.problems` (one line each,
  shown by the app and on stderr by the commands);
- XHTML that is not well-formed XML is read by lxml's forgiving HTML parser, as a browser
  would, not refused;
- no container, or a container naming no package: the zip's ``.opf`` file; no spine: the
  manifest's documents in order; no package at all: the zip's XHTML/HTML files in order.

Only a book of which no chapter can be read is a one-line
:class:`~reader.errors.ReaderError` (not a zip, nothing readable in it).
"""

from __future__ import annotations

import html.entities
import io
import posixpath
import re
import xml.etree.ElementTree as ElementTree
import zipfile
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from reader.content.document import Document, Heading
from reader.content.formats.blocks import language_direction
from reader.content.formats.markup import HEADINGS, MarkupWalker, element_direction, local_name
from reader.errors import ReaderError
from reader.i18n import N_, _
from reader.text.chrome import isolate
from reader.text.safe import visible

OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
NCX = "{http://www.daisy.org/z3986/2005/ncx/}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
CONTAINER = "META-INF/container.xml"
MAX_PART = 64 << 20  # a single file of the book larger than this is refused (zip bombs)
# The app opens a book on its first chapters holding this many characters (some twenty
# screens), and reads the rest after the first frame: reading a 2 MB book whole took
# seconds before it was shown (issue 23).
HEAD_CHARS = 50_000
# What a spine item may be to be read as a chapter (an image or a font in the spine is not).
_DOCUMENT_TYPES = ("application/xhtml+xml", "text/html", "application/xml", "text/xml",
                   "application/x-dtbook+xml", "")
_DOCUMENT_SUFFIXES = (".xhtml", ".html", ".htm", ".xml")


class _Invalid(ReaderError):
    """The book, or one part of it, cannot be read; ``why`` says it without the book's
    name (a problem line of its own)."""

    def __init__(self, message: str, why: str) -> None:
        super().__init__(message)
        self.why = why


@dataclass(frozen=True)
class TocEntry:
    href: str  # resolved: path in the book, with its #fragment if any
    label: str
    level: int


class _Book:
    def __init__(self, data: bytes, name: str) -> None:
        self.name = name
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, ValueError, OSError):
            raise self.error(_("not a zip file")) from None
        self.names = set(self.zip.namelist())
        self._folded = {n.lower(): n for n in self.zip.namelist()}
        self.problems: list[str] = []
        self.whys: list[str] = []

    def error(self, why: str) -> _Invalid:
        return _Invalid(_("{name}: not a valid EPUB ({why})").format(name=self.name, why=why),
                        why)

    def problem(self, what: str, skipped: bool = False) -> None:
        """A part of the book that could not be read: named once, the rest still shown."""
        shown = _("{what}: skipped").format(what=what) if skipped else what
        # The book's own strings (a media type, a path) are shown, never obeyed.
        line = _("{name}: {what}").format(name=isolate(self.name), what=visible(shown))
        if line not in self.problems:
            self.problems.append(line)
            self.whys.append(what)

    def find(self, path: str) -> str | None:
        """The zip's name for ``path``: as written, else percent-decoded or -encoded, else
        the same name in another case (made on a case-insensitive file system)."""
        for name in (path, unquote(path), quote(path, safe="/")):
            if name in self.names:
                return name
        return self._folded.get(path.lower()) or self._folded.get(unquote(path).lower())

    def read(self, path: str, what: str) -> bytes:
        found = self.find(path)
        if found is None:
            raise self.error(_("{what} {path} is missing").format(what=_(what), path=repr(path)))
        try:
            info = self.zip.getinfo(found)
            if info.file_size > MAX_PART:
                raise self.error(_("{what} {path} is too large").format(what=_(what),
                                                                       path=repr(path)))
            return self.zip.read(found)
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError,
                EOFError, ValueError) as error:
            raise self.error(_("{what} {path} cannot be read: {error}").format(
                what=_(what), path=repr(path), error=error)) from None

    def xml(self, path: str, what: str) -> Any:
        """The XML file at ``path``; one that is not well-formed is read by lxml's
        recovering parser (an unescaped ``&`` in a package file is common)."""
        data = self.read(path, what)
        try:
            return _strict(data)
        except ElementTree.ParseError as error:
            recovered = _recovered_xml(data)
            if recovered is None:
                raise self.error(_("{what} {path} is not well-formed XML: {error}").format(
                    what=_(what), path=repr(path), error=error)) from None
            return recovered

    def document(self, path: str, what: str) -> Any:
        """A chapter (XHTML): read as XML, else by the forgiving HTML parser."""
        data = self.read(path, what)
        try:
            return _strict(data)
        except ElementTree.ParseError:
            return _forgiving_html(data)


_NAMED_ENTITY = re.compile(rb"&([A-Za-z][A-Za-z0-9]{1,31});")
_XML_ENTITIES = {b"amp", b"lt", b"gt", b"quot", b"apos"}
_XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?encoding=[\"']([A-Za-z0-9._-]+)[\"']")


def _numeric_reference(match: re.Match[bytes]) -> bytes:
    name = match.group(1)
    if name in _XML_ENTITIES:
        return match.group(0)
    text = html.entities.html5.get(name.decode("ascii") + ";")
    if text is None:
        return match.group(0)  # unknown: the parser says so
    return b"".join(b"&#%d;" % ord(ch) for ch in text)


def _strict(data: bytes) -> Any:
    # XHTML chapters often use HTML's named entities (&nbsp;), which XML does not
    # define: they become numeric references first.
    return ElementTree.fromstring(_NAMED_ENTITY.sub(_numeric_reference, data))


def _decoded(data: bytes) -> str:
    """An XML or HTML file's text: its byte order mark, else its XML declaration's
    encoding, else UTF-8 (bad bytes shown as U+FFFD: the rest of the chapter is kept)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    declared = _XML_DECLARATION.match(data[:200])
    encoding = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        return data.decode(encoding, errors="replace").removeprefix("\ufeff")
    except LookupError:
        return data.decode("utf-8", errors="replace").removeprefix("\ufeff")


def _recovered_xml(data: bytes) -> Any:
    from lxml import etree  # only for a broken file

    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(_NAMED_ENTITY.sub(_numeric_reference, data), parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    return root


def _forgiving_html(data: bytes) -> Any:
    """A chapter that is not well-formed XML, read as a browser reads HTML (lxml.html)."""
    import lxml.html  # only for a broken chapter
    from lxml import etree

    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", _decoded(data))
    try:
        return lxml.html.document_fromstring(text or "<html></html>")
    except (etree.ParserError, ValueError):
        return None


def _resolve(base: str, href: str) -> str:
    """``href`` (relative to the file ``base``) as a path in the book, fragment kept; a
    link out of the book (``https:``, ``mailto:``) is left as it is."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return href
    path = posixpath.normpath(posixpath.join(posixpath.dirname(base), unquote(parts.path))) \
        if parts.path else base
    return f"{path}#{parts.fragment}" if parts.fragment else path


def _file_of(base: str, href: str) -> str:
    """The file a manifest ``href`` names: its ``#fragment`` (DocBook XSL writes one) has
    no place in a file's name."""
    return _resolve(base, href.strip()).split("#", 1)[0]


def _package_path(book: _Book) -> str | None:
    """The package file: the container's, else the first ``.opf`` in the zip."""
    try:
        container = book.xml(CONTAINER, "container")
    except ReaderError:
        container = None
    if container is not None:
        for element in container.iter():
            if local_name(element.tag) == "rootfile" and element.get("full-path"):
                path = str(element.get("full-path", ""))
                if book.find(path) is not None:
                    return path
    return next((n for n in sorted(book.names) if n.lower().endswith(".opf")), None)


def _is_document(path: str, media_type: str) -> bool:
    media_type = media_type.lower()
    return (media_type in _DOCUMENT_TYPES and (media_type != "" or path.lower().endswith(
        _DOCUMENT_SUFFIXES))) or (media_type.endswith(("html", "+xml")) and "svg" not in media_type)


def read_epub(data: bytes, path: Path | None, name: str, errors: str = "strict",
              charset: str = "") -> Document:
    """The book in ``data`` as one document (its unreadable parts in ``.problems``)."""
    return open_epub(data, path, name, whole=True)[0]


def open_epub(data: bytes, path: Path | None, name: str,
              whole: bool = False) -> tuple[Document, PendingChapters | None]:
    """The book in ``data``: its first chapters, as many as hold :data:`HEAD_CHARS`
    characters (all of them if ``whole``), as a document, and the chapters still to read
    (None when none are left). Finishing them gives the very document that reading the
    book whole gives (its problems included)."""
    book = _Book(data, name)
    opf_path = _package_path(book)
    package = None
    if opf_path is not None:
        try:
            package = book.xml(opf_path, N_("package file"))
        except _Invalid as error:
            book.problem(error.why)
    manifest: dict[str, tuple[str, str, str]] = {}
    chapters: list[str] = []
    spine = None
    if package is None:
        book.problem(_("no package file: its XHTML files read in the zip's order"))
        chapters = [n for n in book.zip.namelist() if n.lower().endswith(
            (".xhtml", ".html", ".htm")) and not n.startswith("META-INF/")]
        opf_path = ""
    else:
        for item in _iter(package, "item"):
            if item.get("id") and item.get("href"):
                manifest[item.get("id", "")] = (_file_of(opf_path or "", item.get("href", "")),
                                                item.get("media-type", ""),
                                                item.get("properties", ""))
        spine = next(_iter(package, "spine"), None)
        chapters = _spine(book, manifest, spine)
    language = _metadata(package, "language")
    title = _metadata(package, "title")
    direction = book_direction((spine.get("page-progression-direction") or "").lower()
                               if spine is not None else "", language)
    toc = _toc(book, manifest, spine)
    labels: dict[str, str] = {}
    for entry in toc:
        labels.setdefault(entry.href.split("#")[0], entry.label)
    walker = MarkupWalker(direction=direction)
    walker.content.title = title
    reading = PendingChapters(book, walker, chapters, labels, direction, toc, path)
    reading.read(None if whole else HEAD_CHARS)
    if not reading.readable:  # all read (a head holds a readable chapter), none readable
        why = book.whys[0] if book.whys else _("it has no chapters")
        raise book.error(_("no chapter can be read: {why}").format(why=why))
    return reading.document(), (reading if reading.left else None)


class PendingChapters:
    """A book's chapters still to read, after those of a document opened on its head
    (:mod:`reader.content.loading` adds them after the first frame).

    Whole chapters are read, in spine order, by the one walker that read the head: the
    head's paragraphs are the first paragraphs of the book, and finishing gives the very
    document that reading the book whole gives. Problems in later chapters are added to
    the document's as they are found."""

    def __init__(self, book: _Book, walker: MarkupWalker, chapters: list[str],
                 labels: dict[str, str], direction: str, toc: list[TocEntry],
                 path: Path | None) -> None:
        self.book = book
        self.walker = walker
        self.chapters = chapters
        self.labels = labels
        self.direction = direction
        self.toc = toc
        self.path = path
        self.next = 0  # the first chapter not read yet
        self.readable = 0  # chapters read that could be read
        self.characters = 0  # in the paragraphs read so far
        self._counted = 0  # paragraphs counted in ``characters``

    @property
    def left(self) -> int:
        """How many chapters are left to read."""
        return len(self.chapters) - self.next

    def read(self, head_chars: int | None = None) -> None:
        """Read chapters until the document holds ``head_chars`` characters (None: all)."""
        paragraphs = self.walker.content.paragraphs
        while self.next < len(self.chapters):
            if head_chars is not None:
                self.characters += sum(map(len, paragraphs[self._counted:]))
                self._counted = len(paragraphs)
                if self.characters >= head_chars and self.readable:
                    return
            chapter = self.chapters[self.next]
            self.next += 1
            self.readable += _chapter(self.book, self.walker, chapter,
                                      self.labels.get(chapter, ""), self.direction)

    def document(self) -> Document:
        """The chapters read so far as a document (its contents: their entries)."""
        content = self.walker.content
        content.toc = _toc_headings(self.toc, content.targets, len(content.paragraphs)) \
            if self.toc else None
        document = Document.from_blocks(content, self.path)
        document.problems = self.book.problems
        return document

    def finish(self, document: Document) -> None:
        """Read the rest into ``document`` (made by :meth:`document`), in place."""
        self.read()
        whole = self.document()
        for name in ("text", "paragraphs", "known_starts", "title", "directions", "blocks",
                     "toc", "targets", "problems"):
            setattr(document, name, getattr(whole, name))

    def close(self) -> None:
        """Nothing is held open: the book's bytes are in memory."""


def _iter(root: Any, name: str) -> Any:
    """The elements called ``name`` under ``root``, in the OPF namespace or in none (a
    package written without it still names its items)."""
    return (e for e in root.iter() if local_name(e.tag) == name)


def _metadata(package: Any, name: str) -> str:
    if package is None:
        return ""
    found = next(_iter(package, name), None)
    return " ".join("".join(found.itertext()).split()) if found is not None else ""


def _spine(book: _Book, manifest: dict[str, tuple[str, str, str]], spine: Any) -> list[str]:
    """The chapters in reading order: each once, those missing named and left out."""
    chapters: list[str] = []
    if spine is None or not any(True for _ in _iter(spine, "itemref")):
        book.problem(_("the package has no spine: its documents read in the manifest's order"))
        return list(dict.fromkeys(href for href, kind, props in manifest.values()
                                  if _is_document(href, kind) and "nav" not in props.split()))
    for itemref in _iter(spine, "itemref"):
        idref = itemref.get("idref", "")
        if idref not in manifest:
            book.problem(_("spine item {id} is not in the manifest").format(id=repr(idref)),
                         skipped=True)
            continue
        href, kind, _props = manifest[idref]
        if href in chapters:
            continue  # listed twice: read once
        if not _is_document(href, kind):
            book.problem(_("spine item {path} ({kind}) is not a text document").format(
                path=repr(href), kind=kind), skipped=True)
            continue
        chapters.append(href)
    return chapters


def book_direction(progression: str, language: str) -> str:
    """The direction of a chapter whose markup says none, as e-readers take it (Readium
    CSS: right to left for a book in Arabic, Persian or Hebrew whose spine's
    ``page-progression-direction`` is not ``ltr``). A right-to-left progression alone is
    no direction of the text: a manga's or a vertical Japanese book's pages turn that way
    while its lines read as they always do (each paragraph by its first strong letter). A
    book that names no language is taken at its progression's word."""
    if progression == "ltr" or (progression == "rtl" and not language.strip()):
        return progression
    return "rtl" if language_direction(language) == "rtl" else "auto"


def _chapter(book: _Book, walker: MarkupWalker, chapter: str, label: str,
             direction: str) -> bool:
    """Walk one chapter into the book's content; False (and a problem named) when it
    cannot be read."""
    try:
        root = book.document(chapter, N_("spine item"))
    except _Invalid as error:
        book.problem(error.why, skipped=True)
        return False
    if root is None:
        book.problem(_("spine item {path} cannot be read").format(path=repr(chapter)),
                     skipped=True)
        return False
    walker.file = chapter
    walker.resolve = partial(_resolve, chapter)
    walker.content.targets.setdefault(chapter, len(walker.content.paragraphs))
    chapter_direction = element_direction(root, direction)
    body = next((e for e in root.iter() if local_name(e.tag) == "body"), None)
    if body is None:
        return True
    walker.start_in(element_direction(body, chapter_direction))
    if label and not any(local_name(e.tag) in HEADINGS for e in body.iter()):
        walker.emit(label, "heading", 1)
    walker.walk(body)
    walker.flush()
    return True


def _toc(book: _Book, manifest: dict[str, tuple[str, str, str]], spine: Any) -> list[TocEntry]:
    """The book's table of contents: its nav document's, else its NCX's (none if neither
    can be read: a book is still readable without one)."""
    nav = next((href for href, _type, props in manifest.values() if "nav" in props.split()),
               None)
    if nav is not None:
        try:
            entries = _nav_entries(book.document(nav, N_("navigation document")), nav)
        except ReaderError:
            entries = []
        if entries:
            return entries
    ncx_id = spine.get("toc") if spine is not None else None
    ncx = manifest.get(ncx_id or "", (None,))[0] or next(
        (href for href, kind, _props in manifest.values()
         if kind == "application/x-dtbncx+xml"), None)
    if ncx is None:
        return []
    try:
        return _ncx_entries(book.xml(ncx, "NCX"), ncx)
    except ReaderError:
        return []


def _text(element: Any) -> str:
    return " ".join("".join(t for t in element.itertext() if isinstance(t, str)).split())


def _nav_entries(root: Any, base: str) -> list[TocEntry]:
    if root is None:
        return []
    navs = [e for e in root.iter() if local_name(e.tag) == "nav"]
    toc = next((n for n in navs if "toc" in (n.get(EPUB_TYPE) or n.get("epub:type")
                                             or "").split()),
               navs[0] if navs else None)
    if toc is None:
        return []
    entries: list[TocEntry] = []

    def walk_list(element: Any, level: int) -> None:
        for item in element:
            if local_name(item.tag) != "li":
                continue
            link = next((c for c in item if local_name(c.tag) in ("a", "span")), None)
            if link is not None and link.get("href"):
                entries.append(TocEntry(_resolve(base, link.get("href")), _text(link), level))
            for child in item:
                if local_name(child.tag) == "ol":
                    walk_list(child, level + 1)

    for child in toc.iter():
        if local_name(child.tag) == "ol":
            walk_list(child, 1)
            break
    return entries


def _ncx_entries(root: Any, base: str) -> list[TocEntry]:
    entries: list[TocEntry] = []

    def children(element: Any, name: str) -> list[Any]:
        return [c for c in element if local_name(c.tag) == name.lower()]

    def walk(element: Any, level: int) -> None:
        for point in children(element, "navPoint"):
            labels = children(point, "navLabel")
            label = _text(labels[0]) if labels else ""
            content = next(iter(children(point, "content")), None)
            if content is not None and content.get("src"):
                entries.append(TocEntry(_resolve(base, content.get("src")), label, level))
            walk(point, level + 1)

    nav_map = next(iter(children(root, "navMap")), None)
    if nav_map is not None:
        walk(nav_map, 1)
    return entries


def _toc_headings(toc: list[TocEntry], targets: dict[str, int], count: int) -> list[Heading]:
    """Table-of-contents entries at the paragraphs their links land on (an entry whose
    target is not in the book is left out)."""
    headings = []
    for entry in toc:
        index = targets.get(entry.href)
        if index is None:
            index = targets.get(entry.href.split("#")[0])
        if index is not None and count:
            index = min(index, count - 1)  # a target at a chapter's end: its last paragraph
            headings.append(Heading(index, min(entry.level, 6), entry.label))
    return headings
