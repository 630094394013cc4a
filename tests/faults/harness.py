"""Fault-injection harness shared by ``tests/faults`` and ``bench/faults.py``.

1. :func:`make_articles` builds N messages with unique ids (the committed seed article,
   the committed corpus in ``tests/fixtures/corpus/`` and generated variants), optionally with
   poison pills (the malformed kinds of the backbone tests plus fuzzed bytes), and
   computes the expected outcome of each offline with :func:`newsstream.pipeline.process`.
2. :class:`PacedProducer` streams them into the raw topic at a fixed rate from a
   thread, retrying through broker outages.
3. :class:`Watcher` reads ``articles.enriched``, ``quotes`` and ``articles.deadletter``
   from the beginning in a thread (``read_committed`` for exactly-once runs).
4. :func:`reconcile` checks that every input id is in exactly one of enriched /
   dead-letter (at least once; exactly once when ``exactly_once``), that the enriched
   content equals the offline result (ignoring ``processed`` timestamps), that
   dead letters carry the expected reason, and counts duplicates.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from newsstream.config import Settings
from newsstream.decode import decode_raw
from newsstream.errors import InputError
from newsstream.pipeline import Limits, process

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEED = FIXTURES / "cleaning" / "seed_000.txt"
CORPUS = FIXTURES / "corpus"  # articles written for the project: *.txt (text field) and *.html pages
MAX_HTML_BYTES = 120_000  # keeps CI runs fast; the bench can raise it


# -- inputs -----------------------------------------------------------------
@dataclass
class Article:
    """One input message and what the offline pipeline says must become of it."""

    key: str
    value: bytes | None
    outcome: str  # "enriched" or "deadletter"
    out_id: str  # the enriched record's id (outcome enriched) or the message key
    expected: dict[str, Any] | None = None  # enriched content without ``processed``
    reason: str | None = None  # the dead-letter reason (outcome deadletter)
    kind: str = "valid"  # valid, or the poison kind


def _corpus_texts() -> list[str]:
    paths = [SEED, *sorted(CORPUS.glob("*.txt"))]
    return [p.read_text(encoding="utf-8") for p in paths]


def _corpus_html() -> list[str]:
    docs = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.html"))]
    return [d for d in docs if len(d.encode()) <= MAX_HTML_BYTES]


def strip_processed(record: dict[str, Any]) -> dict[str, Any]:
    """An enriched record without its processing timestamps."""
    return {k: v for k, v in record.items() if k != "processed"}


def offline(key: str, value: bytes | None, settings: Settings) -> Article:
    """What ``newsstream extract`` makes of one message: enriched content or a dead-letter reason."""
    try:
        limits = Limits(max_paragraphs=settings.max_paragraphs, max_quotes=settings.max_quotes)
        enriched = process(decode_raw(value, max_bytes=settings.max_message_bytes), limits=limits)
    except InputError as exc:
        return Article(key, value, "deadletter", key, reason=exc.reason)
    record = orjson.loads(orjson.dumps(enriched.to_dict()))
    return Article(key, value, "enriched", enriched.article.id, expected=strip_processed(record))


_ORACLE = """
import sys, orjson
from tests.faults.harness import offline
from newsstream.config import Settings
settings = Settings.from_env()
for line in sys.stdin.buffer:
    item = orjson.loads(line)
    value = None if item["value"] is None else item["value"].encode("latin-1")
    a = offline(item["key"], value, settings)
    print(orjson.dumps([a.outcome, a.out_id, a.expected, a.reason]).decode())
