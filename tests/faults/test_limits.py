"""Limits on the real broker: articles over NEWSSTREAM_MAX_PARAGRAPHS / NEWSSTREAM_MAX_QUOTES
are dead-lettered (LimitExceeded) with their reason; the rest is enriched; the worker lives."""

from __future__ import annotations

import orjson
import pytest

from tests.faults.harness import PacedProducer, Watcher, apply_oracle, finish, make_articles, offline
from tests.kafka_helpers import isolated_settings

pytestmark = pytest.mark.kafka


def test_articles_over_the_limits_are_dead_lettered(kafka_bootstrap, tmp_path, workers, frozen_src):
    s = isolated_settings(kafka_bootstrap, tmp_path, max_paragraphs=25, max_quotes=6)
    articles = make_articles(80, settings=s, seed=8, html_share=0.0)
    many_paragraphs = "\n\n".join(f"Paragraph {n} of a long report." for n in range(40))
    many_quotes = "\n\n".join(f"“Point {n} stands,” said Ana Ruiz." for n in range(10))
    for key, text in (("limit-paragraphs", many_paragraphs), ("limit-quotes", many_quotes)):
        articles.append(offline(key, orjson.dumps({"id": key, "text": text}), s))
    apply_oracle(articles, s, frozen_src)
    reasons = [a.reason for a in articles if a.outcome == "deadletter"]
    assert any("NEWSSTREAM_MAX_PARAGRAPHS" in r for r in reasons)
    assert any("NEWSSTREAM_MAX_QUOTES" in r for r in reasons)
    assert any(a.outcome == "enriched" for a in articles)
    watcher = Watcher(s)
    watcher.start()
    assert watcher.ready.wait(120), watcher.error
    worker = workers(s)
    PacedProducer(s, articles, rate=500).start()
    report = finish(watcher, articles, s, [worker], timeout=180)
    letters = [o.value for o in watcher.snapshot() if o.topic == s.topic_deadletter]
    assert letters and all(v["error_type"] == "LimitExceeded" for v in letters)
    assert report.workers_alive == [True]
    assert not report.problems(exactly_once=False), report.problems(exactly_once=False)
