"""The quote tracker: merge precision/recall on generated pairs, memory, and throughput cost.

    python bench/tracker.py                 # P/R on 400 generated pairs, per kind; bytes per quotation
    python bench/tracker.py --sweep         # P/R for other values of the thresholds
    python bench/tracker.py --throughput    # articles/s of the pure stages with and without the tracker

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


def report(pairs: list[Pair], options: MatchOptions, label: str = "") -> None:
    for mode, predicted in (("pairwise", pairwise(pairs, options)), ("stream", stream(pairs, options))):
        p, r, right, total = scores(pairs, predicted)
        kinds = " ".join(f"{k} {right[k]}/{total[k]}" for k in sorted(total))
        print(f"{label}{mode:9s} P {p:.3f} R {r:.3f}  [{kinds}]")


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
    parser.add_argument("--throughput", action="store_true", help="see bench/tracker_stream.py for the worker")
    args = parser.parse_args()
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
