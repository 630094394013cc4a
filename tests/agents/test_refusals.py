"""Outputs refused for good, without a broker: which errors count (agents/errors.py) and how an at_least_once
batch's ack waits for its ``settle`` (agents/batches.py, OrderedAcks; used by agents/pipeline.py, _settle)."""

from __future__ import annotations

import asyncio

import pytest
from aiokafka.errors import KafkaTimeoutError, MessageSizeTooLargeError, TopicAuthorizationFailedError
from faust.exceptions import ProducerSendError

from agents.batches import OrderedAcks
from agents.errors import refusal, refused_by


def test_refusal_finds_permanent_errors_also_inside_fausts_wrapper():
    size = MessageSizeTooLargeError()
    assert refusal(size) is size
    try:
        raise ProducerSendError("Error while sending") from size
    except ProducerSendError as wrapped:
        assert refusal(wrapped) is size
    assert refusal(KafkaTimeoutError()) is None  # transient: the batch is read again, no dead letter
    assert refusal(ValueError("a bug")) is None


def test_refused_by_keeps_the_type_and_names_the_topic():
    error = refused_by(TopicAuthorizationFailedError(), "shipping-news")
    assert type(error) is TopicAuthorizationFailedError
    assert "shipping-news" in str(error) and "TopicAuthorizationFailedError" in str(error)


class _Stream:
    def __init__(self) -> None:
        self.acked: list[str] = []

    async def ack(self, event: str) -> None:
        self.acked.append(event)


def _failed(error: BaseException) -> asyncio.Future[None]:
    future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    future.set_exception(error)
    return future


def _done() -> asyncio.Future[None]:
    future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    future.set_result(None)
    return future


def test_a_settled_refusal_lets_the_batch_and_the_next_be_acked():
    async def run():
        stream, failures, seen = _Stream(), [], []
        acks = OrderedAcks(stream, failures.append)

        async def settle(results):
            seen.extend(type(r).__name__ for r in results)
            await asyncio.sleep(0.01)  # a redelivery: the ack waits for it

        await acks.add(["a", "b"], [_done(), _failed(MessageSizeTooLargeError())], settle)
        await acks.add(["c"], [_done()])
        await asyncio.wait(set(acks.pending))
        return stream.acked, failures, seen

    acked, failures, seen = asyncio.run(run())
    assert acked == ["a", "b", "c"] and failures == [] and seen == ["NoneType", "MessageSizeTooLargeError"]


def test_settle_raising_ends_the_chain_and_nothing_after_is_acked():
    async def run():
        stream, failures = _Stream(), []
        acks = OrderedAcks(stream, failures.append)

        async def settle(results):
            raise KafkaTimeoutError()

        await acks.add(["a"], [_failed(KafkaTimeoutError())], settle)
        await acks.add(["b"], [_done()])
        await asyncio.gather(*acks.pending, return_exceptions=True)
        with pytest.raises(KafkaTimeoutError):
            await acks.add(["c"], [_done()])
        return stream.acked, failures

    acked, failures = asyncio.run(run())
    assert acked == [] and [type(f) for f in failures] == [KafkaTimeoutError]
