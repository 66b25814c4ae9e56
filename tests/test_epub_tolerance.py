"""Books as they come from the tools people publish with: faults an e-reader (KOReader,
calibre, foliate) reads through are read through here too, and what is left out is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main
from reader.content.formats import load_document
from tests.epub_helpers import ONE, PACKAGE, TWO, write_epub

ONE_TEXT = "كان يا ما كان في قديم الزمان١ مدينة على البحر."
TWO_TEXT = "بدأت الرحلة عند الفجر."


def _plain(line: str) -> str:
    return line.replace("\u2068", "").replace("\u2069", "")


def _texts(path: Path) -> list[str]:
    return [p.replace("\xa0", " ") for p in load_document(path).paragraphs]


def test_a_manifest_href_with_a_fragment_names_its_file(tmp_path: Path) -> None:
    """The reported case: DocBook XSL writes ``href="about-manual.xhtml#o8"``."""
    package = PACKAGE.replace('href="text/one.xhtml"', 'href="text/one.xhtml#o8"')
    book = load_document(write_epub(tmp_path / "b.epub", {"OEBPS/content.opf": package}))
    assert ONE_TEXT in [p.replace("\xa0", " ") for p in book.paragraphs]
    assert book.problems == []


def test_a_percent_encoded_href_and_a_name_in_another_case_are_found(tmp_path: Path) -> None:
    package = PACKAGE.replace('href="text/one.xhtml"', 'href="text/chapter%20one.xhtml"') \
        .replace('href="text/two.xhtml"', 'href="text/TWO.xhtml"')
    path = write_epub(tmp_path / "b.epub", {
        "OEBPS/content.opf": package, "OEBPS/text/one.xhtml": None,
        "OEBPS/text/chapter one.xhtml": ONE})
    book = load_document(path)
    texts = [p.replace("\xa0", " ") for p in book.paragraphs]
    assert ONE_TEXT in texts and TWO_TEXT in texts and book.problems == []


def test_a_chapter_listed_twice_is_read_once(tmp_path: Path) -> None:
    package = PACKAGE.replace('<itemref idref="c2"/>', '<itemref idref="c2"/><itemref idref="c2"/>'
                              '<itemref idref="c1"/>')
    texts = _texts(write_epub(tmp_path / "b.epub", {"OEBPS/content.opf": package}))
    assert texts.count(TWO_TEXT) == 1 and texts.count(ONE_TEXT) == 1


@pytest.mark.parametrize(("files", "named"), [
    ({"OEBPS/text/two.xhtml": None}, "spine item 'OEBPS/text/two.xhtml' is missing: skipped"),
    ({"OEBPS/content.opf": PACKAGE.replace('idref="c2"', 'idref="gone"')},
     "spine item 'gone' is not in the manifest: skipped"),
])
def test_a_missing_chapter_is_skipped_and_named(tmp_path: Path, files: dict,
                                                named: str,
                                                capsys: pytest.CaptureFixture) -> None:
    path = write_epub(tmp_path / "b.epub", files)
    book = load_document(path)
    assert ONE_TEXT in [p.replace("\xa0", " ") for p in book.paragraphs]
    assert TWO_TEXT not in book.paragraphs
    assert [_plain(p) for p in book.problems] == [f"{path}: {named}"]
    assert main(["render", str(path), "--width", "60"]) == 0
    captured = capsys.readouterr()
    assert captured.err == f"reader: {path}: {named}\n"
    assert "ﺮﺠﻔﻟﺍ" not in captured.out and captured.out.strip()


def test_a_chapter_that_is_not_well_formed_is_read_as_html(tmp_path: Path) -> None:
    broken = ("<?xml version='1.0' encoding='utf-8'?><html><body><p>نص أول <b>غامق"
              "<p>a & b &nbsp; c<br>سطر</body>")
    book = load_document(write_epub(tmp_path / "b.epub", {"OEBPS/text/two.xhtml": broken}))
    assert book.problems == []
    assert "نص أول غامق" in book.paragraphs
    assert any(p.startswith("a & b") for p in book.paragraphs) and "سطر" in book.paragraphs


def test_a_book_without_container_or_spine_still_opens(tmp_path: Path) -> None:
    no_spine = PACKAGE.split("<spine")[0] + "</package>"
    path = write_epub(tmp_path / "b.epub", {"META-INF/container.xml": None,
                                            "OEBPS/content.opf": no_spine})
    book = load_document(path)
    texts = [p.replace("\xa0", " ") for p in book.paragraphs]
    assert texts.index(ONE_TEXT) < texts.index(TWO_TEXT)
    assert len(book.problems) == 1 and "no spine" in book.problems[0]


def test_a_package_that_is_not_well_formed_is_recovered(tmp_path: Path) -> None:
    package = PACKAGE.replace("<dc:title>كتاب الاختبار</dc:title>",
                              "<dc:title>Tom & Jerry</dc:title>")
    book = load_document(write_epub(tmp_path / "b.epub", {"OEBPS/content.opf": package}))
    assert TWO_TEXT in book.paragraphs and book.problems == []


def test_an_image_in_the_spine_is_named_not_read_as_text(tmp_path: Path) -> None:
    package = PACKAGE.replace('<itemref idref="c1"/>',
                              '<itemref idref="cover"/><itemref idref="c1"/>')
    book = load_document(write_epub(tmp_path / "b.epub", {"OEBPS/content.opf": package}))
    assert TWO_TEXT in book.paragraphs
    assert [p.split(": ", 1)[1] for p in book.problems] == [
        "spine item 'OEBPS/images/cover.jpg' (image/jpeg) is not a text document: skipped"]


def test_an_epub_2_chapter_in_xhtml_1_1_reads_as_before(tmp_path: Path) -> None:
    two = TWO.replace("<?xml version=\"1.0\" encoding=\"utf-8\"?>",
                      '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC '
                      '"-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">')
    assert TWO_TEXT in load_document(write_epub(tmp_path / "b.epub",
                                                {"OEBPS/text/two.xhtml": two})).paragraphs
