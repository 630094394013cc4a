"""The headline of an HTML page, told apart from site chrome and captions.

trafilatura's title comes from ``og:title``, else the only ``<h1>``, else the first
heading with a title-like class (a figure caption can have one), else ``<title>``. A
page's own chrome then wins too easily: a logo or section ``<h1>`` ("… Health Center")
or a section name in ``og:title``. :func:`choose_headline` weighs the page's evidence:

1. an ``<h1>`` (other than the site's name) that the page's titles (``og:title``,
   ``twitter:title``, ``<title>``) confirm is the headline: when ``<title>`` and an ``<h1>``
   agree, that is the title, even if the navigation lists it too (breadcrumbs do);
2. else the first candidate that is not chrome, in this order: the heading that starts the
   extracted body, ``og:title``/``twitter:title``, trafilatura's title, the other ``<h1>``,
   with a site name trailing or leading it cut off;
3. else the longest part of ``<title>`` that is not chrome; else the first candidate that is
   not the site's name.

Chrome is the site's name (``og:site_name``, ``twitter:site``, trafilatura's site name),
the short link texts of the page's navigation (``<nav>``, ``role=navigation``, menus and
breadcrumbs; up to ``MAX_SECTION_WORDS`` words) and the section names a ``<title>``
puts beside the headline (``Opinion | Headline | Section | Site``: its short parts other than
the longest). Texts are compared as case-folded words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import lxml.html
from lxml import etree

from newsstream.cleaning.unicode import collapse_space

# <title> separators: a dash, bar, bullet or angle quote with space on both sides
# (trafilatura's HTMLTITLE_REGEX set; "Hong Kong chaos: China ..." is not split).
TITLE_SEPARATOR = re.compile(r"\s+[–•·—|⁄*⋆~‹«<›»>:/-]{1,2}\s+")
# Navigation containers: <nav>, role=navigation, and classes naming a nav, menu or
# breadcrumb trail as a word ("site-nav", "breadcrumb", not "canvas").
NAV_CLASS = re.compile(r"(?<![a-z])(?:nav|navbar|navigation|menu|breadcrumbs?|site-header)(?![a-z])", re.I)
META_TITLES = ("og:title", "twitter:title")
META_SITE_NAMES = ("og:site_name", "twitter:site")  # not application-name: some pages put the headline there
WORD = re.compile(r"\w+")
MAX_H1 = 20  # <h1> elements looked at (a page has one to three; bounds hostile pages)
MAX_TITLE_CHARS = 300  # a longer "headline" is a paragraph styled as a heading
# A text confirms a headline that covers at least this share of its words: a <title> of
# "Headline | Site" is mostly headline, a section name ("Heart Health Center") is a small part.
MIN_COVER = 0.5
MIN_CONTAINED_WORDS = 3  # a shorter heading found inside a title proves nothing
# Navigation texts of more than this many words are stories (the breadcrumb's current page,
# a trending list), not sections: section labels are short ("Heart Health Center").
MAX_SECTION_WORDS = 5


@dataclass(slots=True)
class TitleEvidence:
    """What a page says about its title, gathered once from the parsed tree.

    ``sites``: the site's names; ``chrome``: those, the navigation's link texts and the
    section names a ``<title>`` trails (all as :func:`_norm` keys).
    """

    h1s: list[str]
    metas: list[str]
    html_title: str | None
    sites: set[str]
    chrome: set[str]


def gather(
    tree: lxml.html.HtmlElement, site_name: str | None, nav_roots: list[etree._Element] | None = None
) -> TitleEvidence:
    """The page's ``<h1>`` texts, meta titles, ``<title>`` and chrome texts.

    :param nav_roots: the page's navigation containers in document order, when a pass over
        the page already found them (:func:`is_nav`); else they are looked for here.
    """
    h1s: list[str] = []
    metas: dict[str, str] = {}
    html_title = None
    sites = {_norm(site_name)} if site_name else set()
    for el in tree.iter("h1", "meta", "title"):
        tag = el.tag
        if tag == "h1" and len(h1s) < MAX_H1:
            text = collapse_space(el.text_content())
            if text and len(text) <= MAX_TITLE_CHARS:
                h1s.append(text)
        elif tag == "meta":
            key = el.get("property") or el.get("name") or ""
            content = collapse_space(el.get("content") or "")
            if content and key in META_TITLES:
                metas.setdefault(key, content)
            elif content and key in META_SITE_NAMES:
                sites.add(_norm(content.lstrip("@")))
        elif tag == "title" and html_title is None and not _in_svg(el):  # an icon's <title> is not the page's
            html_title = collapse_space(el.text_content()) or None
    sites.discard("")
    chrome = set(sites)
    for el in _within(_nav_roots(tree) if nav_roots is None else nav_roots):
        if el.tag == "a":
            text = _norm(el.text_content())
        elif el.tag == "li" and el.text:  # a breadcrumb's item that is not a link
            text = _norm(el.text)
        else:
            continue
        if text.count(" ") < MAX_SECTION_WORDS:
            chrome.add(text)
    if html_title:  # the short parts beside the headline: "Opinion | Headline | Section | Site"
        parts = [_norm(p) for p in segments(html_title)]
        longest = max(parts, key=len)
        chrome.update(p for p in parts if p != longest and p.count(" ") < MAX_SECTION_WORDS)
    chrome.discard("")
    return TitleEvidence(h1s, [metas[k] for k in META_TITLES if k in metas], html_title, sites, chrome)


def choose_headline(ev: TitleEvidence, *, leading: str | None, extracted: str | None) -> str | None:
    """The page's headline (see the module docstring), or None when every candidate is chrome.

    :param leading: the heading that starts trafilatura's body (the visible headline).
    :param extracted: trafilatura's title.
    """
    references = [*ev.metas, *([ev.html_title] if ev.html_title else [])]
    for heading in (leading, *ev.h1s):  # confirmed by the page's titles: navigation may list it too
        if heading and _norm(heading) not in ev.sites and any(agree(heading, r) for r in references):
            return heading
    candidates = [c for c in (leading, *ev.metas, extracted, *ev.h1s) if c]
    for candidate in candidates:
        if _norm(candidate) not in ev.chrome:
            return strip_chrome(candidate, ev.sites)
    if ev.html_title:
        parts = [p for p in segments(ev.html_title) if _norm(p) not in ev.chrome]
        if parts:
            return max(parts, key=len)
    return next((c for c in candidates if _norm(c) not in ev.sites), None)


def agree(heading: str, reference: str) -> bool:
    """Whether a title text confirms a heading: the same words, the same words as its
    longest segment, or the heading inside it covering ``MIN_COVER`` of its words."""
    h, r = _norm(heading), _norm(reference)
    if not h or not r:
        return False
    if h == r:
        return True
    parts = segments(reference)
    if len(parts) > 1 and h == _norm(max(parts, key=len)):
        return True
    h_words = h.count(" ") + 1
    return (
        h_words >= MIN_CONTAINED_WORDS
        and f" {h} " in f" {r} "
        and h_words >= MIN_COVER * (r.count(" ") + 1)
    )


def segments(title: str) -> list[str]:
    """A ``<title>``'s parts: ``"Headline | Section | Site"`` gives three."""
    return [p for p in (collapse_space(p) for p in TITLE_SEPARATOR.split(title)) if p]


