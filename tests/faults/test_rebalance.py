"""Two workers in one consumer group, a third joins and one leaves mid-stream: nothing
lost (with exactly_once nothing duplicated either), every partition consumed, no worker
stopped; the time to resume after each rebalance is reported."""

from __future__ import annotations

import pytest

from tests.faults import scenarios

pytestmark = pytest.mark.kafka


@pytest.mark.parametrize("guarantee", ["at_least_once", "exactly_once"])
def test_join_and_leave_lose_nothing(kafka_bootstrap, lab, guarantee):
    row = scenarios.rebalance(lab, kafka_bootstrap, n=300, rate=12, guarantee=guarantee)
    print("\n" + row.line())
    assert all("address already in use" not in log for log in row.logs)
    exactly_once = guarantee == "exactly_once"  # then also: no duplicates for read_committed
    assert not row.report.problems(exactly_once=False), row.report.problems(exactly_once=False)  # nothing lost
    assert not row.report.problems(exactly_once=exactly_once), row.report.problems(exactly_once=exactly_once)
    assert "n/a" not in row.notes, "a partition produced nothing after a rebalance"
    assert row.report.workers_alive == [True, True]
