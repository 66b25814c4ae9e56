"""Plain text in the encodings it is still found in: detected, or named with --encoding,
and the encoding used always visible (never silently wrong). scripts/encoding_accuracy.py
measures the guess on many more real texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.content.encodings import guess
from reader.content.formats import load_document, open_document
from reader.content.formats.plain import BIG_FILE, finish_loading

ROOT = Path(__file__).resolve().parent.parent
ARABIC = (ROOT / "content" / "article.ar.txt").read_text(encoding="utf-8")
PERSIAN = (ROOT / "scripts" / "real_books" / "book.fa.md").read_text(encoding="utf-8") \
    .replace("ی", "ي").replace("ک", "ك")  # windows-1256 has the Arabic kaf and yeh only
HEBREW = ("הספרייה העירונית נפתחה מחדש אחרי שנתיים של שיפוצים. בקומה הראשונה יש עכשיו אולם "
          "קריאה גדול עם חלונות אל הגן, ובקומה השנייה נמצאים הספרים בשפות זרות: ערבית, "
          "אנגלית, צרפתית ורוסית. הספרנית אמרה שהקוראים מבקשים בעיקר ספרי היסטוריה ושירה, "
          "ושהילדים אוהבים את פינת הסיפורים שבה מקריאים להם בכל יום שלישי אחר הצהריים.\n") * 3
ENGLISH = (ROOT / "scripts" / "real_books" / "book.en.md").read_text(encoding="utf-8") \
    .replace("'", "’") + "\nA café in Zürich, naïve façades, and a crème brûlée.\n"


def _encodable(text: str, encoding: str) -> str:
    return text.encode(encoding, errors="ignore").decode(encoding)


@pytest.mark.parametrize(("text", "encoding"), [
    (ARABIC, "windows-1256"),
    (PERSIAN, "windows-1256"),
    (ARABIC, "iso-8859-6"),
    (HEBREW, "windows-1255"),
    (HEBREW, "iso-8859-8"),
    (ENGLISH, "windows-1252"),
], ids=["arabic-1256", "persian-1256", "arabic-8859-6", "hebrew-1255", "hebrew-8859-8",
        "english-1252"])
def test_a_legacy_encoding_is_guessed_and_said(tmp_path: Path, text: str,
                                               encoding: str) -> None:
    text = _encodable(text, encoding)
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    document = load_document(path)
    assert document.text == text and document.encoding_guessed
    # The name may differ where two encodings hold these letters alike (Hebrew letters in
    # both Hebrew ones, "café" in windows-1252 and windows-1256): the text may not.
    if encoding in ("windows-1256", "iso-8859-6"):
        assert document.encoding == encoding
    assert document.problems == []  # sure of it


@pytest.mark.parametrize(("bom_encoding", "name"), [
    ("utf-8-sig", "utf-8"), ("utf-16-le", "utf-16"), ("utf-16-be", "utf-16"),
    ("utf-32-le", "utf-32"), ("utf-32-be", "utf-32"),
])
def test_a_byte_order_mark_names_the_encoding(tmp_path: Path, bom_encoding: str,
                                              name: str, capsys) -> None:
    path = tmp_path / "marked.txt"
    data = ("\ufeff" + ARABIC).encode(bom_encoding.removesuffix("-sig")) \
        if bom_encoding != "utf-8-sig" else ARABIC.encode("utf-8-sig")
    path.write_bytes(data)
    document = load_document(path)
    assert document.text == ARABIC and document.encoding == name
    assert not document.encoding_guessed and document.problems == []
    assert main(["render", str(path), "--width", "60"]) == 0  # its NUL bytes are text
    assert capsys.readouterr().err == ""


def test_utf8_is_not_a_guess(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text(ARABIC, encoding="utf-8")
    document = load_document(path)
    assert (document.encoding, document.encoding_guessed) == ("utf-8", False)


def test_an_unsure_guess_says_so_on_stderr_and_shows_the_text(tmp_path: Path,
                                                              capsys) -> None:
    """A handful of bytes that windows-1252 and windows-1256 read as different letters."""
    path = tmp_path / "short.txt"
    path.write_bytes(b"ok \xff bad\n")
    assert main(["render", str(path), "--width", "40"]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip()
    assert captured.err.count("\n") == 1
    assert "encoding guessed as" in captured.err and "unsure" in captured.err
    assert "--encoding NAME" in captured.err


def test_the_encoding_is_in_render_json(tmp_path: Path, capsys) -> None:
    path = tmp_path / "arabic.txt"
    path.write_bytes(ARABIC.encode("windows-1256"))
    assert main(["render", str(path), "--width", "60", "--format", "json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert records[0]["encoding"] == "windows-1256" and records[0]["encoding_guessed"]
    assert all("encoding" not in record for record in records[1:])
    assert main(["render", str(path), "--width", "60", "--format", "json",
                 "--encoding", "cp1256"]) == 0
    first = json.loads(capsys.readouterr().out.splitlines()[0])
    assert first["encoding"] == "windows-1256" and "encoding_guessed" not in first


def test_a_forced_encoding_is_used_and_a_wrong_one_is_one_line(tmp_path: Path,
                                                               capsys) -> None:
    path = tmp_path / "arabic.txt"
    path.write_bytes(ARABIC.encode("windows-1256"))
    assert load_document(path, encoding="windows-1256").text == ARABIC
    assert main(["render", str(path), "--encoding", "iso-8859-6"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not valid iso-8859-6 (byte offset" in err
    assert main(["render", str(path), "--encoding", "klingon"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown encoding: 'klingon'" in err


def test_a_big_legacy_file_reads_its_rest_in_the_heads_encoding(tmp_path: Path) -> None:
    text = (ARABIC + "\n") * (BIG_FILE // len(ARABIC.encode("windows-1256")) + 2)
    path = tmp_path / "big.txt"
    path.write_bytes(text.encode("windows-1256"))
    document, pending = open_document(path)
    assert pending is not None and document.encoding == "windows-1256"
    finish_loading(document, pending)
    assert document.text == text


def test_broken_utf8_stays_utf8() -> None:
    """A UTF-8 text with a stray byte is not a legacy text: its bad byte is reported."""
    assert guess("مرحبا بالعالم".encode() + b"\xff").encoding == "utf-8"
    assert guess(ARABIC.encode("windows-1256")).encoding == "windows-1256"


def test_a_long_ascii_start_does_not_hide_a_legacy_text(tmp_path: Path) -> None:
    text = "Notes kept in plain ASCII for a long while.\n" * 3000 + ARABIC
    path = tmp_path / "late.txt"
    path.write_bytes(text.encode("windows-1256"))
    document = load_document(path)
    assert document.text == text and document.encoding == "windows-1256"


def test_markdown_in_a_legacy_encoding(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_bytes(("# عنوان المقالة\n\n" + ARABIC).encode("windows-1256"))
    document = load_document(path)
    assert document.paragraphs[0] == "عنوان المقالة" and document.blocks[0].kind == "heading"
    assert document.encoding == "windows-1256" and document.encoding_guessed
