"""HTML path: main text and metadata with trafilatura, then news-specific repairs.

:func:`extract_html` runs these stages on one parsed tree:

1. refuse pages with too many elements, then :func:`prune_hidden` drops hidden
   elements and hover cards (their text would be glued into sentences) and writes
   inline math as text, so a sentence with a formula stays whole;
2. ``trafilatura.bare_extraction`` with ``favor_precision``, without comments and
   with metadata (the settings that scored best on the dev split);
3. :func:`merge_split_body` adds what trafilatura left out: the rest of a body split
   across twin containers, a container's leading text, embedded tweets;
4. :func:`caption_and_link_texts` lists the page's captions (and image
   ``alt`` texts) and link texts, so the pipeline can move caption lines to ``captions``
   and drop lines that are nothing but a link;
5. :func:`.headline.choose_headline` picks the headline, never a caption or the site's
   chrome; every text comes out in NFC (:meth:`HtmlExtraction.composed`).

The line-level debris rules of :mod:`.boilerplate` run afterwards, in the pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass, field
from typing import Any

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.utils import load_html, remove_control_characters
from trafilatura.xpaths import OVERALL_DISCARD_XPATH, PRECISION_DISCARD_XPATH, TEASER_DISCARD_XPATH

from newsstream.cleaning.headline import choose_headline, gather, is_nav
from newsstream.cleaning.options import CleaningOptions
from newsstream.cleaning.unicode import collapse_space, normalize_space, to_nfc
from newsstream.errors import CleaningError

CAPTION_CLASS = re.compile(r"(?<![\w-])(?:caption|wp-caption-text)(?![\w-])")
# htmldate without its extensive text scan: the scan costs about a third of the page time
# (dateparser) and dates come from meta tags, URLs and time elements anyway.
DATE_PARAMS = {"extensive_search": False, "original_date": True}
TITLE_TAGS = ("h1",)
# Elements pruned before extraction: hidden ones, and hover cards/tooltips whose text
# shows up glued into sentences ("Rep. Ilhan OmarIlhan OmarHillicon Valley: ...").
HIDDEN_CLASS = re.compile(r"sr-only|visually-hidden|screen-reader")
# Hover cards: a wrapper of this class holds the visible trigger (a link, the term) and the
# card; only the card goes (see prune_hidden).
HOVER_CLASS = re.compile(r"tooltip|rollover|popover|hovercard")
HIDDEN_STYLE = re.compile(r"display\s?:\s?none|visibility\s?:\s?hidden")
MATH_SCRIPT_TYPE = "math/tex"  # MathJax's TeX source (math/tex; mode=display too)
MATH_ANNOTATIONS = frozenset({"annotation", "annotation-xml"})  # TeX/content copies of a formula
# Inline elements: one left with only images after pruning is unwrapped (see prune_hidden).
INLINE_TAGS = frozenset({"span", "a", "em", "strong", "b", "i", "u", "sup", "sub", "small", "font", "label"})
# Link texts of at least this many words are remembered: a body line that is nothing but
# one of them is a teaser or navigation link, not article text.
MIN_LINK_WORDS = 4
# A merged paragraph must read as prose: this many words, a sentence end, few links.
MIN_PROSE_WORDS = 6
MAX_LINK_SHARE = 0.5
MIN_LEAD_CHARS = 40  # an element's own text shorter than this is never a paragraph
SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title", "meta", "link", "svg"})
BLOCK_TAGS = frozenset(
    {"br", "p", "div", "ul", "ol", "li", "table", "figure", "center", "section", "article", "aside",
     "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "img", "iframe", "form", "header", "footer", "nav"}
)
KEPT_PREFIX_WORDS = 8  # first words that match a text node of the page with an extracted line
# trafilatura's own pruning rules with favor_precision (newsletter, share, related, ad, nav,
# teaser, header... containers): a paragraph inside what they match was dropped on purpose.
DISCARD_XPATHS = (*OVERALL_DISCARD_XPATH, *TEASER_DISCARD_XPATH, *PRECISION_DISCARD_XPATH)
SHINGLE_WORDS = 4  # word n-grams compared to find a paragraph already in the text
# A candidate sharing at least this share of its word 4-grams with the text is a copy: the
# same paragraph with a 2-word dateline added keeps 7 of 9 even at 10 words (0.78), one cut
# short keeps all. An embedded post that repeats a sentence the story quotes, with text of
# its own, keeps less (0.5-0.6 on the one dev page with one; its gold keeps the post).
# Dev F1 is the same for every value from 0.6 to 0.9, and 0.0004 lower at 0.5.
DUPLICATE_SHARE = 0.75
WORD = re.compile(r"\w+")
LANG_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8}){0,3}")
EMBED_CLASSES = re.compile(r"\b(?:twitter-tweet|instagram-media)\b")
PROSE_END = re.compile(r"[.!?…][\"'”’)\]]{0,3}$")


@dataclass(slots=True)
class HtmlExtraction:
    """trafilatura's result, as lines, with the page metadata.

    ``title`` is the page's headline (:mod:`.headline`); ``leading_heading`` the heading
    that starts the extracted body, which the pipeline drops from the lines.
    """

    lines: list[str]
    title: str | None
    leading_heading: str | None
    metadata: dict[str, Any] = field(default_factory=dict)
    captions: frozenset[str] = frozenset()
    links: frozenset[str] = frozenset()
    merged: int = 0
    figure_captions: list[str] = field(default_factory=list)

    def composed(self) -> HtmlExtraction:
        """The same texts in NFC (:func:`.unicode.to_nfc`), all of them, so they still match
        each other; composed text (the common case) is only checked."""
        nfc = to_nfc
        return HtmlExtraction(
            lines=[nfc(line) for line in self.lines],
            title=nfc(self.title) if self.title else None,
            leading_heading=nfc(self.leading_heading) if self.leading_heading else None,
            metadata={k: nfc(v) if isinstance(v, str) else v for k, v in self.metadata.items()},
            captions=frozenset(map(nfc, self.captions)),
            links=frozenset(map(nfc, self.links)),
            merged=self.merged,
            figure_captions=[nfc(c) for c in self.figure_captions],
        )


def extract_html(page: str, options: CleaningOptions, *, url: str | None = None) -> HtmlExtraction:
    """Extract the article body and metadata of an HTML page.

    :param page: the page HTML (already size-checked).
    :param options: stage options (split-body merging).
    :param url: the page URL, helps trafilatura's metadata.
    :raises CleaningError: when the page cannot be parsed or holds no article text.
    """
    tree = load_html(page)
    if tree is None:
        raise CleaningError("html could not be parsed")
    nav_roots: list[etree._Element] = []
    prune_hidden(tree, options.max_html_elements, nav_roots=nav_roots)
    doc = trafilatura.bare_extraction(
        deepcopy(tree),  # trafilatura edits the tree it gets; the merge needs the original
        url=url,
        favor_precision=True,
        include_comments=False,
        with_metadata=True,
        date_extraction_params=DATE_PARAMS,
    )
    if doc is None or not (doc.text or "").strip():
        raise CleaningError("html has no article text")
    lines = [collapse_space(line) for line in doc.text.split("\n")]
    lines = [line for line in lines if line]
    leading = None
    body = doc.body
    if body is not None and len(body) and body[0].tag == "head" and body[0].get("rend") in TITLE_TAGS:
        leading = collapse_space("".join(body[0].itertext()))
    merged, figure_captions = 0, []
    if options.merge_split_bodies:
        lines, merged, figure_captions = merge_split_body(tree, lines, options)
    captions, links = caption_and_link_texts(tree)
    metadata = {
        "author": doc.author,
        "published_at": doc.date,
        "site": doc.sitename,
        "language": doc.language or page_language(tree),
        "description": doc.description,
        "hostname": doc.hostname,
    }
    return HtmlExtraction(
        lines=lines,
        title=choose_headline(
            gather(tree, doc.sitename, nav_roots),
            leading=leading,
            extracted=normalize_space(doc.title) if doc.title else None,
        ),
        leading_heading=leading,
        metadata={k: v for k, v in metadata.items() if v},
        captions=captions,
        links=links,
        merged=merged,
        figure_captions=figure_captions,
    ).composed()


def page_language(tree: lxml.html.HtmlElement) -> str | None:
    """The page's declared language (``en``, ``pt-BR``): the ``lang`` or ``xml:lang`` attribute
    of ``<html>``, else the content-language meta, else ``og:locale`` (``en_US``)."""
    root = tree.getroottree().getroot()
    lang = root.get("lang") or root.get("xml:lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not lang:
        found = tree.xpath("//meta[translate(@http-equiv, 'CONTENT-LANGUAGE', 'content-language')"
                           " = 'content-language']/@content | //meta[@property = 'og:locale']/@content")
        lang = found[0] if found else None
    lang = (lang or "").strip().split(",")[0].strip().replace("_", "-")
    return lang if LANG_TAG.fullmatch(lang) else None


def prune_hidden(
    tree: lxml.html.HtmlElement, max_elements: int, *, nav_roots: list[etree._Element] | None = None
) -> int:
    """Drop hidden elements and hover cards in ``<body>`` (their tail text stays), and
    write inline math as text.

    A hover-class element (``HOVER_CLASS``) that holds another one is the wrapper of a
    trigger and its card (``<span class="rollover"><a>Name</a><span class="rollover-card">``):
    it stays, the card inside goes, so the name stays in its sentence. Links are never
    dropped for their class alone.

    One pass that also counts the elements and finds the math. A formula (``<math>``, or
    TeX in ``<script type="math/tex">`` when MathJax did not run) becomes its text
    (:func:`math_text`), also when it sits in a hidden element, as the accessible copy of a
    formula shown as an image does: the text takes the hidden element's place. An inline
    element holding nothing but images (left so by pruning, or an icon in a sentence) is
    unwrapped, since trafilatura drops the text after such an element and so cut the sentence.

    The same pass lists the navigation containers into ``nav_roots`` when given
    (:func:`.headline.is_nav`), for the headline's chrome.

    :raises CleaningError: when the page has more than ``max_elements`` elements.
    :returns: how many elements were dropped.
    """
    count, hidden, maths, images = 0, [], [], []
    hovers: set[etree._Element] = set()
    body = tree.find(".//body")
    for el in tree.iter():
        count += 1
        tag = el.tag
        if tag == "math" or (tag == "script" and (el.get("type") or "").startswith(MATH_SCRIPT_TYPE)):
            maths.append(el)
            continue
        if tag == "img":
            images.append(el)
        cls, style = el.get("class"), el.get("style")
        if nav_roots is not None and is_nav(el, cls):
            nav_roots.append(el)
        if (
            (cls is not None and HIDDEN_CLASS.search(cls))
            or (style is not None and HIDDEN_STYLE.search(style))
            or el.get("hidden") is not None
        ):
            hidden.append(el)
        elif cls is not None and tag != "a" and HOVER_CLASS.search(cls):  # a link is a trigger
            hidden.append(el)
            hovers.add(el)
    if count > max_elements:
        raise CleaningError(f"html has too many elements: {count:,}, limit {max_elements:,}")
    if body is None:
        return 0
    if hovers:
        wrappers = {_nearest(el, hovers) for el in hovers}  # a hover element holding another
        hidden = [el for el in hidden if el not in wrappers]
    dropped = 0
    for el in hidden:  # document order: an outer hidden element goes before the ones inside it
        if el.getparent() is not None and el is not body and _inside(el, body):
            formulas = [math_text(m) for m in el.iter("math")] if maths else []
            _replace_with_text(el, " ".join(t for t in formulas if t))
            dropped += 1
    formulas = [(el, math_text(el)) for el in maths if el.getparent() is not None and _inside(el, body)]
    for el, text in formulas:  # texts first: a math script looks at the rendered formula before it
        _replace_with_text(el, text)
    for img in images:  # an icon or emoji in its own <span>/<a> inside a sentence
        holder = img.getparent()
        if holder is not None and holder.tag in INLINE_TAGS and holder.tail and holder.tail.strip():
            _unwrap_if_empty(holder)
    return dropped


def math_text(el: etree._Element) -> str:
    """The text of a formula as a reader sees it: the symbols of its presentation markup
    (``<annotation>`` copies dropped from ``el``, which is about to go), else its
    ``alttext``; for a math script, its TeX source unless the element before it already
    shows it (a MathJax rendering with its ``<math>``, or the same TeX).

    The visual rendering kept beside a MathML copy (``aria-hidden`` siblings of the
    ``<math>``'s holder, as MathJax and KaTeX make it) is dropped: the ``<math>`` gives the text.
    """
    if el.tag == "script":
        tex = collapse_space(el.text or "")
        shown = el.getprevious()
        if shown is not None and shown.tag != "script" and (
            next(shown.iter("math"), None) is not None or collapse_space(shown.text_content()) == tex
        ):
            return ""
        return tex
    for note in list(el.iter(*MATH_ANNOTATIONS)):
        note.drop_tree()
    holder = el.getparent()
    if holder is not None:  # the visual rendering beside a MathML copy (MathJax, KaTeX)
        for twin in [*holder.itersiblings(), *holder.itersiblings(preceding=True)]:
            if twin.get("aria-hidden") == "true":
                twin.drop_tree()
    text = collapse_space("".join(el.itertext()))
    return text or collapse_space(el.get("alttext") or "")


def _replace_with_text(el: etree._Element, text: str) -> None:
    """Drop ``el`` and its content, put ``text`` in its place (its tail stays); unwrap the
    parent when it is an inline element left without text."""
    parent = el.getparent()
    if parent is None:
        return
    if text:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + text
        else:
            parent.text = (parent.text or "") + text
    el.drop_tree()
    if parent.tag in INLINE_TAGS:
        _unwrap_if_empty(parent)


def _unwrap_if_empty(el: etree._Element) -> None:
    """Unwrap an inline element without text (its images and tail stay): trafilatura's
    precision mode drops the text after an inline element that holds only images."""
    if el.getparent() is not None and not "".join(el.itertext()).strip():
        el.drop_tag()


def _nearest(el: etree._Element, among: set[etree._Element]) -> etree._Element | None:
    """The nearest ancestor of ``el`` that is in ``among``."""
    return next((a for a in el.iterancestors() if a in among), None)


def _inside(el: etree._Element, ancestor: etree._Element) -> bool:
    return any(a is ancestor for a in el.iterancestors())


def caption_and_link_texts(tree: lxml.html.HtmlElement) -> tuple[frozenset[str], frozenset[str]]:
    """Normalised texts of the page's captions and of its links, in one pass.

    Captions: ``figcaption`` elements, elements with a ``caption`` class and image ``alt``
    texts of at least ``MIN_LINK_WORDS - 1`` words (a body line equal to one of them is the
    caption of a picture). Links: ``<a>`` texts of at least ``MIN_LINK_WORDS`` words.
    Texts are normalised as trafilatura normalises its lines (:func:`_as_extracted`), so that
    a line with a zero-width character in the page still matches.
    """
    captions, links = set(), set()
    for el in tree.iter("figcaption", "img", "a", "div", "p", "span"):
        tag = el.tag
        if tag == "a":
            text = _as_extracted(el.text_content())
            if text.count(" ") >= MIN_LINK_WORDS - 1:
                links.add(text)
        elif tag == "img":
            alt = _as_extracted(el.get("alt") or "")
            if alt.count(" ") >= MIN_LINK_WORDS - 2:
                captions.add(alt)
        elif tag == "figcaption" or CAPTION_CLASS.search(el.get("class") or ""):
            text = _as_extracted(el.text_content())
            if text:
                captions.add(text)
    return frozenset(captions), frozenset(links)


def _as_extracted(text: str) -> str:
    """A page text as trafilatura writes it: non-printable characters (zero-width joiners,
    direction marks...) removed, white space collapsed."""
    return collapse_space(remove_control_characters(text))


def _signature(el: etree._Element) -> tuple[str, str] | None:
    cls = (el.get("class") or "").strip()
    return (el.tag, cls) if cls else None


def merge_split_body(
    tree: lxml.html.HtmlElement, lines: list[str], options: CleaningOptions
) -> tuple[list[str], int, list[str]]:
    """Add the body parts trafilatura left out, in document order.

    Every text node of the page is matched with the extracted lines (by their first
    words), which gives each line a document position and marks the elements holding
    kept text as body containers. Then:

    1. Split bodies: other elements with the same tag and non-empty class as the parent
       of a kept ``<p>`` hold the rest of a split body; their ``<p>`` children that read as
       prose (:func:`_prose_text`) are added when a container adds at least
       ``options.min_merge_chars`` characters.
    2. Leading text: a body container's own text before its first child block (text
       followed by ``<br>``, not wrapped in ``<p>``), when it reads as prose.
    3. Embedded posts: ``blockquote.twitter-tweet``/``instagram-media`` between the first
       and the last kept paragraph are part of the story (the tweet a report is about).

    Never added: a split-body paragraph inside what trafilatura's own pruning rules
    match (``DISCARD_XPATHS``: newsletter, share, related, ad... containers), which it
    dropped on purpose, and any paragraph already in the text (:class:`Kept`), such as a
    lead repeated with a dateline, or one added before.

    :returns: the new lines, how many paragraphs were added, and the texts of the
        ``figcaption`` elements inside the body span (captions trafilatura dropped).
    """
    keys = {}
    for line in lines:
        keys.setdefault(_key(line), line)
    position: dict[str, float] = {}
    containers: set[etree._Element] = set()
    signatures: set[tuple[str, str]] = set()
    candidates: list[tuple[int, etree._Element, etree._Element]] = []
    leads: list[tuple[int, etree._Element]] = []
    embeds: list[tuple[int, etree._Element]] = []
    figcaptions: list[tuple[int, etree._Element]] = []
    for index, el in enumerate(tree.iter()):
        tag = el.tag
        if not isinstance(tag, str) or tag in SKIP_TAGS:
            continue
        parent = el.getparent()
        if tag == "p":
            line = keys.get(_key(el.text_content()))
            if line is not None and line not in position:  # a later <p> starting alike is a candidate
                position[line] = index
                if parent is not None:
                    containers.add(parent)
                    sig = _signature(parent)
                    if sig is not None:
                        signatures.add(sig)
            elif parent is not None and _signature(parent) is not None:
                candidates.append((index, el, parent))
        elif tag == "blockquote" and EMBED_CLASSES.search(el.get("class") or ""):
            embeds.append((index, el))
        elif tag == "figcaption":
            figcaptions.append((index, el))
        elif el.text and len(el.text) > MIN_LEAD_CHARS:
            leads.append((index, el))
        if el.tail and len(el.tail) > 2 and parent is not None:
            line = keys.get(_key(el.tail))
            if line is not None:
                position.setdefault(line, index + 0.5)
                containers.add(parent)
    if not position:
        return lines, 0, []
    first, last = min(position.values()), max(position.values())
    captions = [collapse_space(el.text_content()) for index, el in figcaptions if first < index < last]
    captions = [c for c in captions if c]
    kept = Kept(lines)
    by_container: dict[etree._Element, list[tuple[int, etree._Element, str]]] = {}
    for index, p, parent in candidates:
        if _signature(parent) in signatures:
            text = _prose_text(p)
            if text is not None and not kept.has(text):
                by_container.setdefault(parent, []).append((index, p, text))
    extra = _enough(by_container, options.min_merge_chars)
    if extra:  # trafilatura's pruning rules cost a pass over the page: only when needed
        discarded = _discarded(tree)
        extra = _enough(
            {c: [i for i in items if i[1] not in discarded] for c, items in by_container.items()},
            options.min_merge_chars,
        )
    for index, el in leads:
        if el in containers:
            text = _leading_text(el)
            if _is_prose(text) and not kept.has(text):
                extra.append((index, text))
    for index, quote in embeds:
        texts = _embed_texts(quote) if first < index < last else []
        if texts and not kept.has(texts[0]):
            extra.extend((index, text) for text in texts)
    extra.sort()
    extra = [(index, text) for index, text in extra if kept.add(text)]  # no paragraph twice
    if not extra:
        return lines, 0, captions
    ordered: list[tuple[float, int, str]] = []
    previous = -1.0
    for order, line in enumerate(lines):
        pos = position.get(line)
        previous = float(pos) if pos is not None else previous + 1e-6
        ordered.append((previous, order, line))
    ordered.extend((float(index), len(lines) + n, text) for n, (index, text) in enumerate(extra))
    ordered.sort()
    return [line for _, _, line in ordered], len(extra), captions


def _enough(
    by_container: dict[etree._Element, list[tuple[int, etree._Element, str]]], minimum: int
) -> list[tuple[int, str]]:
    """The paragraphs of the containers that add at least ``minimum`` characters."""
    return [
        (index, text)
        for items in by_container.values()
        if sum(len(t) for _, _, t in items) >= minimum
        for index, _, text in items
    ]


def _key(text: str) -> str:
    """The first words of a text: matches a line with the text node it starts with."""
    return " ".join(WORD.findall(text)[:KEPT_PREFIX_WORDS])


def _leading_text(el: etree._Element) -> str:
    """An element's own text up to its first line break or block child."""
    parts = [el.text or ""]
    for child in el:
        if not isinstance(child.tag, str) or child.tag in BLOCK_TAGS or child.tag in SKIP_TAGS:
            break
        parts.append(child.text_content())
        parts.append(child.tail or "")
    return collapse_space("".join(parts))


