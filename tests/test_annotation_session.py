"""Where annotations are written and found again, and the dialog's defaults."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.cli import main
from reader.content.annotations import home as annotation_home
from reader.content.annotations.home import FoundAnnotations, annotation_target
from reader.content.annotations.model import Span
from reader.content.annotations.session import (
    NEW_ENTITY,
    UNSAID,
    AnnotationSession,
    date_near,
    shorten,
)
from reader.content.document import Document
from reader.content.formats import load_document
from reader.content.loading import find_annotations, open_for_reading

TEXT = "قال ماسك إن السيارة ستكون أسرع سيارة في يوليو 2018.\nرد ألتمان: لقد انتظرت طويلا.\n"


@pytest.fixture()
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("READER_STATE_DIR", str(tmp_path / "state"))
    return tmp_path / "state"


def _span(document: Document, phrase: str) -> Span:
    index = next(i for i, p in enumerate(document.paragraphs) if phrase in p)
    start = document.paragraphs[index].index(phrase)
    return Span(index, start, start + len(phrase))


def _claim(session: AnnotationSession, phrase: str) -> str:
    draft = session.defaults("claim", _span(session.document, phrase))
    assert draft.fields["speaker"] == UNSAID  # nobody is known yet: nobody is guessed
    draft.fields.update(speaker=NEW_ENTITY, new_name="ماسك")
    return session.create(draft)


def test_stdin_document_is_annotated_in_the_state_directory(state: Path):
    session = AnnotationSession(Document.from_text(TEXT), None)
    assert session.path.parent == state / "annotations"
    claim = _claim(session, "أسرع سيارة")
    assert "document =" not in session.path.read_text(encoding="utf-8")
    # the same text read again (from stdin) finds its annotations by itself
    found = find_annotations(Document.from_text(TEXT))
    annotations, problems = found.annotations, found.problems
    assert not problems and set(annotations.claims) == {claim}
    assert find_annotations(Document.from_text(TEXT + "x\n")) == FoundAnnotations()
    assert session.editor.undo() and not session.path.exists()


def test_read_only_folder_goes_to_the_state_directory(tmp_path: Path, state: Path,
                                                       monkeypatch: pytest.MonkeyPatch, capsys):
    document_path = tmp_path / "doc.txt"
    document_path.write_text(TEXT, encoding="utf-8")
    writable = annotation_home.writable_beside(document_path)
    assert writable and annotation_target(load_document(document_path)) \
        == tmp_path / "doc.toml"
    # (the tests run as root, which every folder lets write: the check is what is faked)
    monkeypatch.setattr(os, "access", lambda *_args, **_kwargs: False)
    session = AnnotationSession(load_document(document_path), None)
    assert session.path.parent == state / "annotations"
    claim = _claim(session, "أسرع سيارة")
    assert not (tmp_path / "doc.toml").exists()
    _document, _pending, found = open_for_reading(document_path)
    annotations, problems = found.annotations, found.problems
    assert not problems and set(annotations.claims) == {claim}
    assert main(["check", str(session.path)]) == 0
    assert main(["render", str(document_path), "--width", "60", "--entries",
                 "--format", "json"]) == 0
    assert claim in capsys.readouterr().out


def test_defaults_on_the_article():
    document = load_document()
    annotations = open_for_reading(None)[2].annotations
    session = AnnotationSession(document, annotations)
    draft = session.defaults("rebuttal", _span(document, "لقد نسيت أن تذكر الفصل الرابع"))
    assert draft.fields["speaker"] == "musk"  # وكتب ” ماسك “: “لقد نسيت...
    # the nearest claim before, unless a claim is focused
    assert draft.fields["answers"] == ["altman-three-chapters"]
    assert session.defaults("rebuttal", draft.span, "musk-lawsuit").fields[
        "answers"] == ["musk-lawsuit"]
    later = session.defaults("rebuttal", _span(document, "ونشرت OpenAI أيضًا"))
    assert later.fields["answers"] == ["musk-injunction"]
    chapter = session.defaults("chapter", _span(document, "لقطة شاشة لرسالة بريد"))
    assert chapter.fields["teller"] == "altman" and chapter.fields["date"] == "2018-07"
    assert shorten("واحد اثنان ثلاثة", 2) == "واحد اثنان…"
    assert date_near("في عام ٢٠١٧ قال") == "2017" and date_near("لا تاريخ") == ""


def test_read_only_folder_with_annotations_beside(tmp_path: Path, state: Path,
                                                   monkeypatch: pytest.MonkeyPatch):
    document_path = tmp_path / "doc.txt"
    document_path.write_text(TEXT, encoding="utf-8")
    beside = tmp_path / "doc.toml"
    beside.write_text('# mine\n[[entity]]\nid = "musk"\nname = "ماسك"\nkind = "person"\n',
                      encoding="utf-8")
    monkeypatch.setattr(os, "access", lambda *_args, **_kwargs: False)
    _document, _pending, found = open_for_reading(document_path)
    annotations = found.annotations
    session = AnnotationSession(load_document(document_path), annotations)
    draft = session.defaults("claim", _span(session.document, "أسرع سيارة"))
    assert draft.fields["speaker"] == "musk"
    claim = session.create(draft)
    assert "claim" not in beside.read_text(encoding="utf-8")  # left as it was
    _document, _pending, found = open_for_reading(document_path)
    annotations, problems = found.annotations, found.problems
    assert not problems and set(annotations.claims) == {claim}
    assert set(annotations.entities) == {"musk"}  # the copy has what the file beside had


def test_a_file_with_problems_still_takes_new_entries(tmp_path: Path, state: Path):
    document_path = tmp_path / "doc.txt"
    document_path.write_text(TEXT, encoding="utf-8")
    (tmp_path / "doc.toml").write_text(
        '[[entity]]\nid = "musk"\nname = "ماسك"\nkind = "person"\n\n'
        '[[claim]]\nid = "old"\nspeaker = "nobody"\nlabel = "x"\nanchor = "لا يوجد"\n',
        encoding="utf-8")
    _document, _pending, found = open_for_reading(document_path)
    annotations, problems = found.annotations, found.problems
    assert len(problems) == 2  # an unknown speaker, a quote not found
    session = AnnotationSession(load_document(document_path), annotations)
    claim = session.create(session.defaults("claim", _span(session.document, "أسرع سيارة")))
    found = session.reload()
    annotations, after = found.annotations, found.problems
    assert set(annotations.claims) == {claim}
    assert [p.message for p in after] == [p.message for p in problems]  # shown as before


def test_a_claim_and_a_rebuttal_need_no_speaker(tmp_path: Path, capsys):
    """Issue 25, point 13: the defaults of a document with nobody named yet are saved as
    they are, the speaker left out of the file; ``reader check`` takes them; a speaker
    given but empty is still a problem, and a chapter still has a teller to name."""
    document_path = tmp_path / "doc.txt"
    document_path.write_text(TEXT, encoding="utf-8")
    session = AnnotationSession(load_document(document_path), None)
    draft = session.defaults("claim", _span(session.document, "أسرع سيارة"))
    assert draft.fields["speaker"] == UNSAID
    claim = session.create(draft)
    session.reload()
    draft = session.defaults("rebuttal", _span(session.document, "انتظرت طويلا"))
    assert draft.fields["speaker"] == UNSAID and draft.fields["answers"] == [claim]
    rebuttal = session.create(draft)
    found = session.reload()
    assert not found.problems and found.annotations is not None
    assert found.annotations.claims[claim].speaker is None
    assert found.annotations.rebuttals[rebuttal].speaker is None
    assert "speaker" not in session.path.read_text(encoding="utf-8")
    assert main(["check", str(session.path)]) == 0
    assert session.defaults("chapter", _span(session.document, "انتظرت"))\
        .fields["teller"] == NEW_ENTITY
    with session.path.open("a", encoding="utf-8") as file:
        file.write('\n[[claim]]\nid = "empty"\nspeaker = ""\nlabel = "x"\nanchor = "ماسك"\n')
    capsys.readouterr()
    assert main(["check", str(session.path)]) != 0
    assert "[claim empty] speaker (line 20): is empty" in capsys.readouterr().out


def test_a_rebuttal_may_answer_a_rebuttal(state: Path):
    session = AnnotationSession(Document.from_text(TEXT), None)
    claim = _claim(session, "أسرع سيارة")
    session.reload()  # as the app does after each change
    first = session.defaults("rebuttal", _span(session.document, "لقد انتظرت"))
    assert first.fields["answers"] == [claim]
    rebuttal = session.create(first)
    session.reload()
    # the rebuttal is offered among what a rebuttal may answer, and taken when focused
    assert [value for value, _label in session.answer_choices()] == [claim, rebuttal]
    second = session.defaults("rebuttal", _span(session.document, "طويلا"), rebuttal)
    assert second.fields["answers"] == [rebuttal]
    again = session.create(second)
    session.reload()
    assert session.annotations is not None
    assert [r.id for r in session.annotations.rebuttals_of(rebuttal)] == [again]
