"""A worker started while the broker is down, and before its topics exist: it waits
with a clear log line, then proceeds."""

from __future__ import annotations

import pytest

from tests.faults import scenarios

pytestmark = pytest.mark.kafka


def test_worker_started_while_the_broker_is_down(own_broker, lab):
    row = scenarios.start_before_broker(lab, own_broker, n=30)
    print("\n" + row.line())
    assert "waited with log line: True; alive while down: True" in row.notes, row.logs[0][-3000:]
    assert "created topics: True" in row.notes
    assert row.report.workers_alive == [True]
    assert not row.report.problems(exactly_once=False), row.report.problems(exactly_once=False)


def test_worker_started_before_its_topics_exist(kafka_bootstrap, lab):
    from agents.admin import topic_names

    row = scenarios.start_before_topics(lab, kafka_bootstrap, n=30)
    print("\n" + row.line())
    assert "created the topics: True" in row.notes, row.logs[0][-3000:]
    s = lab.started[0].settings
    assert all(name in row.logs[0] for name in topic_names(s))
    assert row.report.workers_alive == [True]
    assert not row.report.problems(exactly_once=False), row.report.problems(exactly_once=False)
