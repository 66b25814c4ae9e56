"""A small right-to-left EPUB 3 book, built from strings (no binary fixture to keep)."""

from __future__ import annotations

import zipfile
from pathlib import Path

CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf"
    media-type="application/oebps-package+xml"/></rootfiles>
</container>"""

PACKAGE = """<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="id">urn:uuid:reader-test</dc:identifier>
    <dc:title>كتاب الاختبار</dc:title>
    <dc:language>ar</dc:language>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="c1" href="text/one.xhtml" media-type="application/xhtml+xml"/>
    <item id="c2" href="text/two.xhtml" media-type="application/xhtml+xml"/>
    <item id="notes" href="text/notes.xhtml" media-type="application/xhtml+xml"/>
    <item id="cover" href="images/cover.jpg" media-type="image/jpeg"/>
  </manifest>
  <spine page-progression-direction="rtl">
    <itemref idref="c1"/>
    <itemref idref="c2"/>
    <itemref idref="notes"/>
  </spine>
</package>"""

NAV = """<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<head><title>المحتويات</title></head>
<body><nav epub:type="toc"><ol>
  <li><a href="text/one.xhtml">الفصل الأول: البداية</a>
    <ol><li><a href="text/one.xhtml#s2">قسم ثان</a></li></ol></li>
  <li><a href="text/two.xhtml">الفصل الثاني: الرحلة</a></li>
  <li><a href="text/notes.xhtml">الحواشي</a></li>
</ol></nav></body></html>"""

ONE = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"
      xml:lang="ar" dir="rtl">
<head><title>الفصل الأول</title><style>p { margin: 0 }</style></head>
<body>
<h1>الفصل الأول: البداية</h1>
<p>كان&nbsp;يا ما كان في قديم الزمان<a epub:type="noteref" href="notes.xhtml#n1">١</a> مدينة
   على البحر.</p>
<img src="../images/cover.jpg" alt="غلاف الكتاب"/>
<h2 id="s2">قسم ثان</h2>
<p>سطر أول<br/>سطر ثان</p>
<table><tr><th>الاسم</th><th>العمر</th></tr><tr><td>سارة</td><td>٣٠</td></tr></table>
</body></html>"""

TWO = """<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="ar">
<head><title>الثاني</title></head>
<body>
<p>بدأت الرحلة عند الفجر.</p>
<p dir="ltr" lang="en">An English aside.</p>
</body></html>"""

NOTES = """<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"
      xml:lang="ar" dir="rtl">
<head><title>الحواشي</title></head>
<body>
<h1>الحواشي</h1>
<aside epub:type="footnote" id="n1"><p>١. هذه حاشية عن المدينة.</p></aside>
</body></html>"""

NCX = """<?xml version="1.0" encoding="utf-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">
  <navMap>
    <navPoint id="p1"><navLabel><text>البداية</text></navLabel>
      <content src="text/one.xhtml"/></navPoint>
    <navPoint id="p2"><navLabel><text>الرحلة</text></navLabel>
      <content src="text/two.xhtml"/></navPoint>
  </navMap>
</ncx>"""

FILES = {
    "META-INF/container.xml": CONTAINER,
    "OEBPS/content.opf": PACKAGE,
    "OEBPS/nav.xhtml": NAV,
    "OEBPS/text/one.xhtml": ONE,
    "OEBPS/text/two.xhtml": TWO,
    "OEBPS/text/notes.xhtml": NOTES,
}


def write_epub(path: Path, files: dict[str, str | None] | None = None) -> Path:
    """Write the book to ``path``; ``files`` replaces (or, with None, leaves out) parts."""
    parts: dict[str, str | None] = {**FILES, **(files or {})}
    with zipfile.ZipFile(path, "w") as book:
        book.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")
        for name, text in parts.items():
            if text is not None:
                book.writestr(name, text.encode("utf-8"), zipfile.ZIP_DEFLATED)
        book.writestr("OEBPS/images/cover.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    return path
