"""Regenerate tests/data/real/books/: EPUBs made by the tools people publish books with.

The EPUB reader is measured on books nobody on this project wrote by hand: the same source
texts (scripts/real_books/, Arabic, Persian and English, written for this purpose; the
Arabic book also carries the bundled article as a chapter) published as

- ``pandoc-epub3`` and ``pandoc-epub2``: ``pandoc -o book.epub`` (EPUB 3, nav) and
  ``-t epub2`` (NCX);
- ``docbook-epub2`` and ``docbook-epub3``: pandoc's DocBook 4 / DocBook 5 through the DocBook
  XSL stylesheets (``epub/docbook.xsl``, ``docbook-xsl-ns/epub3/chunk.xsl``) with xsltproc;
- ``sigil``: Sigil's layout (``OEBPS/Text/Section0001.xhtml``, ``OEBPS/Styles/``), the
  chapters of pandoc's EPUB 2 moved there;
- ``calibre``: the shape of calibre's ``ebook-convert`` output (package at the root,
  ``index_split_000.html``, a ``titlepage.xhtml`` with an SVG cover, ``class="calibre"``
  everywhere), made from pandoc's chapters: calibre itself is ~970 MB of packages;
- ``mangled``: pandoc's EPUB 3 with the faults books in the wild carry, which e-readers
  read through: manifest hrefs with a ``#fragment`` (as the DocBook-made books of the
  issue) and percent-encoded (a file name with a space), a chapter listed twice in the
  spine, chapters that are HTML rather than XML (``<br>``, unclosed ``<p>``, a bare ``&``).
  Its expected text is pandoc's reading of the book before it was mangled.

Beside each book goes what an independent converter makes of it, ``pandoc BOOK -t plain``,
so the tests (tests/test_real_books.py) and scripts/book_recall.py need no pandoc.

The tools are not dependencies of the reader::

    apt-get install pandoc xsltproc docbook-xsl docbook-xsl-ns
    .venv/bin/python scripts/make_real_books.py

Versions used are written to tests/data/real/books/VERSIONS.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = Path(__file__).resolve().parent / "real_books"
OUT = ROOT / "tests" / "data" / "real" / "books"
LANGUAGES = ("ar", "fa", "en")
XSL = Path("/usr/share/xml/docbook/stylesheet")
KINDS = ("pandoc-epub3", "pandoc-epub2", "docbook-epub2", "docbook-epub3", "sigil", "calibre",
         "mangled")
# Fixed dates and ids: regenerating gives the same bytes when nothing else changed.
ENVIRONMENT = {"SOURCE_DATE_EPOCH": "1700000000", "PATH": "/usr/bin:/bin"}


def run(command: list[str], cwd: Path | None = None) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True, cwd=cwd,
                          env=ENVIRONMENT).stdout


def source(language: str, folder: Path) -> Path:
    """The book's Markdown (the Arabic one with the bundled article as its last chapter)."""
    text = (SOURCES / f"book.{language}.md").read_text(encoding="utf-8")
    text = text.replace("---\n\n", f"identifier: urn:uuid:reader-book-{language}\n"
                        "date: 2024-01-01\n---\n\n", 1)
    if language == "ar":
        article = (ROOT / "content" / "article.ar.txt").read_text(encoding="utf-8")
        text += "\n# مقالة من الصحافة\n\n" + "\n\n".join(
            line.strip() for line in article.splitlines() if line.strip()) + "\n"
    path = folder / f"book.{language}.md"
    path.write_text(text, encoding="utf-8")
    return path


def zip_folder(folder: Path, target: Path) -> None:
    """An EPUB of ``folder``: ``mimetype`` first and stored, the rest in a stable order."""
    with zipfile.ZipFile(target, "w") as book:
        info = zipfile.ZipInfo("mimetype", (2024, 1, 1, 0, 0, 0))
        book.writestr(info, "application/epub+zip")
        for path in sorted(folder.rglob("*")):
            name = path.relative_to(folder).as_posix()
            if path.is_file() and name != "mimetype":
                info = zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                book.writestr(info, path.read_bytes())


