"""Regenerate tests/data/real/: web pages made by the tools people publish with.

The web-page reader is measured on HTML nobody on this project wrote by hand: the same
source texts (scripts/real_pages/, Arabic, Persian and English, written for this purpose)
published with Sphinx, MkDocs, DocBook XSL (chunked HTML, through xsltproc; and the same
chapter in the shape of Publican's pages), pandoc's HTML5, Hugo, and a news page in the
shape of a WordPress theme (navigation, header, article, sidebar widgets, comments, footer,
cookie banner). Beside each page goes what an independent
converter makes of the same page's content: ``pandoc -f html -t plain`` of the element
holding the documentation (or, for a news page, the article's title and body), in
``NAME.txt``, and of the whole body, in ``NAME.page.txt`` (for ``--extract page``), so the
tests and ``benchmarks/bench_web_recall.py`` need no pandoc.

The tools are not dependencies of the reader. Set them up once, in a throwaway venv::

    apt-get install pandoc xsltproc docbook-xsl hugo
    python3 -m venv /tmp/webtools && /tmp/webtools/bin/pip install sphinx mkdocs
    .venv/bin/python scripts/make_real_pages.py --tools /tmp/webtools/bin

A tool that is missing is skipped with a note (its old pages stay). Versions used for the
committed pages are written to tests/data/real/VERSIONS.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import string
import subprocess
import sys
import tempfile
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parent.parent
SOURCES = Path(__file__).resolve().parent / "real_pages"
OUT = ROOT / "tests" / "data" / "real"
LANGUAGES = ("ar", "fa", "en")
DOCBOOK_XSL = Path("/usr/share/xml/docbook/stylesheet/docbook-xsl/html/chunk.xsl")
_RAW_DOCBOOK = re.compile(r"```\{=docbook\}\n.*?\n```\n", re.S)
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)

# The element whose content is the page's documentation, per tool (an XPath on the page):
# what pandoc is given to make the expected text.
CONTENT = {
    "pandoc": "//body",
    "sphinx": "//*[@role='main']",
    "mkdocs": "//*[@role='main']",
    "docbook": "//*[contains(concat(' ', @class, ' '), ' chapter ')]",
    "publican": "//*[contains(concat(' ', @class, ' '), ' chapter ')]",
    "hugo": "//article",
}


def run(command: list[str], **kwargs: object) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True,
                          **kwargs).stdout  # type: ignore[call-overload]


def source(name: str) -> tuple[dict[str, str], str]:
    """A source's front matter (simple ``key: value`` lines) and its Markdown body."""
    text = (SOURCES / name).read_text("utf-8")
    meta: dict[str, str] = {}
    found = _FRONT_MATTER.match(text)
    if found:
        for line in found.group(1).splitlines():
            key, _colon, value = line.partition(":")
            meta[key.strip()] = value.strip()
        text = text[found.end():]
    return meta, text


def without_docbook(markdown: str) -> str:
    """The Markdown without the raw DocBook blocks (sidebars) only DocBook can show."""
    return _RAW_DOCBOOK.sub("", markdown)


def expected_text(page: Path, xpath: str) -> str:
    """pandoc's plain text of the page's content element."""
    tree = lxml.html.document_fromstring(page.read_text("utf-8"))  # every page is UTF-8
    found = tree.xpath(xpath)
    if not found:
        raise SystemExit(f"{page}: no element {xpath}")
    fragment = "".join(lxml.html.tostring(node, encoding="unicode") for node in found)
    return run(["pandoc", "-f", "html", "-t", "plain", "--wrap=none"], input=fragment)


def make_pandoc(language: str, work: Path) -> Path:
    target = work / f"guide.{language}.html"
    run(["pandoc", "-s", "-t", "html5", "--metadata", "pagetitle=guide",
         str(SOURCES / f"guide.{language}.md"), "-o", str(target)])
    return target


def make_sphinx(language: str, work: Path, tools: Path) -> Path:
    meta, body = source(f"guide.{language}.md")
    project = work / f"sphinx-{language}"
    project.mkdir()
    rst = run(["pandoc", "-f", "markdown", "-t", "rst"], input=without_docbook(body))
    (project / "index.rst").write_text(rst, "utf-8")
    (project / "conf.py").write_text(
        f"project = {meta['title']!r}\nlanguage = {language!r}\n"
        "html_theme = 'alabaster'\n", "utf-8")
    run([str(tools / "sphinx-build"), "-q", "-b", "html", str(project), str(project / "_build")])
    return project / "_build" / "index.html"