def _is_prose(text: str) -> bool:
    return len(text.split()) >= MIN_PROSE_WORDS and PROSE_END.search(text) is not None


class Kept:
    """The text kept so far, to tell whether a candidate paragraph is already in it.

    A candidate is a copy when at least ``DUPLICATE_SHARE`` of its word 4-grams occur in
    the text (as words, so line breaks trafilatura made at ``<br>`` do not matter): the
    same paragraph, also with a dateline added or its end cut, but not a new paragraph
    that merely starts with the same words. Look-ups are set look-ups: linear in the
    candidate, not in the page.
    """

    __slots__ = ("grams", "words")

    def __init__(self, lines: list[str]) -> None:
        self.words: list[str] = WORD.findall("\n".join(lines))
        self.grams: dict[int, set[tuple[str, ...]]] = {}

    def _grams(self, n: int) -> set[tuple[str, ...]]:
        if n not in self.grams:
            self.grams[n] = _ngrams(self.words, n)
        return self.grams[n]

    def has(self, text: str) -> bool:
        words = WORD.findall(text)
        if not words:
            return True
        if len(words) < SHINGLE_WORDS:
            return tuple(words) in self._grams(len(words))
        grams = _ngrams(words, SHINGLE_WORDS)
        return len(grams & self._grams(SHINGLE_WORDS)) >= DUPLICATE_SHARE * len(grams)

    def add(self, text: str) -> bool:
        """Add a text unless it is a copy; returns whether it was added."""
        if self.has(text):
            return False
        words = WORD.findall(text)
        for n, grams in self.grams.items():  # the text's own n-grams (not across the join)
            grams |= _ngrams(words, n)
        self.words.extend(words)
        return True


