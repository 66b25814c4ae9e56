"""Helpers for reading layout results in tests."""

from __future__ import annotations

import unicodedata

from reader.text import ParagraphLayout, VisualLine
from reader.text.chars import TAB, control_picture
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
