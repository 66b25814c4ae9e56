"""Every format through the one door: web pages, EPUB books, Markdown tables, plain text as
written, URLs from a local server; and every way they fail, as one line."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from reader.cli import main
from reader.content.annotations.file import load_annotations_for
from reader.content.document import Document
from reader.content.fetch import USER_AGENT, fetch
from reader.content.formats import detect, load_document
from reader.content.formats.html import page_encoding
from reader.content.presentation import TableLayouts, paragraph_gaps
from reader.errors import ReaderError
from reader.text import layout_paragraph
from tests.epub_helpers import write_epub

FORMATS = Path(__file__).parent / "data" / "formats"
NEWS = FORMATS / "news.ar.html"


def _kinds(document: Document) -> list[tuple[str, str]]:
    return [(block.kind, text) for block, text in zip(document.blocks, document.paragraphs)]


# -- web pages ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def news() -> Document:
    return load_document(NEWS)


def test_a_web_page_shows_its_article_only(news: Document) -> None:
    text = news.text
    assert news.title == "ماسك يرد على ألتمان: لقد نسيت الفصل الرابع"
    kinds = _kinds(news)
    assert kinds[0] == ("heading", news.title)
    assert ("heading", "خلاف قديم") in kinds
    assert ("quote", "لقد نسيت أن تذكر الفصل الرابع") in kinds
    assert [t for k, t in kinds if k == "list_item"] == [
        "الفصل الأول: الحجز في 2018", "الفصل الثاني: طلب الاسترداد", "الفصل الثالث: إلغاء الطلب"]
    assert "وقال محللون" in text
    rows = [(b.level, t) for b, t in zip(news.blocks, news.paragraphs) if b.kind == "table_row"]
    assert rows == [(1, "الشركة\tالمؤسس\tسنة التأسيس"), (0, "OpenAI\tسام ألتمان وآخرون\t2015"),
                    (0, "xAI\tإيلون ماسك\t2023")]
    # Navigation, ads, share buttons, comments, footer, scripts and styles are left out.
    for chrome in ("رياضة", "إعلان", "شارك على", "تعليق", "جميع الحقوق", "tracker", "color"):
        assert chrome not in text


def test_a_web_page_keeps_links_images_encoding_and_direction(news: Document) -> None:
    # windows-1256 (its <meta charset>) decoded to the right Arabic letters
    assert "ردّ إيلون ماسك" in news.text
    link = next((news.paragraphs[i], s) for i, b in enumerate(news.blocks) for s in b.spans
                if s.style == "link" and s.url.startswith("https://"))
    assert link[0][link[1].start:link[1].end] == "Tesla Roadster"
    assert link[1].url == "https://www.tesla.com/roadster"
    image = next(i for i, text in enumerate(news.paragraphs) if text == "صورة سيارة رودستر الحمراء")
    assert news.blocks[image].spans[0].url == "roadster.jpg"
    # <html dir="rtl">: every paragraph right to left, even one that starts with Latin.
    assert set(news.directions) == {"rtl"}


def test_page_encoding_order() -> None:
    meta = b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
    assert page_encoding(meta) == ("cp1256", 0)
    assert page_encoding(b"\xef\xbb\xbf" + meta) == ("utf-8", 3)
    assert page_encoding(b"\xff\xfe<\x00") == ("utf-16-le", 2)
    assert page_encoding(meta, declared="utf-8") == ("utf-8", 0)  # the server's word first
    assert page_encoding(b"<meta charset=bogus>") == ("utf-8", 0)


def test_a_page_without_an_article_is_read_whole_and_dir_lang_honoured(tmp_path: Path) -> None:
    page = tmp_path / "tiny.htm"
    page.write_text('<html lang="fa"><body><p>Hello <b>دنیا</b></p>'
                    '<p dir="ltr">left</p><script>x()</script></body></html>', "utf-8")
    document = load_document(page)
    assert document.paragraphs == ["Hello دنیا", "left"]
    assert document.directions == ["rtl", "ltr"]  # lang="fa" makes the page right to left
    assert document.blocks[0].spans[0].style == "strong"


def test_xhtml_with_its_declaration_and_a_utf16_page(tmp_path: Path) -> None:
    xhtml = tmp_path / "page.xhtml"
    xhtml.write_text('<?xml version="1.0" encoding="utf-8"?>\n<html xmlns='
                     '"http://www.w3.org/1999/xhtml" xml:lang="ar"><body><p>نص عربي</p>'
                     "</body></html>", "utf-8")
    assert load_document(xhtml).paragraphs == ["نص عربي"]
    utf16 = tmp_path / "page.html"
    utf16.write_bytes(b"\xff\xfe" + "<p>مرحبا يا عالم</p>".encode("utf-16-le"))
    assert load_document(utf16).paragraphs == ["مرحبا يا عالم"]
    binary = tmp_path / "binary.html"
    binary.write_bytes(b"<p>\x00\x01\x02</p>")
    with pytest.raises(ReaderError, match="looks like a binary file"):
        load_document(binary)


def test_a_line_break_joins_only_within_its_paragraph(tmp_path: Path) -> None:
    page = tmp_path / "poem.html"
    page.write_text("<body><p>بيت أول<br>بيت ثان<br></p><p>فقرة أخرى</p></body>", "utf-8")
    document = load_document(page)
    assert document.paragraphs == ["بيت أول", "بيت ثان", "فقرة أخرى"]
    assert [b.joined for b in document.blocks] == [False, True, False]
    assert paragraph_gaps(document) == [0, 1, 0]


def test_annotations_search_and_json_work_on_a_web_page(news: Document,
                                                        capsys: pytest.CaptureFixture) -> None:
    found = load_annotations_for(news)
    annotations, problems = found.annotations, found.problems
    assert problems == [] and annotations is not None
    rebuttal = annotations.rebuttals["fourth-chapter"].span
    assert news.paragraphs[rebuttal.paragraph][rebuttal.start:rebuttal.end] == \
        "نسي أن يذكر الفصل الرابع"
    assert main(["render", str(NEWS), "--width", "60", "--format", "json", "--entries"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert any("fourth-chapter" in r.get("entries", ()) for r in records)
    assert main(["search", "Musk", str(NEWS)]) == 0  # names from the annotations
    out = capsys.readouterr().out
    assert out.splitlines()[-1].endswith("matches") and "ماسك" in out


# -- EPUB -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def book_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_epub(tmp_path_factory.mktemp("book") / "book.epub")


def test_an_epub_reads_in_spine_order_with_its_toc(book_path: Path) -> None:
    book = load_document(book_path)
    assert book.title == "كتاب الاختبار"
    assert [(h.level, h.text) for h in book.headings()] == [
        (1, "الفصل الأول: البداية"), (2, "قسم ثان"), (1, "الفصل الثاني: الرحلة"),
        (1, "الحواشي")]
    for heading in book.headings():  # each entry lands on its heading
        assert book.paragraphs[heading.index] == heading.text
        assert book.blocks[heading.index].kind == "heading"
    # The second chapter has no heading of its own: its title from the TOC is one.
    assert book.paragraphs.index("الفصل الثاني: الرحلة") < book.paragraphs.index(
        "بدأت الرحلة عند الفجر.")
    # page-progression-direction="rtl", and a paragraph's own dir="ltr"
    assert book.direction(book.paragraphs.index("An English aside.")) == "ltr"
    assert book.direction(0) == "rtl"
    assert "غلاف الكتاب" in book.paragraphs  # the image's alt text
    assert "كان\u00a0يا ما كان" in book.text  # &nbsp; read
    first, second = book.paragraphs.index("سطر أول"), book.paragraphs.index("سطر ثان")
    assert second == first + 1 and book.blocks[second].joined  # <br>: a line break
    assert ("table_row", "الاسم\tالعمر") in _kinds(book)


def test_an_epub_2_book_takes_its_contents_from_the_ncx(tmp_path: Path) -> None:
    from tests.epub_helpers import NCX, PACKAGE

    package = PACKAGE.replace(' properties="nav"', "").replace(
        "<spine ", '<spine toc="ncx" ').replace(
        "<manifest>", '<manifest><item id="ncx" href="toc.ncx" '
        'media-type="application/x-dtbncx+xml"/>')
    book = load_document(write_epub(tmp_path / "old.epub", {"OEBPS/content.opf": package,
                                                             "OEBPS/toc.ncx": NCX}))
    assert [(h.level, h.text) for h in book.headings()] == [
        (1, "البداية"), (1, "الرحلة")]
    assert book.paragraphs[book.headings()[1].index] == "الرحلة"  # no heading: the label


def test_an_epub_footnote_link_leads_to_its_note(book_path: Path) -> None:
    book = load_document(book_path)
    index = next(i for i, b in enumerate(book.blocks) if b.spans)
    span = book.blocks[index].spans[0]
    assert span.url == "OEBPS/text/notes.xhtml#n1"
    assert book.paragraphs[book.targets[span.url]] == "١. هذه حاشية عن المدينة."


BROKEN_BOOKS = {
    "not-a-zip": "not a zip file",
    "nothing-readable": "no chapter can be read: spine item 'OEBPS/text/one.xhtml' is missing",
}


@pytest.mark.parametrize("case", list(BROKEN_BOOKS))
def test_a_book_with_nothing_to_show_is_one_line(tmp_path: Path, case: str,
                                                 capsys: pytest.CaptureFixture) -> None:
    """Only a book of which no chapter can be read is refused (tests/test_epub_tolerance.py
    has the books that open despite their faults)."""
    path = tmp_path / "broken.epub"
    if case == "not-a-zip":
        path.write_bytes(b"PK\x03\x04 this is not really a zip")
    else:
        write_epub(path, {"OEBPS/text/one.xhtml": None, "OEBPS/text/two.xhtml": None,
                          "OEBPS/text/notes.xhtml": None})
    assert main(["render", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"{path}: not a valid EPUB" in err and BROKEN_BOOKS[case] in err


# -- detection ------------------------------------------------------------------------------


def test_the_format_comes_from_suffix_then_media_type_then_bytes() -> None:
    assert detect("page.HTML", b"").name == "html"
    assert detect("notes.txt", b"<!DOCTYPE html><html>").name == "text"  # the suffix says
    assert detect("download", b"", "application/epub+zip").name == "epub"
    assert detect("x", b"\xef\xbb\xbf<!doctype html>\n<html>").name == "html"
    assert detect("x", b"PK\x03\x04...").name == "epub"
    assert detect("README", b"# Title").name == "text"


def test_a_page_without_a_suffix_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "saved-page"
    path.write_text("<!DOCTYPE html><html><body><h1>عنوان</h1><p>نص</p></body></html>", "utf-8")
    assert _kinds(load_document(path)) == [("heading", "عنوان"), ("paragraph", "نص")]


# -- Markdown tables and hard breaks, plain text as written ---------------------------------


def test_an_rtl_table_has_its_first_column_on_the_right(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "t.md"
    path.write_text("| الاسم | المدينة |\n|---|---|\n| سارة | القاهرة |\n\n"
                    "| a | b |\n|---|---|\n| 1 | 2 |\n", "utf-8")
    document = load_document(path)
    assert document.directions == ["rtl", "rtl", "ltr", "ltr"]
    tables = TableLayouts.of(document)
    assert tables is not None
    header = tables(0, 40)
    assert header is not None and len(header.lines) == 2  # the row, then its rule
    row = tables(1, 40).lines[0]
    name = layout_paragraph("سارة", 10, "rtl").lines[0].text
    city = layout_paragraph("القاهرة", 10, "rtl").lines[0].text
    assert row.text.index(city) < row.text.index("│") < row.text.index(name)
    assert len(row.map) == len(row.text)
    assert {row.map[row.text.index(name) + k] for k in range(len(name))} == set(range(4))
    # Two tables are two, each with its own columns; the LTR one starts on the left.
    assert tables(3, 40).lines[0].text.startswith("1 │ 2")
    assert main(["render", str(path), "--width", "30"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith(layout_paragraph("الاسم", 10, "rtl").lines[0].text)
    assert "─┼─" in out[1]


CODE_IN_ARABIC = ("| الحقل | المعنى |\n|---|---|\n| `comm=\"syslogd\"` | اسم البرنامج |\n"
                  "| اسم `comm=\"syslogd\"` | x |\n\n"
                  "يطابق الشرط `comm=\"syslogd\"` العملية.\n\nالشرط `--width=-w` هنا.\n")


def test_code_spans_read_left_to_right_in_right_to_left_text(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """Issue 25, point 8: `comm="syslogd"` in a right-to-left table cell showed as
    «"comm="syslogd»: a code span is a left-to-right isolate wherever it stands (a table
    cell, a paragraph); the rest of the line keeps its order."""
    path = tmp_path / "code.md"
    path.write_text(CODE_IN_ARABIC, "utf-8")
    assert main(["render", "--width", "60", str(path)]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[2].rstrip().endswith('ﺞﻣﺎﻧﺮﺒﻟﺍ ﻢﺳﺍ │     comm="syslogd"'), rows[2]
    assert rows[3].rstrip().endswith('x │ comm="syslogd" ﻢﺳﺍ'), rows[3]
    assert rows[5].strip() == '.ﺔﻴﻠﻤﻌﻟﺍ comm="syslogd" ﻁﺮﺸﻟﺍ ﻖﺑﺎﻄﻳ', rows[5]
    assert rows[7].strip() == ".ﺎﻨﻫ --width=-w ﻁﺮﺸﻟﺍ", rows[7]
    # like an isolate, code does not set the direction of the table (or paragraph) it is in
    table = tmp_path / "table.md"
    table.write_text("| `ls -l` | يعرض |\n|---|---|\n| a | ب |\n\n`ls`  \nيعرض\n", "utf-8")
    assert load_document(table).directions == ["rtl"] * 4


def test_a_hard_break_is_a_line_break_not_a_paragraph_gap(tmp_path: Path) -> None:
    path = tmp_path / "poem.md"
    path.write_text("سطر أول\\\nسطر ثان  \nthird\n\nnext\n", "utf-8")
    document = load_document(path)
    assert document.paragraphs == ["سطر أول", "سطر ثان", "third", "next"]
    assert paragraph_gaps(document) == [0, 0, 1, 0]
    assert document.directions[:3] == ["rtl"] * 3  # one direction for the whole paragraph


def test_plain_text_blank_lines_are_its_spacing() -> None:
    poem = Document.from_text("بيت أول\nبيت ثان\n\nبيت ثالث\n")
    assert paragraph_gaps(poem) == [0, 0, 0, 0]  # nothing invented, the blank line shown
    article = Document.from_text("فقرة أولى\nفقرة ثانية\nفقرة ثالثة\n\n")
    # No blank line between lines of text (one at the end does not count): spaced.
    assert paragraph_gaps(article) == [1, 1, 0, 0]


def test_render_prints_the_blank_rows_the_app_shows(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture) -> None:
    """Plain text without blank lines is spaced in the app, and in ``reader render`` alike
    (issue 25, point 15); the JSON keeps one object per text line; a file with blank lines
    of its own shows them, nothing added."""
    article = tmp_path / "article.txt"
    article.write_text("first one\nsecond one\nthird\n", "utf-8")
    assert main(["render", "--width", "20", str(article)]) == 0
    assert capsys.readouterr().out == "first one\n\nsecond one\n\nthird\n"
    assert main(["render", "--width", "20", "--format", "json", str(article)]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [record["text"] for record in records] == ["first one", "second one", "third"]
    poem = tmp_path / "poem.txt"
    poem.write_text("one\ntwo\n\nthree\n", "utf-8")
    assert main(["render", "--width", "20", str(poem)]) == 0
    assert capsys.readouterr().out == "one\ntwo\n\nthree\n"


# -- URLs -----------------------------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, str, bytes]] = {}
    agents: list[str] = []

    def do_GET(self) -> None:
        self.agents.append(self.headers.get("User-Agent", ""))
        status, content_type, body = self.routes.get(self.path, (404, "text/plain", b"nope"))
        self.send_response(status)
        if status in (301, 302):
            self.send_header("Location", body.decode())
            body = b""
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    page = NEWS.read_bytes()
    _Handler.routes = {
        "/news": (200, "text/html", page),
        "/moved": (302, "", b"/news"),
        "/loop": (302, "", b"/loop"),
        "/book": (200, "application/epub+zip", b""),
        "/notes.txt": (200, "text/plain; charset=utf-8", "سطر\n\nسطر".encode()),
        "/big": (200, "text/plain", b"x" * 5000),
    }
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_url_is_fetched_and_read_as_its_format(server: str, news: Document,
                                                 tmp_path: Path) -> None:
    document = load_document(f"{server}/moved")  # a redirect, then the page (no suffix)
    assert document.paragraphs == news.paragraphs
    assert document.url == f"{server}/moved" and document.path is None
    assert _Handler.agents[-1] == USER_AGENT and USER_AGENT.startswith("reader/")
    assert load_document(f"{server}/notes.txt").paragraphs == ["سطر", "", "سطر"]
    book = write_epub(tmp_path / "b.epub").read_bytes()
    _Handler.routes["/book"] = (200, "application/epub+zip", book)
    assert load_document(f"{server}/book").headings()[0].text == "الفصل الأول: البداية"


def test_fetch_limits_and_progress(server: str) -> None:
    seen: list[tuple[int, int | None]] = []
    fetched = fetch(f"{server}/big", lambda received, total: seen.append((received, total)))
    assert len(fetched.data) == 5000 and seen[-1] == (5000, 5000)
    with pytest.raises(ReaderError, match="too large"):
        fetch(f"{server}/big", limit=1000)


@pytest.mark.parametrize("path, message", [
    ("/missing", "HTTP 404 Not Found"),
    ("/loop", "too many redirects"),
])
def test_http_failures_are_one_line(server: str, path: str, message: str,
                                    capsys: pytest.CaptureFixture) -> None:
    assert main(["render", f"{server}{path}"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


def test_a_refused_connection_is_one_line(capsys: pytest.CaptureFixture) -> None:
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert main(["search", "x", f"http://127.0.0.1:{port}/"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "connection refused" in err


def test_a_tls_failure_is_one_line(server: str) -> None:
    # The local server speaks plain HTTP: a TLS handshake with it fails.
    with pytest.raises(ReaderError, match="TLS error") as failure:
        fetch(server.replace("http://", "https://") + "/news", timeout=5)
    assert "\n" not in failure.value.message


def test_a_host_that_does_not_resolve_is_named() -> None:
    import socket

    import httpx

    from reader.content.fetch import failure_reason

    # No DNS exists here to fail for real: the error httpx raises, with its cause.
    dns = httpx.ConnectError("[Errno -2] Name or service not known")
    dns.__cause__ = socket.gaierror(-2, "Name or service not known")
    assert failure_reason(dns) == "host not found (DNS)"


def test_render_and_search_take_a_url(server: str, capsys: pytest.CaptureFixture) -> None:
    assert main(["search", "ماسك", f"{server}/news"]) == 0
    assert "matches" in capsys.readouterr().out
    assert main(["render", f"{server}/news", "--width", "50"]) == 0
    assert "ﻊﺑﺍﺮﻟﺍ" in capsys.readouterr().out  # shaped الرابع


# -- hostile input --------------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PAGE_PIECES = st.sampled_from([
    "<p>", "</p>", "<h2>", "<br>", "<table>", "<tr>", "<td>", "<th>", "<ul>", "<li>", "<pre>",
    "<a href='#x'>", "</a>", "<img alt='صورة'>", "<b>", "<blockquote>", "<div dir=rtl>",
    "<script>", "نص عربي", "text", "\x1b[31m", "&amp;", "&nbsp;", "\u202e", "\n", " ",
])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(_PAGE_PIECES, max_size=30), junk=st.binary(max_size=40))
def test_any_page_or_book_gives_a_document_or_one_line(tmp_path: Path, pieces: list[str],
                                                      junk: bytes) -> None:
    page = tmp_path / "page.html"
    page.write_bytes("".join(pieces).encode() + junk)
    book = tmp_path / "book.epub"
    book.write_bytes(write_epub(tmp_path / "ok.epub").read_bytes()[: 200 + len(junk) * 20]
                     + junk)
    for path in (page, book):
        try:
            document = load_document(path, "replace")
        except ReaderError as error:
            assert "\n" not in error.message
            continue
        assert len(document.blocks) == len(document.paragraphs) == len(document.directions)
        for start, paragraph in zip(document.starts, document.paragraphs):
            assert document.text[start : start + len(paragraph)] == paragraph


def test_the_fetch_note_shows_progress_on_a_terminal_only(server: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    from reader.commands.fetch_note import stderr_note

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    fetch(f"{server}/big", stderr_note(f"{server}/big\x1b[31m"))
    shown = terminal.getvalue()
    assert f"reader: fetching {server}/big␛[31m" in shown and "4 KB of 4 KB" in shown
    assert shown.endswith("\r\x1b[K")  # the note is gone before the app draws
    monkeypatch.setattr(sys, "stderr", io.StringIO())  # not a terminal: silent
    fetch(f"{server}/big", stderr_note(f"{server}/big"))
    assert sys.stderr.getvalue() == ""


def test_the_fetch_note_in_arabic_is_laid_out(server: str,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """In an Arabic interface the note is one row laid out by the core, in visual order, in
    xterm's explicit mode until it is cleared."""
    import io
    import sys

    from reader import i18n
    from reader.commands.fetch_note import stderr_note
    from reader.terminal.detect import ENTER_EXPLICIT, LEAVE_EXPLICIT

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    i18n.set_language("ar")
    monkeypatch.setenv("TERM", "xterm")
    for name in ("VTE_VERSION", "KONSOLE_VERSION", "KITTY_WINDOW_ID", "MLTERM", "TERM_PROGRAM"):
        monkeypatch.delenv(name, raising=False)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    fetch(f"{server}/big", stderr_note(f"{server}/big"))
    shown = terminal.getvalue()
    assert "جلب" not in shown  # logical order: letter-reversed and unjoined in xterm
    assert "\ufe90\ufee0\ufe9f" in shown  # جلب shaped, in visual order
    assert "4 KB \ufee6\ufee3 4 KB" in shown  # "4 KB من 4 KB" read from the right
    assert shown.startswith(ENTER_EXPLICIT) and shown.endswith("\r\x1b[K" + LEAVE_EXPLICIT)
    import re

    from rich.cells import cell_len
    rows = re.sub(r"\x1b\[[0-9;? ]*[a-zA-Z]", "", shown).split("\r")
    assert max(cell_len(row) for row in rows) < 80  # one row each time, never wrapped