def make_mkdocs(language: str, work: Path, tools: Path) -> Path:
    meta, body = source(f"guide.{language}.md")
    project = work / f"mkdocs-{language}"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text(without_docbook(body), "utf-8")
    (project / "docs" / "raid.md").write_text("# RAID\n\nRAID.\n", "utf-8")
    (project / "mkdocs.yml").write_text(
        f"site_name: {meta['title']}\ntheme:\n  name: mkdocs\n  locale: {language}\n"
        "nav:\n  - index.md\n  - raid.md\n"
        "markdown_extensions:\n  - tables\n  - footnotes\n  - fenced_code\n  - toc\n",
        "utf-8")
    run([str(tools / "mkdocs"), "build", "-q", "-f", str(project / "mkdocs.yml"),
         "-d", str(project / "site")])
    return project / "site" / "index.html"


def make_docbook(language: str, work: Path) -> Path:
    """A DocBook 4 book (pandoc's writer, chapters at the top), chunked by DocBook XSL: one
    page per chapter, sections numbered, as publishing tools built on DocBook make them."""
    project = work / f"docbook-{language}"
    project.mkdir()
    book = project / "book.xml"
    run(["pandoc", "-s", "-t", "docbook4", "--top-level-division=chapter",
         str(SOURCES / f"guide.{language}.md"), "-o", str(book)])
    text = book.read_text("utf-8")
    # pandoc writes an <article> of chapters: make it the book it is, with its language
    # (DocBook XSL then marks the book's own page with it, not the chapters' pages).
    text = text.replace("DOCTYPE article", "DOCTYPE book", 1)
    text = text.replace("articleinfo>", "bookinfo>").replace("</article>", "</book>")
    text = text.replace("<article>", f'<book lang="{language}">', 1)
    book.write_text(text, "utf-8")
    run(["xsltproc", "--stringparam", "base.dir", f"{project}/",
         "--stringparam", "chunker.output.encoding", "UTF-8",
         "--stringparam", "section.autolabel", "1",
         "--stringparam", "section.label.includes.component.label", "1",
         "--stringparam", "chunk.section.depth", "0",
         str(DOCBOOK_XSL), str(book)])
    return project / "ch01.html"



PUBLICAN_WORDS = {"ar": ("السابق", "التالي", "أعلى", "البداية", "دليل مدير الخادم"),
                  "fa": ("قبلی", "بعدی", "بالا", "خانه", "راهنمای مدیر کارگزار"),
                  "en": ("Prev", "Next", "Up", "Home", "The Server Administrator's Handbook")}


def make_publican(language: str, work: Path) -> Path:
    """The DocBook XSL chapter in the shape of Publican's pages (the tool the issue's Arabic
    handbook was made with, whose Debian package drags in Java and a new Perl): the brand's
    two logo links ("Product Site", "Documentation Site"), ``ul.docnav`` before and after,
    ``div.para`` for every paragraph, the language on the chapter."""
    chapter = make_docbook(language, work)
    tree = lxml.html.parse(str(chapter))
    body = tree.getroot().find("body")
    tree.getroot().find("head").insert(0, lxml.html.fragment_fromstring(
        '<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">'))
    for nav in body.xpath("div[@class='navheader' or @class='navfooter']"):
        body.remove(nav)
    content = body.xpath("//div[@class='chapter']")[0]
    content.set("lang", language)
    for paragraph in content.xpath(".//p[not(ancestor::li) and not(ancestor::td) and "
                                   "not(@class='title')]"):
        paragraph.tag = "div"
        paragraph.set("class", "para")
    previous, following, up, home, book = PUBLICAN_WORDS[language]
    top = lxml.html.fragments_fromstring(
        '<p id="title"><a class="left" href="https://www.debian.org"><img alt="Product Site" '
        'src="Common_Content/images/image_left.png"></a><a class="right" '
        'href="https://example.org/handbook"><img alt="Documentation Site" '
        'src="Common_Content/images/image_right.png"></a></p>'
        f'<ul class="docnav top"><li class="previous"><a accesskey="p" href="index.html">'
        f'<strong>{previous}</strong></a></li><li class="home">{html.escape(book)}</li>'
        f'<li class="next"><a accesskey="n" href="ch02.html"><strong>{following}</strong>'
        "</a></li></ul>")
    bottom = lxml.html.fragment_fromstring(
        f'<ul class="docnav"><li class="previous"><a accesskey="p" href="index.html"><strong>'
        f'{previous}</strong></a></li><li class="up"><a accesskey="u" href="#"><strong>{up}'
        f'</strong></a></li><li class="home"><a accesskey="h" href="index.html"><strong>'
        f'{home}</strong></a></li><li class="next"><a accesskey="n" href="ch02.html"><strong>'
        f"{following}</strong></a></li></ul>")
    for index, element in enumerate(top):
        body.insert(index, element)
    body.append(bottom)
    target = work / "publican.html"
    target.write_bytes(lxml.html.tostring(tree, encoding="utf-8", doctype="<!DOCTYPE html>"))
    return target


