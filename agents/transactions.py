"""exactly_once: the two pipeline stages as a plain aiokafka consume -> transform -> produce loop in
Kafka transactions, run as a service of the Faust app (``NEWSSTREAM_PROCESSING_GUARANTEE=exactly_once``).

**Why not Faust's own exactly_once.** Faust commits every assigned partition's transaction on a
timer, in its own task, with the offsets its agents acked so far; making that agree with the
agents' batches took four patched private members (``Consumer._new_offset``, ``_acked``, the
instance's ``commit`` and ``on_partitions_revoked``) and still left duplicates after a SIGKILL, a
worker stopped by a fenced send in a rebalance, and every output on its input's partition
*number* (issue 10). Here every step is public aiokafka API and in one place: the offsets a
transaction commits are exactly those of the records whose outputs it carries.

**Layout.**

- One :class:`~aiokafka.AIOKafkaConsumer` reads ``articles.raw`` and ``articles.clean``
  (``isolation_level=read_committed``, no auto commit) in the consumer group
  :func:`group_id`; its offsets are only ever committed inside transactions.
- One transactional producer per assigned *input* partition, ``transactional_id``
  :func:`transactional_id`. aiokafka 0.14 sends ``TxnOffsetCommit`` v0, without the consumer
  group's generation (KIP-447), so a producer per worker could not fence a zombie; a producer
  per input partition does (the classic scheme, as Kafka Streams' first exactly-once): the worker
  that is assigned a partition starts its producer at once, which aborts the previous owner's
  open transaction and fences it. A killed worker's transaction therefore never holds
  read_committed readers back longer than the group takes to hand its partitions over.
- A batch is what :meth:`~aiokafka.AIOKafkaConsumer.getmany` has queued, up to
  ``NEWSSTREAM_BATCH_SIZE`` (it never waits for more). For each input partition in it: the same
  ``prepare_raw`` / ``prepare_clean`` as at_least_once, then one transaction with the outputs (on
  their key's partition: ``quotes`` by speaker) and the input offsets.
- A rebalance: ``getmany`` and the whole batch run under :attr:`TransactionalPipeline.lock`,
  which ``on_partitions_revoked`` also takes, so a revocation waits until the running batch is
  committed. After the assignment a new partition's producer starts first (fencing), then the
  partition is read from its committed offset; a partition kept is read on from this worker's own
  last commit (``next_offsets``).
- A failed transaction is aborted (a producer in a fatal state is replaced: its start aborts the
  open transaction) and the partition is read again from its committed offset. A fenced producer
  means another worker owns the partition now: the partition is paused until the group's next
  assignment (taken back if none comes, :data:`FENCED_WAIT_SESSIONS`).
- An output refused for good (:data:`agents.errors.REFUSED_FOR_GOOD`: over its topic's max.message.bytes...)
  aborts its transaction; the batch is sent again one record per transaction, and a record whose output is
  refused again has its dead letter committed instead (stage ``publish``), so the partition is not re-read forever.
- A stop (SIGTERM) lets the running batch commit; a SIGKILL leaves a transaction open, which the
  partition's next owner aborts. Either way nothing is lost and nothing is committed twice.

The quote tracker (``agents/tracker.py``) stays with Faust, whose own machinery runs at-least-once
in both modes (``agents/app.py``): its replays are idempotent (dedupe by article). The recurring-line
table's changelog is written through Faust outside the transactions: its entries are sets of
article hashes, so a replay is idempotent (``agents/recurring.py``, ``_changelog``).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRebalanceListener
from aiokafka.errors import InvalidProducerEpoch, KafkaError, ProducerFenced
from aiokafka.structs import ConsumerRecord, TopicPartition
from mode import Service

from agents import metrics, pipeline
from agents.admin import security_options
from agents.app import app, settings
from agents.errors import REFUSED_FOR_GOOD, refused_by  # output errors that dead-letter the input

log = logging.getLogger(__name__)
# longest wait of an idle getmany, which bounds how long a stop or a revocation waits for the loop (chosen:
# short against the session timeout's seconds, long enough that an idle worker polls only 5 times a second)
POLL_SECONDS = 0.2
# Faust's producer_linger (agents/app.py): at low load a hop's outputs wait at most this long
LINGER_MS = 1
# seconds a stop waits for the running batch to commit (chosen: a batch of 64 takes well under a second on
# the 2-core test machine; past this the partition's next owner aborts the transaction anyway)
STOP_TIMEOUT = 30.0
# Longest a transaction may stay open: a worker killed mid-transaction holds read_committed readers
# of its outputs back until its partition's next owner starts the producer, or at worst this long
# (half of aiokafka's 60 s default: still far above a batch's commit time)
TRANSACTION_TIMEOUT_MS = 30_000
# between asks for a committed offset while the group coordinator is away (a broker restart); chosen
REWIND_RETRY_SECONDS = 1.0
# A fenced producer's partition is left alone this many session timeouts: a worker dropped from the group (a
# zombie) learns it at its next heartbeat and is reassigned well within that; if no assignment came, the broker
# fenced the producer for another reason (a transaction past TRANSACTION_TIMEOUT_MS) and the worker goes on.
FENCED_WAIT_SESSIONS = 2

Output = tuple[str, int | None, bytes | None, bytes | None]  # topic, partition (None: by key), key, value


class Refused(Exception):
    """An output was refused for good (:data:`REFUSED_FOR_GOOD`): ``error``, the broker's or producer's."""

    def __init__(self, error: BaseException) -> None:
        super().__init__(repr(error))
        self.error = error


def group_id() -> str:
    """The consumer group of the exactly_once stages (Faust's own group, the app id, keeps the tracker)."""
    return f"{settings.app_id}-pipeline"


def transactional_id(tp: TopicPartition) -> str:
    """The id of input partition ``tp``'s producer: the same on every worker, so a new owner fences the old."""
    return f"{settings.app_id}-pipeline-{tp.topic}-{tp.partition}"


@dataclass(frozen=True)
class Message:
    """The fields of a Faust message that ``prepare_raw`` / ``prepare_clean`` read (timestamp in seconds)."""

    topic: str
    partition: int
    offset: int
    timestamp: float
    key: bytes | None
    value: bytes | None


@dataclass(frozen=True)
class Event:
    message: Message


def _event(record: ConsumerRecord) -> Event:
    return Event(Message(record.topic, record.partition, record.offset, record.timestamp / 1000.0, record.key,
                         record.value))


def outputs_of(record: ConsumerRecord, prepare: Callable[[Any], list[pipeline.Output]]) -> list[Output]:
    """The records that one input record's transaction must carry: its outputs (or its dead letter)."""
    return [(topic.get_topic_name(), None, key, value) for topic, key, value in prepare(_event(record))]


def refused_outputs(record: ConsumerRecord, outputs: list[Output], error: BaseException) -> list[Output]:
    """The dead letter of ``record`` (its original bytes, stage ``publish``) after ``error`` refused one of its
    ``outputs`` for good; the article id is the key of its first output (the clean or enriched record's)."""
    first_key = outputs[0][2] if outputs else None
    return outputs_of(record, lambda event: pipeline.dead_letter(event, error, "publish", first_key))


class _Rebalance(ConsumerRebalanceListener):
    def __init__(self, pipeline_service: TransactionalPipeline) -> None:
        self.service = pipeline_service

    async def on_partitions_revoked(self, revoked: Any) -> None:
        await self.service.revoked(set(revoked))

    async def on_partitions_assigned(self, assigned: Any) -> None:
        await self.service.assigned(set(assigned))


class TransactionalPipeline(Service):
    """The exactly_once stages: see the module docstring."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lock = asyncio.Lock()
        self.consumer: AIOKafkaConsumer | None = None
        self.producers: dict[TopicPartition, AIOKafkaProducer] = {}
        # taken over by another worker (-> when): paused until the next assignment (see FENCED_WAIT_SESSIONS)
        self.fenced: dict[TopicPartition, float] = {}
        # The offset after the last transaction this worker committed per partition it owns. Right after a
        # commit the broker may still answer an OffsetFetch with the previous offset (the transaction's
        # markers are written after EndTxn returns, and aiokafka's OffsetFetch cannot ask for stable offsets),
        # so a partition this worker keeps is read on from here, never from a fetched offset.
        self.next_offsets: dict[TopicPartition, int] = {}
        # The group's committed offset per partition as last seen here (fetched at a rewind, or this worker's
        # own commit): the position of the newsstream_consumer_lag gauge, never where reading starts.
        self.committed_seen: dict[TopicPartition, int] = {}
        self.in_hand = 0  # records of the running batch (fetched, not committed yet)
        self.stages = {settings.topic_raw: ("clean", pipeline.prepare_raw),
                       settings.topic_clean: ("quotes", pipeline.prepare_clean)}
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        _instances.append(self)

    def assignment(self) -> set[TopicPartition]:
        return set(self.consumer.assignment()) if self.consumer is not None else set()

    async def on_start(self) -> None:
        fetch = max(settings.max_message_bytes, 1024 * 1024) + 1024 * 1024  # as Faust's consumer_max_fetch_size
        self.consumer = AIOKafkaConsumer(
            bootstrap_servers=settings.bootstrap_servers, group_id=group_id(), client_id=f"{settings.app_id}-pipeline",
            enable_auto_commit=False, isolation_level="read_committed", auto_offset_reset="earliest",
            max_partition_fetch_bytes=fetch, fetch_max_bytes=max(fetch, 50 * 1024 * 1024),
            session_timeout_ms=int(settings.session_timeout * 1000),
            heartbeat_interval_ms=int(min(3.0, settings.session_timeout / 3) * 1000),
            **security_options(settings))
        self.consumer.subscribe([settings.topic_raw, settings.topic_clean], listener=_Rebalance(self))
        await self.consumer.start()
        self._task = asyncio.ensure_future(self._run())
        log.info("exactly_once: transactional pipeline started (group %s)", group_id())

    async def on_stop(self) -> None:
        self._stopping = True
        if self._task is not None and not self._task.done():
            try:  # the running batch commits; a batch that cannot is aborted by the partition's next owner
                await asyncio.wait_for(asyncio.shield(self._task), STOP_TIMEOUT)
            except (TimeoutError, asyncio.CancelledError):
                self._task.cancel()
            except Exception:  # already logged by _run
                pass
        if self.consumer is not None:
            await self.consumer.stop()  # leaves the group: the partitions move at once
        await self._stop_producers(set(self.producers))

    async def _run(self) -> None:
        assert self.consumer is not None
        try:
            while not self._stopping:
                async with self.lock:
                    await self._revive_fenced()
                    batch = await self.consumer.getmany(timeout_ms=int(POLL_SECONDS * 1000),
                                                        max_records=settings.batch_size)
                    if batch:
                        self.in_hand = sum(len(records) for records in batch.values())
                        try:
                            await self._process(batch)
                        finally:
                            self.in_hand = 0
                await asyncio.sleep(0)  # a waiting revocation takes the lock here
                pipeline._maybe_report()
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # the consumer itself failed: this worker cannot go on
            log.exception("exactly_once: the transactional pipeline failed; stopping the worker")
            await app.crash(exc)

    async def _process(self, batch: dict[TopicPartition, list[ConsumerRecord]]) -> None:
        work = []
        for tp, records in batch.items():
            if tp in self.fenced:
                continue
            stage, prepare = self.stages[tp.topic]
            metrics.batch(stage, len(records))  # metrics hook
            outputs = [outputs_of(record, prepare) for record in records]  # per record
            work.append(self._commit(tp, records, outputs))
        await asyncio.gather(*work)

    async def _commit(self, tp: TopicPartition, records: list[ConsumerRecord], outputs: list[list[Output]]) -> None:
        """The batch ``records`` of ``tp`` with their ``outputs`` (one list per record) in one transaction; on
        failure, read ``tp`` again. An output refused for good aborts the transaction; then each record goes in a
        transaction of its own, and the one whose output is refused again goes to the dead-letter topic instead
        (the producer batches several records' outputs together, so a refusal does not tell which record it was)."""
        producer = self.producers.get(tp)
        try:
            if producer is None:  # its start failed at the assignment: start it (fencing), then read tp again
                producer = await self._start_producer(tp)
                await self._rewind(tp)
                return
            try:
                await self._transaction(producer, tp, records, [out for outs in outputs for out in outs])
            except Refused as refused:
                log.warning("exactly_once: an output of %s@%d..%d was refused (%r); the batch is aborted and "
                            "sent again one record at a time", tp, records[0].offset, records[-1].offset,
                            refused.error)
                producer = await self._after_refusal(tp, producer)
                for record, record_outputs in zip(records, outputs, strict=True):
                    try:
                        await self._transaction(producer, tp, [record], record_outputs)
                    except Refused as again:
                        producer = await self._after_refusal(tp, producer)
                        await self._transaction(producer, tp, [record],
                                                refused_outputs(record, record_outputs, again.error))
        except Exception as exc:  # any other failure: nothing of this batch past the last commit may count
            await self._failed(tp, self.producers.get(tp), exc)  # the producer may be a new one (_after_refusal)

    async def _after_refusal(self, tp: TopicPartition, producer: AIOKafkaProducer) -> AIOKafkaProducer:
        """Abort the refused transaction and start ``tp``'s producer again: the refused batch used up its
        sequence numbers, so the producer's next Produce would fail with OutOfOrderSequenceNumber (seen in
        h-eos10c commit 0bc76de); a new producer (a new epoch) starts its sequences afresh."""
        try:
            await producer.abort_transaction()
        except KafkaError as exc:  # the new producer's start aborts it anyway
            log.debug("exactly_once: aborting the refused transaction of %s: %r", tp, exc)
        await self._stop_producers({tp})
        return await self._start_producer(tp)

    async def _transaction(self, producer: AIOKafkaProducer, tp: TopicPartition, records: list[ConsumerRecord],
                           outputs: list[Output]) -> None:
        """One transaction: ``outputs`` and the offset after ``records``. Raises :class:`Refused` for an output
        refused for good (the transaction is then open: the caller aborts it)."""
        await producer.begin_transaction()
        deliveries = []
        for topic, partition, key, value in outputs:
            try:
                deliveries.append(await producer.send(topic, value, key=key, partition=partition))
            except REFUSED_FOR_GOOD as exc:
                raise Refused(refused_by(exc, topic)) from exc
        results = await asyncio.gather(*deliveries, return_exceptions=True)
        for (topic, *_), result in zip(outputs, results, strict=True):
            if isinstance(result, REFUSED_FOR_GOOD):
                raise Refused(refused_by(result, topic)) from result
        for result in results:
            if isinstance(result, BaseException):
                raise result
        # The outputs are acknowledged (above) before the offsets join the transaction: Kafka >= 3.6 checks each
        # transactional Produce with the coordinator, which answers CONCURRENT_TRANSACTIONS while it writes
        # the AddOffsetsToTxn state, and the broker turns that into NOT_ENOUGH_REPLICAS (KAFKA-15459),
        # which aiokafka retries after retry_backoff_ms (100 ms). Sent together, 1 transaction in ~10 did
        # that at 40 articles/s (the p99; h-eos10c commit cced4e6); in sequence it costs one round trip.
        await producer.send_offsets_to_transaction({tp: records[-1].offset + 1}, group_id())
        await producer.commit_transaction()
        self.next_offsets[tp] = self.committed_seen[tp] = records[-1].offset + 1

    async def _failed(self, tp: TopicPartition, producer: AIOKafkaProducer | None, exc: BaseException) -> None:
        fenced = isinstance(exc, ProducerFenced | InvalidProducerEpoch) or "fenced" in str(exc).lower()
        if fenced:
            log.warning("exactly_once: the producer of %s was fenced (another worker owns the partition now); "
                        "leaving its records to that worker", tp)
            self.fenced[tp] = time.monotonic()
            self.next_offsets.pop(tp, None)
            if self.consumer is not None and tp in self.assignment():
                self.consumer.pause(tp)
            await self._stop_producers({tp})
            return
        log.warning("exactly_once: a transaction of %s failed (%r); it is aborted and the partition read again "
                    "from its committed offset", tp, exc)
        try:
            if producer is not None:
                await producer.abort_transaction()
        except Exception:  # a fatal state: a new producer's start aborts the transaction
            await self._stop_producers({tp})
        await self._rewind(tp)  # to the offset after this worker's last committed transaction of tp

    async def _revive_fenced(self) -> None:
        """Take back a fenced partition that no assignment took away (see FENCED_WAIT_SESSIONS)."""
        wait = FENCED_WAIT_SESSIONS * settings.session_timeout
        for tp, since in list(self.fenced.items()):
            if time.monotonic() - since < wait or self.consumer is None or tp not in self.assignment():
                continue
            log.warning("exactly_once: %s was fenced %.0f s ago and is still assigned here: taking it back", tp,
                        time.monotonic() - since)
            del self.fenced[tp]
            try:
                await self._start_producer(tp)  # fences any other producer of tp, then its offset is fresh
            except KafkaError as exc:  # tried again at the partition's next batch (_commit)
                log.warning("exactly_once: the producer of %s did not start: %r", tp, exc)
            await self._rewind(tp)
            self.consumer.resume(tp)

    async def _rewind(self, tp: TopicPartition) -> None:
        """Read ``tp`` again from its committed offset: the one this worker committed last, else the one
        the group coordinator has (fresh once this worker's producer of ``tp`` has started: its start
        waits until the previous owner's last transaction is complete). Retried while the coordinator
        cannot say."""
        if self.consumer is not None and tp in self.next_offsets and tp in self.assignment():
            self.consumer.seek(tp, self.next_offsets[tp])
            return
        while self.consumer is not None and tp in self.assignment():
            try:
                committed = await self.consumer.committed(tp)
                self.committed_seen[tp] = committed or 0
                if committed is None:
                    await self.consumer.seek_to_beginning(tp)
                else:
                    self.consumer.seek(tp, committed)
                return
            except KafkaError as exc:
                log.warning("exactly_once: the committed offset of %s is unknown yet (%r); retrying", tp, exc)
                await asyncio.sleep(REWIND_RETRY_SECONDS)

    async def _start_producer(self, tp: TopicPartition) -> AIOKafkaProducer:
        producer = AIOKafkaProducer(
            bootstrap_servers=settings.bootstrap_servers, transactional_id=transactional_id(tp),
            transaction_timeout_ms=TRANSACTION_TIMEOUT_MS, acks="all", linger_ms=LINGER_MS,
            max_batch_size=1024 * 1024, max_request_size=app.conf.producer_max_request_size,
            **security_options(settings))
        await producer.start()
        self.producers[tp] = producer
        return producer

    async def _stop_producers(self, tps: set[TopicPartition]) -> None:
        producers = [self.producers.pop(tp) for tp in tps if tp in self.producers]
        results = await asyncio.gather(*(p.stop() for p in producers), return_exceptions=True)
        for result in results:
            if isinstance(result, KafkaError):
                log.debug("exactly_once: a producer stopped with %r", result)

    async def revoked(self, revoked: set[TopicPartition]) -> None:
        """The running batch has committed when this returns (it holds the lock)."""
        async with self.lock:
            log.info("exactly_once: %d partitions revoked", len(revoked))

    async def assigned(self, assigned: set[TopicPartition]) -> None:
        """Start the new partitions' producers at once (fencing their previous owners), stop the others,
        then read each partition from the offset committed *now*: aiokafka fetches the committed offsets
        before this callback, while a previous owner that is still running (a zombie, dropped from the
        group) could commit one more transaction until its producer is fenced; and for a partition kept,
        the fetched offset may not show this worker's last transaction yet (see ``next_offsets``)."""
        async with self.lock:
            self.fenced.clear()
            for tp in set(self.next_offsets) - (assigned & set(self.producers)):
                del self.next_offsets[tp]  # not kept: its next owner's offsets are the group's
            await self._stop_producers(set(self.producers) - assigned)
            results = await asyncio.gather(*(self._start_producer(tp) for tp in assigned - set(self.producers)),
                                           return_exceptions=True)
            for result in results:
                if isinstance(result, BaseException):  # started again on the partition's first batch
                    log.warning("exactly_once: a producer did not start: %r", result)
            for tp in assigned:
                await self._rewind(tp)
            log.info("exactly_once: %d partitions assigned", len(assigned))


_instances: list[TransactionalPipeline] = []  # the app starts one (register)


def register() -> None:
    """Start the transactional stages with the app: exactly_once only, called by agents/pipeline.py.
    (Not at import: Faust's autodiscovery imports every module of ``agents``, in at_least_once too,
    where a second consumer of the input topics would process every article twice.)"""
    app.service(TransactionalPipeline)


def in_hand() -> int:
    """Records the exactly_once stages have taken and not committed (for the stop's log line)."""
    return sum(service.in_hand for service in _instances)


def partition_lags() -> dict[tuple[str, int], int]:
    """``{(topic, partition): lag}`` of the exactly_once stages' consumer (for newsstream_consumer_lag)."""
    lags: dict[tuple[str, int], int] = {}
    for service in _instances:
        lags.update(metrics.partition_lags(service.consumer, lambda _, tp, s=service: s.committed_seen.get(tp, 0)))
    return lags


def assigned_partitions() -> int:
    """Input partitions the exactly_once stages hold (for /ready)."""
    return sum(len(service.assignment()) for service in _instances)
