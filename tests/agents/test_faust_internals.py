"""The canary for a faust-streaming upgrade (no broker): every private Faust member newsstream
touches still exists with the shape agents/faust_internals.py expects, and the check refuses
to start, naming the version, when one does not."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest

from agents import faust_internals

REPO = Path(__file__).resolve().parents[2]


def test_installed_faust_has_every_member_the_pipeline_touches():
    assert faust_internals.problems() == []
    faust_internals.check()


def _pins() -> dict[str, str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    pins = dict(re.match(r"([A-Za-z0-9_.-]+)==([^;\s]+)", dep).groups() for dep in project["dependencies"]
                if "==" in dep)
    return pins


def test_faust_and_mode_are_pinned_exactly_and_installed_as_pinned():
    pins = _pins()
    assert pins["faust-streaming"] == faust_internals.TESTED_WITH == version("faust-streaming")
    assert pins["mode-streaming"] == version("mode-streaming")


def test_the_lock_file_holds_the_same_pins():
    lock = (REPO / "requirements.lock").read_text()
    for name, pinned in _pins().items():
        assert re.search(rf"^{re.escape(name)}=={re.escape(pinned)} ", lock, re.M), f"{name} in requirements.lock"


def test_a_renamed_member_refuses_to_start_with_the_version(monkeypatch):
    from faust.transport.drivers.aiokafka import Producer

    monkeypatch.setattr(Producer, "send", None)  # as if renamed: the base class's abstract send is left
    with pytest.raises(faust_internals.FaustInternalsChanged) as info:
        faust_internals.check()
    message = str(info.value)
    assert f"faust-streaming {faust_internals.FAUST_VERSION}" in message
    assert "Producer.send(" in message


def test_a_changed_send_signature_is_caught(monkeypatch):
    from faust.transport.drivers.aiokafka import Producer

    async def send(self, topic, value, key=None, partition=None, timestamp=None, headers=None):  # reordered
        raise AssertionError

    monkeypatch.setattr(Producer, "send", send)
    assert any(p.startswith("Producer.send(") for p in faust_internals.problems())


def test_the_exactly_once_loop_touches_no_private_member():
    """agents/transactions.py drives aiokafka and Faust through public API only: no ``obj._name``
    access (its own ``self._task`` / ``self._stopping`` aside)."""
    import re

    source = (REPO / "agents" / "transactions.py").read_text().split('"""', 2)[2]  # past the docstring
    private = {m for m in re.findall(r"\b(\w+)\._[a-z]\w*", source) if m not in {"self", "pipeline"}}
    assert private == set(), private
    calls = set(re.findall(r"\bpipeline\._(\w+)", source))
    assert calls <= {"maybe_report"}, calls  # newsstream's own module, not Faust


def test_only_this_module_reads_private_members_of_faust_objects():
    """The lag gauge once read the consumer's ``_committed_offset`` in agents/metrics.py: every such read
    belongs in agents/faust_internals.py, where the start-up check covers it."""
    import re

    pattern = re.compile(r"\b(?:consumer|producer|app|stream|channel|table)\._[a-z]\w*")
    found = {path.name: pattern.findall(path.read_text()) for path in (REPO / "agents").glob("*.py")
             if path.name != "faust_internals.py"}
    assert {name: hits for name, hits in found.items() if hits} == {}


def test_consumer_position_reads_committed_then_read_offset():
    from types import SimpleNamespace

    consumer = SimpleNamespace(_committed_offset={"a": 7}, _read_offset={"a": 3, "b": 5})
    assert [faust_internals.consumer_position(consumer, tp) for tp in ("a", "b", "c")] == [7, 5, 0]


def test_faust_worker_consumer_reads_read_committed_in_every_mode():
    """Faust creates its consumer read_uncommitted unless its own guarantee is exactly_once; newsstream
    keeps Faust at at_least_once, and the tracker must not read aborted transactions' outputs."""
    import asyncio

    import faust
    from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread

    import agents.app  # noqa: F401  (installs the wrapper, as a worker does)

    async def isolation() -> str:
        app = faust.App("read-committed-canary", broker="kafka://127.0.0.1:9", store="memory://",
                        processing_guarantee="at_least_once")
        consumer = AIOKafkaConsumerThread(app.consumer)._create_worker_consumer(app.transport)
        level = consumer._isolation_level
        await consumer.stop()  # never started: closes its client
        return level

    assert asyncio.run(isolation()) == "read_committed"
    faust_internals.read_committed()  # idempotent: one wrapper, not two
    create = AIOKafkaConsumerThread._create_worker_consumer
    assert create.__wrapped__ is faust_internals._original_create()
    assert not hasattr(create.__wrapped__, "__wrapped__")


def test_a_changed_consumer_factory_is_caught(monkeypatch):
    from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread

    def create(self, transport, isolation="read_uncommitted"):  # no longer passes it to aiokafka by name
        raise AssertionError

    monkeypatch.setattr(AIOKafkaConsumerThread, "_create_worker_consumer", create)
    assert any(p.startswith("AIOKafkaConsumerThread._create_worker_consumer") for p in faust_internals.problems())
