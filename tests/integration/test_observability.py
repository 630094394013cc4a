"""The worker's /health, /ready and /metrics on the real broker, and its JSON log lines
(NEWSSTREAM_LOG_FORMAT=json)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import orjson
import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.kafka_helpers import REPO, WorkerProcess, collect, isolated_settings, produce

pytestmark = pytest.mark.kafka


def get(port: int, path: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def wait_for(port: int, path: str, status: int, timeout: float = 90.0) -> bytes:
    deadline = time.monotonic() + timeout
    last: object = None
    while time.monotonic() < deadline:
        try:
            code, body = get(port, path)
            if code == status:
                return body
            last = (code, body[:300])
        except OSError as exc:  # not listening yet
            last = exc
        time.sleep(0.5)
    raise AssertionError(f"{path} never answered {status}; last: {last!r}")


def samples(metrics_text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    out = {}
    for family in text_string_to_metric_families(metrics_text):
        for sample in family.samples:
            out[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return out


def test_metrics_health_readiness_and_json_logs(kafka_bootstrap: str, tmp_path: Path) -> None:
    from agents.broker import free_port

    port = free_port()
    settings = isolated_settings(kafka_bootstrap, tmp_path, web_port=port, log_format="json")
    worker = WorkerProcess(settings, tmp_path / "worker.log")
    worker.start()
    try:
        assert orjson.loads(wait_for(port, "/health", 200)) == {"alive": True}
        ready = orjson.loads(wait_for(port, "/ready", 200))
        assert ready["ready"] and ready["broker"] and ready["partitions"] >= 2
        assert healthcheck(port, "/ready") == 0 and healthcheck(port, "/health") == 0  # the Docker probes

        good = [(f"ob-{i}".encode(), orjson.dumps({"id": f"ob-{i}", "text": f"Pier news {i}\n\n“The pier opens "
                                                     f"at nine,” said Dana Holm.\n\nVisitors came early."}))
                for i in range(6)]
        bad = [(b"ob-bad-1", b"{not json"), (b"ob-bad-2", b'{"id": 5, "text": 7}')]
        produce(settings, good + bad)
        collect(settings, [settings.topic_enriched, settings.topic_deadletter], timeout=120,
                done=lambda got: len(got[settings.topic_enriched]) >= 6 and len(got[settings.topic_deadletter]) >= 2)

        deadline, values = time.monotonic() + 30, {}
        while time.monotonic() < deadline:  # the counters follow the sends
            status, body = get(port, "/metrics")
            assert status == 200
            values = samples(body.decode())
            if values.get(("newsstream_articles_processed_total", (("stage", "quotes"),))) == 6:
                break
            time.sleep(0.5)
        assert values[("newsstream_articles_processed_total", (("stage", "clean"),))] == 6
        assert values[("newsstream_articles_processed_total", (("stage", "quotes"),))] == 6
        dead = "newsstream_articles_deadlettered_total"
        assert values[(dead, (("reason", "DecodeError"), ("stage", "decode")))] == 1
        assert values[(dead, (("reason", "SchemaError"), ("stage", "validate")))] == 1
        assert values[("newsstream_stage_seconds_count", (("stage", "clean"),))] == 6
        assert values[("newsstream_stage_seconds_count", (("stage", "quotes"),))] == 6
        assert values[("newsstream_stage_seconds_count", (("stage", "recurring"),))] == 6
        assert values[("newsstream_end_to_end_seconds_count", ())] == 6
        assert values[("newsstream_quotes_per_article_sum", ())] == 6  # one quotation each
        assert values[("newsstream_batch_size_sum", (("stage", "clean"),))] == 8
        lags = {labels: v for (name, labels), v in values.items() if name == "newsstream_consumer_lag"}
        # the agents' input topics (and the changelog of the recurring-line table when assigned)
        assert {dict(labels)["topic"] for labels in lags} >= {settings.topic_raw, settings.topic_clean}
        assert all(v >= 0 for v in lags.values())
    finally:
        worker.stop()

    records = [json.loads(line) for line in worker.log().splitlines() if line.startswith("{")]
    assert records, worker.log()[-2000:]
    dead = [r for r in records if r.get("message", "").startswith("Dead-lettered")]
    assert {(r["stage"], r["error_type"], r["topic"]) for r in dead} == {
        ("decode", "DecodeError", settings.topic_raw), ("validate", "SchemaError", settings.topic_raw)}
    assert all(isinstance(r["partition"], int) and isinstance(r["offset"], int) and r["level"] == "WARNING"
               for r in dead)
    assert all({"timestamp", "level", "logger", "message"} <= set(r) for r in records)


def test_ready_is_503_while_the_broker_does_not_answer(tmp_path: Path) -> None:
    from agents.broker import free_port

    port, nowhere = free_port(), free_port()
    settings = isolated_settings(f"127.0.0.1:{nowhere}", tmp_path, web_port=port)
    worker = WorkerProcess(settings, tmp_path / "worker.log")
    worker.start()
    try:
        assert orjson.loads(wait_for(port, "/health", 200)) == {"alive": True}
        state = orjson.loads(wait_for(port, "/ready", 503))
        assert state["ready"] is False and state["broker"] is False and state["partitions"] == 0
        assert "the broker does not answer" in state["reasons"]
        assert healthcheck(port, "/ready") == 1 and healthcheck(port, "/health") == 0
    finally:
        worker.stop()
    assert healthcheck(port, "/health") == 1  # nobody listens any more


def healthcheck(port: int, path: str) -> int:
    """``python -m agents.healthcheck PATH``, the probe of the Dockerfile and docker-compose.yml."""
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), "NEWSSTREAM_WEB_PORT": str(port)}
    return subprocess.run([sys.executable, "-m", "agents.healthcheck", path], env=env, capture_output=True,
                          timeout=30, check=False).returncode
