"""Batches that follow the load: take what is queued, up to a size, never wait for more.

Faust's ``stream.take_events(n, within)`` waits up to ``within`` seconds for ``n`` events even when
nothing else is queued (each of the pipeline's two hops added up to 50 ms at low load), and acks
the whole batch in a ``finally``, so a batch cut short by a stop (SIGTERM) was acked, committed
and lost. :func:`ready_batches` uses public stream API only: a batch is the event the stream
yields plus whatever is already in its channel's queue, up to ``max_size``. It acks nothing: the
caller acks each event once its outputs are safe (:func:`agents.pipeline.process_batch`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
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
