"""Benchmark the cleaning stage: HTML extraction quality and speed, text-path speed.

Scores the HTML path on the dev split of the cleaning eval set with the eval set's
own ``score.py`` (word 4-gram shingles, document-averaged P/R/F1, as in the Zyte
article-extraction benchmark), beside plain trafilatura (default settings and
``favor_precision``) measured in the same run. Then times the text path on the
seed article and the adversarial inputs. Single process; rates are computed from the
process's CPU time (``time.process_time``), so they are per core and less disturbed by
other work on a shared machine (wall-clock seconds are printed beside them).

Example::

    .venv/bin/python bench/cleaning.py                 # everything
    .venv/bin/python bench/cleaning.py --errors 15     # plus the 15 worst dev documents
    .venv/bin/python bench/cleaning.py --skip-html     # text path and adversarial only

The eval data stays where it is (``--eval-dir``, default ``../shared/eval/cleaning``);
nothing from it is written into the repository.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sys
import time
from pathlib import Path
from types import ModuleType

import trafilatura

from newsstream.cleaning import clean_article
from newsstream.errors import CleaningError
from newsstream.records import RawArticle

SHARED = Path(__file__).resolve().parents[2] / "shared"  # the shared/ folder beside the checkout
EVAL_DIR = SHARED / "eval" / "cleaning"
SEED = SHARED / "seed" / "000_8c8c4ff59910322a.txt"


def load_scorer(eval_dir: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("aeb_score", eval_dir / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_dev(eval_dir: Path, limit: int | None) -> list[dict]:
    with gzip.open(eval_dir / "dev.jsonl.gz", "rt", encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    return records[:limit] if limit else records


def newsstream_html(record: dict) -> str:
    raw = RawArticle(id=record["id"], html=record["html"], url=record["source"].get("url"))
    try:
        return clean_article(raw).text
    except CleaningError:
        return ""


def trafilatura_with_metadata(record: dict) -> str:
    """trafilatura as newsstream calls it (precision, no comments, metadata): the speed reference."""
    doc = trafilatura.bare_extraction(
        record["html"], favor_precision=True, include_comments=False, with_metadata=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    return doc.text if doc is not None else ""


def run_extractor(name, fn, records):
    for record in records[:3]:  # warm-up: lazy imports, stoplists, compiled patterns
        fn(record)
    start, cpu = time.perf_counter(), time.process_time()
    preds = {r["id"]: fn(r) or "" for r in records}
    return name, preds, len(records) / (time.process_time() - cpu), time.perf_counter() - start


def bench_html(records: list[dict], scorer: ModuleType, skip_baselines: bool, errors: int) -> None:
    extractors = [("newsstream", newsstream_html)]
    if not skip_baselines:
        extractors += [
            ("trafilatura (default)", lambda r: trafilatura.extract(r["html"])),
            ("trafilatura (favor_precision)", lambda r: trafilatura.extract(r["html"], favor_precision=True)),
            ("trafilatura (precision+metadata)", trafilatura_with_metadata),
        ]
    print(f"HTML path: {len(records)} dev pages")
    print(f"  {'extractor':32s} {'P':>6s} {'R':>6s} {'F1':>6s} {'pages/s/core':>12s} {'wall s':>7s}")
    results = {}
    for name, fn in extractors:
        name, preds, rate, wall = run_extractor(name, fn, records)
        res = scorer.score(records, preds)["shingle4"]
        results[name] = preds
        print(f"  {name:32s} {res['P']:6.3f} {res['R']:6.3f} {res['F1']:6.3f} {rate:12.1f} {wall:7.1f}", flush=True)
    if errors:
        print_errors(records, results["newsstream"], scorer, errors)


def print_errors(records, preds, scorer, count) -> None:
    """The worst documents by P+R, with their per-document P and R."""
    rows = []
    for r in records:
        rates = scorer.doc_rates(r["gold_text"], preds[r["id"]], 4)
        p, rc = scorer.precision(*rates), scorer.recall(*rates)
        rows.append((p + rc, p, rc, r["id"][:10], r["source"].get("url", "")[:70]))
    print(f"  worst {count} documents (P, R, id, url):")
    for _, p, rc, ident, url in sorted(rows)[:count]:
        print(f"    P {p:.3f} R {rc:.3f} {ident} {url}")


def bench_text(seed: str, seconds: float) -> None:
    raw = RawArticle(id="seed", text=seed)
    clean_article(raw)
    count, start, cpu = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - start < seconds:
        for _ in range(100):
            clean_article(raw)
        count += 100
    rate = count / (time.process_time() - cpu)
    wall = count / (time.perf_counter() - start)
    print(
        f"text path: {rate:,.0f} articles/s/core by CPU time ({wall:,.0f}/s wall clock), "
        f"seed article of {len(seed):,} chars; target >= 2,000"
    )


def adversarial_inputs() -> dict[str, RawArticle]:
    nested = "<div>" * 50_000 + "<p>deep text</p>" + "</div>" * 50_000
    twin = '<div class="c"><p>Sentence {} says the same few words again and again.</p></div>'
    twins = "<html><body><article>" + "".join(twin.format(i) for i in range(9_000)) + "</article></body></html>"
    formula = '<span><span style="display:none"><math><mi>x</mi></math></span><img src="f.png"></span>'
    formulas = "<html><body><article><p>" + ("A word and " + formula) * 4_000 + "</p></article></body></html>"
    return {
        "100k caption markers, one line": RawArticle(id="a1", text="Title\n\n" + "Image caption" * 100_000),
        "100k caption marker lines": RawArticle(id="a2", text="Title\n\n" + "Image caption\n" * 100_000),
        "60k 'Media caption' + text lines": RawArticle(
            id="a3", text="Title\n\n" + "Media captionA short caption\n" * 60_000
        ),
        "1 MB single line": RawArticle(id="a4", text="word " * 200_000),
        "1 MB of '<' and '&' debris": RawArticle(id="a5", text="x <a b=" * 140_000 + "\n&amp" * 10_000),
        "100k nested <div> in the text field": RawArticle(
            id="a9", text="<div>" * 100_000 + "Deep text." + "</div>" * 100_000
        ),
        "50k nested <div> (html)": RawArticle(id="a6", html="<html><body>" + nested + "</body></html>"),
        "9k twin body containers (html)": RawArticle(id="a10", html=twins),
        "4k hidden inline formulas (html)": RawArticle(id="a11", html=formulas),
        "100k unclosed <p> (html, refused)": RawArticle(
            id="a8", html="<html><body>" + "<p>para " * 100_000 + "</body></html>"
        ),
        "10 MB page (html, refused)": RawArticle(id="a7", html="<p>" + "a" * 10_000_000 + "</p>"),
    }


def bench_adversarial() -> None:
    print("adversarial inputs:")
    for name, raw in adversarial_inputs().items():
        start = time.perf_counter()
        try:
            article = clean_article(raw)
            outcome = f"{len(article.paragraphs)} paragraphs, {len(article.removed)} removals recorded"
        except CleaningError as exc:
            outcome = f"CleaningError: {exc.reason[:60]}"
        print(f"  {name:36s} {time.perf_counter() - start:7.3f} s  {outcome}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval-dir", type=Path, default=EVAL_DIR, help="folder with dev.jsonl.gz and score.py")
    ap.add_argument("--seed", type=Path, default=SEED, help="seed article for the text-path rate")
    ap.add_argument("--limit", type=int, default=None, help="only the first N dev pages")
    ap.add_argument("--errors", type=int, default=0, help="print the N worst dev documents")
    ap.add_argument("--skip-baselines", action="store_true", help="do not run plain trafilatura")
    ap.add_argument("--skip-html", action="store_true", help="skip the dev-set scoring")
    ap.add_argument("--text-seconds", type=float, default=3.0, help="how long to time the text path")
    args = ap.parse_args(argv)
    if not args.skip_html:
        bench_html(load_dev(args.eval_dir, args.limit), load_scorer(args.eval_dir), args.skip_baselines, args.errors)
    bench_text(args.seed.read_text(encoding="utf-8"), args.text_seconds)
    bench_adversarial()
    return 0


if __name__ == "__main__":
    sys.exit(main())
