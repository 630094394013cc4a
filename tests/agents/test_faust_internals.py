"""The canary for a faust-streaming upgrade (no broker): every private Faust member newsstream
touches still exists with the shape agents/faust_internals.py expects, and the check refuses
to start, naming the version, when one does not."""

from __future__ import annotations

import asyncio
import re
import tomllib
from collections import defaultdict
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
    from faust.transport.consumer import Consumer

    monkeypatch.delattr(Consumer, "_new_offset")
    with pytest.raises(faust_internals.FaustInternalsChanged) as info:
        faust_internals.check()
    message = str(info.value)
    assert f"faust-streaming {faust_internals.FAUST_VERSION}" in message
    assert "Consumer._new_offset" in message


def test_a_caller_that_no_longer_calls_the_member_is_caught(monkeypatch):
    """Setting ``consumer._new_offset`` would do nothing, silently, if Faust stopped calling it."""
    from faust.transport.consumer import Consumer

    monkeypatch.setattr(Consumer, "_filter_committable_offsets", lambda self, tps: {})
    assert "Consumer._filter_committable_offsets calls self._new_offset(tp)" in faust_internals.problems()


def test_a_changed_send_signature_is_caught(monkeypatch):
    from faust.transport.drivers.aiokafka import Producer

    async def send(self, topic, value, key=None, partition=None, timestamp=None, headers=None):  # reordered
        raise AssertionError

    monkeypatch.setattr(Producer, "send", send)
    assert any(p.startswith("Producer.send(") for p in faust_internals.problems())


class _FakeConsumer:
    """The members guard_consumer touches, as faust 0.15.3's Consumer has them."""

    def __init__(self) -> None:
        self._acked: defaultdict = defaultdict(list)
        self._acked_index: defaultdict = defaultdict(set)
        self.commits = 0
        self.revoked: list = []

    async def commit(self, topics=None, start_new_transaction=True) -> bool:
        self.commits += 1
        return True

    async def on_partitions_revoked(self, revoked) -> None:
        self.revoked.append(revoked)


def test_guarded_consumer_commits_up_to_the_highest_acked_offset_and_before_revocation():
    consumer = _FakeConsumer()
    broken: list = []
    faust_internals.guard_consumer(consumer, asyncio.Lock(), may_commit=lambda: not broken)
    consumer._acked["tp"] = [10, 11, 13]  # 12: a transaction marker, never delivered
    consumer._acked_index["tp"] = {10, 11, 13}
    assert consumer._new_offset("tp") == 14
    assert consumer._acked["tp"] == [] and consumer._new_offset("tp") is None

    async def scenario() -> None:
        assert await consumer.commit() is True
        await consumer.on_partitions_revoked({"tp"})
        broken.append(RuntimeError("cut short"))
        assert await consumer.commit() is False

    asyncio.run(scenario())
    assert consumer.commits == 2 and consumer.revoked == [{"tp"}]


def test_guard_refuses_a_consumer_without_acked_bookkeeping():
    consumer = _FakeConsumer()
    del consumer._acked
    with pytest.raises(faust_internals.FaustInternalsChanged, match="faust-streaming"):
        faust_internals.guard_consumer(consumer, asyncio.Lock(), may_commit=lambda: True)
