"""The article's line painter draws without an app: given a document, its marks and the
styles, a line's clusters take the styles of the ranges over their source."""

from __future__ import annotations

from rich.style import Style

from reader.content.annotations.model import Annotations, Claim, QuoteSelector
from reader.content.document import Document
from reader.text.flow import TextFlow
from reader.text.span import Span
from reader.ui.widgets.article_marks import ArticleMarks
from reader.ui.widgets.article_painter import LinePainter

STYLES = {
    "article--speaker-0": Style(color="red"),
    "article--focused": Style(underline=True),
    "article--hit": Style(bgcolor="yellow"),
    "article--hit-current": Style(bgcolor="green"),
}


def _painted(text: str, marks: ArticleMarks, width: int = 40,
             harakat: str = "show") -> list[tuple[str, Style]]:
    document = Document.from_text(text)
    painter = LinePainter(document, marks, lambda c: STYLES.get(c or "", Style()), harakat)
    _paragraph, line = TextFlow(document.paragraphs, width).line_at(0)
    assert line is not None
    strip = painter.line(0, line, width, Style())
    return [(segment.text, segment.style or Style()) for segment in strip]


def _claim(span: Span) -> Annotations:
    claim = Claim("c1", "alice", "a claim", QuoteSelector("claim"), span)
    return Annotations(claims={claim.id: claim})


def test_a_claim_is_drawn_in_its_speakers_style_and_focused_over_it() -> None:
    marks = ArticleMarks(_claim(Span(0, 4, 9)))
    painted = _painted("The claim is here.", marks)
    red = "".join(text for text, style in painted if style.color == Style(color="red").color)
    assert red == "claim"
    assert "".join(text for text, _style in painted).rstrip() == "The claim is here."
    assert not any(style.underline for _text, style in painted)
    marks.focus("c1")
    underlined = "".join(text for text, style in _painted("The claim is here.", marks)
                         if style.underline)
    assert underlined == "claim"


def test_the_current_hit_is_drawn_over_the_other_hits_of_an_rtl_line() -> None:
    text = "كتب زيد شعرا"  # the hits: كتب (0-3) and شعرا (8-12), the current one first
    marks = ArticleMarks()
    changed = marks.set_hits([Span(0, 0, 3), Span(0, 8, 12)], Span(0, 0, 3))
    assert changed == {0}
    painted = _painted(text, marks, width=20)
    green = [text for text, style in painted if style.bgcolor == Style(bgcolor="green").bgcolor]
    yellow = [text for text, style in painted
              if style.bgcolor == Style(bgcolor="yellow").bgcolor]
    assert len(green) == 1 and len(green[0]) == 3  # كتب, shaped, in three cells
    assert len(yellow) == 1 and len(yellow[0]) == 4
    # right to left: the first word drawn rightmost, padding on the left
    assert painted[0][0].isspace() and painted[-1][0] == green[0]


def test_hidden_harakat_are_drawn_without_them() -> None:
    painted = "".join(text for text, _style in _painted("كَتَبَ", ArticleMarks(), harakat="hide"))
    assert "\u064e" not in painted and painted.strip()
