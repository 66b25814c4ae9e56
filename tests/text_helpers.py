"""Helpers for reading layout results in tests."""

from __future__ import annotations

import itertools
import unicodedata

from rich.cells import cell_len, get_character_cell_size

from reader.text import ParagraphLayout, VisualLine
from reader.text.chars import (
    BIDI_CONTROLS,
    BREAK_SPACES,
    CONTROL_NAMES,
    TAB,
    control_picture,
    is_invisible,
)
from reader.text.layout import PLACEHOLDER
from reader.text.mirroring import MIRRORS

ALEFS = "\u0627\u0623\u0625\u0622"
LAM = "\u0644"


def source_order(line: VisualLine) -> list[int]:
    """The line's source offsets in visual order, each once."""
    return list(dict.fromkeys(line.map))


def visual_source(line: VisualLine, text: str) -> str:
    """The line's source characters in visual order, unshaped: easy to write expectations."""
    return "".join(text[i] for i in source_order(line))


def visual_lines(layout: ParagraphLayout) -> list[str]:
    return [visual_source(line, layout.text) for line in layout.lines]


def agrees(shown: str, source: str) -> bool:
    """Whether ``shown`` (one drawn code point) is a faithful rendering of ``source``."""
    if shown == source or MIRRORS.get(source) == shown:
        return True
    picture = control_picture(source)
    if picture is not None and shown in picture:
        return True
    if source == TAB or unicodedata.bidirectional(source) == "WS":
        return shown == " "
    if shown in ("\u25cc", "\u2026"):  # dotted circle under a lone mark; too-wide cluster
        return True
    expansion = unicodedata.normalize("NFKC", shown)
    return expansion.startswith(unicodedata.normalize("NFKC", source)) or (
        source == LAM and expansion[:1] == LAM
    )


def absorbed_by_ligature(text: str, index: int) -> bool:
    """An alef right after a lam (marks between allowed) may be folded into a ligature."""
    if text[index] not in ALEFS:
        return False
    j = index - 1
    while j >= 0 and unicodedata.category(text[j]) == "Mn":
        j -= 1
    return j >= 0 and text[j] == LAM


# -- a large annotated document (tests/test_annotations_scale.py, benchmarks) ---------------

_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_SENTENCES_PER_PARAGRAPH = 5
_ENTITIES = 20
_CHAPTERS = 50


def generated_annotations(count: int = 10_000) -> tuple[list[str], str]:
    """A document (its paragraphs) and an annotation file of ``count`` entries, every one of
    which resolves: entities, chapters, then claims and rebuttals in equal numbers.

    Anchored entry ``n`` quotes sentence ``n`` of the document, written with harakat and
    (for odd ``n``) Arabic-Indic digits, quoted without them. Anchors come as plain strings,
    with a prefix, with a suffix, or with an occurrence (the sentence says it twice); some
    rebuttals answer two claims.
    """
    anchored = count - _ENTITIES
    chapters = min(_CHAPTERS, anchored)
    claims = (anchored - chapters) // 2
    sentences: list[str] = []
    toml = ['document = "generated.txt"\n']
    for n in range(_ENTITIES):
        toml.append(f'[[entity]]\nid = "e{n}"\nname = "المتحدث {n} الأول"\n'
                    f'kind = "{"person" if n % 2 else "organisation"}"\n'
                    f'aliases = ["Speaker {n}", "المتكلم {n}"]\n')
    for n in range(anchored):
        digits = str(n).translate(_ARABIC_INDIC) if n % 2 else str(n)
        sentence = f"قالَ المتحدثُ رقم {digits} إنّ الأمرَ واضحٌ تماماً"
        if n % 10 == 3:
            sentence += f"، ثم كرّر: رقم {digits} إنّ الأمر لا يحتمل التأجيل"
        sentences.append(sentence + ".")
        if n % 10 == 1:
            anchor = f'{{ exact = "رقم {n} إن", prefix = "المتحدث " }}'
        elif n % 10 == 2:
            anchor = f'{{ exact = "المتحدث رقم {n}", suffix = " إن" }}'
        elif n % 10 == 3:
            anchor = f'{{ exact = "رقم {n} إن", occurrence = 2 }}'
        else:
            anchor = f'"قال المتحدث رقم {n} إن"'
        speaker = f"e{n % _ENTITIES}"
        if n < chapters:
            toml.append(f'[[chapter]]\nid = "ch{n}"\ntitle = "الفصل {n}"\n'
                        f'summary = "ما جرى في الفصل {n}"\nteller = "{speaker}"\n'
                        f'date = "20{n % 25:02d}-0{n % 9 + 1}"\nanchor = {anchor}\n')
        elif n < chapters + claims:
            toml.append(f'[[claim]]\nid = "c{n}"\nspeaker = "{speaker}"\n'
                        f'label = "ادعاء {n}"\nanchor = {anchor}\n')
        else:
            first = chapters + (n - chapters - claims) % claims
            answers = f'"c{first}"' + (f', "c{chapters + (first + 1 - chapters) % claims}"'
                                      if n % 3 == 0 else "")
            toml.append(f'[[rebuttal]]\nid = "r{n}"\nspeaker = "{speaker}"\n'
                        f'label = "رد {n}"\nanswers = [{answers}]\nanchor = {anchor}\n')
    paragraphs = [" ".join(sentences[i : i + _SENTENCES_PER_PARAGRAPH])
                  for i in range(0, len(sentences), _SENTENCES_PER_PARAGRAPH)]
    return paragraphs, "\n".join(toml)