HUGO_MENUS = {"ar": ("الرئيسية", "التوثيق", "المدونة"),
              "fa": ("خانه", "مستندات", "وبلاگ"),
              "en": ("Home", "Documentation", "Blog")}


def make_hugo(language: str, work: Path) -> Path:
    meta, body = source(f"guide.{language}.md")
    project = work / f"hugo-{language}"
    (project / "content").mkdir(parents=True)
    (project / "layouts" / "_default").mkdir(parents=True)
    shutil.copyfile(SOURCES / "hugo-single.html",
                    project / "layouts" / "_default" / "single.html")
    (project / "layouts" / "_default" / "list.html").write_text("", "utf-8")
    menu = "".join(f"[[menu.main]]\nname = {name!r}\nurl = '/{index}/'\nweight = {index}\n"
                   for index, name in enumerate(HUGO_MENUS[language]))
    (project / "config.toml").write_text(
        f"baseURL = 'https://example.org/'\nlanguageCode = '{language}'\n"
        f"title = {meta['title']!r}\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap']\n"
        f"{menu}", "utf-8")
    (project / "content" / "guide.md").write_text(
        f"---\ntitle: {meta['title']!r}\n---\n{without_docbook(body)}", "utf-8")
    run(["hugo", "--quiet", "-s", str(project)])
    return project / "public" / "guide" / "index.html"


# -- a WordPress-like news page -------------------------------------------------------------

