"""The tracker's page and API on the worker's web server (``NEWSSTREAM_WEB_PORT``).

- ``/``: top speakers of the last hour and day, latest quotations; ``/speakers/{name}``;
- ``GET /api/speakers?window=1h|1d``, ``GET /api/quotations?speaker=NAME&limit=N``,
  ``GET /api/quotations/{id}``.

**All partitions.** Each worker holds the table partitions it owns. An API call asks every
other worker that owns partitions of the tracker's tables (``app.router.table_metadata``: their
canonical URLs) for its local answer (``&local=1``) and merges: speakers and quotations of two
partitions never overlap (a speaker's name and a quotation id belong to one surname, hence one
partition), so merging is concatenating and re-ranking. A worker that does not answer within
:data:`PEER_TIMEOUT` is listed in ``"missing"`` and the answer is marked partial.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any
from urllib.parse import quote

import aiohttp

from agents.app import app
from agents.tracker import bucket_partition, quotations, sightings_topic, speaker_windows
from newsstream.tracker.aggregate import public
from newsstream.tracker.normalise import speaker_bucket
from newsstream.tracker.page import home_page, speaker_page
from newsstream.tracker.readmodel import WINDOWS, latest_quotations, top_speakers

log = logging.getLogger(__name__)
MAX_LIMIT = 200  # quotations per API answer
PEER_TIMEOUT = 5.0  # seconds to wait for another worker's part of an answer


def _owned() -> set[int] | None:
    """Partitions of the through topic (hence of the tables) this worker owns now; None when
    that is not known. Faust's memory store keeps the entries a worker wrote itself after their
    partition moved to another worker, and both would then answer for them (the two-worker test
    once saw every count doubled), so the local answers keep the owned partitions only."""
    try:
        topic = sightings_topic.get_topic_name()
        return {tp.partition for tp in app.assignor.assigned_actives() if tp.topic == topic}
    except Exception:  # no assignment yet
        return None


def _partition_of_name(name: str) -> int | None:
    bucket = speaker_bucket(name)
    return bucket_partition(bucket) if bucket is not None else None


def _mine(owned: set[int] | None, partition: int | None) -> bool:
    return owned is None or partition is None or partition in owned


def _local_speakers(window: str) -> dict[str, Any]:
    owned = _owned()
    items = [(key, value) for key, value in speaker_windows.table.data.items()
             if _mine(owned, _partition_of_name(key[0]) if isinstance(key, tuple) else None)]
    return top_speakers(items, time.time(), window, limit=MAX_LIMIT)


def _local_records() -> dict[str, Any]:
    owned = _owned()
    return {qid: record for qid, record in quotations.data.items()
            if isinstance(record, dict) and _mine(owned, record.get("partition"))}


def _local_quotations(speaker: str | None, limit: int) -> dict[str, Any]:
    records = _local_records()
    answer = latest_quotations(records, speaker=speaker, limit=limit)
    if speaker and len(answer["quotations"]) < limit:  # also those counted under this name by a surname
        day = next((s for s in _local_speakers("1d")["speakers"] if s["name"] == speaker), None)
        if day:
            more = latest_quotations(records, limit=limit, ids=day["latest"])["quotations"]
            known = {q["id"] for q in answer["quotations"]}
            answer["quotations"] += [q for q in more if q["id"] not in known][:limit - len(answer["quotations"])]
    return answer


def _peers() -> list[str]:
    """Canonical URLs of the other workers owning partitions of the tracker's tables."""
    me = str(app.conf.canonical_url).rstrip("/")
    try:
        hosts = app.router.table_metadata(quotations.name)
    except Exception:  # no assignment yet (starting, rebalancing): answer locally
        return []
    return sorted(h.rstrip("/") for h, topics in hosts.items() if h.rstrip("/") != me and any(topics.values()))


