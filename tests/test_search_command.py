"""``reader search``: one line per hit, the count last, exit 0/1/2."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.cli import main
from reader.content.formats import load_document
from reader.text import search

LINE = re.compile(r"^(\d+):(\d+)-(\d+)\t(.*)$")


def _search(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    code = main(["search", *args])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def _hits(lines: list[str]) -> list[tuple[int, int, int, str]]:
    out = []
    for line in lines[:-1]:
        match = LINE.match(line)
        assert match, line
        out.append((int(match[1]), int(match[2]), int(match[3]), match[4]))
    return out


def test_a_latin_name_finds_every_spelling(capsys) -> None:
    code, lines, err = _search(capsys, "Musk")
    assert code == 0 and err == ""
    hits = _hits(lines)
    texts = {text for *_, text in hits}
    assert {"إيلون ماسك", "ماسك", "Musk"} <= texts
    assert lines[-1] == f"{len(hits)} matches"
    # offsets are within the paragraph (numbered from 1: line numbers of the .txt file)
    paragraphs = load_document().paragraphs
    for paragraph, start, end, text in hits:
        assert paragraphs[paragraph - 1][start:end] == text
    assert hits[0][:3] == (1, 0, 10)


def test_an_arabic_name_finds_the_latin_one(capsys) -> None:
    code, lines, _ = _search(capsys, "تسلا")
    texts = {text for *_, text in _hits(lines)}
    assert code == 0 and {"تسلا", "تيسلا", "Tesla"} <= texts


def test_folding_finds_the_year_in_any_digits(tmp_path: Path, capsys) -> None:
    document = tmp_path / "years.txt"
    document.write_text("في يوليو ٢٠١٨ ثم\nin 2018\n", encoding="utf-8")
    code, lines, _ = _search(capsys, "2018", str(document))
    assert code == 0
    assert lines == ["1:9-13\t٢٠١٨", "2:3-7\t2018", "2 matches"]
    code, lines, _ = _search(capsys, "٢٠١٨", str(document), "--exact")
    assert lines == ["1:9-13\t٢٠١٨", "1 match"]


def test_hits_keep_their_harakat(tmp_path: Path, capsys) -> None:
    document = tmp_path / "marks.txt"
    document.write_text("قال مُدَرِّسٌ\n", encoding="utf-8")
    code, lines, _ = _search(capsys, "مدرس", str(document))
    assert code == 0 and lines == ["1:4-13\tمُدَرِّسٌ", "1 match"]


def test_no_hit_exits_1_with_a_zero_count(capsys) -> None:
    code, lines, err = _search(capsys, "لا يوجد هذا النص")
    assert code == 1 and lines == ["0 matches"] and err == ""


def test_exact_mode_does_not_fold_or_expand(capsys) -> None:
    code, lines, _ = _search(capsys, "Musk", "--exact")
    assert code == 0 and {text for *_, text in _hits(lines)} == {"Musk"}
    code, lines, _ = _search(capsys, "التمان", "--exact")
    assert code == 1 and lines == ["0 matches"]


def test_regex_mode(capsys) -> None:
    code, lines, _ = _search(capsys, r"\d{4}", "--regex")
    years = [text for *_, text in _hits(lines)]
    assert code == 0 and "2018" in years


def test_an_invalid_regex_is_one_line_and_exit_2(capsys) -> None:
    code, lines, err = _search(capsys, "(ماسك", "--regex")
    assert code == 2 and lines == []
    assert err.startswith("reader: invalid regular expression") and err.count("\n") == 1


@pytest.mark.parametrize("exact", [[], ["--exact"]])
def test_a_catastrophic_regex_stops_with_one_line_and_exit_2(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch, exact: list[str],
) -> None:
    """(a+)+$ on a long run of a (and then not the end) would take for ever: it is stopped
    after the time limit, with a message, instead of freezing."""
    monkeypatch.setattr(search, "REGEX_TIMEOUT", 0.2)
    document = tmp_path / "aaa.txt"
    document.write_text("a" * 5000 + "!\n", encoding="utf-8")
    began = time.monotonic()
    code, lines, err = _search(capsys, "(a+)+$", str(document), "--regex", *exact)
    assert time.monotonic() - began < 10
    assert code == 2 and lines == []
    assert err.startswith("reader: regular expression stopped after 0.2 s")
    assert err.count("\n") == 1


def test_control_characters_are_shown_not_sent(tmp_path: Path, capsys) -> None:
    document = tmp_path / "controls.txt"
    document.write_text("a\x1b[31mred\x07 b\x85c\n", encoding="utf-8")
    code, lines, _ = _search(capsys, r"a.*c", str(document), "--regex")
    assert code == 0
    assert lines[0] == "1:0-14\ta\u241b[31mred\u2407 b<85>c"
    assert not any(ord(ch) < 0x20 and ch != "\t" for line in lines for ch in line)


def test_explicit_annotations_and_a_markdown_file(tmp_path: Path, capsys) -> None:
    document = tmp_path / "note.md"
    document.write_text("# عن **تيسلا**\n\nكتب Tesla عن تسلا.\n", encoding="utf-8")
    names = tmp_path / "names.toml"
    names.write_text('[[entity]]\nid = "t"\nname = "تسلا"\nkind = "organisation"\n'
                     'aliases = ["تيسلا", "Tesla"]\n', encoding="utf-8")
    code, lines, err = _search(capsys, "tesla", str(document), "--annotations", str(names))
    assert code == 0 and err == ""
    assert lines == ["1:3-8\tتيسلا", "2:4-9\tTesla", "2:13-17\tتسلا", "3 matches"]
    # without the annotations, only the Latin spelling
    code, lines, _ = _search(capsys, "tesla", str(document))
    assert lines == ["2:4-9\tTesla", "1 match"]


def test_a_missing_file_is_one_line(capsys, tmp_path: Path) -> None:
    code, lines, err = _search(capsys, "x", str(tmp_path / "nope.txt"))
    assert code == 2 and lines == [] and err.startswith("reader: ") and err.count("\n") == 1
    code, lines, err = _search(capsys, "x", "--annotations", str(tmp_path / "nope.toml"))
    assert code == 2 and lines == [] and err.count("\n") == 1


def test_the_installed_command(tmp_path: Path) -> None:
    """Through a pipe, as a script would use it: UTF-8 out whatever the locale."""
    document = tmp_path / "a.txt"
    document.write_text("ألتمان\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "reader", "search", "التمان", str(document)],
        capture_output=True, env={"PYTHONIOENCODING": "ascii", "LANG": "C"}, timeout=60,
    )
    assert result.returncode == 0
    assert result.stdout.decode("utf-8").splitlines() == ["1:0-6\tألتمان", "1 match"]
