"""Chrome text: the strings the reader draws around the article, assembled so they lay out
right whatever script their values are in.

Every chrome string is a template (fixed words, separators, markers) with values put in it:
a speaker's name, a claim's label, a number, a percentage. A value is *isolated* (FSI ... PDI,
UAX #9 X5c): inside, its own first strong character sets its direction; outside, it counts as
one neutral, so a Latin name cannot pull an Arabic label's colon or the next field into its
left-to-right run, and fields keep their order. The whole string is then laid out by the core
with an explicit base direction, the document's, so a marker (◆, ↩) is at the same side of
every item. Nothing here imports Textual.

This is the one module that lays out chrome, for every surface: the status line, the panel,
the chooser, the dialogs, the palette, the notifications, the help (through
:class:`reader.ui.widgets.bidi_text.BidiText` or the ``ui_*`` functions below) and the
command line's messages (:mod:`reader.terminal.messages`). Whatever text reaches
:func:`chrome_lines` has its controls made visible (:func:`reader.text.safe.visible`), but
for the isolates :func:`fill` and :func:`join_fields` put around values, whose own controls
were made visible when they were isolated: no value can reorder or end the line it is in.
The implicit marks (LRM, RLM, ALM) are the exception: they are honoured, as in the article,
since they can neither reverse a letter nor reach past a value's isolate. A value may carry
the directions its markup gave parts of it (a heading's ``dir``, ``<bdi>``, ``<bdo>``:
:func:`isolate`'s ``isolates``), laid out as the article lays them out, a ``<bdo>`` as an
override drawn with no control shown.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from enum import Enum
from functools import lru_cache

from rich.cells import cell_len

from reader import i18n
from reader.text.chars import first_strong
from reader.text.layout import layout_paragraph, logical_line
from reader.text.levels import Isolate, isolate_bounds, paragraph_levels
from reader.text.safe import visible

LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
_OPENERS = (LRI, RLI, FSI)
FIELD_SEPARATOR = "  │  "
# --screen-reader: an ASCII bar, as between a table's cells there (reader.text.table): every
# braille table and console font has it, and screen readers name it when they read
# punctuation; a box-drawing letter is an unknown sign on a braille display.
LOGICAL_FIELD_SEPARATOR = "  |  "
# How much of a document is looked at for its direction: the first paragraphs with text.
_SAMPLE_PARAGRAPHS = 20
# A ``<bdo>`` in a value is an override (LRO/RLO ... PDF) in the core's layout. In a chrome
# string it is marked by noncharacters (Unicode's own, for a program's internal use), not by
# those controls: :func:`chrome_lines` shows every control but the isolates of values (a
# Trojan Source's RLO among them), and turns these marks into the core's override
# :class:`Isolate` spans, which take no cell. A value's own such characters are shown.
_OVERRIDE_MARKS = {"\ufdd0": "override-ltr", "\ufdd1": "override-rtl"}
_END_OVERRIDE = "\ufdd2"
_CONTROLS = {"ltr": (LRI, PDI), "rtl": (RLI, PDI), "auto": (FSI, PDI),
             **{kind: (mark, _END_OVERRIDE) for mark, kind in _OVERRIDE_MARKS.items()}}
_MARK_SET = frozenset((*_OVERRIDE_MARKS, _END_OVERRIDE))
_FORGED_MARKS = {ord(mark): f"\u27e6U+{ord(mark):04X}\u27e7"
                 for mark in (*_OVERRIDE_MARKS, _END_OVERRIDE)}


class ChromeStyle(Enum):
    """How a piece of chrome is laid out: ``VISUAL`` (in visual order, shaped, its values
    isolated) or ``LOGICAL`` (``--screen-reader``: in logical order, unshaped, without
    isolates, as the article's rows; docs/accessibility.md).

    A value, not a switch: the app holds the one it was started with and hands it to what
    draws (its widgets read it from their app, :mod:`reader.ui.chrome_style`; the
    Textual-free rules take it as an argument), so two apps in one process each draw their
    own chrome. The interface's language (:mod:`reader.i18n`) is still one setting for the
    process."""

    VISUAL = "visual"
    LOGICAL = "logical"

    @property
    def logical(self) -> bool:
        return self is ChromeStyle.LOGICAL

    @property
    def field_separator(self) -> str:
        """What stands between fields (:func:`join_fields`) in this style."""
        return LOGICAL_FIELD_SEPARATOR if self.logical else FIELD_SEPARATOR


def isolate(value: object, direction: str = "auto",
            isolates: Iterable[Isolate] = ()) -> str:
    """``value`` as an isolated run; control characters in it are made visible first (a
    value comes from a file and must not reorder or end the chrome around it).

    Inside, it reads in its own direction: its first strong letter's (FSI, as HTML's
    ``dir=auto``), or ``direction`` when its source says (``rtl``, ``ltr``: a heading of a
    right-to-left page that starts with a Latin "B.5."). ``isolates`` (offsets in
    ``value``: :meth:`reader.content.document.Document.isolates`, its code spans and the
    spans its markup gives a direction) are laid out as the article lays them out: an
    isolate of their kind, an override for a ``<bdo>`` (marked for :func:`chrome_lines`,
    which lays it out and draws no control for it: see ``_OVERRIDE_MARKS``)."""
    text = str(value)
    opener = {"ltr": LRI, "rtl": RLI}.get(direction, FSI)
    parts, position = [opener], 0
    for offset, closing, opening in isolate_bounds(isolates, len(text)):
        parts.append(_shown(text[position:offset]))
        parts += [_CONTROLS[kind][1] for kind in closing]
        parts += [_CONTROLS[kind][0] for kind in opening]
        position = offset
    parts += [_shown(text[position:]), PDI]
    return "".join(parts)


def _shown(value: str) -> str:
    """A value's text with its controls made visible (and any override mark of its own)."""
    return visible(value, keep_newlines=False, keep_marks=True).translate(_FORGED_MARKS)


