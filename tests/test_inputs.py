"""What a FILE argument names: standard input (``-`` or a pipe) for every command, and a
clear message for a URL."""

from __future__ import annotations

import io
import os
import sys

import pytest

from reader.cli import main

TEXT = "مرحبا بكم\nsecond line\n"


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_render_and_search_read_standard_input(monkeypatch, capsys, tmp_path) -> None:
    source = tmp_path / "same.txt"
    source.write_text(TEXT, encoding="utf-8")
    assert main(["render", str(source), "--width", "20", "--format", "json"]) == 0
    from_file = capsys.readouterr().out
    _stdin(monkeypatch, TEXT.encode())
    assert main(["render", "-", "--width", "20", "--format", "json"]) == 0
    assert capsys.readouterr().out == from_file
    _stdin(monkeypatch, TEXT.encode())
    assert main(["search", "second", "-"]) == 0
    assert capsys.readouterr().out == "2:0-6\tsecond\n1 match\n"


def test_a_pipe_is_read_without_a_file_argument(monkeypatch, capsys) -> None:
    read_end, write_end = os.pipe()
    os.write(write_end, "سطر\n".encode())
    os.close(write_end)
    with os.fdopen(read_end, "r", encoding="utf-8") as pipe:
        monkeypatch.setattr(sys, "stdin", pipe)
        assert main(["search", "سطر"]) == 0
    assert capsys.readouterr().out == "1:0-3\tسطر\n1 match\n"


def test_bad_standard_input_is_one_line(monkeypatch, capsys) -> None:
    # UTF-8 with a bad byte (a legacy encoding is guessed instead: tests/test_encodings.py)
    _stdin(monkeypatch, "مرحبا ".encode() + b"\xff bad\n")
    assert main(["render", "-"]) != 0
    err = capsys.readouterr().err
    assert err == ("reader: <stdin>: not valid UTF-8 (byte offset 11: 0xff); use --errors "
                   "replace to open it anyway\n")
    _stdin(monkeypatch, "مرحبا ".encode() + b"\xff bad\n")
    assert main(["render", "-", "--errors", "replace", "--width", "20"]) == 0
    assert "\ufffd" in capsys.readouterr().out
    _stdin(monkeypatch, b"\x00\x01binary")
    assert main(["search", "x", "-"]) != 0
    assert "binary" in capsys.readouterr().err


@pytest.mark.parametrize("argv, message", [
    (["render", "ftp://example.com/a.md"], "reader opens files and http(s) URLs"),
    (["search", "x", "file:///etc/passwd"], "reader opens files and http(s) URLs"),
    (["ftp://example.com/article.txt"], "reader opens files and http(s) URLs"),  # the app
    (["check", "--document", "gopher://example.com/a.txt"], "reader opens files and http(s)"),
    (["--annotations", "https://example.com/a.toml"], "reader opens annotation files, not URLs"),
    (["render", "--annotations", "https://example.com/a.toml"], "annotation files, not URLs"),
    (["check", "https://example.com/a.toml"], "reader opens annotation files, not URLs"),
])
def test_a_url_reader_cannot_open_gets_a_clear_message(capsys, argv: list[str],
                                                       message: str) -> None:
    """http(s) documents are fetched (tests/test_formats.py); other URLs, and URLs for
    annotation files, are one line."""
    assert main(argv) != 0
    err = capsys.readouterr().err
    assert message in err and "no such file" not in err
    assert err.count("\n") == 1
