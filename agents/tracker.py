"""The live quote tracker in the worker: Faust tables of quotations and speakers.

Two agents, one hop:

``articles.enriched`` (key: article id) --tracker_route--> ``<app id>-tracker-sightings``
(key: speaker bucket, the surname) --tracker_track--> tables + ``quotations`` (key: quotation id)

**Why re-key.** Matching compares a quotation with the quotations of the same speaker, so all of
a speaker's sightings must meet in one process: ``quotes`` is keyed by the speaker's name as
extracted ("Maria Okafor" and "Okafor" land on different partitions), so the route agent reads
the enriched article (one record per article, which also gives the co-quoted speakers) and
re-keys each quotation by its speaker bucket.

**Tables and co-partitioning.** Every table is written by ``tracker_track`` only, so each entry
goes to the changelog partition of the sighting being processed, i.e. the partition of its
speaker bucket: the tables are co-partitioned with the through topic.

- ``tracker-quotations``: key ``quotation_id`` (a hash of the bucket and the first form's words,
  the same on every worker and replay); value: the record of
  :func:`newsstream.tracker.aggregate.add_occurrence`. A quotation id always belongs to one
  bucket, so its entry is always written to the same partition.
- ``tracker-speaker-windows``: tumbling windows of :data:`WINDOW` seconds, key speaker name
  (a surname alone counts as the one full name seen with it, :class:`SpeakerNames`),
  value ``{"quotes", "co": {name: count}, "latest": [quotation ids]}``; the API adds up the
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
the same content (ids, dedupe by article and the recovered tables make the redo deterministic),
which a compacted topic of states absorbs.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
from faust.streams import current_event

from agents.app import app, settings
from newsstream import SCHEMA_VERSION
from newsstream.tracker.aggregate import Occurrence, add_occurrence, add_to_window, public
from newsstream.tracker.identity import MatchOptions, QuotationIndex
from newsstream.tracker.normalise import SpeakerNames
from newsstream.tracker.sightings import sightings

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

index = QuotationIndex(MatchOptions(max_quotations=settings.tracker_max_quotations))
names = SpeakerNames()


def _now_iso(timestamp: float | None = None) -> str:
    return datetime.fromtimestamp(timestamp or time.time(), UTC).isoformat(timespec="seconds")


@app.agent(enriched_in)
async def tracker_route(stream: Any) -> None:
    """``articles.enriched`` -> one sighting per attributed quotation, keyed by speaker bucket."""
    async for event in stream.events():
        try:
            article = orjson.loads(event.message.value or b"")
            found = sightings(article, _now_iso(event.message.timestamp)) if isinstance(article, dict) else []
        except (orjson.JSONDecodeError, TypeError, ValueError, AttributeError) as exc:
            log.warning("Tracker: skipped an enriched record at %s[%d]@%d: %s", event.message.topic,
                        event.message.partition, event.message.offset, exc)
            continue
        for bucket, sighting in found:
            await sightings_topic.send(key=bucket.encode(), value=sighting)


@app.agent(sightings_topic)
async def tracker_track(stream: Any) -> None:
    """A sighting -> its quotation's identity and record, the speaker's window and latest list."""
    async for sighting in stream:
        try:
            await track(sighting)
        except Exception:  # a bad sighting must not stop the worker
            log.exception("Tracker: could not track a sighting")


async def track(sighting: dict[str, Any]) -> None:
    match = index.observe(sighting["speaker"], sighting["text"])
    if match is None:
        return
    occ = Occurrence(sighting["article_id"], sighting.get("url"), sighting.get("source"), sighting["time"],
                     sighting["speaker"], sighting["text"])
    record, counted = add_occurrence(quotations.get(match.quotation_id), match.quotation_id, sighting["bucket"],
                                     occ)
    if not counted:
        return
    event = current_event()
    if event is not None:
        record["partition"] = event.message.partition  # where its changelog entry lives (for eviction)
    quotations[match.quotation_id] = record
    names.see(sighting["speaker"])
    name = names.resolve(sighting["speaker"])  # per canonical speaker: "Okafor" is "Maria Okafor"
    speaker_windows[name] = add_to_window(speaker_windows[name].current(), sighting.get("co") or [],
                                          match.quotation_id)
    message = {**public(record), "schema_version": SCHEMA_VERSION}
    await quotations_topic.send(key=match.quotation_id.encode(), value=message)
    _forget(index.drain_evicted())


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
    for old in records[:-index.options.max_quotations]:  # beyond the bound: out of memory too
        quotations.data.pop(old["id"], None)
    for record in records[-index.options.max_quotations:]:
        index.load(record["id"], record["bucket"], record["text"])
        for name in record["speaker"]["names"]:
            names.see(name)
    log.info("Tracker: %d quotations recovered, %d in the matching index", len(records), len(index))


@app.task
async def _declare_quotations_topic() -> None:
    await quotations_topic.maybe_declare()
