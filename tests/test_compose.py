"""docker-compose.yml, Dockerfile and .dockerignore, checked statically (no Docker engine runs here)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, Any]:
    return compose["services"]


def _env(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):  # the "- KEY=value" form
        env = dict(item.split("=", 1) for item in env)
    return {str(k): str(v) for k, v in env.items()}


def _listeners(value: str) -> dict[str, tuple[str, int]]:
    """``NAME://host:port,...`` -> {NAME: (host, port)}."""
    out = {}
    for item in value.split(","):
        name, address = item.strip().split("://", 1)
        host, port = address.rsplit(":", 1)
        out[name] = (host, int(port))
    return out


def _command(service: dict[str, Any]) -> list[str]:
    command = service.get("command")
    return command.split() if isinstance(command, str) else list(command)


def _dockerfile_instructions() -> list[tuple[str, str]]:
    text = DOCKERFILE.read_text(encoding="utf-8").replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines()]
    return [
        (line.split(None, 1)[0].upper(), line.split(None, 1)[1] if " " in line else "")
        for line in lines
        if line and not line.startswith("#")
    ]


def test_services(services: dict[str, Any]) -> None:
    assert set(services) == {"kafka", "worker", "loader"}


def test_kafka_image_is_apache_kafka_3_9_1(services: dict[str, Any]) -> None:
    assert services["kafka"]["image"] == "apache/kafka:3.9.1"


def test_kafka_runs_kraft_combined_mode(services: dict[str, Any]) -> None:
    env = _env(services["kafka"])
    for name in (
        "KAFKA_NODE_ID",
        "KAFKA_PROCESS_ROLES",
        "KAFKA_LISTENERS",
        "KAFKA_ADVERTISED_LISTENERS",
        "KAFKA_CONTROLLER_QUORUM_VOTERS",
        "KAFKA_CONTROLLER_LISTENER_NAMES",
        "KAFKA_INTER_BROKER_LISTENER_NAME",
        "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP",
        "CLUSTER_ID",
    ):
        assert env.get(name), name
    assert "KAFKA_ZOOKEEPER_CONNECT" not in env
    assert set(env["KAFKA_PROCESS_ROLES"].split(",")) == {"broker", "controller"}
    # a KRaft cluster id is a base64url-encoded UUID: 22 characters
    assert re.fullmatch(r"[A-Za-z0-9_-]{22}", env["CLUSTER_ID"])


def test_kafka_listeners_are_consistent(services: dict[str, Any]) -> None:
    env = _env(services["kafka"])
    listeners = _listeners(env["KAFKA_LISTENERS"])
    advertised = _listeners(env["KAFKA_ADVERTISED_LISTENERS"])
    protocols = dict(item.split(":") for item in env["KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"].split(","))
    controller = env["KAFKA_CONTROLLER_LISTENER_NAMES"]
    inter_broker = env["KAFKA_INTER_BROKER_LISTENER_NAME"]

    assert set(listeners) == set(protocols)
    assert controller in listeners and controller not in advertised
    assert inter_broker in advertised and inter_broker != controller
    for name, (_host, port) in advertised.items():
        assert listeners[name][1] == port, name
    assert ("kafka", 19092) in advertised.values()
    assert ("localhost", 9092) in advertised.values()
    assert advertised[inter_broker] == ("kafka", 19092)

    # controller.quorum.voters = <node id>@<this host>:<controller listener port>
    voters = env["KAFKA_CONTROLLER_QUORUM_VOTERS"].split(",")
    assert len(voters) == 1
    node_id, address = voters[0].split("@")
    host, port = address.rsplit(":", 1)
    assert node_id == env["KAFKA_NODE_ID"]
    assert host == services["kafka"].get("hostname", "kafka") == "kafka"
    assert int(port) == listeners[controller][1]


def test_kafka_single_broker_settings(services: dict[str, Any]) -> None:
    env = _env(services["kafka"])
    assert env["KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"] == "1"
    assert env["KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR"] == "1"
    assert env["KAFKA_TRANSACTION_STATE_LOG_MIN_ISR"] == "1"
    assert env["KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS"] == "0"
    assert int(env["KAFKA_MESSAGE_MAX_BYTES"]) == 16 * 1024 * 1024


def test_kafka_port_is_published_on_loopback_only(services: dict[str, Any]) -> None:
    env = _env(services["kafka"])
    host_listener = next(
        name
        for name, address in _listeners(env["KAFKA_ADVERTISED_LISTENERS"]).items()
        if address[0] == "localhost"
    )
    container_port = _listeners(env["KAFKA_LISTENERS"])[host_listener][1]
    ports = services["kafka"]["ports"]
    assert ports, "the host listener must be published"
    for mapping in ports:
        assert isinstance(mapping, str), "use the short ip:host:container form"
        ip, host_port, port = mapping.split(":")
        assert ip == "127.0.0.1"
        assert int(port) == container_port == int(host_port) == 9092


