"""Re-drive dead letters after a fix: ``newsstream redrive``.

Reads ``articles.deadletter`` from the beginning up to its end *at the start* (so letters that
fail again while this runs are not re-sent in a loop), keeps those that match a
:class:`Selection` (stage, error type, reason text, failure time), and sends each one's original
key and value bytes back to the topic it was first read from: ``articles.raw`` for letters of
the decode/validate/clean stages, ``articles.clean`` for those of the quote stage (its input is
a clean record, not a raw article). ``dry_run`` only counts and lists.

Letters whose value was truncated (``original.value_truncated``) cannot be re-sent faithfully
and are skipped and counted.
"""

from __future__ import annotations

import asyncio
import base64
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson

from agents.client import TopicReader, produce
from newsstream.config import Settings


@dataclass(frozen=True)
class Selection:
    """Which dead letters to re-drive; an empty criterion matches everything."""

    stages: frozenset[str] = frozenset()
    error_types: frozenset[str] = frozenset()
    reason_contains: str | None = None
    since: datetime | None = None
    until: datetime | None = None

    def matches(self, letter: dict[str, Any]) -> bool:
        if self.stages and letter.get("stage") not in self.stages:
            return False
        if self.error_types and letter.get("error_type") not in self.error_types:
            return False
        if self.reason_contains and self.reason_contains.lower() not in str(letter.get("reason", "")).lower():
            return False
        if self.since is not None or self.until is not None:
            failed_at = parse_time(letter.get("failed_at"))
            if failed_at is None:
                return False
            if self.since is not None and failed_at < self.since:
                return False
            if self.until is not None and failed_at >= self.until:
                return False
        return True


def parse_time(value: object) -> datetime | None:
    """An ISO-8601 date or date-time; without an offset it is taken as UTC. None when unreadable."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


@dataclass
class Report:
    scanned: int = 0
    matched: int = 0
    sent: Counter[str] = field(default_factory=Counter)  # target topic -> count
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> count

    def summary(self, dry_run: bool) -> str:
        verb = "would re-send" if dry_run else "re-sent"
        sent = ", ".join(f"{n} to {topic}" for topic, n in sorted(self.sent.items())) or "nothing"
        skipped = "".join(f"; skipped {n} ({why})" for why, n in sorted(self.skipped.items()))
        return f"{self.matched} of {self.scanned} dead letters matched; {verb} {sent}{skipped}"


def target_topic(letter: dict[str, Any], settings: Settings) -> str:
    """Where a letter's original goes back: the clean topic for quote-stage letters read from it, else raw."""
    return settings.topic_clean if letter.get("original", {}).get("topic") == settings.topic_clean \
        else settings.topic_raw


def _b64(value: object) -> bytes | None:
    return None if value is None else base64.b64decode(str(value))


async def read_letters(settings: Settings) -> list[dict[str, Any] | None]:
    """Every record of the dead-letter topic up to its end offsets at the start (None: not JSON)."""
    reader = TopicReader(settings, [settings.topic_deadletter], from_beginning=True)
    await reader.start()
    try:
        consumer = reader.consumer
        partitions = list(consumer.assignment())
        ends = await consumer.end_offsets(partitions)
        pending = {tp for tp, end in ends.items() if end > 0}
        letters: list[dict[str, Any] | None] = []
        while pending:
            batch = await consumer.getmany(*pending, timeout_ms=1000)
            for tp, records in batch.items():
                for record in records:
                    if record.offset < ends[tp]:
                        try:
                            letters.append(orjson.loads(record.value or b""))
                        except orjson.JSONDecodeError:
                            letters.append(None)
                if records and records[-1].offset + 1 >= ends[tp]:
                    pending.discard(tp)
            if not batch:  # nothing more readable (e.g. compacted or deleted up to the end)
                positions = {tp: await consumer.position(tp) for tp in pending}
                pending = {tp for tp, position in positions.items() if position < ends[tp]}
        return letters
    finally:
        await reader.stop()


async def redrive(settings: Settings, selection: Selection, *, dry_run: bool = False, limit: int | None = None,
                  on_match: Callable[[dict[str, Any], str], object] | None = None) -> Report:
    """Re-send the originals of the matching dead letters (at most ``limit``); return the counts."""
    report = Report()
    outgoing: dict[str, list[tuple[bytes | None, bytes | None]]] = {}
    for letter in await read_letters(settings):
        report.scanned += 1
        if letter is None or not isinstance(letter.get("original"), dict):
            report.skipped["not a dead-letter record"] += 1
            continue
        if not selection.matches(letter):
            continue
        if limit is not None and report.matched >= limit:
            break
        report.matched += 1
        original = letter["original"]
        if original.get("value_truncated"):
            report.skipped["value truncated"] += 1
            continue
        topic = target_topic(letter, settings)
        if on_match is not None:
            on_match(letter, topic)
        outgoing.setdefault(topic, []).append((_b64(original.get("key_b64")), _b64(original.get("value_b64"))))
        report.sent[topic] += 1
    if not dry_run:
        for topic, messages in outgoing.items():
            await produce(settings, messages, topic=topic)
    return report


def run(settings: Settings, selection: Selection, **options: Any) -> Report:
    return asyncio.run(redrive(settings, selection, **options))