def in_direction(field: str, direction: str) -> str:
    """``field`` (a template whose values are isolated already: ``name: label``) as one
    isolate read in ``direction``: a panel's or a chooser's entry reads as its label does,
    whatever script the speaker's name before it is in. ``auto``: :func:`isolate_field`'s
    rule."""
    if direction in ("ltr", "rtl"):
        return f"{LRI if direction == 'ltr' else RLI}{field}{PDI}"
    return isolate_field(field, direction)


def value_direction(*values: str) -> str:
    """``rtl`` or ``ltr``: :func:`label_direction` of the first of ``values`` that has a
    strong letter; ``auto`` when none has."""
    for value in values:
        found = label_direction(value)
        if found != "auto":
            return found
    return "auto"


def label_direction(label: str) -> str:
    """The direction a short label (a claim's, written by an annotator) reads in: its first
    strong letter's (as FSI), unless more than twice as many of its words read the other
    way. A Latin name opening an Arabic claim ("OpenAI أُسست مفتوحة …") does not make it read
    left to right; "مع OpenAI … Microsoft" still reads right to left, and an English label
    with a few Arabic words in it left to right. ``auto``: no strong letter."""
    first = first_strong(label)
    if first is None:
        return "auto"
    words = {"rtl": 0, "ltr": 0}
    for word in label.split():
        found = first_strong(word)
        if found is not None:
            words[found] += 1
    other = "ltr" if first == "rtl" else "rtl"
    return other if words[other] > 2 * words[first] else first


def isolate_ltr(value: object) -> str:
    """``value`` as a left-to-right isolate (LRI ... PDI): what the user typed on the command
    line (an option, ``'--x'``), which reads left to right whatever letters it holds."""
    return f"{LRI}{visible(str(value), keep_newlines=False, keep_marks=True)}{PDI}"


def fill(template: str, /, **values: object) -> str:
    """``template`` (``str.format`` fields) with every value isolated."""
    return template.format(**{name: isolate(value) for name, value in values.items()})


def join_fields(fields: Iterable[str | tuple[str, str]], direction: str,
                separator: str = FIELD_SEPARATOR, *, style: ChromeStyle) -> str:
    """Fields side by side in ``direction`` (the base direction the line is laid out in),
    each one isolated: one field's end never joins the next one's run, so they read in
    order from the base direction's start. A field may be ``(text, direction)``. The
    default separator is ``style``'s (an ASCII bar in logical order)."""
    if separator == FIELD_SEPARATOR:
        separator = style.field_separator
    parts = []
    for field in fields:
        text, own = field if isinstance(field, tuple) else (field, None)
        if text:
            parts.append(isolate_field(text, own or direction))
    return separator.join(parts)


def isolate_field(field: str, base: str) -> str:
    """A whole field as one isolate (its values already isolated inside). Its direction is
    that of its own words (FSI) when it has any outside its values; a field of markers,
    digits and values only takes ``base``, so a marker sits at the same side of every
    field whatever script the value after it is in."""
    if base in ("ltr", "rtl") and not _has_own_strong(field):
        return f"{LRI if base == 'ltr' else RLI}{field}{PDI}"
    return f"{FSI}{field}{PDI}"


def _has_own_strong(text: str) -> bool:
    """A strong character outside any isolate in ``text``."""
    depth = 0
    for ch in text:
        if ch in _OPENERS:
            depth += 1
        elif ch == PDI:
            depth = max(0, depth - 1)
        elif depth == 0 and unicodedata.bidirectional(ch) in ("L", "R", "AL"):
            return True
    return False