# -- layout invariants for any text (tests/test_fuzz.py) ------------------------------------

# Variation selectors: ignorable, may be left out (as a font would when nothing takes them).
_SELECTORS = (range(0xFE00, 0xFE10), range(0xE0100, 0xE01F0), range(0x180B, 0x1810))


def is_raw(ch: str) -> bool:
    """A code point that must never reach the terminal as it is: C0 and C1 controls, DEL,
    bidi controls, the line and paragraph separators, lone surrogates."""
    return (
        unicodedata.category(ch) in ("Cc", "Cs")
        or ch in BIDI_CONTROLS
        or ch in "\u2028\u2029"
    )


def revealed(shown: str, source: str) -> bool:
    """Whether ``shown`` is part of the name ``show_controls`` draws for ``source``."""
    name = "\u27e6" + CONTROL_NAMES.get(source, f"U+{ord(source):04X}") + "\u27e7"
    return shown in name


def _ignorable(ch: str) -> bool:
    return ord(ch) in range(0xE0000, 0xE1000) or any(ord(ch) in r for r in _SELECTORS)


def _undrawn_allowed(text: str, index: int, show_controls: bool) -> bool:
    """Characters a layout may leave out: break spaces (they hang at line ends), an alef
    folded into a lam-alef ligature, ZWNJ (it did its work in shaping), and, unless
    controls are shown, invisible formatting characters and variation selectors."""
    ch = text[index]
    if ch in BREAK_SPACES or ch == "\u200c" or absorbed_by_ligature(text, index):
        return True
    return not show_controls and (ch in BIDI_CONTROLS or is_invisible(ch) or _ignorable(ch))


def check_layout(layout: ParagraphLayout, width: int, show_controls: bool = False) -> None:
    """Assert what holds for the layout of any paragraph at any width:

    * the lines cover the paragraph contiguously, in logical order;
    * each line's map has one source offset per drawn code point, inside the line's range;
      its cells are what Rich measures, and no more than ``width``;
    * nothing raw is drawn (:func:`is_raw`), each drawn code point stands for its source
      character (itself, its mirror, its shaped form, a control's picture or name, a
      space for white space, the placeholder for a cluster wider than the line);
    * each source offset is drawn in one place only, and every visible character is drawn,
      but for those :func:`_undrawn_allowed`, trailing white space (and what sits on it)
      that hangs at a line end, and marks that a placeholder stands for.
    """
    text = layout.text
    lines = layout.lines
    assert lines, "at least one line, even for an empty paragraph"
    assert lines[0].start == 0
    assert lines[-1].end == len(text)
    for before, after in itertools.pairwise(lines):
        assert before.end == after.start, (before, after)
    seen: dict[int, int] = {}
    hanging: set[int] = set()
    placeholder = False
    for number, line in enumerate(lines):
        assert line.start <= line.end
        assert len(line.map) == len(line.text)
        assert line.cells == cell_len(line.text), (line.text, line.cells)
        assert line.cells <= width, (line.text, width)
        assert line.rtl == layout.rtl
        for shown, offset in zip(line.text, line.map):
            assert not is_raw(shown), (shown, line.text)
            assert line.start <= offset < line.end, (offset, line)
            source = text[offset]
            assert agrees(shown, source) or (show_controls and revealed(shown, source)), (
                shown, source)
        runs = [o for k, o in enumerate(line.map) if k == 0 or line.map[k - 1] != o]
        assert len(runs) == len(set(runs)), line.map
        for offset in set(line.map):
            assert offset not in seen, f"offset {offset} on lines {seen[offset]} and {number}"
            seen[offset] = number
        placeholder = placeholder or PLACEHOLDER in line.text
        # Line-end white space hangs, and so does anything that clusters onto it.
        last = max(line.map, default=line.start - 1)
        rest = [i for i in range(last + 1, line.end)
                if not _undrawn_allowed(text, i, show_controls)]
        if rest and unicodedata.bidirectional(text[rest[0]]) in ("WS", "S"):
            hanging.update(range(last + 1, line.end))
        if PLACEHOLDER in line.text:
            hanging.update(range(line.start, line.end))
    missing = [
        i for i in range(len(text))
        if i not in seen and i not in hanging and not _undrawn_allowed(text, i, show_controls)
        and not (placeholder and get_character_cell_size(text[i]) == 0)
    ]
    assert not missing, [text[i] for i in missing]
