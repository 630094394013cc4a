"""The worker's recurring-line memory, kept in a Faust table backed by a changelog topic.

The clean agent (``agents/pipeline.py``) calls :func:`drop_recurring_lines` on every clean
article: the pure stage :func:`newsstream.pipeline.drop_recurring` counts its paragraphs in
the process-wide :data:`memory` (a bounded :class:`~newsstream.cleaning.recurring.LineMemory`)
and drops those that recur in ``NEWSSTREAM_RECURRING_MIN_ARTICLES`` articles of the source.
Every change of an entry that has recurred is mirrored into the table :data:`lines`, so a
restarted or rebalanced worker gets it back from the changelog
(``<app id>-recurring-lines-changelog``, compacted), and :func:`_reload` merges the recovered
table into the memory once recovery completes.

**Keys and partitions.** ``articles.raw`` is keyed by article id, while the memory is per
source; three ways to reconcile them were weighed:

- *repartition by source* (an extra topic keyed by source, then the table co-partitioned with
  it): exact per-source counts, but one more hop per article, and one busy source lands on a
  single partition, i.e. a single worker;
- *a GlobalTable*: every worker reads every other worker's updates, but it also recovers the
  whole changelog on every start, and concurrent writers of one key overwrite each other;
- *chosen: a table keyed by source + line fingerprint, written from the local worker.* Each
  worker counts the articles it reads (from all of its partitions) in its own memory; an entry
  goes to the changelog partition of the article that changed it last, so it moves with that
  raw partition on a rebalance, and a tombstone follows it to the same partition when the
  memory evicts it (the partition is kept in the value). With W workers each sees about 1/W
  of a source's articles, so a footer is learned after about W x N articles of its source
  instead of N; counts stay sound, since entries are sets of article-id hashes: a replayed
  article never counts twice, and merging or losing entries only ever under-counts.

Only entries seen in at least :data:`PERSIST_FROM` articles are written: a first sighting is
every body line of every article, while recurring lines are few. This keeps the changelog at a
few records per article instead of one per paragraph (a restart forgets lines seen once).

Table value: ``[partition, article_hash, ...]`` (JSON); key: ``"<source>\\x1f<fingerprint hex>"``
(a source never contains ``\\x1f``: sources are white-space collapsed and ``\\x1f`` is white space).
"""

from __future__ import annotations

import logging
from typing import Any

from agents.app import app, settings
from newsstream.cleaning.recurring import LineMemory
from newsstream.pipeline import drop_recurring
from newsstream.records import CleanArticle

log = logging.getLogger(__name__)
TABLE_NAME = "recurring-lines"
# Entries are persisted from their second article on: a line seen once is the common case (all
# body text) and losing it on a restart only delays the line's detection by one article.
PERSIST_FROM = 2
SEPARATOR = "\x1f"

memory = LineMemory(settings.recurring_options(), journal=True)
lines = app.Table(
    TABLE_NAME,
    default=None,
    partitions=settings.partitions,  # co-partitioned with articles.raw, whose partitions it follows
    key_type=str,  # keys and values are JSON in the changelog (Faust's default for non-model types)
    help="recurring-line fingerprints per source: key source\\x1f<hex>, value [partition, article hashes...]",
)


def table_key(source: str, fp: int) -> str:
    return f"{source}{SEPARATOR}{fp:016x}"


def parse_key(key: str) -> tuple[str, int]:
    source, _, fp = key.rpartition(SEPARATOR)
    return source, int(fp, 16)


def drop_recurring_lines(article: CleanArticle, partition: int) -> CleanArticle:
    """The pure stage on the worker's memory; then the memory's changes go to the table's
    changelog partition ``partition`` (the raw article's). Raises what the stage raises."""
    if not memory.options.enabled:
        return article
    try:
        return drop_recurring(article, memory)
    finally:
        _mirror(partition)


def _mirror(partition: int) -> None:
    """Write the memory's changes since the last call to the table and its changelog."""
    data = lines.data
    for source, fp, ids in memory.drain_changes():
        key = table_key(source, fp)
        old = data.get(key)
        if ids is None or len(ids) < PERSIST_FROM:
            if old is not None:  # evicted (or a fresh entry replacing a forgotten one)
                del data[key]
                _tombstone(old[0], partition, key)
            continue
        if old is not None and old[0] != partition:  # the entry moves: no stale copy left behind
            _tombstone(old[0], partition, key)
        value = [partition, *ids]
        data[key] = value
        _changelog(partition, key, value)


def _tombstone(where: int, partition: int, key: str) -> None:
    """Delete ``key`` from changelog partition ``where`` (``partition``: the article being processed)."""
    _changelog(where, key, None)


def _changelog(partition: int, key: str, value: list[Any] | None) -> None:
    """Write one entry through Faust's producer, in both modes. Under exactly_once too these writes
    stay outside the stages' transactions (agents/transactions.py): an entry is a set of article
    hashes, so a batch redone after an abort writes the same hashes again, and a write lost in a
    crash only under-counts. (In the transactions, every changelog partition ended with a commit
    marker, and Faust's recovery, which runs at-least-once, waited for a record at that offset
    for ever: tests/integration/test_recurring.py.)"""
    if value is None:
        lines.send_changelog(partition, key, None, value_serializer="raw")
    else:
        lines.send_changelog(partition, key, value)


@lines.on_recover
async def _reload() -> None:
    """Merge the recovered table into the memory (after a start or a rebalance)."""
    loaded = 0
    data: Any = lines.data
    for key, value in list(data.items()):
        if not isinstance(key, str) or not isinstance(value, list) or len(value) < 2:
            continue
        try:
            source, fp = parse_key(key)
            memory.load(source, fp, [int(i) for i in value[1:]])
        except (TypeError, ValueError):  # not written by this module: skip it
            continue
        loaded += 1
    for source, fp, ids in memory.drain_changes():  # past the memory's bounds: out of the table too
        if ids is None:
            data.pop(table_key(source, fp), None)
    log.info("Recurring lines: %d table entries recovered; memory holds %d fingerprints of %d sources",
             loaded, len(memory), memory.sources)
