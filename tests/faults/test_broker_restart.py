"""The broker stopped and restarted mid-stream (the project's own LocalBroker.stop/start):
the worker reconnects by itself, nothing is lost."""

from __future__ import annotations

import random
import time

import pytest

from tests.faults.harness import PacedProducer, Watcher, apply_oracle, finish, make_articles
from tests.kafka_helpers import isolated_settings

pytestmark = pytest.mark.kafka

N = 200
DOWN_SECONDS = 5.0


def test_broker_restart_midstream(own_broker, tmp_path, workers, frozen_src):
    rng = random.Random("broker-restart")
    own_broker.start()
    s = isolated_settings(own_broker.bootstrap, tmp_path, session_timeout=10.0)
    articles = make_articles(N, settings=s, seed=3)
    apply_oracle(articles, s, frozen_src)
    watcher = Watcher(s)
    watcher.start()
    assert watcher.ready.wait(120), watcher.error
    worker = workers(s)
    pid = worker.pid
    producer = PacedProducer(s, articles, rate=15, idempotent=False)
    producer.start()
    assert watcher.wait_progress(rng.randint(30, 60), timeout=180), worker.log()[-3000:]
    down_at = time.time()
    own_broker.stop()
    time.sleep(DOWN_SECONDS)
    own_broker.start()
    up_at = time.time()
    report = finish(watcher, articles, s, [worker], timeout=300)
    first = watcher.first_output_after(up_at)
    recovery = round(first - up_at, 1) if first else None
    print(f"\nFAULT broker-restart N={N} outage_s={up_at - down_at:.1f} lost={len(report.lost)} "
          f"duplicated={report.n_duplicated} raw_resends={producer.resends} recovery_s={recovery}")
    assert report.workers_alive == [True], f"the worker died:\n{worker.log()[-3000:]}"
    assert worker.pid == pid
    assert not report.problems(exactly_once=False), report.problems(exactly_once=False)
