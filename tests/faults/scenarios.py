"""The fault scenarios, sized by the caller: ``tests/faults`` runs them with CI-sized N and
asserts, ``bench/faults.py`` with larger N and prints the table.

Each returns a :class:`Row`: the fault, N, lost, duplicated, recovery time and the full
:class:`~tests.faults.harness.Report`.
"""

from __future__ import annotations

import random
import re
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsstream.config import Settings
from tests.faults.harness import (
    FrozenWorker,
    PacedProducer,
    Report,
    Watcher,
    apply_oracle,
    finish,
    make_articles,
)
from tests.kafka_helpers import isolated_settings

KILL_MARGIN = 20  # articles still to produce for a pause before a kill: a tenth of test_kill.py's n=200 (chosen)
WAITING = "is not reachable yet"  # agents/admin.py's log line while the broker is down


@dataclass
class Row:
    fault: str
    n: int
    report: Report
    recovery: str
    notes: str = ""
    logs: list[str] = field(default_factory=list)
    articles: list[Any] = field(default_factory=list, repr=False)

    @property
    def lost(self) -> int:
        return len(self.report.lost)

    @property
    def duplicated(self) -> int:
        return self.report.n_duplicated

    def line(self) -> str:
        return (f"FAULT {self.fault} N={self.n} lost={self.lost} duplicated={self.duplicated} "
                f"(quote copies {self.report.quote_duplicates}) recovery={self.recovery} {self.notes}")


class Lab:
    """Where a scenario runs: a temp folder, the frozen source, and the workers it started."""

    def __init__(self, tmp: Path, src: Path) -> None:
        self.tmp, self.src = tmp, src
        self.started: list[FrozenWorker] = []

    def settings(self, bootstrap: str, **overrides: Any) -> Settings:
        return isolated_settings(bootstrap, self.tmp, **overrides)

    def worker(self, settings: Settings) -> FrozenWorker:
        worker = FrozenWorker(settings, self.tmp / f"worker-{len(self.started)}.log", self.src)
        worker.start()
        self.started.append(worker)
        return worker

    def stop_all(self) -> None:
        for worker in self.started:
            worker.stop()

    def articles(self, n: int, s: Settings, **kwargs: Any):
        articles = make_articles(n, settings=s, **kwargs)
        apply_oracle(articles, s, self.src)
        return articles


def _watch(s: Settings, *, read_committed: bool = False) -> Watcher:
    watcher = Watcher(s, isolation_level="read_committed" if read_committed else "read_uncommitted")
    watcher.start()
    if not watcher.ready.wait(120):
        raise RuntimeError(f"output watcher did not start: {watcher.error}")
    return watcher


