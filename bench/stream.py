"""End-to-end throughput and latency through a real worker on the real Kafka broker.

Compares, over the same messages in the same run:

1. ``bare``: a plain aiokafka consume -> orjson decode -> orjson encode -> produce loop (no processing);
2. ``bare+stages``: the same loop running newsstream's decode/clean/quote stages in-process;
3. ``worker``: a real ``newsstream worker`` process (Faust, two agents, two hops raw -> clean -> enriched).

Throughput: N messages pre-loaded, then the consumer starts; N / (last output time - first output time).
Latency: M messages produced at a steady rate well below capacity; output CreateTime - input CreateTime.

Usage: .venv/bin/python bench/stream.py [--n 3000] [--paced 300 --rate 50] [--bootstrap host:port]
(without --bootstrap a broker is started on free ports and stopped at the end).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

import orjson

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from agents.broker import LocalBroker, free_port  # noqa: E402
from agents.client import make_producer  # noqa: E402
from newsstream.decode import decode_raw  # noqa: E402
from newsstream.pipeline import clean, enrich  # noqa: E402
from newsstream.sources import iter_items  # noqa: E402
from tests.kafka_helpers import WorkerProcess, isolated_settings  # noqa: E402

SEED = REPO.parent / "shared" / "seed" / "000_8c8c4ff59910322a.txt"


def articles(n: int, tag: str) -> list[tuple[bytes, bytes]]:
    """``n`` distinct raw messages: the samples and the seed with unique ids and a varying first line."""
    bodies = [orjson.loads(item.value) for item in iter_items([str(REPO / "samples")])]
    bodies = [b for b in bodies if b.get("text")]
    if SEED.exists():
        bodies.append({"text": SEED.read_text()})
    out = []
    for i in range(n):
        body = dict(bodies[i % len(bodies)])
        body["id"] = f"{tag}-{i}"
        body["text"] = f"Update {i}: {body['text']}"
        out.append((body["id"].encode(), orjson.dumps(body)))
    return out


async def produce(settings, topic: str, messages, rate: float | None = None) -> None:
    producer = make_producer(settings, acks="all", linger_ms=0 if rate else 5)
    await producer.start()
    try:
        futures = []
        for key, value in messages:
            futures.append(await producer.send(topic, value, key=key))
            if rate:
                await asyncio.sleep(1.0 / rate)
        await asyncio.gather(*futures)
    finally:
        await producer.stop()


async def read_outputs(settings, topics: list[str], expected: int, timeout: float) -> list[tuple[bytes, int, int]]:
    """(key, output CreateTime ms, local receive ms) of the first ``expected`` outputs."""
    from agents.client import TopicReader

    reader = TopicReader(settings, topics, from_beginning=True)
    await reader.start()
    seen: list[tuple[bytes, int, int]] = []
    deadline = time.monotonic() + timeout
    try:
        while len(seen) < expected and time.monotonic() < deadline:
            batch = await reader.consumer.getmany(timeout_ms=500)
            for records in batch.values():
                seen.extend((r.key, r.timestamp, int(time.time() * 1000)) for r in records)
    finally:
        await reader.stop()
    return seen


async def input_times(settings, topic: str, expected: int) -> dict[bytes, int]:
    from agents.client import TopicReader

    reader = TopicReader(settings, [topic], from_beginning=True)
    await reader.start()
    times: dict[bytes, int] = {}
    try:
        while len(times) < expected:
            batch = await reader.consumer.getmany(timeout_ms=500)
            for records in batch.values():
                times.update((r.key, r.timestamp) for r in records)
    finally:
        await reader.stop()
    return times


class BareLoop:
    """consume -> (optional stages) -> produce, with aiokafka only; commits after each batch is acknowledged."""

    def __init__(self, settings, source: str, sink: str, stages: bool) -> None:
        self.settings, self.source, self.sink, self.stages = settings, source, sink, stages
        self.task: asyncio.Task | None = None

    def transform(self, value: bytes) -> bytes:
        if not self.stages:
            return orjson.dumps(orjson.loads(value))
        try:
            return orjson.dumps(enrich(clean(decode_raw(value, max_bytes=self.settings.max_message_bytes))).to_dict())
        except Exception as exc:  # dead letter stand-in
            return orjson.dumps({"error": str(exc)})

    async def run(self) -> None:
        from aiokafka import AIOKafkaConsumer

        consumer = AIOKafkaConsumer(self.source, bootstrap_servers=self.settings.bootstrap_servers,
                                    group_id=f"bare-{self.sink}", auto_offset_reset="earliest",
                                    enable_auto_commit=False)
        producer = make_producer(self.settings, acks="all", linger_ms=5)
        await consumer.start()
        await producer.start()
        try:
            while True:
                batch = await consumer.getmany(timeout_ms=200, max_records=500)
                futures = [await producer.send(self.sink, self.transform(r.value), key=r.key)
                           for records in batch.values() for r in records]
                if futures:
                    await asyncio.gather(*futures)
                    await consumer.commit()
        finally:
            await consumer.stop()
            await producer.stop()


def summarise(name: str, n: int, outputs, in_times=None) -> dict:
    stamps = sorted(t for _k, t, _r in outputs)
    span = (stamps[-1] - stamps[0]) / 1000 if len(stamps) > 1 else float("nan")
    row = {"system": name, "n": n, "out": len(outputs), "throughput": n / span if span else float("nan")}
    if in_times:
        lat = sorted(t - in_times[k] for k, t, _r in outputs if k in in_times)
        row["p50_ms"] = statistics.median(lat)
        row["p99_ms"] = lat[min(len(lat) - 1, int(0.99 * len(lat)))]
    return row


async def bench_bare(settings, n: int, paced: int, rate: float, stages: bool) -> tuple[dict, dict]:
    from agents.admin import ensure_topics

    name = "bare+stages" if stages else "bare"
    await ensure_topics(settings, timeout=60)
    await produce(settings, settings.topic_raw, articles(n, f"{name}-t"))
    loop = BareLoop(settings, settings.topic_raw, settings.topic_enriched, stages)
    task = asyncio.create_task(loop.run())
    outputs = await read_outputs(settings, [settings.topic_enriched], n, timeout=600)
    throughput = summarise(name, n, outputs)
    # latency phase: paced input on the same running loop
    settings_lat = settings
    await produce(settings_lat, settings.topic_raw, articles(paced, f"{name}-l"), rate=rate)
    all_out = await read_outputs(settings, [settings.topic_enriched], n + paced, timeout=300)
    task.cancel()
    times = await input_times(settings, settings.topic_raw, n + paced)
    latency_out = [o for o in all_out if o[0].startswith(f"{name}-l".encode())]
    latency = summarise(name, paced, latency_out, times)
    return throughput, latency


def bench_worker(settings, n: int, paced: int, rate: float, log_dir: Path) -> tuple[dict, dict]:
    name = f"worker b={settings.batch_size}"
    asyncio.run(_preload(settings, n))
    worker = WorkerProcess(settings, log_path=log_dir / f"worker-{settings.app_id}.log")
    worker.start()
    try:
        topics = [settings.topic_enriched, settings.topic_deadletter]
        outputs = asyncio.run(read_outputs(settings, topics, n, timeout=900))
        throughput = summarise(name, n, outputs)
        asyncio.run(produce(settings, settings.topic_raw, articles(paced, "worker-l"), rate=rate))
        all_out = asyncio.run(read_outputs(settings, topics, n + paced, timeout=300))
        times = asyncio.run(input_times(settings, settings.topic_raw, n + paced))
    finally:
        worker.stop()
    latency = summarise(name, paced, [o for o in all_out if o[0].startswith(b"worker-l")], times)
    return throughput, latency


async def _preload(settings, n: int) -> None:
    from agents.admin import ensure_topics

    await ensure_topics(settings, timeout=60)
    await produce(settings, settings.topic_raw, articles(n, "worker-t"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3000, help="messages for the throughput phase")
    parser.add_argument("--paced", type=int, default=300, help="messages for the latency phase")
    parser.add_argument("--rate", type=float, default=50.0, help="messages/s in the latency phase")
    parser.add_argument("--bootstrap", default=None, help="use this broker instead of starting one")
    parser.add_argument("--batch-sizes", default="1,64",
                        help="worker batch sizes to compare (stream.take_events), comma-separated")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="newsstream-bench-"))
    broker = None
    bootstrap = args.bootstrap
    if bootstrap is None:
        broker = LocalBroker(port=free_port(), controller_port=free_port(), state_dir=tmp / "kafka")
        broker.start()
        bootstrap = broker.bootstrap
    try:
        rows = []
        for stages in (False, True):
            rows.append(asyncio.run(bench_bare(isolated_settings(bootstrap, tmp), args.n, args.paced, args.rate,
                                               stages)))
        for batch_size in (int(b) for b in args.batch_sizes.split(",")):
            settings = isolated_settings(bootstrap, tmp, partitions=4, batch_size=batch_size)
            rows.append(bench_worker(settings, args.n, args.paced, args.rate, tmp))
    finally:
        if broker is not None:
            broker.stop()
    print(f"\nN={args.n} pre-loaded (throughput), {args.paced} paced at {args.rate}/s (latency); one broker, "
          f"2-core machine\n")
    print(f"{'system':<14} {'articles/s':>11} {'p50 ms':>8} {'p99 ms':>8}")
    for throughput, latency in rows:
        print(f"{throughput['system']:<14} {throughput['throughput']:>11.0f} {latency['p50_ms']:>8.0f} "
              f"{latency['p99_ms']:>8.0f}")
    base, staged = rows[0][0]["throughput"], rows[1][0]["throughput"]
    for throughput, _latency in rows[2:]:
        print(f"{throughput['system']}: / bare = {throughput['throughput'] / base:.3f}, "
              f"/ bare+stages = {throughput['throughput'] / staged:.3f}")


if __name__ == "__main__":
    main()
