"""Batches that follow the load: take what is queued, up to a size, never wait for more.

Faust's ``stream.take_events(n, within)`` waits up to ``within`` seconds for ``n`` events even when
nothing else is queued (each of the pipeline's two hops added up to 50 ms at low load), and acks
the whole batch in a ``finally``, so a batch cut short by a stop (SIGTERM) was acked, committed
and lost. :func:`ready_batches` uses public stream API only: a batch is the event the stream
yields plus whatever is already in its channel's queue, up to ``max_size``. It acks nothing: the
caller acks each event once its outputs are safe (:func:`agents.pipeline.process_batch`).
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from faust.types import EventT


async def ready_batches(stream: Any, max_size: int) -> AsyncIterator[list[EventT]]:
    """Yield lists of 1..``max_size`` events, read from ``stream`` without acking them.

    At low load a batch is one event, handled as soon as it arrives; under load the queue holds
    more and batches grow to ``max_size``, so throughput keeps the per-batch savings.
    """
    if max_size < 1:
        raise ValueError(f"batch size must be at least 1, not {max_size}")
    queue = stream.channel.queue
    batch: list[EventT] = []
    async for event in stream.noack().events():
        batch.append(event)
        if len(batch) < max_size and not queue.empty():
            continue
        yield batch
        batch = []


class OrderedAcks:
    """at_least_once: acks each batch of one stream once the broker acknowledged all its outputs,
    in batch order, while the agent goes on with the next batch (it no longer idles for a linger
    and a round trip per batch). A failed delivery ends the chain (unless the batch's ``settle`` deals with it, see
    :meth:`add`): neither that batch nor any later one is acked, so nothing is committed past it, and
    ``on_failure`` is called once."""

    MAX_PENDING = 8  # batches awaiting their deliveries at once; a bound on memory, not a tuning knob

    def __init__(self, stream: Any, on_failure: Callable[[BaseException], object]) -> None:
        self.stream, self.on_failure = stream, on_failure
        self.pending: deque[asyncio.Task[None]] = deque()
        self.failed: BaseException | None = None

    async def add(self, events: list[EventT], deliveries: list[Awaitable[Any]],
                  settle: Callable[[list[Any]], Awaitable[None]] | None = None) -> None:
        """Ack ``events`` once ``deliveries`` and every earlier batch's are done. With ``settle``, a failed
        delivery does not end the chain by itself: ``settle`` gets every delivery's result or exception (in
        order) and is awaited before the ack; it raises to end the chain."""
        if self.failed is not None:
            raise self.failed
        previous = self.pending[-1] if self.pending else None
        task = asyncio.ensure_future(self._ack_after(previous, events, deliveries, settle))
        task.add_done_callback(self._done)
        self.pending.append(task)
        while len(self.pending) > self.MAX_PENDING:
            await asyncio.wait({self.pending[0]})

    async def _ack_after(self, previous: asyncio.Task[None] | None, events: list[EventT],
                         deliveries: list[Awaitable[Any]],
                         settle: Callable[[list[Any]], Awaitable[None]] | None) -> None:
        if previous is not None:
            await previous  # raises if an earlier batch failed: this one is not acked either
        results = await asyncio.gather(*deliveries, return_exceptions=settle is not None)
        if settle is not None:
            await settle(results)
        for event in events:
            await self.stream.ack(event)

    def _done(self, task: asyncio.Task[None]) -> None:
        if self.pending and self.pending[0] is task:
            self.pending.popleft()
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None and self.failed is None:
            self.failed = exc
            self.on_failure(exc)
