"""The worker's Prometheus series (``newsstream_*``), served on ``/metrics`` by :mod:`agents.web`.

The agents call the small hook functions below (:func:`processed`, :func:`dead_lettered`,
:func:`stage_timer`, :func:`batch`); consumer lag is read from the Faust consumer when
Prometheus scrapes. The series live in their own registry, so ``/metrics`` shows only
newsstream's series and the process collector's (CPU, memory, open files).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, ProcessCollector, disable_created_metrics
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST, generate_latest

from agents import faust_internals
from newsstream import logs

log = logging.getLogger(__name__)
disable_created_metrics()  # no *_created series: Prometheus does not need them and they double the output
REGISTRY = CollectorRegistry(auto_describe=True)
ProcessCollector(namespace="newsstream", registry=REGISTRY)

# Buckets: the stages take ~1-20 ms per article (bench/stream.py) and an article crosses the two agents
# within ~0.1-1 s under load; the top buckets catch stalls (rebalances, broker outages).
STAGE_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0)
# Batch sizes up to NEWSSTREAM_BATCH_SIZE (default 64, see newsstream/config.py); powers of two.
BATCH_BUCKETS = (1, 2, 4, 8, 16, 32, 64, 128, 256)
# Quotations per article: most news articles have 0-10; NEWSSTREAM_MAX_QUOTES (1000) bounds the top.
QUOTE_BUCKETS = (0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 100, 1000)

ARTICLES_PROCESSED = Counter(
    "newsstream_articles_processed", "Articles a stage processed and sent on (clean: to articles.clean; "
    "quotes: to articles.enriched)", ["stage"], registry=REGISTRY)
ARTICLES_DEADLETTERED = Counter(
    "newsstream_articles_deadlettered", "Messages sent to the dead-letter topic, by the stage that refused them "
    "and the kind of reason (the error type)", ["stage", "reason"], registry=REGISTRY)
STAGE_SECONDS = Histogram(
    "newsstream_stage_seconds", "Time one article spends in a stage (decode, clean, recurring, quotes)", ["stage"],
    buckets=STAGE_BUCKETS, registry=REGISTRY)
END_TO_END_SECONDS = Histogram(
    "newsstream_end_to_end_seconds", "From the clean stage receiving a raw article (processed.received_at) "
    "to its enriched record being sent", buckets=LATENCY_BUCKETS, registry=REGISTRY)
BATCH_SIZE = Histogram(
    "newsstream_batch_size", "Events per batch an agent takes from its topic", ["stage"],
    buckets=BATCH_BUCKETS, registry=REGISTRY)
QUOTES_PER_ARTICLE = Histogram(
    "newsstream_quotes_per_article", "Quotations found per enriched article", buckets=QUOTE_BUCKETS,
    registry=REGISTRY)


def processed(stage: str, *, article_id: str, message: Any, started: float) -> None:
    """An article left ``stage`` (``clean`` or ``quotes``) for the next topic."""
    ARTICLES_PROCESSED.labels(stage).inc()
    if log.isEnabledFor(logging.DEBUG):
        log.debug("Processed %s in stage %s", article_id, stage, extra=logs.fields(
            article_id=article_id, stage=stage, topic=message.topic, partition=message.partition,
            offset=message.offset, duration_s=round(time.perf_counter() - started, 6)))


def dead_lettered(stage: str, error_type: str) -> None:
    ARTICLES_DEADLETTERED.labels(stage, error_type).inc()


def enriched(quote_count: int, processed_at: dict[str, str]) -> None:
    """An enriched record was sent: its quotations and its latency since the raw article was received."""
    QUOTES_PER_ARTICLE.observe(quote_count)
    received = processed_at.get("received_at")
    if received:
        try:
            start = datetime.fromisoformat(received)
        except ValueError:
            return
        END_TO_END_SECONDS.observe(max(0.0, time.time() - start.timestamp()))


# Steps the agents run under a stage's name (for its dead letters) but time under their own label, so that
# each label counts one observation per article.
TIMED_STEPS = {"drop_recurring_lines": "recurring"}  # agents/recurring.py, run as part of the clean stage


@contextmanager
def stage_timer(stage: str, step: Any = None) -> Iterator[None]:
    """Time one article in ``stage`` (also when the stage raises); ``step``, the function run, may name its
    own label (:data:`TIMED_STEPS`)."""
    label = TIMED_STEPS.get(getattr(step, "__name__", ""), stage)
    started = time.perf_counter()
    try:
        yield
    finally:
        STAGE_SECONDS.labels(label).observe(time.perf_counter() - started)


def batch(stage: str, size: int) -> None:
    BATCH_SIZE.labels(stage).observe(size)


class ConsumerLag:
    """``newsstream_consumer_lag{topic,partition}``: records in each assigned partition the group has not
    committed yet (high watermark - committed offset), read at scrape time from ``lags()``: the Faust
    consumer's (:func:`partition_lags`) and, under exactly_once, the transactional stages' consumer's."""

    def __init__(self, lags: Callable[[], dict[tuple[str, int], int]]) -> None:
        self._lags = lags

    def describe(self) -> list[GaugeMetricFamily]:
        return [GaugeMetricFamily("newsstream_consumer_lag", self.__doc__ or "", labels=["topic", "partition"])]

    def collect(self) -> Iterator[GaugeMetricFamily]:
        family = GaugeMetricFamily("newsstream_consumer_lag", "Records in an assigned partition not committed "
                                   "yet by the consumer group (high watermark - committed offset)",
                                   labels=["topic", "partition"])
        for (topic, partition), lag in sorted(self._lags().items()):
            family.add_metric([topic, str(partition)], lag)
        yield family


def partition_lags(consumer: Any, position: Callable[[Any, Any], int] = faust_internals.consumer_position
                   ) -> dict[tuple[str, int], int]:
    """``{(topic, partition): lag}`` for the partitions ``consumer`` holds and knows a high watermark of;
    ``position(consumer, tp)`` gives the committed offset (default: Faust's consumer)."""
    lags: dict[tuple[str, int], int] = {}
    if consumer is None:
        return lags
    try:
        assignment = consumer.assignment()
    except Exception:  # not started yet, or stopping
        return lags
    for tp in assignment:
        try:
            highwater = consumer.highwater(tp)
        except Exception:
            continue
        if highwater is None:
            continue
        lags[(tp.topic, tp.partition)] = max(0, int(highwater) - int(position(consumer, tp)))
    return lags


def exposition() -> tuple[bytes, str]:
    """The registry in Prometheus text format, and its content type."""
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
