"""Answers of the tracker's API, computed from the tables' contents (plain mappings).

Speaker windows come as ``((name, (start, end)), {"quotes", "co"})`` items, the way Faust's
windowed tables hold them; quotation records as ``(id, record)`` items.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from newsstream.tracker.aggregate import public, sum_windows

WINDOWS = {"1h": 3600.0, "1d": 86400.0}


def _window_key(key: Any) -> tuple[str, float] | None:
    """``(name, window end)`` of a windowed-table key, or None for anything else."""
    try:
        name, (_start, end) = key
    except (TypeError, ValueError):
        return None
    return (name, float(end)) if isinstance(name, str) else None


def speaker_totals(items: Iterable[tuple[Any, Any]], now: float, seconds: float) -> dict[str, dict[str, Any]]:
    """Per speaker, the windows that end within the last ``seconds`` added up."""
    per: dict[str, list[tuple[float, dict[str, Any]]]] = {}
    for key, value in items:
        parsed = _window_key(key)
        if parsed is None or not isinstance(value, dict) or parsed[1] <= now - seconds:
            continue
        per.setdefault(parsed[0], []).append((parsed[1], value))
    return {name: sum_windows([v for _end, v in sorted(values, key=lambda x: x[0])]) for name, values in per.items()}


def top_speakers(items: Iterable[tuple[Any, Any]], now: float, window: str, limit: int = 20) -> dict[str, Any]:
    """``{"window", "speakers": [{"name", "quotes", "co_quoted"}]}``, most quoted first."""
    totals = speaker_totals(items, now, WINDOWS[window])
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1]["quotes"], kv[0]))[:limit]
    return {"window": window, "speakers": [
        {"name": name, "quotes": v["quotes"], "latest": list(reversed(v["latest"])),
         "co_quoted": [{"name": n, "quotes": c} for n, c in sorted(v["co"].items(), key=lambda x: (-x[1], x[0]))]}
        for name, v in ranked]}


def latest_quotations(records: Mapping[str, Any], speaker: str | None = None, limit: int = 20,
                      ids: Iterable[str] | None = None) -> dict[str, Any]:
    """``{"quotations": [...]}``: the speaker's (by canonical name or any alternative) or
    everybody's, most recently seen first; ``ids`` restricts to those quotations."""
    chosen = (records[i] for i in ids if i in records) if ids is not None else records.values()
    out = [r for r in chosen if isinstance(r, dict) and "id" in r
           and (speaker is None or speaker in r["speaker"]["names"] or speaker == r["speaker"]["name"])]
    out.sort(key=lambda r: (r.get("last_seen") or "", r["occurrences"]), reverse=True)
    return {"quotations": [public(r) for r in out[:limit]]}
