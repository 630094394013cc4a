"""The ``newsstream`` command line.

``parse_args(argv)`` builds the parser (testable without running anything) and
``main()`` dispatches to the ``cmd_*`` functions. Commands that talk to Kafka
import the transport package (``agents``) lazily, so ``extract`` and ``--help``
work without it.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import orjson

from newsstream import __version__
from newsstream.config import ConfigError, Settings
from newsstream.errors import InputError, NewsstreamError

log = logging.getLogger("newsstream")
REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLES_DIR = REPO_ROOT / "samples"
STAGES = ("clean", "quotes")
FAUST_LOG_LEVELS = {"warning": "warn", "critical": "crit", "fatal": "crit"}  # faust's -l spellings
TOPIC_KINDS = {"raw": "topic_raw", "clean": "topic_clean", "enriched": "topic_enriched",
               "quotes": "topic_quotes", "deadletter": "topic_deadletter"}


# -- parser ---------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsstream",
        description="Clean news articles and extract their quotations, offline or on Apache Kafka.",
        epilog="Configuration comes from NEWSSTREAM_* environment variables; see the README.")
    parser.add_argument("--version", action="version", version=f"newsstream {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

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

    worker = commands.add_parser("worker", help="run the Faust worker (the stream agents)",
                                 description="Run `faust -A agents.app worker`: consume articles.raw, "
                                 "publish clean/enriched articles, quotes and dead letters.")
    worker.add_argument("--log-level", default=None, help="worker log level (default: NEWSSTREAM_LOG_LEVEL)")
    worker.add_argument("faust_args", nargs=argparse.REMAINDER, help="extra arguments for `faust worker`")

    produce = commands.add_parser("produce", help="send article files to articles.raw",
                                  description="Send .jsonl/.json/.txt/.html files (or folders of them, or "
                                  "'-' for JSONL on stdin) to the raw topic, keyed by article id.")
    produce.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    produce.add_argument("--topic", default=None, help="target topic (default: NEWSSTREAM_TOPIC_RAW)")
    produce.add_argument("--no-progress", action="store_true", help="no progress bar")

    tail = commands.add_parser("tail", help="print a topic's messages as they arrive",
                               description="Pretty-print enriched articles, quotes, dead letters... "
                               "TOPIC is a kind (raw, clean, enriched, quotes, deadletter) or a topic name.")
    tail.add_argument("topic", metavar="TOPIC", help="topic kind or name")
    tail.add_argument("--from-beginning", action="store_true", help="start at the oldest message")
    tail.add_argument("--json", action="store_true", help="print the raw JSON instead of a rendering")
    tail.add_argument("--max", type=int, default=None, help="stop after this many messages")
    tail.add_argument("--idle-timeout", type=float, default=None,
                      help="stop after this many seconds without a message")

    extract = commands.add_parser("extract", help="run the stages offline on a JSONL file (no Kafka)",
                                  description="Read {id, text|html} lines, run the cleaning and/or quote "
                                  "stages and write one JSON record per line. With --stages quotes the "
                                  "text is used exactly as given and quote offsets refer to it.")
    extract.add_argument("--input", "-i", required=True, help="input JSONL file ('-' for stdin)")
    extract.add_argument("--output", "-o", default="-", help="output JSONL file (default: stdout)")
    extract.add_argument("--stages", default="clean,quotes",
                         help="comma-separated stages among clean,quotes (default: clean,quotes)")
    extract.add_argument("--errors", default=None, help="also write rejected lines with reasons to this JSONL")
    extract.add_argument("--no-progress", action="store_true", help="no progress bar")
    extract.add_argument("--no-recurring", action="store_true",
                         help="do not learn recurring lines: by default extract remembers the paragraphs of "
                         "every article of its input per source (the 'source' field, else the URL's registered "
                         "domain) and drops, as boilerplate of kind 'recurring', a paragraph seen in "
                         "NEWSSTREAM_RECURRING_MIN_ARTICLES (default 3) distinct articles of one source, from "
                         "that article on")

    run = commands.add_parser("run", help="the embedded demo: broker + worker + sample articles",
                              description="Start the local broker (unless NEWSSTREAM_KAFKA is set), a "
                              "worker, send the sample articles and print the enriched results as they "
                              "arrive; runs until Ctrl-C.")
    run.add_argument("--samples", default=str(SAMPLES_DIR), help="folder of articles to send")
    run.add_argument("--exit-after-samples", action="store_true",
                     help="stop once every sample has come out (enriched or dead-lettered)")
    run.add_argument("--timeout", type=float, default=300.0,
                     help="with --exit-after-samples: give up after this many seconds")
    return parser


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    return build_parser().parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    if not args.verbose:  # aiokafka narrates connections at INFO and retries offset look-ups at ERROR
        logging.getLogger("aiokafka").setLevel(logging.WARNING)
        logging.getLogger("aiokafka.consumer.fetcher").setLevel(logging.CRITICAL)
    handler = globals()[f"cmd_{args.command}"]
    try:
        return int(handler(args) or 0)
    except (InputError, ConfigError, NewsstreamError) as exc:
        print(f"newsstream {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


# -- offline --------------------------------------------------------------------------------
def cmd_extract(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    stages = tuple(s.strip() for s in args.stages.split(",") if s.strip())
    unknown = [s for s in stages if s not in STAGES]
    if unknown or not stages:
        raise InputError(f"unknown stage(s) {', '.join(unknown) or '(none)'}; choose from {', '.join(STAGES)}")
    settings = _settings()  # the worker's limits apply offline too
    memory = None if args.no_recurring else _line_memory(settings)
    errors_out = open(args.errors, "wb") if args.errors else None  # noqa: SIM115
    done = failed = 0
    try:
        with _open_in(args.input) as source, _open_out(args.output) as sink:
            for number, line in tqdm(_lines(source), desc="extract", unit=" articles",
                                     disable=args.no_progress or None):
                try:
                    record = extract_record(line, stages, settings, memory)
                except InputError as exc:
                    failed += 1
                    print(f"{args.input}:{number}: rejected at stage {exc.stage}: {exc.reason}", file=sys.stderr)
                    if errors_out:
                        errors_out.write(orjson.dumps({"line": number, "stage": exc.stage,
                                                       "reason": exc.reason}) + b"\n")
                    continue
                sink.write(orjson.dumps(record) + b"\n")
                done += 1
    finally:
        if errors_out:
            errors_out.close()
    log.info("extract: %d records written, %d rejected", done, failed)
    return 1 if failed else 0


def _line_memory(settings: Settings) -> Any:
    """One recurring-line memory for the whole input (None when the threshold is 0)."""
    from newsstream.cleaning.recurring import LineMemory

    options = settings.recurring_options()
    return LineMemory(options) if options.enabled else None


def extract_record(line: bytes, stages: tuple[str, ...], settings: Settings | None = None,
                   memory: Any = None) -> dict[str, Any]:
    """Run ``stages`` on one input line and return the output record, under the limits
    of ``settings`` (message size, paragraphs, quotes) as the worker applies them; with a
    :class:`~newsstream.cleaning.recurring.LineMemory`, recurring lines are dropped after cleaning."""
    from newsstream.decode import article_from_json
    from newsstream.errors import LimitExceeded
    from newsstream.pipeline import Limits, clean, drop_recurring, enrich, quotes_only

    settings = settings or Settings()
    if len(line) > settings.max_message_bytes:
        raise LimitExceeded(f"line is {len(line):,} bytes, above the limit of {settings.max_message_bytes:,} bytes")
    limits = Limits(max_paragraphs=settings.max_paragraphs, max_quotes=settings.max_quotes)
    raw = article_from_json(line)
    if "clean" not in stages:  # quotes on the text exactly as given
        if raw.text is None:
            raise InputError("--stages quotes needs a 'text' field", stage="quotes")
        return quotes_only(raw.id, raw.text, limits=limits).to_dict()
    article = drop_recurring(clean(raw, limits=limits), memory)
    return enrich(article, limits=limits).to_dict() if "quotes" in stages else article.to_dict()


def _lines(source: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    for number, line in enumerate(source, start=1):
        if line.strip():
            yield number, line


def _open_in(path: str) -> Any:
    if path == "-":
        return _nullcontext(sys.stdin.buffer)
    if not Path(path).is_file():
        raise InputError(f"input file not found: {path}")
    return open(path, "rb")


def _open_out(path: str) -> Any:
    return _nullcontext(sys.stdout.buffer) if path == "-" else open(path, "wb")


class _nullcontext:
    def __init__(self, handle: Any) -> None:
        self.handle = handle

    def __enter__(self) -> Any:
        return self.handle

    def __exit__(self, *exc: object) -> None:
        self.handle.flush()


# -- Kafka ----------------------------------------------------------------------------------
def _settings() -> Settings:
    return Settings.from_env()


def _local_broker(args: argparse.Namespace | None = None, settings: Settings | None = None) -> Any:
    from agents.broker import DEFAULT_HOME, LocalBroker

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
    """The command line of a worker process (``python -m agents worker ...``)."""
    level = (log_level or os.environ.get("NEWSSTREAM_LOG_LEVEL") or "info").lower()
    level = FAUST_LOG_LEVELS.get(level, level)
    return [sys.executable, "-m", "agents", "worker", "-l", level, *(extra or [])]


def cmd_worker(args: argparse.Namespace) -> int:
    _settings()  # fail early, with a clear message, on a bad configuration
    command = worker_command(args.log_level, [a for a in args.faust_args if a != "--"])
    if args.log_level:  # agents/app.py sets the library loggers from it
        os.environ["NEWSSTREAM_LOG_LEVEL"] = args.log_level
    os.execv(command[0], command)
    return 0  # not reached


def cmd_produce(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from agents.client import produce
    from newsstream.sources import iter_items

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
    from agents.client import TopicReader
    from newsstream.render import render

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
    from newsstream.sources import iter_items

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
    from agents.admin import ensure_topics
    from agents.client import TopicReader, produce
    from newsstream.render import render

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


def stop_process_group(proc: subprocess.Popen[bytes], sig: int = signal.SIGTERM, timeout: float = 30.0) -> None:
    """Send ``sig`` to the process group of ``proc`` (started with ``start_new_session``), wait
    up to ``timeout`` seconds, then SIGKILL it; nothing when it has already exited."""
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, sig)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


if __name__ == "__main__":
    sys.exit(main())
