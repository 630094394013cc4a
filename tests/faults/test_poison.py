"""Poison pills at 1% (the malformed kinds of the backbone tests plus fuzzed bytes):
every one dead-lettered with its reason, every valid article enriched exactly as the
offline pipeline makes it, and the worker never restarts."""

from __future__ import annotations

import pytest

from tests.faults.harness import PacedProducer, Watcher, apply_oracle, finish, make_articles
from tests.kafka_helpers import isolated_settings

pytestmark = pytest.mark.kafka

N = 1500
POISON_RATE = 0.01


def test_poison_pills_are_dead_lettered_and_the_worker_survives(kafka_bootstrap, tmp_path, workers, frozen_src):
    s = isolated_settings(kafka_bootstrap, tmp_path, max_message_bytes=256 * 1024)
    articles = make_articles(N, settings=s, seed=7, poison_rate=POISON_RATE, html_share=0.02)
    apply_oracle(articles, s, frozen_src)
    poison = [a for a in articles if a.kind != "valid"]
    assert len(poison) == round(N * POISON_RATE) and all(a.outcome == "deadletter" for a in poison)
    watcher = Watcher(s)
    watcher.start()
    assert watcher.ready.wait(120), watcher.error
    worker = workers(s)
    pid = worker.pid
    PacedProducer(s, articles, rate=2000, chunk=100).start()
    report = finish(watcher, articles, s, [worker], timeout=300)
    kinds = sorted({a.kind for a in poison})
    print(f"\nFAULT poison N={N} pills={len(poison)} kinds={kinds} lost={len(report.lost)} "
          f"duplicated={report.n_duplicated} wrong_outcome={len(report.wrong_outcome)} "
          f"reason_mismatch={len(report.reason_mismatch)}")
    assert report.workers_alive == [True] and worker.pid == pid
    log = worker.log()
    assert log.count("[^Worker]: Starting...") == 1 and "Crashed" not in log, log[-3000:]
    for a in articles:  # no message body in the log: not even a 60-byte piece of one
        if a.value is not None and len(a.value) > 400:
            piece = a.value[200:260].decode("utf-8", "ignore").strip()
            assert len(piece) < 20 or piece not in log, f"the log shows the body of {a.key}"
    assert not report.problems(exactly_once=False), report.problems(exactly_once=False)
