"""The two agents: ``articles.raw`` -> clean -> ``articles.clean`` -> quotes ->
``articles.enriched`` + ``quotes``; whatever fails goes to ``articles.deadletter``.

Agents only decode, call the pure stages of :mod:`newsstream.pipeline` and
send. Every input message ends in exactly one place (an output or a dead
letter) before its offset is committed: Faust flushes the producer before it
commits (at-least-once), or commits the outputs and the offsets in one Kafka
transaction (``NEWSSTREAM_PROCESSING_GUARANTEE=exactly_once``).
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from typing import Any

import orjson
from faust.types import EventT

from agents.app import app, settings
from agents.topics import (
    clean_articles,
    clean_articles_in,
    deadletters,
    enriched_articles,
    quotes,
    raw_articles_in,
)
from newsstream.deadletter import Origin, deadletter_record, utc_now
from newsstream.decode import decode_raw
from newsstream.errors import InputError
from newsstream.pipeline import clean, enrich, quote_messages
from newsstream.records import CleanArticle

log = logging.getLogger(__name__)
STATS_EVERY = 30.0  # seconds between the agents' progress log lines
stats: Counter[str] = Counter()
_last_report = [time.monotonic()]


class StageFailure(Exception):
    """Wraps an error with the stage it happened in and the article id if known."""

    def __init__(self, error: BaseException, stage: str, article_id: str | None = None) -> None:
        super().__init__(str(error))
        self.error, self.stage, self.article_id = error, stage, article_id


def _run(stage: str, func: Any, *args: Any, article_id: str | None = None) -> Any:
    try:
        return func(*args)
    except InputError as exc:
        raise StageFailure(exc, exc.stage, article_id) from exc
    except Exception as exc:  # a bug in a stage must not stop the worker either
        log.exception("Stage %s raised on article %s", stage, article_id)
        raise StageFailure(exc, stage, article_id) from exc


def _output_partition(event: EventT) -> int | None:
    """Outputs stay on the partition number they were read from when transactions
    are on (Faust keeps one transactional producer per assigned partition)."""
    return event.message.partition if settings.processing_guarantee == "exactly_once" else None


async def _dead_letter(event: EventT, failure: StageFailure) -> None:
    msg = event.message
    record = deadletter_record(
        error=failure.error, stage=failure.stage, article_id=failure.article_id,
        origin=Origin(msg.topic, msg.partition, msg.offset, msg.timestamp),
        key=msg.key, value=msg.value, max_value_bytes=settings.max_deadletter_value_bytes)
    await deadletters.send(key=msg.key, value=record, partition=_output_partition(event))
    stats["deadlettered"] += 1
    log.warning("Dead-lettered %s[%d]@%d (stage %s, %s): %s", msg.topic, msg.partition, msg.offset,
                record["stage"], record["error_type"], record["reason"][:200])


async def handle_raw(event: EventT) -> None:
    """Decode and clean one raw article; send it on, or dead-letter it."""
    received_at = utc_now()
    try:
        raw = _run("decode", lambda v: decode_raw(v, max_bytes=settings.max_message_bytes), event.message.value)
        article = _run("clean", lambda r: clean(r, received_at=received_at), raw, article_id=raw.id)
    except StageFailure as failure:
        await _dead_letter(event, failure)
        return
    await clean_articles.send(key=article.id.encode(), value=article.to_dict(),
                              partition=_output_partition(event))
    stats["cleaned"] += 1


async def handle_clean(event: EventT) -> None:
    """Extract the quotes of one clean article; send the enriched record and its quotes."""
    try:
        article = _run("decode", _decode_clean, event.message.value)
        enriched = _run("quotes", enrich, article, article_id=article.id)
    except StageFailure as failure:
        await _dead_letter(event, failure)
        return
    partition = _output_partition(event)
    await enriched_articles.send(key=article.id.encode(), value=enriched.to_dict(), partition=partition)
    for key, value in quote_messages(enriched):
        await quotes.send(key=key.encode(), value=value, partition=partition)
    stats["enriched"] += 1
    stats["quotes"] += len(enriched.quotes)


def _decode_clean(value: bytes | None) -> CleanArticle:
    try:
        return CleanArticle.from_dict(orjson.loads(value or b""))
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise InputError(f"not a clean-article record: {exc}", stage="decode") from None


def _maybe_report() -> None:
    now = time.monotonic()
    if now - _last_report[0] >= STATS_EVERY:
        _last_report[0] = now
        log.info("Progress: %s", ", ".join(f"{k} {v}" for k, v in sorted(stats.items())) or "idle")


@app.agent(raw_articles_in)
async def clean_stage(stream: Any) -> None:
    """``articles.raw`` -> ``articles.clean`` (or ``articles.deadletter``)."""
    async for events in stream.take_events(settings.batch_size, within=settings.batch_within):
        for event in events:
            await handle_raw(event)
        _maybe_report()


@app.agent(clean_articles_in)
async def quote_stage(stream: Any) -> None:
    """``articles.clean`` -> ``articles.enriched`` + ``quotes`` (or ``articles.deadletter``)."""
    async for events in stream.take_events(settings.batch_size, within=settings.batch_within):
        for event in events:
            await handle_clean(event)
        _maybe_report()
