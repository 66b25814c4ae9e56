"""Every kind of file a user may hand the reader: it opens, or says why in one line."""

from __future__ import annotations

import errno
import itertools
import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.state.positions import PositionStore
from reader.text.chunks import piece_starts
from reader.ui.app import create_app


def _render(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["render", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert lines[0].startswith("reader: ")
    return lines[0]


def test_missing_file(capsys, tmp_path: Path) -> None:
    code, out, err = _render(capsys, str(tmp_path / "nope.txt"))
    assert code != 0 and not out
    assert "no such file" in _one_line_error(err)


def test_directory(capsys, tmp_path: Path) -> None:
    code, _out, err = _render(capsys, str(tmp_path))
    assert code != 0
    assert "is a directory" in _one_line_error(err)


def test_permission_denied(capsys, tmp_path: Path, monkeypatch) -> None:
    # We run as root in CI, where chmod does not stop reads: make the read itself fail.
    target = tmp_path / "secret.txt"
    target.write_text("x")

    def refuse(self: Path) -> bytes:
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    code, _out, err = _render(capsys, str(target))
    assert code != 0
    assert "permission denied" in _one_line_error(err)


def test_binary_file(capsys, tmp_path: Path) -> None:
    target = tmp_path / "image.png"
    target.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    code, out, err = _render(capsys, str(target))
    assert code != 0 and not out
    assert "binary" in _one_line_error(err)


def test_invalid_utf8_names_the_byte_and_replace_opens_it(capsys, tmp_path: Path) -> None:
    """UTF-8 with a bad byte in it (not a legacy encoding: tests/test_encodings.py)."""
    target = tmp_path / "cut.txt"
    target.write_bytes("قهوة café".encode() + b" \xff au lait")
    code, _out, err = _render(capsys, str(target))
    assert code != 0
    line = _one_line_error(err)
    assert "byte offset 15" in line and "--errors replace" in line
    code, out, err = _render(capsys, str(target), "--errors", "replace", "--width", "40")
    assert code == 0 and not err
    assert "café \ufffd au lait" in out


def test_empty_file(capsys, tmp_path: Path) -> None:
    target = tmp_path / "empty.txt"
    target.write_bytes(b"")
    code, out, err = _render(capsys, str(target), "--width", "20")
    assert code == 0 and out == "" and err == ""


def test_bom_and_crlf(capsys, tmp_path: Path) -> None:
    target = tmp_path / "windows.txt"
    target.write_bytes("\ufeffسطر أول\r\nsecond line\r\n".encode())
    code, out, _err = _render(capsys, str(target), "--width", "20", "--format", "json")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["paragraph"] for r in records] == [1, 2]  # numbered from 1, as in search
    assert records[0]["rtl"] and not records[1]["rtl"]
    assert records[1]["text"] == "second line"
    assert all("\r" not in r["text"] and "\ufeff" not in r["text"] for r in records)


def test_a_single_giant_paragraph(capsys, tmp_path: Path) -> None:
    """A paragraph cut into pieces (a 5 MB one is cut the same way, only into more)."""
    target = tmp_path / "one-line.txt"
    words = ["كلمة", "word", "١٢٣", "(نص)"]
    text = " ".join(words[i % 4] for i in range(60_000))
    assert len(piece_starts(text)) > 15 and "\n" not in text
    target.write_text(text, encoding="utf-8")
    code, out, err = _render(capsys, str(target), "--width", "80", "--format", "json")
    assert code == 0 and not err
    records = [json.loads(line) for line in out.splitlines()]
    assert records[0]["start"] == 0 and records[-1]["end"] == len(text)
    for before, after in itertools.pairwise(records):
        assert before["end"] == after["start"]
        assert before["rtl"] == after["rtl"]  # one base direction across the pieces
    assert max(r["cells"] for r in records) <= 80


async def test_the_app_opens_a_single_giant_paragraph(tmp_path: Path) -> None:
    """Half a megabyte on one line: dozens of pieces, of which the screen lays out one or
    two (a 5 MB line is cut the same way, into more)."""
    target = tmp_path / "one-line.txt"
    target.write_text(" ".join(["كلمة", "word"] * 60_000), encoding="utf-8")
    app = create_app(target, positions=PositionStore(tmp_path / "state"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        flow = app.article.flow
        assert flow.layouts_made <= 4  # a piece or two, not the whole paragraph
        await pilot.press("G")
        await pilot.pause()
        paragraph, line = flow.line_at(app.article.top +
                                       app.article.scrollable_content_region.height - 1)
        assert paragraph == 0 and line is not None
        assert line.end == len(app.document.paragraphs[0])
        assert flow.layouts_made <= 12


def test_many_tiny_paragraphs(capsys, tmp_path: Path) -> None:
    """One output line per one-letter paragraph, blank ones included (the app opens 100,000
    of them below; the command's speed is benchmarks/bench_layout.py's business)."""
    target = tmp_path / "tiny.txt"
    target.write_text("\n".join(("أ", "b", "", "٣")[i % 4] for i in range(20_000)) + "\n")
    code, out, err = _render(capsys, str(target), "--width", "10")
    assert code == 0 and not err
    lines = out.splitlines()
    assert len(lines) == 20_000
    assert lines[:4] == [" " * 9 + "ﺃ", "b", "", "٣"]


async def test_the_app_opens_100000_tiny_paragraphs(tmp_path: Path) -> None:
    target = tmp_path / "tiny.txt"
    target.write_text("\n".join(f"سطر {i}" for i in range(100_000)))
    app = create_app(target, positions=PositionStore(tmp_path / "state"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.article.flow.layouts_made <= 40
        await pilot.press("G")
        await pilot.pause()
        assert app.article.place()[0] > 99_980


@pytest.mark.parametrize("bad", ["0", "-3", "abc"])
def test_bad_width(capsys, bad: str) -> None:
    code, out, err = _render(capsys, "--width", bad)
    assert code != 0 and not out
    assert "width" in _one_line_error(err)
