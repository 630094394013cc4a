"""Poison pills at 1% (the malformed kinds of the backbone tests plus fuzzed bytes):
every one dead-lettered with its reason, every valid article enriched exactly as the
offline pipeline makes it, and the worker never restarts."""

from __future__ import annotations

import pytest

from tests.faults import scenarios

pytestmark = pytest.mark.kafka


def test_poison_pills_are_dead_lettered_and_the_worker_survives(kafka_bootstrap, lab):
    row = scenarios.poison(lab, kafka_bootstrap, n=1500)
    print("\n" + row.line())
    assert "15 pills of 15 kinds" in row.notes or "15 pills" in row.notes
    assert "worker restarts 0, same process True" in row.notes, row.logs[0][-3000:]
    log = row.logs[0]
    assert "Crashed" not in log
    assert not row.report.problems(exactly_once=False), row.report.problems(exactly_once=False)


def test_no_message_body_in_the_log(kafka_bootstrap, lab):
    row = scenarios.poison(lab, kafka_bootstrap, n=200, poison_rate=0.05, seed=9)
    log = row.logs[0]
    for a in row.articles:  # not even a 60-byte piece of a body
        if a.value is not None and len(a.value) > 400:
            piece = a.value[200:260].decode("utf-8", "ignore").strip()
            assert len(piece) < 20 or piece not in log, f"the log shows the body of {a.key}"
