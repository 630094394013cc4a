"""Shared fixtures: the real Kafka broker and worker processes for integration tests.

The broker is the project's own (``agents.broker.LocalBroker``): set
``NEWSSTREAM_TEST_KAFKA=host:port`` to reuse a running one (``.ci/run`` does),
otherwise the session starts one on free ports with its data in a temporary
folder and stops it at the end.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.kafka_helpers import WorkerProcess, isolated_settings

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seed" / "000_8c8c4ff59910322a.txt"


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED}")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def kafka_bootstrap(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``host:port`` of a real Apache Kafka broker for this test session."""
    from agents.broker import LocalBroker, free_port, is_ready

    existing = os.environ.get("NEWSSTREAM_TEST_KAFKA")
    if existing:
        if not is_ready(existing):
            pytest.fail(f"NEWSSTREAM_TEST_KAFKA={existing} does not answer metadata requests")
        yield existing
        return
    broker = LocalBroker(port=free_port(), controller_port=free_port(),
                         state_dir=tmp_path_factory.mktemp("kafka"))
    broker.start()
    try:
        yield broker.bootstrap
    finally:
        broker.stop()


@pytest.fixture
def worker_factory(kafka_bootstrap: str, tmp_path: Path) -> Iterator:
    """Start worker processes on isolated topics: ``worker_factory(**overrides)``."""
    started: list[WorkerProcess] = []

    def start(settings=None, **overrides: str) -> WorkerProcess:
        settings = settings or isolated_settings(kafka_bootstrap, tmp_path, **overrides)
        worker = WorkerProcess(settings, log_path=tmp_path / f"worker-{len(started)}.log")
        worker.start()
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()
