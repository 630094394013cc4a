"""Every use of a private or undocumented faust-streaming member, in one module, checked at start-up.

The agents otherwise use public Faust API only (``app.agent``, ``app.service``, ``stream.noack``,
``stream.events``, ``stream.ack``, ``channel.queue``, tables and their ``changelog_topic``). What
is left is one undocumented call: at_least_once sends each output with the transport producer's
``send`` (``app.producer.send``, keyword arguments), which skips ``topic.send``'s per-message
bookkeeping (``agents/pipeline.py``, ``_send``).

exactly_once no longer touches Faust's internals: it used to patch ``Consumer._new_offset``,
``_acked``/``_acked_index``, the consumer instance's ``commit`` and ``on_partitions_revoked`` and
``TransactionManager.transactional_id_format``; it is now a plain aiokafka transactional loop
(:mod:`agents.transactions`).

The quote tracker's agents run on Faust's consumer, which Faust creates ``read_uncommitted`` unless
its own processing guarantee is exactly_once (``AIOKafkaConsumerThread._create_worker_consumer``),
and newsstream keeps Faust at at_least_once (agents/app.py). Under exactly_once the stages write
``articles.enriched`` in transactions (agents/transactions.py), so the tracker would read the outputs
of a killed worker's aborted transaction. :func:`read_committed` makes that consumer
``read_committed`` in every mode (for records written without a transaction it is the same), by
wrapping the one Faust method that creates it and setting the isolation level aiokafka's consumer
keeps until ``start()`` (no public setter). Faust's offset bookkeeping already spans the offsets
that aborted records and transaction markers leave out (its consumer's gaps).

If a faust-streaming release changed ``Producer.send``, the at_least_once send would fail at the
first article (a keyword it no longer takes) or, worse, pass arguments to the wrong parameters.
:func:`check` therefore verifies its shape before the worker starts and otherwise refuses to start
with :class:`FaustInternalsChanged`, whose message names the installed faust-streaming version.
``tests/agents/test_faust_internals.py`` is the canary: it runs the same checks without a broker.
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable
from importlib.metadata import version
from typing import Any

from aiokafka import AIOKafkaConsumer
from faust.transport.consumer import Consumer
from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread, Producer

log = logging.getLogger(__name__)
FAUST_VERSION = version("faust-streaming")
TESTED_WITH = "0.15.3"  # the faust-streaming version pinned in pyproject.toml and requirements.lock


class FaustInternalsChanged(RuntimeError):
    """A private Faust member that newsstream relies on is missing or changed shape."""


def _params(func: object) -> list[str]:
    return list(inspect.signature(func).parameters)  # type: ignore[arg-type]


def _source(func: object) -> str:
    try:
        return inspect.getsource(func)  # type: ignore[arg-type]
    except (OSError, TypeError):
        return ""


def _init_source(cls: type) -> str:
    return _source(cls.__init__)


Checks = tuple[tuple[str, Callable[[], bool]], ...]
# (what, predicate) pairs: each names the member and tells whether it still has the shape used here.
READ_COMMITTED_CHECKS: Checks = (
    ("AIOKafkaConsumerThread._create_worker_consumer(self, transport) returns the AIOKafkaConsumer it "
     "creates with isolation_level=isolation_level",
     lambda: _params(_original_create())[:2] == ["self", "transport"]
     and "isolation_level=isolation_level" in _source(_original_create())),
    ("aiokafka's AIOKafkaConsumer keeps isolation_level in self._isolation_level until start() reads it",
     lambda: "self._isolation_level = isolation_level" in _init_source(AIOKafkaConsumer)
     and "isolation_level=self._isolation_level" in _source(AIOKafkaConsumer.start)),
)
CHECKS: Checks = (
    ("Producer.send(self, topic, key, value, partition, timestamp, headers, ...) is a coroutine",
     lambda: inspect.iscoroutinefunction(Producer.send)
     and _params(Producer.send)[:7] == ["self", "topic", "key", "value", "partition", "timestamp", "headers"]),
    *READ_COMMITTED_CHECKS,
    ("Consumer.__init__ creates self._committed_offset and self._read_offset (tp -> offset or None)",
     lambda: all(f"self.{name} = defaultdict(" in _init_source(Consumer)
                 for name in ("_committed_offset", "_read_offset"))),
)


def _original_create() -> Callable[..., Any]:
    create = AIOKafkaConsumerThread._create_worker_consumer
    return getattr(create, "__wrapped__", create)


def read_committed() -> None:
    """Make Faust's worker consumer ``read_committed`` in every mode (see the module's docstring);
    idempotent. Nothing is changed when the members it relies on changed shape (:func:`check`
    then refuses to start)."""
    create = AIOKafkaConsumerThread._create_worker_consumer
    if getattr(create, "__wrapped__", None) is not None or problems(READ_COMMITTED_CHECKS):
        return

    @functools.wraps(create)
    def create_read_committed(self: AIOKafkaConsumerThread, transport: Any) -> AIOKafkaConsumer:
        consumer = create(self, transport)
        consumer._isolation_level = "read_committed"  # read by AIOKafkaConsumer.start() (its Fetcher)
        return consumer

    AIOKafkaConsumerThread._create_worker_consumer = create_read_committed  # type: ignore[method-assign]


def consumer_position(consumer: Consumer, tp: object) -> int:
    """The offset Faust's consumer has committed in ``tp``, else the one it read from, else 0: Faust offers
    no public accessor (used by the ``newsstream_consumer_lag`` gauge, agents/metrics.py)."""
    return consumer._committed_offset.get(tp) or consumer._read_offset.get(tp) or 0


def problems(checks: Checks | None = None) -> list[str]:
    """The checks (default: all of :data:`CHECKS`) that fail with the installed faust-streaming
    (empty when all hold)."""
    failed = []
    for what, holds in CHECKS if checks is None else checks:
        try:
            ok = bool(holds())
        except Exception:  # a missing member raises AttributeError, a changed one maybe more
            ok = False
        if not ok:
            failed.append(what)
    return failed


def _refusal(failed: list[str]) -> FaustInternalsChanged:
    return FaustInternalsChanged(
        f"newsstream refuses to start: faust-streaming {FAUST_VERSION} (tested with {TESTED_WITH}) changed "
        f"private members the pipeline relies on: {'; '.join(failed)}. Install the pinned "
        "version (pip install -r requirements.lock) or adapt agents/faust_internals.py (README: Upgrading Faust).")


def check() -> None:
    """Raise :class:`FaustInternalsChanged` unless every member in :data:`CHECKS` has the expected shape."""
    failed = problems()
    if failed:
        raise _refusal(failed)
