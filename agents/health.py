"""Liveness and readiness of a worker, for ``/health`` and ``/ready`` (:mod:`agents.web`).

- alive: the process answers (its event loop runs).
- ready: the worker holds partitions (Faust is neither rebalancing nor recovering its tables from
  their changelogs, e.g. the recurring-line table) and the broker answers a metadata request.
  The broker check is cached for :data:`BROKER_CHECK_TTL` seconds, so frequent probes cost one
  request at most that often.
"""

from __future__ import annotations

import asyncio
import sys
import time
from dataclasses import dataclass, field
from typing import Any

from newsstream.config import Settings

BROKER_CHECK_TTL = 5.0  # seconds; compose probes every 5 s (docker-compose.yml), so about one request per probe
BROKER_TIMEOUT = 3.0  # seconds; under the compose/Docker probe timeout (5 s)


@dataclass
class Readiness:
    """The answer to ``/ready``: ``ready`` and, when not, why."""

    ready: bool
    partitions: int
    broker: bool
    reasons: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"ready": self.ready, "partitions": self.partitions, "broker": self.broker, "reasons": self.reasons}


class BrokerProbe:
    """Answers "does the broker respond?" with a metadata request, cached for ``ttl`` seconds."""

    def __init__(self, settings: Settings, ttl: float = BROKER_CHECK_TTL) -> None:
        self.settings, self.ttl = settings, ttl
        self._checked_at = -float("inf")
        self._answer = False
        self._lock = asyncio.Lock()

    async def answers(self) -> bool:
        async with self._lock:
            if time.monotonic() - self._checked_at >= self.ttl:
                self._answer = await broker_answers(self.settings)
                self._checked_at = time.monotonic()
            return self._answer


async def broker_answers(settings: Settings, timeout: float = BROKER_TIMEOUT) -> bool:
    """True when a broker of ``settings`` answers a cluster-metadata request within ``timeout`` seconds."""
    from agents.admin import security_options
    from agents.broker import describe_cluster

    return await describe_cluster(settings.bootstrap_servers, timeout, **security_options(settings))


def recovering(app: Any) -> bool:
    """True while Faust restores its tables from their changelog topics (after an assignment)."""
    try:
        return bool(app.tables.recovery.in_recovery)
    except Exception:  # no tables / not started
        return False


def assigned_partitions(app: Any) -> int:
    """How many partitions the app's consumer holds (0 before the first assignment or while stopping)."""
    transactions = sys.modules.get("agents.transactions")  # exactly_once: the stages' own consumer
    try:
        faust = len(app.consumer.assignment())
    except Exception:
        faust = 0
    return faust + (transactions.assigned_partitions() if transactions is not None else 0)


async def readiness(app: Any, probe: BrokerProbe) -> Readiness:
    partitions = assigned_partitions(app)
    rebalancing = bool(getattr(app, "rebalancing", False))
    broker = await probe.answers()
    reasons = []
    if partitions == 0:
        reasons.append("no partitions assigned yet")
    if rebalancing:
        reasons.append("the consumer group is rebalancing")
    if recovering(app):
        reasons.append("tables are recovering from their changelogs")
    if not broker:
        reasons.append("the broker does not answer")
    return Readiness(ready=not reasons, partitions=partitions, broker=broker, reasons=reasons)
