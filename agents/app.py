"""The one Faust app of newsstream, configured from ``NEWSSTREAM_*`` variables.

Run it with ``faust -A agents.app worker -l info`` or ``newsstream worker``.
"""

from __future__ import annotations

import logging
import sys

import faust

from agents import codecs, faust_internals, warmup
from agents.admin import broker_credentials, ensure_topics
from newsstream import logs
from newsstream.config import Settings

settings = Settings.from_env()
# Faust's consumer reads read_committed in every mode: under exactly_once the quote tracker must not
# read the aborted outputs of a killed worker's transaction (agents/faust_internals.py).
faust_internals.read_committed()

# At -l warn and above, Faust's terminal spinner sets the root logger to DEBUG (to spin on every
# record), so each debug call in faust/aiokafka/mode built a LogRecord per message sent: 6 % of the
# worker's time in bench/stream.py. Pinning these libraries to the configured level avoids that.
_LEVEL_NAMES = {"crit": "CRITICAL", "warn": "WARNING"}
_library_level = logging.getLevelName(_LEVEL_NAMES.get(settings.log_level.lower(), settings.log_level.upper()))
if isinstance(_library_level, int):
    for _name in ("faust", "aiokafka", "mode"):
        logging.getLogger(_name).setLevel(_library_level)


class NewsstreamApp(faust.App):
    """The Faust app, which first checks the Faust internals it relies on and makes sure every
    pipeline topic exists."""

    async def on_first_start(self) -> None:
        faust_internals.check()  # also here for `faust -A agents.app worker`, which skips main()
        if self.conf.web_enabled:  # /health and /ready answer while the broker is still down (agents/web.py)
            await self.web.maybe_start()
        await ensure_topics(settings)  # waits (and logs) while the broker is down
        warmup.warm_up_stages(settings.max_message_bytes)  # the stages' lazy loads, before any article waits on them
        await super().on_first_start()

    async def on_started(self) -> None:
        await super().on_started()
        warmup.freeze_heap()  # full collections no longer traverse the start-up heap (agents/warmup.py)

    async def on_stop(self) -> None:
        """Say how many events the agents had in hand (taken, not acked yet) when the stop came:
        Faust lets them finish their batches; what is not acked is processed again after a restart."""
        try:
            in_hand = sum(1 for message in self.consumer.unacked if not message.acked)
        except Exception:  # no consumer was started
            in_hand = 0
        transactions = sys.modules.get("agents.transactions")
        if transactions is not None:  # exactly_once: the stages' batch in hand (Faust's agents are the tracker's)
            in_hand = transactions.in_hand()
        logging.getLogger(__name__).info("Stopping with %d events in hand (taken by an agent, not acked yet)",
                                         in_hand)
        await super().on_stop()


app = NewsstreamApp(
    settings.app_id,
    broker=settings.kafka,
    broker_credentials=broker_credentials(settings),  # SASL/TLS from NEWSSTREAM_SECURITY_PROTOCOL etc.
    # imported when the worker starts: the agents, with a web port /health, /ready and /metrics,
    # and the quote tracker's agents and pages when it is on (NEWSSTREAM_TRACKER)
    autodiscover=[
        "agents.pipeline",
        *(["agents.web"] if settings.web_port > 0 else []),
        *(["agents.tracker", "agents.tracker_web"] if settings.tracker_enabled() else []),
    ],
    # Faust's discovery also scans ``origin`` and, for a package, imports every module in it: with
    # "agents" the tracker's agents (agents/tracker.py) ran in every worker whatever NEWSSTREAM_TRACKER
    # said. The app's own module imports nothing more than the list above.
    origin="agents.app",
    key_serializer="raw",
    value_serializer=codecs.CODEC_NAME,
    # Faust's own machinery always runs at-least-once: NEWSSTREAM_PROCESSING_GUARANTEE=exactly_once runs the
    # stages in Kafka transactions of their own (agents/transactions.py). Faust's exactly-once, kept at
    # first for the tracker, crashed workers in tests/faults/test_rebalance.py (IllegalOperation in its
    # consumer's commit, a ValueError in its table recovery), and with it a restarted worker's first output
    # after a SIGKILL came after about 20 s instead of 6-9 s (tests/faults/test_kill.py).
    processing_guarantee="at_least_once",
    topic_partitions=settings.partitions,
    topic_allow_declare=True,
    topic_disable_leader=True,
    consumer_auto_offset_reset="earliest",
    # Raw values up to the configured limit must be fetchable so they can be
    # dead-lettered with their bytes; dead letters carry up to 8 MiB of them.
    consumer_max_fetch_size=max(settings.max_message_bytes, 1024 * 1024) + 1024 * 1024,
    producer_max_request_size=settings.max_deadletter_value_bytes * 2,
    # Batch sends: enriched records are several KB, so the 16 KB default batch held one or two
    # of them and every send became its own produce request (bench/stream.py measures this).
    # Linger 1 ms (was 5): each hop's outputs waited the full linger at low load (bench/stream.py's
    # latency table); under load aiokafka batches anyway while a request is in flight.
    producer_linger=0.001,
    producer_max_batch_size=1024 * 1024,
    broker_commit_every=1000,
    broker_commit_interval=1.0,
    # A worker killed without leaving the group keeps its partitions until this expires.
    broker_session_timeout=settings.session_timeout,
    broker_heartbeat_interval=min(3.0, settings.session_timeout / 3),
    web_enabled=settings.web_port > 0,
    web_port=settings.web_port or 6066,
    datadir=settings.data_dir,
    store="memory://",
    # NEWSSTREAM_LOG_FORMAT=json: one JSON object per line (newsstream/logs.py); text: Faust's own format
    logging_config=(logs.logging_config(_library_level if isinstance(_library_level, int) else "INFO", "json")
                    if settings.log_format == "json" else None),
)


def main() -> None:
    """Entry point for ``python -m agents.faust_cli``: the Faust command line of this app.

    ``faust worker`` turns the web server on unless told ``--without-web`` (its
    ``--with-web`` flag defaults to on and overrides ``web_enabled``), so without this
    every worker bound port 6066 and a second worker on the same machine died with
    "address already in use". A faust-streaming whose internals changed (agents/faust_internals.py)
    stops it before anything starts, with a message naming the version.
    """
    try:
        faust_internals.check()
    except faust_internals.FaustInternalsChanged as exc:
        sys.exit(str(exc))
    args = sys.argv[1:]
    if "worker" in args and not any(a.startswith(("--with-web", "--without-web", "--web-port")) for a in args):
        sys.argv.append(f"--web-port={settings.web_port}" if settings.web_port > 0 else "--without-web")
    app.main()
