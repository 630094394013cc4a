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
    assert not row.report.problems(exactly_once=False), row.report.problems(exactly_once=False)  # nothing lost
    # exactly_once: nothing duplicated either (agents/transactions.py)
    assert not row.report.problems(exactly_once=exactly_once), row.report.problems(exactly_once=exactly_once)
    if not row.fault.startswith("sigkill x2") or "n/a" in row.recovery:
        # the kills' timing is random: a kill after the last article leaves nothing to recover
        pytest.xfail(f"a kill came after the last article (case not exercised this run): {row.line()[:300]}")
