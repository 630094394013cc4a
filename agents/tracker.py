"""The live quote tracker in the worker: Faust tables of quotations and speakers.

Two agents, one hop:

``articles.enriched`` (key: article id) --tracker_route--> ``<app id>-tracker-sightings``
(partition: that of the speaker bucket, the surname) --tracker_track--> tables + ``quotations``
(key: quotation id)

**Batches.** The route agent takes what is queued (:func:`agents.batches.ready_batches`) and sends
one message per partition of the through topic, ``{"sightings": [...]}``, holding every attributed
quotation of the batch whose bucket goes to that partition; it acks the batch once the broker has
them. ``tracker_track`` handles one such message at a time and writes each changed quotation
record, each changed speaker window and each ``quotations`` record once per message
(:class:`newsstream.tracker.tracking.Tracker`), instead of one message and three writes per
quotation (``bench/tracker.py --throughput``).

**Why re-key.** Matching compares a quotation with the quotations of the same speaker, so all of
a speaker's sightings must meet in one process: ``quotes`` is keyed by the speaker's name as
extracted ("Maria Okafor" and "Okafor" land on different partitions), so the route agent reads
the enriched article (one record per article, which also gives the co-quoted speakers) and sends
each quotation to the partition of its speaker bucket (Kafka's default partitioner on the bucket, as a key would).

**Tables and co-partitioning.** Every table is written by ``tracker_track`` only, so each entry
goes to the changelog partition of the sighting being processed, i.e. the partition of its
speaker bucket: the tables are co-partitioned with the through topic.

- ``tracker-quotations``: key ``quotation_id`` (a hash of the bucket and the first form's words,
  the same on every worker and replay); value: the record of
  :func:`newsstream.tracker.aggregate.add_occurrence`, plus ``forms`` (its indexed forms,
  normalised, for the matching index after a restart) and ``partition``. A quotation id always
  belongs to one bucket, so its entry is always written to the same partition.
- ``tracker-speaker-windows``: tumbling windows of :data:`WINDOW` seconds, key speaker name
  (a surname alone counts as the one full name seen with it, :class:`SpeakerNames`),
  value ``{"quotes", "co": {name: count}, "latest": [quotation ids], "seen": [hashes of the
  (quotation, article) counted, the last 64]}``; the API adds up the
  windows of the last hour/day. Windows expire after a day (Faust deletes them), so the
  speakers' state is bounded by a day of activity.

Each worker holds the partitions it owns (plain tables: a GlobalTable was tried, but
faust-streaming 0.15 only recovers the other partitions at start and does not follow them,
so two workers answered differently). The web views (``agents/tracker_web.py``) therefore
ask every other worker of the group for its part, from the table's partition assignment
(``app.router.table_metadata``), and merge the disjoint answers. The matching index
(:class:`newsstream.tracker.identity.QuotationIndex`, in memory, bounded) is rebuilt from the
quotation table after recovery. Every change of a record is also published to the compacted
topic ``quotations`` (``schemas/quotations.schema.json``) for other consumers. Faust runs these
agents at-least-once in both modes (exactly_once covers the pipeline's stages only,
``agents/transactions.py``): after a crash the redone sightings publish their records again, with
the same content (ids, dedupe by article, and each sighting's earlier decision kept in its record:
:class:`newsstream.tracker.tracking.Tracker`), which a compacted topic of states absorbs. Faust's
consumer reads ``read_committed`` (:func:`agents.faust_internals.read_committed`), so under
exactly_once the outputs of a killed worker's aborted transaction never reach ``tracker_route``.
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
from aiokafka.partitioner import murmur2
from faust.serializers import codecs
from faust.streams import current_event
from faust.types import EventT

from agents.app import app, settings
from agents.batches import OrderedAcks, ready_batches
from agents.codecs import CODEC_NAME
from newsstream import SCHEMA_VERSION
from newsstream.tracker.aggregate import public
from newsstream.tracker.identity import MatchOptions
from newsstream.tracker.sightings import by_partition, sightings, unpack
from newsstream.tracker.tracking import Tracker

log = logging.getLogger(__name__)
WINDOW = 600.0  # seconds per speaker window: the last hour is 6 windows, the last day 144
WINDOW_EXPIRES = timedelta(days=1, seconds=2 * WINDOW)  # a day of windows plus the partial ends

enriched_in = app.topic(settings.topic_enriched, key_type=bytes, value_type=bytes, value_serializer="raw",
                        partitions=settings.partitions)
sightings_topic = app.topic(f"{settings.app_id}-tracker-sightings", key_type=bytes,
                            partitions=settings.partitions, internal=True)
quotations_topic = app.topic(settings.topic_quotations, key_type=bytes, partitions=settings.partitions,
                             compacting=True)

quotations = app.Table("tracker-quotations", default=None, partitions=settings.partitions, key_type=str,
                             help="quotation id -> quotation record (canonical text, speaker, occurrences)")
speaker_windows = app.Table(
    "tracker-speaker-windows", default=dict, partitions=settings.partitions, key_type=str,
    help="speaker name, window -> {quotes, co}").tumbling(WINDOW, expires=WINDOW_EXPIRES)

tracker = Tracker(MatchOptions(max_quotations=settings.tracker_max_quotations))
_crashing: list[asyncio.Future[Any]] = []


def _now_iso(timestamp: float | None = None) -> str:
    return datetime.fromtimestamp(timestamp or time.time(), UTC).isoformat(timespec="seconds")


def _sightings_of(event: EventT) -> list[tuple[str, dict[str, Any]]]:
    """The (bucket, sighting) pairs of one enriched record; none (and a log line) if unreadable."""
    try:
        article = orjson.loads(event.message.value or b"")
        return sightings(article, _now_iso(event.message.timestamp)) if isinstance(article, dict) else []
    except (orjson.JSONDecodeError, TypeError, ValueError, AttributeError) as exc:
        log.warning("Tracker: skipped an enriched record at %s[%d]@%d: %s", event.message.topic,
                    event.message.partition, event.message.offset, exc)
        return []


@app.agent(enriched_in)
async def tracker_route(stream: Any) -> None:
    """``articles.enriched`` -> the attributed quotations, each to the partition of its speaker
    bucket: one message per partition per batch of what is queued
    (:func:`agents.batches.ready_batches`), not one per quotation. The batch's records are acked
    once the broker has its messages (OrderedAcks)."""
    acks = OrderedAcks(stream, _undelivered)
    async for events in ready_batches(stream, settings.batch_size):
        found = [pair for event in events for pair in _sightings_of(event)]
        deliveries = [await sightings_topic.send(key=key.encode(), value=message, partition=partition)
                      for partition, (key, message) in by_partition(found, bucket_partition).items()]
        await acks.add(events, deliveries)


def bucket_partition(bucket: str) -> int:
    """The partition of the through topic (and of the tables) for a speaker bucket: Kafka's
    default partitioner on the bucket as a key, over the topic's partitions (computed here, not
    asked of the producer, which may not have the topic's metadata yet)."""
    return (murmur2(bucket.encode()) & 0x7FFFFFFF) % settings.partitions