def strip_chrome(title: str, chrome: set[str]) -> str:
    """Drop leading or trailing segments in ``chrome`` (``"Headline - Site"`` → ``"Headline"``)."""
    parts = TITLE_SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    while len(parts) > 1 and _norm(parts[-1]) in chrome:
        parts.pop()
    while len(parts) > 1 and _norm(parts[0]) in chrome:
        parts.pop(0)
    if len(parts) == len(TITLE_SEPARATOR.split(title)):
        return title
    start = title.find(parts[0].strip())
    end = title.rfind(parts[-1].strip()) + len(parts[-1].strip())
    return title[start:end].strip()


def is_nav(el: etree._Element, cls: str | None) -> bool:
    """Whether an element is a navigation container (``cls``: its class attribute)."""
    return el.tag == "nav" or (cls is not None and NAV_CLASS.search(cls) is not None) or el.get("role") == "navigation"


def _nav_roots(tree: lxml.html.HtmlElement) -> list[etree._Element]:
    """The page's navigation containers, in document order (one pass over the elements)."""
    return [el for el in tree.iter() if is_nav(el, el.get("class"))]


def _in_svg(el: etree._Element) -> bool:
    return any(a.tag == "svg" for a in el.iterancestors())


def _norm(text: str) -> str:
    return " ".join(WORD.findall(text.casefold()))


def _within(roots: Iterable[etree._Element]) -> Iterator[etree._Element]:
    """Every element inside the roots (given in document order), each once."""
    seen: set[etree._Element] = set()
    for root in roots:
        if root in seen:
            continue
        for el in root.iter():
            seen.add(el)
            yield el
