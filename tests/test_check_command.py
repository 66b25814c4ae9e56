"""``reader check``: every problem of an annotation file on its own line, with entry and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.cli import main

DOC = ("قال ماسك إن السيارة ستكون أسرع سيارة.\n"
       "رد ألتمان: لقد انتظرتُ طويلًا.\n"
       "وقال ماسك مرة أخرى إن السيارة قادمة.\n")

ENTITIES = """\
document = "doc.txt"

[[entity]]
id = "musk"
name = "إيلون ماسك"
kind = "person"
aliases = ["ماسك", "Musk"]

[[entity]]
id = "altman"
name = "سام ألتمان"
kind = "person"
aliases = ["ألتمان", "Altman"]
"""

CLAIM = """
[[claim]]
id = "fast"
speaker = "musk"
label = "fastest car"
anchor = "ستكون أسرع سيارة"
"""


@pytest.fixture()
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "doc.txt").write_text(DOC, encoding="utf-8")
    return tmp_path


def _check(workdir: Path, text: str, capsys: pytest.CaptureFixture[str],
           *extra: str) -> tuple[int, list[str], str]:
    (workdir / "doc.toml").write_text(text, encoding="utf-8")
    code = main(["check", "doc.toml", *extra])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def _line(text: str, needle: str, after: str | None = None) -> int:
    lines = text.split("\n")
    start = 0 if after is None else next(i for i, line in enumerate(lines) if after in line)
    return next(i for i, line in enumerate(lines) if i >= start and needle in line) + 1


def test_bundled_annotations_check_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "OK" in out and "4 chapters" in out
    assert out.count("\n") == 1


def test_a_clean_file(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _check(workdir, ENTITIES + CLAIM, capsys)
    assert code == 0, out
    assert out == ["doc.toml: OK: 2 entities, 0 chapters, 1 claim, 0 rebuttals, "
                   "all resolved in doc.txt"]
    assert err == ""


def _assert_reported(out: list[str], line: int, entry: str, *words: str) -> str:
    pattern = re.compile(rf"^doc\.toml:{line}: \[{re.escape(entry)}\] ")
    found = [o for o in out if pattern.match(o)]
    assert found, f"no line for [{entry}] at {line} in:\n" + "\n".join(out)
    assert any(all(w in o for w in words) for o in found), "\n".join(found)
    return found[0]


def test_quote_not_found_names_the_closest_candidate(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = ENTITIES + CLAIM.replace("ستكون أسرع سيارة", "ستكون أسرع سياره في العالم")
    code, out, _ = _check(workdir, text, capsys)
    assert code == 1
    _assert_reported(out, _line(text, "[[claim]]"), "claim fast", "not found",
                     "closest: «ستكون أسرع سيارة.»", "paragraph 1")


def test_ambiguous_quote_says_how_many_and_where(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = ENTITIES + CLAIM.replace("ستكون أسرع سيارة", "السيارة")
    code, out, _ = _check(workdir, text, capsys)
    assert code == 1
    _assert_reported(out, _line(text, "[[claim]]"), "claim fast", "ambiguous",
                     "2 times", "paragraphs 1, 3")


def test_unknown_id(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = ENTITIES + CLAIM.replace('speaker = "musk"', 'speaker = "mask"')
    code, out, _ = _check(workdir, text, capsys)
    assert code == 1
    _assert_reported(out, _line(text, "[[claim]]"), "claim fast", 'unknown entity id "mask"',
                     'did you mean "musk"?', f"line {_line(text, 'mask')}")


def test_duplicate_id(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = ENTITIES + CLAIM + CLAIM.replace("ستكون أسرع سيارة", "قادمة")
    code, out, _ = _check(workdir, text, capsys)
    assert code == 1
    second = _line(text, "[[claim]]", after="أسرع")
    _assert_reported(out, second, "claim fast", 'duplicate id "fast"',
                     f"already used by the claim at line {_line(text, '[[claim]]')}")


def test_target_of_the_wrong_kind(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = ENTITIES + CLAIM + """
[[rebuttal]]
id = "waited"
speaker = "fast"
label = "waited long"
answers = ["musk", "fast"]
anchor = "انتظرت طويلا"
"""
    code, out, _ = _check(workdir, text, capsys)
    assert code == 1
    line = _line(text, "[[rebuttal]]")
    _assert_reported(out, line, "rebuttal waited", '"fast" is a claim', "not an entity")
    _assert_reported(out, line, "rebuttal waited", '"musk" is an entity', "not a claim")


def test_invalid_toml_with_its_line(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = ENTITIES + CLAIM.replace('label = "fastest car"', 'label = "fastest car')
    code, out, err = _check(workdir, text, capsys)
    assert code == 1
    _assert_reported(out, _line(text, 'label = "fastest car'), "claim fast", "invalid TOML")
    assert "Traceback" not in err


def test_invalid_toml_outside_entries(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "document = = 1\n" + ENTITIES.replace('document = "doc.txt"\n', "") + CLAIM
    code, out, _ = _check(workdir, text, capsys)
    assert code == 1
    _assert_reported(out, 1, "file", "invalid TOML")
    # The entries still load: the document is found beside the file, the claim resolves.
    assert out[-1].endswith("loaded 2 entities, 0 chapters, 1 claim, 0 rebuttals from doc.txt")


def test_every_problem_at_once(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = ENTITIES + """
[[claim]]
id = "a"
speaker = "nobody"
label = "l"
anchor = "ماسك"

