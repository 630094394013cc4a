"""Two workers in one consumer group, a third joins and one leaves mid-stream: nothing
lost, every partition consumed; the time to resume after each rebalance is reported."""

from __future__ import annotations

import pytest

from tests.faults import scenarios

pytestmark = pytest.mark.kafka


def test_join_and_leave_lose_nothing(kafka_bootstrap, lab):
    row = scenarios.rebalance(lab, kafka_bootstrap, n=300, rate=12)
    print("\n" + row.line())
    assert row.report.workers_alive == [True, True]
    assert all("address already in use" not in log for log in row.logs)
    assert not row.report.problems(exactly_once=False), row.report.problems(exactly_once=False)
    assert "n/a" not in row.notes, "a partition produced nothing after a rebalance"
