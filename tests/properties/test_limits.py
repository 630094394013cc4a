"""Per-article limits: configurable, enforced before the expensive work, a dead-letter
reason (LimitExceeded) rather than a crash."""

from __future__ import annotations

import orjson
import pytest

from newsstream.config import ConfigError, Settings
from newsstream.deadletter import Origin, deadletter_record
from newsstream.errors import LimitExceeded
from newsstream.pipeline import Limits, clean, enrich, process, quotes_only
from newsstream.records import RawArticle
from newsstream.schemas import validate

QUOTE = "“We will act,” said Ana Ruiz."


def test_limits_come_from_the_environment():
    s = Settings.from_env({"NEWSSTREAM_MAX_PARAGRAPHS": "12", "NEWSSTREAM_MAX_QUOTES": "3"})
    assert (s.max_paragraphs, s.max_quotes) == (12, 3)
    assert Settings().max_paragraphs == 5000 and Settings().max_quotes == 1000
    for bad in ({"NEWSSTREAM_MAX_QUOTES": "0"}, {"NEWSSTREAM_MAX_PARAGRAPHS": "-1"},
                {"NEWSSTREAM_MAX_PARAGRAPHS": "many"}):
        with pytest.raises(ConfigError):
            Settings.from_env(bad)


def test_too_many_lines_are_refused_before_cleaning(monkeypatch):
    import newsstream.pipeline as pipeline

    def must_not_run(raw):
        raise AssertionError("cleaning ran on an article over the limit")

    monkeypatch.setattr(pipeline, "clean_article", must_not_run)
    raw = RawArticle(id="long", text="\n\n".join(f"Paragraph {n}." for n in range(101)))
    with pytest.raises(LimitExceeded) as info:
        clean(raw, limits=Limits(max_paragraphs=100))
    assert info.value.stage == "validate" and "101 lines" in info.value.reason
    assert "NEWSSTREAM_MAX_PARAGRAPHS" in info.value.reason


def test_too_many_paragraphs_are_refused_before_quote_extraction(monkeypatch):
    import newsstream.pipeline as pipeline

    article = clean(RawArticle(id="p", text="\n\n".join(f"Paragraph {n} is here." for n in range(30))))
    monkeypatch.setattr(pipeline, "extract_quotes", lambda text: (_ for _ in ()).throw(AssertionError("ran")))
    with pytest.raises(LimitExceeded) as info:
        enrich(article, limits=Limits(max_paragraphs=len(article.paragraphs) - 1))
    assert info.value.stage == "quotes"


def test_too_many_quotes():
    text = "\n\n".join([QUOTE] * 6)
    assert len(quotes_only("q", text).quotes) == 6
    with pytest.raises(LimitExceeded) as info:
        process(RawArticle(id="q", text=text), limits=Limits(max_quotes=5))
    assert info.value.stage == "quotes" and "6 quotations" in info.value.reason
    assert len(process(RawArticle(id="q", text=text), limits=Limits(max_quotes=6)).quotes) == 6


def test_a_limit_is_a_valid_dead_letter():
    value = orjson.dumps({"id": "q", "text": "\n\n".join([QUOTE] * 6)})
    try:
        process(RawArticle(id="q", text="\n\n".join([QUOTE] * 6)), limits=Limits(max_quotes=1))
    except LimitExceeded as exc:
        letter = deadletter_record(error=exc, origin=Origin("articles.clean", 0, 7), key=b"q", value=value,
                                   max_value_bytes=1024)
    validate("articles.deadletter", orjson.loads(orjson.dumps(letter)))
    assert letter["error_type"] == "LimitExceeded" and letter["stage"] == "quotes"


def test_no_limits_by_default():
    text = "\n\n".join([QUOTE] * 50)
    assert len(process(RawArticle(id="q", text=text)).quotes) == 50
