"""Every use of a private or undocumented faust-streaming member, in one module, checked at start-up.

The agents otherwise use public Faust API only (``app.agent``, ``stream.noack``, ``stream.events``,
``stream.ack``, ``channel.queue``, ``app.producer.send``, ``app.consumer.commit``). Faust offers no
public way to do the four things below, which exactly_once needs (see :mod:`agents.pipeline` for why):

1. choose the offset a commit covers (``Consumer._new_offset``, reading ``_acked``/``_acked_index``);
2. make the consumer's own commits (timer, rebalance, stop) wait until a running batch is done
   (wrap the instance's ``commit``);
3. commit before partitions are revoked (wrap the instance's ``on_partitions_revoked``, which
   Faust's consumer thread looks up on the instance at every rebalance);
4. name the transactional producer of an input partition (``TransactionManager.transactional_id_format``).

If a faust-streaming release renamed one of these, three of them would fail *silently* (an
attribute set on the instance that nothing calls any more). :func:`check` therefore verifies, before
the worker starts, that each member exists with the expected shape and that Faust's own code still
calls it; :func:`guard_consumer` verifies the consumer instance. Either refuses to start with
:class:`FaustInternalsChanged`, whose message names the installed faust-streaming version.
``tests/agents/test_faust_internals.py`` is the canary: it runs the same checks without a broker.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from importlib.metadata import version
from typing import Any

from faust.transport.consumer import TopicPartitionGroup, TransactionManager
from faust.transport.drivers.aiokafka import Consumer, Producer
from faust.types.tuples import TP

log = logging.getLogger(__name__)
FAUST_VERSION = version("faust-streaming")
TESTED_WITH = "0.15.3"  # the faust-streaming version pinned in pyproject.toml and requirements.lock


class FaustInternalsChanged(RuntimeError):
    """A private Faust member that newsstream relies on is missing or changed shape."""


def _source(func: Any) -> str:
    try:
        return inspect.getsource(getattr(func, "fun", func))  # mode's @Service.task wraps the function
    except (OSError, TypeError):
        return ""


def _member(cls: type, name: str) -> Any:
    """``cls``'s own attribute ``name`` as defined (not bound), looked up along the MRO."""
    for klass in cls.__mro__:
        if name in vars(klass):
            return vars(klass)[name]
    return None


def _params(func: Any) -> list[str]:
    return list(inspect.signature(func).parameters)


# (what, predicate) pairs: each names the member and tells whether it still has the shape used here.
CHECKS: tuple[tuple[str, Callable[[], bool]], ...] = (
    ("Consumer._new_offset(self, tp) is a plain method",
     lambda: callable(getattr(Consumer, "_new_offset", None))
     and not inspect.iscoroutinefunction(Consumer._new_offset) and _params(Consumer._new_offset) == ["self", "tp"]),
    ("Consumer._filter_committable_offsets calls self._new_offset(tp)",
     lambda: "self._new_offset(" in _source(getattr(Consumer, "_filter_committable_offsets", None))),
    ("Consumer.__init__ creates self._acked (tp -> list) and self._acked_index (tp -> set)",
     lambda: any(all(s in _source(vars(k).get("__init__")) for s in ("self._acked = defaultdict(list)",
                                                                       "self._acked_index = defaultdict(set)"))
                 for k in Consumer.__mro__)),
    ("Consumer.commit(self, topics=None, start_new_transaction=True) is a coroutine",
     lambda: inspect.iscoroutinefunction(Consumer.commit)
     and _params(Consumer.commit) == ["self", "topics", "start_new_transaction"]),
    ("Consumer's commit timer, stop and rebalance call self.commit(...)",
     lambda: all("self.commit(" in _source(_member(Consumer, name))
                 for name in ("_commit_handler", "commit_and_end_transactions"))),
    ("Consumer.on_partitions_revoked(self, revoked) drops the acked offsets of revoked partitions",
     lambda: _params(Consumer.on_partitions_revoked) == ["self", "revoked"]
     and "self._acked.pop(" in _source(Consumer.on_partitions_revoked)),
    ("Consumer.threadsafe_partitions_revoked looks up self.on_partitions_revoked on the instance",
     lambda: "self.on_partitions_revoked" in _source(getattr(Consumer, "threadsafe_partitions_revoked", None))),
    ("TransactionManager.transactional_id_format uses {group_id}, {tpg.group} and {tpg.partition}",
     lambda: all(f in getattr(TransactionManager, "transactional_id_format", "")
                 for f in ("{group_id}", "{tpg.group}", "{tpg.partition}"))),
    ("Producer.send(topic, key, value, partition, timestamp, headers, *, transactional_id)",
     lambda: _params(Producer.send) == ["self", "topic", "key", "value", "partition", "timestamp", "headers",
                                        "transactional_id"]
     and inspect.signature(Producer.send).parameters["transactional_id"].kind is inspect.Parameter.KEYWORD_ONLY),
)


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
        f"private members the exactly_once pipeline relies on: {'; '.join(failed)}. Install the pinned "
        "version (pip install -r requirements.lock) or adapt agents/faust_internals.py (README: Upgrading Faust).")


def check() -> None:
    """Raise :class:`FaustInternalsChanged` unless every member in :data:`CHECKS` has the expected shape."""
    failed = problems()
    if failed:
        raise _refusal(failed)


def transactional_id(app: Any, topic: str, partition: int) -> str:
    """The id of the transactional producer Faust started for input partition ``topic[partition]``."""
    tpg = TopicPartitionGroup(topic, partition, app.assignor.group_for_topic(topic))
    return TransactionManager.transactional_id_format.format(group_id=app.conf.id, tpg=tpg)


def guard_consumer(consumer: Any, lock: Any, may_commit: Callable[[], bool]) -> None:
    """Once per consumer: commits wait for ``lock`` and are skipped while ``may_commit()`` is false;
    a commit covers up to the highest acked offset; revoked partitions are committed first."""
    if getattr(consumer, "_newsstream_guarded", False):
        return
    acked, index = getattr(consumer, "_acked", None), getattr(consumer, "_acked_index", None)
    if not (isinstance(acked, MutableMapping) and isinstance(index, MutableMapping)):
        raise _refusal(["the consumer instance has _acked and _acked_index mappings"])
    original_commit: Callable[..., Awaitable[bool]] = consumer.commit
    original_revoked: Callable[[Any], Awaitable[None]] = consumer.on_partitions_revoked

    async def commit(*args: Any, **kwargs: Any) -> bool:
        async with lock:
            if not may_commit():
                return False
            return await original_commit(*args, **kwargs)

    async def on_partitions_revoked(revoked: Any) -> None:
        await consumer.commit()  # Faust drops acked, uncommitted offsets of revoked partitions
        await original_revoked(revoked)

    def new_offset(tp: TP) -> int | None:
        # Each agent acks its partitions' records in offset order, a whole batch before a commit
        # can run, so everything up to the highest acked offset is done, holes included (the
        # transaction markers of the topic in between, which are never delivered as records).
        offsets = consumer._acked[tp]
        if not offsets:
            return None
        offset = max(offsets) + 1
        offsets.clear()
        consumer._acked_index[tp].clear()
        return offset

    consumer.commit = commit
    consumer.on_partitions_revoked = on_partitions_revoked
    consumer._new_offset = new_offset
    consumer._newsstream_guarded = True