def pandoc_epub(markdown: Path, target: Path, version: str) -> None:
    """pandoc's book, zipped again with fixed times (pandoc stamps the zip's entries with
    the time it ran: the same book would differ at every run)."""
    run(["pandoc", str(markdown), "-t", version, "-o", str(target)])
    work = Path(tempfile.mkdtemp())
    try:
        with zipfile.ZipFile(target) as book:
            book.extractall(work)
        zip_folder(work, target)
    finally:
        shutil.rmtree(work)


def docbook_epub(markdown: Path, language: str, target: Path, version: str) -> None:
    """pandoc's DocBook (an <article> of chapters made a <book>) through DocBook XSL."""
    work = Path(tempfile.mkdtemp())
    try:
        flavour = "docbook4" if version == "epub2" else "docbook5"
        xml = run(["pandoc", "-s", "-t", flavour, "--top-level-division=chapter",
                   str(markdown)])
        xml = re.sub(r"<(/?)article\b", r"<\1book", xml)
        xml = xml.replace("articleinfo>", "bookinfo>").replace(
            "<!DOCTYPE book PUBLIC", "<!DOCTYPE book PUBLIC")
        if version == "epub2":
            xml = xml.replace("<book>", f'<book lang="{language}">', 1)
            stylesheet = XSL / "docbook-xsl" / "epub" / "docbook.xsl"
        else:
            stylesheet = XSL / "docbook-xsl-ns" / "epub3" / "chunk.xsl"
        (work / "book.xml").write_text(xml, encoding="utf-8")
        out = work / "out"
        out.mkdir()
        run(["xsltproc", "--nonet", "--stringparam", "base.dir", "OEBPS/",
             str(stylesheet), str(work / "book.xml")], cwd=out)
        zip_folder(out, target)
    finally:
        shutil.rmtree(work)


def _chapters(epub: Path) -> tuple[str, list[tuple[str, str]]]:
    """pandoc's EPUB 2: its title and its chapters (file name, XHTML) in spine order."""
    with zipfile.ZipFile(epub) as book:
        opf_name = next(n for n in book.namelist() if n.endswith(".opf"))
        opf = book.read(opf_name).decode("utf-8")
        base = opf_name.rsplit("/", 1)[0] + "/" if "/" in opf_name else ""
        hrefs = dict(re.findall(r'<item id="([^"]+)" href="([^"]+)"', opf))
        spine = re.findall(r'<itemref idref="([^"]+)"', opf)
        title = re.search(r"<dc:title[^>]*>(.*?)</dc:title>", opf, re.S).group(1)
        chapters = [(hrefs[i], book.read(base + hrefs[i]).decode("utf-8")) for i in spine
                    if hrefs[i].startswith("text/ch")]
    return title, chapters


def _rename(chapters: list[tuple[str, str]], names: list[str]) -> list[str]:
    """The chapters' XHTML with links between them pointing at their new names."""
    renamed = []
    for _old, text in chapters:
        for (old, _), new in zip(chapters, names):
            text = text.replace(f'href="{old.rsplit("/", 1)[-1]}', f'href="{new}')
        renamed.append(text)
    return renamed


def _ncx(title: str, entries: list[tuple[str, str]]) -> str:
    points = "".join(
        f'<navPoint id="n{n}" playOrder="{n}"><navLabel><text>{label}</text></navLabel>'
        f'<content src="{href}"/></navPoint>' for n, (href, label) in enumerate(entries, 1))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<ncx xmlns="http://www.daisy.org/z3986/'
            f'2005/ncx/" version="2005-1"><head/><docTitle><text>{title}</text></docTitle>'
            f"<navMap>{points}</navMap></ncx>")


def _heading(text: str) -> str:
    found = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S)
    return re.sub(r"<[^>]+>", "", found.group(1)).strip() if found else ""


CONTAINER = ('<?xml version="1.0" encoding="UTF-8"?>\n<container version="1.0" xmlns="urn:oasis:'
             'names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="{path}" '
             'media-type="application/oebps-package+xml"/></rootfiles></container>')