async def _gather(path: str) -> tuple[list[dict[str, Any]], list[str]]:
    """The other workers' local answers to ``path`` (which has a query string), and who failed."""
    peers = _peers()
    if not peers:
        return [], []
    timeout = aiohttp.ClientTimeout(total=PEER_TIMEOUT)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        async def one(host: str) -> dict[str, Any] | None:
            try:
                async with session.get(f"{host}{path}&local=1") as response:
                    return await response.json() if response.status in (200, 404) else None
            except (TimeoutError, aiohttp.ClientError, ValueError) as exc:
                log.warning("Tracker: worker %s did not answer %s: %s", host, path, exc)
                return None

        answers = await asyncio.gather(*(one(h) for h in peers))
    return [a for a in answers if a is not None], [h for h, a in zip(peers, answers, strict=True) if a is None]


def _limit(raw: str | None, default: int) -> int:
    try:
        return max(1, min(MAX_LIMIT, int(raw))) if raw else default
    except ValueError:
        return default


def _mark(answer: dict[str, Any], missing: list[str]) -> dict[str, Any]:
    if missing:
        answer["partial"], answer["missing"] = True, missing
    return answer


async def speakers_answer(window: str, local: bool) -> dict[str, Any]:
    answer = _local_speakers(window)
    if local:
        return answer
    others, missing = await _gather(f"/api/speakers?window={window}")
    merged = answer["speakers"] + [s for o in others for s in o.get("speakers", [])]
    merged.sort(key=lambda s: (-s["quotes"], s["name"]))
    return _mark({"window": window, "speakers": merged[:MAX_LIMIT]}, missing)


async def quotations_answer(speaker: str | None, limit: int, local: bool) -> dict[str, Any]:
    answer = _local_quotations(speaker, limit)
    if local:
        return answer
    query = f"limit={limit}" + (f"&speaker={quote(speaker, safe='')}" if speaker else "")
    others, missing = await _gather(f"/api/quotations?{query}")
    merged = answer["quotations"] + [q for o in others for q in o.get("quotations", [])]
    merged.sort(key=lambda q: (q.get("last_seen") or "", q["occurrences"]), reverse=True)
    return _mark({"quotations": merged[:limit]}, missing)


@app.page("/")
async def tracker_home(self: Any, request: Any) -> Any:
    hour, day = await speakers_answer("1h", False), await speakers_answer("1d", False)
    return self.html(home_page(hour, day, await quotations_answer(None, 20, False)))


@app.page("/speakers/{name}")
async def tracker_speaker(self: Any, request: Any, name: str) -> Any:
    hour = next((s for s in (await speakers_answer("1h", False))["speakers"] if s["name"] == name), None)
    day = next((s for s in (await speakers_answer("1d", False))["speakers"] if s["name"] == name), None)
    return self.html(speaker_page(name, hour, day, await quotations_answer(name, 50, False)))


@app.page("/api/speakers")
async def tracker_api_speakers(self: Any, request: Any) -> Any:
    window = request.query.get("window", "1h")
    if window not in WINDOWS:
        return self.json({"error": f"window must be one of {', '.join(WINDOWS)}"}, status=400)
    return self.json(await speakers_answer(window, bool(request.query.get("local"))))


@app.page("/api/quotations")
async def tracker_api_quotations(self: Any, request: Any) -> Any:
    speaker = request.query.get("speaker") or None
    limit = _limit(request.query.get("limit"), 20)
    return self.json(await quotations_answer(speaker, limit, bool(request.query.get("local"))))


@app.page("/api/quotations/{quotation_id}")
async def tracker_api_quotation(self: Any, request: Any, quotation_id: str) -> Any:
    record = quotations.data.get(quotation_id)
    if isinstance(record, dict) and _mine(_owned(), record.get("partition")):
        return self.json(public(record))
    if not request.query.get("local"):
        others, _missing = await _gather(f"/api/quotations/{quotation_id}?")
        for other in others:
            if "id" in other:
                return self.json(other)
    return self.json({"error": f"no quotation {quotation_id}"}, status=404)
