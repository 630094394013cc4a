"""Cost of the worker's per-article metrics hooks (agents/metrics.py) as a ratio of the processing they
measure, in the same run: the hooks one article triggers (two stage timers, processed x2, batch share,
enriched) against ``newsstream.pipeline.process`` on the committed corpus (tests/fixtures/corpus).

Usage: PYTHONPATH=. .venv/bin/python bench/observability.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from types import SimpleNamespace

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from agents import metrics  # noqa: E402
from newsstream.pipeline import process  # noqa: E402
from newsstream.records import RawArticle  # noqa: E402

CORPUS = REPO / "tests" / "fixtures" / "corpus"


def articles() -> list[RawArticle]:
    out = []
    for path in sorted(CORPUS.iterdir()):
        if path.suffix == ".txt":
            out.append(RawArticle(id=path.stem, text=path.read_text(encoding="utf-8")))
        elif path.suffix == ".html":
            out.append(RawArticle(id=path.stem, html=path.read_text(encoding="utf-8")))
    return out


def hooks_for_one_article(message: SimpleNamespace, processed_at: dict[str, str]) -> None:
    started = time.perf_counter()
    with metrics.stage_timer("decode"):
        pass
    with metrics.stage_timer("clean"):
        pass
    metrics.processed("clean", article_id="a", message=message, started=started)
    with metrics.stage_timer("quotes"):
        pass
    metrics.processed("quotes", article_id="a", message=message, started=started)
    metrics.enriched(3, processed_at)
    metrics.batch("clean", 64)  # once per batch in the worker; counted per article here (an upper bound)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    docs = articles()
    message = SimpleNamespace(topic="articles.raw", partition=0, offset=1)
    processed_at = {"received_at": "2026-01-01T00:00:00+00:00"}
    best_core = best_hooks = float("inf")
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        for doc in docs:
            process(doc)
        best_core = min(best_core, (time.perf_counter() - t0) / len(docs))
        t0 = time.perf_counter()
        for _ in range(1000):
            hooks_for_one_article(message, processed_at)
        best_hooks = min(best_hooks, (time.perf_counter() - t0) / 1000)
    print(f"core pipeline per article: {best_core * 1e3:.3f} ms; metrics hooks per article: "
          f"{best_hooks * 1e6:.1f} us; hooks / core = {best_hooks / best_core:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
