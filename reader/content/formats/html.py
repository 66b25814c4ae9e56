"""Web pages: every word of the page's content, or of the whole page.

The page is parsed by lxml's HTML parser (forgiving, like a browser's) and walked by
:mod:`reader.content.formats.markup` into the document model: headings (the contents
panel's entries), paragraphs, lists with their markers, quotes, tables, figures with their
captions, images' alt text on lines of their own, footnotes, ``<pre>`` as left-to-right code
lines and inline ``<code>`` inside its sentence. Which part of the page is walked, its
article or all of it, is :mod:`reader.content.formats.page_content`'s choice (``--extract``),
which also says when its recall guard had to widen the article (:attr:`Document.notice`).

The page's encoding is honoured: a byte order mark first, then the charset a server
declared, then ``<meta charset>`` (or ``http-equiv``), else UTF-8. ``dir`` (else a
right-to-left ``lang``) on the content or around it gives the paragraphs' direction, and an
element with its own keeps it (``auto``, ``<bdi>``, ``<bdo>`` and inline ``dir``: see
:mod:`reader.content.formats.markup`). The title is the content's first ``<h1>``, else the
``<title>``, with the direction of the element it comes from.

No article-extraction library is used: trafilatura (the one used before) cut pages made by
documentation tools down to a part of their text, dropped every ZERO WIDTH NON-JOINER
(Persian words changed shape) and brought about 60 MB of dependencies; see
docs/web-pages.md for the figures.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path
from typing import Any

from reader.content.document import Block, BlockContent, Document
from reader.content.formats.markup import (
    BLOCKS,
    SKIPPED,
    SPACES,
    MarkupWalker,
    element_direction,
    local_name,
    shown_text,
)
from reader.content.formats.page_content import DEFAULT_EXTRACT, Choice, choose, skip_hidden
from reader.content.source import replace_hint
from reader.errors import ReaderError
from reader.i18n import _

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))


def page_encoding(data: bytes, declared: str = "") -> tuple[str, int]:
    """The encoding of a page's bytes and the length of its byte order mark."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    for candidate in (declared, *_meta_charsets(data[:4096])):
        if candidate:
            try:
                name = codecs.lookup(candidate).name
            except LookupError:
                continue
            # A page that says UTF-16 in ASCII bytes is not UTF-16 (the HTML standard).
            return ("utf-8" if name.startswith("utf-16") else name), 0
    return "utf-8", 0


def _meta_charsets(head: bytes) -> list[str]:
    return [match.decode("ascii", "replace") for match in _META_CHARSET.findall(head)]


def decode_page(data: bytes, name: str, errors: str = "strict", declared: str = "") -> str:
    encoding, skip = page_encoding(data, declared)
    try:
        return data[skip:].decode(encoding, errors="strict")
    except UnicodeDecodeError as error:
        if errors == "replace":
            return data[skip:].decode(encoding, errors="replace")
        raise ReaderError(
            _("{name}: not valid {encoding} (byte offset {offset})").format(
                name=name, encoding=encoding, offset=skip + error.start)
            + replace_hint()) from None


def read_html(data: bytes, path: Path | None, name: str, errors: str = "strict",
              charset: str = "", extract: str = DEFAULT_EXTRACT) -> Document:
    """A web page's bytes as a document: its article, or the whole page
    (``extract``: see :mod:`reader.content.formats.page_content`)."""
    import lxml.html
    from lxml.etree import ParserError

    encoding, _skip = page_encoding(data, charset)
    if not encoding.startswith("utf-16") and b"\x00" in data[:8192]:
        raise ReaderError(_("{path}: looks like a binary file (it contains NUL bytes)").format(
            path=name))
    # lxml takes no text that still declares its encoding (an XHTML file's first line).
    text = _XML_DECLARATION.sub("", decode_page(data, name, errors, charset), count=1)
    if not text.strip():
        return _empty(path, extract)
    try:
        # huge_tree: libxml2 otherwise drops whatever is nested more than 256 deep.
        tree = lxml.html.document_fromstring(
            text, parser=lxml.html.HTMLParser(huge_tree=True, remove_comments=True))
    except ParserError:  # nothing but comments or a doctype: nothing to show
        return _empty(path, extract)
    except ValueError as error:
        raise ReaderError(_("{name}: not a readable web page ({error})").format(
            name=name, error=error)) from None
    body = tree.find(".//body")
    if body is None:
        body = tree
    try:
        choice = choose(body, extract)
        walker = MarkupWalker(direction=_direction_at(choice.root))
        walker.skip = choice.skip
        walker.walk(choice.root)
        walker.flush()
        content = walker.content
    except RecursionError:  # nested deeper than Python recurses: the text, flat
        choice = Choice(body, skip_hidden, extract)
        content = _flat(choice, _direction_at(body))
    title, content.title_direction = _title(tree, choice)
    if content.title_direction == "auto":
        content.title_direction = _in_page_direction(title, content)
    content.title = title
    document = Document.from_blocks(content, path)
    document.extraction = extract
    if choice.notice:
        document.notice = _(
            "{name}: the article found held {found} of {total} words; showing all of the "
            "page's content instead").format(name=name, found=choice.found,
                                             total=choice.total)
    return document


