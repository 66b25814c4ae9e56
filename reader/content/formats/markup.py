"""HTML-like trees to the document model: web pages and EPUB chapters.

One walker for HTML (a web page, parsed by lxml), XHTML (an EPUB chapter) and, for
benchmarks/bench_web_recall.py's comparison only, the TEI-like XML trafilatura gives
(``head``, ``list``/``item``, ``quote``, ``ref``, ``hi``, ``graphic``, ``row``/``cell``,
``lb``). Like Markdown, each block is one paragraph with its markup removed:

- headings, paragraphs, quotes and list items are one paragraph each; white space runs
  fold to one space, as a browser shows them; ``<pre>`` keeps its lines, each a
  left-to-right ``code`` paragraph; inline ``<code>`` is a ``code`` span in its sentence;
- ``<br>`` is a hard break: the next part is a paragraph ``joined`` to this one (a break
  with nothing before it in its block makes no line);
- links keep their URL in a ``link`` span; an image shows its alt text on a line of its own
  as a link to its source (two images side by side are two lines; an image without alt
  text is decoration and shows nothing); a figure caption that repeats it is shown once;
- a table is one ``table_row`` paragraph per row; a definition list's terms and
  definitions are items without bullets;
- ``dir`` (else a right-to-left ``lang``) on any element sets the direction of the
  paragraphs inside it (UAX #9 HL1: the markup's direction is the paragraph's, not its first
  letter's), ``dir="auto"`` the direction of its first strong letter (HTML's rule: text
  inside an element with a ``dir`` of its own or a ``<bdi>`` skipped, else the direction
  around it); on an inline element (a ``<span>``, an ``<em>``) ``dir`` isolates its text in
  that direction, as ``<bdi>`` does in its own, and ``<bdo>`` overrides it (spans of
  :data:`~reader.content.document.DIRECTION_STYLES`, laid out as isolates);
- every ``id`` is recorded as a link target (``file#id`` -> paragraph), so a footnote
  reference can be followed;
- ``skip`` leaves elements out with their content (a web page's boilerplate:
  :mod:`reader.content.formats.page_content`).

Scripts, styles and the like are dropped; nothing in the markup is ever interpreted as
terminal output.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from reader.content.document import DIRECTION_STYLES, Block, BlockContent, StyleSpan
from reader.content.formats.blocks import (
    BULLETS,
    Cell,
    Container,
    add_table,
    container_kind,
    first_strong,
    language_direction,
    pending_item,
    prose,
)
from reader.text.chars import first_strong as first_letter_direction

SPACES = re.compile(r"[ \t\n\r\f]+")
SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "iframe",
                     "object", "button", "input", "select", "textarea", "form"})
HEADINGS = {f"h{n}": n for n in range(1, 7)}
INLINE_STYLES = {"em": "em", "i": "em", "cite": "em", "dfn": "em", "var": "em",
                 "strong": "strong", "b": "strong", "code": "code", "tt": "code",
                 "kbd": "code", "samp": "code"}
TEI_RENDITIONS = {"#i": "em", "#b": "strong", "#t": "code", "#u": "em"}
LISTS = {"ul", "ol", "list", "dl"}
ITEMS = {"li", "item", "dt", "dd"}
QUOTES = {"blockquote", "quote"}
BREAKS = {"br", "lb"}
IMAGES = {"img", "graphic", "image"}
LINKS = {"a", "ref"}
TABLE_PARTS = {"thead", "tbody", "tfoot"}
ROWS = {"tr", "row"}
CELLS = {"td", "th", "cell"}
CONTAINERS = frozenset({"p", "div", "section", "article", "main", "body", "header", "footer",
                        "aside", "nav", "figure", "figcaption", "caption", "address",
                        "details", "summary", "doc", "center", "hgroup", "html"})
BLOCKS = CONTAINERS | set(HEADINGS) | LISTS | ITEMS | QUOTES | {"pre", "hr", "table", "head"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def local_name(tag: Any) -> str:
    """An element's tag without its namespace, lower case ("" for a comment)."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def element_direction(element: Any, inherited: str = "auto") -> str:
    """The direction an element asks for: its ``dir`` (``auto``: its text's first strong
    letter, else ``inherited``), else its language's, else ``inherited``."""
    direction = own_direction(element)
    if direction in ("rtl", "ltr"):
        return direction
    if direction == "auto":
        return auto_direction(element) or inherited
    language = element.get(XML_LANG) or element.get("lang") or ""
    if language and language_direction(language) == "rtl":
        return "rtl"
    return inherited


