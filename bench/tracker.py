"""The quote tracker: merge precision/recall on generated pairs, memory, and throughput cost.

    python bench/tracker.py                 # P/R on 400 generated pairs, per kind; bytes per quotation
    python bench/tracker.py --sweep         # P/R for other values of the thresholds
    python bench/tracker.py --speed 600     # ms per sighting of the pure core (matching + records)
    python bench/tracker.py --throughput --bootstrap 127.0.0.1:39092 [--n 1500] [--rounds 2]
        # articles/s of a real worker on the real broker with and without the tracker, same run

The pairs are generated from invented quotations (newsstream/tracker/pairs.py): no evaluation
data. Each pair is judged by a fresh index (pairwise) and by one index holding the whole set
(stream: every quotation competes with all the others of its speaker).
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import sys
import time
import tracemalloc
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsstream.tracker.identity import MatchOptions, QuotationIndex
from newsstream.tracker.normalise import normalise, speaker_bucket
from newsstream.tracker.pairs import Pair, generate


def pairwise(pairs: list[Pair], options: MatchOptions) -> list[bool]:
    out = []
    for p in pairs:
        index = QuotationIndex(options)
        a = index.observe(p.speaker_a, p.text_a)
        b = index.observe(p.speaker_b, p.text_b)
        out.append(a is not None and b is not None and a.quotation_id == b.quotation_id)
    return out


def stream(pairs: list[Pair], options: MatchOptions, seed: int = 1) -> list[bool]:
    """All sightings through one index in a shuffled order (a's before b's of their pair)."""
    index = QuotationIndex(options)
    order = list(range(len(pairs)))
    random.Random(seed).shuffle(order)
    ids: dict[tuple[int, str], str | None] = {}
    for side in ("a", "b"):
        for i in order:
            p = pairs[i]
            m = index.observe(getattr(p, f"speaker_{side}"), getattr(p, f"text_{side}"))
            ids[(i, side)] = m.quotation_id if m else None
    return [ids[(i, "a")] is not None and ids[(i, "a")] == ids[(i, "b")] for i in range(len(pairs))]


def scores(pairs: list[Pair], predicted: list[bool]) -> tuple[float, float, Counter[str], Counter[str]]:
    tp = sum(p.same and y for p, y in zip(pairs, predicted, strict=True))
    fp = sum((not p.same) and y for p, y in zip(pairs, predicted, strict=True))
    fn = sum(p.same and not y for p, y in zip(pairs, predicted, strict=True))
    right: Counter[str] = Counter(p.kind for p, y in zip(pairs, predicted, strict=True) if y == p.same)
    total: Counter[str] = Counter(p.kind for p in pairs)
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1), right, total


def ambiguous(pairs: list[Pair], i: int) -> bool:
    """Whether the shorter text of pair ``i`` is also a run of words of another text of the same
    speaker in the set: an excerpt that two of the speaker's quotations share (the stream may
    rightly give it to either; only one is its pair's label)."""
    p = pairs[i]
    short = min((f" {normalise(p.text_a)} ", f" {normalise(p.text_b)} "), key=len)
    bucket = speaker_bucket(p.speaker_a)
    return any(short in f" {normalise(text)} " and f" {normalise(text)} " != short
               for j, q in enumerate(pairs) if j != i
               for speaker, text in ((q.speaker_a, q.text_a), (q.speaker_b, q.text_b))
               if speaker_bucket(speaker) == bucket)


def report(pairs: list[Pair], options: MatchOptions, label: str = "") -> None:
    for mode, predicted in (("pairwise", pairwise(pairs, options)), ("stream", stream(pairs, options))):
        p, r, right, total = scores(pairs, predicted)
        kinds = " ".join(f"{k} {right[k]}/{total[k]}" for k in sorted(total))
        print(f"{label}{mode:9s} P {p:.3f} R {r:.3f}  [{kinds}]")
        if mode == "stream" and not label:
            missed = [i for i, (q, y) in enumerate(zip(pairs, predicted, strict=True)) if q.same and not y]
            shared = sum(ambiguous(pairs, i) for i in missed)
            print(f"{'':9s} {len(missed)} missed, {shared} of them ambiguous (the shorter text is also a run "
                  "of another of the speaker's quotations)")
            order_dependence(pairs, options, predicted)


def order_dependence(pairs: list[Pair], options: MatchOptions, first: list[bool], orders: int = 5) -> None:
    """How much the arrival order decides: the stream in ``orders`` other shuffles, against the first."""
    changed: set[int] = set()
    recalls = []
    for seed in range(2, 2 + orders):
        other = stream(pairs, options, seed)
        changed |= {i for i, (a, b) in enumerate(zip(first, other, strict=True)) if a != b}
        recalls.append(scores(pairs, other)[1])
    print(f"{'':9s} order: {len(changed)} of {len(pairs)} pairs judged otherwise in {orders} other orders; "
          f"R {min(recalls):.3f}-{max(recalls):.3f}")


