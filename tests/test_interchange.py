"""``reader export`` and ``reader import``: W3C Web Annotation, Hypothesis and Argdown.

The round trip (export, then import) must give the annotation file back: the same
entries, kinds, speakers, anchors and links, on the bundled article and on a file with
every kind of entry and anchor. A Hypothesis export made on the article as a web page by
the anchoring code Hypothesis's client used (scripts/hypothesis_export:
tests/data/interchange/article.ar.hypothesis-generated.json; another text around it, other
quote marks, 32-letter contexts crossing paragraphs) must anchor at least 95% of its quotes,
each where it was made; so must the older hand-written one (article.ar.hypothesis.json).
"""

from __future__ import annotations

import json
import re
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.cli import main
from reader.content.annotations.anchors import AnchorResolver
from reader.content.annotations.file import load_annotations
from reader.content.annotations.interchange import (
    NotAnExport,
    argdown_text,
    import_annotations,
    joined_starts,
    w3c_collection,
)
from reader.content.formats import load_document
from reader.resources import bundled_article
from reader.text.span import Span

DATA = Path(__file__).resolve().parent / "data" / "interchange"
HYPOTHESIS = DATA / "article.ar.hypothesis.json"
EVERY_KIND = DATA / "every-kind.toml"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _entries(path: Path) -> dict:
    """The file as TOML values, with its file keys made absolute (they are written relative
    to wherever the file is)."""
    data = tomllib.loads(path.read_text("utf-8"))
    for key in ("document", "debate"):
        if key in data:
            data[key] = (path.parent / data[key]).resolve()
    return data


@pytest.mark.parametrize("annotations", [bundled_article().with_suffix(".toml"), EVERY_KIND],
                         ids=["article", "every-kind"])
