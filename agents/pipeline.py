"""The two agents: ``articles.raw`` -> clean -> ``articles.clean`` -> quotes ->
``articles.enriched`` + ``quotes``; whatever fails goes to ``articles.deadletter``.

Agents only decode, call the pure stages of :mod:`newsstream.pipeline` and
send. Every input message ends in exactly one place (an output or a dead
letter) before its offset is committed: Faust flushes the producer before it
commits (at-least-once), or commits the outputs and the offsets in one Kafka
transaction (``NEWSSTREAM_PROCESSING_GUARANTEE=exactly_once``).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from contextvars import ContextVar
from typing import Any

import orjson
from faust.serializers import codecs
from faust.types import EventT

from agents import (
    metrics,  # newsstream_* series and per-article log fields (agents/metrics.py)
    recurring,  # recurring lines: memory + Faust table (agents/recurring.py)
)
from agents.app import app, settings
from agents.codecs import CODEC_NAME
from agents.topics import (
    clean_articles,
    clean_articles_in,
    deadletters,
    enriched_articles,
    quotes,
    raw_articles_in,
)
from newsstream import logs
from newsstream.deadletter import Origin, deadletter_record, utc_now
from newsstream.decode import decode_raw
from newsstream.errors import InputError, LimitExceeded
from newsstream.pipeline import Limits, clean, enrich, quote_messages
from newsstream.records import CleanArticle

log = logging.getLogger(__name__)
LIMITS = Limits(max_paragraphs=settings.max_paragraphs, max_quotes=settings.max_quotes)
STATS_EVERY = 30.0  # seconds between the agents' progress log lines
RECORD_OVERHEAD = 1024  # bytes of batch/record headers kept free below the producer's request limit
stats: Counter[str] = Counter()
_last_report = [time.monotonic()]


class StageFailure(Exception):
    """Wraps an error with the stage it happened in and the article id if known."""

    def __init__(self, error: BaseException, stage: str, article_id: str | None = None) -> None:
        super().__init__(str(error))
        self.error, self.stage, self.article_id = error, stage, article_id


def _run(stage: str, func: Any, *args: Any, article_id: str | None = None) -> Any:
    try:
        with metrics.stage_timer(stage, func):  # metrics hook
            return func(*args)
    except InputError as exc:
        raise StageFailure(exc, exc.stage, article_id) from exc
    except Exception as exc:  # a bug in a stage must not stop the worker either
        log.exception("Stage %s raised on article %s", stage, article_id)
        raise StageFailure(exc, stage, article_id) from exc


async def _send(event: EventT, topic: Any, key: bytes | None, value: dict[str, Any] | bytes) -> None:
    """Send one output of ``event`` through the producer, encoded by the orjson codec
    (``value`` may come already encoded, see :func:`_encode_outputs`).

    at_least_once: the delivery future joins :data:`_in_flight`, which :func:`_process`
    awaits before the batch is acked, so offsets never pass an output the broker has not
    acknowledged (and a failed delivery stops the worker instead of being committed past).
    Going to the producer directly rather than through ``topic.send`` also skips Faust's
    per-message bookkeeping (about +25 % articles/s in bench/stream.py).

    exactly_once: inside the input partition's transaction and to the partition number it
    was read from (one transactional producer per partition). Faust (0.15.3) only attaches
    a send to a transaction when its consumer has metadata for the *target* topic and its
    assignor a topic group for it, i.e. only for topics some agent reads.
    ``articles.enriched``, ``quotes`` and ``articles.deadletter`` are read by no agent, so
    ``topic.send`` published them outside any transaction: visible to ``read_committed``
    consumers at once and published again after a crash (tests/faults/test_kill.py found
    this). Here they go through the transactional producer of the input partition, whose
    transaction Faust commits together with the input offsets.
    """
    data = value if isinstance(value, bytes) else codecs.dumps(CODEC_NAME, value)
    if settings.processing_guarantee != "exactly_once":
        _in_flight.get().append(await app.producer.send(topic.get_topic_name(), key, data, None, None, None))
        return
    msg = event.message
    transactional_id = f"{app.conf.id}-{app.assignor.group_for_topic(msg.topic)}-{msg.partition}"
    await app.producer.send(topic.get_topic_name(), key, data, msg.partition, None, None,
                            transactional_id=transactional_id)


async def _dead_letter(event: EventT, failure: StageFailure) -> None:
    msg = event.message
    record = deadletter_record(
        error=failure.error, stage=failure.stage, article_id=failure.article_id,
        origin=Origin(msg.topic, msg.partition, msg.offset, msg.timestamp),
        key=msg.key, value=msg.value, max_value_bytes=settings.max_deadletter_value_bytes)
    await _send(event, deadletters, msg.key, record)
    stats["deadlettered"] += 1
    metrics.dead_lettered(record["stage"], record["error_type"])  # metrics hook
    log.warning("Dead-lettered %s[%d]@%d (stage %s, %s): %s", msg.topic, msg.partition, msg.offset,
                record["stage"], record["error_type"], record["reason"][:200],
                extra=logs.fields(article_id=failure.article_id, stage=record["stage"], topic=msg.topic,
                                  partition=msg.partition, offset=msg.offset, error_type=record["error_type"]))


async def handle_raw(event: EventT) -> None:
    """Decode and clean one raw article; send it on, or dead-letter it."""
    received_at, started = utc_now(), time.perf_counter()
    try:
        raw = _run("decode", lambda v: decode_raw(v, max_bytes=settings.max_message_bytes), event.message.value)
        article = _run("clean", lambda r: clean(r, received_at=received_at, limits=LIMITS), raw, article_id=raw.id)
        article = _run("clean", recurring.drop_recurring_lines, article, event.message.partition,  # recurring lines
                       article_id=raw.id)
    except StageFailure as failure:
        await _dead_letter(event, failure)
        return
    try:
        [(key, value)] = _encode_outputs([(article.id.encode(), article.to_dict())], article.id)
    except StageFailure as failure:
        await _dead_letter(event, failure)
        return
    await _send(event, clean_articles, key, value)
    stats["cleaned"] += 1
    metrics.processed("clean", article_id=article.id, message=event.message, started=started)  # metrics hook


async def handle_clean(event: EventT) -> None:
    """Extract the quotes of one clean article; send the enriched record and its quotes."""
    started = time.perf_counter()
    try:
        article = _run("decode", _decode_clean, event.message.value)
        enriched = _run("quotes", lambda a: enrich(a, limits=LIMITS), article, article_id=article.id)
    except StageFailure as failure:
        await _dead_letter(event, failure)
        return
    try:
        outputs = _encode_outputs([(article.id.encode(), enriched.to_dict())]
                                  + [(key.encode(), value) for key, value in quote_messages(enriched)], article.id)
    except StageFailure as failure:
        await _dead_letter(event, failure)
        return
    await _send(event, enriched_articles, *outputs[0])
    for key, value in outputs[1:]:
        await _send(event, quotes, key, value)
    stats["enriched"] += 1
    stats["quotes"] += len(enriched.quotes)
    metrics.processed("quotes", article_id=article.id, message=event.message, started=started)  # metrics hook
    metrics.enriched(len(enriched.quotes), enriched.article.processed)  # metrics hook


def _encode_outputs(outputs: list[tuple[bytes, dict[str, Any]]], article_id: str) -> list[tuple[bytes, bytes]]:
    """Encode an event's outputs before sending any, so that one too large for the producer
    dead-letters the event (stage ``publish``) instead of failing half-way through its sends."""
    encoded = [(key, codecs.dumps(CODEC_NAME, value)) for key, value in outputs]
    limit = app.conf.producer_max_request_size - RECORD_OVERHEAD
    for key, data in encoded:
        if len(key) + len(data) > limit:
            error = LimitExceeded(f"an output record of {len(data):,} bytes exceeds the producer limit of "
                                  f"{limit:,} bytes", stage="publish")
            raise StageFailure(error, "publish", article_id)
    return encoded


def _decode_clean(value: bytes | None) -> CleanArticle:
    try:
        return CleanArticle.from_dict(orjson.loads(value or b""))
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise InputError(f"not a clean-article record: {exc}", stage="decode") from None


# -- exactly_once: a commit never falls inside a batch ---------------------------------
# Faust commits on a timer, in its own task, the transaction of every assigned partition
# with the offsets of the events acked so far. An agent awaiting a send in the middle of a
# batch lets that task run: the transaction then carried outputs of events whose offsets
# it did not commit, and a crash right after made the next worker publish them again
# (duplicates for read_committed consumers; tests/faults/test_kill.py). So with
# exactly_once an agent sends *and acks* a whole batch under ``_batch_lock``, and the
# consumer's commit waits for that lock.
#
# Second, Faust commits an input partition only up to the first hole in its acked offsets,
# and with transactions ``articles.clean`` has a hole after every transaction (the commit
# marker, never delivered as a record); Faust's gap bookkeeping misses most of them, so
# the committed offset of ``articles.clean`` trailed the work done by dozens of records,
# and a crash replayed (and published again) all of them. Each agent gets its partitions'
# records in offset order and acks a whole batch before a commit can run, so the next
# offset to commit is simply the highest acked offset + 1.
#
# Third, on a rebalance Faust forgets the acked but uncommitted offsets of the revoked
# partitions, and seeks back to the committed ones when it gets them again, while the
# outputs of those events wait in the still open transaction: the same records were
# then published twice in one transaction. So a revocation first commits (after the
# running batch).
#
# Fourth, a batch cut short (the worker stopping, a send failing) leaves outputs of un-acked
# events in the open transaction: from then on this process never commits again (and on a
# failed send it stops), so that transaction is aborted when the partition's next owner
# fences it, and the next owner redoes the whole batch once.
_batch_lock = asyncio.Lock()
_batch_broken: list[BaseException] = []
# at_least_once: delivery futures of the outputs of the batch the current agent task handles
_in_flight: ContextVar[list[Any]] = ContextVar("newsstream_in_flight")


def _next_offset_to_commit(consumer: Any, tp: Any) -> int | None:
    acked = consumer._acked[tp]
    if not acked:
        return None
    offset = max(acked) + 1
    acked.clear()
    consumer._acked_index[tp].clear()
    return offset


def _guard_commits() -> None:
    """Make the consumer's commits wait for :data:`_batch_lock`, commit up to the highest
    acked offset, and commit before partitions are revoked (once per process)."""
    consumer = app.consumer
    if getattr(consumer, "_newsstream_guarded", False):
        return
    original = consumer.commit

    async def commit(*args: Any, **kwargs: Any) -> bool:
        async with _batch_lock:
            if _batch_broken:
                log.warning("Not committing: a batch was interrupted (%r); its partitions' next owner "
                            "redoes the uncommitted work", _batch_broken[0])
                return False
            return await original(*args, **kwargs)

    original_revoked = consumer.on_partitions_revoked

    async def on_partitions_revoked(revoked: Any) -> None:
        await consumer.commit()  # Faust drops acked, uncommitted offsets of revoked partitions
        await original_revoked(revoked)

    consumer.commit = commit
    consumer.on_partitions_revoked = on_partitions_revoked
    consumer._new_offset = lambda tp: _next_offset_to_commit(consumer, tp)
    consumer._newsstream_guarded = True


async def _process(stream: Any, events: list[EventT], handle: Any) -> None:
    """Handle a batch of events and wait until its outputs are delivered (at_least_once),
    or run it atomically with respect to commits (exactly_once)."""
    if settings.processing_guarantee != "exactly_once":
        in_flight: list[Any] = []
        _in_flight.set(in_flight)
        try:
            for event in events:
                await handle(event)
            await asyncio.gather(*in_flight)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # the broker refused an output: committing past it would lose it
            _guard_commits()
            _batch_broken.append(exc)
            log.error("at_least_once: outputs of a batch were not delivered (%r); stopping the worker so "
                      "that the batch is processed again", exc)
            await app.crash(exc)
            raise
        return
    _guard_commits()
    async with _batch_lock:
        try:
            for event in events:
                await handle(event)
                await stream.ack(event)  # acked again by take_events afterwards: a no-op
        except asyncio.CancelledError as exc:  # the worker stops
            _batch_broken.append(exc)
            raise
        except Exception as exc:  # a send failed: without commits this worker is of no use
            _batch_broken.append(exc)
            log.error("exactly_once: a batch failed half-way (%r); stopping the worker so that its "
                      "partitions' next owner redoes the batch", exc)
            await app.crash(exc)
            raise


def _maybe_report() -> None:
    now = time.monotonic()
    if now - _last_report[0] >= STATS_EVERY:
        _last_report[0] = now
        log.info("Progress: %s", ", ".join(f"{k} {v}" for k, v in sorted(stats.items())) or "idle")


@app.agent(raw_articles_in)
async def clean_stage(stream: Any) -> None:
    """``articles.raw`` -> ``articles.clean`` (or ``articles.deadletter``)."""
    async for events in stream.take_events(settings.batch_size, within=settings.batch_within):
        metrics.batch("clean", len(events))  # metrics hook
        await _process(stream, events, handle_raw)
        _maybe_report()


@app.agent(clean_articles_in)
async def quote_stage(stream: Any) -> None:
    """``articles.clean`` -> ``articles.enriched`` + ``quotes`` (or ``articles.deadletter``)."""
    async for events in stream.take_events(settings.batch_size, within=settings.batch_within):
        metrics.batch("quotes", len(events))  # metrics hook
        await _process(stream, events, handle_clean)
        _maybe_report()
