"""Fault-injection benchmark: the scenarios of ``tests/faults`` with larger N, as a table.

Faults: SIGKILL + restart (at-least-once and exactly-once, several kills), broker
stop/start mid-stream, rebalance (2 workers, a third joins, one leaves), worker started
before the broker / before its topics, 1% poison pills. Every input id must come out in
exactly one of articles.enriched / articles.deadletter (exactly-once: exactly once, read
``read_committed``), with the content the offline pipeline gives.

Usage: .venv/bin/python bench/faults.py [--n 2000] [--kills 5] [--rate 40] [--only sigkill,poison]
       [--kafka host:port]   (reuse a broker for the faults that do not stop it)
Brokers it starts run on free ports with their data in a temporary folder, and are stopped at the end.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from agents.broker import LocalBroker, free_port  # noqa: E402
from tests.faults import scenarios  # noqa: E402
from tests.faults.harness import snapshot_source  # noqa: E402

FAULTS = ("sigkill", "sigkill-eos", "broker", "broker-eos", "rebalance", "rebalance-eos", "start", "poison")


def new_broker(root: Path, name: str) -> LocalBroker:
    return LocalBroker(port=free_port(), controller_port=free_port(), state_dir=root / name, heap="384m")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="articles per fault (default 2000)")
    parser.add_argument("--kills", type=int, default=5, help="SIGKILLs per sigkill run (default 5)")
    parser.add_argument("--rate", type=float, default=40.0, help="articles/s produced (default 40)")
    parser.add_argument("--only", default=",".join(FAULTS), help=f"comma-separated subset of {', '.join(FAULTS)}")
    parser.add_argument("--kafka", default=None, help="host:port of a broker to reuse (not stopped)")
    args = parser.parse_args(argv)
    logging.getLogger("aiokafka").setLevel(logging.CRITICAL)  # reconnect noise while brokers are down
    only = [f.strip() for f in args.only.split(",") if f.strip()]
    rows: list[scenarios.Row] = []
    brokers: list[LocalBroker] = []
    started = time.time()
    with tempfile.TemporaryDirectory(prefix="newsstream-faults-") as tmp:
        root = Path(tmp)
        src = snapshot_source(root / "src")
        try:
            bootstrap = args.kafka
            if bootstrap is None and set(only) - {"broker", "broker-eos"}:
                main_broker = new_broker(root, "kafka-main")
                brokers.append(main_broker)
                main_broker.start()
                bootstrap = main_broker.bootstrap

            def lab(name: str) -> scenarios.Lab:
                folder = root / name
                folder.mkdir()
                return scenarios.Lab(folder, src)

            def run(name: str, fn, *a, **kw) -> None:
                the_lab = lab(name)
                try:
                    row = fn(the_lab, *a, **kw)
                finally:
                    the_lab.stop_all()
                print(row.line(), flush=True)
                rows.append(row)

            n, rate = args.n, args.rate
            if "sigkill" in only:
                run("kill", scenarios.sigkill, bootstrap, n=n, kills=args.kills, guarantee="at_least_once",
                    rate=rate / 2)
            if "sigkill-eos" in only:
                run("kill-eos", scenarios.sigkill, bootstrap, n=n, kills=args.kills, guarantee="exactly_once",
                    rate=rate / 2)
            if "broker" in only:
                own = new_broker(root, "kafka-restart")
                brokers.append(own)
                run("broker", scenarios.broker_restart, own, n=n, rate=rate)
            if "broker-eos" in only:
                own = new_broker(root, "kafka-restart-eos")
                brokers.append(own)
                run("broker-eos", scenarios.broker_restart, own, n=n, rate=rate, guarantee="exactly_once")
            if "rebalance" in only:
                run("rebalance", scenarios.rebalance, bootstrap, n=n, rate=rate)
            if "rebalance-eos" in only:
                run("rebalance-eos", scenarios.rebalance, bootstrap, n=n, rate=rate, guarantee="exactly_once")
            if "start" in only:
                own = new_broker(root, "kafka-late")
                brokers.append(own)
                run("late-broker", scenarios.start_before_broker, own, n=min(n, 200))
                run("no-topics", scenarios.start_before_topics, bootstrap, n=min(n, 200))
            if "poison" in only:
                run("poison", scenarios.poison, bootstrap, n=max(n, 1500))
        finally:
            for broker in brokers:
                broker.stop()
    print(f"\n{'fault':<38} {'N':>6} {'lost':>5} {'dup':>5} {'quote dup':>9}  recovery / resume")
    for row in rows:
        print(f"{row.fault:<38} {row.n:>6} {row.lost:>5} {row.duplicated:>5} {row.report.quote_duplicates:>9}  "
              f"{row.recovery}")
    print("\nnotes:\n" + "\n".join(f"- {row.fault}: {row.notes}" for row in rows))
    problems = {row.fault: row.report.problems(exactly_once="exactly_once" in row.fault) for row in rows}
    bad = {k: v for k, v in problems.items() if v}
    print(f"\n{len(rows)} faults in {time.time() - started:.0f} s; problems: {bad or 'none'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
