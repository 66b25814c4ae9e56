"""Which part of a web page is its content, and which parts are the site around it.

Two ways to read a page (``--extract``):

- ``page``: the whole body, as a browser shows it (hidden elements and a heading's
  permalink sign left out);
- ``article`` (the default): the page's **content root**, with the site's **boilerplate**
  inside it left out.

The content root is the page's ``<main>`` (or ``role="main"``), else the largest content
container (from the body down, the child holding most of its parent's words, as long as
one does); inside it, an ``<article>`` holding most of its words (a news page's story,
without the post navigation and comments WordPress themes put beside it in ``<main>``).

Boilerplate is what sites mark as such: ``nav``, the landmark roles ``navigation``,
``banner``, ``contentinfo``, ``complementary`` and ``search``, a page footer, and blocks whose
class or id names menus, breadcrumbs, share buttons, comments, related posts, widgets,
cookie or consent notes, adverts and newsletters. Nothing is judged by how a text reads:
documentation (sidebars, tables of contents, footnotes, admonitions) passes whole.

The recall guard: when leaving boilerplate out would drop most of the content root's words,
or the content root holds little of the page's, the extraction is wrong for this page and
the wider text is shown instead, with a notice saying so (:attr:`Choice.notice`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reader.content.formats.markup import SKIPPED, local_name

EXTRACT_MODES = ("article", "page")
DEFAULT_EXTRACT = "article"

# The guard: a narrower choice must keep at least this share of the wider one's words...
KEEP = 0.5
# ...unless what it leaves out is this few words (a short page with a long menu).
FEW_WORDS = 120
# The largest content container: go down to a child that holds this share of its parent's
# words, when the words beside it that are not links are at most this share.
DESCEND = 0.8
BESIDE = 0.03
_CONTAINERS = frozenset({"body", "div", "section", "article", "main", "center", "td"})

_BOILERPLATE_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary",
                                "search", "menu", "menubar"})
# A class or id that is one of these names...
_BOILERPLATE_TOKENS = re.compile(r"""^(?:
    nav|navbar|navheader|navfooter|nav-links|docnav|breadcrumbs?|skip-links?|skiplink|
    screen-reader-text|sr-only|visually-hidden|
    related|related-posts|yarpp-related|
    site-header|site-footer|page-footer|masthead|colophon|footer|
    post-navigation|posts-navigation|pagination|tags-links|cat-links|entry-footer|
    popup|modal|toolbar|search-form|searchbox|ad|ads|promo|banner
)$""", re.X)
# ...or one of these words as a part of it (``cn-set-cookie``, ``comments-area``,
# ``primary-menu-container``), never as a piece of a word (``shared-library`` is content).
_BOILERPLATE_WORDS = frozenset({
    "cookie", "cookies", "consent", "gdpr", "share", "sharing", "sharedaddy", "social",
    "comment", "comments", "respond", "breadcrumb", "breadcrumbs", "advert", "adverts",
    "advertisement", "ad", "ads", "sponsor", "sponsored", "widget", "widgets", "newsletter",
    "subscribe", "navigation", "nav", "navbar", "menu", "menus", "related", "popup"})
_TOKEN_PARTS = re.compile(r"[-_.:]+")
_TAXONOMIES = ("category-", "tag-", "post_tag-", "format-")
# Only blocks are judged by their class: an inline ``<span class="hljs-comment">`` in code
# is content.
_JUDGED = frozenset({"div", "section", "aside", "nav", "header", "footer", "ul", "ol", "dl",
                     "table", "p", "form", "li"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def is_hidden(element: Any) -> bool:
    """Not shown by a browser (``hidden``, ``display: none``), or a heading's permalink
    sign (Sphinx's ``¶``, shown on hover)."""
    if element.get("hidden") is not None:
        return True
    style = element.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    classes = element.get("class")
    return bool(classes) and "headerlink" in classes.split()


def is_boilerplate(element: Any) -> bool:
    """Part of the site around the content, by what the page says it is (see the module's
    docstring)."""
    name = local_name(element.tag)
    if name == "nav":
        return True
    role = (element.get("role") or "").strip().lower()
    if role in _BOILERPLATE_ROLES:
        return True
    if name == "footer":
        parent = element.getparent()
        # A quotation's or a figure's footer is its attribution: content.
        return parent is None or local_name(parent.tag) not in ("blockquote", "figure")
    if name not in _JUDGED:
        return False
    for attribute in ("class", "id"):
        value = element.get(attribute)
        if not value:
            continue
        for token in value.lower().split():
            if token.startswith(_TAXONOMIES):
                continue  # WordPress's category-social, tag-cookies: what the post is about
            if _BOILERPLATE_TOKENS.match(token) or \
                    not _BOILERPLATE_WORDS.isdisjoint(_TOKEN_PARTS.split(token)):
                return True
    return False


def skip_hidden(element: Any) -> bool:
    return is_hidden(element)


def skip_boilerplate(element: Any) -> bool:
    return is_hidden(element) or is_boilerplate(element)


class WordCounts:
    """Words inside each element of a tree (runs between white space), and how many of them
    are a link's, counted once (``skip``: subtrees not counted)."""

    def __init__(self, root: Any, skip: Callable[[Any], bool]) -> None:
        self.counts: dict[Any, int] = {}
        self.links: dict[Any, int] = {}
        self.skip = skip
        self._count(root)

    def _count(self, element: Any) -> tuple[int, int]:
        name = local_name(element.tag)
        total = links = 0
        if name and name not in SKIPPED and not self.skip(element):
            total = len((element.text or "").split())
            for child in element:
                words, link_words = self._count(child)
                total += words + len((child.tail or "").split())
                links += link_words
            if name == "a":
                links = total
        self.counts[element] = total
        self.links[element] = links
        return total, links

    def __getitem__(self, element: Any) -> int:
        return self.counts.get(element, 0)


@dataclass(frozen=True)
class Choice:
    """What to walk: ``root`` with ``skip`` (elements left out with their content), the
    mode used, and a notice when the recall guard widened the choice."""

    root: Any
    skip: Callable[[Any], bool]
    mode: str
    notice: str = ""
    found: int = 0  # the narrower choice's words, when the guard widened it
    total: int = 0  # the wider text's words


def _inside_boilerplate(element: Any, stop: Any) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not stop:
        if is_boilerplate(parent) or is_hidden(parent):
            return True
        parent = parent.getparent()
    return False


def _descend(node: Any, counts: WordCounts) -> Any:
    """The largest content container under ``node``: down into a container child holding
    most of its parent's words, as long as what is beside it is links (a menu) or next to
    nothing: no text of the page is left out by going down."""
    while True:
        total = counts[node]
        children = [child for child in node if isinstance(child.tag, str)]
        best = max(children, key=lambda child: counts[child], default=None)
        if not total or best is None or local_name(best.tag) not in _CONTAINERS \
                or counts[best] < DESCEND * total:
            return node
        beside = total - counts[best] - sum(counts.links.get(child, 0)
                                            for child in children if child is not best)
        if beside > BESIDE * total:
            return node
        node = best


def content_root(body: Any, counts: WordCounts) -> Any:
    """The page's content root (see the module's docstring)."""
    mains = [element for element in body.iter()
             if isinstance(element.tag, str)
             and (local_name(element.tag) == "main"
                  or (element.get("role") or "").strip().lower() == "main")
             and not _inside_boilerplate(element, body)]
    main = max(mains, key=lambda element: counts[element], default=None)
    root = main if main is not None and counts[main] else _descend(body, counts)
    articles = [element for element in root.iter("article")
                if element is not root and not _inside_boilerplate(element, root)]
    article = max(articles, key=lambda element: counts[element], default=None)
    if article is not None and counts[article] >= 0.6 * counts[root]:
        root = article
    return root


def _narrow_enough(found: int, total: int) -> bool:
    """Whether ``found`` words of ``total`` are a fair choice: most of them, or all but a
    few (but never none of a text that has some: a page of menus only is shown whole)."""
    return found >= KEEP * total or (found > 0 and total - found <= FEW_WORDS)


def choose(body: Any, mode: str) -> Choice:
    """What of the page's ``body`` to show in ``mode`` (``article`` or ``page``)."""
    if mode == "page":
        return Choice(body, skip_hidden, "page")
    plain = WordCounts(body, skip_boilerplate)
    root = content_root(body, plain)
    page_words = plain[body]
    if not _narrow_enough(plain[root], page_words):
        # The content root holds little of the page's text: the page's text, less its
        # boilerplate, is the content.
        return Choice(body, _skip_inside(body), "article", "widened", plain[root], page_words)
    # Counted only when it may matter: the root's whole text is at most this many words.
    if _narrow_enough(plain[root], len(root.text_content().split())):
        return Choice(root, _skip_inside(root), "article")
    whole = WordCounts(root, skip_hidden)
    if not _narrow_enough(plain[root], whole[root]):
        # Most of the content root is marked as boilerplate: believe the root instead.
        return Choice(root, skip_hidden, "article", "widened", plain[root], whole[root])
    return Choice(root, _skip_inside(root), "article")


def _skip_inside(root: Any) -> Callable[[Any], bool]:
    """Boilerplate left out inside ``root``, never ``root`` itself (a content column a
    theme named like a widget)."""
    return lambda element: element is not root and skip_boilerplate(element)
