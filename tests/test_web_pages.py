"""Web pages made by real publishing tools lose nothing of their content (issue 23).

The pages in tests/data/real/ were made by Sphinx, MkDocs, DocBook XSL, pandoc, Hugo and in
the shape of a WordPress theme (scripts/make_real_pages.py); beside each is pandoc's plain
text of its content, the independent measure. The figures table is
benchmarks/bench_web_recall.py's.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main
from reader.content.document import Document
from reader.content.formats import load_document
from tests.real_pages import DOCUMENTATION, REAL, document_words, expected, measure, pages

RECALL = 0.97
BOILERPLATE = 0.10


@pytest.mark.parametrize(("tool", "language", "page"), pages(),
                         ids=[f"{tool}-{language}" for tool, language, _page in pages()])
def test_real_pages_keep_their_content(tool: str, language: str, page: Path) -> None:
    figures = measure(load_document(page), expected(page))
    assert figures.recall >= RECALL
    if tool not in DOCUMENTATION:  # a news page: the story, not the site around it
        assert figures.boilerplate <= BOILERPLATE


@pytest.mark.parametrize(("tool", "language", "page"), pages(),
                         ids=[f"{tool}-{language}" for tool, language, _page in pages()])
def test_real_pages_whole_with_extract_page(tool: str, language: str, page: Path) -> None:
    figures = measure(load_document(page, extract="page"), expected(page, "page"))
    assert figures.recall >= RECALL


def test_every_tool_and_language_is_measured() -> None:
    made = {(tool, language) for tool, language, _page in pages()}
    assert len(made) == 21


def _lines(document: Document, kind: str) -> list[str]:
    return [text for block, text in zip(document.blocks, document.paragraphs)
            if block.kind == kind]


@pytest.fixture(scope="module")
def docbook_ar() -> Document:
    """The issue's case: an Arabic documentation chapter made by DocBook XSL (inline
    ``<code>`` in sentences, a sidebar, ``<pre>`` listings, numbered sections)."""
    return load_document(REAL / "docbook" / "guide.ar.html")


def test_inline_code_stays_inside_its_sentence(docbook_ar: Document) -> None:
    sentence = "يحتاج إعداد RAID لحزمة mdadm؛ التي توفر الأمر mdadm الذي ينشئ المصفوفات"
    index = next(i for i, text in enumerate(docbook_ar.paragraphs) if sentence in text)
    text = docbook_ar.paragraphs[index]
    assert text.startswith("يشرح هذا الفصل")  # the words before the <code> are there
    codes = [text[s.start:s.end] for s in docbook_ar.blocks[index].spans if s.style == "code"]
    assert codes == ["mdadm", "mdadm", "lvm2"]


def test_headings_with_their_levels_make_the_contents(docbook_ar: Document) -> None:
    headings = [(h.level, h.text) for h in docbook_ar.headings()]
    assert headings[0][1].endswith("التخزين على خادم صغير")
    assert (3, "1.3.1.\xa0مثال عملي") in headings
    assert len(headings) == 6
    assert docbook_ar.title == headings[0][1]
    assert docbook_ar.title_direction == "rtl"


def test_pre_is_left_to_right_code_lines_in_a_right_to_left_page(docbook_ar: Document) -> None:
    code = [(text, docbook_ar.direction(i)) for i, (block, text) in enumerate(
        zip(docbook_ar.blocks, docbook_ar.paragraphs)) if block.kind == "code"]
    assert code[:4] == [("apt update", "ltr"), ("apt install mdadm lvm2", "ltr"),
                        ("mdadm --create /dev/md0 --level=1 --raid-devices=2 /dev/sdb1 "
                         "/dev/sdc1", "ltr"), ("cat /proc/mdstat", "ltr")]
    assert {docbook_ar.direction(i) for i, block in enumerate(docbook_ar.blocks)
            if block.kind == "paragraph"} == {"rtl"}


def test_sidebars_lists_tables_quotes_and_footnotes_are_kept(docbook_ar: Document) -> None:
    text = docbook_ar.text
    assert "عتاد أم برمجيات؟" in docbook_ar.paragraphs  # the sidebar's title, and its text
    assert "يخفي المتحكم العتادي الأقراص" in text
    items = [(block.marker, text) for block, text in zip(docbook_ar.blocks, docbook_ar.paragraphs)
             if block.kind == "list_item" and block.marker]
    assert ("1.", "تحقق من أن للقسمين الحجم نفسه.") in items
    assert ("◦", "يحتمل تعطل قرص واحد؛") in items
    assert "RAID 10\t4 تيرابايت\t1 أو 2\tقواعد البيانات" in _lines(docbook_ar, "table_row")
    quotes = _lines(docbook_ar, "quote")
    assert any(line.startswith("المرآة التي لا يراقبها أحد") for line in quotes)
    assert any("يمكن التصغير أيضاً" in line for line in docbook_ar.paragraphs)


def test_adjacent_images_are_a_line_each() -> None:
    """Issue 25, point 9: «Product SiteDocumentation Site»."""
    for tool in ("pandoc", "sphinx", "mkdocs", "hugo"):
        document = load_document(REAL / tool / "guide.en.html")
        lines = document.paragraphs
        assert "Product Site" in lines and "Documentation Site" in lines, tool
        assert not any("Product SiteDocumentation" in line for line in lines), tool


def test_a_figure_caption_is_its_own_line_once(tmp_path: Path) -> None:
    page = tmp_path / "figure.html"
    page.write_text('<body><p>قبل</p><figure><img src="a.png" alt="صورة"><figcaption>صورة'
                    '</figcaption></figure><figure><img src="b.png" alt="لوحة"><figcaption>'
                    'لوحة <em>الجهاز</em></figcaption></figure></body>', "utf-8")
    document = load_document(page)
    assert document.paragraphs == ["قبل", "صورة", "لوحة", "لوحة الجهاز"]
    assert document.blocks[1].spans[0].url == "a.png"


def test_persian_keeps_its_zero_width_non_joiners() -> None:
    document = load_document(REAL / "wordpress" / "news.fa.html")
    assert "می\u200cکنند" in document.text
    assert "\u200c" in document.title or "کتابخانهٔ" in document.title


def test_a_news_page_shows_its_story_not_the_site(tmp_path: Path) -> None:
    document = load_document(REAL / "wordpress" / "news.en.html")
    assert document.title == "City library opens its first repair café"
    assert document.title_direction == "auto"
    assert document.extraction == "article" and document.notice == ""
    text = document.text
    for site in ("Skip to content", "Local news", "Share on", "Previous post", "Leave a Reply",
                 "Great idea", "Recent Posts", "Proudly powered", "cookies", "Accept"):
        assert site not in text, site
    arabic = load_document(REAL / "wordpress" / "news.ar.html")
    assert arabic.title == "المكتبة العامة تفتتح أول مقهى للإصلاح في المدينة"
    assert arabic.title_direction == "rtl"


def test_extract_page_shows_everything(tmp_path: Path) -> None:
    page = REAL / "wordpress" / "news.en.html"
    whole = load_document(page, extract="page")
    assert whole.extraction == "page"
    for site in ("Local news", "Previous post", "Great idea", "Recent Posts", "cookies"):
        assert site in whole.text, site
    article = load_document(page)
    assert set(document_words(article)) <= set(document_words(whole))


def test_headerlink_signs_stay_out_of_headings() -> None:
    document = load_document(REAL / "sphinx" / "guide.en.html")
    assert [h.text for h in document.headings()][:2] == ["Storage on a Small Server",
                                                         "Why redundancy matters"]
    assert "¶" not in document.text


_LONG = " ".join(f"كلمة{n}" for n in range(300))


def test_recall_guard_when_the_main_element_holds_little(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture) -> None:
    page = tmp_path / "page.html"
    page.write_text(f'<html lang="ar"><body><nav><a href="/">الرئيسية</a></nav><main><p>مقدمة'
                    f'</p></main><div class="content"><p>{_LONG}</p></div></body></html>',
                    "utf-8")
    document = load_document(page)
    assert _LONG in document.paragraphs and "مقدمة" in document.paragraphs
    assert "الرئيسية" not in document.text  # still no navigation
    assert "1 of 301 words" in document.notice
    assert main(["render", str(page), "--width", "60"]) == 0
    captured = capsys.readouterr()
    assert "showing all of the page's content" in captured.err
    assert "299" in captured.out


def test_recall_guard_when_boilerplate_classes_cover_the_content(tmp_path: Path) -> None:
    """A theme that calls its content column "social-content": the article is not left out
    because of a class name."""
    page = tmp_path / "page.html"
    page.write_text(f'<body><main><div class="social-content"><h1>عنوان</h1><p>{_LONG}</p>'
                    '</div><p>تذييل</p></main></body>', "utf-8")
    document = load_document(page)
    assert document.paragraphs == ["عنوان", _LONG, "تذييل"]
    assert document.notice
    quiet = tmp_path / "quiet.html"
    quiet.write_text(f'<body><main><h1>عنوان</h1><p>{_LONG}</p><div class="share">شارك</div>'
                     '</main></body>', "utf-8")
    document = load_document(quiet)
    assert document.paragraphs == ["عنوان", _LONG] and not document.notice


def test_largest_content_container_without_main(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(f'<body><div class="top"><a href="/">الرئيسية</a> <a href="/a">أخبار</a>'
                    f'</div><div id="wrap"><div class="text"><p>{_LONG}</p><p>آخر</p></div>'
                    '</div><div class="copyright">حقوق</div></body>', "utf-8")
    document = load_document(page)
    assert document.paragraphs == [_LONG, "آخر"]


def test_extract_option_on_the_command_line(tmp_path: Path,
                                            capsys: pytest.CaptureFixture) -> None:
    page = str(REAL / "wordpress" / "news.en.html")
    assert main(["render", page, "--extract", "page", "--width", "100"]) == 0
    assert "Recent Posts" in capsys.readouterr().out
    assert main(["search", "Recent", page]) != 0 or "Recent" not in capsys.readouterr().out
    assert main(["search", "Recent", page, "--extract", "page"]) == 0
    assert main(["render", page, "--extract", "everything"]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "--extract" in error


def test_a_page_nested_deeper_than_python_recurses_keeps_its_words(tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    depth = 1500
    page.write_text("<body><h1>عنوان</h1>" + "<div>" * depth + "<p>نص <b>عريض</b> بعده</p>"
                    "<p>ثان</p>" + "</div>" * depth + "<p>آخر</p></body>", "utf-8")
    document = load_document(page)
    assert document.paragraphs == ["عنوان", "نص عريض بعده", "ثان", "آخر"]


def test_class_names_are_judged_by_whole_words(tmp_path: Path) -> None:
    """``shared-library`` is no share button, a post in the category "social" is no social
    widget, and an inline span in code is never judged by its class."""
    page = tmp_path / "page.html"
    page.write_text('<body><main><div class="post category-social tag-cookies"><h1>Libraries'
                    '</h1><div class="shared-library"><p>Linking a shared library.</p></div>'
                    '<pre><span class="hljs-comment"># a comment</span>\nls</pre>'
                    '<div class="share-buttons"><a href="#">Share</a></div></div></main>'
                    '</body>', "utf-8")
    document = load_document(page)
    assert document.paragraphs == ["Libraries", "Linking a shared library.", "# a comment",
                                   "ls"]


def test_the_title_keeps_its_own_direction(tmp_path: Path) -> None:
    """Issue 25, point 3: «B.5. فضاء المستخدم», the title of an Arabic manual's page that
    says no direction, starts with a Latin letter but reads right to left."""
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>B.5. فضاء المستخدم</title></head><body>"
                    "<p>تعمل البرامج في فضاء المستخدم.</p><p>Linux يدير العمليات.</p>"
                    "<pre>ps aux</pre></body></html>", "utf-8")
    document = load_document(page)
    assert (document.title, document.title_direction) == ("B.5. فضاء المستخدم", "rtl")
    english = tmp_path / "english.html"
    english.write_text("<html><head><title>B.5. User space</title></head><body><p>Programs "
                       "run in user space.</p></body></html>", "utf-8")
    assert load_document(english).title_direction == "auto"
    marked = tmp_path / "marked.html"
    marked.write_text('<html lang="en"><body><h1 dir="rtl">عنوان</h1><p>Text.</p></body>'
                      "</html>", "utf-8")
    assert load_document(marked).title_direction == "rtl"


@pytest.mark.parametrize(("html", "paragraphs", "noticed"), [
    ("<body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body>", ["Home About"],
     True),  # a page of menus only: shown, not an empty article
    ("<!-- nothing but a comment -->", [], False),
    ("<html></html>", [], False),
    ("<body><div hidden>secret</div><p>shown</p></body>", ["shown"], False),
])
def test_odd_pages_open(tmp_path: Path, html: str, paragraphs: list[str],
                        noticed: bool) -> None:
    page = tmp_path / "odd.html"
    page.write_text(html, "utf-8")
    document = load_document(page)
    assert document.paragraphs == paragraphs
    assert bool(document.notice) == noticed


def test_a_sphinx_footnote_reads_label_then_text() -> None:
    document = load_document(REAL / "sphinx" / "guide.en.html")
    assert "[1] On other distributions the packages may be called mdadm and lvm2 as well." \
        in document.paragraphs


def test_mathml_is_shown_as_its_tex(tmp_path: Path) -> None:
    page = tmp_path / "math.html"
    page.write_text('<body><p>Energy <math display="inline"><semantics><mrow><mi>E</mi>'
                    '<mo>=</mo><mi>m</mi><msup><mi>c</mi><mn>2</mn></msup></mrow><annotation '
                    'encoding="application/x-tex">E = mc^2</annotation></semantics></math> '
                    'here, and <math><mi>x</mi><mo>+</mo><mn>1</mn></math>.</p></body>',
                    "utf-8")
    document = load_document(page)
    assert document.paragraphs == ["Energy E = mc^2 here, and x + 1."]
    assert [s.style for s in document.blocks[0].spans] == ["code", "code"]
