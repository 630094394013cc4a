"""Plain aiokafka producer/consumer helpers behind ``newsstream produce`` and ``tail``."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Iterable

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.structs import ConsumerRecord

from agents.admin import ensure_topics, security_options
from newsstream.config import Settings

log = logging.getLogger(__name__)


def make_producer(settings: Settings, **options: object) -> AIOKafkaProducer:
    """A producer that can send raw articles up to the configured size."""
    return AIOKafkaProducer(bootstrap_servers=settings.bootstrap_servers,
                            max_request_size=settings.max_deadletter_value_bytes * 2,
                            **security_options(settings), **options)


Message = tuple[bytes | None, bytes | None]  # (key, value); a None value is a tombstone


async def produce(settings: Settings, messages: Iterable[Message], *, topic: str | None = None,
                  on_sent: Callable[[], object] | None = None) -> int:
    """Send ``(key, value)`` pairs in order to ``topic`` (default: the raw topic), creating the
    topics first, and wait until the broker has acknowledged every one; return the count."""
    await ensure_topics(settings, timeout=60)
    producer = make_producer(settings, acks="all", linger_ms=5)
    await producer.start()
    sent = 0
    try:
        pending = []
        for key, value in messages:
            pending.append(await producer.send(topic or settings.topic_raw, value, key=key))
            sent += 1
            if on_sent is not None:
                on_sent()
            if len(pending) >= 500:
                await asyncio.gather(*pending)
                pending.clear()
        await asyncio.gather(*pending)
    finally:
        await producer.stop()
    return sent


class TopicReader:
    """Reads ``topics`` without a consumer group (nothing committed).

    ``from_beginning=False`` pins the start at the current end during
    :meth:`start`, so records produced after it returns are all seen.
    """

    def __init__(self, settings: Settings, topics: list[str], *, from_beginning: bool = True,
                 isolation_level: str = "read_uncommitted") -> None:
        self.from_beginning = from_beginning
        self.consumer = AIOKafkaConsumer(
            *topics, bootstrap_servers=settings.bootstrap_servers, group_id=None,
            auto_offset_reset="earliest" if from_beginning else "latest",
            isolation_level=isolation_level,
            max_partition_fetch_bytes=settings.max_deadletter_value_bytes * 2,
            fetch_max_bytes=settings.max_deadletter_value_bytes * 4,
            **security_options(settings))

    async def start(self) -> None:
        await self.consumer.start()
        if not self.from_beginning:
            partitions = list(self.consumer.assignment())
            for tp, offset in (await self.consumer.end_offsets(partitions)).items():
                self.consumer.seek(tp, offset)

    async def stop(self) -> None:
        await self.consumer.stop()

    async def records(self, *, idle_timeout: float | None = None) -> AsyncIterator[ConsumerRecord]:
        """Yield records as they come; stop after ``idle_timeout`` s without one (never if None)."""
        loop = asyncio.get_running_loop()
        last = loop.time()
        while True:
            batch = await self.consumer.getmany(timeout_ms=500)
            for records in batch.values():
                for record in records:
                    yield record
            if batch:
                last = loop.time()
            elif idle_timeout is not None and loop.time() - last > idle_timeout:
                return
