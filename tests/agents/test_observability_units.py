"""Metrics, health and log pieces without a broker: series names, the lag computation, log fields,
the dashboard covering every series, the log format setting."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from agents import metrics
from newsstream import logs
from newsstream.config import ConfigError, Settings

DASHBOARD = Path(__file__).resolve().parents[2] / "ops" / "grafana" / "newsstream.json"
SERIES = ("newsstream_articles_processed", "newsstream_articles_deadlettered", "newsstream_stage_seconds",
          "newsstream_end_to_end_seconds", "newsstream_batch_size", "newsstream_quotes_per_article",
          "newsstream_consumer_lag")


class FakeConsumer:
    def __init__(self, highwaters: dict, committed: dict, read: dict) -> None:
        self._highwaters, self._committed_offset, self._read_offset = highwaters, committed, read

    def assignment(self) -> set:
        return set(self._highwaters)

    def highwater(self, tp) -> int | None:
        return self._highwaters[tp]


def test_lag_is_highwater_minus_committed_then_read_offset() -> None:
    from faust.types import TP

    a, b, c = TP("raw", 0), TP("raw", 1), TP("clean", 0)
    consumer = FakeConsumer({a: 120, b: 40, c: None}, {a: 100}, {b: 35})
    assert metrics.partition_lags(consumer) == {("raw", 0): 20, ("raw", 1): 5}
    assert metrics.partition_lags(None) == {}


def test_every_series_is_exposed_with_the_newsstream_prefix() -> None:
    metrics.processed("clean", article_id="u-1", message=SimpleNamespace(topic="t", partition=0, offset=1),
                      started=0.0)
    metrics.dead_lettered("decode", "DecodeError")
    metrics.batch("clean", 3)
    metrics.enriched(2, {"received_at": "2026-01-01T00:00:00+00:00"})
    with metrics.stage_timer("clean"):
        pass
    text = metrics.exposition()[0].decode()
    names = set(re.findall(r"^# TYPE (\S+)", text, re.M))
    assert all(name.startswith("newsstream_") for name in names)
    for series in SERIES[:-1]:
        assert series in names or f"{series}_total" in names, series
    assert not any(name.endswith("_created") for name in names)
    assert 'newsstream_articles_deadlettered_total{reason="DecodeError",stage="decode"}' in text


def test_the_dashboard_has_a_panel_for_every_series() -> None:
    dashboard = json.loads(DASHBOARD.read_text())
    exprs = " ".join(t["expr"] for p in dashboard["panels"] for t in p["targets"])
    for series in SERIES:
        assert series in exprs, series
    assert len({p["id"] for p in dashboard["panels"]}) == len(dashboard["panels"])


def test_log_fields_refuse_unknown_names_and_drop_none() -> None:
    assert logs.fields(article_id="a", offset=None, partition=0) == {"article_id": "a", "partition": 0}
    with pytest.raises(ValueError, match="unknown log field"):
        logs.fields(body="the article text")


def test_json_log_line(capsys: pytest.CaptureFixture[str]) -> None:
    logs.configure(logging.INFO, "json")
    try:
        logging.getLogger("newsstream.test").warning("Dead-lettered %s", "x", extra=logs.fields(
            article_id="x", stage="decode", topic="articles.raw", partition=1, offset=7, duration_s=0.25))
        line = capsys.readouterr().err.strip().splitlines()[-1]
    finally:
        logs.configure(logging.WARNING, "text")
    record = json.loads(line)
    assert record["message"] == "Dead-lettered x" and record["level"] == "WARNING"
    assert (record["article_id"], record["stage"], record["topic"], record["partition"], record["offset"],
            record["duration_s"]) == ("x", "decode", "articles.raw", 1, 7, 0.25)
    assert "T" in record["timestamp"]


def test_log_format_setting() -> None:
    assert Settings.from_env({"NEWSSTREAM_LOG_FORMAT": "json"}).log_format == "json"
    with pytest.raises(ConfigError, match="NEWSSTREAM_LOG_FORMAT"):
        Settings.from_env({"NEWSSTREAM_LOG_FORMAT": "xml"})


def test_readiness_reasons() -> None:
    import asyncio

    from agents.health import readiness

    class Probe:
        def __init__(self, answer: bool) -> None:
            self.answer = answer

        async def answers(self) -> bool:
            return self.answer

    def app(partitions: int, rebalancing: bool = False, in_recovery: bool = False) -> SimpleNamespace:
        consumer = SimpleNamespace(assignment=lambda: set(range(partitions)))
        tables = SimpleNamespace(recovery=SimpleNamespace(in_recovery=in_recovery))
        return SimpleNamespace(consumer=consumer, rebalancing=rebalancing, tables=tables)

    ok = asyncio.run(readiness(app(2), Probe(True)))
    assert ok.ready and ok.partitions == 2 and ok.reasons == []
    state = asyncio.run(readiness(app(0, rebalancing=True, in_recovery=True), Probe(False)))
    assert not state.ready and state.reasons == [
        "no partitions assigned yet", "the consumer group is rebalancing",
        "tables are recovering from their changelogs", "the broker does not answer"]
