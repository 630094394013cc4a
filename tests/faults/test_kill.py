"""SIGKILL of the worker at random points mid-stream, then restart: nothing lost;
with exactly_once, nothing duplicated for a read_committed consumer."""

from __future__ import annotations

import random
import signal
import time

import pytest

from tests.faults.harness import PacedProducer, Watcher, apply_oracle, make_articles, reconcile
from tests.kafka_helpers import isolated_settings

pytestmark = pytest.mark.kafka

N = 200
KILLS = 2


@pytest.mark.parametrize("guarantee", ["at_least_once", "exactly_once"])
def test_sigkill_and_restart_loses_nothing(kafka_bootstrap, tmp_path, workers, frozen_src, guarantee):
    rng = random.Random(f"kill-{guarantee}")
    s = isolated_settings(kafka_bootstrap, tmp_path, processing_guarantee=guarantee, session_timeout=6.0)
    articles = make_articles(N, settings=s, seed=1 if guarantee == "exactly_once" else 2)
    apply_oracle(articles, s, frozen_src)
    exactly_once = guarantee == "exactly_once"
    watcher = Watcher(s, isolation_level="read_committed" if exactly_once else "read_uncommitted")
    watcher.start()
    assert watcher.ready.wait(120), watcher.error
    worker = workers(s)
    producer = PacedProducer(s, articles, rate=15)
    producer.start()
    recoveries = []
    target = 0
    for _ in range(KILLS):
        target += rng.randint(20, 50)
        assert watcher.wait_progress(target, timeout=180), f"no progress to {target}:\n{worker.log()[-3000:]}"
        time.sleep(rng.uniform(0.2, 3.0))  # a random point, not just after a restart burst
        killed_at = time.time()
        worker.stop(signal.SIGKILL)
        worker = workers(s)
        recoveries.append(killed_at)
    ids = {a.out_id for a in articles}
    assert watcher.wait_covered(ids, timeout=240), (
        f"missing {len(ids - watcher.covered())} ids; worker log:\n{worker.log()[-3000:]}")
    producer.join(30)
    watcher.drain(idle=3.0)
    worker.stop()
    watcher.stop()
    outputs = watcher.snapshot()
    report = reconcile(articles, outputs, s)
    times = [round((watcher.first_output_after(t) or float("nan")) - t, 1) for t in recoveries]
    print(f"\nFAULT sigkill[{guarantee}] N={N} kills={KILLS} lost={len(report.lost)} "
          f"duplicated={report.n_duplicated} quote_dups={report.quote_duplicates} recovery_s={times}")
    assert not report.problems(exactly_once=exactly_once), report.problems(exactly_once=exactly_once)
