"""Markdown to the document model: one paragraph per block, markup removed, styles as spans.

Parsed with markdown-it-py (CommonMark with GFM tables) by walking its token stream:

- headings, paragraphs, block quotes and list items become one paragraph each (soft line
  breaks become spaces; a hard break splits the block into paragraphs of the same kind, the
  list marker going to the first one only, the others ``joined`` to it: a line break within
  the paragraph, not a paragraph gap, all parts in the direction of the whole);
- a table is one ``table_row`` paragraph per row (:mod:`reader.content.formats.blocks`);
- each line of a fenced or indented code block is a paragraph of kind ``code``, always LTR;
- a thematic break is an empty paragraph of kind ``rule``;
- HTML (blocks and inline) is kept as raw text, one paragraph per line of an HTML block, and
  never interpreted; control characters stay in the text (the layout core shows them). Only
  an HTML block's ``dir`` is honoured: the blocks up to its element's end take it (a README
  wrapped in ``<div dir="rtl">``, as GitHub shows it), else each its first strong letter's;
- emphasis, strong emphasis, inline code and links become :class:`~reader.content.document.
  StyleSpan`\\ s over the rendered text (link text kept, URL in the span; an image shows its
  alt text as a link to its source).

The innermost container decides a paragraph's kind: a paragraph in a list item inside a block
quote is a ``list_item``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from reader.content.document import Block, BlockContent, Document, StyleSpan
from reader.content.formats.blocks import (
    BULLETS,
    Cell,
    Container,
    add_table,
    container_kind,
    first_strong,
    pending_item,
    prose,
)
from reader.content.source import decode_text

_INLINE_STYLES = {"em": "em", "strong": "strong", "link": "link"}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>")
_DIR = re.compile(r"""\bdir\s*=\s*["']?\s*(rtl|ltr|auto)\b""", re.IGNORECASE)
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"})


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def parse_markdown(source: str) -> BlockContent:
    """Paragraphs, their :class:`Block` descriptions and directions for a Markdown text."""
    walker = _Walker()
    walker.walk(_parser().parse(source))
    return walker.content


def read_markdown(data: bytes, path: Path | None, name: str, errors: str = "strict",
                  charset: str = "") -> Document:
    """The format's reader (see :class:`~reader.content.formats.Format`): in the encoding
    ``charset`` names (``--encoding``), else UTF-8 or a guess, as plain text."""
    decoded = decode_text(path or Path(name), data, errors, charset)
    document = markdown_document(decoded.text, path)
    document.encoding, document.encoding_guessed = decoded.encoding, decoded.guessed
    if decoded.doubt:
        document.problems.append(decoded.doubt)
    return document


def markdown_document(source: str, path: Path | None = None, title: str = "") -> Document:
    """The document of a Markdown text (a byte order mark already dropped)."""
    return Document.from_blocks(parse_markdown(source), path, title)


# --- inline content -------------------------------------------------------------------------


def render_inline(tokens: Sequence[Token]) -> list[tuple[str, tuple[StyleSpan, ...]]]:
    """The rendered text of inline ``tokens`` with its style spans, split at hard breaks.

    Returns one ``(text, spans)`` pair per piece; a span open across a hard break is cut in
    two, one part in each piece.
    """
    pieces: list[tuple[str, tuple[StyleSpan, ...]]] = []
    parts: list[str] = []
    spans: list[StyleSpan] = []
    opened: list[tuple[str, str, int]] = []  # (style, url, start) of spans still open
    length = 0

    def add(text: str) -> None:
        nonlocal length
        parts.append(text)
        length += len(text)

    def close(style: str, url: str, start: int) -> None:
        if length > start:
            spans.append(StyleSpan(start, length, style, url))

    def close_style(style: str) -> None:
        for i in range(len(opened) - 1, -1, -1):
            if opened[i][0] == style:
                close(*opened.pop(i))
                return

    def hard_break() -> None:
        nonlocal parts, spans, length
        for entry in opened:
            close(*entry)
        pieces.append(("".join(parts), _sorted(spans)))
        parts, spans, length = [], [], 0
        opened[:] = [(style, url, 0) for style, url, _start in opened]

    def walk(children: Sequence[Token]) -> None:
        for token in children:
            kind = token.type
            if kind in ("text", "html_inline", "text_special"):
                add(token.content)
            elif kind == "softbreak":
                add(" ")
            elif kind == "hardbreak":
                hard_break()
            elif kind == "code_inline":
                start = length
                add(token.content)
                close("code", "", start)
            elif kind.endswith("_open") and kind[:-5] in _INLINE_STYLES:
                url = str(token.attrs.get("href", "")) if kind == "link_open" else ""
                opened.append((_INLINE_STYLES[kind[:-5]], url, length))
            elif kind.endswith("_close") and kind[:-6] in _INLINE_STYLES:
                close_style(_INLINE_STYLES[kind[:-6]])
            elif kind == "image":
                opened.append(("link", str(token.attrs.get("src", "")), length))
                walk(token.children or ())
                close_style("link")
            else:  # a token this walker does not know: keep whatever text it carries
                add(token.content)

    walk(tokens)
    for entry in opened:  # markdown-it balances its tokens; be safe anyway
        close(*entry)
    pieces.append(("".join(parts), _sorted(spans)))
    return pieces


