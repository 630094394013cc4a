"""A batch of sightings -> the quotation records and speaker windows it changes.

The worker (``agents/tracker.py``) hands over all the sightings of one message of the
through topic (one speaker bucket, many articles) and writes back what changed once: one
table entry and one ``quotations`` record per changed quotation, one window update per
speaker, instead of one of each per sighting (bench/tracker.py ``--throughput``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from newsstream.tracker.aggregate import Occurrence, add_occurrence, add_to_window
from newsstream.tracker.identity import MatchOptions, QuotationIndex
from newsstream.tracker.normalise import SpeakerNames


@dataclass(slots=True)
class Changes:
    """What one batch changed. ``records``: quotation id -> its new record, in the order of
    their first change; ``windows``: canonical speaker name -> the window increments, as
    ``(co-quoted names, quotation id, article id)`` per sighting, in order; ``evicted``: ids the
    index dropped (bounded memory), whose table entries the worker deletes."""

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


class Tracker:
    """The matching index and the speaker names of one worker; :meth:`track` a batch."""

    def __init__(self, options: MatchOptions | None = None) -> None:
        self.index = QuotationIndex(options)
        self.names = SpeakerNames()

    def track(self, sightings: list[dict[str, Any]],
              lookup: Callable[[str], dict[str, Any] | None]) -> Changes:
        """Identify every sighting and count it in its quotation's record (``lookup`` gives a
        stored record by id) and in its speaker's window. Each counts a (quotation, article)
        once: the record by its article hashes (a replay, the article quoting it twice leave it
        as it is), the window by its own (:meth:`Changes.window_value`), so that a redo after a
        crash that saved one of the two but not the other still counts it once in each."""
        changes = Changes()
        for sighting in sightings:
            match = self.index.observe(sighting["speaker"], sighting["text"])
            if match is None:
                continue
            qid = match.quotation_id
            occ = Occurrence(sighting["article_id"], sighting.get("url"), sighting.get("source"),
                             sighting["time"], sighting["speaker"], sighting["text"])
            before = changes.records[qid] if qid in changes.records else lookup(qid)
            record, counted = add_occurrence(before, qid, sighting["bucket"], occ)
            if counted:
                changes.records[qid] = record
            self.names.see(sighting["speaker"])
            name = self.names.resolve(sighting["speaker"])  # per canonical speaker: "Okafor" is "Maria Okafor"
            changes.windows.setdefault(name, []).append((sighting.get("co") or [], qid, sighting["article_id"]))
        for qid, record in changes.records.items():
            record["forms"] = self.index.forms(qid)  # indexed again after a restart (load)
        changes.evicted = self.index.drain_evicted()
        return changes

    def load(self, records: list[dict[str, Any]]) -> None:
        """Put recovered quotation records back into the index (oldest first) and their names."""
        for record in records:
            self.index.load(record["id"], record["bucket"], record["text"], record.get("forms") or [])
            for name in record["speaker"]["names"]:
                self.names.see(name)
