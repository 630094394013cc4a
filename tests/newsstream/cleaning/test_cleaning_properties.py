"""Property tests: any text either cleans into a well-formed record or raises CleaningError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsstream.cleaning import clean_article, content_hash
from newsstream.errors import CleaningError
from newsstream.records import RawArticle

MARKERS = [
    "Image copyright",
    "Image caption",
    "Media caption",
    "Getty Images",
    "Reuters",
    "Share this with",
    "Email",
    "Related Topics",
    "}",
    "\\n",
    "&amp;",
    "<p>",
    "“",
    "’",
    "\u00a0",
    "\u200b",
    "Ã©",
]
pieces = st.one_of(st.sampled_from(MARKERS), st.text(max_size=40), st.just("\n"), st.just("\n\n"))
texts = st.lists(pieces, max_size=40).map("".join)


HTML_PARTS = ["<p>", "</p>", "<div>", "<br>", "text ", "Image caption", "<a href='x'>"]


def check_record(raw: RawArticle) -> None:
    try:
        article = clean_article(raw)
    except CleaningError as exc:
        assert exc.reason
        return
    assert article.paragraphs
    assert article.text == "\n\n".join(article.paragraphs)
    for paragraph in article.paragraphs:
        assert paragraph and paragraph == paragraph.strip()
        assert "\n" not in paragraph
    assert all(c and "\n" not in c for c in article.captions)
    assert article.content_hash == content_hash(article.text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_any_scraped_text(text: str) -> None:
    check_record(RawArticle(id="p", text=text))


@settings(max_examples=300, deadline=None)
@given(texts, st.text(max_size=30))
def test_any_scraped_text_with_title(text: str, title: str) -> None:
    check_record(RawArticle(id="p", text=text, title=title or None))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(HTML_PARTS), max_size=60))
def test_any_html(parts: list[str]) -> None:
    check_record(RawArticle(id="p", html="<html><body>" + "".join(parts) + "</body></html>"))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=60).filter(lambda s: s.strip() and "\n" not in s), min_size=1, max_size=8))
def test_hash_ignores_case_and_spacing(paragraphs: list[str]) -> None:
    text = "\n\n".join(paragraphs)
    assert content_hash(text) == content_hash("  " + text.upper().replace(" ", "  ") + " ") or not text.isascii()
