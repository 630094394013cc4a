"""The broker stopped and restarted mid-stream (the project's own LocalBroker.stop/start):
the worker reconnects by itself, nothing is lost."""

from __future__ import annotations

import pytest

from tests.faults import scenarios

pytestmark = pytest.mark.kafka


def test_broker_restart_midstream(own_broker, lab):
    row = scenarios.broker_restart(lab, own_broker, n=200, rate=15)
    print("\n" + row.line())
    assert row.report.workers_alive == [True], f"the worker died:\n{row.logs[0][-3000:]}"
    assert "same worker process" in row.notes
    assert not row.report.problems(exactly_once=False), row.report.problems(exactly_once=False)
