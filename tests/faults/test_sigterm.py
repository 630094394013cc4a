"""SIGTERM in the middle of a saturated batch, then restart: nothing lost; with exactly_once,
nothing duplicated for a read_committed consumer. Faust lets an agent finish the batch in hand
before it stops, or cancels it; a batch cancelled half-way acks nothing (agents/pipeline.py,
process_batch). The worker logs how many events it had in hand (taken, not acked) when the stop
came, and the test checks there were some."""

from __future__ import annotations

import re

import pytest

from tests.faults import scenarios

pytestmark = pytest.mark.kafka


@pytest.mark.parametrize("guarantee", ["at_least_once", "exactly_once"])
def test_sigterm_mid_batch_loses_nothing(kafka_bootstrap, lab, guarantee):
    row = scenarios.sigterm_saturated(lab, kafka_bootstrap, n=1200, guarantee=guarantee)
    print("\n" + row.line())
    in_hand = re.search(r"events in hand at the stop: (\d+)", row.notes)
    assert in_hand and int(in_hand.group(1)) > 0, f"SIGTERM came with no batch in hand:\n{row.logs[0][-3000:]}"
    problems = row.report.problems(exactly_once=guarantee == "exactly_once")
    assert not problems, problems