def test_the_app_fetches_a_url_and_remembers_the_place_by_it(server: str,
                                                            tmp_path: Path) -> None:
    """The installed reader in tmux: a page fetched, read, left, and found again."""
    from tests.tmux_session import TmuxSession, installed_reader

    paragraphs = "".join(f"<p>الفقرة رقم {i} من مقال طويل عن القراءة في الطرفية.</p>"
                         for i in range(80))
    _Handler.routes["/long"] = (200, "text/html; charset=utf-8",
                                f"<html dir=rtl><body>{paragraphs}</body></html>".encode())
    state = tmp_path / "state"
    url = f"{server}/long"

    def run() -> TmuxSession:
        return TmuxSession([str(installed_reader()), url], 100, 30,
                           env={"READER_STATE_DIR": str(state)})

    shaped = layout_paragraph("الفقرة رقم 0 من", 80).lines[0].text
    session = run()
    try:
        session.wait_for(lambda lines: any(shaped in line for line in lines))
        session.keys("space", "space")
        session.wait_for(lambda lines: not any(shaped in line for line in lines[1:]))
        session.keys("q")
        session.wait_for(lambda lines: not any(line.strip() for line in lines))
    finally:
        session.close()
    place = json.loads((state / "positions.json").read_text("utf-8"))[url]
    assert place["paragraph"] > 10
    later = layout_paragraph(f"الفقرة رقم {place['paragraph']} من", 80).lines[0].text
    session = run()
    try:
        screen = session.wait_for(lambda lines: any(later in line for line in lines))
        assert not any(shaped in line for line in screen[1:])  # (row 0: the title)
    finally:
        session.close()