def test_export_then_import_gives_the_same_file(annotations: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    code, exported, err = _run(capsys, "export", str(annotations))
    assert code == 0 and not err
    (tmp_path / "out.json").write_text(exported, "utf-8")
    document = tomllib.loads(annotations.read_text("utf-8"))["document"]
    out = tmp_path / "sub" / "back.toml"
    out.parent.mkdir()
    code, stdout, err = _run(capsys, "import", str(tmp_path / "out.json"), "--document",
                             str(annotations.parent / document), "-o", str(out))
    assert (code, stdout, err) == (0, "", "")
    assert _entries(out) == _entries(annotations)
    code, report, _err = _run(capsys, "check", str(out))
    assert code == 0, report


def test_w3c_export_carries_both_selectors_on_the_text_as_shown() -> None:
    document = load_document(bundled_article())
    annotations = load_annotations(bundled_article().with_suffix(".toml"), document)
    collection = w3c_collection(annotations, document.paragraphs, "https://example.com/a")
    assert collection["type"] == "AnnotationCollection"
    assert collection["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    items = collection["first"]["items"]
    assert collection["total"] == len(items) == len(annotations)
    text = "\n".join(document.paragraphs)
    anchored = [item for item in items if item["reader:kind"] != "entity"]
    assert len(anchored) == 4 + 6 + 8
    for item in anchored:
        quote, position = item["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector"
        assert position["type"] == "TextPositionSelector"
        entry = annotations.entry(item["reader:id"])
        assert text[position["start"]:position["end"]] == entry.span.text(document.paragraphs)
        tags = [b["value"] for b in item["body"] if b["purpose"] == "tagging"]
        assert item["reader:kind"] in tags
        assert any(tag.startswith("speaker:") for tag in tags)
    rebuttal = next(i for i in items if i["reader:id"] == "roadster-delays")
    assert rebuttal["reader:answers"] == ["musk-fastest-car", "musk-roadster-close"]
    assert rebuttal["motivation"] == "replying"


def test_positions_count_code_points_of_the_paragraphs_joined_by_line_feeds() -> None:
    assert joined_starts(["ab", "", "cde"]) == [0, 3, 4]


def _hypothesis_places() -> dict[int, Span]:
    """Where each quote of the fixture was made: its RangeSelector names the paragraph
    (p[N]) and the offsets in it (the page only changed quote marks, one for one)."""
    notes = json.loads(HYPOTHESIS.read_text("utf-8"))["annotations"]
    places = {}
    for number, note in enumerate(notes, 1):
        for selector in note["target"][0].get("selector", []):
            if selector["type"] == "RangeSelector":
                paragraph = int(re.search(r"p\[(\d+)\]", selector["startContainer"])[1]) - 1
                places[number] = Span(paragraph, selector["startOffset"], selector["endOffset"])
    return places


def test_hypothesis_export_anchors_at_least_95_percent_where_they_were_made() -> None:
    document = load_document(bundled_article())
    data = json.loads(HYPOTHESIS.read_text("utf-8"))
    result = import_annotations(data, document.paragraphs)
    quoted = sum(1 for note in data["annotations"] if note["target"][0].get("selector"))
    anchored = [fields for kind, fields in result.entries if kind != "entity"]
    assert quoted == 27 and len(anchored) >= 0.95 * quoted
    # Each lands where it was made (the repeated "OpenAI" and "الفصل الرابع" included).
    places = _hypothesis_places()
    resolver_spans = {}
    from reader.content.annotations.anchors import AnchorResolver

    resolver = AnchorResolver(document.paragraphs)
    for fields in anchored:
        resolver_spans[fields["id"]] = resolver.resolve(fields["anchor"])
    assert sorted(resolver_spans.values()) == sorted(
        places[n] for n in places if n not in {u.number for u in result.unresolved})
    # What did not anchor is said, one line each: across paragraphs, a reply, a page note.
    reasons = {u.number: u.reason for u in result.unresolved}
    assert set(reasons) == {27, 28, 29}
    assert "line break" in reasons[27] and "reply" in reasons[28] and "page note" in reasons[29]
    # Speakers are the Hypothesis users; a tag answers:ID names another annotation.
    entities = {fields["id"]: fields["name"] for kind, fields in result.entries
                if kind == "entity"}
    assert entities == {"layla-h": "Layla H.", "omar-k": "Omar K."}
    rebuttals = [fields for kind, fields in result.entries if kind == "rebuttal"]
    first_claim = anchored[0]["id"]
    assert rebuttals and all(r["answers"] == [first_claim] for r in rebuttals)


GENERATED = DATA / "article.ar.hypothesis-generated.json"
PAGE = DATA / "article.ar.html"


def _element(body: ET.Element, xpath: str) -> ET.Element:
    """The element a RangeSelector's XPath names (``/main[1]/article[1]/p[3]/a[1]``,
    from the body, as the Hypothesis client writes them)."""
    element = body
    for step in xpath.strip("/").split("/"):
        name, index = re.fullmatch(r"(\w+)\[(\d+)\]", step).groups()
        element = [child for child in element if child.tag == name][int(index) - 1]
    return element


def _text_before(paragraph: ET.Element, target: ET.Element) -> int:
    """How many characters of ``paragraph``'s text come before ``target`` starts."""
    count = 0

    def walk(element: ET.Element) -> bool:
        nonlocal count
        if element is target:
            return True
        count += len(element.text or "")
        for child in element:
            if walk(child):
                return True
            count += len(child.tail or "")
        return False

    assert walk(paragraph)
    return count


def _generated_places(paragraphs: list[str]) -> dict[int, Span]:
    """Where each quote of the tool-made export was made, in the article's paragraphs:
    its RangeSelector's two ends (an element of the page and an offset in its text) as
    offsets in the page's paragraph p[N], which is the article's paragraph N with « » for
    “ ” (checked here). A range across two paragraphs has no place in one."""
    body = ET.fromstring(PAGE.read_text("utf-8")).find("body")
    assert body is not None
    shown = _element(body, "/main[1]/article[1]").findall("p")
    assert ["".join(p.itertext()) for p in shown] == [
        p.replace("“", "«").replace("”", "»") for p in paragraphs if p.strip()]
    places = {}
    notes = json.loads(GENERATED.read_text("utf-8"))["annotations"]
    for number, note in enumerate(notes, 1):
        for selector in note["target"][0].get("selector", []):
            if selector["type"] != "RangeSelector":
                continue
            ends = []
            for end in ("start", "end"):
                xpath = selector[f"{end}Container"]
                paragraph = int(re.match(r"/main\[1\]/article\[1\]/p\[(\d+)\]", xpath)[1])
                element = _element(body, xpath)
                ends.append((paragraph - 1, _text_before(shown[paragraph - 1], element)
                             + selector[f"{end}Offset"]))
            if ends[0][0] == ends[1][0]:
                places[number] = Span(ends[0][0], ends[0][1], ends[1][1])
    return places


def test_a_hypothesis_export_made_by_its_anchoring_code_resolves_where_it_was_made() -> None:
    """tests/data/interchange/article.ar.hypothesis-generated.json was made by
    scripts/hypothesis_export (the client's anchoring packages in jsdom, ranges selected in
    the article's web page, article.ar.html): at least 95% of its quotes must resolve, each
    where it was selected; what does not is said."""
    document = load_document(bundled_article())
    data = json.loads(GENERATED.read_text("utf-8"))
    result = import_annotations(data, document.paragraphs)
    quoted = [n for n, note in enumerate(data["annotations"], 1)
              if note["target"][0].get("selector")]
    anchored = [fields for kind, fields in result.entries if kind != "entity"]
    assert len(quoted) == 41 and len(anchored) >= 0.95 * len(quoted)
    places = _generated_places(document.paragraphs)
    resolver = AnchorResolver(document.paragraphs)
    spans = sorted(resolver.resolve(fields["anchor"]) for fields in anchored)
    unresolved = {u.number: u.reason for u in result.unresolved}
    assert spans == sorted(places[n] for n in quoted if n not in unresolved)
    # the drag across two paragraphs, the reply and the page note: one line each
    assert set(unresolved) == {10, 42, 43} and 10 not in places
    assert "line break" in unresolved[10]
    # tags answers:ID link the rebuttals to the claims they answer, in this import
    rebuttals = [fields for kind, fields in result.entries if kind == "rebuttal"]
    ids = {fields["id"] for fields in anchored}
    assert len(rebuttals) == 9 and all(set(r["answers"]) <= ids for r in rebuttals)
    # "ولكن هذا من طبيعتك" answers Musk's "fourth chapter", itself a rebuttal
    by_label = {fields["label"]: fields for fields in rebuttals}
    assert by_label["هجوم شخصي"]["answers"] == [by_label["نسيت الفصل الرابع"]["id"]]


def test_import_command_reports_what_does_not_resolve(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "article.toml"
    code, stdout, err = _run(capsys, "import", str(HYPOTHESIS), "--document",
                             str(bundled_article()), "-o", str(out))
    assert code == 1 and stdout == ""
    lines = err.splitlines()
    assert len(lines) == 4 and lines[-1].endswith("26 of 29 annotations anchored")
    assert "annotation 27" in lines[0] and "annotation 29" in lines[2]
    code, report, _err = _run(capsys, "check", str(out))
    assert code == 0, report
    assert "23 claims, 3 rebuttals" in report


def test_import_to_standard_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, exported, _err = _run(capsys, "export")
    (tmp_path / "a.json").write_text(exported, "utf-8")
    code, stdout, err = _run(capsys, "import", str(tmp_path / "a.json"), "--document",
                             str(bundled_article()))
    assert code == 0 and not err
    assert tomllib.loads(stdout)["claim"][0]["id"] == "altman-three-chapters"


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", "not JSON"),
    ('{"type": "Something"}', "not a W3C annotation collection"),
    ('"text"', "expected a JSON object or array"),
])
def test_import_refuses_what_is_not_an_export(content: str, message: str, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bad.json").write_text(content, "utf-8")
    code, stdout, err = _run(capsys, "import", str(tmp_path / "bad.json"), "--document",
                             str(bundled_article()))
    assert code == 2 and stdout == ""
    assert err.count("\n") == 1 and message in err


def test_a_list_of_annotations_and_a_quote_with_no_place(capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    document = load_document(bundled_article())
    note = {"type": "Annotation", "body": [{"type": "TextualBody", "value": "x"}],
            "target": {"source": "s", "selector": {"type": "TextQuoteSelector",
                                                   "exact": "ليست في النص أبدا"}}}
    found = {"type": "Annotation", "body": {"type": "TextualBody", "value": "رأي"},
             "target": {"source": "s", "selector": {"type": "TextQuoteSelector",
                                                    "exact": "حكاية في ثلاثة فصول"}}}
    result = import_annotations([note, found], document.paragraphs)
    assert [u.number for u in result.unresolved] == [1]
    assert "not found" in result.unresolved[0].reason
    kinds = [kind for kind, _fields in result.entries]
    assert kinds == ["claim"]  # nobody named: no speaker made up (issue 25)
    with pytest.raises(NotAnExport):
        import_annotations(42, document.paragraphs)


def test_export_leaves_out_broken_entries_and_says_so(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "doc.txt").write_text("قال ماسك إن السيارة سريعة.\n", "utf-8")
    (tmp_path / "doc.toml").write_text(
        'document = "doc.txt"\n[[entity]]\nid = "musk"\nname = "ماسك"\nkind = "person"\n'
        '[[claim]]\nid = "fast"\nspeaker = "musk"\nlabel = "سريعة"\nanchor = "سريعة"\n'
        '[[claim]]\nid = "gone"\nspeaker = "musk"\nlabel = "x"\nanchor = "ليست هنا"\n',
        "utf-8")
    code, out, err = _run(capsys, "export", str(tmp_path / "doc.toml"))
    assert code == 1
    assert [i["reader:id"] for i in json.loads(out)["first"]["items"]] == ["musk", "fast"]
    assert "[claim gone]" in err and "1 entry with problems left out" in err


def test_json_output_escapes_what_could_act_on_a_terminal(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    (tmp_path / "doc.txt").write_text("قال ماسك إن السيارة سريعة.\n", "utf-8")
    (tmp_path / "doc.toml").write_text(
        'document = "doc.txt"\n[[entity]]\nid = "musk"\nname = "ماسك\\u009b\\u202e"\n'
        'kind = "person"\n', "utf-8")
    code, out, _err = _run(capsys, "export", str(tmp_path / "doc.toml"))
    assert code == 0
    assert "\x9b" not in out and "\u202e" not in out and "\\u009b\\u202e" in out
    assert json.loads(out)["first"]["items"][0]["reader:name"] == "ماسك\x9b\u202e"


def test_argdown_has_a_statement_per_claim_and_rebuttal_and_an_attack_per_answer() -> None:
    """What the Argdown command line counts (scripts/check_argdown.py runs it for real)."""
    document = load_document(bundled_article())
    annotations = load_annotations(bundled_article().with_suffix(".toml"), document)
    text = argdown_text(annotations, "article.ar.txt")
    statements = re.findall(r"^\[([^\]]+)\]: (.+)$", text, re.M)
    attacks = re.findall(r"^  -> \[([^\]]+)\]$", text, re.M)
    assert sorted(title for title, _text in statements) == sorted(
        [*annotations.claims, *annotations.rebuttals])
    assert len(attacks) == sum(len(r.answers) for r in annotations.rebuttals.values()) == 11
    assert re.findall(r"^## (.+)$", text, re.M) == [c.title for c in annotations.chapters]
    label, = (line for title, line in statements if title == "openai-without-merit")
    assert label.endswith("#(openai)") and "«بلا أساس على الإطلاق»" in label
    # Every attack points at a statement of the file (no stray titles for Argdown to invent).
    assert set(attacks) <= {title for title, _text in statements}


def test_argdown_escapes_what_argdown_reads_in_text() -> None:
    from reader.content.annotations.interchange import _argdown_escape

    assert _argdown_escape("a [b] <c> #d *e* _f_ {g} @h //i") == \
        "a \\[b\\] \\<c\\> \\#d \\*e\\* \\_f\\_ \\{g\\} \\@h \\/\\/i"


_json = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 5000) | st.text(max_size=12)
    | st.sampled_from(["TextQuoteSelector", "TextPositionSelector", "Annotation", "claim",
                       "rebuttal", "chapter", "entity", "حكاية في ثلاثة فصول", "ألتمان"]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["type", "exact", "prefix", "suffix", "start", "end", "selector",
                         "target", "body", "value", "purpose", "tags", "text", "user",
                         "user_info", "display_name", "references", "annotations", "items",
                         "first", "next", "reader:kind", "reader:id", "reader:answers",
                         "reader:speaker", "reader:label", "reader:occurrence",
                         "reader:name", "reader:title", "reader:debate"]),
        children, max_size=6),
    max_leaves=30)


_QUOTE = {"selector": {"type": "TextQuoteSelector", "exact": "حكاية في ثلاثة فصول"}}


@settings(max_examples=80, deadline=None)
@given(_json)
@example([{"target": _QUOTE, "reader:id": "bad id", "reader:label": "two\nlines",
           "user": "acct:claim@x"},
          {"target": _QUOTE, "reader:kind": "claim", "reader:id": "claim", "user": "claim"},
          {"target": _QUOTE, "tags": ["rebuttal", "answers:claim"], "user": {"name": "?"}},
          {"target": _QUOTE, "tags": ["answers:bad id"]}])
def test_import_takes_any_json_without_a_traceback(data: object) -> None:
    """Whatever the JSON, import gives entries (whose file then loads) or NotAnExport."""
    from reader.content.annotations.check import resolve_annotations
    from reader.content.annotations.parse import parse_annotations

    paragraphs = _ARTICLE_PARAGRAPHS
    try:
        result = import_annotations(data, paragraphs)
    except NotAnExport:
        return
    loaded = resolve_annotations(parse_annotations(result.toml("doc.txt")), paragraphs)
    anchored = sum(1 for kind, _fields in result.entries if kind != "entity")
    assert not loaded.problems, loaded.problems
    assert len(loaded) == len(result.entries) and anchored <= len(loaded)


_ARTICLE_PARAGRAPHS = load_document(bundled_article()).paragraphs


def test_a_claim_without_a_speaker_goes_out_and_back_without_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 25: a claim may leave its speaker unsaid; export does not make one up, and
    import does not give it an "unknown" speaker."""
    document = tmp_path / "a.txt"
    document.write_text("قال أحدهم إن السيارة أسرع سيارة.\nورد آخر: لا.\n", encoding="utf-8")
    annotations = tmp_path / "a.toml"
    annotations.write_text('document = "a.txt"\n\n[[claim]]\nid = "c"\nlabel = "أسرع"\n'
                           'anchor = "أسرع سيارة"\n\n[[rebuttal]]\nid = "r"\nlabel = "لا"\n'
                           'answers = ["c"]\nanchor = "لا"\n', encoding="utf-8")
    code, exported, err = _run(capsys, "export", str(annotations))
    assert code == 0 and not err
    assert "reader:speaker" not in exported and '"speaker:' not in exported
    code, argdown, err = _run(capsys, "export", str(annotations), "--format", "argdown")
    assert code == 0 and "#(" not in argdown
    (tmp_path / "out.json").write_text(exported, "utf-8")
    out = tmp_path / "back.toml"
    assert _run(capsys, "import", str(tmp_path / "out.json"), "--document", str(document),
                "-o", str(out)) == (0, "", "")
    assert _entries(out) == _entries(annotations)
