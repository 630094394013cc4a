"""Dead-letter records: the original bytes of a rejected message, where it came
from, which stage refused it and why (``newsstream/schemas/articles.deadletter.schema.json``)."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from newsstream import PIPELINE_VERSION, SCHEMA_VERSION
from newsstream.errors import InputError


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a message was read: topic, partition, offset and its broker timestamp."""

    topic: str
    partition: int
    offset: int
    timestamp: float | None = None


def deadletter_record(
    *,
    error: BaseException,
    origin: Origin,
    key: bytes | None,
    value: bytes | None,
    stage: str | None = None,
    article_id: str | None = None,
    max_value_bytes: int,
) -> dict[str, Any]:
    """Build the dead-letter dict for ``value`` that failed with ``error``.

    Input errors keep their own stage and reason; anything else (a bug in a
    stage) is recorded with the stage given and ``"<Type>: <message>"``.
    Values above ``max_value_bytes`` are truncated, their size and sha256 kept.
    """
    if isinstance(error, InputError):
        stage = error.stage if stage is None else stage
        reason = error.reason
    else:
        stage = stage or "decode"
        reason = f"unexpected {type(error).__name__} in stage {stage}: {error}"[:2000]
    kept = value if value is None or len(value) <= max_value_bytes else value[:max_value_bytes]
    return {
        "original": {
            "topic": origin.topic,
            "partition": origin.partition,
            "offset": origin.offset,
            "timestamp": origin.timestamp,
            "key_b64": _b64(key),
            "value_b64": _b64(kept),
            "value_truncated": kept is not value,
            "value_size": None if value is None else len(value),
            "value_sha256": None if value is None else hashlib.sha256(value).hexdigest(),
        },
        "stage": stage,
        "error_type": type(error).__name__,
        "reason": reason,
        "article_id": article_id,
        "failed_at": utc_now(),
        "pipeline_version": PIPELINE_VERSION,
        "schema_version": SCHEMA_VERSION,
    }


def utc_now() -> str:
    """The current time as an ISO-8601 UTC string with milliseconds."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _b64(data: bytes | None) -> str | None:
    return None if data is None else base64.b64encode(data).decode("ascii")
