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
to its note. Direction: the spine's ``page-progression-direction``, else the book's
language, then each chapter's own ``dir`` and ``xml:lang``.

A malformed book (not a zip, no container, no package, a spine item missing) is a one-line
:class:`~reader.errors.ReaderError`.
"""

from __future__ import annotations

import html.entities
import io
import posixpath
import re
import xml.etree.ElementTree as ElementTree
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from reader.content.document import Document, Heading
from reader.content.formats.blocks import language_direction
from reader.content.formats.markup import HEADINGS, MarkupWalker, element_direction, local_name
from reader.errors import ReaderError
from reader.i18n import N_, _

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

    def error(self, why: str) -> ReaderError:
        return ReaderError(_("{name}: not a valid EPUB ({why})").format(name=self.name, why=why))

    def read(self, path: str, what: str) -> bytes:
        if path not in self.names:
            raise self.error(_("{what} {path} is missing").format(what=_(what), path=repr(path)))
        try:
            info = self.zip.getinfo(path)
            if info.file_size > MAX_PART:
                raise self.error(_("{what} {path} is too large").format(what=_(what),
                                                                       path=repr(path)))
            return self.zip.read(path)
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError,
                EOFError) as error:
            raise self.error(_("{what} {path} cannot be read: {error}").format(
                what=_(what), path=repr(path), error=error)) from None

    def xml(self, path: str, what: str) -> Any:
        # XHTML chapters often use HTML's named entities (&nbsp;), which XML does not
        # define: they become numeric references first.
        data = _NAMED_ENTITY.sub(_numeric_reference, self.read(path, what))
        try:
            return ElementTree.fromstring(data)
        except ElementTree.ParseError as error:
            raise self.error(_("{what} {path} is not well-formed XML: {error}").format(
                what=_(what), path=repr(path), error=error)) from None


_NAMED_ENTITY = re.compile(rb"&([A-Za-z][A-Za-z0-9]{1,31});")
_XML_ENTITIES = {b"amp", b"lt", b"gt", b"quot", b"apos"}


def _numeric_reference(match: re.Match[bytes]) -> bytes:
    name = match.group(1)
    if name in _XML_ENTITIES:
        return match.group(0)
    text = html.entities.html5.get(name.decode("ascii") + ";")
    if text is None:
        return match.group(0)  # unknown: the parser says so
    return b"".join(b"&#%d;" % ord(ch) for ch in text)


def _resolve(base: str, href: str) -> str:
    """``href`` (relative to the file ``base``) as a path in the book, fragment kept; a
    link out of the book (``https:``, ``mailto:``) is left as it is."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return href
    path = posixpath.normpath(posixpath.join(posixpath.dirname(base), unquote(parts.path))) \
        if parts.path else base
    return f"{path}#{parts.fragment}" if parts.fragment else path


def read_epub(data: bytes, path: Path | None, name: str, errors: str = "strict",
              charset: str = "") -> Document:
    """The book in ``data`` as one document."""
    return open_epub(data, path, name, whole=True)[0]


def open_epub(data: bytes, path: Path | None, name: str,
              whole: bool = False) -> tuple[Document, PendingChapters | None]:
    """The book in ``data``: its first chapters, as many as hold :data:`HEAD_CHARS`
    characters (all of them if ``whole``), as a document, and the chapters still to read
    (None when none are left). Finishing them gives the very document that reading the
    book whole gives."""
    book = _Book(data, name)
    container = book.xml(CONTAINER, "container")
    rootfile = next((e for e in container.iter() if local_name(e.tag) == "rootfile"
                     and e.get("full-path")), None)
    if rootfile is None:
        raise book.error(_("the container names no package file"))
    opf_path = rootfile.get("full-path", "")
    package = book.xml(opf_path, N_("package file"))
    manifest: dict[str, tuple[str, str, str]] = {}
    for item in package.iter(f"{OPF}item"):
        if item.get("id") and item.get("href"):
            manifest[item.get("id", "")] = (_resolve(opf_path, item.get("href", "")),
                                            item.get("media-type", ""),
                                            item.get("properties", ""))
    spine = package.find(f"{OPF}spine")
    if spine is None:
        raise book.error(_("the package has no spine"))
    chapters: list[str] = []
    for itemref in spine.iter(f"{OPF}itemref"):
        idref = itemref.get("idref", "")
        if idref not in manifest:
            raise book.error(_("spine item {id} is not in the manifest").format(id=repr(idref)))
        chapters.append(manifest[idref][0])
    language = package.findtext(f"{OPF}metadata/{DC}language") or ""
    title = (package.findtext(f"{OPF}metadata/{DC}title") or "").strip()
    direction = (spine.get("page-progression-direction") or "").lower()
    if direction not in ("rtl", "ltr"):
        direction = language_direction(language)
    toc = _toc(book, manifest, spine)
    labels: dict[str, str] = {}
    for entry in toc:
        labels.setdefault(entry.href.split("#")[0], entry.label)
    walker = MarkupWalker(direction=direction)
    walker.content.title = title
    reading = PendingChapters(book, walker, chapters, labels, direction, toc, path)
    reading.read(None if whole else HEAD_CHARS)
    return reading.document(), (reading if reading.left else None)


