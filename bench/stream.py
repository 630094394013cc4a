"""End-to-end throughput and latency through real workers on the real Kafka broker.

Over the same articles in the same run:

1. ``bare``: a plain aiokafka consume -> orjson decode -> orjson encode -> produce loop (no processing);
2. ``bare+stages``: the same loop running newsstream's decode/clean/quote stages in-process;
3. ``worker``: a real ``newsstream worker`` process (Faust, two agents, two hops raw -> clean -> enriched),
   in at_least_once and in exactly_once mode; and two worker processes (at_least_once) against one.

Capacity: N articles pre-loaded, then the consumer starts; N / (last output time - first output time),
a worker's first output being its first clean record (see ``throughput``);
each system measured ``--rounds`` times, interleaved, and the best kept (the machine is shared).
Latency: articles produced at a steady rate; enriched record CreateTime - raw record CreateTime, for a
fixed 40 articles/s and a load sweep at 10 %, 50 % and 90 % of the capacity measured for that mode. The bench
stamps each raw record's CreateTime itself, just before handing it to its producer; the worker's producer
(aiokafka) stamps an enriched record when the agent hands it over, so the figure covers both hops, the two
stages and the clean record's delivery, not the enriched record's own delivery. ``behind s`` is how long after
the last input of a point its last output came: more than a few tenths of a second means the worker did not
keep up with that rate (on a shared machine the capacity left for the sweep can be lower than measured).
CPU: CPU seconds per article of the worker process (all its threads), and of the bench process while it runs
a bare loop (that includes the bench's own reader of the outputs): unlike articles/s, little moved by other
work on the machine.

Articles: the texts of ../shared/eval/quotes/dev.jsonl (real news, ~4.6k characters on average; read for
measuring only), else samples/ and the seed article.

Usage: .venv/bin/python bench/stream.py [--n 3000] [--sweep-seconds 10] [--bootstrap host:port]
[--modes at_least_once exactly_once] [--no-scaling]
(without --bootstrap a broker is started on free ports and stopped at the end).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import orjson

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from agents.broker import LocalBroker, free_port  # noqa: E402
from agents.client import TopicReader, make_producer  # noqa: E402
from newsstream.decode import decode_raw  # noqa: E402
from newsstream.pipeline import clean, enrich  # noqa: E402
from newsstream.sources import iter_items  # noqa: E402
from tests.kafka_helpers import WorkerProcess, isolated_settings  # noqa: E402

NEWS = REPO.parent / "shared" / "eval" / "quotes" / "dev.jsonl"
SEED = REPO / "tests" / "fixtures" / "cleaning" / "seed_000.txt"  # committed with its expected output
FIXED_RATE = 40.0  # articles/s of the latency target (p99 < 50 ms)
SWEEP = (0.1, 0.5, 0.9)  # shares of the measured capacity


def corpus() -> tuple[str, list[dict]]:
    """(description, article bodies without ids)."""
    if NEWS.exists():
        bodies = [{"text": orjson.loads(line)["text"]} for line in NEWS.read_bytes().splitlines() if line.strip()]
        return f"{len(bodies)} news texts of {NEWS.name}", bodies
    bodies = [orjson.loads(item.value) for item in iter_items([str(REPO / "samples")])]
    bodies = [{"text": b["text"]} for b in bodies if b.get("text")]
    if SEED.exists():
        bodies.append({"text": SEED.read_text()})
    return "samples/ and the seed article", bodies


def articles(bodies: list[dict], n: int, tag: str) -> list[tuple[bytes, bytes]]:
    """``n`` distinct raw messages: the bodies with unique ids and a varying first line."""
    out = []
    for i in range(n):
        body = dict(bodies[i % len(bodies)])
        body["id"] = f"{tag}-{i}"
        body["text"] = f"Update {i}: {body['text']}"
        out.append((body["id"].encode(), orjson.dumps(body)))
    return out


async def produce(settings, messages, rate: float | None = None, sent: dict[bytes, int] | None = None) -> None:
    """Send ``messages``; with ``rate``, message i leaves at start + i / rate (no drift). Each record's
    CreateTime is set here and kept in ``sent`` (so the raw topic need not be read back)."""
    producer = make_producer(settings, acks="all", linger_ms=0 if rate else 5)
    await producer.start()
    loop = asyncio.get_running_loop()
    try:
        futures = []
        start = loop.time()
        for i, (key, value) in enumerate(messages):
            if rate:
                delay = start + i / rate - loop.time()
                if delay > 0:
                    await asyncio.sleep(delay)
            stamp = int(time.time() * 1000)
            if sent is not None:
                sent[key] = stamp
            futures.append(await producer.send(settings.topic_raw, value, key=key, timestamp_ms=stamp))
        await asyncio.gather(*futures)
    finally:
        await producer.stop()


@dataclass
class Timestamps:
    """CreateTime (ms) of every record seen, by topic and key, filled by a background reader."""

    by_topic: dict[str, dict[bytes, int]] = field(default_factory=dict)

    def count(self, topics: list[str], tag: str) -> int:
        prefix = f"{tag}-".encode()
        return sum(1 for t in topics for k in self.by_topic.get(t, {}) if k.startswith(prefix))


async def follow(settings, topics: list[str], times: Timestamps, isolation: str, from_beginning: bool = True,
                 ready: asyncio.Event | None = None) -> None:
    reader = TopicReader(settings, topics, from_beginning=from_beginning, isolation_level=isolation)
    await reader.start()
    if ready is not None:
        ready.set()
    try:
        while True:
            for tp, records in (await reader.consumer.getmany(timeout_ms=200)).items():
                seen = times.by_topic.setdefault(tp.topic, {})
                for r in records:
                    seen.setdefault(r.key, r.timestamp)
    finally:
        await reader.stop()


async def wait_for(times: Timestamps, topics: list[str], tag: str, expected: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while times.count(topics, tag) < expected:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{tag}: {times.count(topics, tag)} of {expected} outputs after {timeout:.0f}s")
        await asyncio.sleep(0.2)


def throughput(times: Timestamps, topics: list[str], tag: str, first: list[str] | None = None) -> float:
    """Outputs of ``tag`` on ``topics`` per second, from the first output on ``first`` (default: the
    same topics) to the last one. A worker's span starts at its first *clean* record: it may run the
    whole first hop before the second (the raw backlog fills its queues), and a span over the
    enriched records alone would time the second hop only."""
    prefix = f"{tag}-".encode()

    def stamps(names: list[str]) -> list[int]:
        return [t for topic in names for k, t in times.by_topic.get(topic, {}).items() if k.startswith(prefix)]

    done = stamps(topics)
    span = (max(done) - min(stamps(first or topics))) / 1000
    return len(done) / span if span > 0 else float("nan")


def latency(times: Timestamps, inputs: dict[bytes, int], out: str, tag: str) -> tuple[float, float]:
    """(p50, p99) in ms of output CreateTime - raw CreateTime over the articles of ``tag``."""
    prefix = f"{tag}-".encode()
    lat = sorted(t - inputs[k] for k, t in times.by_topic.get(out, {}).items() if k.startswith(prefix) and k in inputs)
    return statistics.median(lat), lat[min(len(lat) - 1, int(0.99 * len(lat)))]


def behind(times: Timestamps, inputs: dict[bytes, int], outs: list[str], tag: str) -> float:
    """Seconds from the last input of ``tag`` to its last output: near 0 when the worker kept up."""
    prefix = f"{tag}-".encode()
    last_in = max(t for k, t in inputs.items() if k.startswith(prefix))
    last_out = max(t for topic in outs for k, t in times.by_topic.get(topic, {}).items() if k.startswith(prefix))
    return max(0.0, (last_out - last_in) / 1000)


class BareLoop:
    """consume -> (optional stages) -> produce, with aiokafka only; commits after each batch is acknowledged."""

    def __init__(self, settings, stages: bool) -> None:
        self.settings, self.stages = settings, stages

    cpu_per_article: float = float("nan")

    def transform(self, value: bytes) -> bytes:
        if not self.stages:
            return orjson.dumps(orjson.loads(value))
        try:
            return orjson.dumps(enrich(clean(decode_raw(value, max_bytes=self.settings.max_message_bytes))).to_dict())
        except Exception as exc:  # dead letter stand-in
            return orjson.dumps({"error": str(exc)})

    async def run(self) -> None:
        from aiokafka import AIOKafkaConsumer

        s = self.settings
        consumer = AIOKafkaConsumer(s.topic_raw, bootstrap_servers=s.bootstrap_servers, group_id=f"bare-{s.app_id}",
                                    auto_offset_reset="earliest", enable_auto_commit=False)
        producer = make_producer(s, acks="all", linger_ms=5)
        await consumer.start()
        await producer.start()
        try:
            while True:
                batch = await consumer.getmany(timeout_ms=200, max_records=500)
                futures = [await producer.send(s.topic_enriched, self.transform(r.value), key=r.key)
                           for records in batch.values() for r in records]
                if futures:
                    await asyncio.gather(*futures)
                    await consumer.commit()
        finally:
            await consumer.stop()
            await producer.stop()


def process_cpu(pid: int | None = None) -> float:
    """CPU seconds (user + system, all threads) of process ``pid``, or of this process."""
    if pid is None:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def bench_bare(settings, bodies: list[dict], n: int, stages: bool) -> tuple[float, float]:
    """(articles/s, CPU seconds per article) of a bare loop over ``n`` pre-loaded articles."""
    from agents.admin import ensure_topics

    await ensure_topics(settings, timeout=60)
    await produce(settings, articles(bodies, n, "cap"))
    times = Timestamps()
    reader = asyncio.create_task(follow(settings, [settings.topic_enriched], times, "read_uncommitted"))
    cpu_before = process_cpu()
    loop = asyncio.create_task(BareLoop(settings, stages).run())
    try:
        await wait_for(times, [settings.topic_enriched], "cap", n, timeout=900)
        cpu = (process_cpu() - cpu_before) / n
    finally:
        for task in (loop, reader):
            task.cancel()
        await asyncio.gather(loop, reader, return_exceptions=True)
    return throughput(times, [settings.topic_enriched], "cap"), cpu


@dataclass
class WorkerRun:
    name: str
    capacity: float = float("nan")
    cpu_per_article: float = float("nan")  # CPU seconds of the worker process(es) per article, capacity run
    points: list[tuple[str, float, float, float, float]] = field(default_factory=list)  # label, rate, p50, p99, behind


async def bench_workers(settings, bodies: list[dict], log_dir: Path, *, n: int, processes: int = 1,
                        sweep_seconds: float = 0.0) -> WorkerRun:
    """Capacity of ``processes`` workers on ``n`` pre-loaded articles; then, with ``sweep_seconds``, the
    latency at :data:`FIXED_RATE` and at each share of :data:`SWEEP` of that capacity, measured on the
    same workers right after (the load of a shared machine drifts), ``sweep_seconds`` (at least 200
    articles) per point."""
    from agents.admin import ensure_topics

    s = settings
    outs = [s.topic_enriched, s.topic_deadletter]
    isolation = "read_committed" if s.processing_guarantee == "exactly_once" else "read_uncommitted"
    await ensure_topics(s, timeout=60)
    await produce(s, articles(bodies, n, "cap"))
    times = Timestamps()
    sent: dict[bytes, int] = {}
    reader = asyncio.create_task(follow(s, [s.topic_clean, *outs], times, isolation))
    workers = [WorkerProcess(s, log_path=log_dir / f"worker-{s.app_id}-{i}.log") for i in range(processes)]
    for worker in workers:
        worker.start()
    run = WorkerRun(f"{processes} worker{'s' if processes > 1 else ''} {s.processing_guarantee}")
    try:
        # CPU from the first clean record on (start-up and the stages' warm-up are over by then)
        await wait_for(times, [s.topic_clean, s.topic_deadletter], "cap", 1, timeout=300)
        cpu_before = sum(process_cpu(w.proc.pid) for w in workers)
        await wait_for(times, outs, "cap", n, timeout=900)
        run.cpu_per_article = (sum(process_cpu(w.proc.pid) for w in workers) - cpu_before) / n
        run.capacity = throughput(times, outs, "cap", first=[s.topic_clean, s.topic_deadletter])
        if sweep_seconds:  # from here on the bench reads the outputs only, from their current end
            reader.cancel()
            await asyncio.gather(reader, return_exceptions=True)
            ready = asyncio.Event()
            reader = asyncio.create_task(follow(s, outs, times, isolation, from_beginning=False, ready=ready))
            await ready.wait()
        rates = [("40/s", FIXED_RATE)] + [(f"{share:.0%}", share * run.capacity) for share in SWEEP]
        for i, (label, rate) in enumerate(rates if sweep_seconds else []):
            tag = f"lat{i}"
            count = max(200, int(rate * sweep_seconds))
            await produce(s, articles(bodies, count, tag), rate=rate, sent=sent)
            await wait_for(times, outs, tag, count, timeout=600)
            p50, p99 = latency(times, sent, s.topic_enriched, tag)
            run.points.append((label, rate, p50, p99, behind(times, sent, outs, tag)))
        return run
    finally:
        for worker in workers:
            await asyncio.to_thread(worker.stop)
        reader.cancel()
        await asyncio.gather(reader, return_exceptions=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3000, help="articles for each capacity measurement")
    parser.add_argument("--rounds", type=int, default=2,
                        help="capacity measurements of each system, interleaved; the best counts (shared machine)")
    parser.add_argument("--sweep-seconds", type=float, default=10.0, help="seconds of paced input per latency point")
    parser.add_argument("--batch-size", type=int, default=64, help="NEWSSTREAM_BATCH_SIZE of the workers")
    parser.add_argument("--bootstrap", default=None, help="use this broker instead of starting one")
    parser.add_argument("--modes", nargs="+", default=["at_least_once", "exactly_once"],
                        choices=["at_least_once", "exactly_once"], help="processing guarantees to measure")
    parser.add_argument("--no-scaling", action="store_true", help="skip two workers against one")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="newsstream-bench-"))
    described, bodies = corpus()
    broker = None
    bootstrap = args.bootstrap
    if bootstrap is None:
        broker = LocalBroker(port=free_port(), controller_port=free_port(), state_dir=tmp / "kafka")
        broker.start()
        bootstrap = broker.bootstrap

    def fresh(**overrides):
        return isolated_settings(bootstrap, tmp, partitions=4, batch_size=args.batch_size, **overrides)

    modes = tuple(args.modes)
    capacity: dict[str, list[float]] = {"bare+stages": [], **{m: [] for m in modes}}
    cpu: dict[str, list[float]] = {name: [] for name in ["bare", *capacity]}  # CPU s per article, each round
    sweeps: list[WorkerRun] = []
    one = two = None
    try:
        bare, bare_cpu = asyncio.run(bench_bare(fresh(), bodies, args.n, stages=False))
        cpu["bare"].append(bare_cpu)
        for round_ in range(args.rounds):
            rate, bare_cpu = asyncio.run(bench_bare(fresh(), bodies, args.n, stages=True))
            capacity["bare+stages"].append(rate)
            cpu["bare+stages"].append(bare_cpu)
            for mode in modes:  # the last round also sweeps the load, right after its capacity measurement
                run = asyncio.run(bench_workers(fresh(processing_guarantee=mode), bodies, tmp, n=args.n,
                                                sweep_seconds=args.sweep_seconds if round_ == args.rounds - 1 else 0))
                capacity[mode].append(run.capacity)
                cpu[mode].append(run.cpu_per_article)
                if run.points:
                    sweeps.append(run)
        best = {name: max(values) for name, values in capacity.items()}
        if not args.no_scaling:
            one = asyncio.run(bench_workers(fresh(), bodies, tmp, n=args.n))
            two = asyncio.run(bench_workers(fresh(), bodies, tmp, n=args.n, processes=2))
    finally:
        if broker is not None:
            broker.stop()
    mean_chars = statistics.mean(len(b["text"]) for b in bodies)
    print(f"\nArticles: {described} (mean {mean_chars:,.0f} characters); N={args.n} pre-loaded per capacity "
          f"measurement, best of {args.rounds} interleaved rounds; batch size {args.batch_size}; 4 partitions; "
          "one broker; 2-core machine shared with other work\n")
    stages_cpu = statistics.median(cpu["bare+stages"])
    print(f"{'system':<26} {'articles/s':>10} {'/ bare':>7} {'/ bare+stages':>14} {'CPU ms/art':>11} "
          f"{'/ bare+stages':>14}   rounds (articles/s)")
    rows = [("bare", "bare", [bare]), ("bare+stages", "bare+stages", capacity["bare+stages"])]
    rows += [(f"worker {mode}", mode, capacity[mode]) for mode in modes]
    for name, key, values in rows:
        value, cpu_ms = max(values), statistics.median(cpu[key])
        print(f"{name:<26} {value:>10.0f} {value / bare:>7.3f} {value / best['bare+stages']:>14.3f} "
              f"{cpu_ms * 1000:>11.2f} {cpu_ms / stages_cpu:>14.3f}   " + " ".join(f"{v:.0f}" for v in values))
    print("(CPU: median over the rounds; workers: the worker process, all threads; bare loops: the bench process, "
          "which also runs its reader of the outputs)")
    print("\nLatency, raw CreateTime -> enriched CreateTime, at a steady input rate "
          f"({args.sweep_seconds:.0f} s or at least 200 articles per point); % of the capacity the same worker "
          "had just measured (last round)\n")
    print(f"{'mode':<16} {'capacity':>8} {'load':>6} {'articles/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'behind s':>9}")
    for run in sweeps:
        for label, rate, p50, p99, late in run.points:
            print(f"{run.name.split()[-1]:<16} {run.capacity:>8.0f} {label:>6} {rate:>10.0f} {p50:>8.0f} {p99:>8.0f} "
                  f"{late:>9.1f}")
    if one is None or two is None:
        return
    print(f"\nTwo workers vs one (at_least_once, measured one after the other): {two.capacity:.0f} / "
          f"{one.capacity:.0f} articles/s = {two.capacity / one.capacity:.2f}x. Caveat: this machine has 2 cores, "
          "shared by the broker, the bench's producer and reader and both workers (and here other work), so the "
          "ratio shows that a second worker takes its share of the partitions at little cost, not how far it "
          "scales on machines with free cores.")


if __name__ == "__main__":
    main()