[[claim]]
id = "b"
speaker = "musk"
label = "l"
anchor = { exact = "السيارة", occurrence = 2 }
colour = "red"

[[rebuttal]]
id = "r"
speaker = "altman"
label = "l"
answers = "b"
anchor = "غير موجود في النص"

[[claims]]
id = "typo"
"""
    code, out, _ = _check(workdir, text, capsys)
    assert code == 1
    problems, summary = out[:-1], out[-1]
    assert len(problems) == 5, out
    _assert_reported(out, _line(text, 'id = "a"') - 1, "claim a", "unknown entity id")
    _assert_reported(out, _line(text, 'id = "a"') - 1, "claim a", "ambiguous")
    _assert_reported(out, _line(text, 'id = "b"') - 1, "claim b", 'unknown key "colour"')
    _assert_reported(out, _line(text, 'id = "r"') - 1, "rebuttal r", "not found")
    _assert_reported(out, _line(text, "[[claims]]"), "file", 'unknown key "claims"',
                     'did you mean "claim"?')
    assert summary == ("doc.toml: 5 problems, 2 entries skipped; loaded 2 entities, "
                       "0 chapters, 1 claim, 0 rebuttals from doc.txt")


def test_document_option(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workdir / "other.txt").write_text("كلام آخر: ستكون أسرع سيارة\n", encoding="utf-8")
    text = ENTITIES.replace('document = "doc.txt"\n', "") + CLAIM
    code, out, _ = _check(workdir, text, capsys, "--document", "other.txt")
    assert code == 0 and out[-1].endswith("all resolved in other.txt")


def test_document_named_but_missing(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = ENTITIES.replace("doc.txt", "gone.txt") + CLAIM
    code, out, _ = _check(workdir, text, capsys)
    assert code == 1
    _assert_reported(out, 1, "file", "gone.txt", "no such file")


def test_no_document_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lonely.toml").write_text('[[claim]]\nid = 3\n', encoding="utf-8")
    assert main(["check", "lonely.toml"]) == 1
    out = capsys.readouterr().out
    assert "lonely.toml:1: [claim #1] id (line 2): must be a string" in out
    assert "no document to check against" in out


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: None, "no such file"),
        (lambda p: p.mkdir(), "is a directory"),
        (lambda p: p.write_bytes(b"id = \"\xff\"\n"), "not valid UTF-8"),
        (lambda p: p.write_bytes(b"\x00\x01binary"), "binary"),
    ],
)
def test_unreadable_files_are_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             make, message: str) -> None:
    path = tmp_path / "a.toml"
    make(path)
    assert main(["check", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("reader: ") and message in captured.err
    assert captured.err.count("\n") == 1 and "--errors" not in captured.err


def test_bad_document_option(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _check(workdir, ENTITIES + CLAIM, capsys, "--document", "nope.txt")
    assert code == 2 and "nope.txt: no such file" in err
