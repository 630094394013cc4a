"""The tracker's page and API on the worker's web server (``NEWSSTREAM_WEB_PORT``).

- ``/``: top speakers of the last hour and day, latest quotations; ``/speakers/{name}``;
- ``GET /api/speakers?window=1h|1d``, ``GET /api/quotations?speaker=NAME&limit=N``,
  ``GET /api/quotations/{id}``.

Every answer covers all partitions: the tables are GlobalTables (``agents/tracker.py``), so each
worker holds a replica of every partition, and any worker can answer (no forwarding needed).
"""

from __future__ import annotations

import time
from typing import Any

from agents.app import app
from agents.tracker import quotations, speaker_windows
from newsstream.tracker.aggregate import public
from newsstream.tracker.page import home_page, speaker_page
from newsstream.tracker.readmodel import WINDOWS, latest_quotations, top_speakers

MAX_LIMIT = 200  # quotations per API answer


def _windows(window: str) -> dict[str, Any]:
    return top_speakers(list(speaker_windows.table.data.items()), time.time(), window, limit=100)


def _limit(raw: str | None, default: int) -> int:
    try:
        return max(1, min(MAX_LIMIT, int(raw))) if raw else default
    except ValueError:
        return default


@app.page("/")
async def tracker_home(self: Any, request: Any) -> Any:
    records = dict(quotations.data.items())
    return self.html(home_page(_windows("1h"), _windows("1d"), latest_quotations(records, limit=20)))


@app.page("/speakers/{name}")
async def tracker_speaker(self: Any, request: Any, name: str) -> Any:
    hour = next((s for s in _windows("1h")["speakers"] if s["name"] == name), None)
    day = next((s for s in _windows("1d")["speakers"] if s["name"] == name), None)
    records = dict(quotations.data.items())
    return self.html(speaker_page(name, hour, day, latest_quotations(records, speaker=name, limit=50)))


@app.page("/api/speakers")
async def tracker_api_speakers(self: Any, request: Any) -> Any:
    window = request.query.get("window", "1h")
    if window not in WINDOWS:
        return self.json({"error": f"window must be one of {', '.join(WINDOWS)}"}, status=400)
    return self.json(_windows(window))


@app.page("/api/quotations")
async def tracker_api_quotations(self: Any, request: Any) -> Any:
    speaker = request.query.get("speaker") or None
    limit = _limit(request.query.get("limit"), 20)
    records = dict(quotations.data.items())
    answer = latest_quotations(records, speaker=speaker, limit=limit)
    if speaker and len(answer["quotations"]) < limit:  # also those counted under this name by a surname
        day = next((s for s in _windows("1d")["speakers"] if s["name"] == speaker), None)
        if day:
            more = latest_quotations(records, limit=limit, ids=day["latest"])["quotations"]
            known = {q["id"] for q in answer["quotations"]}
            answer["quotations"] += [q for q in more if q["id"] not in known][:limit - len(answer["quotations"])]
    return self.json(answer)


@app.page("/api/quotations/{quotation_id}")
async def tracker_api_quotation(self: Any, request: Any, quotation_id: str) -> Any:
    record = quotations.data.get(quotation_id)
    if not isinstance(record, dict):
        return self.json({"error": f"no quotation {quotation_id}"}, status=404)
    return self.json(public(record))