def test_kafka_has_a_healthcheck(services: dict[str, Any]) -> None:
    check = services["kafka"]["healthcheck"]
    test = check["test"] if isinstance(check["test"], str) else " ".join(check["test"])
    assert "kafka-broker-api-versions" in test and "19092" in test


def test_worker_service(services: dict[str, Any]) -> None:
    worker = services["worker"]
    assert worker["build"]["context"] == "."
    assert worker["build"].get("dockerfile", "Dockerfile") == "Dockerfile"
    env = _env(worker)
    assert env["NEWSSTREAM_KAFKA"] == "kafka://kafka:19092"
    assert env["NEWSSTREAM_PARTITIONS"] == "4"
    assert env["NEWSSTREAM_PROCESSING_GUARANTEE"] == "at_least_once"
    assert env["NEWSSTREAM_LOG_LEVEL"] == "info"
    assert worker["depends_on"]["kafka"]["condition"] == "service_healthy"
    assert _command(worker) == ["newsstream", "worker"]
    assert env["NEWSSTREAM_WEB_PORT"] == "6066"


def test_worker_healthcheck_asks_for_readiness(services: dict[str, Any]) -> None:
    check = services["worker"]["healthcheck"]
    assert check["test"] == ["CMD", "python", "-m", "agents.healthcheck", "/ready"]
    assert services["loader"]["depends_on"]["worker"]["condition"] == "service_healthy"


def test_worker_kafka_url_matches_internal_listener(services: dict[str, Any]) -> None:
    advertised = _listeners(_env(services["kafka"])["KAFKA_ADVERTISED_LISTENERS"])
    url = _env(services["worker"])["NEWSSTREAM_KAFKA"]
    assert url.startswith("kafka://")
    host, port = url.removeprefix("kafka://").rsplit(":", 1)
    assert (host, int(port)) in advertised.values()
    assert host != "localhost"


def test_loader_is_a_one_shot_producer(services: dict[str, Any]) -> None:
    loader = services["loader"]
    assert _command(loader)[:2] == ["newsstream", "produce"]
    assert _command(loader)[2:] == ["samples/"]
    assert str(loader["restart"]) == "no"
    assert loader.get("image") == services["worker"].get("image")
    assert _env(loader)["NEWSSTREAM_KAFKA"] == _env(services["worker"])["NEWSSTREAM_KAFKA"]


def test_dockerfile() -> None:
    assert DOCKERFILE.is_file()
    instructions = _dockerfile_instructions()
    kinds = [kind for kind, _ in instructions]
    froms = [arg for kind, arg in instructions if kind == "FROM"]
    assert froms == ["python:3.11-slim AS build", "python:3.11-slim"]  # multi-stage
    runtime = instructions[kinds.index("FROM", 1):]
    runs = [arg for kind, arg in instructions if kind == "RUN"]
    assert any(re.search(r"pip install (.* )?\.($| )", arg) for arg in runs)
    assert not any(re.search(r"pip install (.* )?-e ", arg) for arg in runs)  # not editable
    assert ("COPY", "--from=build /opt/venv /opt/venv") in runtime
    users = [arg for kind, arg in runtime if kind == "USER"]
    locked = [i for i, arg in enumerate(runs) if "--require-hashes -r requirements.lock" in arg]
    project = [i for i, arg in enumerate(runs) if re.search(r"pip install --no-deps \.", arg)]
    assert locked and project and locked[0] < project[0], "the image installs requirements.lock, then the project"
    assert users and users[-1] not in ("root", "0")
    runtime_kinds = [kind for kind, _ in runtime]
    assert runtime_kinds.index("USER") > max(i for i, k in enumerate(runtime_kinds) if k == "RUN")
    health = [arg for kind, arg in runtime if kind == "HEALTHCHECK"]
    assert len(health) == 1 and json.loads(health[0].split("CMD", 1)[1]) == [
        "python", "-m", "agents.healthcheck", "/health"]
    cmd = [arg for kind, arg in instructions if kind == "CMD"]
    assert len(cmd) == 1
    assert json.loads(cmd[0]) == ["newsstream", "worker"]


def test_dockerignore_keeps_local_state_out_but_not_the_project() -> None:
    patterns = {
        line.strip() for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines() if line.strip()
    }
    assert {".venv", ".git"} <= patterns
    assert any("__pycache__" in p for p in patterns)
    assert not patterns & {"schemas", "samples", "newsstream", "agents", "pyproject.toml", "README.md"}
