"""SIGKILL of the worker at random points mid-stream, then restart: nothing lost;
with exactly_once, nothing duplicated for a read_committed consumer."""

from __future__ import annotations

import pytest

from tests.faults import scenarios

pytestmark = pytest.mark.kafka


@pytest.mark.parametrize("guarantee", ["at_least_once", "exactly_once"])
def test_sigkill_and_restart_loses_nothing(kafka_bootstrap, lab, guarantee):
    row = scenarios.sigkill(lab, kafka_bootstrap, n=200, kills=2, guarantee=guarantee, rate=10,
                            seed=1 if guarantee == "exactly_once" else 2)
    print("\n" + row.line())
    exactly_once = guarantee == "exactly_once"
    assert row.fault.startswith("sigkill x2"), "the stream ended before both kills"
    assert "n/a" not in row.recovery, "a kill came after the last article: nothing to recover"
    assert not row.report.problems(exactly_once=False), row.report.problems(exactly_once=False)  # nothing lost
    if exactly_once and row.report.exactly_once_defects():
        # Known, open defect (issue 10): duplicates for read_committed consumers after this fault.
        pytest.xfail("; ".join(row.report.exactly_once_defects()))