"""

SNAPSHOT_DIRS = ("agents", "newsstream", "tests")


def snapshot_source(dest: Path) -> Path:
    """Copy the code the workers run into ``dest`` and return it.

    Other engineers edit ``newsstream/cleaning`` and ``newsstream/quotes`` while the
    fault tests run; workers restarted mid-test would otherwise run newer (or half
    edited) rules than the first one. Workers and the offline oracle both run this copy.
    """
    import shutil

    from tests.kafka_helpers import REPO

    for name in SNAPSHOT_DIRS:
        shutil.copytree(REPO / name, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
                        dirs_exist_ok=True)
    return dest


def apply_oracle(articles: list[Article], settings: Settings, src: Path) -> None:
    """Set each article's expected outcome from the offline pipeline of the code in ``src``."""
    import subprocess
    import sys

    from tests.kafka_helpers import settings_env

    lines = b"".join(orjson.dumps({"key": a.key, "value": None if a.value is None else a.value.decode("latin-1")})
                     + b"\n" for a in articles)
    out = subprocess.run([sys.executable, "-c", _ORACLE], input=lines, capture_output=True, cwd=src,
                         env={**settings_env(settings), "PYTHONPATH": str(src)}, timeout=1800, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"offline oracle failed:\n{out.stderr.decode(errors='replace')[-3000:]}")
    for a, line in zip(articles, out.stdout.splitlines(), strict=True):
        a.outcome, a.out_id, a.expected, a.reason = orjson.loads(line)


class FrozenWorker:
    """A ``newsstream worker`` process running the snapshot in ``src`` (see :func:`snapshot_source`)."""

    def __init__(self, settings: Settings, log_path: Path, src: Path) -> None:
        from tests.kafka_helpers import WorkerProcess

        self._inner = WorkerProcess(settings, log_path)
        self.settings, self.log_path, self.src = settings, log_path, src

    def start(self) -> None:
        import subprocess
        import sys

        from tests.kafka_helpers import settings_env

        with open(self.log_path, "ab") as log:
            self._inner.proc = subprocess.Popen(
                [sys.executable, "-m", "agents", "worker"], cwd=self.src,
                env={**settings_env(self.settings), "PYTHONPATH": str(self.src)},
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)

    @property
    def pid(self) -> int | None:
        return self._inner.proc.pid if self._inner.proc else None

    def alive(self) -> bool:
        return self._inner.alive()

    def stop(self, sig: int = 15, timeout: float = 30.0) -> None:
        self._inner.stop(sig, timeout)

    def log(self) -> str:
        return self._inner.log()


def _variant(rng: random.Random, text: str, ident: str) -> str:
    paragraphs = [p for p in text.split("\n") if p.strip()]
    if len(paragraphs) > 6 and rng.random() < 0.5:  # a random window of the article
        start = rng.randrange(0, len(paragraphs) - 4)
        paragraphs = paragraphs[start:start + rng.randrange(4, 40)]
    return f"Dispatch {ident}.\n\n" + "\n\n".join(paragraphs)


def poison_values(rng: random.Random, template: bytes, max_bytes: int) -> list[tuple[str, bytes | None]]:
    """The malformed kinds of the backbone tests, plus fuzzed variants of a valid message."""
    kinds: list[tuple[str, bytes | None]] = [
        ("invalid-json", b'{"id": "x", "text": "unterminated'),
        ("invalid-utf8", b"caf\xe9 au lait \xff\xfe"),
        ("json-array", b'["not", "an", "object"]'),
        ("json-number", b"42"),
        ("wrong-types", b'{"id": 17, "text": ["a", "b"]}'),
        ("empty", b""),
        ("whitespace", b"  \n\t "),
        ("binary", bytes(range(256)) * 4),
        ("deeply-nested", b'{"id": "deep", "text": ' + b"[" * 5000 + b"]" * 5000 + b"}"),
        ("null", None),
        ("html-without-text", b'{"id": "h", "html": "<html><body><div><img src=x.png></div></body></html>"}'),
        ("no-text-field", b'{"id": "t", "title": "only a title"}'),
        ("oversized", b'{"id": "big", "text": "' + b"a" * (max_bytes + 10) + b'"}'),
    ]
    for n in range(40):  # fuzzed: mutate a valid message until the offline pipeline rejects it
        data = bytearray(template)
        how = n % 4
        if how == 0:
            del data[rng.randrange(1, len(data) - 1):]
        elif how == 1:
            for _ in range(rng.randrange(1, 8)):
                data[rng.randrange(len(data))] = rng.choice(b"\x00\x80\xff\xc3\"{}[]\\\n")
        elif how == 2:
            at = rng.randrange(len(data))
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 16)))
        else:
            data = bytearray(data.replace(b'"text"', b'"t\x01xt"', 1))
        kinds.append((f"fuzzed-{how}", bytes(data)))
    return kinds


