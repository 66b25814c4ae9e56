"""Editing annotation files in place: comments kept, links removed, undo, atomic writes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from reader.cli import main
from reader.content.annotations.editor import AnnotationEditor, EditError, Link
from reader.content.annotations.file import load_annotations
from reader.content.annotations.ids import new_id, slug
from reader.content.annotations.model import QuoteSelector
from reader.content.annotations.session import check_fields
from reader.content.formats import load_document

DOC = ("قال ماسك إن السيارة ستكون أسرع سيارة.\n"
       "رد ألتمان: لقد انتظرتُ طويلًا.\n")

COMMENTED = """\
# My notes on the quarrel.
document = "doc.txt"   # the text

# The people
[[entity]]
id = "musk"   # the one with the car company
name = "إيلون ماسك"
kind = "person"

[[entity]]
id = "altman"
name = "سام ألتمان"
kind = "person"
# end of file
"""


@pytest.fixture()
def doc(tmp_path: Path) -> Path:
    path = tmp_path / "doc.txt"
    path.write_text(DOC, encoding="utf-8")
    return path


def _check(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["check", str(path)])
    return code, capsys.readouterr().out


def test_ids_from_labels():
    assert slug("حكاية في ثلاثة فصول") == "hkyh-fy-thlthh-fswl"
    assert slug("Sam Altman's car!") == "sam-altman-s-car"
    assert new_id("ماسك", {"msk"}) == "msk-2"
    assert new_id("...", set(), "claim") == "claim"


def test_new_file_claim_rebuttal_edit_remove_undo(doc: Path, capsys):
    path = doc.with_suffix(".toml")
    editor = AnnotationEditor(path, doc)
    assert editor.add("entity", {"name": "إيلون ماسك", "kind": "person",
                                 "aliases": ["ماسك"]}) == "ylwn-msk"
    altman = editor.add("entity", {"name": "سام ألتمان", "kind": "person"})
    claim = editor.add("claim", {"speaker": "ylwn-msk", "label": "أسرع سيارة",
                                 "anchor": QuoteSelector("أسرع سيارة")})
    rebuttal = editor.add("rebuttal", {"speaker": altman, "label": "انتظرت",
                                       "answers": [claim],
                                       "anchor": QuoteSelector("انتظرت", suffix=" طويلا")})
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Annotations of doc.txt")
    assert "#   reader check doc.toml" in text  # run beside it
    assert 'document = "doc.txt"' in text
    assert 'anchor = {exact = "انتظرت", suffix = " طويلا"}' in text
    assert _check(path, capsys)[0] == 0
    annotations = load_annotations(path, load_document(doc))
    problems = annotations.problems
    assert not problems
    assert [r.id for r in annotations.rebuttals_of(claim)] == [rebuttal]

    editor.edit(claim, {"label": "الأسرع"})
    with pytest.raises(EditError, match="label is empty"):
        check_fields("claim", {"label": " "})
    with pytest.raises(EditError, match="YYYY"):
        check_fields("chapter", {"date": "July 2018"})
    assert load_annotations(path, load_document(doc)).claims[claim].label == "الأسرع"
    # an entity that still speaks is kept
    with pytest.raises(EditError, match="speaker"):
        editor.remove("ylwn-msk")
    assert editor.links_to(claim) == [Link("rebuttal", rebuttal, "انتظرت", removed=True)]
    assert editor.remove(claim) == [Link("rebuttal", rebuttal, "انتظرت", removed=True)]
    annotations = load_annotations(path, load_document(doc))
    problems = annotations.problems
    assert not problems and not annotations.claims and not annotations.rebuttals
    assert editor.undo() == f"remove claim {claim}"
    annotations = load_annotations(path, load_document(doc))
    assert set(annotations.claims) == {claim} and set(annotations.rebuttals) == {rebuttal}
    for _ in range(5):
        editor.undo()
    assert not path.exists()  # the first change made the file: undoing it removes it
    assert editor.undo() is None


def test_comments_kept_and_links_trimmed(doc: Path, capsys):
    path = doc.with_suffix(".toml")
    path.write_text(COMMENTED, encoding="utf-8")
    editor = AnnotationEditor(path, doc)
    one = editor.add("claim", {"speaker": "musk", "label": "سيارة", "anchor":
                               QuoteSelector("أسرع سيارة")})
    two = editor.add("claim", {"speaker": "musk", "label": "السيارة", "anchor":
                               QuoteSelector("ستكون")})
    rebuttal = editor.add("rebuttal", {"speaker": "altman", "label": "رد",
                                       "answers": [one, two], "anchor": QuoteSelector("لقد")})
    text = path.read_text(encoding="utf-8")
    comments = [line for line in COMMENTED.splitlines() if "#" in line]
    assert all(line in text.splitlines() for line in comments)
    assert text.startswith(COMMENTED.rsplit("# end of file", 1)[0])
    assert editor.remove(one) == [Link("rebuttal", rebuttal, "رد", removed=False)]
    text = path.read_text(encoding="utf-8")
    assert all(line in text.splitlines() for line in comments)
    assert f'answers = ["{two}"]' in text
    assert _check(path, capsys)[0] == 0
    assert not list(path.parent.glob(".doc.toml-*"))  # no temporary file left


def test_broken_file_still_takes_new_entries(doc: Path, capsys):
    path = doc.with_suffix(".toml")
    broken = COMMENTED + '\n[[claim]]\nid = "bad\nlabel = 3\n'
    path.write_text(broken, encoding="utf-8")
    editor = AnnotationEditor(path, doc)
    claim = editor.add("claim", {"speaker": "musk", "label": "سيارة",
                                 "anchor": QuoteSelector("أسرع سيارة")})
    text = path.read_text(encoding="utf-8")
    assert text.startswith(broken)
    with pytest.raises(EditError, match="not valid TOML"):
        editor.remove("musk")
    code, out = _check(path, capsys)
    assert code == 1 and "invalid" in out.lower()
    annotations = load_annotations(path, load_document(doc))
    assert claim in annotations.claims


def test_a_seeded_file_is_edited_before_it_exists(doc: Path):
    path = doc.parent / "state" / "copy.toml"
    editor = AnnotationEditor(path, doc, seed=COMMENTED)
    assert editor.links_to("musk") == [] and editor.ids() == {"musk", "altman"}
    editor.edit("altman", {"name": "Sam Altman"})
    assert path.read_text(encoding="utf-8").startswith("# My notes on the quarrel.")
    assert 'name = "Sam Altman"' in path.read_text(encoding="utf-8")
    editor.undo()
    assert not path.exists()
    editor.remove("altman")
    assert editor.ids() == {"musk"}


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_a_new_annotation_file_follows_the_umask(doc: Path, umask: int):
    """Its header invites hand edits (and sharing it beside the document): it is made like
    any file the user makes, not private (issue 25, point 14); a file already there keeps
    its mode."""
    path = doc.with_suffix(".toml")
    old = os.umask(umask)
    try:
        editor = AnnotationEditor(path, doc)
        editor.add("entity", {"name": "إيلون ماسك", "kind": "person"})
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
    os.chmod(path, 0o640)
    editor.add("entity", {"name": "سام ألتمان", "kind": "person"})
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert not [p.name for p in path.parent.iterdir() if p.name.startswith(".")]
