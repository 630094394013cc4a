"""Fixtures for the fault tests: a frozen copy of the code for workers and the offline
oracle, a broker of the test's own (to stop and restart) and worker processes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faults.harness import FrozenWorker, snapshot_source


@pytest.fixture(scope="session")
def frozen_src(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The code under test, copied once per session (others edit the tree meanwhile)."""
    return snapshot_source(tmp_path_factory.mktemp("src"))


@pytest.fixture
def own_broker(tmp_path: Path) -> Iterator:
    """A :class:`LocalBroker` on free ports that only this test uses; not started yet."""
    from agents.broker import LocalBroker, free_port

    broker = LocalBroker(port=free_port(), controller_port=free_port(), state_dir=tmp_path / "kafka", heap="384m")
    broker.ensure_jars()
    try:
        yield broker
    finally:
        broker.stop()


@pytest.fixture
def workers(tmp_path: Path, frozen_src: Path) -> Iterator:
    """``workers(settings)`` starts a worker process on the frozen code; all are stopped at the end."""
    started: list[FrozenWorker] = []

    def start(settings) -> FrozenWorker:
        worker = FrozenWorker(settings, tmp_path / f"worker-{len(started)}.log", frozen_src)
        worker.start()
        started.append(worker)
        return worker

    start.started = started
    yield start
    for worker in started:
        worker.stop()


@pytest.fixture
def lab(tmp_path: Path, frozen_src: Path) -> Iterator:
    """A :class:`~tests.faults.scenarios.Lab`: starts workers on the frozen code, stops them at the end."""
    from tests.faults.scenarios import Lab

    lab = Lab(tmp_path, frozen_src)
    yield lab
    lab.stop_all()
