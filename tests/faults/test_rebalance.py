"""Two workers in one consumer group, a third joins and one leaves mid-stream: nothing
lost, every partition consumed; the time to resume after each rebalance is reported."""

from __future__ import annotations

import time

import pytest

from tests.faults.harness import PacedProducer, Watcher, apply_oracle, finish, make_articles
from tests.kafka_helpers import isolated_settings

pytestmark = pytest.mark.kafka

N = 300
PARTITIONS = 4


def test_join_and_leave_lose_nothing(kafka_bootstrap, tmp_path, workers, frozen_src):
    s = isolated_settings(kafka_bootstrap, tmp_path, partitions=PARTITIONS, session_timeout=10.0)
    articles = make_articles(N, settings=s, seed=4)
    apply_oracle(articles, s, frozen_src)
    watcher = Watcher(s)
    watcher.start()
    assert watcher.ready.wait(120), watcher.error
    first, second = workers(s), workers(s)
    producer = PacedProducer(s, articles, rate=12)
    producer.start()
    assert watcher.wait_progress(40, timeout=180), first.log()[-3000:]
    joined_at = time.time()
    third = workers(s)
    assert watcher.wait_progress(150, timeout=180), third.log()[-3000:]
    left_at = time.time()
    first.stop()  # SIGTERM: leaves the group cleanly
    report = finish(watcher, articles, s, [second, third], timeout=300)
    join = watcher.resume_per_partition(joined_at, PARTITIONS)
    leave = watcher.resume_per_partition(left_at, PARTITIONS)
    print(f"\nFAULT rebalance N={N} partitions={PARTITIONS} lost={len(report.lost)} "
          f"duplicated={report.n_duplicated} time to resume (longest output pause after the event): "
          f"join {watcher.stall_after(joined_at):.1f} s, leave {watcher.stall_after(left_at):.1f} s; "
          f"every partition producing again {join and round(join, 1)} s after the join was started, "
          f"{leave and round(leave, 1)} s after the leave")
    assert report.workers_alive == [True, True]
    assert "address already in use" not in third.log()
    assert not report.problems(exactly_once=False), report.problems(exactly_once=False)
    assert join is not None and leave is not None, "a partition produced nothing after a rebalance"
