"""Debates across documents: the debate file, ``name#id`` links resolved lazily, and
``reader check`` on a file with links and on a whole debate (tests/data/debate)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.cli import main
from reader.content.annotations.debate import (
    LinkError,
    debate_of,
    is_debate_file,
    load_debate,
    resolve_link,
)
from reader.content.annotations.file import load_annotations
from reader.content.annotations.model import Claim
from reader.content.formats import load_document

DATA = Path(__file__).resolve().parent / "data" / "debate"


@pytest.fixture()
def debate_dir(tmp_path: Path) -> Path:
    target = tmp_path / "debate"
    shutil.copytree(DATA, target)
    return target


def _check(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, list[str]]:
    code = main(["check", str(path)])
    return code, capsys.readouterr().out.splitlines()


def _reply(folder: Path):
    path = folder / "musk-reply.toml"
    return load_annotations(path, load_document(folder / "musk-reply.txt"))


def test_a_link_reads_the_other_document_only_when_followed(debate_dir: Path) -> None:
    # A third document that does not exist: never read, since no link points into it.
    with (debate_dir / "quarrel.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[[document]]\nname = "filing"\nsource = "court-filing.txt"\n')
    reply = _reply(debate_dir)
    assert [link for _rebuttal, link in reply.cross_links()] == ["altman#three-chapters"]
    debate = debate_of(reply)
    assert debate is not None and debate.read == []
    name, entry = resolve_link(reply, "altman#three-chapters")
    assert name == "altman" and isinstance(entry, Claim) and entry.speaker == "altman"
    assert entry.span.text(load_document(debate_dir / "altman-post.txt").paragraphs) == \
        "حكاية في ثلاثة فصول"
    resolve_link(reply, "altman#long-wait")
    assert debate.read == ["altman"]  # read once, the filing never
    # Local links still resolve without the debate.
    assert resolve_link(reply, "part-of-story")[1].id == "part-of-story"
    # Only the local claim counts as answered here; the other is a link.
    assert [c.id for c in reply.claims_answered_by("fourth-chapter")] == ["part-of-story"]


def test_check_follows_links_and_names_the_document_a_broken_one_points_into(
        debate_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = _check(capsys, debate_dir / "musk-reply.toml")
    assert code == 0 and len(lines) == 1 and ": OK: " in lines[0]
    reply = debate_dir / "musk-reply.toml"
    good = reply.read_text("utf-8")
    reply.write_text(good.replace('"altman#three-chapters"',
                                  '"altman#three-chapterz", "nobody#x", "altman#altman"'),
                     "utf-8")
    code, lines = _check(capsys, reply)
    assert code == 1
    line = 17  # the rebuttal's line
    assert f"musk-reply.toml:{line}: [rebuttal fourth-chapter] answers: " \
           f'"altman#three-chapterz": document altman' in lines[0]
    assert 'has no entry "three-chapterz"' in lines[0]
    assert '"nobody#x" points into document nobody, which the debate does not name ' \
           "(its documents: altman, musk, answer)" in lines[1]
    assert '"altman#altman" is an entity of document altman' in lines[2]
    assert len(lines) == 4 and "0 entries skipped" in lines[3]
    # A link that is not NAME#ID is a broken field: the rebuttal is skipped, as for a bad id.
    reply.write_text(good.replace('"altman#three-chapters"', '"altman#"'), "utf-8")
    code, lines = _check(capsys, reply)
    assert code == 1 and '"altman#" is not a link' in lines[0] and "1 entry skipped" in lines[1]


def test_a_link_without_a_debate_is_reported(debate_dir: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    reply = debate_dir / "musk-reply.toml"
    reply.write_text(reply.read_text("utf-8").replace('debate = "quarrel.toml"\n', ""),
                     "utf-8")
    code, lines = _check(capsys, reply)
    assert code == 1
    assert "names another document, but this file names no debate" in lines[0]
    assert "0 entries skipped" in lines[-1]  # the rebuttal still loads


def test_check_a_whole_debate(debate_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    quarrel = debate_dir / "quarrel.toml"
    assert is_debate_file(quarrel) and not is_debate_file(debate_dir / "musk-reply.toml")
    code, lines = _check(capsys, quarrel)
    assert code == 0
    assert lines == [f"{quarrel}: OK: 3 documents, 2 cross-document links, all resolved"]
    with quarrel.open("a", encoding="utf-8") as handle:
        handle.write('\n[[document]]\nname = "filing"\nsource = "court-filing.txt"\n'
                     '\n[[document]]\nname = "musk"\nsource = "x.txt"\nextra = 1\n')
    (debate_dir / "altman-post.toml").write_text(
        (debate_dir / "altman-post.toml").read_text("utf-8").replace(
            'anchor = "سبع سنوات', 'anchor = "ثماني سنوات'), "utf-8")
    code, lines = _check(capsys, quarrel)
    assert code == 1
    text = "\n".join(lines)
    assert 'unknown key "extra"' in text and 'duplicate name "musk"' in text
    assert "[document filing] document filing" in text and "cannot be read" in text
    assert "altman-post.toml" in text and "[claim long-wait]" in text
    assert lines[-1] == f"{quarrel}: 4 problems in 4 documents"  # filing counted


def test_check_a_whole_debate_reports_a_circle_across_documents(
        debate_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Each file refuses its own circles; only the debate sees one closed across two
    documents: Musk's fourth chapter answering Altman's answer to it."""
    reply = debate_dir / "musk-reply.toml"
    reply.write_text(reply.read_text("utf-8").replace(
        '"part-of-story"]', '"part-of-story", "answer#no-fourth-chapter"]'), "utf-8")
    code, lines = _check(capsys, debate_dir / "musk-reply.toml")
    assert code == 0  # one file alone sees no circle
    quarrel = debate_dir / "quarrel.toml"
    code, lines = _check(capsys, quarrel)
    assert code == 1
    assert lines[0] == (
        f"{reply}:17: [rebuttal fourth-chapter] answers: go round in a circle: "
        "musk#fourth-chapter → answer#no-fourth-chapter → musk#fourth-chapter (a reply "
        "answers what was said before it)")
    assert lines[-1] == f"{quarrel}: 1 problem in 3 documents"


def test_debate_file_problems(tmp_path: Path) -> None:
    path = tmp_path / "d.toml"
    path.write_text('[[document]]\nname = "a b"\nsource = "x.txt"\n'
                    '[[document]]\nname = "c"\n', "utf-8")
    debate = load_debate(path)
    assert debate.members == {}
    assert [p.line for p in debate.problems] == [1, 4]
    with pytest.raises(LinkError) as error:
        debate.resolve("zz#y")
    assert error.value.code == "unknown-document"
