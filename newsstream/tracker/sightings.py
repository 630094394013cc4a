"""From an enriched article to the tracker's sightings: one per attributed quotation.

A sighting carries what the tracker needs of its quotation and article, and the names of the
article's other speakers (co-quoted). Its key is the speaker bucket, so one speaker's
quotations meet on one partition whatever the name's spelling.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from newsstream.tracker.normalise import speaker_bucket


def source_of(article: dict[str, Any]) -> str | None:
    """The article's outlet: its ``source``, else its URL's host without ``www.``."""
    source = article.get("source")
    if isinstance(source, str) and source.strip():
        return source.strip()
    url = article.get("url")
    if isinstance(url, str) and url:
        host = urlsplit(url).hostname or ""
        return host.removeprefix("www.") or None
    return None


def sightings(article: dict[str, Any], time: str) -> list[tuple[str, dict[str, Any]]]:
    """``(bucket, sighting)`` for every quotation of ``article`` (an articles.enriched record)
    whose speaker has a name; unattributed quotations are not tracked."""
    quotes = article.get("quotes") or []
    names = []
    for quote in quotes:
        speaker = quote.get("speaker") or {}
        name = speaker.get("name") if isinstance(speaker, dict) else None
        names.append(name if isinstance(name, str) and name.strip() else None)
    distinct = sorted({n for n in names if n})
    out = []
    for quote, name in zip(quotes, names, strict=True):
        bucket = speaker_bucket(name)
        text = quote.get("text")
        if bucket is None or not isinstance(text, str) or not text.strip():
            continue
        out.append((bucket, {
            "bucket": bucket, "speaker": name, "text": text, "article_id": str(article.get("id")),
            "url": article.get("url"), "source": source_of(article), "time": time,
            "co": [n for n in distinct if n != name],
        }))
    return out


def by_partition(found: list[tuple[str, dict[str, Any]]],
                 partition_of: Callable[[str], int]) -> dict[int, tuple[str, dict[str, Any]]]:
    """The sightings of several articles as one message per partition of the through topic
    (``partition_of(bucket)``: where the bucket's key goes), in the order they came:
    ``{partition: (key, {"sightings": [...]})}``, the key being the first bucket (the worker
    sends one message per partition per batch, not one per quotation)."""
    out: dict[int, tuple[str, dict[str, Any]]] = {}
    for bucket, sighting in found:
        partition = partition_of(bucket)
        if partition not in out:
            out[partition] = (bucket, {"sightings": []})
        out[partition][1]["sightings"].append(sighting)
    return out


def unpack(value: Any) -> list[dict[str, Any]]:
    """The sightings of one message of the through topic: a :func:`by_partition` message, or a
    single sighting (the format before batching, still on the topic after an upgrade)."""
    if isinstance(value, dict) and isinstance(value.get("sightings"), list):
        return [s for s in value["sightings"] if isinstance(s, dict)]
    if isinstance(value, dict) and "text" in value and "bucket" in value:
        return [value]
    raise ValueError(f"not a tracker sightings message: {str(value)[:100]}")
