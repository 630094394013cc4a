"""A batch of sightings -> the quotation records and speaker windows it changes.

The worker (``agents/tracker.py``) hands over all the sightings of one message of the
through topic (one speaker bucket, many articles) and writes back what changed once: one
table entry and one ``quotations`` record per changed quotation, one window update per
speaker, instead of one of each per sighting (bench/tracker.py ``--throughput``).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from newsstream.tracker.aggregate import Occurrence, add_occurrence, add_to_window
from newsstream.tracker.identity import MatchOptions, QuotationIndex
from newsstream.tracker.normalise import SpeakerNames, stable_hash


@dataclass(slots=True)
class Changes:
    """What one batch changed. ``records``: quotation id -> its record to write and publish, in
    the order of their first sighting (a replayed sighting's record too, unchanged);
    ``windows``: canonical speaker name -> the window increments, as ``(co-quoted names,
    quotation id, article id)`` per sighting, in order; ``evicted``: ids the index dropped
    (bounded memory), whose table entries the worker deletes."""

    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    windows: dict[str, list[tuple[list[str], str, str]]] = field(default_factory=dict)
    evicted: list[str] = field(default_factory=list)

    def window_value(self, name: str, current: dict[str, Any] | None) -> dict[str, Any]:
        """The speaker window ``current`` with this batch's sightings of ``name`` counted (each
        (quotation, article) once: :func:`~.aggregate.add_to_window`)."""
        value = current
        for co, quotation_id, article_id in self.windows.get(name, []):
            value = add_to_window(value, co, quotation_id, article_id)
        return value if value is not None else {"quotes": 0, "co": {}, "latest": []}


# Decisions kept per quotation record (the last ones): a redo after a crash repeats the sightings
# since the last committed offset (Faust commits every second), so 16 of one quotation in that
# span are covered; not tuned. Each costs ~40 bytes of the record.
MAX_DECIDED = 16
# Decisions held in memory (the most recent, a few hundred bytes each): several seconds of
# sightings at the worker's throughput (bench/tracker.py --throughput: ~1,600 sightings/s), enough
# for a redo; not tuned.
MAX_DECISIONS = 20_000


def sighting_key(sighting: dict[str, Any]) -> str:
    """The identity of one sighting: its bucket, article and text as extracted (a redo or a
    re-routed copy of the same article gives the same key)."""
    return stable_hash(sighting["bucket"], str(sighting["article_id"]), sighting["text"])


class Tracker:
    """The matching index and the speaker names of one worker; :meth:`track` a batch.

    **Redo.** Faust runs the tracker at-least-once: after a crash the sightings since the last
    commit are tracked again, on tables that may already hold what came after them (a later,
    longer quotation; a speaker's full name). Matched again, an excerpt could go to that later
    quotation and count twice, a surname-only speaker to a full name and count twice in the
    speakers' windows. So each sighting's decision (quotation id, speaker name) is kept in its
    record (``decided``, the last :data:`MAX_DECIDED`, written in the same table entry as the
    count it made) and in memory (:data:`MAX_DECISIONS`); a sighting decided before gets the same
    answer, whatever came since. The matching index's exact keys are kept in the record too
    (``exact``): a restarted worker sends a text seen before to the same quotation as one that
    never stopped."""

    def __init__(self, options: MatchOptions | None = None) -> None:
        self.index = QuotationIndex(options)
        self.names = SpeakerNames()
        self.decisions: OrderedDict[str, tuple[str, str]] = OrderedDict()  # sighting key -> (id, name)

    def track(self, sightings: list[dict[str, Any]],
              lookup: Callable[[str], dict[str, Any] | None]) -> Changes:
        """Identify every sighting and count it in its quotation's record (``lookup`` gives a
        stored record by id) and in its speaker's window. Each counts a (quotation, article)
        once: the record by its article hashes (a replay, the article quoting it twice leave it
        as it is), the window by its own (:meth:`Changes.window_value`), so that a redo after a
        crash that saved one of the two but not the other still counts it once in each."""
        changes = Changes()
        for sighting in sightings:
            key = sighting_key(sighting)
            known = self.decisions.get(key)
            match = self.index.observe(sighting["speaker"], sighting["text"], known[0] if known else None)
            if match is None:
                continue
            qid = match.quotation_id
            occ = Occurrence(sighting["article_id"], sighting.get("url"), sighting.get("source"),
                             sighting["time"], sighting["speaker"], sighting["text"])
            before = changes.records[qid] if qid in changes.records else lookup(qid)
            record, counted = add_occurrence(before, qid, sighting["bucket"], occ)
            self.names.see(sighting["speaker"])
            # per canonical speaker ("Okafor" is "Maria Okafor"), as decided the first time
            name = known[1] if known and known[0] == qid else self.names.resolve(sighting["speaker"])
            # Written and published even when nothing changed (a replay): a crash may have saved the
            # table entry of the first time but not its `quotations` record, or the other way round.
            changes.records[qid] = _with_decision(record, key, name) or (record if counted else dict(record))
            self._remember(key, qid, name)
            changes.windows.setdefault(name, []).append((sighting.get("co") or [], qid, sighting["article_id"]))
        for qid, record in changes.records.items():
            record["forms"] = self.index.forms(qid)  # indexed again after a restart (load)
            record["exact"] = self.index.exact_keys(qid)
        changes.evicted = self.index.drain_evicted()
        return changes

    def _remember(self, key: str, qid: str, name: str) -> None:
        self.decisions[key] = (qid, name)
        self.decisions.move_to_end(key)
        while len(self.decisions) > MAX_DECISIONS:
            self.decisions.popitem(last=False)

    def load(self, records: list[dict[str, Any]]) -> None:
        """Put recovered quotation records back into the index (oldest first), their names and
        their decisions."""
        for record in records:
            self.index.load(record["id"], record["bucket"], record["text"], record.get("forms") or [],
                            record.get("exact") or [])
            for name in record["speaker"]["names"]:
                self.names.see(name)
            for key, name in record.get("decided") or []:
                self._remember(key, record["id"], name)


def _with_decision(record: dict[str, Any], key: str, name: str) -> dict[str, Any] | None:
    """``record`` (not changed) with the decision ``key -> name`` kept, the last
    :data:`MAX_DECIDED`; None when it holds that decision already."""
    decided = record.get("decided") or []
    if any(k == key for k, _n in decided):
        return None
    return {**record, "decided": [*decided, [key, name]][-MAX_DECIDED:]}
