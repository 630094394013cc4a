"""Measure the recurring-line memory (newsstream/cleaning/recurring.py): what it drops, at
which threshold, what it costs in memory and time.

1. **False-positive risk** on the quote eval set (``../shared/eval/quotes/dev.jsonl``: 559 clean
   political news articles from 7 outlets, ids carrying outlet and date). The articles are
   streamed per outlet in id (date) order through :func:`newsstream.pipeline.drop_recurring`
   for each threshold; everything in those texts is article text, so every dropped paragraph is
   a candidate false positive. Printed per threshold: paragraphs dropped, of which sentence-like
   (at least 8 words), paragraphs kept only by the quote protection, articles that would be
   dead-lettered (every paragraph recurring), and articles touched.
2. **Debris caught and body lost** on the cleaning eval set (``../shared/eval/cleaning/dev.jsonl.gz``):
   pages are rendered to text with inscriptis, cleaned by the text path, and streamed per
   registered domain; a line is body when the gold body contains it (and it has 4+ words). Only 14 domains have two
   pages, so this part can only exercise threshold 2.
3. **Memory**: bytes per remembered fingerprint (tracemalloc), and the bound for 10,000 sources.
4. **Speed**: articles/s of ``clean`` alone and of ``clean`` + ``drop_recurring`` in the same run.

``--show N`` prints the paragraphs dropped at threshold N (for reading, never for copying
into code). Example::

    PYTHONPATH=$PWD .venv/bin/python bench/recurring.py
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

from newsstream.cleaning import clean_article
from newsstream.cleaning.recurring import (
    LineMemory,
    RecurringOptions,
    fingerprint,
    is_protected,
    normalise_line,
    source_key,
)
from newsstream.errors import CleaningError
from newsstream.pipeline import drop_recurring
from newsstream.records import CleanArticle, RawArticle

SHARED = Path(__file__).resolve().parents[2] / "shared"
QUOTES = SHARED / "eval" / "quotes" / "dev.jsonl"
CLEANING = SHARED / "eval" / "cleaning" / "dev.jsonl.gz"
GOLD_MIN_WORDS = 4  # see is_body
SENTENCE_WORDS = 8  # a dropped paragraph of at least this many words reads as body prose


def quote_outlets() -> dict[str, list[CleanArticle]]:
    outlets: dict[str, list[CleanArticle]] = defaultdict(list)
    with QUOTES.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            outlet = record["id"].split("/")[2].split("_")[0]
            paragraphs = tuple(p for p in record["text"].split("\n") if p.strip())
            outlets[outlet].append(CleanArticle(id=record["id"], title=None, paragraphs=paragraphs,
                                                text="\n\n".join(paragraphs), source=outlet))
    return {name: sorted(arts, key=lambda a: a.id) for name, arts in outlets.items()}


def false_positives(outlets: dict[str, list[CleanArticle]], threshold: int, show: bool) -> dict[str, int]:
    stats = defaultdict(int)
    options = RecurringOptions(min_articles=threshold)
    for articles in outlets.values():
        memory = LineMemory(options)
        for article in articles:
            try:
                out = drop_recurring(article, memory)
            except CleaningError:
                stats["dead-lettered"] += 1
                continue
            dropped = [r.text for r in out.removed if r.kind == "recurring"]
            stats["dropped"] += len(dropped)
            stats["sentence-like"] += sum(len(p.split()) >= SENTENCE_WORDS for p in dropped)
            stats["articles touched"] += bool(dropped)
            stats["kept by quote protection"] += sum(
                is_protected(p, options) and memory.count(article.source or "", p) >= threshold
                for p in dict.fromkeys(article.paragraphs))
            if show:
                for p in dropped:
                    print(f"    [{article.source}] {p[:110]}")
    return dict(stats)


def render(html: str) -> str:
    from inscriptis import get_text

    return get_text(html)


def is_body(line: str, gold: str) -> bool:
    """The gold body contains the line; lines under GOLD_MIN_WORDS words ('News', '0') are
    substrings of almost any text, so they count as debris."""
    norm = normalise_line(line)
    return len(norm.split()) >= GOLD_MIN_WORDS and norm in gold


def debris_pairs(threshold: int) -> tuple[dict[str, int], list[RawArticle]]:
    by_domain: dict[str, list[tuple[RawArticle, str]]] = defaultdict(list)
    with gzip.open(CLEANING, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            url = record["source"].get("url")
            raw = RawArticle(id=record["id"], text=render(record["html"]), url=url)
            by_domain[source_key(None, url) or "?"].append((raw, normalise_line(record["gold_text"])))
    stats: dict[str, int] = defaultdict(int)
    raws = [raw for pages in by_domain.values() for raw, _ in pages]
    for pages in by_domain.values():
        if len(pages) < threshold:
            continue
        memory = LineMemory(RecurringOptions(min_articles=threshold))
        for raw, gold in pages:
            try:
                article = drop_recurring(clean_article(raw), memory)
            except CleaningError:
                stats["dead-lettered"] += 1
                continue
            for removal in article.removed:
                if removal.kind == "recurring":
                    body = is_body(removal.text, gold)
                    stats["dropped body (false positive)" if body else "dropped debris"] += 1
            for p in article.paragraphs:
                stats["kept body" if is_body(p, gold) else "kept debris"] += 1
    return dict(stats), raws


def memory_bytes(sources: int = 200, lines: int = 4096) -> float:
    memory = LineMemory(RecurringOptions(max_lines_per_source=lines, max_lines=sources * lines))
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for s in range(sources):
        for a in range(lines // 32):
            memory.observe(f"source-{s}.example", f"article-{s}-{a}",
                           [fingerprint(f"line {s} {a} {i}") for i in range(32)])
    used = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    return used / len(memory)


def speed(raws: list[RawArticle]) -> tuple[float, float]:
    t0 = time.process_time()
    for raw in raws:
        with contextlib.suppress(CleaningError):
            clean_article(raw)
    t1 = time.process_time()
    memory = LineMemory()
    for raw in raws:
        with contextlib.suppress(CleaningError):
            drop_recurring(clean_article(raw), memory)
    t2 = time.process_time()
    return len(raws) / (t1 - t0), len(raws) / (t2 - t1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", type=int, default=None, help="print the paragraphs dropped at this threshold")
    parser.add_argument("--thresholds", default="2,3,4,5,6")
    args = parser.parse_args()
    outlets = quote_outlets()
    print(f"1. quote set: {sum(map(len, outlets.values()))} articles, {len(outlets)} outlets "
          "(every paragraph is article text: all drops are candidate false positives)")
    for threshold in (int(t) for t in args.thresholds.split(",")):
        stats = false_positives(outlets, threshold, show=args.show == threshold)
        print(f"   N={threshold}: " + ", ".join(f"{k} {v}" for k, v in sorted(stats.items())))
    stats, raws = debris_pairs(2)
    print("2. cleaning dev set rendered by inscriptis, text path, per registered domain (pairs), N=2: "
          + ", ".join(f"{k} {v}" for k, v in sorted(stats.items())))
    per_entry = memory_bytes()
    bound = RecurringOptions()
    print(f"3. memory: {per_entry:.0f} bytes per fingerprint; defaults {bound.max_lines:,} in total = "
          f"{per_entry * bound.max_lines / 2**20:.0f} MiB; 10,000 sources x {bound.max_lines_per_source:,} "
          f"would be {per_entry * 10_000 * bound.max_lines_per_source / 2**30:.1f} GiB without the total cap")
    plain, with_memory = speed(raws)
    print(f"4. speed on {len(raws)} rendered pages: clean {plain:.1f} articles/s, clean + drop_recurring "
          f"{with_memory:.1f} articles/s (ratio {with_memory / plain:.3f})")


if __name__ == "__main__":
    main()