def _wait_for_log(worker: FrozenWorker, text: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in worker.log():
            return True
        time.sleep(0.5)
    return False


def _secs(values: list[float | None]) -> str:
    return "[" + ", ".join("n/a" if v is None else f"{v:.1f}s" for v in values) + "]"


def sigkill(lab: Lab, bootstrap: str, *, n: int, kills: int, guarantee: str, rate: float, seed: int = 1,
            session_timeout: float = 6.0) -> Row:
    """SIGKILL the worker ``kills`` times at random points of the stream, restarting it each time."""
    rng = random.Random(f"kill-{guarantee}-{seed}")
    exactly_once = guarantee == "exactly_once"
    s = lab.settings(bootstrap, processing_guarantee=guarantee, session_timeout=session_timeout)
    articles = lab.articles(n, s, seed=seed)
    watcher = _watch(s, read_committed=exactly_once)
    worker = lab.worker(s)
    producer = PacedProducer(s, articles, rate=rate)
    producer.start()
    killed: list[float] = []
    for k in range(kills):
        target = int(n * (k + 1) / (kills + 1) * rng.uniform(0.8, 1.0))
        if not watcher.wait_progress(target, timeout=300):
            break
        # A random point, not just after a restart burst, while articles are still being produced: once the
        # producer is (nearly) done, a catch-up burst can finish the stream within the pause, and a kill after
        # the last output would test nothing; then the kill comes at once.
        pause_until = time.monotonic() + rng.uniform(0.2, 3.0)
        while time.monotonic() < pause_until and producer.sent < n - KILL_MARGIN:
            time.sleep(0.05)
        killed.append(time.time())
        worker.stop(signal.SIGKILL)
        worker = lab.worker(s)
    report = finish(watcher, articles, s, [worker], timeout=300 + n / 10)
    firsts = [watcher.first_output_after(t) for t in killed]
    recoveries = [None if first is None else first - t for first, t in zip(firsts, killed, strict=True)]
    return Row(f"sigkill x{len(killed)} [{guarantee}]", n, report, _secs(recoveries),
               "(kill -> first output of the restarted worker; session timeout "
               f"{session_timeout:.0f}s)", [worker.log()])


IN_HAND = re.compile(r"Stopping with (\d+) events in hand")  # agents/app.py's log line at a stop


def sigterm_saturated(lab: Lab, bootstrap: str, *, n: int, guarantee: str, seed: int = 8,
                      batch_size: int = 64) -> Row:
    """SIGTERM the worker while it works through a backlog (every batch full), then restart it."""
    rng = random.Random(f"term-{guarantee}-{seed}")
    exactly_once = guarantee == "exactly_once"
    s = lab.settings(bootstrap, processing_guarantee=guarantee, session_timeout=6.0, batch_size=batch_size)
    articles = lab.articles(n, s, seed=seed, html_share=0.0)
    watcher = _watch(s, read_committed=exactly_once)
    producer = PacedProducer(s, articles, rate=100_000, chunk=100)  # the whole backlog up front
    producer.start()
    producer.join(timeout=300)
    worker = lab.worker(s)
    # early, so that most of the backlog is still queued: the worker is saturated when the signal comes
    watcher.wait_progress(int(n * rng.uniform(0.05, 0.15)), timeout=300)
    stopped_at = time.time()
    worker.stop(signal.SIGTERM)
    stop_seconds = time.time() - stopped_at
    first_log = worker.log()
    restarted = lab.worker(s)
    report = finish(watcher, articles, s, [restarted], timeout=300 + n / 10)
    in_hand = [int(n) for n in IN_HAND.findall(first_log)]
    first = watcher.first_output_after(stopped_at)
    return Row(f"sigterm saturated [{guarantee}]", n, report, _secs([None if first is None else first - stopped_at]),
               f"(SIGTERM -> first output of the restarted worker; the stop took {stop_seconds:.1f}s; "
               f"events in hand at the stop: {in_hand[0] if in_hand else 'n/a'})", [first_log, restarted.log()])


def broker_restart(lab: Lab, broker: Any, *, n: int, rate: float, down: float = 5.0, seed: int = 3,
                   guarantee: str = "at_least_once") -> Row:
    """Stop the broker (LocalBroker.stop) mid-stream, start it again after ``down`` seconds."""
    rng = random.Random(f"broker-{seed}")
    if broker.pid() is None:
        broker.start()
    s = lab.settings(broker.bootstrap, session_timeout=10.0, processing_guarantee=guarantee)
    articles = lab.articles(n, s, seed=seed)
    watcher = _watch(s, read_committed=guarantee == "exactly_once")
    worker = lab.worker(s)
    pid = worker.pid
    producer = PacedProducer(s, articles, rate=rate, idempotent=False)
    producer.start()
    watcher.wait_progress(int(n * rng.uniform(0.2, 0.4)), timeout=300)
    down_at = time.time()
    broker.stop()
    time.sleep(down)
    broker.start()
    up_at = time.time()
    report = finish(watcher, articles, s, [worker], timeout=300 + n / 10)
    first = watcher.first_output_after(up_at)
    same = "same worker process" if worker.pid == pid and report.workers_alive == [True] else "WORKER DIED"
    return Row(f"broker stop/start [{guarantee}]", n, report, _secs([None if first is None else first - up_at]),
               f"(broker ready -> first output; outage {up_at - down_at:.1f}s; {same}; "
               f"raw re-sends {producer.resends})", [worker.log()])


def rebalance(lab: Lab, bootstrap: str, *, n: int, rate: float, partitions: int = 4, seed: int = 4,
              guarantee: str = "at_least_once") -> Row:
    """Two workers; a third joins at ~15% of the stream, the first leaves (SIGTERM) at ~50%."""
    s = lab.settings(bootstrap, partitions=partitions, session_timeout=10.0, processing_guarantee=guarantee)
    articles = lab.articles(n, s, seed=seed)
    watcher = _watch(s, read_committed=guarantee == "exactly_once")
    first, second = lab.worker(s), lab.worker(s)
    PacedProducer(s, articles, rate=rate).start()
    watcher.wait_progress(int(n * 0.15), timeout=300)
    joined_at = time.time()
    third = lab.worker(s)
    watcher.wait_progress(int(n * 0.5), timeout=300)
    left_at = time.time()
    first.stop()
    report = finish(watcher, articles, s, [second, third], timeout=300 + n / 10)
    join_all = watcher.resume_per_partition(joined_at, partitions)
    leave_all = watcher.resume_per_partition(left_at, partitions)
    return Row(f"rebalance join+leave [{guarantee}]", n, report,
               f"join {watcher.stall_after(joined_at):.1f}s, leave {watcher.stall_after(left_at):.1f}s",
               f"(longest output pause after each; every one of {partitions} partitions producing again "
               f"{_secs([join_all, leave_all])} after join/leave; alive {report.workers_alive})",
               [second.log(), third.log()])


def start_before_broker(lab: Lab, broker: Any, *, n: int, seed: int = 5) -> Row:
    """Start the worker while the broker is down; start the broker once it logged that it waits."""
    s = lab.settings(broker.bootstrap)
    worker = lab.worker(s)
    waited = _wait_for_log(worker, WAITING, 60)
    time.sleep(3)
    alive_while_down = worker.alive()
    articles = lab.articles(n, s, seed=seed)  # offline, before the clock starts
    started = time.time()
    broker.start()
    # The test's own producer creates missing topics too: wait for the worker's attempt first, or a fast
    # producer wins the race and the worker finds its topics already there.
    created = _wait_for_log(worker, "Created topics", 120)
    watcher = _watch(s)
    PacedProducer(s, articles, rate=500).start()
    report = finish(watcher, articles, s, [worker], timeout=300)
    return Row("start before broker", n, report, f"{time.time() - started:.1f}s",
               f"(broker start -> all processed; waited with log line: {waited}; alive while down: "
               f"{alive_while_down}; created topics: {created})", [worker.log()])


def start_before_topics(lab: Lab, bootstrap: str, *, n: int, seed: int = 6) -> Row:
    """Start the worker before any of its topics exist: it creates them."""
    s = lab.settings(bootstrap)
    started = time.time()
    worker = lab.worker(s)
    created = _wait_for_log(worker, "Created topics", 120)
    articles = lab.articles(n, s, seed=seed)
    watcher = _watch(s)
    PacedProducer(s, articles, rate=500).start()
    report = finish(watcher, articles, s, [worker], timeout=300)
    return Row("start before topics", n, report, f"{time.time() - started:.1f}s",
               f"(worker start -> all processed; created the topics: {created})", [worker.log()])


def poison(lab: Lab, bootstrap: str, *, n: int, rate: float = 2000, poison_rate: float = 0.01,
           seed: int = 7) -> Row:
    """1% poison pills (malformed kinds and fuzzed bytes) among valid articles."""
    s = lab.settings(bootstrap, max_message_bytes=256 * 1024)
    articles = lab.articles(n, s, seed=seed, poison_rate=poison_rate, html_share=0.02)
    pills = [a for a in articles if a.kind != "valid"]
    watcher = _watch(s)
    worker = lab.worker(s)
    pid = worker.pid
    PacedProducer(s, articles, rate=rate, chunk=100).start()
    report = finish(watcher, articles, s, [worker], timeout=300 + n / 20)
    log = worker.log()
    restarts = log.count("[^Worker]: Starting...") - 1
    same = worker.pid == pid and report.workers_alive == [True]
    return Row("poison pills 1%", n, report, "n/a",
               f"({len(pills)} pills of {len({a.kind for a in pills})} kinds; dead-lettered with the expected "
               f"reason: {len(pills) - len(report.reason_mismatch)}; worker restarts {restarts}, "
               f"same process {same})", [log], articles)
