"""Properties of decode + cleaning + quotes on hostile input.

- only the stage's typed :class:`InputError` is ever raised;
- every quote offset lies inside the text and ``text[start:end]`` is the quote text,
  likewise the speaker mention's and the cue's offsets;
- every output (clean, enriched, quote messages, dead letters) validates against its schema;
- quote extraction time grows linearly with the input.
"""

from __future__ import annotations

import contextlib
import os
import time

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsstream.deadletter import Origin, deadletter_record
from newsstream.decode import decode_raw
from newsstream.errors import CleaningError, InputError, QuoteExtractionError
from newsstream.pipeline import clean, enrich, quote_messages, quotes_only
from newsstream.quotes import extract_quotes
from newsstream.records import RawArticle
from newsstream.schemas import validate
from tests.properties.strategies import any_text, quoted, texts

SCALE = float(os.environ.get("NEWSSTREAM_PROPERTY_SCALE", "1"))  # e.g. 20 for a long hunt
FAST = settings(max_examples=int(150 * SCALE), deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=int(25 * SCALE), deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                        HealthCheck.data_too_large])
MAX_BYTES = 4 * 1024 * 1024


def check_quotes(text: str, quotes) -> None:
    previous_start = -1
    for q in quotes:
        assert 0 <= q.start < q.end <= len(text), (q.start, q.end, len(text))
        assert text[q.start:q.end] == q.text
        assert q.start >= previous_start, "quotes out of text order"
        previous_start = q.start
        if q.speaker is not None and q.speaker.start is not None:
            assert 0 <= q.speaker.start < q.speaker.end <= len(text)
            assert text[q.speaker.start:q.speaker.end] == q.speaker.mention
        if q.cue is not None:
            assert 0 <= q.cue.start < q.cue.end <= len(text)
            assert text[q.cue.start:q.cue.end] == q.cue.text


def check_enriched(enriched) -> None:
    record = orjson.loads(orjson.dumps(enriched.to_dict()))
    validate("articles.enriched", record)
    check_quotes(enriched.article.text, enriched.quotes)
    for _key, message in quote_messages(enriched):
        validate("quotes", orjson.loads(orjson.dumps(message)))


def run_value(value: bytes | None) -> None:
    """The worker's path for one raw value: outputs validate, or an InputError becomes a valid dead letter."""
    try:
        raw = decode_raw(value, max_bytes=MAX_BYTES)
        article = clean(raw, received_at="2026-01-01T00:00:00.000+00:00")
        validate("articles.clean", orjson.loads(orjson.dumps(article.to_dict())))
        check_enriched(enrich(article))
    except InputError as exc:
        assert exc.reason and exc.stage in {"decode", "validate", "clean", "quotes"}
        letter = deadletter_record(error=exc, origin=Origin("articles.raw", 0, 1, None), key=b"k", value=value,
                                   max_value_bytes=1024)
        validate("articles.deadletter", orjson.loads(orjson.dumps(letter)))


@FAST
@given(any_text)
def test_quote_stage_offsets_are_exact(text: str) -> None:
    try:
        quotes = extract_quotes(text)
    except QuoteExtractionError:
        return
    check_quotes(text, quotes)


@FAST
@given(st.lists(quoted(), min_size=1, max_size=6), st.sampled_from(["\n\n", " ", "\n", ""]))
def test_quotations_of_every_kind(parts: list[str], sep: str) -> None:
    text = sep.join(parts)
    enriched = quotes_only("p", text)
    check_enriched(enriched)


@FAST
@given(texts)
def test_cleaning_then_quotes(text: str) -> None:
    try:
        article = clean(RawArticle(id="p", text=text))
    except CleaningError as exc:
        assert exc.reason
        return
    validate("articles.clean", orjson.loads(orjson.dumps(article.to_dict())))
    check_enriched(enrich(article))


@SLOW
@given(st.one_of(any_text.filter(lambda t: len(t) > 1000), st.builds("\n\n".join, st.lists(texts, max_size=200))))
def test_long_lines_and_many_paragraphs(text: str) -> None:
    run_value(orjson.dumps({"id": "long", "text": text}))


@FAST
@given(st.one_of(st.binary(max_size=400), texts.map(lambda t: t.encode("utf-8", "surrogatepass")),
                 st.dictionaries(st.sampled_from(["id", "text", "html", "title", "url", "source", "language",
                                                  "published_at", "extra"]),
                                 st.one_of(texts, st.none(), st.integers(-(2**63), 2**63 - 1),
                                           st.lists(st.integers(0, 9), max_size=3), st.booleans()),
                                 max_size=6).map(orjson.dumps)))
def test_decode_then_both_stages(value: bytes) -> None:
    run_value(value)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(["<p>", "</p>", "<div>", "“", "”", "<br>", " said Ana Ruiz. ", "<script>", "«",
                                 "<p dir='rtl'>قال الوزير «", "&quot;", "&#8220;", "<q>", "</q>", "\x00"]),
                max_size=80))
def test_html_then_quotes(parts: list[str]) -> None:
    run_value(orjson.dumps({"id": "h", "html": "<html><body>" + "".join(parts) + "</body></html>"}))


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        extract_quotes(text)
        best = min(best, time.process_time() - start)
    return best


def test_quote_extraction_time_is_linear() -> None:
    """8x the input may take at most ~24x the CPU time (linear with generous noise; quadratic would be 64x).
    CPU time of this process (time.process_time), best of three, so that other load on the machine does not count."""
    for unit in ["“a ", "x said “y” and “", '" said ', "“" * 3 + "”", "Mr. Smith said “We will.” ", "‘’‘"]:
        small, large = unit * 1500, unit * 12000
        t_small, t_large = _seconds(small), _seconds(large)
        assert t_large <= max(24 * t_small, 0.05), (unit, t_small, t_large)


def _clean_seconds(text: str) -> float:
    best = float("inf")
    for _ in range(2):
        start = time.process_time()
        with contextlib.suppress(CleaningError):
            clean(RawArticle(id="t", text=text))
        best = min(best, time.process_time() - start)
    return best


def test_cleaning_time_is_linear() -> None:
    """Same bound for the cleaning stage: long lines, many paragraphs, boilerplate, markup, mojibake."""
    for unit in ["word ", "“a ", "Image caption x\n", "para.\n\n", "<p>x</p>", "Ã© ", "\u200b\n"]:
        small, large = unit * 1500, unit * 12000
        t_small, t_large = _clean_seconds(small), _clean_seconds(large)
        assert t_large <= max(24 * t_small, 0.05), (unit, t_small, t_large)
