"""The exactly_once loop's pieces that need no broker: producer ids, the records one input's
transaction carries, offsets after an assignment or a fence (agents/transactions.py).
The loop itself runs against the broker in tests/faults and tests/integration."""

from __future__ import annotations

import asyncio

from aiokafka.structs import ConsumerRecord, TopicPartition

from agents import recurring, transactions
from agents.topics import clean_articles


def _record(topic: str, partition: int, offset: int, key: bytes, value: bytes) -> ConsumerRecord:
    return ConsumerRecord(topic, partition, offset, 1_700_000_000_250, 0, key, value, None, len(key), len(value), [])


def test_one_transactional_id_per_input_partition_the_same_on_every_worker():
    ids = {transactions.transactional_id(TopicPartition(t, p)) for t in ("raw", "clean") for p in range(4)}
    assert len(ids) == 8  # a producer per input partition: its next owner fences the previous one
    assert transactions.transactional_id(TopicPartition("raw", 2)) == transactions.transactional_id(
        TopicPartition("raw", 2))
    assert transactions.group_id() != transactions.settings.app_id  # Faust's group keeps the tracker


def test_an_input_carries_its_outputs_on_their_keys_partition():
    record = _record("raw", 2, 41, b"a-1", b'{"id": "a-1"}')
    seen = []

    def prepare(event):
        seen.append(event.message)
        return [(clean_articles, b"a-1", b"{}")]

    outputs = transactions.outputs_of(record, prepare)
    assert outputs == [(clean_articles.get_topic_name(), None, b"a-1", b"{}")]  # None: the key's partition
    [message] = seen
    assert (message.topic, message.partition, message.offset, message.key) == ("raw", 2, 41, b"a-1")
    assert message.timestamp == 1_700_000_000.25  # seconds, as Faust's messages


def test_recurring_changelog_entries_go_through_faust_in_both_modes(monkeypatch):
    """Outside the transactions (a replay is idempotent: sets of article hashes); a moved entry's old
    copy is deleted under exactly_once too."""
    sent = []
    monkeypatch.setattr(recurring.lines, "send_changelog", lambda *a, **k: sent.append((a, k)))
    key = recurring.table_key("harbour gazette", 0xBEEF)
    recurring._changelog(3, key, [3, 101, 202])
    recurring._tombstone(1, 3, key)
    assert sent == [((3, key, [3, 101, 202]), {}), ((1, key, None), {"value_serializer": "raw"})]


class _FakeConsumer:
    def __init__(self, committed: dict) -> None:
        self.group_committed, self.assigned, self.seeks, self.paused = committed, set(), {}, set()

    def assignment(self) -> set:
        return self.assigned

    async def committed(self, tp):
        return self.group_committed.get(tp)

    def seek(self, tp, offset: int) -> None:
        self.seeks[tp] = offset

    async def seek_to_beginning(self, tp) -> None:
        self.seeks[tp] = 0

    def pause(self, tp) -> None:
        self.paused.add(tp)

    def resume(self, tp) -> None:
        self.paused.discard(tp)


class _FakeProducer:
    stopped = False

    async def stop(self) -> None:
        self.stopped = True


def _service_recording_starts(monkeypatch) -> tuple[transactions.TransactionalPipeline, list]:
    """A service outside the module's registry whose producer starts are recorded (and give fakes)."""
    service = transactions.TransactionalPipeline()
    transactions._instances.remove(service)
    started: list = []

    async def start(tp):
        started.append(tp)
        service.producers[tp] = _FakeProducer()
        return service.producers[tp]

    monkeypatch.setattr(service, "_start_producer", start)
    return service, started


def test_an_assignment_fences_new_partitions_and_reads_kept_ones_from_its_own_last_commit(monkeypatch):
    kept, moved, new = (TopicPartition("raw", p) for p in (0, 1, 2))
    service, started = _service_recording_starts(monkeypatch)
    # the group coordinator still answers the offset before this worker's last transaction of `kept`
    service.consumer = _FakeConsumer({kept: 100, new: 30})
    old = {kept: _FakeProducer(), moved: _FakeProducer()}
    service.producers = dict(old)
    service.next_offsets = {kept: 120, moved: 50}
    service.consumer.assigned = {kept, new}
    asyncio.run(service.assigned({kept, new}))
    assert started == [new]  # its start fences the previous owner before its offset is read
    assert old[moved].stopped and not old[kept].stopped and moved not in service.producers
    assert service.consumer.seeks == {kept: 120, new: 30}
    assert service.next_offsets == {kept: 120}


def test_a_fenced_partition_waits_for_the_group_and_is_taken_back_only_if_still_assigned(monkeypatch):
    from aiokafka.errors import ProducerFenced

    tp = TopicPartition("clean", 1)
    service, started = _service_recording_starts(monkeypatch)
    service.consumer = _FakeConsumer({tp: 77})
    service.consumer.assigned = {tp}
    fenced_producer = _FakeProducer()
    service.producers, service.next_offsets = {tp: fenced_producer}, {tp: 60}

    async def scenario():
        await service._failed(tp, fenced_producer, ProducerFenced())
        assert tp in service.fenced and tp in service.consumer.paused and fenced_producer.stopped
        assert tp not in service.next_offsets  # another worker may have committed past it
        await service._revive_fenced()  # too early: a zombie's group would take tp away first
        assert started == [] and tp in service.consumer.paused
        service.fenced[tp] -= transactions.FENCED_WAIT_SESSIONS * transactions.settings.session_timeout + 1
        await service._revive_fenced()

    asyncio.run(scenario())
    assert started == [tp] and tp not in service.consumer.paused and not service.fenced
    assert service.consumer.seeks == {tp: 77}  # the group's offset, read after the producer's start


def test_importing_the_module_starts_nothing(monkeypatch):
    """Faust's autodiscovery imports every module of ``agents`` in at_least_once too: only
    ``register()`` (called by agents/pipeline.py under exactly_once) adds the service to the app."""
    import importlib

    calls = []
    monkeypatch.setattr(transactions.app, "service", lambda cls: calls.append(cls) or cls)
    importlib.reload(transactions)
    assert calls == []
    transactions.register()
    assert calls == [transactions.TransactionalPipeline]


def test_the_lag_gauge_counts_the_transactional_consumer_from_its_last_seen_commit(monkeypatch):
    from types import SimpleNamespace

    tp_raw, tp_clean = TopicPartition("raw", 0), TopicPartition("clean", 1)
    consumer = SimpleNamespace(assignment=lambda: {tp_raw, tp_clean},
                               highwater=lambda tp: {tp_raw: 50, tp_clean: 9}[tp])
    service = SimpleNamespace(consumer=consumer, committed_seen={tp_raw: 42})
    monkeypatch.setattr(transactions, "_instances", [service])
    assert transactions.partition_lags() == {("raw", 0): 8, ("clean", 1): 9}
