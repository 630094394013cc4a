"""The Kafka commands of ``newsstream`` (broker, worker, produce, tail, run, redrive): the transport's half
of the command line. ``main()`` is the installed ``newsstream`` entry point: it offers these and the
offline commands of :mod:`newsstream.cli` (which this module plugs into), so one command has them all.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import orjson

from agents.admin import ensure_topics
from agents.broker import DEFAULT_HOME, LocalBroker
from agents.client import TopicReader, produce
from agents.errors import TransportError
from newsstream import cli as core_cli
from newsstream.cli import _settings, stop_process_group
from newsstream.config import Settings
from newsstream.errors import InputError
from newsstream.render import render
from newsstream.sources import iter_items

ERRORS: tuple[type[BaseException], ...] = (TransportError,)  # reported as "error: ..." with exit code 2
REPO_ROOT = Path(__file__).resolve().parent.parent
# `newsstream run` sends the repository's samples/ (a checkout), else ./samples (the Docker image's /app/samples)
SAMPLES_DIR = REPO_ROOT / "samples" if (REPO_ROOT / "samples").is_dir() else Path("samples")
FAUST_LOG_LEVELS = {"warning": "warn", "critical": "crit", "fatal": "crit"}  # faust's -l spellings
TOPIC_KINDS = {"raw": "topic_raw", "clean": "topic_clean", "enriched": "topic_enriched",
               "quotes": "topic_quotes", "deadletter": "topic_deadletter"}


def add_commands(commands: Any) -> None:
    """Register the Kafka commands on the ``newsstream`` parser (see :class:`newsstream.cli.CommandPlugin`)."""
    broker = commands.add_parser("broker", help="manage the local Apache Kafka broker (KRaft mode)",
                                 description="Start, stop or inspect the local Kafka 3.9.1 broker, "
                                 "resolved from Maven Central on first use (needs java and mvn).")
    broker.add_argument("action", choices=("start", "stop", "status"), help="what to do")
    broker.add_argument("--port", type=int, default=None,
                        help="listener port on 127.0.0.1 (default: the port of NEWSSTREAM_KAFKA, else 9092)")
    broker.add_argument("--home", default=None,
                        help="folder for jars, data and logs (default: $NEWSSTREAM_HOME or ~/.cache/newsstream)")
    broker.add_argument("--controller-port", type=int, default=None,
                        help="KRaft controller port on 127.0.0.1 (default: --port + 1)")
    broker.add_argument("--state-dir", default=None,
                        help="folder for this broker's configs, data and log (default: <home>/broker-<port>)")
    broker.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for readiness")
    broker.set_defaults(handler=cmd_broker)

    worker = commands.add_parser("worker", help="run the Faust worker (the stream agents)",
                                 description="Run the Faust worker of agents.app: consume articles.raw, "
                                 "publish clean/enriched articles, quotes and dead letters.")
    worker.add_argument("--log-level", default=None, help="worker log level (default: NEWSSTREAM_LOG_LEVEL)")
    worker.add_argument("faust_args", nargs=argparse.REMAINDER, help="extra arguments for `faust worker`")
    worker.set_defaults(handler=cmd_worker)

    produce = commands.add_parser("produce", help="send article files to articles.raw",
                                  description="Send .jsonl/.json/.txt/.html files (or folders of them, or "
                                  "'-' for JSONL on stdin) to the raw topic, keyed by article id.")
    produce.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    produce.add_argument("--topic", default=None, help="target topic (default: NEWSSTREAM_TOPIC_RAW)")
    produce.add_argument("--no-progress", action="store_true", help="no progress bar")
    produce.set_defaults(handler=cmd_produce)

    tail = commands.add_parser("tail", help="print a topic's messages as they arrive",
                               description="Pretty-print enriched articles, quotes, dead letters... "
                               "TOPIC is a kind (raw, clean, enriched, quotes, deadletter) or a topic name.")
    tail.add_argument("topic", metavar="TOPIC", help="topic kind or name")
    tail.add_argument("--from-beginning", action="store_true", help="start at the oldest message")
    tail.add_argument("--json", action="store_true", help="print the raw JSON instead of a rendering")
    tail.add_argument("--max", type=int, default=None, help="stop after this many messages")
    tail.add_argument("--idle-timeout", type=float, default=None,
                      help="stop after this many seconds without a message")
    tail.set_defaults(handler=cmd_tail)

    run = commands.add_parser("run", help="the embedded demo: broker + worker + sample articles",
                              description="Start the local broker (unless NEWSSTREAM_KAFKA is set), a "
                              "worker, send the sample articles and print the enriched results as they "
                              "arrive; runs until Ctrl-C.")
    run.add_argument("--samples", default=str(SAMPLES_DIR), help="folder of articles to send")
    run.add_argument("--exit-after-samples", action="store_true",
                     help="stop once every sample has come out (enriched or dead-lettered)")
    run.add_argument("--timeout", type=float, default=300.0,
                     help="with --exit-after-samples: give up after this many seconds")
    run.set_defaults(handler=cmd_run)

    redrive = commands.add_parser("redrive", help="re-send chosen dead letters for processing again",
                                  description="Read the dead-letter topic (up to its end when the command "
                                  "starts) and re-send the original bytes of the matching letters: to "
                                  "articles.raw, or to articles.clean for letters of the quote stage. "
                                  "Criteria combine (all must match); none given matches every letter.")
    redrive.add_argument("--stage", action="append", default=[], metavar="STAGE",
                         help="only letters of this stage (decode, validate, clean, quotes, publish); repeatable")
    redrive.add_argument("--error-type", action="append", default=[], metavar="TYPE",
                         help="only letters with this error type (e.g. CleaningError); repeatable")
    redrive.add_argument("--reason", default=None, metavar="TEXT",
                         help="only letters whose reason contains TEXT (case-insensitive)")
    redrive.add_argument("--since", default=None, metavar="TIME",
                         help="only letters that failed at or after TIME (ISO-8601; UTC if no offset)")
    redrive.add_argument("--until", default=None, metavar="TIME", help="only letters that failed before TIME")
    redrive.add_argument("--max", type=int, default=None, help="re-send at most this many")
    redrive.add_argument("--dry-run", action="store_true", help="list and count the matching letters, send nothing")
    redrive.set_defaults(handler=cmd_redrive)

def _local_broker(args: argparse.Namespace | None = None, settings: Settings | None = None) -> Any:
    settings = settings or _settings()
    port = getattr(args, "port", None) or int(settings.bootstrap_servers.split(",")[0].rpartition(":")[2])
    home = getattr(args, "home", None) or DEFAULT_HOME
    return LocalBroker(port=port, home=Path(home), controller_port=getattr(args, "controller_port", None),
                       state_dir=getattr(args, "state_dir", None))


def cmd_broker(args: argparse.Namespace) -> int:
    broker = _local_broker(args)
    if args.action == "start":
        broker.start(timeout=args.timeout)
        print(f"Kafka broker ready on {broker.bootstrap} (log: {broker.log_file})")
    elif args.action == "stop":
        stopped = broker.stop()
        print(f"Kafka broker on {broker.bootstrap} stopped" if stopped
              else f"no newsstream broker runs on {broker.bootstrap}")
    else:
        status = broker.status()
        for key, value in status.items():
            print(f"{key:10} {value}")
        return 0 if status["ready"] else 3
    return 0


def worker_command(log_level: str | None = None, extra: list[str] | None = None) -> list[str]:
    """The command line of a worker process (``python -m agents.faust_cli worker ...``: Faust's own)."""
    level = (log_level or os.environ.get("NEWSSTREAM_LOG_LEVEL") or "info").lower()
    level = FAUST_LOG_LEVELS.get(level, level)
    return [sys.executable, "-m", "agents.faust_cli", "worker", "-l", level, *(extra or [])]


def cmd_worker(args: argparse.Namespace) -> int:
    _settings()  # fail early, with a clear message, on a bad configuration
    command = worker_command(args.log_level, [a for a in args.faust_args if a != "--"])
    if args.log_level:  # agents/app.py sets the library loggers from it
        os.environ["NEWSSTREAM_LOG_LEVEL"] = args.log_level
    os.execv(command[0], command)
    return 0  # not reached


def cmd_produce(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    settings = _settings()
    items = list(iter_items(args.paths))
    with tqdm(total=len(items), desc="produce", unit=" articles", disable=args.no_progress or None) as bar:
        sent = asyncio.run(produce(settings, [item.message() for item in items], topic=args.topic,
                                   on_sent=bar.update))
    print(f"sent {sent} articles to {args.topic or settings.topic_raw} on {settings.bootstrap_servers}",
          file=sys.stderr)
    return 0


def _topic_for(settings: Settings, name: str) -> tuple[str, str]:
    """(topic name, kind) for a kind like ``enriched`` or a topic name."""
    if name in TOPIC_KINDS:
        return getattr(settings, TOPIC_KINDS[name]), name
    for kind, attr in TOPIC_KINDS.items():
        if getattr(settings, attr) == name:
            return name, kind
    return name, "other"


def cmd_tail(args: argparse.Namespace) -> int:
    settings = _settings()
    topic, kind = _topic_for(settings, args.topic)
    asyncio.run(_tail(settings, topic, kind, args))
    return 0


async def _tail(settings: Settings, topic: str, kind: str, args: argparse.Namespace) -> None:
    reader = TopicReader(settings, [topic], from_beginning=args.from_beginning)
    await reader.start()
    seen = 0
    try:
        async for record in reader.records(idle_timeout=args.idle_timeout):
            if args.json:
                print(record.value.decode("utf-8", errors="replace"), flush=True)
            else:
                try:
                    print(render(kind, orjson.loads(record.value)), flush=True)
                except orjson.JSONDecodeError:
                    print(f"(not JSON) {record.value[:200]!r}", flush=True)
            seen += 1
            if args.max is not None and seen >= args.max:
                return
    finally:
        await reader.stop()


def cmd_run(args: argparse.Namespace) -> int:
    env_kafka = os.environ.get("NEWSSTREAM_KAFKA")
    settings = _settings()
    items = list(iter_items([args.samples]))
    broker = None
    if not env_kafka:
        broker = _local_broker(settings=settings)
        print(f"Starting the local Kafka broker on {broker.bootstrap} (first run downloads it) ...",
              file=sys.stderr)
        started_here = broker.pid() is None
        broker.start()
        if not started_here:
            broker = None  # it was running before us: leave it running
    log_path = Path(settings.data_dir) / "worker.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    print(f"Starting the worker (log: {log_path}) ...", file=sys.stderr)
    with open(log_path, "ab") as log_file:
        worker = subprocess.Popen(worker_command(), stdout=log_file, stderr=subprocess.STDOUT,
                                  stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        return asyncio.run(_run_demo(settings, items, args, worker))
    except KeyboardInterrupt:
        print("\nstopping ...", file=sys.stderr)
        return 0
    finally:
        stop_process_group(worker)
        if broker is not None:
            broker.stop()


async def _run_demo(settings: Settings, items: list[Any], args: argparse.Namespace,
                    worker: subprocess.Popen[bytes]) -> int:
    reader = TopicReader(settings, [settings.topic_enriched, settings.topic_deadletter], from_beginning=False)
    await ensure_topics(settings, timeout=60)  # the worker may not have created them yet
    await reader.start()
    try:
        await produce(settings, [item.message() for item in items])
        print(f"Sent {len(items)} sample articles to {settings.topic_raw}; results as they arrive:\n",
              file=sys.stderr)
        pending = {item.key for item in items}
        deadline = time.monotonic() + args.timeout
        while True:
            async for record in reader.records(idle_timeout=2.0):
                kind = "enriched" if record.topic == settings.topic_enriched else "deadletter"
                print(render(kind, orjson.loads(record.value)) + "\n", flush=True)
                pending.discard(record.key.decode() if record.key else None)
                if args.exit_after_samples and not pending:
                    print("All sample articles came out.", file=sys.stderr)
                    return 0
            if worker.poll() is not None:
                print(f"the worker exited with code {worker.returncode}", file=sys.stderr)
                return 1
            if args.exit_after_samples and time.monotonic() > deadline:
                print(f"{len(pending)} samples did not come out: {sorted(map(str, pending))}", file=sys.stderr)
                return 1
    finally:
        await reader.stop()


def cmd_redrive(args: argparse.Namespace) -> int:
    from agents.redrive import Selection, parse_time, run

    times = {}
    for name in ("since", "until"):
        value = getattr(args, name)
        times[name] = None if value is None else parse_time(value)
        if value is not None and times[name] is None:
            raise InputError(f"--{name} {value!r} is not an ISO-8601 date or date-time")
    selection = Selection(stages=frozenset(args.stage), error_types=frozenset(args.error_type),
                          reason_contains=args.reason, **times)

    def show(letter: dict[str, Any], topic: str) -> None:
        if args.dry_run:
            where = letter["original"]
            print(f"{where.get('topic')}[{where.get('partition')}]@{where.get('offset')} -> {topic}: "
                  f"{letter.get('stage')} {letter.get('error_type')}: {str(letter.get('reason'))[:120]}")

    report = run(_settings(), selection, dry_run=args.dry_run, limit=args.max, on_match=show)
    print(report.summary(args.dry_run), file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    """The ``newsstream`` command: every command, offline and Kafka."""
    return core_cli.main(argv, plugins=[sys.modules[__name__]])


if __name__ == "__main__":
    sys.exit(main())