def own_direction(element: Any) -> str:
    """An element's own ``dir`` (``ltr``, ``rtl`` or ``auto``; ``<bdi>`` is ``auto`` unless
    it says), else ""."""
    direction = (element.get("dir") or "").strip().lower()
    if direction in ("rtl", "ltr", "auto"):
        return direction
    return "auto" if local_name(element.tag) == "bdi" else ""


def auto_direction(element: Any) -> str | None:
    """The direction of ``dir="auto"`` on ``element`` (HTML's auto directionality): its
    text's first strong letter, leaving out what scripts hold and what an element with a
    direction of its own (``dir``, ``<bdi>``) holds; None when it has none."""
    stack: list[Any] = [element]  # texts to look at and elements to open, next last
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found = first_letter_direction(item)
            if found is not None:
                return found
            continue
        parts: list[Any] = [item.text or ""]
        for child in item:
            name = local_name(child.tag)
            if name and name not in SKIPPED and not own_direction(child):
                parts.append(child)
            parts.append(child.tail or "")
        stack.extend(reversed(parts))
    return None


def _direction_style(element: Any, name: str) -> str | None:
    """The span an inline element's own direction makes (``dir``, ``<bdi>``, ``<bdo>``), or
    None: its text is an isolate in that direction (``<bdo>``: an override), as a browser
    lays it out (``unicode-bidi: isolate`` / ``isolate-override``)."""
    direction = own_direction(element)
    if not direction or name in BREAKS or name in IMAGES:
        return None
    if name == "bdo":
        return f"bdo-{direction}" if direction != "auto" else "dir-auto"
    if direction == "ltr" and INLINE_STYLES.get(name) == "code":
        return None  # code is laid out left to right already
    return f"dir-{direction}"


def _direction_inside(text: str, spans: tuple[StyleSpan, ...]) -> str:
    """The direction of a paragraph its markup gives none, when all its letters are in
    spans of a ``dir`` of their own (``<p><span dir="rtl">…</span></p>``): the first such
    span's, else (``auto``, ``<bdi>``) its first strong letter's, as the reader takes a
    paragraph's direction where the markup says nothing (a browser would fall back to left
    to right). ``auto`` when a letter stands outside them (rule P2 then finds it)."""
    marked = [span for span in spans if span.style in DIRECTION_STYLES
              and span.style.startswith("dir-")]
    if not marked or first_strong([prose(text, spans)]) != "auto":
        return "auto"
    stated = DIRECTION_STYLES[marked[0].style]
    return stated if stated in ("ltr", "rtl") else first_strong([text])


def shown_text(element: Any, skip: Callable[[Any], bool] | None = None) -> str:
    """The text of ``element`` a walk shows: scripts and the like, and elements ``skip``
    leaves out, are not in it."""
    parts = [element.text or ""]
    for child in element:
        name = local_name(child.tag)
        if name and name not in SKIPPED and not (skip and skip(child)):
            parts.append(shown_text(child, skip))
        parts.append(child.tail or "")
    return "".join(parts)


def _alts(element: Any) -> list[str]:
    return [image.get("alt") or image.get("title") or "" for image in element.iter()
            if local_name(image.tag) in IMAGES]


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


