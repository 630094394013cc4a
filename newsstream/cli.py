"""The ``newsstream`` command line: the offline commands, and a hook for the transport's.

``build_parser(plugins)`` builds the parser (testable without running anything) and
``main(argv, plugins)`` dispatches to each command's handler. This module offers the
offline commands (``extract``); the Kafka commands (``broker``, ``worker``, ``produce``,
``tail``, ``run``, ``redrive``) live with the transport in :mod:`agents.cli`, which passes
itself as a plugin: the installed ``newsstream`` command (``agents.cli:main``) offers them
all, while ``python -m newsstream`` runs the pure core alone.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any, Protocol

import orjson

from newsstream import __version__, logs
from newsstream.config import ConfigError, Settings
from newsstream.errors import InputError, NewsstreamError

log = logging.getLogger("newsstream")
STAGES = ("clean", "quotes")
TRANSPORT_COMMANDS = ("broker", "worker", "produce", "tail", "run", "redrive")  # agents/cli.py


class CommandPlugin(Protocol):
    """What adds commands to the parser: ``add_commands(commands)`` registers subparsers, each with
    ``set_defaults(handler=...)``; ``ERRORS`` are the exceptions its handlers report as errors (exit 2)."""

    ERRORS: tuple[type[BaseException], ...]

    def add_commands(self, commands: Any) -> None: ...


# -- parser ---------------------------------------------------------------------------------
def build_parser(plugins: Sequence[CommandPlugin] = ()) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsstream",
        description="Clean news articles and extract their quotations, offline or on Apache Kafka.",
        epilog="Configuration comes from NEWSSTREAM_* environment variables; see the README."
        + ("" if plugins else " The Kafka commands (" + ", ".join(TRANSPORT_COMMANDS) + ") are in the "
           "installed `newsstream` command or `python -m agents`."))
    parser.add_argument("--version", action="version", version=f"newsstream {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for plugin in plugins:
        plugin.add_commands(commands)
    add_offline_commands(commands)
    return parser


def add_offline_commands(commands: Any) -> None:
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
    extract.set_defaults(handler=cmd_extract)


def parse_args(argv: list[str] | None = None, plugins: Sequence[CommandPlugin] = ()) -> argparse.Namespace:
    return build_parser(plugins).parse_args(argv)


def main(argv: list[str] | None = None, plugins: Sequence[CommandPlugin] = ()) -> int:
    args = parse_args(argv, plugins)
    log_format = "json" if os.environ.get("NEWSSTREAM_LOG_FORMAT", "").strip() == "json" else "text"
    logs.configure(logging.DEBUG if args.verbose else logging.INFO, log_format)  # stderr; json: one object a line
    if not args.verbose:  # aiokafka narrates connections at INFO and retries offset look-ups at ERROR
        logging.getLogger("aiokafka").setLevel(logging.WARNING)
        logging.getLogger("aiokafka.consumer.fetcher").setLevel(logging.CRITICAL)
    errors = (InputError, ConfigError, NewsstreamError, *(e for p in plugins for e in p.ERRORS))
    try:
        return int(args.handler(args) or 0)
    except errors as exc:
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


def _settings() -> Settings:
    return Settings.from_env()


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
