"""Soak: stream many articles through one worker and record its memory.

Produces ``--n`` articles (default 200,000; distinct ids, texts from the seed and the quotes
eval corpus, a few paragraphs each, with 0.5% poison pills) into a fresh raw topic while one
``newsstream worker`` processes them, and every ``--every`` (default 10,000) processed
articles records the worker's RSS (``/proc/<pid>/status`` VmRSS). Prints the curve and
the growth after warm-up (the first 20% of the run): it must stay within 10%.
At the end every id must be in articles.enriched or articles.deadletter (end offsets).

Usage: .venv/bin/python bench/soak.py [--n 200000] [--every 10000] [--kafka host:port]
(without --kafka a broker is started on free ports in a temporary folder and stopped at the end).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

import orjson

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from agents.broker import LocalBroker, free_port  # noqa: E402
from newsstream.config import Settings  # noqa: E402
from tests.faults.harness import QUOTES_DEV, SEED, poison_values  # noqa: E402
from tests.kafka_helpers import WorkerProcess, isolated_settings  # noqa: E402


def corpus() -> list[list[str]]:
    texts = [SEED.read_text(encoding="utf-8")] if SEED.exists() else []
    if QUOTES_DEV.exists():
        texts += [json.loads(line)["text"] for line in QUOTES_DEV.open(encoding="utf-8") if line.strip()]
    return [[p for p in t.split("\n") if p.strip()] for t in texts] or [["“We act,” she said.", "Short."]]


def messages(n: int, seed: int = 0):
    """``(key, value)`` pairs: a random window of 3-12 paragraphs per article, 0.5% poison."""
    rng = random.Random(seed)
    docs = corpus()
    template = orjson.dumps({"id": "t", "text": "\n\n".join(docs[0][:5])})
    pills = [v for _kind, v in poison_values(rng, template, 256 * 1024)]
    for i in range(n):
        key = f"soak-{i:07d}"
        if rng.random() < 0.005:
            yield key.encode(), rng.choice(pills)
            continue
        paras = rng.choice(docs)
        start = rng.randrange(max(1, len(paras) - 3))
        body = "\n\n".join([f"Soak {key}.", *paras[start:start + rng.randrange(3, 13)]])
        yield key.encode(), orjson.dumps({"id": key, "text": body})


async def produce_all(settings: Settings, n: int, done: threading.Event) -> None:
    from agents.admin import ensure_topics
    from agents.client import make_producer

    await ensure_topics(settings, timeout=120)
    producer = make_producer(settings, acks=1, linger_ms=20, max_batch_size=1024 * 1024)
    await producer.start()
    try:
        pending = []
        for key, value in messages(n):
            pending.append(await producer.send(settings.topic_raw, value, key=key))
            if len(pending) >= 2000:
                await asyncio.gather(*pending)
                pending.clear()
        await asyncio.gather(*pending)
    finally:
        await producer.stop()
        done.set()


async def processed(settings: Settings) -> int:
    """Records in enriched + dead-letter (end offsets): one per article when nothing repeats."""
    from aiokafka import AIOKafkaConsumer, TopicPartition

    consumer = AIOKafkaConsumer(bootstrap_servers=settings.bootstrap_servers, group_id=None)
    await consumer.start()
    try:
        tps = [TopicPartition(t, p) for t in (settings.topic_enriched, settings.topic_deadletter)
               for p in range(settings.partitions)]
        return sum((await consumer.end_offsets(tps)).values())
    finally:
        await consumer.stop()


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--every", type=int, default=10_000)
    parser.add_argument("--kafka", default=None, help="host:port of a broker to reuse")
    parser.add_argument("--timeout", type=float, default=6 * 3600)
    args = parser.parse_args(argv)
    logging.getLogger("aiokafka").setLevel(logging.CRITICAL)  # reconnect noise while brokers are down
    broker = None
    with tempfile.TemporaryDirectory(prefix="newsstream-soak-") as tmp:
        root = Path(tmp)
        try:
            bootstrap = args.kafka
            if bootstrap is None:
                broker = LocalBroker(port=free_port(), controller_port=free_port(), state_dir=root / "kafka")
                broker.start()
                bootstrap = broker.bootstrap
            s = isolated_settings(bootstrap, root, partitions=4, log_level="warning")
            worker = WorkerProcess(s, root / "worker.log")
            worker.start()
            done = threading.Event()
            producer = threading.Thread(target=lambda: asyncio.run(produce_all(s, args.n, done)), daemon=True)
            producer.start()
            started = time.monotonic()
            curve: list[tuple[int, float, float]] = []
            next_mark = args.every
            print(f"{'processed':>10} {'RSS MiB':>8} {'elapsed s':>9} {'rate/s':>7}", flush=True)
            count = 0
            while count < args.n and time.monotonic() - started < args.timeout:
                time.sleep(2.0)
                if not worker.alive():
                    print("the worker died:\n" + worker.log()[-3000:])
                    return 1
                count = asyncio.run(processed(s))
                while count >= next_mark and next_mark <= args.n:
                    elapsed = time.monotonic() - started
                    curve.append((next_mark, rss_mib(worker.proc.pid), elapsed))
                    print(f"{next_mark:>10} {curve[-1][1]:>8.1f} {elapsed:>9.0f} {next_mark / elapsed:>7.0f}",
                          flush=True)
                    next_mark += args.every
            worker.stop()
        finally:
            if broker is not None:
                broker.stop()
    lost = args.n - count
    warm = [c for c in curve if c[0] >= 0.2 * args.n] or curve
    if len(warm) >= 2:
        xs, ys = [c[0] for c in warm], [c[1] for c in warm]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)
        quarter = max(1, len(ys) // 4)
        first, last = sorted(ys[:quarter])[quarter // 2], sorted(ys[-quarter:])[quarter // 2]
        growth = (last - first) / first * 100
        print(f"\nafter warm-up ({warm[0][0]:,} articles): RSS {min(ys):.1f}-{max(ys):.1f} MiB; median of the first "
              f"quarter {first:.1f} MiB, of the last quarter {last:.1f} MiB: growth {growth:+.1f}% "
              f"({'flat' if growth <= 10 else 'GROWING'}); trend {slope * 100_000:+.1f} MiB per 100,000 articles")
    print(f"articles {args.n:,}, outputs {count:,}, missing {max(lost, 0):,}")
    return 0 if lost <= 0 else 1


if __name__ == "__main__":
    sys.exit(main())
