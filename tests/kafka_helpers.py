"""Helpers for tests against the real broker: isolated settings, worker processes,
producing and collecting messages."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import replace
from pathlib import Path

import orjson

from newsstream.config import Settings

REPO = Path(__file__).resolve().parent.parent


def isolated_settings(bootstrap: str, tmp_path: Path, **overrides: object) -> Settings:
    """Settings with a unique app id and unique topic names, so tests never share state."""
    tag = uuid.uuid4().hex[:8]
    base = Settings(kafka=f"kafka://{bootstrap}", app_id=f"test-{tag}", topic_raw=f"raw-{tag}",
                    topic_clean=f"clean-{tag}", topic_enriched=f"enriched-{tag}", topic_quotes=f"quotes-{tag}",
                    topic_deadletter=f"deadletter-{tag}", partitions=2, data_dir=str(tmp_path / f"data-{tag}"),
                    # The recurring-line memory off: these tests and benches re-send a few texts under new
                    # ids and compare with the stateless offline pipeline (tests/integration/test_recurring.py
                    # turns it on).
                    recurring_min_articles=0,
                    # The quote tracker off too (one more agent pair and three tables per worker);
                    # tests/integration/test_tracker.py turns it on.
                    tracker="off", topic_quotations=f"quotations-{tag}")
    return replace(base, **overrides)


def settings_env(settings: Settings) -> dict[str, str]:
    """The NEWSSTREAM_* variables that reproduce ``settings`` in a child process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSSTREAM_")}
    for name in Settings.__slots__:
        env[f"NEWSSTREAM_{name.upper()}"] = str(getattr(settings, name))
    return env


class WorkerProcess:
    """A ``newsstream worker`` as a real OS process."""

    def __init__(self, settings: Settings, log_path: Path) -> None:
        self.settings = settings
        self.log_path = log_path
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen([sys.executable, "-m", "agents", "worker"], cwd=REPO,
                                         env=settings_env(self.settings), stdout=log, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL, start_new_session=True)

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30.0) -> None:
        from newsstream.cli import stop_process_group

        if self.proc is not None:
            stop_process_group(self.proc, sig, timeout)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def produce(settings: Settings, messages: list[tuple[bytes | None, bytes | None]], topic: str | None = None) -> None:
    """Send ``(key, value)`` pairs, in order, and wait until all are acknowledged."""
    from agents.client import produce as produce_async

    asyncio.run(produce_async(settings, messages, topic=topic))


def collect(settings: Settings, topics: list[str], *, done, timeout: float = 120.0,
            isolation_level: str = "read_uncommitted") -> dict[str, list[tuple[bytes | None, dict]]]:
    """Read ``topics`` from the beginning until ``done(collected)`` is true or ``timeout`` passes.

    Values are decoded with orjson; returns ``{topic: [(key, value), ...]}``.
    """
    from agents.client import TopicReader

    async def run() -> dict[str, list[tuple[bytes | None, dict]]]:
        got: dict[str, list[tuple[bytes | None, dict]]] = {t: [] for t in topics}
        reader = TopicReader(settings, topics, from_beginning=True, isolation_level=isolation_level)
        await reader.start()
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline and not done(got):
                batch = await reader.consumer.getmany(timeout_ms=500)
                for tp, records in batch.items():
                    got[tp.topic].extend((r.key, orjson.loads(r.value)) for r in records)
        finally:
            await reader.stop()
        return got

    return asyncio.run(run())
