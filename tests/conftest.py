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

# The seed article, committed next to its expected output (seed_000_expected.json).
SEED = Path(__file__).resolve().parent / "fixtures" / "cleaning" / "seed_000.txt"


@pytest.fixture(scope="session")
def seed_text() -> str:
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


# -- skip policy ----------------------------------------------------------------------------
# `make test` (scripts/test.sh sets NEWSSTREAM_FAIL_ON_SKIP=1) fails when any test is skipped, unless the
# test is marked ``@pytest.mark.needs("what")``: something the machine truly lacks (a tool such as openssl).
# Those skips are listed with their reason; any other skip fails the run.
FAIL_ON_SKIP_ENV = "NEWSSTREAM_FAIL_ON_SKIP"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "needs(what): the test skips when the machine lacks WHAT (allowed skip)")
    config._newsstream_skips = {"allowed": [], "unexpected": []}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        needs = item.get_closest_marker("needs")
        kind = "allowed" if needs is not None else "unexpected"
        what = needs.args[0] if needs is not None and needs.args else ""
        item.config._newsstream_skips[kind].append((item.nodeid, what, reason))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, exitstatus: int,
                            config: pytest.Config) -> None:
    skips = config._newsstream_skips
    for nodeid, what, reason in skips["allowed"]:
        terminalreporter.write_line(f"SKIPPED (needs {what}): {nodeid}: {reason}", yellow=True)
    if skips["unexpected"] and os.environ.get(FAIL_ON_SKIP_ENV) == "1":
        terminalreporter.write_line(f"{len(skips['unexpected'])} test(s) skipped without a @pytest.mark.needs "
                                    f"marker ({FAIL_ON_SKIP_ENV}=1 makes that a failure):", red=True)
        for nodeid, _, reason in skips["unexpected"]:
            terminalreporter.write_line(f"  {nodeid}: {reason}", red=True)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if session.config._newsstream_skips["unexpected"] and os.environ.get(FAIL_ON_SKIP_ENV) == "1" \
            and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
