"""Errors of the transport (Kafka, the local broker), kept out of the pure core."""

from __future__ import annotations

from aiokafka.errors import (
    InvalidTopicError,
    KafkaError,
    MessageSizeTooLargeError,
    PolicyViolationError,
    RecordListTooLargeError,
    RecordTooLargeError,
    TopicAuthorizationFailedError,
    UnsupportedForMessageFormatError,
)

from newsstream.errors import NewsstreamError


class TransportError(NewsstreamError):
    """Root of the transport's errors: reported by the CLI as ``error: ...`` (exit code 2)."""


class BrokerError(TransportError):
    """The local Kafka broker could not be set up, started or reached."""


# Send errors that the same record meets again at every try (Kafka's non-retriable Produce errors about a record
# or its topic): an input whose output meets one is dead-lettered (stage "publish") instead of being read again
# forever, in both modes (agents/transactions.py, agents/pipeline.py). Retriable errors, timeouts and
# transaction errors are not here: the batch is read again.
REFUSED_FOR_GOOD: tuple[type[KafkaError], ...] = (
    MessageSizeTooLargeError,  # over the topic's max.message.bytes (or the producer's max_request_size)
    RecordTooLargeError, RecordListTooLargeError, InvalidTopicError, TopicAuthorizationFailedError,
    PolicyViolationError, UnsupportedForMessageFormatError)


def refusal(error: BaseException) -> KafkaError | None:
    """The error in :data:`REFUSED_FOR_GOOD` that ``error`` is or wraps (Faust's ``ProducerSendError`` wraps
    the producer's own), else None."""
    for candidate in (error, error.__cause__):
        if isinstance(candidate, REFUSED_FOR_GOOD):
            return candidate
    return None


def refused_by(error: KafkaError, topic: str) -> KafkaError:
    """``error`` again, of the same type, with a message naming ``topic`` (a dead letter's reason says which topic
    refused the output; Kafka's own errors name none)."""
    try:
        detail = f" ({', '.join(map(str, error.args))})" if error.args else ""  # Kafka's own carry none
        return type(error)(f"topic {topic} refused an output for good{detail}")
    except Exception:  # an error class with another constructor: keep the original
        return error
