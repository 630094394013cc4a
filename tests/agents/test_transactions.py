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


class _TxnProducer:
    """Records its transactional calls; ``gate`` holds its commits back, ``fail`` makes them fail."""

    def __init__(self, log: list, gate: asyncio.Event | None = None, fail: Exception | None = None) -> None:
        self.log, self.gate, self.fail, self.stopped = log, gate, fail, False

    async def begin_transaction(self) -> None:
        self.log.append((self, "begin"))

    async def send(self, topic, value, key=None, partition=None):
        future = asyncio.get_running_loop().create_future()
        future.set_result(None)
        return future

    async def send_offsets_to_transaction(self, offsets, group_id) -> None:
        self.log.append((self, "offsets", dict(offsets)))

    async def commit_transaction(self) -> None:
        if self.gate is not None:
            await self.gate.wait()
        if self.fail is not None:
            raise self.fail
        self.log.append((self, "commit"))

    async def abort_transaction(self) -> None:
        self.log.append((self, "abort"))

    async def stop(self) -> None:
        self.stopped = True


def _pipelined_service(tps: set) -> transactions.TransactionalPipeline:
    service = transactions.TransactionalPipeline()
    transactions._instances.remove(service)
    service.consumer = _FakeConsumer({})
    service.consumer.assigned = set(tps)
    service.stages = {tp.topic: (tp.topic, lambda event: [(clean_articles, event.message.key, b"{}")]) for tp in tps}
    return service


def _records(tp, *offsets: int) -> list[ConsumerRecord]:
    return [_record(tp.topic, tp.partition, o, f"k{o}".encode(), b"{}") for o in offsets]


async def _step(service, batch) -> None:
    """One turn of the loop after its getmany (TransactionalPipeline._run)."""
    await service._prepare(batch)
    await service._settle(finished_only=True)
    await service._start_transactions()


def test_a_transaction_is_not_waited_for_and_a_failed_one_drops_the_partitions_next_batch():
    from aiokafka.errors import KafkaError

    tp = TopicPartition("raw", 0)
    service, log, gate = _pipelined_service({tp}), [], asyncio.Event()
    producer = _TxnProducer(log, gate=gate, fail=KafkaError("the broker went away"))
    service.producers, service.next_offsets = {tp: producer}, {tp: 10}

    async def scenario():
        await _step(service, {tp: _records(tp, 10, 11)})
        assert tp in service.pending and service.in_hand == 2  # its commit is still held back: not waited for
        gate.set()
        await asyncio.sleep(0.01)
        await _step(service, {tp: _records(tp, 12)})  # read before the failure was known: dropped
        assert service.in_hand == 0

    asyncio.run(scenario())
    assert [entry[1] for entry in log] == ["begin", "offsets", "abort"]  # no transaction for offset 12
    assert not service.pending and service.consumer.seeks == {tp: 10}  # read again from the last commit


def test_a_revocation_waits_for_the_transactions_in_flight_and_clean_partitions_go_first():
    s = transactions.settings
    raw, clean = TopicPartition(s.topic_raw, 0), TopicPartition(s.topic_clean, 0)
    service, log, gate = _pipelined_service({raw, clean}), [], asyncio.Event()
    service.producers = {tp: _TxnProducer(log, gate=gate) for tp in (raw, clean)}

    async def scenario():
        await _step(service, {raw: _records(raw, 5), clean: _records(clean, 7, 8)})
        revocation = asyncio.ensure_future(service.revoked({raw, clean}))
        await asyncio.sleep(0.05)
        assert not revocation.done() and service.in_hand == 3
        gate.set()
        await revocation

    asyncio.run(scenario())
    assert log[0] == (service.producers[clean], "begin")  # the last hop's outputs end an article's way: first
    assert sorted(entry[1] for entry in log) == ["begin", "begin", "commit", "commit", "offsets", "offsets"]
    assert not service.pending and service.next_offsets == {raw: 6, clean: 9}


def test_records_read_while_their_partitions_transaction_is_in_flight_go_together_in_its_next_one():
    tp = TopicPartition("raw", 1)
    service, log, gate = _pipelined_service({tp}), [], asyncio.Event()
    service.producers = {tp: _TxnProducer(log, gate=gate)}

    async def scenario():
        await _step(service, {tp: _records(tp, 5)})
        await _step(service, {tp: _records(tp, 6)})
        await _step(service, {tp: _records(tp, 7, 8)})
        assert len(service.pending) == 1 and len(service.waiting[tp]) == 3 and service.in_hand == 4
        gate.set()
        await asyncio.sleep(0.01)
        await _step(service, {})
        await service._drain()

    asyncio.run(scenario())
    assert [entry[2] for entry in log if entry[1] == "offsets"] == [{tp: 6}, {tp: 9}]  # two transactions
    assert service.next_offsets == {tp: 9} and service.in_hand == 0
