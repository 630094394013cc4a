"""The records the tracker keeps: one per quotation, and per speaker per time window.

Pure functions over plain dicts (the values of the worker's Faust tables and of the
``quotations`` topic, ``schemas/quotations.schema.json``).
"""

from __future__ import annotations

import zlib
from collections import Counter
from dataclasses import dataclass
from typing import Any

MAX_ARTICLES = 10  # last N articles listed per quotation (the page shows a few outlets)
MAX_SEEN = 64  # article hashes remembered per quotation to count each article once (replays, repeats)
MAX_NAMES = 8  # alternative speaker names counted per quotation
MAX_CO = 20  # co-quoted speakers counted per speaker per window
MAX_LATEST = 10  # latest quotation ids per speaker
# Sightings (quotation, article) remembered per speaker window to count each once: a worker
# restarted after a crash redoes the sightings since its last commit (every second), so the last
# 64 of one speaker in one 10-minute window cover a redo unless that speaker was quoted more than
# 64 times in that second. Bounds the window's size (every window write carries the list); as
# MAX_SEEN, not tuned.
MAX_WINDOW_SEEN = 64


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One sighting of a quotation in an article."""

    article_id: str
    url: str | None
    source: str | None
    time: str  # ISO 8601 UTC
    speaker: str
    text: str

    def article(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "url": self.url, "source": self.source, "time": self.time}


def article_hash(article_id: str) -> int:
    return zlib.crc32(article_id.encode())


def add_occurrence(record: dict[str, Any] | None, quotation_id: str, bucket: str,
                   occ: Occurrence) -> tuple[dict[str, Any], bool]:
    """The quotation's record with ``occ`` counted; False when the article was already counted
    (a replay, or the article quoting it twice), in which case the record is returned as is."""
    if record is None:
        record = {"id": quotation_id, "bucket": bucket, "text": occ.text,
                  "speaker": {"name": occ.speaker, "names": {}}, "first_seen": occ.article(),
                  "occurrences": 0, "articles": [], "seen": [], "last_seen": occ.time}
    h = article_hash(occ.article_id)
    if h in record["seen"]:
        return record, False
    record = dict(record)
    record["seen"] = [*record["seen"], h][-MAX_SEEN:]
    record["occurrences"] += 1
    record["articles"] = [*record["articles"], occ.article()][-MAX_ARTICLES:]
    record["last_seen"] = occ.time
    if len(occ.text) > len(record["text"]):  # canonical: the longest form
        record["text"] = occ.text
    names = Counter(record["speaker"]["names"])
    names[occ.speaker] += 1
    kept = dict(names.most_common(MAX_NAMES))
    record["speaker"] = {"name": max(kept, key=lambda n: (kept[n], len(n))), "names": kept}
    return record, True


def sighting_hash(quotation_id: str, article_id: str) -> int:
    return zlib.crc32(f"{quotation_id}\x1f{article_id}".encode())


def add_to_window(value: dict[str, Any] | None, co_speakers: list[str],
                  quotation_id: str | None = None, article_id: str | None = None) -> dict[str, Any]:
    """A speaker's window with one more quotation (its id among the window's latest), and the
    speakers quoted beside it. With ``article_id``, a (quotation, article) the window has already
    counted leaves it as it is: a redo after a crash whose record was saved but not its window,
    or the other way round, ends with both counted once."""
    value = value or {"quotes": 0, "co": {}, "latest": []}
    seen = value.get("seen", [])
    if quotation_id is not None and article_id is not None:
        h = sighting_hash(quotation_id, article_id)
        if h in seen:
            return value
        seen = [*seen, h][-MAX_WINDOW_SEEN:]
    co = Counter(value["co"])
    co.update(co_speakers)
    latest = value.get("latest", [])
    if quotation_id is not None:
        latest = push_latest(latest, quotation_id)
    out = {"quotes": value["quotes"] + 1, "co": dict(co.most_common(MAX_CO)), "latest": latest}
    if seen:
        out["seen"] = seen
    return out


def sum_windows(values: list[dict[str, Any] | None]) -> dict[str, Any]:
    """Several windows of one speaker added up."""
    quotes, co, latest = 0, Counter(), []
    for v in values:  # in time order: the latest ids of the last window come last
        if v:
            quotes += v["quotes"]
            co.update(v["co"])
            for qid in v.get("latest", []):
                latest = push_latest(latest, qid)
    return {"quotes": quotes, "co": dict(co.most_common(MAX_CO)), "latest": latest}


def push_latest(latest: list[str] | None, quotation_id: str) -> list[str]:
    """The speaker's latest quotation ids, most recent last, each once."""
    kept = [q for q in (latest or []) if q != quotation_id]
    return [*kept, quotation_id][-MAX_LATEST:]


def public(record: dict[str, Any]) -> dict[str, Any]:
    """A quotation as the API shows it (``/api/quotations``)."""
    return {"id": record["id"], "text": record["text"], "speaker": record["speaker"],
            "occurrences": record["occurrences"], "first_seen": record["first_seen"],
            "last_seen": record.get("last_seen"), "articles": list(reversed(record["articles"]))}
