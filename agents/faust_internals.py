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

If a faust-streaming release changed ``Producer.send``, the at_least_once send would fail at the
first article (a keyword it no longer takes) or, worse, pass arguments to the wrong parameters.
:func:`check` therefore verifies its shape before the worker starts and otherwise refuses to start
with :class:`FaustInternalsChanged`, whose message names the installed faust-streaming version.
``tests/agents/test_faust_internals.py`` is the canary: it runs the same checks without a broker.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from importlib.metadata import version

from faust.transport.consumer import Consumer
from faust.transport.drivers.aiokafka import Producer

log = logging.getLogger(__name__)
FAUST_VERSION = version("faust-streaming")
TESTED_WITH = "0.15.3"  # the faust-streaming version pinned in pyproject.toml and requirements.lock


class FaustInternalsChanged(RuntimeError):
    """A private Faust member that newsstream relies on is missing or changed shape."""


def _params(func: object) -> list[str]:
    return list(inspect.signature(func).parameters)  # type: ignore[arg-type]


def _init_source(cls: type) -> str:
    try:
        return inspect.getsource(cls.__init__)
    except (OSError, TypeError):
        return ""


# (what, predicate) pairs: each names the member and tells whether it still has the shape used here.
CHECKS: tuple[tuple[str, Callable[[], bool]], ...] = (
    ("Producer.send(self, topic, key, value, partition, timestamp, headers, ...) is a coroutine",
     lambda: inspect.iscoroutinefunction(Producer.send)
     and _params(Producer.send)[:7] == ["self", "topic", "key", "value", "partition", "timestamp", "headers"]),
    ("Consumer.__init__ creates self._committed_offset and self._read_offset (tp -> offset or None)",
     lambda: all(f"self.{name} = defaultdict(" in _init_source(Consumer)
                 for name in ("_committed_offset", "_read_offset"))),
)


def consumer_position(consumer: Consumer, tp: object) -> int:
    """The offset Faust's consumer has committed in ``tp``, else the one it read from, else 0: Faust offers
    no public accessor (used by the ``newsstream_consumer_lag`` gauge, agents/metrics.py)."""
    return consumer._committed_offset.get(tp) or consumer._read_offset.get(tp) or 0


def problems() -> list[str]:
    """The checks that fail with the installed faust-streaming (empty when all hold)."""
    failed = []
    for what, holds in CHECKS:
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