def _opf(title: str, language: str, items: list[tuple[str, str, str]], spine: list[str],
         extra_meta: str = "") -> str:
    manifest = "".join(f'<item id="{i}" href="{h}" media-type="{t}"/>' for i, h, t in items)
    linear = ' linear="no"'
    refs = "".join(f'<itemref idref="{i}"{linear if i == "titlepage" else ""}/>' for i in spine)
    return ('<?xml version="1.0" encoding="utf-8"?>\n<package xmlns="http://www.idpf.org/2007/'
            'opf" unique-identifier="uuid_id" version="2.0"><metadata xmlns:dc="http://purl.org/'
            f'dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf"><dc:title>{title}'
            f'</dc:title><dc:language>{language}</dc:language><dc:identifier id="uuid_id">'
            f'urn:uuid:reader-{language}</dc:identifier>{extra_meta}</metadata>'
            f'<manifest>{manifest}</manifest><spine toc="ncx">{refs}</spine></package>')


def sigil_epub(epub2: Path, language: str, target: Path) -> None:
    """Sigil's layout: OEBPS/Text/Section0001.xhtml..., OEBPS/Styles/, OEBPS/toc.ncx."""
    title, chapters = _chapters(epub2)
    names = [f"Section{n:04d}.xhtml" for n in range(1, len(chapters) + 1)]
    texts = [re.sub(r'href="[^"]*\.css"', 'href="../Styles/Style0001.css"', t)
             for t in _rename(chapters, names)]
    items = [("ncx", "toc.ncx", "application/x-dtbncx+xml"),
             ("Style0001.css", "Styles/Style0001.css", "text/css")]
    items += [(name, f"Text/{name}", "application/xhtml+xml") for name in names]
    files = {
        "META-INF/container.xml": CONTAINER.format(path="OEBPS/content.opf"),
        "OEBPS/content.opf": _opf(title, language, items, names,
                                  '<meta name="Sigil version" content="1.9.30"/>'),
        "OEBPS/toc.ncx": _ncx(title, [(f"Text/{n}", _heading(t)) for n, t in zip(names, texts)]),
        "OEBPS/Styles/Style0001.css": "body { margin: 0 }\n",
        **{f"OEBPS/Text/{n}": t for n, t in zip(names, texts)},
    }
    _write(files, target)


def calibre_epub(epub2: Path, language: str, target: Path) -> None:
    """The shape of calibre's ebook-convert output (EPUB 2)."""
    title, chapters = _chapters(epub2)
    names = [f"index_split_{n:03d}.html" for n in range(len(chapters))]
    texts = []
    for text in _rename(chapters, names):
        text = re.sub(r'<link [^>]*\.css"[^>]*/>', '<link rel="stylesheet" type="text/css" '
                      'href="stylesheet.css"/><link rel="stylesheet" type="text/css" '
                      'href="page_styles.css"/>', text)
        text = text.replace("<body", '<body class="calibre"', 1)
        text = re.sub(r"<(p|h1|h2|ul|ol|li|table|blockquote|pre)>", r'<\1 class="calibre1">',
                      text)
        texts.append(text)
    titlepage = ('<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/'
                 'xhtml" xml:lang="en"><head><title>Cover</title></head><body><div><svg '
                 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
                 'version="1.1" viewBox="0 0 10 10"><image width="10" height="10" '
                 'xlink:href="cover.jpeg"/></svg></div></body></html>')
    items = [("ncx", "toc.ncx", "application/x-dtbncx+xml"),
             ("titlepage", "titlepage.xhtml", "application/xhtml+xml"),
             ("cover", "cover.jpeg", "image/jpeg"),
             ("css", "stylesheet.css", "text/css"), ("page_css", "page_styles.css", "text/css")]
    items += [(f"html{n}", name, "application/xhtml+xml") for n, name in enumerate(names)]
    meta = ('<meta name="calibre:timestamp" content="2024-01-01T00:00:00+00:00"/>'
            '<meta name="cover" content="cover"/>')
    files = {
        "META-INF/container.xml": CONTAINER.format(path="content.opf"),
        "content.opf": _opf(title, language, items,
                            ["titlepage", *[f"html{n}" for n in range(len(names))]], meta),
        "toc.ncx": _ncx(title, [(n, _heading(t)) for n, t in zip(names, texts)]),
        "titlepage.xhtml": titlepage,
        "cover.jpeg": "",
        "stylesheet.css": ".calibre { display: block }\n",
        "page_styles.css": "@page { margin: 5pt }\n",
        **dict(zip(names, texts)),
    }
    _write(files, target)


