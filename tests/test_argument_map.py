"""The map's data: the argument tree as rows (content.annotations.argument_map), no Textual."""

from __future__ import annotations

from pathlib import Path

from reader.content.annotations.argument_map import debate_rows, map_rows
from reader.content.annotations.debate import load_debate
from reader.content.annotations.file import load_annotations
from reader.content.annotations.model import Annotations, Chapter, Claim, QuoteSelector, Rebuttal
from reader.content.formats import load_document
from reader.resources import bundled_article
from reader.text.span import Span

DEBATE = Path(__file__).resolve().parent / "data" / "debate" / "quarrel.toml"


def _tree(rows) -> list[str]:
    return ["  " * r.depth + f"{r.kind} {r.entry_id}" + (" (repeated)" if r.repeated else "")
            for r in rows]


def test_the_bundled_article_as_a_tree() -> None:
    document = load_document(bundled_article())
    annotations = load_annotations(bundled_article().with_suffix(".toml"), document)
    rows = map_rows(annotations)
    assert _tree(rows) == [
        "claim altman-three-chapters",          # quoted before the first chapter's words
        "  rebuttal musk-fourth-chapter",
        "  rebuttal musk-part-of-story",
        "chapter ch1-reservation",
        "chapter ch2-refund-request",
        "chapter ch3-bounced-email",
        "chapter ch4-refunded",
        "  claim musk-fastest-car",
        "    rebuttal roadster-delays",
        "    rebuttal mkbhd-cancelled",
        "    rebuttal altman-seven-years",
        "  claim musk-roadster-close",
        "    rebuttal roadster-delays (repeated)",  # answers both claims: shown under each
        "  claim musk-openai-closed",
        "    rebuttal openai-emails",
        "  claim musk-lawsuit",
        "    rebuttal openai-emails (repeated)",
        "    rebuttal openai-restructuring",
        "  claim musk-injunction",
        "    rebuttal openai-without-merit",
        "    rebuttal openai-restructuring (repeated)",
    ]
    delays = rows[8]
    assert (delays.speaker, delays.parent, delays.label) == (
        "business-insider", "musk-fastest-car",
        "تأخيرات، لا إنتاج بعد، و«تطوير التصميم» في أحدث تقرير ربع سنوي")
    assert rows[3].speaker == "altman"  # a chapter's teller


def _anchored(kind, entry_id, paragraph, *rest):
    span = Span(paragraph, 0, 1)
    if kind == "chapter":
        return Chapter(entry_id, rest[0], entry_id, "", "t", QuoteSelector("x"), span)
    if kind == "claim":
        return Claim(entry_id, "s", entry_id, QuoteSelector("x"), span)
    return Rebuttal(entry_id, "s", entry_id, tuple(rest[0]), QuoteSelector("x"), span)


def test_rebuttals_of_rebuttals_nest_and_a_cycle_is_cut() -> None:
    """A rebuttal of a rebuttal nests under it; a circle (which the checker refuses, but a
    model built by hand may hold) is cut where it closes."""
    c = _anchored("claim", "c", 1)
    r1 = _anchored("rebuttal", "r1", 2, ["c", "r3"])
    r2 = _anchored("rebuttal", "r2", 3, ["r1"])
    r3 = _anchored("rebuttal", "r3", 4, ["r2"])
    away = _anchored("rebuttal", "away", 5, ["other#claim"])
    chapter = _anchored("chapter", "one", 0, 1)
    annotations = Annotations(chapters=[chapter], claims={"c": c},
                              rebuttals={"r1": r1, "r2": r2, "r3": r3, "away": away})
    rows = map_rows(annotations)
    assert _tree(rows) == [
        "chapter one",
        "  claim c",
        "    rebuttal r1",
        "      rebuttal r2",
        "        rebuttal r3",  # answers r2; r1 again would close the cycle: cut
        "  rebuttal away",      # answers only another document's entry: stands alone
    ]
    assert rows[-1].elsewhere == ("other#claim",)


def test_a_circle_across_documents_loses_no_entry() -> None:
    """Each file refuses a circle of answers, but two documents of a debate can still close
    one between them (a answers b there, b answers a here): no entry of it answers
    nothing, so none is a root; the first in the debate's order stands as one, and the
    circle is cut where it closes. Nothing is lost from the map."""
    here = Annotations(rebuttals={"a": _anchored("rebuttal", "a", 0, ["there#b"])})
    there = Annotations(rebuttals={"b": _anchored("rebuttal", "b", 0, ["here#a"])})
    rows = debate_rows([("here", here), ("there", there)], {})
    assert [(r.depth, r.key, r.repeated) for r in rows] == [
        (0, "here", False),
        (1, "here#a", False),
        (2, "there#b", False),
        (0, "there", False),
    ]


def test_a_whole_debate_puts_a_reply_under_the_claim_it_answers() -> None:
    debate = load_debate(DEBATE)
    documents = [(name, debate.annotations(name)) for name in debate.members]
    rows = debate_rows(documents, {name: m.title for name, m in debate.members.items()})
    assert [(r.depth, r.kind, r.key, r.repeated) for r in rows] == [
        (0, "document", "altman", False),
        (1, "claim", "altman#three-chapters", False),
        (2, "rebuttal", "musk#fourth-chapter", False),
        (3, "rebuttal", "answer#no-fourth-chapter", False),  # Altman answers the answer
        (1, "claim", "altman#long-wait", False),
        (0, "document", "musk", False),
        (1, "claim", "musk#part-of-story", False),
        (2, "rebuttal", "musk#fourth-chapter", True),  # its own answers are not repeated
        (0, "document", "answer", False),
    ]
    assert rows[0].label == "منشور ألتمان" and rows[5].label == "musk"
    assert rows[2].parent == "altman#three-chapters"