NEWS_WORDS = {
    "ar": {"site": "صحيفة المدينة", "menu": ("الرئيسية", "أخبار محلية", "ثقافة", "رياضة",
                                             "اقتصاد", "اتصل بنا"),
           "by": "بقلم", "author": "سارة يوسف", "date": "12 مايو 2024",
           "category": "أخبار محلية", "tags": "الوسوم: مكتبات، إصلاح، بيئة",
           "share": ("شارك على فيسبوك", "شارك على إكس", "أرسل بالبريد"),
           "previous": "المقال السابق: افتتاح حديقة جديدة في الحي الشرقي",
           "next": "المقال التالي: مهرجان الكتاب يعود في الخريف",
           "comments": "تعليقان على «المكتبة العامة تفتتح أول مقهى للإصلاح»",
           "comment": ("أحمد", "فكرة رائعة، أتمنى أن تنتشر في كل الأحياء.",
                       "ليلى", "هل يقبلون الساعات القديمة؟"),
           "reply": "اترك تعليقاً", "search": "بحث عن:", "recent": "أحدث المقالات",
           "posts": ("افتتاح حديقة جديدة في الحي الشرقي", "مهرجان الكتاب يعود في الخريف",
                     "المجلس البلدي يناقش ميزانية النقل"),
           "categories": "التصنيفات", "archive": "الأرشيف",
           "footer": "جميع الحقوق محفوظة © 2024 صحيفة المدينة. يعمل بـ ووردبريس.",
           "cookie": "يستخدم هذا الموقع ملفات تعريف الارتباط لتحسين تجربتك. بمتابعة التصفح "
                     "فإنك توافق على سياسة الخصوصية.", "accept": "موافق"},
    "fa": {"site": "روزنامهٔ شهر", "menu": ("خانه", "اخبار محلی", "فرهنگ", "ورزش",
                                           "اقتصاد", "تماس با ما"),
           "by": "نوشتهٔ", "author": "سارا یوسفی", "date": "۲۳ اردیبهشت ۱۴۰۳",
           "category": "اخبار محلی", "tags": "برچسب‌ها: کتابخانه، تعمیر، محیط زیست",
           "share": ("هم‌رسانی در فیسبوک", "هم‌رسانی در ایکس", "فرستادن با رایانامه"),
           "previous": "نوشتهٔ پیشین: گشایش بوستان تازه در محلهٔ شرقی",
           "next": "نوشتهٔ بعدی: جشنوارهٔ کتاب در پاییز بازمی‌گردد",
           "comments": "دو دیدگاه برای «کتابخانهٔ شهر نخستین کافهٔ تعمیر را گشود»",
           "comment": ("احمد", "چه فکر خوبی، کاش در همهٔ محله‌ها باشد.",
                       "لیلا", "ساعت‌های قدیمی را هم می‌پذیرند؟"),
           "reply": "دیدگاهی بنویسید", "search": "جستجو برای:", "recent": "نوشته‌های تازه",
           "posts": ("گشایش بوستان تازه در محلهٔ شرقی", "جشنوارهٔ کتاب در پاییز بازمی‌گردد",
                     "شورای شهر بودجهٔ حمل‌ونقل را بررسی می‌کند"),
           "categories": "دسته‌ها", "archive": "بایگانی",
           "footer": "همهٔ حقوق محفوظ است © ۱۴۰۳ روزنامهٔ شهر. نیرو گرفته از وردپرس.",
           "cookie": "این وبگاه برای بهتر کردن تجربهٔ شما از کوکی استفاده می‌کند. با ادامهٔ "
                     "مرور، سیاست حریم خصوصی را می‌پذیرید.", "accept": "پذیرفتم"},
    "en": {"site": "The City Gazette", "menu": ("Home", "Local news", "Culture", "Sport",
                                                "Economy", "Contact us"),
           "by": "By", "author": "Sarah Young", "date": "May 12, 2024",
           "category": "Local news", "tags": "Tags: libraries, repair, environment",
           "share": ("Share on Facebook", "Share on X", "Send by email"),
           "previous": "Previous post: A new park opens in the east district",
           "next": "Next post: The book festival returns in autumn",
           "comments": "2 thoughts on “City library opens its first repair café”",
           "comment": ("Ahmed", "Great idea, I hope every district gets one.",
                       "Layla", "Do they accept old watches too?"),
           "reply": "Leave a Reply", "search": "Search for:", "recent": "Recent Posts",
           "posts": ("A new park opens in the east district", "The book festival returns in "
                     "autumn", "Council debates the transport budget"),
           "categories": "Categories", "archive": "Archives",
           "footer": "© 2024 The City Gazette. Proudly powered by WordPress.",
           "cookie": "This website uses cookies to improve your experience. By continuing "
                     "to browse you accept our privacy policy.", "accept": "Accept"},
}


