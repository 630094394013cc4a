"""A worker started while the broker is down, and before its topics exist: it waits
with a clear log line, then proceeds."""

from __future__ import annotations

import time

import pytest

from tests.faults.harness import PacedProducer, Watcher, apply_oracle, finish, make_articles
from tests.kafka_helpers import isolated_settings

pytestmark = pytest.mark.kafka

WAITING = "is not reachable yet"


def _wait_for_log(worker, text: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in worker.log():
            return True
        time.sleep(0.5)
    return False


def _run_through(s, worker, frozen_src, n=30, seed=5):
    articles = make_articles(n, settings=s, seed=seed)
    apply_oracle(articles, s, frozen_src)
    watcher = Watcher(s)
    watcher.start()
    assert watcher.ready.wait(120), watcher.error
    PacedProducer(s, articles, rate=100).start()
    return finish(watcher, articles, s, [worker], timeout=180)


def test_worker_started_while_the_broker_is_down(own_broker, tmp_path, workers, frozen_src):
    s = isolated_settings(own_broker.bootstrap, tmp_path)
    worker = workers(s)
    assert _wait_for_log(worker, WAITING, 60), worker.log()[-3000:]
    time.sleep(5)  # keeps waiting, does not exit
    assert worker.alive(), worker.log()[-3000:]
    started = time.time()
    own_broker.start()
    report = _run_through(s, worker, frozen_src)
    print(f"\nFAULT start-before-broker: waited with '{WAITING}', all {report.n} processed "
          f"{time.time() - started:.1f} s after the broker started; lost={len(report.lost)}")
    assert report.workers_alive == [True]
    assert not report.problems(exactly_once=False), report.problems(exactly_once=False)
    assert "Created topics" in worker.log()


def test_worker_started_before_its_topics_exist(kafka_bootstrap, tmp_path, workers, frozen_src):
    from agents.admin import topic_names

    s = isolated_settings(kafka_bootstrap, tmp_path)
    worker = workers(s)  # nothing exists yet: the worker creates all five topics
    assert _wait_for_log(worker, "Created topics", 120), worker.log()[-3000:]
    log = worker.log()
    assert all(name in log for name in topic_names(s))
    report = _run_through(s, worker, frozen_src, seed=6)
    assert report.workers_alive == [True]
    assert not report.problems(exactly_once=False), report.problems(exactly_once=False)