def make_articles(n: int, *, settings: Settings | None = None, seed: int = 0, poison_rate: float = 0.0,
                  html_share: float = 0.1, prefix: str = "a") -> list[Article]:
    """``n`` messages with unique keys; about ``poison_rate`` of them are poison pills.

    ``settings`` supplies the limits the offline oracle applies (defaults otherwise).
    """
    settings = settings or Settings()
    max_bytes = settings.max_message_bytes
    rng = random.Random(seed)
    texts, htmls = _corpus_texts(), _corpus_html()
    articles: list[Article] = []
    n_poison = round(n * poison_rate)
    for i in range(n - n_poison):
        ident = f"{prefix}-{seed}-{i:06d}"
        if htmls and rng.random() < html_share:
            value = orjson.dumps({"id": ident, "html": rng.choice(htmls), "source": "fault-harness"})
        else:
            value = orjson.dumps({"id": ident, "text": _variant(rng, rng.choice(texts), ident),
                                  "source": "fault-harness"})
        articles.append(offline(ident, value, settings))
    template = orjson.dumps({"id": "tmpl", "text": _variant(rng, rng.choice(texts), "tmpl")})
    pool = poison_values(rng, template, max_bytes)
    fixed, fuzzed = pool[:13], pool[13:]
    for j in range(n_poison):
        kind, value = fixed[j] if j < len(fixed) else rng.choice(fuzzed)
        key = f"{prefix}-{seed}-poison-{j:05d}"
        verdict = offline(key, value, settings)
        if verdict.outcome != "deadletter":  # a mutation that is still a valid article: break it
            value = (value or b"") + b"\xff"
            verdict = offline(key, value, settings)
        verdict.kind = kind
        articles.append(verdict)
    rng.shuffle(articles)
    ids = [a.out_id for a in articles]
    assert len(ids) == len(set(ids)), "generated ids are not unique"
    return articles


# -- producing ----------------------------------------------------------------
class PacedProducer(threading.Thread):
    """Sends ``articles`` to the raw topic at ``rate`` messages/s, retrying through outages.

    Every message is sent until the broker acknowledges it; a chunk that fails is
    sent again (so a broker restart may duplicate raw messages, never lose them).
    """

    def __init__(self, settings: Settings, articles: list[Article], *, rate: float = 50.0,
                 chunk: int = 10, idempotent: bool = True) -> None:
        super().__init__(daemon=True, name="paced-producer")
        self.settings, self.articles, self.rate, self.chunk = settings, articles, rate, chunk
        self.idempotent = idempotent
        self.sent = 0
        self.resends = 0
        self.error: BaseException | None = None
        self.finished_at: float | None = None

    def run(self) -> None:
        try:
            asyncio.run(self._run())
        except BaseException as exc:
            self.error = exc
        self.finished_at = time.time()

    async def _run(self) -> None:
        from agents.admin import ensure_topics
        from agents.client import make_producer

        await ensure_topics(self.settings, timeout=120)
        start = time.monotonic()
        i = 0
        producer = None
        while i < len(self.articles):
            batch = self.articles[i:i + self.chunk]
            try:
                if producer is None:
                    producer = make_producer(self.settings, acks="all", enable_idempotence=self.idempotent,
                                             request_timeout_ms=15_000)
                    await producer.start()
                futures = [await producer.send(self.settings.topic_raw, a.value, key=a.key.encode())
                           for a in batch]
                await asyncio.gather(*futures)
            except Exception:
                self.resends += len(batch)
                if producer is not None:
                    with contextlib.suppress(Exception):
                        await producer.stop()
                producer = None
                await asyncio.sleep(1.0)
                continue
            i += len(batch)
            self.sent = i
            delay = start + i / self.rate - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
        if producer is not None:
            await producer.stop()


# -- watching the outputs -----------------------------------------------------
@dataclass
class Output:
    topic: str
    partition: int
    offset: int
    timestamp: float  # seconds (the producer's CreateTime)
    key: str | None
    value: dict[str, Any]