def make_news(language: str, work: Path) -> Path:
    """A news page in the shape WordPress themes (Twenty Twenty-One and the like) give:
    the article inside ``<main>`` together with the post navigation and the comments."""
    words = {key: value for key, value in NEWS_WORDS[language].items()}
    body = run(["pandoc", "-f", "markdown", "-t", "html5", "--wrap=none",
                str(SOURCES / f"news.{language}.md")])
    title_match = re.search(r"<h1[^>]*>(.*?)</h1>\n?", body)
    assert title_match is not None
    title, body = title_match.group(1), body.replace(title_match.group(0), "", 1)
    e = html.escape
    rtl = ' dir="rtl"' if language in ("ar", "fa") else ""
    menu = "".join(f'<li class="menu-item"><a href="/{i}/">{e(name)}</a></li>'
                   for i, name in enumerate(words["menu"]))
    share = "".join(f'<li><a class="share" href="#">{e(name)}</a></li>'
                    for name in words["share"])
    posts = "".join(f'<li><a href="/p{i}/">{e(name)}</a></li>'
                    for i, name in enumerate(words["posts"]))
    c = words["comment"]
    page = string.Template((SOURCES / "wordpress.html").read_text("utf-8")).substitute(
        language=language,
        rtl=rtl,
        title=title,
        site=e(words["site"]),
        menu=menu,
        by=e(words["by"]),
        author=e(words["author"]),
        date=e(words["date"]),
        body=body,
        category=e(words["category"]),
        tags=e(words["tags"]),
        share=share,
        previous=e(words["previous"]),
        next=e(words["next"]),
        comments=e(words["comments"]),
        c0=e(c[0]),
        c1=e(c[1]),
        c2=e(c[2]),
        c3=e(c[3]),
        reply=e(words["reply"]),
        search=e(words["search"]),
        recent=e(words["recent"]),
        posts=posts,
        categories=e(words["categories"]),
        archive=e(words["archive"]),
        footer=e(words["footer"]),
        cookie=e(words["cookie"]),
        accept=e(words["accept"]))
    target = work / f"news.{language}.html"
    target.write_text(page, "utf-8")
    return target


NEWS_BODY = ("//*[contains(concat(' ', @class, ' '), ' entry-title ')]"
             " | //*[contains(concat(' ', @class, ' '), ' entry-content ')]")


def versions(tools: Path) -> str:
    lines = []
    for name, command in (("pandoc", ["pandoc", "--version"]),
                          ("sphinx", [str(tools / "sphinx-build"), "--version"]),
                          ("mkdocs", [str(tools / "mkdocs"), "--version"]),
                          ("xsltproc", ["xsltproc", "--version"]),
                          ("hugo", ["hugo", "version"])):
        try:
            lines.append(f"{name}: {run(command).splitlines()[0]}")
        except (OSError, subprocess.CalledProcessError):
            lines.append(f"{name}: not found")
    docbook = Path("/usr/share/xml/docbook/stylesheet/docbook-xsl/VERSION")
    if docbook.exists():
        found = re.search(r"<fm:Version>(.*?)</fm:Version>", docbook.read_text("utf-8"))
        lines.append(f"docbook-xsl: {found.group(1) if found else '?'}")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tools", type=Path, default=Path(sys.executable).parent,
                        help="the directory holding sphinx-build and mkdocs")
    args = parser.parse_args()
    os.environ["SOURCE_DATE_EPOCH"] = "1715500000"  # build dates in the pages: fixed
    makers = {
        "pandoc": lambda lang, work: make_pandoc(lang, work),
        "sphinx": lambda lang, work: make_sphinx(lang, work, args.tools),
        "mkdocs": lambda lang, work: make_mkdocs(lang, work, args.tools),
        "docbook": make_docbook,
        "publican": make_publican,
        "hugo": make_hugo,
        "wordpress": make_news,
    }
    needs = {"sphinx": args.tools / "sphinx-build", "mkdocs": args.tools / "mkdocs",
             "docbook": DOCBOOK_XSL, "publican": DOCBOOK_XSL, "hugo": shutil.which("hugo")}
    if not shutil.which("pandoc"):
        print("pandoc is needed for every page", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        for tool, make in makers.items():
            needed = needs.get(tool)
            if (needed is None and tool in needs) or (needed and not os.path.exists(needed)):
                print(f"{tool}: not installed, skipped", file=sys.stderr)
                continue
            (OUT / tool).mkdir(parents=True, exist_ok=True)
            for language in LANGUAGES:
                place = work / tool / language
                place.mkdir(parents=True)
                made = make(language, place)
                name = "news" if tool == "wordpress" else "guide"
                page = OUT / tool / f"{name}.{language}.html"
                shutil.copyfile(made, page)
                xpath = NEWS_BODY if tool == "wordpress" else CONTENT[tool]
                (OUT / tool / f"{name}.{language}.txt").write_text(
                    expected_text(page, xpath), "utf-8")
                (OUT / tool / f"{name}.{language}.page.txt").write_text(
                    expected_text(page, "//body"), "utf-8")
                print(f"{page.relative_to(ROOT)}: {page.stat().st_size} bytes")
    (OUT / "VERSIONS").write_text(versions(args.tools), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
