"""The Kafka commands of the CLI as real processes against the real broker."""

from __future__ import annotations

import subprocess
import sys

import orjson
import pytest

from newsstream.schemas import validate
from tests.kafka_helpers import REPO, collect, isolated_settings, settings_env

pytestmark = pytest.mark.kafka


def test_run_sends_the_samples_and_prints_them_enriched(kafka_bootstrap, tmp_path):
    settings = isolated_settings(kafka_bootstrap, tmp_path)
    result = subprocess.run([sys.executable, "-m", "agents", "run", "--exit-after-samples", "--timeout", "180"],
                            cwd=REPO, env=settings_env(settings), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "All sample articles came out." in result.stderr
    for sample_id in ("harbour-strike", "library-reopens", "wind-farm", "sample-budget-vote"):
        assert f"● {sample_id}" in result.stdout
    assert "Marieke Jansen" in result.stdout  # a speaker found in the harbour-strike sample


def test_produce_then_tail(kafka_bootstrap, tmp_path, worker_factory):
    worker = worker_factory()
    env = settings_env(worker.settings)
    produced = subprocess.run([sys.executable, "-m", "agents", "produce", "samples/", "--no-progress"],
                              cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert produced.returncode == 0, produced.stderr
    assert "sent 5 articles" in produced.stderr
    raw_topic = worker.settings.topic_raw
    raw = collect(worker.settings, [raw_topic], done=lambda got: len(got[raw_topic]) >= 5, timeout=30)
    for key, value in raw[raw_topic]:
        assert key.decode() == value["id"]  # keys are article ids
        validate("articles.raw", value)
    tail = subprocess.run([sys.executable, "-m", "agents", "tail", "enriched", "--from-beginning",
                           "--max", "5", "--idle-timeout", "120"], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=180)
    assert tail.returncode == 0, tail.stderr
    assert tail.stdout.count("● ") == 5, tail.stdout
    as_json = subprocess.run([sys.executable, "-m", "agents", "tail", "quotes", "--from-beginning", "--json",
                              "--max", "3", "--idle-timeout", "60"], cwd=REPO, env=env, capture_output=True,
                             text=True, timeout=120)
    for line in as_json.stdout.splitlines():
        validate("quotes", orjson.loads(line))
    assert len(as_json.stdout.splitlines()) == 3