class _Inline:
    """A paragraph's text being gathered: white space folded, styles as spans."""

    def __init__(self, keep_spaces: bool = False) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.spans: list[StyleSpan] = []
        self.opened: list[tuple[str, str, int]] = []
        self.keep_spaces = keep_spaces

    def add(self, text: str) -> None:
        if not text:
            return
        if not self.keep_spaces:
            text = SPACES.sub(" ", text)
            if text.startswith(" ") and (not self.length or self.parts[-1].endswith(" ")):
                text = text[1:]
            if not text:
                return
        self.parts.append(text)
        self.length += len(text)

    def open(self, style: str, url: str = "") -> None:
        self.opened.append((style, url, self.length))

    def close(self) -> None:
        if not self.opened:  # a block inside the element took the open style with it
            return
        style, url, start = self.opened.pop()
        if self.length > start:
            self.spans.append(StyleSpan(start, self.length, style, url))

    def take(self) -> tuple[str, tuple[StyleSpan, ...]]:
        """The text so far with its spans (open ones cut here, and opened again at 0)."""
        text = "".join(self.parts)
        end = len(text.rstrip(" ")) if not self.keep_spaces else len(text)
        text = text[:end]
        spans = [StyleSpan(s.start, min(s.end, end), s.style, s.url) for s in self.spans]
        spans += [StyleSpan(start, end, style, url) for style, url, start in self.opened
                  if end > start]
        spans = [s for s in spans if s.end > s.start]
        self.parts, self.length, self.spans = [], 0, []
        self.opened = [(style, url, 0) for style, url, _start in self.opened]
        return text, tuple(sorted(spans, key=lambda s: (s.start, -s.end, s.style)))

    @property
    def empty(self) -> bool:
        return not "".join(self.parts).strip()


