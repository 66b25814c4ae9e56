"""Web pages: the page's article, not its navigation, ads, share buttons, comments or footer.

The article is found by trafilatura (maintained, Apache-2.0, with stop words for Arabic among
many languages), which gives its headings, paragraphs, lists, quotes, tables, links and
images as TEI-like XML; :mod:`reader.content.formats.markup` turns that into the document
model. A page trafilatura finds no article in (a tiny page, a bare fragment) is read whole
by the same walker, scripts and styles left out.

The page's encoding is honoured: a byte order mark first, then the charset a server
declared, then ``<meta charset>`` (or ``http-equiv``), else UTF-8. Its ``dir`` (on ``<html>``
or ``<body>``), else a right-to-left ``lang``, gives the paragraphs' direction.
"""

from __future__ import annotations

import codecs
import logging
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import TYPE_CHECKING

from reader.content.document import Document
from reader.content.formats.markup import MarkupWalker, element_direction
from reader.content.source import replace_hint
from reader.errors import ReaderError
from reader.i18n import _

if TYPE_CHECKING:
    import lxml.html  # imported when a page is read: opening a text file never loads lxml

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
              charset: str = "") -> Document:
    """The article of a web page's bytes, as a document."""
    import lxml.html
    from lxml.etree import ParserError

    encoding, _skip = page_encoding(data, charset)
    if not encoding.startswith("utf-16") and b"\x00" in data[:8192]:
        raise ReaderError(_("{path}: looks like a binary file (it contains NUL bytes)").format(
            path=name))
    # lxml takes no text that still declares its encoding (an XHTML file's first line).
    text = _XML_DECLARATION.sub("", decode_page(data, name, errors, charset), count=1)
    if not text.strip():
        return Document.from_text("", path)
    try:
        tree = lxml.html.document_fromstring(text)
    except (ParserError, ValueError) as error:
        raise ReaderError(_("{name}: not a readable web page ({error})").format(
            name=name, error=error)) from None
    direction = _page_direction(tree)
    page_title = (tree.findtext(".//title") or "").strip()
    own = _own_directions(tree)
    walker = MarkupWalker(tei=True, direction=direction)
    article = _article(tree)
    if article is not None:
        walker.content.title = article.get("title") or page_title
        for child in article:
            if child.tag == "main":
                walker.walk(child)
    if not walker.content.paragraphs:  # no article found: the page's body, as it is
        tree = lxml.html.document_fromstring(text)  # trafilatura pruned the first one
        walker = MarkupWalker(direction=direction)
        walker.content.title = page_title
        body = tree.find(".//body")
        walker.walk(body if body is not None else tree)
        walker.flush()
    walker.flush()
    content = walker.content
    if own:
        content.directions = [own.get(text, direction) if kind != "code" else direction
                              for text, direction, kind in zip(
                                  content.paragraphs, content.directions,
                                  (block.kind for block in content.blocks))]
    return Document.from_blocks(content, path)


def _own_directions(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """The text of every element inside the body with a ``dir`` of its own, and that
    direction: trafilatura keeps no attributes, so paragraphs get it back by their text."""
    found: dict[str, str] = {}
    body = tree.find(".//body")
    for element in body.iter() if body is not None else ():
        if element is body or not isinstance(element.tag, str):
            continue
        direction = (element.get("dir") or "").strip().lower()
        if direction in ("rtl", "ltr"):
            text = " ".join(element.text_content().split())
            if text:
                found.setdefault(text, direction)
    return found


def _page_direction(tree: lxml.html.HtmlElement) -> str:
    direction = element_direction(tree)
    body = tree.find(".//body")
    return element_direction(body, direction) if body is not None else direction


def _article(tree: lxml.html.HtmlElement) -> ElementTree.Element | None:
    """trafilatura's article of the page as an ElementTree ``<doc>``, or None."""
    import trafilatura

    # Its warnings ("discarding data") would reach the terminal through logging's last
    # resort: a page that has no article is not a problem here (the body is read instead).
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).setLevel(logging.CRITICAL)

    xml = trafilatura.extract(
        tree, output_format="xml", include_comments=False, include_tables=True,
        include_images=True, include_formatting=True, include_links=True,
        with_metadata=True, deduplicate=False)
    if not xml:
        return None
    try:
        return ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        return None