def memory(options: MatchOptions, n: int = 1000) -> float:
    """Bytes per indexed quotation (tracemalloc), over ``n`` generated quotations."""
    texts = [(p.speaker_a, p.text_a) for p in generate(n * 2, seed=99) if not p.same][:n]
    texts = [(s, f"{t} {i}") for i, (s, t) in enumerate(texts)]  # all distinct
    tracemalloc.start()
    index = QuotationIndex(options)
    before = tracemalloc.get_traced_memory()[0]
    for s, t in texts:
        index.observe(s, t)
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return (after - before) / max(len(index), 1)


def _sightings(n: int) -> list[dict]:
    """The sightings of ``n`` invented articles (pairs.articles) through the offline stages."""
    import orjson

    from newsstream.decode import decode_raw
    from newsstream.pipeline import clean, enrich
    from newsstream.tracker.pairs import articles
    from newsstream.tracker.sightings import sightings

    out = []
    for article in articles(n):
        value = orjson.dumps(article)
        enriched = enrich(clean(decode_raw(value, max_bytes=len(value) + 1)))
        out += [s for _b, s in sightings(orjson.loads(orjson.dumps(enriched.to_dict())), "2026-01-01T00:00:00+00:00")]
    return out


def speed(n: int, options: MatchOptions, repeat: int = 3) -> None:
    """Milliseconds per sighting of the pure core (matching and records, no Kafka), best of
    ``repeat``, over the sightings of ``n`` invented articles, one sighting per batch."""
    from newsstream.tracker.tracking import Tracker

    found = _sightings(n)
    best = float("inf")
    for _ in range(repeat):
        tracker, table = Tracker(options), {}
        started = time.perf_counter()
        for sighting in found:
            changes = tracker.track([sighting], table.get)
            table.update(changes.records)
        best = min(best, time.perf_counter() - started)
    print(f"core: {best / len(found) * 1000:.3f} ms per sighting ({len(found)} sightings of {n} articles, "
          f"best of {repeat})")


def _expected_sightings(messages: list[tuple[bytes, bytes]]) -> int:
    """Quotation records the tracker writes for ``messages``: one per attributed quotation of
    each article (every article has its own id, so each one counts), from the offline stages."""
    import orjson

    from newsstream.decode import decode_raw
    from newsstream.pipeline import clean, enrich
    from newsstream.tracker.sightings import sightings

    total = 0
    for _key, value in messages:
        enriched = enrich(clean(decode_raw(value, max_bytes=len(value) + 1)))
        total += len(sightings(orjson.loads(orjson.dumps(enriched.to_dict())), "2026-01-01T00:00:00+00:00"))
    return total


QUIET_SECONDS = 15.0  # no new quotation record for this long: the tracker has caught up


def tree_cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) of process ``pid`` and all its descendants, from /proc."""
    import os

    stats: dict[int, tuple[int, float]] = {}  # pid -> (parent, cpu seconds)
    ticks = os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rpartition(")")[2].split()
        except OSError:
            continue
        # after the name: state ppid ... utime(12th) stime cutime cstime
        stats[int(entry)] = (int(fields[1]), sum(int(v) for v in fields[11:15]) / ticks)
    tree, total, grew = {pid}, 0.0, True
    while grew:
        grew = False
        for child, (parent, _cpu) in stats.items():
            if parent in tree and child not in tree:
                tree.add(child)
                grew = True
    for member in tree:
        total += stats.get(member, (0, 0.0))[1]
    return total


class CpuMarks:
    """The worker's CPU seconds when the first and the latest output were read."""

    def __init__(self, pid: int) -> None:
        self.pid, self.first, self.last = pid, None, None

    def seen(self) -> None:
        now = tree_cpu_seconds(self.pid)
        if self.first is None:
            self.first = now
        self.last = now


async def _until_quiet(settings, topic: str, marks: CpuMarks | None = None) -> list[tuple[bytes, int, int]]:
    """(key, CreateTime ms, 0) of every record of ``topic`` once none came for QUIET_SECONDS."""
    from agents.client import TopicReader

    reader = TopicReader(settings, [topic], from_beginning=True)
    await reader.start()
    seen: list[tuple[bytes, int, int]] = []
    last = time.monotonic()
    try:
        while time.monotonic() - last < QUIET_SECONDS:
            batch = await reader.consumer.getmany(timeout_ms=500)
            for records in batch.values():
                seen.extend((r.key, r.timestamp, 0) for r in records)
                last = time.monotonic()
            if batch and marks is not None:
                marks.seen()
    finally:
        await reader.stop()
    return seen


async def _preload(settings, messages) -> None:
    from agents.admin import ensure_topics
    from bench.stream import produce

    await ensure_topics(settings, timeout=60)
    await produce(settings, messages)  # to settings.topic_raw