def _ngrams(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def _discarded(tree: lxml.html.HtmlElement) -> set[etree._Element]:
    """The elements inside what trafilatura's pruning rules match (``DISCARD_XPATHS``).

    Matches come in document order, so a match nested in an earlier one is already
    marked and skipped: every element is visited at most once.
    """
    marked: set[etree._Element] = set()
    roots = sorted({el for xpath in DISCARD_XPATHS for el in xpath(tree)}, key=_doc_order(tree))
    for root in roots:
        if root not in marked:
            marked.update(root.iter())
    return marked


def _doc_order(tree: lxml.html.HtmlElement) -> Callable[[etree._Element], int]:
    """A sort key: an element's position in document order."""
    order = {el: i for i, el in enumerate(tree.iter())}
    return order.__getitem__


def _embed_texts(quote: etree._Element) -> list[str]:
    """An embedded post as lines: its paragraphs, then the attribution (``— name (@handle) date``)."""
    paragraphs = [collapse_space(" ".join(p.itertext())) for p in quote.iter("p")]
    whole = collapse_space(" ".join(quote.itertext()))
    rest = whole
    for text in paragraphs:
        rest = rest.replace(text, "", 1)
    return [t for t in (*paragraphs, collapse_space(rest)) if t]


def _prose_text(p: etree._Element) -> str | None:
    """The paragraph's text if it reads as article prose, else None.

    Prose: no script, style or form inside, at most ``MAX_LINK_SHARE`` of the text in
    links, at least ``MIN_PROSE_WORDS`` words and a sentence end (link lists, teaser
    headlines, ad code and CSS fail one of these).
    """
    if any(True for _ in p.iter("script", "style", "noscript", "form", "input", "iframe")):
        return None
    text = collapse_space(p.text_content())
    if not _is_prose(text):
        return None
    linked = sum(len(collapse_space(a.text_content())) for a in p.iter("a"))
    if linked > MAX_LINK_SHARE * len(text):
        return None
    return text