def _undelivered(exc: BaseException) -> None:
    log.error("Tracker: sightings were not delivered (%r); stopping the worker so that their articles are "
              "routed again", exc)
    _crashing.append(asyncio.ensure_future(app.crash(exc)))


@app.agent(sightings_topic)
async def tracker_track(stream: Any) -> None:
    """A message of sightings (one partition) -> their quotations' identities and records, the
    speakers' windows and latest lists; each changed entry written once per message."""
    async for event in stream.events():
        try:
            await track(unpack(event.value), event.message.partition)
        except Exception:  # a bad message must not stop the worker
            log.exception("Tracker: could not track a sightings message at %s[%d]@%d", event.message.topic,
                          event.message.partition, event.message.offset)


async def track(batch: list[dict[str, Any]], partition: int) -> None:
    """Track ``batch`` (the sightings of one message of ``partition``) and write what changed:
    table entries (changelog partition: the current event's, i.e. ``partition``), one
    ``quotations`` record per changed quotation, one window update per speaker."""
    changes = tracker.track(batch, quotations.get)
    evicted = set(changes.evicted)
    topic = quotations_topic.get_topic_name()
    for qid, record in changes.records.items():
        record["partition"] = partition  # where its changelog entry lives (for eviction)
        if qid not in evicted:
            quotations[qid] = record
        # Straight to the producer, as agents/pipeline.py sends: Faust's send buffer (which the table
        # changelogs use) publishes one message at a time and, beyond 100 waiting, holds every
        # stream until it drains. Faust flushes the producer before it commits offsets, so
        # at_least_once still holds.
        value = codecs.dumps(CODEC_NAME, {**public(record), "schema_version": SCHEMA_VERSION})
        await app.producer.send(topic=topic, key=qid.encode(), value=value, partition=None, timestamp=None,
                                headers=None)
    for name in changes.windows:
        current = speaker_windows[name].current()
        value = changes.window_value(name, current)
        if value is not current:  # the same object when every sighting was counted before (a redo)
            speaker_windows[name] = value
    _forget(changes.evicted)


def _forget(evicted: list[str]) -> None:
    """Delete the quotations the index evicted from the table (bounded state). The tombstone
    goes to the changelog partition the entry was written to (kept in the record as
    ``partition``)."""
    event = current_event()
    here = event.message.partition if event is not None else None
    for qid in evicted:
        record = quotations.data.pop(qid, None)
        if not isinstance(record, dict):
            continue
        where = record.get("partition", here)
        if where is not None:
            quotations.send_changelog(where, qid, None, value_serializer="raw")


@quotations.on_recover
async def _reload() -> None:
    """Rebuild the matching index from the recovered quotation table (most recent last)."""
    records = [r for r in quotations.data.values() if isinstance(r, dict) and "bucket" in r]
    records.sort(key=lambda r: r.get("last_seen") or "")
    bound = tracker.index.options.max_quotations
    for old in records[:-bound]:  # beyond the bound: out of memory too
        quotations.data.pop(old["id"], None)
    tracker.load(records[-bound:])
    log.info("Tracker: %d quotations recovered, %d in the matching index", len(records), len(tracker.index))


@app.task
async def _declare_quotations_topic() -> None:
    await quotations_topic.maybe_declare()