class Watcher(threading.Thread):
    """Reads the output topics from the beginning, without a consumer group, in a thread."""

    def __init__(self, settings: Settings, *, isolation_level: str = "read_uncommitted",
                 topics: list[str] | None = None) -> None:
        super().__init__(daemon=True, name="output-watcher")
        self.settings = settings
        self.topics = topics or [settings.topic_enriched, settings.topic_quotes, settings.topic_deadletter]
        self.isolation_level = isolation_level
        self.outputs: list[Output] = []
        self.lock = threading.Lock()
        self.ready = threading.Event()
        self._halt = threading.Event()
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            asyncio.run(self._run())
        except BaseException as exc:
            self.error = exc
            self.ready.set()

    async def _run(self) -> None:
        from agents.admin import ensure_topics
        from agents.client import TopicReader

        await ensure_topics(self.settings, timeout=120)
        reader = TopicReader(self.settings, self.topics, from_beginning=True, isolation_level=self.isolation_level)
        await reader.start()
        self.ready.set()
        try:
            while not self._halt.is_set():
                try:
                    batch = await reader.consumer.getmany(timeout_ms=300)
                except Exception:  # broker restarting: keep reading
                    await asyncio.sleep(0.5)
                    continue
                got = [Output(r.topic, r.partition, r.offset, r.timestamp / 1000,
                              r.key.decode("utf-8", "replace") if r.key is not None else None,
                              orjson.loads(r.value))
                       for records in batch.values() for r in records]
                if got:
                    with self.lock:
                        self.outputs.extend(got)
        finally:
            await reader.stop()

    def stop(self) -> None:
        self._halt.set()
        self.join(timeout=30)

    def snapshot(self) -> list[Output]:
        with self.lock:
            return list(self.outputs)

    def covered(self) -> set[str]:
        """Ids seen in enriched (record id) or dead-letter (message key)."""
        out = set()
        for o in self.snapshot():
            if o.topic == self.settings.topic_enriched:
                out.add(o.value["id"])
            elif o.topic == self.settings.topic_deadletter and o.key is not None:
                out.add(o.key)
        return out

    def count(self, topic: str | None = None) -> int:
        return sum(1 for o in self.snapshot() if topic is None or o.topic == topic)

    def wait_covered(self, ids: set[str], *, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if ids <= self.covered():
                return True
            time.sleep(0.3)
        return False

    def wait_progress(self, n: int, *, timeout: float) -> bool:
        """Wait until ``n`` distinct input ids have an output (enriched or dead letter)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.covered()) >= n:
                return True
            time.sleep(0.1)
        return False

    def drain(self, idle: float = 2.0, timeout: float = 30.0) -> None:
        """Wait until no new output arrived for ``idle`` seconds."""
        deadline = time.monotonic() + timeout
        last, last_change = -1, time.monotonic()
        while time.monotonic() < deadline:
            n = self.count()
            if n != last:
                last, last_change = n, time.monotonic()
            elif time.monotonic() - last_change >= idle:
                return
            time.sleep(0.2)

    def first_output_after(self, t: float, *, topics: tuple[str, ...] | None = None) -> float | None:
        """Timestamp of the first output record created after ``t`` (seconds since the epoch)."""
        topics = topics or (self.settings.topic_enriched, self.settings.topic_deadletter)
        times = [o.timestamp for o in self.snapshot() if o.topic in topics and o.timestamp > t]
        return min(times) if times else None

    def stall_after(self, t: float, window: float = 60.0) -> float:
        """The longest pause in enriched output within ``window`` s after ``t`` (from ``t`` itself)."""
        times = sorted(o.timestamp for o in self.snapshot()
                       if o.topic == self.settings.topic_enriched and t < o.timestamp <= t + window)
        gaps = [b - a for a, b in zip([t, *times], times, strict=False)]
        return max(gaps, default=window)

    def resume_per_partition(self, t: float, partitions: int) -> float | None:
        """Seconds from ``t`` until every partition of the enriched topic had output again."""
        firsts: dict[int, float] = {}
        for o in self.snapshot():
            if o.topic == self.settings.topic_enriched and o.timestamp > t:
                firsts[o.partition] = min(firsts.get(o.partition, o.timestamp), o.timestamp)
        if len(firsts) < partitions:
            return None
        return max(firsts.values()) - t


# -- reconciliation -----------------------------------------------------------
@dataclass
class Report:
    n: int
    lost: list[str] = field(default_factory=list)
    duplicated: dict[str, int] = field(default_factory=dict)  # id -> extra copies
    in_both: list[str] = field(default_factory=list)
    wrong_outcome: list[str] = field(default_factory=list)
    content_mismatch: list[str] = field(default_factory=list)
    reason_mismatch: list[str] = field(default_factory=list)
    quote_duplicates: int = 0
    quote_missing: int = 0
    mismatch_fields: set[str] = field(default_factory=set)  # fields that differed from the offline result
    workers_alive: list[bool] = field(default_factory=list)  # each worker, when everything was processed

    @property
    def n_duplicated(self) -> int:
        return sum(self.duplicated.values())

    def problems(self, *, exactly_once: bool) -> list[str]:
        found = []
        for name in ("lost", "in_both", "wrong_outcome", "content_mismatch", "reason_mismatch"):
            value = getattr(self, name)
            if value:
                found.append(f"{name}: {len(value)} e.g. {value[:5]}")
        if self.content_mismatch:
            found.append(f"fields that differ from the offline result: {sorted(self.mismatch_fields)}")
        if self.quote_missing:
            found.append(f"quote_missing: {self.quote_missing}")
        if exactly_once and (self.duplicated or self.quote_duplicates):
            found.append(f"duplicated: {self.n_duplicated} ids {list(self.duplicated)[:5]}, "
                         f"quote duplicates: {self.quote_duplicates}")
        return found


def reconcile(articles: list[Article], outputs: list[Output], settings: Settings) -> Report:
    """Compare what came out with what the offline pipeline expects."""
    report = Report(n=len(articles))
    enriched: dict[str, list[dict]] = defaultdict(list)
    letters: dict[str, list[dict]] = defaultdict(list)
    quotes: Counter[tuple[str, int]] = Counter()
    for o in outputs:
        if o.topic == settings.topic_enriched:
            enriched[o.value["id"]].append(o.value)
        elif o.topic == settings.topic_deadletter:
            letters[o.key or ""].append(o.value)
        elif o.topic == settings.topic_quotes:
            quotes[(o.value["article_id"], o.value["index"])] += 1
    for a in articles:
        got_e, got_d = enriched.get(a.out_id, []), letters.get(a.key, [])
        if not got_e and not got_d:
            report.lost.append(a.out_id)
            continue
        if got_e and got_d:
            report.in_both.append(a.out_id)
        copies = len(got_e) + len(got_d)
        if copies > 1:
            report.duplicated[a.out_id] = copies - 1
        if a.outcome == "enriched":
            if not got_e:
                report.wrong_outcome.append(a.out_id)
                continue
            for v in got_e:
                got = strip_processed(v)
                if got != a.expected:
                    report.content_mismatch.append(a.out_id)
                    fields = sorted(k for k in set(got) | set(a.expected) if got.get(k) != a.expected.get(k))
                    report.mismatch_fields.update(fields)
                    break
            for index in range(len(a.expected["quotes"])):
                if quotes.get((a.out_id, index), 0) == 0:
                    report.quote_missing += 1
        else:
            if not got_d:
                report.wrong_outcome.append(a.key)
                continue
            if any(d["reason"] != a.reason for d in got_d):
                report.reason_mismatch.append(a.key)
    report.quote_duplicates = sum(c - 1 for c in quotes.values() if c > 1)
    return report


def finish(watcher: Watcher, articles: list[Article], settings: Settings, workers: list[Any], *,
           timeout: float = 240.0) -> Report:
    """Wait until every input has an output, stop the workers, read to the end, reconcile."""
    wanted = {a.out_id if a.outcome == "enriched" else a.key for a in articles}
    done = watcher.wait_covered(wanted, timeout=timeout)
    watcher.drain(idle=3.0)
    alive = [worker.alive() for worker in workers]
    for worker in workers:
        worker.stop()
    watcher.drain(idle=1.0)
    watcher.stop()
    report = reconcile(articles, watcher.snapshot(), settings)
    if not done:
        report.lost = sorted(set(report.lost) | (wanted - watcher.covered()))
    report.workers_alive = alive
    return report