_CELL = st.text(alphabet="ابتثلمنهوي ةأإآى abcXYZ 0123٤٥", max_size=14)


@settings(max_examples=40, deadline=None)
@given(rows=st.lists(st.lists(_CELL, min_size=1, max_size=4), min_size=1, max_size=5),
       width=st.integers(1, 60))
def test_every_letter_of_a_table_is_on_screen_once(rows: list[list[str]], width: int) -> None:
    from reader.content.document import BlockContent
    from reader.content.formats.blocks import add_table

    content = BlockContent()
    add_table(content, [(i == 0, [(cell, ()) for cell in row]) for i, row in enumerate(rows)])
    document = Document.from_blocks(content)
    tables = TableLayouts.of(document)
    for index, text in enumerate(document.paragraphs):
        assert tables is not None
        layout = tables(index, width)
        assert layout is not None
        shown: list[int] = []
        for line in layout.lines:
            assert len(line.map) == len(line.text)
            assert all(0 <= m <= len(text) for m in line.map)
            shown += [m for m, ch in zip(line.map, line.text) if ch not in " │─┼"]
        letters = [k for k, ch in enumerate(text) if ch not in " \t"]
        # Every letter once (a lam-alef ligature shows two letters in one character).
        assert set(shown) <= set(letters) and len(shown) <= len(letters)
        assert set(letters) - set(shown) <= {k for k in letters if text[k] in "اأإآ"}