class PendingChapters:
    """A book's chapters still to read, after those of a document opened on its head
    (:mod:`reader.content.loading` adds them after the first frame).

    Whole chapters are read, in spine order, by the one walker that read the head: the
    head's paragraphs are the first paragraphs of the book, and finishing gives the very
    document that reading the book whole gives."""

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
                if self.characters >= head_chars:
                    return
            chapter = self.chapters[self.next]
            self.next += 1
            _chapter(self.book, self.walker, chapter, self.labels.get(chapter, ""),
                     self.direction)

    def document(self) -> Document:
        """The chapters read so far as a document (its contents: their entries)."""
        content = self.walker.content
        content.toc = _toc_headings(self.toc, content.targets, len(content.paragraphs)) \
            if self.toc else None
        return Document.from_blocks(content, self.path)

    def finish(self, document: Document) -> None:
        """Read the rest into ``document`` (made by :meth:`document`), in place."""
        self.read()
        whole = self.document()
        for name in ("text", "paragraphs", "known_starts", "title", "directions", "blocks",
                     "toc", "targets"):
            setattr(document, name, getattr(whole, name))

    def close(self) -> None:
        """Nothing is held open: the book's bytes are in memory."""


def _chapter(book: _Book, walker: MarkupWalker, chapter: str, label: str,
             direction: str) -> None:
    root = book.xml(chapter, N_("spine item"))
    walker.file = chapter
    walker.resolve = lambda href, base=chapter: _resolve(base, href)
    walker.content.targets.setdefault(chapter, len(walker.content.paragraphs))
    chapter_direction = element_direction(root, direction)
    body = next((e for e in root.iter() if local_name(e.tag) == "body"), None)
    if body is None:
        return
    walker.directions = [element_direction(body, chapter_direction)]
    if label and not any(local_name(e.tag) in HEADINGS for e in body.iter()):
        walker.emit(label, "heading", 1)
    walker.walk(body)
    walker.flush()


def _toc(book: _Book, manifest: dict[str, tuple[str, str, str]], spine: Any) -> list[TocEntry]:
    """The book's table of contents: its nav document's, else its NCX's (none if neither
    can be read: a book is still readable without one)."""
    nav = next((href for href, _type, props in manifest.values() if "nav" in props.split()),
               None)
    if nav is not None:
        try:
            entries = _nav_entries(book.xml(nav, N_("navigation document")), nav)
        except ReaderError:
            entries = []
        if entries:
            return entries
    ncx_id = spine.get("toc")
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
    return " ".join("".join(element.itertext()).split())


def _nav_entries(root: Any, base: str) -> list[TocEntry]:
    navs = [e for e in root.iter() if local_name(e.tag) == "nav"]
    toc = next((n for n in navs if "toc" in (n.get(EPUB_TYPE) or "").split()),
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

    def walk(element: Any, level: int) -> None:
        for point in element.findall(f"{NCX}navPoint"):
            label = _text(point.find(f"{NCX}navLabel")) if point.find(
                f"{NCX}navLabel") is not None else ""
            content = point.find(f"{NCX}content")
            if content is not None and content.get("src"):
                entries.append(TocEntry(_resolve(base, content.get("src")), label, level))
            walk(point, level + 1)

    nav_map = root.find(f"{NCX}navMap")
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