class MarkupWalker:
    """Walks one tree (or several, for a book's chapters) into a :class:`BlockContent`.

    ``resolve(href)`` turns a link's ``href`` into the key of :attr:`BlockContent.targets`
    (an EPUB's path in the book), ``tei`` reads trafilatura's element names (for the
    benchmark's comparison), ``skip(element)`` leaves an element out."""

    def __init__(self, content: BlockContent | None = None, *, tei: bool = False,
                 direction: str = "auto") -> None:
        self.content = content if content is not None else BlockContent()
        self.tei = tei
        self.stack: list[Container] = []
        self.inline = _Inline()
        self.kind: tuple[str, int] | None = None  # a heading being read: ("heading", n)
        self.directions = [direction]  # of the elements being walked
        self.block_directions = [direction]  # of the blocks: the paragraphs' directions
        self.joined = False
        self.file = ""  # the chapter being walked, for link targets
        self.resolve: Callable[[str], str] = lambda href: href
        self.pending_ids: list[str] = []
        self.in_cell = 0  # inside a table cell: blocks run together
        # Elements to leave out with their content (a web page's boilerplate, hidden parts).
        self.skip: Callable[[Any], bool] | None = None
        self.figure_alts: list[set[str]] = []  # alt texts of the figures being walked
        self.definition_lists: set[int] = set()  # ids of the <dl> containers open
        self.run_on: list[Any] = []  # paragraphs that continue the text before them

    def start_in(self, direction: str) -> None:
        """Walk what comes next (a book's chapter) in ``direction``."""
        self.directions = [direction]
        self.block_directions = [direction]

    # -- paragraphs -------------------------------------------------------------------

    def _container_kind(self) -> tuple[str, int]:
        return container_kind(self.stack)

    def _pending_item(self) -> Container | None:
        return pending_item(self.stack)

    def _mark_targets(self) -> None:
        index = len(self.content.paragraphs)
        for ident in self.pending_ids:
            self.content.targets.setdefault(ident, index)
        self.pending_ids.clear()

    def emit(self, text: str, kind: str, level: int, spans: tuple[StyleSpan, ...] = (),
             direction: str | None = None) -> None:
        self._mark_targets()
        marker = ""
        item = self._pending_item()
        if item is not None:
            marker, item.marker = item.marker or "", None
        joined, self.joined = self.joined, False
        direction = direction or self.block_directions[-1]
        if direction == "auto" and spans:
            direction = _direction_inside(text, spans)
        self.content.append(text, Block(kind, level, marker, spans, None, joined), direction)

    def flush(self, hard_break: bool = False) -> None:
        """The inline text gathered so far becomes a paragraph (if it has any text)."""
        if self.in_cell:
            self.inline.add(" ")
            return
        if self.inline.empty and hard_break and not self.joined:
            self.inline.take()  # a break with nothing before it in its block: no line
            return
        if self.inline.empty and not hard_break:
            self.inline.take()  # white space only: dropped (open styles go on)
            self.joined = False  # a break at a block's end joins nothing to what follows
            return
        text, spans = self.inline.take()
        kind, level = self.kind or self._container_kind()
        if text or hard_break:
            self.emit(text, kind, level, spans)
        if hard_break:
            self.joined = True

    # -- the tree ---------------------------------------------------------------------

    def walk(self, element: Any) -> None:
        """Walk ``element`` and its children (its tail is the caller's)."""
        name = local_name(element.tag)
        if not name or name in SKIPPED or (name == "head" and not self.tei):
            return
        if self.skip is not None and self.skip(element):
            return
        ident = element.get("id")
        if ident:
            if name in BLOCKS:  # it starts a paragraph: what came before is not in it
                self.flush()
            self.pending_ids.append(f"{self.file}#{ident}")
        direction = element_direction(element, self.directions[-1])
        block = name in BLOCKS
        if block and direction != self.block_directions[-1] and not self.in_cell:
            self.flush()  # the text before it is in the direction around it
        style = None if block else _direction_style(element, name)
        self.directions.append(direction)
        if block:
            self.block_directions.append(direction)
        if style:
            self.inline.open(style)
        try:
            self._walk(element, name)
        finally:
            if style:
                self.inline.close()
            if block:
                self.block_directions.pop()
            self.directions.pop()

    def _children(self, element: Any) -> None:
        if element.text:
            self.inline.add(element.text)
        for child in element:
            self.walk(child)
            if child.tail:
                self.inline.add(child.tail)

    def _walk(self, element: Any, name: str) -> None:
        if self.in_cell and (name in BLOCKS or name in CELLS or name in ROWS):
            # A list or a table in a cell: its text, run on.
            self.inline.add(" ")
            self._children(element)
            self.inline.add(" ")
            return
        heading = HEADINGS.get(name)
        if name == "head" and self.tei:
            heading = HEADINGS.get(element.get("rend", ""), 2)
        if heading:
            self.flush()
            self.kind = ("heading", heading)
            self._children(element)
            self.flush()
            self.kind = None
        elif name in LISTS:
            self.flush()
            ordered = name == "ol" or (name == "list" and element.get("rend") == "ol")
            start = element.get("start", "1")
            self.stack.append(Container("list", ordered=ordered,
                                         start=int(start) if start.isdigit() else 1))
            if name == "dl":  # a definition list: terms and definitions, no bullets
                self.definition_lists.add(id(self.stack[-1]))
            self._children(element)
            self.flush()
            self.definition_lists.discard(id(self.stack.pop()))
        elif name in ITEMS:
            self.flush()
            self._open_item()
            self._children(element)
            self.flush()
            item = self.stack.pop()
            if item.marker:  # an item with no text keeps its marker on a line
                self.emit("", "list_item", item.depth)
        elif name in QUOTES:
            self.flush()
            self.stack.append(Container("quote"))
            self._children(element)
            self.flush()
            self.stack.pop()
        elif name == "pre":
            self.flush()
            self._pre(element)
        elif name == "hr":
            self.flush()
            self.emit("", "rule", 0, (), "ltr")
        elif name in BREAKS:
            self.flush(hard_break=True)
        elif name == "math":
            self._math(element)
        elif name in IMAGES:
            self._image(element)
        elif name in LINKS:
            href = element.get("href") or element.get("target") or ""
            self.inline.open("link", self.resolve(href) if href else "")
            self._children(element)
            self.inline.close()
        elif name in INLINE_STYLES or (name == "hi" and element.get("rend") in TEI_RENDITIONS):
            style = INLINE_STYLES.get(name) or TEI_RENDITIONS[element.get("rend")]
            self.inline.open(style)
            self._children(element)
            self.inline.close()
        elif name == "table":
            self.flush()
            self._table(element)
        elif name == "figure":
            self.figure_alts.append({_folded(alt) for alt in _alts(element)})
            try:
                self.flush()
                self._children(element)
                self.flush()
            finally:
                self.figure_alts.pop()
        elif name == "figcaption" and self.figure_alts and \
                _folded(shown_text(element, self.skip)) in self.figure_alts[-1]:
            pass  # the caption says what the image's alt text (shown) already says
        elif name in CONTAINERS and any(other is element for other in self.run_on):
            self.run_on.remove(element)
            self._children(element)  # a footnote's first paragraph, after its label
        elif name in CONTAINERS:
            self.flush()
            if (element.get("role") or "") == "doc-footnote":
                self._label_runs_on(element)
            self._children(element)
            self.flush()
        else:  # span, small, sup, sub, abbr, time, unknown tags: their text runs on
            self._children(element)

    def _math(self, element: Any) -> None:
        """A MathML formula as text, in a ``code`` span: its ``alttext``, else its TeX
        annotation (pandoc, MathJax), else its symbols in order."""
        text = element.get("alttext") or ""
        if not text:
            for node in element.iter():
                if local_name(node.tag) == "annotation" and \
                        "tex" in (node.get("encoding") or "").lower():
                    text = "".join(node.itertext())
                    break
        if not text:
            text = " ".join(
                part.strip() for node in element.iter() if local_name(node.tag) not in (
                    "annotation", "annotation-xml", "math", "semantics", "mrow")
                for part in [node.text or ""] if part.strip())
        if text.strip():
            self.inline.open("code")
            self.inline.add(text.strip())
            self.inline.close()

    def _label_runs_on(self, note: Any) -> None:
        """A footnote whose label comes before its first paragraph (docutils, Sphinx:
        ``<span class="label">[1]</span><p>…</p>``) reads "[1] …" on one line."""
        children = [child for child in note if local_name(child.tag)]
        if len(children) >= 2 and local_name(children[0].tag) == "span" \
                and local_name(children[1].tag) == "p":
            self.run_on.append(children[1])  # held: lxml gives the same proxy back

    def _image(self, element: Any) -> None:
        """An image's alt text (else its title), as a link to its source, on a line of its
        own: two images side by side are two lines, not one run of words. In a table cell
        or a heading it stays in the text, set off by spaces."""
        alt = (element.get("alt") or element.get("title") or "").strip()
        if not alt:
            return  # decoration
        source = element.get("src") or element.get("{http://www.w3.org/1999/xlink}href") or ""
        alone = not self.in_cell and self.kind is None
        if alone:
            self.flush()
        else:
            self.inline.add(" ")
        self.inline.open("link", self.resolve(source) if source else "")
        self.inline.add(alt)
        self.inline.close()
        if alone:
            self.flush()
        else:
            self.inline.add(" ")

    def _open_item(self) -> None:
        outer = self._pending_item()
        if outer is not None and outer.marker:  # its marker on a line before the inner list
            self.emit("", "list_item", outer.depth)
        parent = self.stack[-1] if self.stack and self.stack[-1].kind == "list" \
            else Container("list")
        depth = sum(1 for c in self.stack if c.kind == "list")
        if id(parent) in self.definition_lists:
            marker = ""
        elif parent.ordered:
            marker = f"{parent.start + parent.count}."
        else:
            marker = BULLETS[(max(depth, 1) - 1) % len(BULLETS)]
        parent.count += 1
        self.stack.append(Container("item", marker=marker, depth=max(depth, 1)))

    def _pre(self, element: Any) -> None:
        saved, self.inline = self.inline, _Inline(keep_spaces=True)
        self._children(element)
        text, _spans = self.inline.take()
        self.inline = saved
        depth = sum(1 for c in self.stack if c.kind in ("quote", "list"))
        lines = text.strip("\n").split("\n") if text.strip("\n") else []
        for line in lines:
            self.emit(line.rstrip("\r"), "code", depth, (), "ltr")

    def _cell(self, element: Any) -> Cell:
        """A table cell's text in one piece: blocks inside it (paragraphs, a line break)
        are run together with a space."""
        saved, self.inline = self.inline, _Inline()
        self.in_cell += 1
        try:
            self._children(element)
        finally:
            self.in_cell -= 1
        text, spans = self.inline.take()
        self.inline = saved
        return text, spans

    def _table(self, element: Any) -> None:
        rows: list[tuple[bool, list[Cell]]] = []

        def gather(node: Any, head: bool) -> None:
            for child in node:
                name = local_name(child.tag)
                if name in TABLE_PARTS:
                    gather(child, head or name == "thead")
                elif name in ROWS:
                    cells = [child_cell for child_cell in child
                             if local_name(child_cell.tag) in CELLS]
                    header = head or (bool(cells) and all(
                        local_name(c.tag) == "th" or c.get("role") == "head" for c in cells))
                    rows.append((header, [self._cell(cell) for cell in cells]))
                elif name == "caption":
                    self.walk(child)
                    self.flush()

        gather(element, False)
        self._mark_targets()
        direction = self.directions[-1]
        if direction == "auto":
            direction = first_strong(text for _h, cells in rows for text, _s in cells)
        add_table(self.content, rows, direction)