async def _read_outputs(settings, topics: list[str], expected: int, timeout: float,
                        marks: CpuMarks | None = None) -> list[tuple[bytes, int, int]]:
    """(key, CreateTime ms, 0) of the first ``expected`` records of ``topics``."""
    from agents.client import TopicReader

    reader = TopicReader(settings, topics, from_beginning=True)
    await reader.start()
    seen: list[tuple[bytes, int, int]] = []
    deadline = time.monotonic() + timeout
    try:
        while len(seen) < expected and time.monotonic() < deadline:
            batch = await reader.consumer.getmany(timeout_ms=500)
            for records in batch.values():
                seen.extend((r.key, r.timestamp, 0) for r in records)
            if batch and marks is not None:
                marks.seen()
    finally:
        await reader.stop()
    return seen


def throughput(bootstrap: str, n: int, rounds: int) -> None:
    """A worker on the real broker, N pre-loaded invented articles (4 attributed quotations each,
    30 % of them syndicated forms of earlier ones: pairs.articles), with the tracker off
    and on, interleaved: articles/s = N / (last output - first output), where the outputs are the
    enriched records and, with the tracker, also its quotation records (it must have caught up);
    and the worker's CPU seconds over that span (its process tree, from /proc), which the other
    processes of a shared machine disturb less than the wall clock: N / CPU seconds is the rate
    on a core of its own."""
    import asyncio
    import tempfile

    import orjson

    from newsstream.tracker.pairs import articles
    from tests.kafka_helpers import WorkerProcess, isolated_settings

    messages = [(a["id"].encode(), orjson.dumps(a)) for a in articles(n)]
    print(f"{n} articles, {_expected_sightings(messages)} attributed quotations")
    results: dict[int, list[float]] = {0: [], 1: []}
    cpu_rates: dict[int, list[float]] = {0: [], 1: []}
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(rounds):
            for tracker in (0, 1) if r % 2 == 0 else (1, 0):
                s = isolated_settings(bootstrap, Path(tmp), tracker=str(tracker))
                asyncio.run(_preload(s, messages))
                worker = WorkerProcess(s, log_path=Path(tmp) / f"{s.app_id}.log")
                worker.start()
                assert worker.proc is not None
                marks = CpuMarks(worker.proc.pid)
                try:
                    out = asyncio.run(_read_outputs(s, [s.topic_enriched, s.topic_deadletter], n, timeout=900,
                                                    marks=marks))
                    if tracker:
                        out += asyncio.run(_until_quiet(s, s.topic_quotations, marks))
                finally:
                    worker.stop()
                stamps = sorted(t for _k, t, _r in out)
                rate = n / ((stamps[-1] - stamps[0]) / 1000)
                cpu = (marks.last or 0.0) - (marks.first or 0.0)
                results[tracker].append(rate)
                cpu_rates[tracker].append(n / cpu if cpu > 0 else float("nan"))
                print(f"round {r} tracker={tracker}: {len(out)} outputs, {rate:,.1f} articles/s, "
                      f"{cpu:.2f} CPU s ({cpu_rates[tracker][-1]:,.0f} articles per CPU second)")
    off, on = (sum(v) / len(v) for v in (results[0], results[1]))
    print(f"without tracker {off:,.1f} articles/s, with {on:,.1f}: ratio {on / off:.2f}")
    off, on = (sum(v) / len(v) for v in (cpu_rates[0], cpu_rates[1]))
    print(f"per CPU second: without tracker {off:,.0f} articles, with {on:,.0f}: ratio {on / off:.2f}")


SWEEPS = {
    "shingle": (2, 3, 4),
    "min_jaccard": (0.3, 0.4, 0.5, 0.6, 0.7),
    "min_containment": (0.5, 0.6, 0.7, 0.8, 0.9),
    "min_excerpt_words": (3, 4, 6),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=400)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--sweep", action="store_true")
    parser.add_argument("--throughput", action="store_true", help="worker articles/s with vs without the tracker")
    parser.add_argument("--speed", type=int, metavar="N", help="ms per sighting of the core on N invented articles")
    parser.add_argument("--bootstrap", default="127.0.0.1:9092", help="broker for --throughput")
    parser.add_argument("--n", type=int, default=1500, help="articles per --throughput run")
    parser.add_argument("--rounds", type=int, default=2, help="--throughput runs per setting, interleaved")
    args = parser.parse_args()
    if args.throughput:
        throughput(args.bootstrap, args.n, args.rounds)
        return
    if args.speed:
        speed(args.speed, MatchOptions())
        return
    pairs = generate(args.pairs, args.seed)
    options = MatchOptions()
    print(f"{len(pairs)} pairs: {sum(p.same for p in pairs)} same, {sum(not p.same for p in pairs)} different")
    report(pairs, options)
    if args.sweep:
        for name, values in SWEEPS.items():
            for value in values:
                report(pairs, dataclasses.replace(options, **{name: value}), f"{name}={value} ")
    started = time.perf_counter()
    per = memory(options)
    print(f"memory: {per:,.0f} B per quotation -> {per * options.max_quotations / 2**20:,.0f} MiB at "
          f"max_quotations={options.max_quotations:,} ({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