def _empty(path: Path | None, extract: str) -> Document:
    document = Document.from_text("", path)
    document.extraction = extract
    return document


def _flat(choice: Choice, direction: str) -> BlockContent:
    """The text of a tree too deep to walk, without recursion: a paragraph per block (no
    structure, but every word)."""
    from lxml import etree

    content = BlockContent()
    parts: list[str] = []

    def paragraph() -> None:
        text = SPACES.sub(" ", "".join(parts)).strip(" ")
        parts.clear()
        if text:
            content.append(text, Block(), direction)

    skipped = 0
    for event, element in etree.iterwalk(choice.root, events=("start", "end")):
        name = local_name(element.tag)
        if event == "start":
            if skipped or name in SKIPPED or choice.skip(element):
                skipped += 1
                continue
            if name in BLOCKS:
                paragraph()
            parts.append(element.text or "")
        else:
            if skipped:
                skipped -= 1
            elif name in BLOCKS:
                paragraph()
            if not skipped and element is not choice.root:
                parts.append(element.tail or "")
    paragraph()
    return content


def _direction_at(element: Any) -> str:
    """The direction ``element`` is in: the nearest ``dir`` (or right-to-left ``lang``) on
    it or around it, from ``<html>`` down."""
    direction = "auto"
    for ancestor in [*reversed(list(element.iterancestors())), element]:
        direction = element_direction(ancestor, direction)
    return direction


def _title(tree: Any, choice: Choice) -> tuple[str, str]:
    """The page's title and its direction: the content's first ``<h1>``, else the
    ``<title>`` (which often adds the site's name), else the first heading."""
    heading = next((element for element in choice.root.iter("h1")
                    if not _skipped(element, choice)), None)
    if heading is not None:
        text = SPACES.sub(" ", shown_text(heading, choice.skip)).strip(" ")
        if text:
            return text, _direction_at(heading)
    title = tree.find(".//title")
    if title is not None:
        text = SPACES.sub(" ", title.text_content() or "").strip(" ")
        if text:
            return text, _direction_at(title)
    return "", "auto"


def _in_page_direction(title: str, content: BlockContent) -> str:
    """An undirected title with a right-to-left letter, in a page whose letters are mostly
    right-to-left ones, reads right to left: "B.5. فضاء المستخدم" in an Arabic manual whose
    pages say no ``dir`` or ``lang`` (its first strong letter, B, would make it read left to
    right)."""
    if not any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in title):
        return "auto"
    letters = {"rtl": 0, "ltr": 0}  # the page's letters (code left out), by direction
    for text, block in zip(content.paragraphs[:200], content.blocks[:200]):
        if block.kind == "code":
            continue
        for ch in text:
            kind = unicodedata.bidirectional(ch)
            if kind in ("R", "AL"):
                letters["rtl"] += 1
            elif kind == "L":
                letters["ltr"] += 1
    return "rtl" if letters["rtl"] > letters["ltr"] else "auto"


def _skipped(element: Any, choice: Choice) -> bool:
    while element is not None and element is not choice.root:
        if choice.skip(element):
            return True
        element = element.getparent()
    return False
