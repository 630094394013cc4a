"""Throughput of ``extract_quotes`` as a ratio to a naive quotation finder in the same run,
optionally against another checkout of the code (an A/B of two versions on the same texts).

Usage::

    .venv/bin/python bench/quotes_speed.py [--gold ../shared/eval/quotes/dev.jsonl] [--rounds 5]
        [--against /tmp/base] [--pairs 3]

What it does:

1. Times ``extract_quotes`` and the naive finder of ``bench/quotes.py`` (every
   double-quoted stretch) over the article texts, in the same process, rounds
   interleaved, best of ``--rounds`` by CPU time (``time.process_time``: one core,
   so other processes on the machine matter less than with wall time).
2. Prints articles/s of both and their ratio; the ratio is the number to compare
   between runs, since it cancels most of the machine's speed of the moment.
3. With ``--against DIR``: runs this measurement in child processes, alternately on
   this checkout and on ``DIR`` (another checkout, e.g. ``git worktree add /tmp/base
   <commit>``), ``--pairs`` times, and prints each version's best ratio and
   new/other (above 1: this checkout is faster). Each measure is the best over the
   processes, and the ratio is recomputed from the two bests.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = REPO.parent / "shared" / "eval" / "quotes" / "dev.jsonl"
NAIVE_RE = re.compile(r"[\"“]([^\"“”\n]{1,2000})[\"”]")  # the naive finder of bench/quotes.py
# the naive finder takes ~1/30 of the time of extract_quotes, so a single round of it is short and
# noisy on a shared machine: it gets this many rounds per extract_quotes round (best kept)
NAIVE_ROUNDS_PER_ROUND = 5


def load_texts(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()]


def naive(text: str) -> list[tuple[int, int]]:
    return [m.span(1) for m in NAIVE_RE.finditer(text)]


def measure(texts: list[str], rounds: int) -> dict[str, float]:
    """Best-of-``rounds`` articles/s (CPU time) of ``extract_quotes`` and of the naive finder,
    measured alternately; the first call (lazy loading of word lists) is outside the timing."""
    from newsstream.quotes import extract_quotes

    extract_quotes(texts[0])
    best = {"extract": float("inf"), "naive": float("inf")}
    for _ in range(rounds):
        for name, fn, repeat in (("extract", extract_quotes, 1), ("naive", naive, NAIVE_ROUNDS_PER_ROUND)):
            for _ in range(repeat):
                best[name] = min(best[name], _cpu_seconds(fn, texts))
    n = len(texts)
    out = {"extract": n / best["extract"], "naive": n / best["naive"]}
    out["ratio"] = out["extract"] / out["naive"]
    return out


def _cpu_seconds(fn, texts: list[str]) -> float:
    t0 = time.process_time()
    for t in texts:
        fn(t)
    return time.process_time() - t0


def child(tree: Path, gold: Path, rounds: int) -> dict[str, float]:
    """``measure`` in a fresh process with ``tree`` first on the import path."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    cmd = [sys.executable, str(Path(__file__).resolve()), "--gold", str(gold), "--rounds", str(rounds), "--json"]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False, cwd=str(tree))
    if proc.returncode:
        raise SystemExit(f"child on {tree} failed: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def line(label: str, r: dict[str, float]) -> str:
    return (
        f"{label}: extract_quotes {r['extract']:,.0f} articles/s; naive finder {r['naive']:,.0f} "
        f"articles/s; ratio {r['ratio']:.4f}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="JSONL with a 'text' per line (default: dev)")
    ap.add_argument("--rounds", type=int, default=5, help="timing rounds per process, best kept (default 5)")
    ap.add_argument("--against", type=Path, help="another checkout to compare with, in alternating child processes")
    ap.add_argument("--pairs", type=int, default=3, help="child processes per version with --against (default 3)")
    ap.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # child mode
    args = ap.parse_args(argv)
    if args.rounds < 1 or args.pairs < 1:
        raise SystemExit("--rounds and --pairs must be at least 1")
    if not args.gold.exists():
        raise SystemExit(f"no such file: {args.gold}")

    if args.against is None:
        res = measure(load_texts(args.gold), args.rounds)
        print(json.dumps(res) if args.json else line("this checkout", res))
        return 0

    runs: dict[str, list[dict[str, float]]] = {"new": [], "other": []}
    for _ in range(args.pairs):
        runs["new"].append(child(REPO, args.gold, args.rounds))
        runs["other"].append(child(args.against.resolve(), args.gold, args.rounds))
    # the best (fastest) of each measure over the processes, the ratio recomputed from them
    best = {}
    for k, v in runs.items():
        best[k] = {m: max(r[m] for r in v) for m in ("extract", "naive")}
        best[k]["ratio"] = best[k]["extract"] / best[k]["naive"]
    print(line(f"this checkout ({REPO})", best["new"]))
    print(line(f"other checkout ({args.against})", best["other"]))
    print(
        f"new/other: ratio-to-naive {best['new']['ratio'] / best['other']['ratio']:.3f}; "
        f"raw articles/s {best['new']['extract'] / best['other']['extract']:.3f} "
        f"(best of {args.pairs} processes x {args.rounds} rounds each)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