def text_direction(texts: Iterable[str], default: str = "ltr") -> str:
    """``rtl`` or ``ltr``: the direction of the first text with a strong character."""
    for count, text in enumerate(texts):
        if count >= _SAMPLE_PARAGRAPHS:
            break
        if not text.strip():
            continue
        sample = text[:2000]
        if any(unicodedata.bidirectional(ch) in ("L", "R", "AL") for ch in sample):
            return "rtl" if paragraph_levels(sample, "auto")[1] == 1 else "ltr"
    return default


_NO_ISOLATES = dict.fromkeys(map(ord, (LRI, RLI, FSI, PDI)))


def chrome_lines(text: str, width: int, direction: str, *,
                 style: ChromeStyle) -> list[tuple[str, int, bool]]:
    """(visual text, cells, rtl) for each line of ``text`` laid out at ``width`` cells
    in ``direction`` (``rtl``, ``ltr`` or ``auto``); newlines start paragraphs. Controls
    are shown (see the module's doc), the isolates of values kept. In logical ``style``
    (:class:`ChromeStyle`) each line is its stretch of the text, unshaped, in logical order
    (rtl False: from the left edge, for the terminal to place), without the isolates: the
    Linux console draws them as glyphs, a braille display shows them, and a screen reader
    reads logical text (docs/accessibility.md)."""
    out: list[tuple[str, int, bool]] = []
    for paragraph in visible(text, keep_isolates=True, keep_marks=True).split("\n"):
        paragraph, overrides = _overrides(paragraph)
        if style.logical:
            paragraph = paragraph.translate(_NO_ISOLATES)
            layout = layout_paragraph(paragraph, max(1, width), direction, shaped=False)
            lines = [logical_line(paragraph, line) for line in layout.lines]
            out.extend((line.text.rstrip(" "), cell_len(line.text.rstrip(" ")), False)
                       for line in lines)
            continue
        layout = layout_paragraph(paragraph, max(1, width), direction, isolates=overrides)
        out.extend((line.text, line.cells, line.rtl) for line in layout.lines)
    return out


def _overrides(paragraph: str) -> tuple[str, tuple[Isolate, ...]]:
    """``paragraph`` without the marks of the overrides :func:`isolate` put in it, and
    those overrides as the core's spans (one left open ends with the paragraph). In
    logical order (--screen-reader) an override is its text as written."""
    if _MARK_SET.isdisjoint(paragraph):
        return paragraph, ()
    kept: list[str] = []
    spans: list[Isolate] = []
    open_marks: list[tuple[int, str]] = []
    for ch in paragraph:
        if ch in _OVERRIDE_MARKS:
            open_marks.append((len(kept), _OVERRIDE_MARKS[ch]))
        elif ch == _END_OVERRIDE:
            if open_marks:
                start, kind = open_marks.pop()
                spans.append(Isolate(start, len(kept), kind))
        else:
            kept.append(ch)
    spans += [Isolate(start, len(kept), kind) for start, kind in open_marks]
    return "".join(kept), tuple(spans)


def chrome_line(text: str, direction: str, width: int | None = None, *,
                style: ChromeStyle) -> str:
    """One line in visual order for places that take a plain string (tabs, palette
    entries, notifications). Long text is not wrapped; with ``width`` it is cut at its
    logical end (an ellipsis at the left of a right-to-left line), so that a widget that
    would wrap it again never puts a line's end first."""
    return _laid_out(text, direction, width, style)


@lru_cache(maxsize=1024)
def _laid_out(text: str, direction: str, width: int | None, style: ChromeStyle) -> str:
    """:func:`chrome_line`'s work, cached: the key bar asks again at every repaint."""
    lines = chrome_lines(text, width or 10_000, direction, style=style)
    if width and len(lines) > 1:
        first = chrome_lines(text, max(1, width - 1), direction, style=style)[0]
        return "…" + first[0] if first[2] else first[0] + "…"
    return "  ".join(line for line, _cells, _rtl in lines)


def chrome_block(text: str, direction: str, *, style: ChromeStyle) -> str:
    """Each line of ``text`` in visual order (a notification of several lines)."""
    return "\n".join(chrome_line(line, direction, style=style) for line in text.split("\n"))


# -- in the interface's language --------------------------------------------------------


def ui_direction() -> str:
    """The interface's direction: ``rtl`` when its language reads right to left. (The
    language is still one setting for the process, :mod:`reader.i18n`: unlike the chrome's
    :class:`ChromeStyle`, it is not the app's.)"""
    return "rtl" if i18n.is_rtl() else "ltr"


def ui_line(text: str, direction: str | None = None, width: int | None = None, *,
            style: ChromeStyle) -> str:
    """:func:`chrome_line` in the interface's direction (or ``direction``): notifications,
    palette entries, the key bar's descriptions, the help."""
    return chrome_line(text, direction or ui_direction(), width, style=style)


def ui_block(text: str, *, style: ChromeStyle) -> str:
    """:func:`chrome_block` in the interface's direction."""
    return chrome_block(text, ui_direction(), style=style)
