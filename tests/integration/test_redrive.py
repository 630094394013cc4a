"""``newsstream redrive`` on the real broker: dead letters chosen by stage, error type, reason or time
are re-sent after a fix and come out enriched; ``--dry-run`` only counts."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import orjson
import pytest

from tests.kafka_helpers import REPO, collect, isolated_settings, produce, settings_env

pytestmark = pytest.mark.kafka

MANY_QUOTES = ("Council votes on ferry\n\n“The boats stay,” said Ines Roa. “The fares fall,” said Ines Roa. "
               "“The piers get lights,” said Ines Roa.")


def redrive(settings, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "agents", "redrive", *args], cwd=REPO, env=settings_env(settings),
                          capture_output=True, text=True, timeout=180)


def test_redrive_after_a_fix(kafka_bootstrap: str, tmp_path: Path, worker_factory) -> None:
    strict = isolated_settings(kafka_bootstrap, tmp_path, max_quotes=2)  # the "bug": a limit set too low
    worker = worker_factory(strict)
    produce(strict, [(b"rd-quotes", orjson.dumps({"id": "rd-quotes", "text": MANY_QUOTES})),
                     (b"rd-json", b"{broken"),
                     (b"rd-fine", orjson.dumps({"id": "rd-fine", "text": "Pier opens\n\nThe pier opened today."}))])
    got = collect(strict, [strict.topic_enriched, strict.topic_deadletter], timeout=120,
                  done=lambda g: len(g[strict.topic_deadletter]) >= 2 and len(g[strict.topic_enriched]) >= 1)
    letters = {key: value for key, value in got[strict.topic_deadletter]}
    assert letters[b"rd-quotes"]["error_type"] == "LimitExceeded" and letters[b"rd-quotes"]["stage"] == "quotes"
    assert letters[b"rd-json"]["stage"] == "decode"
    worker.stop()

    dry = redrive(strict, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "2 of 2 dead letters matched; would re-send 1 to " + strict.topic_clean + ", 1 to " + strict.topic_raw \
        in dry.stderr
    assert dry.stdout.count(" -> ") == 2
    assert redrive(strict, "--until", "2000-01-01", "--dry-run").stderr.strip().endswith("would re-send nothing")
    assert "0 of 2" in redrive(strict, "--reason", "no such words", "--dry-run").stderr
    assert "1 of 2" in redrive(strict, "--stage", "decode", "--dry-run").stderr

    fixed = replace(strict, max_quotes=1000)  # the fix: a worker with the right limit
    worker_factory(fixed)
    done = redrive(fixed, "--error-type", "LimitExceeded", "--reason", "quotations", "--since", "2000-01-01")
    assert done.returncode == 0, done.stderr
    assert f"1 of 2 dead letters matched; re-sent 1 to {fixed.topic_clean}" in done.stderr

    got = collect(fixed, [fixed.topic_enriched, fixed.topic_deadletter], timeout=120,
                  done=lambda g: any(k == b"rd-quotes" for k, _ in g[fixed.topic_enriched]))
    [record] = [v for k, v in got[fixed.topic_enriched] if k == b"rd-quotes"]
    assert len(record["quotes"]) == 3
    assert len(got[fixed.topic_deadletter]) == 2  # nothing failed again


def test_redrive_rejects_a_bad_time(kafka_bootstrap: str, tmp_path: Path) -> None:
    settings = isolated_settings(kafka_bootstrap, tmp_path)
    result = redrive(settings, "--since", "yesterday")
    assert result.returncode == 2 and "--since 'yesterday' is not an ISO-8601" in result.stderr
