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
    assert not row.report.problems(exactly_once=False), row.report.problems(exactly_once=False)  # nothing lost
    exactly_once = guarantee == "exactly_once"  # then nothing duplicated either
    assert not row.report.problems(exactly_once=exactly_once), row.report.problems(exactly_once=exactly_once)
    in_hand = re.search(r"events in hand at the stop: (\d+)", row.notes)
    if not (in_hand and int(in_hand.group(1)) > 0):
        # The stop landed between two batches (a timing the test cannot force on a loaded machine):
        # nothing was lost, but the mid-batch case was not exercised in this run.
        pytest.xfail(f"SIGTERM came with no batch in hand (mid-batch case not exercised): {row.notes[:300]}")
