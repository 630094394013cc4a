"""Bad input raises CleaningError with a readable reason; adversarial input finishes quickly."""

from __future__ import annotations

import contextlib
import time

import pytest

from newsstream.cleaning import CleaningOptions, clean_article
from newsstream.cleaning.patterns import LINE_RULES, match_rule
from newsstream.errors import CleaningError, InputError
from newsstream.records import RawArticle

# Generous sanity bound per adversarial input (they take well under a second; the
# benchmark reports the real times). It only catches a super-linear blow-up.
SANITY_SECONDS = 20.0  # CPU seconds of this process (time.process_time, not wall time, so other load does not count)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (RawArticle(id="e1", text=""), "empty"),
        (RawArticle(id="e2", text="  \n\t \n "), "empty"),
        (RawArticle(id="e3"), "neither"),
        (RawArticle(id="e4", html="   "), "neither"),
        (RawArticle(id="e5", text="PNG\x00\x01\x02\x03 IHDR"), "binary"),
        (RawArticle(id="e6", text="\x01\x02\x03\x04\x05abc\x06\x07\x08\x0e\x0f" * 50), "binary"),
        (RawArticle(id="e7", text="bad \udcff bytes"), "not valid Unicode"),
        (RawArticle(id="e8", text="\ufffd\ufffd\ufffd" * 100 + " text"), "badly decoded"),
        (RawArticle(id="e9", html="<html><body><nav><a href='/'>Home</a></nav></body></html>"), "no article"),
        (RawArticle(id="e10", html="<p>" + "a" * 10_000_000 + "</p>"), "too large"),
        (RawArticle(id="e11", text="x" * 3_000_000), "too large"),
        (RawArticle(id="e12", text="Image copyright\nReuters\nImage caption\nA caption"), "no article text"),
        (RawArticle(id="e13", text="Share this with\nEmail\nFacebook\nTwitter"), "no article text"),
    ],
    ids=lambda v: v if isinstance(v, str) else v.id,
)
def test_bad_input_raises_cleaning_error(raw: RawArticle, reason: str) -> None:
    with pytest.raises(CleaningError) as info:
        clean_article(raw)
    assert reason in info.value.reason
    assert info.value.stage == "clean"
    assert isinstance(info.value, InputError)


def test_options_limits_apply() -> None:
    raw = RawArticle(id="o1", text="Headline\n\nA body paragraph that is long enough to keep.")
    assert clean_article(raw).paragraphs == ("A body paragraph that is long enough to keep.",)
    with pytest.raises(CleaningError, match="too large"):
        clean_article(raw, options=CleaningOptions(max_text_chars=10))
    with pytest.raises(CleaningError, match="no article text"):
        clean_article(raw, options=CleaningOptions(min_text_chars=1000))


def test_html_preferred_over_text() -> None:
    body = "From the HTML page, a full sentence of text. " * 10
    html = f"<html><body><article><p>{body}</p></article></body></html>"
    article = clean_article(RawArticle(id="h1", html=html, text="From the text field."))
    assert article.format == "html"
    assert article.text.startswith("From the HTML page")
    article = clean_article(RawArticle(id="h2", html="", text="From the text field."))
    assert article.format == "text"


def test_text_used_when_html_has_no_article() -> None:
    html = "<html><body><nav><a href='/'>Home</a></nav></body></html>"
    article = clean_article(RawArticle(id="h3", html=html, text="Headline\n\nThe scraped body of the article."))
    assert article.format == "text"
    assert article.paragraphs == ("The scraped body of the article.",)
    with pytest.raises(CleaningError, match="no article text"):
        clean_article(RawArticle(id="h4", html=html, text="   "))


def _timed(raw: RawArticle) -> float:
    start = time.process_time()
    with contextlib.suppress(CleaningError):
        clean_article(raw)
    return time.process_time() - start


@pytest.mark.parametrize(
    "raw",
    [
        RawArticle(id="a1", text="Title\n\n" + "Image caption" * 100_000),
        RawArticle(id="a2", text="Title\n\n" + "Image caption\n" * 100_000),
        RawArticle(id="a3", text="Title\n\n" + "Media captionA caption\n" * 60_000),
        RawArticle(id="a4", text="Title\n\n" + "Image copyright" * 100_000 + "\nBody text."),
        RawArticle(id="a5", text="word " * 200_000),
        RawArticle(id="a6", text="Title\n\n" + "x" * 1_000_000),
        RawArticle(id="a7", text="<a b=" * 200_000),
        RawArticle(id="a8", text="[button link=" * 70_000 + "\n" + "&amp" * 100_000),
        RawArticle(id="a9", text="}" * 1_000_000),
        RawArticle(id="a10", text=("Follow " + "x " * 500 + "\n") * 500),
        RawArticle(id="a11", text="Read more: " + "a" * 1_000_000),
        RawArticle(id="a11b", text="<div>" * 100_000 + "Deep text." + "</div>" * 100_000),
        RawArticle(id="a12", html="<html><body>" + "<div>" * 50_000 + "<p>deep</p>" + "</div>" * 50_000),
        RawArticle(id="a13", html="<html><body>" + "<p>para " * 100_000 + "</body></html>"),
        RawArticle(id="a14", html="<html><body>" + "<b><i>" * 100_000 + "text</body></html>"),
    ],
    ids=lambda raw: raw.id,
)
def test_adversarial_input_finishes(raw: RawArticle) -> None:
    assert _timed(raw) < SANITY_SECONDS


def test_removals_recorded_up_to_the_limit() -> None:
    raw = RawArticle(id="r1", text="Title\n\n" + "Image copyright\n" * 5000 + "The body.")
    article = clean_article(raw, options=CleaningOptions(max_removals=100))
    assert article.paragraphs == ("The body.",)
    assert len(article.removed) == 100


@pytest.mark.parametrize("rule", LINE_RULES, ids=lambda r: f"{r.kind}:{r.note[:20]}")
def test_each_rule_is_fast_on_near_misses(rule) -> None:
    """Lines at each rule's length bound made of its own example repeated (near misses)."""
    line = (rule.note + " ") * (rule.max_chars // max(1, len(rule.note) + 1) + 1)
    lines = [line[: rule.max_chars], line[: rule.max_chars - 1] + "x", "[" * rule.max_chars]
    start = time.process_time()
    for _ in range(200):
        for text in lines:
            match_rule(text)
    assert time.process_time() - start < SANITY_SECONDS
