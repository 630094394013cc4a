"""The two agents: ``articles.raw`` -> clean -> ``articles.clean`` -> quotes ->
``articles.enriched`` + ``quotes``; whatever fails goes to ``articles.deadletter``.

Agents only decode, call the pure stages of :mod:`newsstream.pipeline` and
send. Every input message ends in exactly one place (an output or a dead
letter) before its offset is committed: its outputs are acknowledged by the
broker before it is acked (at-least-once), or the outputs and the offsets are
committed in one Kafka transaction (``NEWSSTREAM_PROCESSING_GUARANTEE=exactly_once``,
where the stages run in :mod:`agents.transactions`, a plain aiokafka transactional loop,
instead of these agents). Agents take batches of what is queued (:mod:`agents.batches`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import orjson
from aiokafka import AIOKafkaProducer
from faust.serializers import codecs
from faust.types import EventT

from agents import (
    metrics,  # newsstream_* series and per-article log fields (agents/metrics.py)
    recurring,  # recurring lines: memory + Faust table (agents/recurring.py)
)
from agents.admin import security_options
from agents.app import app, settings
from agents.batches import OrderedAcks, ready_batches
from agents.codecs import CODEC_NAME
from agents.errors import refusal, refused_by
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


Output = tuple[Any, bytes | None, bytes]  # (topic, key, encoded value) of one record to publish


async def _send(event: EventT, topic: Any, key: bytes | None, data: bytes) -> Awaitable[Any]:
    """Send one output of ``event`` through the producer; return the delivery future.

    at_least_once: the batch is acked only once all its deliveries are done
    (:class:`agents.batches.OrderedAcks`), so offsets never pass an output the broker has not
    acknowledged (a failed delivery stops the worker instead of being committed past, except an
    output refused for good, whose input is dead-lettered: :func:`_settle`).
    Outputs go to the partition of their key (Kafka's default partitioner: ``quotes`` by
    speaker, the rest by article id). Going to the producer directly rather than through
    ``topic.send`` also skips Faust's per-message bookkeeping (about +25 % articles/s).
    (exactly_once sends from :mod:`agents.transactions`.)
    """
    return await app.producer.send(topic=topic.get_topic_name(), key=key, value=data, partition=None,
                                   timestamp=None, headers=None)


def _exactly_once() -> bool:
    return settings.processing_guarantee == "exactly_once"


def _dead_letter(event: EventT, failure: StageFailure) -> list[Output]:
    msg = event.message
    record = deadletter_record(
        error=failure.error, stage=failure.stage, article_id=failure.article_id,
        origin=Origin(msg.topic, msg.partition, msg.offset, msg.timestamp),
        key=msg.key, value=msg.value, max_value_bytes=settings.max_deadletter_value_bytes)
    stats["deadlettered"] += 1
    metrics.dead_lettered(record["stage"], record["error_type"])  # metrics hook
    log.warning("Dead-lettered %s[%d]@%d (stage %s, %s): %s", msg.topic, msg.partition, msg.offset,
                record["stage"], record["error_type"], record["reason"][:200],
                extra=logs.fields(article_id=failure.article_id, stage=record["stage"], topic=msg.topic,
                                  partition=msg.partition, offset=msg.offset, error_type=record["error_type"]))
    return [(deadletters, msg.key, codecs.dumps(CODEC_NAME, record))]


def dead_letter(event: EventT, error: BaseException, stage: str, output_key: bytes | None = None) -> list[Output]:
    """The dead letter of ``event`` for ``error`` in ``stage`` (an output the broker refused for good:
    agents/transactions.py, :func:`_redeliver`); ``output_key``: the key of its first output, the
    article id (its clean or enriched record's)."""
    article_id = output_key.decode(errors="replace") if output_key else None
    return _dead_letter(event, StageFailure(error, stage, article_id))


def prepare_raw(event: EventT) -> list[Output]:
    """Decode and clean one raw article: its clean record, or its dead letter (nothing sent yet)."""
    received_at, started = utc_now(), time.perf_counter()
    msg = event.message
    try:
        raw = _run("decode", lambda v: decode_raw(v, max_bytes=settings.max_message_bytes, key=msg.key), msg.value)
        article = _run("clean", lambda r: clean(r, received_at=received_at, limits=LIMITS), raw, article_id=raw.id)
        article = _run("clean", recurring.drop_recurring_lines, article, msg.partition,  # recurring lines
                       article_id=raw.id)
        [(key, value)] = _encode_outputs([(article.id.encode(), article.to_dict())], article.id)
    except StageFailure as failure:
        return _dead_letter(event, failure)
    stats["cleaned"] += 1
    metrics.processed("clean", article_id=article.id, message=event.message, started=started)  # metrics hook
    return [(clean_articles, key, value)]


def prepare_clean(event: EventT) -> list[Output]:
    """Extract the quotes of one clean article: its enriched record and one record per quote,
    or its dead letter (nothing sent yet)."""
    started = time.perf_counter()
    try:
        article = _run("decode", _decode_clean, event.message.value)
        enriched = _run("quotes", lambda a: enrich(a, limits=LIMITS), article, article_id=article.id)
        outputs = _encode_outputs([(article.id.encode(), enriched.to_dict())]
                                  + [(key.encode(), value) for key, value in quote_messages(enriched)], article.id)
    except StageFailure as failure:
        return _dead_letter(event, failure)
    stats["enriched"] += 1
    stats["quotes"] += len(enriched.quotes)
    metrics.processed("quotes", article_id=article.id, message=event.message, started=started)  # metrics hook
    metrics.enriched(len(enriched.quotes), enriched.article.processed)  # metrics hook
    return [(enriched_articles, *outputs[0])] + [(quotes, key, value) for key, value in outputs[1:]]


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


# -- a batch, and when its offsets may be committed ---------------------------------------
# at_least_once: a batch's events are acked once the broker acknowledged all its outputs (in
# the background, in batch order: OrderedAcks); a batch cut short (SIGTERM, a failed delivery)
# acks none, so they are processed again. (exactly_once: agents/transactions.py.)
_acks: dict[int, OrderedAcks] = {}  # at_least_once: one ack chain per agent stream (by id)
_crashing: list[asyncio.Future[Any]] = []


async def process_batch(stream: Any, events: list[EventT], prepare: Callable[[EventT], list[Output]]) -> None:
    """Prepare each event's outputs, send them, and ack the events once the broker has
    delivered the outputs (at_least_once); an event whose output the broker refuses for good
    goes to the dead-letter topic instead (:func:`_settle`)."""
    deliveries: list[Awaitable[Any]] = []
    sent: list[tuple[int, Output]] = []  # (index of its event in the batch, output) of each delivery
    try:
        for index, event in enumerate(events):
            for output in prepare(event):
                deliveries.append(await _send_or_refusal(event, *output))
                sent.append((index, output))
            await asyncio.sleep(0)  # lets the producer transmit these outputs while the batch goes on
    except asyncio.CancelledError:
        log.warning("at_least_once: a batch of %d events was cut short (the worker stops); none of them "
                    "is acked, so they are processed again", len(events))
        raise
    except Exception as exc:  # the producer failed to take an output: committing past it would lose it
        _undelivered(exc)
        raise
    acks = _acks.get(id(stream)) or _acks.setdefault(id(stream), OrderedAcks(stream, _undelivered))
    await acks.add(events, deliveries, lambda results: _settle(events, sent, results))


async def _send_or_refusal(event: EventT, topic: Any, key: bytes | None, data: bytes) -> Awaitable[Any]:
    """:func:`_send`, or a future that holds the error when the producer refuses the output for good at once."""
    try:
        return await _send(event, topic, key, data)
    except Exception as exc:
        error = refusal(exc)
        if error is None:
            raise
        refused: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        refused.set_exception(error)
        return refused


async def _settle(events: list[EventT], sent: list[tuple[int, Output]], results: list[Any]) -> None:
    """at_least_once, before a batch is acked: raise the first delivery error that is not a refusal for good
    (:data:`agents.errors.REFUSED_FOR_GOOD`: the worker stops and the batch is read again, as before); send each
    event with refused outputs again, then dead-letter it if they are refused again (:func:`_redeliver`)."""
    refused: dict[int, list[Output]] = {}
    for (index, output), result in zip(sent, results, strict=True):
        if isinstance(result, BaseException):
            if refusal(result) is None:
                raise result
            refused.setdefault(index, []).append(output)
    if refused:
        first_outputs = {index: output for index, output in reversed(sent)}
        await _redeliver(events, refused, first_outputs)


_isolated = asyncio.Lock()  # one redelivery at a time: each output is then alone in its produce request


async def _redeliver(events: list[EventT], refused: dict[int, list[Output]], first_outputs: dict[int, Output]) -> None:
    """Send each event's refused outputs again, one at a time with a producer of their own: the worker's
    producer puts several events' outputs in one produce request (``producer_max_batch_size``) and the broker
    refuses all of a request's records, so a refusal does not tell which output it was. An event with an
    output refused again goes to the dead-letter topic (stage ``publish``, its original bytes; outputs of it
    that were delivered stay delivered). Anything else raised here stops the worker (the batch is read again)."""
    async with _isolated, _isolated_producer() as producer:
        for index, outputs in refused.items():
            event, error = events[index], None
            for topic, key, data in outputs:
                name = topic.get_topic_name()
                try:
                    await producer.send_and_wait(name, data, key=key)
                except Exception as exc:
                    refused_error = refusal(exc)
                    if refused_error is None:
                        raise
                    error = refused_by(refused_error, name)
                    break
            if error is None:
                log.info("at_least_once: the outputs of %s@%d refused with others were delivered on their own",
                         event.message.topic, event.message.offset)
                continue
            for topic, key, data in dead_letter(event, error, "publish", first_outputs[index][1]):
                await producer.send_and_wait(topic.get_topic_name(), data, key=key)


@contextlib.asynccontextmanager
async def _isolated_producer() -> AsyncIterator[AIOKafkaProducer]:
    """A producer of its own for :func:`_redeliver`, started when a batch has refused outputs (rare)."""
    producer = AIOKafkaProducer(bootstrap_servers=settings.bootstrap_servers, acks="all",
                                max_request_size=app.conf.producer_max_request_size, **security_options(settings))
    await producer.start()
    try:
        yield producer
    finally:
        await producer.stop()


def _undelivered(exc: BaseException) -> None:
    log.error("at_least_once: outputs of a batch were not delivered (%r); stopping the worker so that the "
              "batch is processed again", exc)
    _crashing.append(asyncio.ensure_future(app.crash(exc)))


def _after_batch(events: list[EventT]) -> None:
    """Called when a batch ends, done or not (a cancelled batch acks nothing, see process_batch)."""
    if app.should_stop:  # a stop (SIGTERM): Faust lets an agent finish its batch, or cancels it
        log.info("Stopping: a stop came during a batch of %d events", len(events))
    _maybe_report()


def _maybe_report() -> None:
    now = time.monotonic()
    if now - _last_report[0] >= STATS_EVERY:
        _last_report[0] = now
        log.info("Progress: %s", ", ".join(f"{k} {v}" for k, v in sorted(stats.items())) or "idle")


async def clean_stage(stream: Any) -> None:
    """``articles.raw`` -> ``articles.clean`` (or ``articles.deadletter``)."""
    async for events in ready_batches(stream, settings.batch_size):
        metrics.batch("clean", len(events))  # metrics hook
        try:
            await process_batch(stream, events, prepare_raw)
        finally:
            _after_batch(events)


async def quote_stage(stream: Any) -> None:
    """``articles.clean`` -> ``articles.enriched`` + ``quotes`` (or ``articles.deadletter``)."""
    async for events in ready_batches(stream, settings.batch_size):
        metrics.batch("quotes", len(events))  # metrics hook
        try:
            await process_batch(stream, events, prepare_clean)
        finally:
            _after_batch(events)


if _exactly_once():  # the stages run in Kafka transactions of their own (agents/transactions.py)
    from agents import transactions

    transactions.register()
else:
    clean_stage = app.agent(raw_articles_in)(clean_stage)
    quote_stage = app.agent(clean_articles_in)(quote_stage)