def _sorted(spans: list[StyleSpan]) -> tuple[StyleSpan, ...]:
    return tuple(sorted(spans, key=lambda span: (span.start, -span.end, span.style)))


# --- blocks ---------------------------------------------------------------------------------


class _Walker:
    def __init__(self) -> None:
        self.content = BlockContent()
        self.stack: list[Container] = []
        # A table being read: its rows (header?, cells) and their source lines.
        self.rows: list[tuple[bool, list[Cell]]] | None = None
        self.row_lines: list[int | None] = []
        self.in_head = False
        # The HTML elements open across blocks: (tag, its dir or ""), innermost last.
        self.html_open: list[tuple[str, str]] = []

    # -- helpers --

    def _count(self, kind: str) -> int:
        return sum(1 for container in self.stack if container.kind == kind)

    def _depth(self) -> int:
        return self._count("quote") + self._count("list")

    def _container_kind(self) -> tuple[str, int]:
        """Kind and level of a paragraph in the current container."""
        return container_kind(self.stack)

    def _pending_item(self) -> Container | None:
        return pending_item(self.stack)

    def _flush_marker(self, item: Container) -> None:
        """An item whose content does not start with text: its marker on a line of its own."""
        marker, item.marker = item.marker or "", None
        self._append("", Block("list_item", item.depth, marker, (), item.line), "auto")

    def _html_direction(self) -> str:
        """The ``dir`` of the innermost HTML element open that has one (``auto``: none)."""
        for _tag, direction in reversed(self.html_open):
            if direction in ("rtl", "ltr"):
                return direction
            if direction == "auto":
                return "auto"
        return "auto"

    def _html_line(self, text: str) -> None:
        """Follow the elements an HTML block's line opens and closes."""
        opened: list[tuple[str, str]] = []
        for match in _TAG.finditer(text):
            closing, tag, rest = match.group(1), match.group(2).lower(), match.group(3)
            if closing:
                for stack in (opened, self.html_open):
                    names = [name for name, _dir in stack]
                    if tag in names:
                        del stack[len(names) - 1 - names[::-1].index(tag):]
                        break
            elif tag not in _VOID and not rest.rstrip().endswith("/"):
                found = _DIR.search(rest)
                opened.append((tag, found.group(1).lower() if found else ""))
        self.html_open.extend(opened)
        del self.html_open[:-64]  # never closed: a bound on what is kept

    def _append(self, text: str, block: Block, direction: str) -> None:
        self.content.paragraphs.append(text)
        self.content.blocks.append(block)
        self.content.directions.append(direction)

    def emit(
        self,
        text: str,
        kind: str,
        level: int,
        spans: tuple[StyleSpan, ...] = (),
        line: int | None = None,
        joined: bool = False,
        direction: str = "auto",
    ) -> None:
        marker = ""
        item = self._pending_item()
        if item is not None:
            if kind in ("code", "rule"):
                self._flush_marker(item)
            else:
                marker, item.marker = item.marker or "", None
        direction = "ltr" if kind == "code" else direction
        self._append(text, Block(kind, level, marker, spans, line, joined), direction)

    # -- the token stream --

    def walk(self, tokens: Sequence[Token]) -> None:
        heading_level = 0
        for token in tokens:
            kind = token.type
            line = token.map[0] + 1 if token.map else None
            if kind == "heading_open":
                heading_level = int(token.tag[1:]) if token.tag[1:].isdigit() else 1
            elif kind == "heading_close":
                heading_level = 0
            elif kind == "inline" and self.rows is not None:
                pieces = render_inline(token.children or ())
                if self.rows and self.rows[-1][1] is not None:
                    self.rows[-1][1].append(_one_piece(pieces))
            elif kind == "table_open":
                self.rows, self.row_lines = [], []
            elif kind in ("thead_open", "thead_close"):
                self.in_head = kind == "thead_open"
            elif kind == "tr_open" and self.rows is not None:
                self.rows.append((self.in_head, []))
                self.row_lines.append(line)
            elif kind == "table_close" and self.rows is not None:
                self._table()
            elif kind == "inline":
                if heading_level:
                    block_kind, level = "heading", heading_level
                else:
                    block_kind, level = self._container_kind()
                pieces = render_inline(token.children or ())
                direction = self._html_direction()
                if direction == "auto" and len(pieces) > 1:
                    direction = first_strong(prose(text, spans) for text, spans in pieces)
                for offset, (text, spans) in enumerate(pieces):
                    self.emit(text, block_kind, level, spans, _line_after(token, offset),
                              joined=offset > 0, direction=direction)
            elif kind == "blockquote_open":
                self.stack.append(Container("quote"))
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self.stack.append(Container("list", ordered=kind == "ordered_list_open"))
            elif kind == "list_item_open":
                self._open_item(token, line)
            elif kind in ("blockquote_close", "bullet_list_close", "ordered_list_close"):
                self.stack.pop()
            elif kind == "list_item_close":
                item = self.stack.pop()
                if item.marker is not None:  # an empty item: keep its marker
                    self._flush_marker(item)
            elif kind in ("fence", "code_block"):
                first = (line or 1) + (1 if kind == "fence" else 0)
                content = token.content[:-1] if token.content.endswith("\n") else token.content
                for i, text in enumerate(content.split("\n") if content else ()):
                    self.emit(text, "code", self._depth(), (), first + i)
            elif kind == "hr":
                self.emit("", "rule", self._depth(), (), line)
            elif kind == "html_block":
                block_kind, level = self._container_kind()
                lines = token.content.split("\n")
                while lines and not lines[-1].strip():
                    lines.pop()
                for i, text in enumerate(lines):  # markup, shown as written: as before
                    self._html_line(text)
                    self.emit(text, block_kind, level, (), (line or 1) + i)
            # Anything else (a future token type) carries no text of its own.

    def _table(self) -> None:
        """The table just read, as rows; a table in a list item takes the item's marker on
        a line of its own."""
        rows, lines = self.rows or [], self.row_lines
        self.rows, self.row_lines = None, []
        item = self._pending_item()
        if item is not None and rows:
            self._flush_marker(item)
        add_table(self.content, rows, self._html_direction(), lines=lines)

    def _open_item(self, token: Token, line: int | None) -> None:
        # An outer item still holding its marker has no text before this nested list.
        outer = self._pending_item()
        if outer is not None:
            self._flush_marker(outer)
        parent = self.stack[-1] if self.stack else Container("list")
        depth = self._count("list")
        if parent.ordered:
            marker = f"{token.info}{token.markup}"
        else:
            marker = BULLETS[(depth - 1) % len(BULLETS)]
        self.stack.append(Container("item", marker=marker, depth=depth, line=line))


def _one_piece(pieces: list[tuple[str, tuple[StyleSpan, ...]]]) -> Cell:
    """A table cell's inline content in one piece (a cell has no hard breaks in GFM; a
    stray one becomes a space)."""
    text, spans = pieces[0]
    all_spans = list(spans)
    for more, more_spans in pieces[1:]:
        shift = len(text) + 1
        text += " " + more
        all_spans.extend(StyleSpan(s.start + shift, s.end + shift, s.style, s.url)
                         for s in more_spans)
    return text, tuple(all_spans)


def _line_after(token: Token, breaks: int) -> int | None:
    """The 1-based source line of the piece after ``breaks`` hard breaks in ``token``."""
    if not token.map:
        return None
    line = token.map[0] + 1
    if breaks:
        seen = 0
        for child in token.children or ():
            if child.type in ("softbreak", "hardbreak"):
                line += 1
                if child.type == "hardbreak":
                    seen += 1
                    if seen == breaks:
                        break
    return line
