"""Standard input is sniffed like a file without a suffix: an EPUB, an HTML page and
Markdown through a pipe open as what they are; ``--as`` forces a format."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.commands.inputs import open_input
from reader.content.formats import sniff
from tests.epub_helpers import write_epub

PAGE = ("<!DOCTYPE html>\n<html lang='ar' dir='rtl'><head><title>صفحة</title></head><body>"
        "<main><h1>عنوان الصفحة</h1><p>فقرة أولى من نص الصفحة، فيها كلمات كافية.</p>"
        "<ul><li>بند أول</li><li>بند ثان</li></ul></main></body></html>\n")
MARKDOWN = "# عنوان\n\nفقرة فيها **كلمة** مهمة.\n\n- بند أول\n- بند ثان\n"


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def _texts(monkeypatch: pytest.MonkeyPatch, data: bytes, kind: str = "") -> list[str]:
    """The paragraphs of what standard input holds, as every command reads it."""
    _stdin(monkeypatch, data)
    document = open_input("-", kind=kind)
    assert document is not None
    return document.paragraphs


def test_an_html_page_through_a_pipe_is_read_as_a_page(monkeypatch, capsys) -> None:
    texts = _texts(monkeypatch, PAGE.encode())
    assert "عنوان الصفحة" in texts and "بند أول" in texts
    assert not any("<" in text for text in texts)
    assert any("<h1>" in text for text in _texts(monkeypatch, PAGE.encode(), "txt"))
    _stdin(monkeypatch, PAGE.encode())  # the commands: what they print has no tags
    assert main(["render", "--width", "60"]) == 0
    assert "<" not in capsys.readouterr().out


def test_an_epub_through_a_pipe_is_read_as_a_book(monkeypatch, capsys, tmp_path: Path) -> None:
    book = write_epub(tmp_path / "b.epub").read_bytes()
    assert "بدأت الرحلة عند الفجر." in _texts(monkeypatch, book)
    _stdin(monkeypatch, book)
    assert main(["search", "الفجر", "-"]) == 0
    assert "1 match" in capsys.readouterr().out


def test_markdown_through_a_pipe_is_read_as_markdown(monkeypatch, capsys) -> None:
    texts = _texts(monkeypatch, MARKDOWN.encode())
    assert texts[0] == "عنوان" and "فقرة فيها كلمة مهمة." in texts
    assert "# عنوان" in _texts(monkeypatch, MARKDOWN.encode(), "txt")


@pytest.mark.parametrize(("head", "format_name"), [
    (b"<!-- saved page -->\n<!doctype html><p>x", "html"),
    (b"\xef\xbb\xbf<html><body>x", "html"),
    (b"PK\x03\x04\x14\x00\x00\x00mimetypeapplication/epub+zip", "epub"),
    (MARKDOWN.encode(), "markdown"),
    ("# سطر يبدأ بعلامة\nونص عادي بعده.\n".encode(), "text"),  # one mark: plain text
    ("- بند\nوسطر عادي.\n".encode(), "text"),
    ("نص عادي فقط.\n".encode(), "text"),
])
def test_sniffing_tells_formats_apart(head: bytes, format_name: str) -> None:
    assert sniff(head).name == format_name


def test_a_utf16_text_through_a_pipe_is_text_not_binary(monkeypatch, capsys) -> None:
    assert _texts(monkeypatch, "\ufeffسطر أول\nsecond\n".encode("utf-16-le"))[:2] == [
        "سطر أول", "second"]


def test_a_page_is_sniffed_by_a_whole_first_tag(tmp_path: Path) -> None:
    """Found by the fuzz test: a file without a suffix holding "<title" was read as a page
    and showed nothing. A page's first tag must be whole; "<title" is text."""
    from reader.content.formats import TEXT, load_document

    assert sniff(b"<title") is TEXT and sniff(b"<htmlx>") is TEXT
    assert sniff(b"<title>x</title>") is not TEXT
    assert sniff(b'<!DOCTYPE html>\n<html lang="ar">') is not TEXT
    path = tmp_path / "note"
    path.write_bytes(b"<title")
    assert load_document(path).paragraphs == ["<title"]