def mangled_epub(epub3: Path, target: Path) -> None:
    """pandoc's EPUB 3 with the faults of books in the wild (see the module's docstring)."""
    with zipfile.ZipFile(epub3) as book:
        files = {name: book.read(name).decode("utf-8") for name in book.namelist()}
    opf = files["EPUB/content.opf"]
    chapters = sorted(n for n in files if re.fullmatch(r"EPUB/text/ch\d+\.xhtml", n))
    spaced = chapters[1].replace("ch", "chapter ")
    for number, name in enumerate(chapters):
        text = files.pop(name)
        text = re.sub(r"<\?xml[^>]*\?>\s*", "", text).replace("<br />", "<br>")
        text = text.replace("</p>", "", 1).replace("&amp;", "&")
        short = name.removeprefix("EPUB/")
        href = short.replace("ch", "chapter%20") if name == chapters[1] else short
        opf = opf.replace(f'href="{short}"', f'href="{href}#part{number}"')
        files[spaced if name == chapters[1] else name] = text
        # links to the renamed chapter, from the nav and the other chapters
        old = chapters[1].rsplit("/", 1)[-1]
        new = spaced.rsplit("/", 1)[-1].replace(" ", "%20")
        for other in list(files):
            if other.endswith((".xhtml", ".ncx")):
                files[other] = files[other].replace(f'{old}"', f'{new}"').replace(
                    f"{old}#", f"{new}#")
    first = re.search(r'<itemref idref="(ch001_xhtml)"\s*/>', opf)
    opf = opf.replace(first.group(0), first.group(0) * 2)  # listed twice
    files["EPUB/content.opf"] = opf
    files.pop("mimetype", None)
    _write(files, target)


def _write(files: dict[str, str], target: Path) -> None:
    work = Path(tempfile.mkdtemp())
    try:
        for name, text in files.items():
            (work / name).parent.mkdir(parents=True, exist_ok=True)
            (work / name).write_text(text, encoding="utf-8")
        zip_folder(work, target)
    finally:
        shutil.rmtree(work)


def expected_text(book: Path) -> str:
    """What pandoc, an independent converter, reads in the book."""
    return run(["pandoc", str(book), "-t", "plain", "--wrap=none"])


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for language in LANGUAGES:
            markdown = source(language, work)
            epub2 = work / f"pandoc2.{language}.epub"
            pandoc_epub(markdown, epub2, "epub2")
            for kind in KINDS:
                target = OUT / f"{kind}.{language}.epub"
                if kind.startswith("pandoc"):
                    pandoc_epub(markdown, target, kind.split("-")[1])
                elif kind.startswith("docbook"):
                    docbook_epub(markdown, language, target, kind.split("-")[1])
                elif kind == "sigil":
                    sigil_epub(epub2, language, target)
                elif kind == "mangled":
                    mangled_epub(OUT / f"pandoc-epub3.{language}.epub", target)
                else:
                    calibre_epub(epub2, language, target)
                # pandoc reads the mangled book's source: its faults are the reader's test
                original = OUT / f"pandoc-epub3.{language}.epub" if kind == "mangled" \
                    else target
                target.with_suffix(".txt").write_text(expected_text(original),
                                                      encoding="utf-8")
                print(f"{target.relative_to(ROOT)}: {target.stat().st_size} bytes")
    versions = io.StringIO()
    versions.write(run(["pandoc", "--version"]).splitlines()[0] + "\n")
    versions.write(subprocess.run(["xsltproc", "--version"], capture_output=True,
                                  text=True).stdout.splitlines()[0] + "\n")
    versions.write("docbook-xsl: " + run(["dpkg-query", "-W", "-f", "${Version}",
                                          "docbook-xsl"]) + "\n")
    (OUT / "VERSIONS").write_text(versions.getvalue(), encoding="utf-8")


if __name__ == "__main__":
    main()
