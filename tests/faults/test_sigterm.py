"""SIGTERM in the middle of a saturated batch, then restart: nothing lost; with exactly_once,
nothing duplicated for a read_committed consumer. Faust lets an agent finish the batch in hand
before it stops (the worker logs it, and the test checks the SIGTERM came during one); a batch
cancelled half-way acks nothing (agents/pipeline.py, process_batch)."""

from __future__ import annotations

import pytest

from tests.faults import scenarios

pytestmark = pytest.mark.kafka


@pytest.mark.parametrize("guarantee", ["at_least_once", "exactly_once"])
def test_sigterm_mid_batch_loses_nothing(kafka_bootstrap, lab, guarantee):
    row = scenarios.sigterm_saturated(lab, kafka_bootstrap, n=600, guarantee=guarantee)
    print("\n" + row.line())
    assert "stopped during a batch: True" in row.notes, f"SIGTERM landed between batches:\n{row.logs[0][-3000:]}"
    problems = row.report.problems(exactly_once=guarantee == "exactly_once")
    assert not problems, problems
