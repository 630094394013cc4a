"""Benchmark the scraped-text path on page dumps made the way naive scrapers make them.

Each dev page of the cleaning eval set (``dev.jsonl.gz``: ``html``, ``gold_text``) is rendered to
plain text by two renderers, in memory only:

``walker``
    our own block walker (lxml): block elements end a line, inline text and ``<img alt>`` are glued
    without spaces, ``script``/``style``/``noscript``/``template`` are skipped, as the seed shows
    (``...in SyriaImage copyright``, ``Media captionNegotiations...``).
``inscriptis``
    the inscriptis HTML-to-text library (CSS-aware layout; alt text not rendered).

and over two scopes: ``article`` (what a scraper with a per-site selector keeps: the deepest element
holding 90% of the page's gold-matching text, with the page's first ``<h1>`` put first, as the seed
starts with its headline) and ``page`` (the whole ``<body>``: menus, footers, comments too).

Line gold. Texts are compared as word-token strings (NFKC, ``\\w+`` tokens joined by one space,
case kept). Rendered lines are taken longest first; a line is **body** when its token string occurs
in the gold body at a place that no longer line has claimed (so a pull quote that repeats a body
sentence, or a second copy of a line, is debris). A line of fewer than ``SHORT_TOKENS`` tokens is
body only when it is a whole gold paragraph (``Reuters`` or ``Share`` inside a sentence is not body).
A line not found whole but with at least half its word trigrams in the gold is **partial** (body glued
to debris, or text the gold rewrote): counted apart, in neither rate. A line without a letter or a
digit (``___``, ``* * *``, ``|``) is **blank**: it carries no text, so it is counted in neither rate
either (before this rule a gold ``___`` separator counted as a lost body line and every blank line as
a dropped debris line). A line opening with a list number (``1. ``, as inscriptis numbers ``<ol>``
items) is also looked up without it: the gold has the item's text only. Everything else is **debris**.

A line is **kept** when its token string is one of the cleaned paragraphs or lies inside one (short
lines: equal to a whole paragraph; so a removed pull quote whose paragraph stays counts as kept, which
can only overstate the leak). Scores per renderer and scope: body-line recall (over all lines, and
averaged per article), debris leak (debris lines kept / debris lines), articles perfect (every body
line kept, no debris line kept), articles/s of the text path, and its speed beside the HTML path
(``clean_article(html=...)``) timed page by page in turn on the same pages (CPU time).
``--folds K`` prints the same figures per fold of registered domains (no site is in two folds);
with ``--sweep NAME=V1,V2`` it also picks, for each fold, the value best (body recall minus leak) on
the other folds and scores it on the held-out one. ``--leaks N`` lists the most frequent leaked and
lost lines, for analysis (printed only, never written).

Example::

    PYTHONPATH=$PWD .venv/bin/python bench/scraped.py
    PYTHONPATH=$PWD .venv/bin/python bench/scraped.py --scope article --folds 5 --leaks 30
    PYTHONPATH=$PWD .venv/bin/python bench/scraped.py --scope article --folds 5 --sweep length_low=70,90,110 --no-speed
"""

from __future__ import annotations

import argparse
import bisect
import dataclasses
import gzip
import json
import re
import sys
import time
import unicodedata
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html

from newsstream.cleaning import clean_article
from newsstream.cleaning.lines import DEFAULT_LINE_SETTINGS
from newsstream.cleaning.options import CleaningOptions
from newsstream.errors import CleaningError
from newsstream.records import CleanArticle, RawArticle

SHARED = Path(__file__).resolve().parents[2] / "shared"
EVAL_DIR = SHARED / "eval" / "cleaning"
TOKEN = re.compile(r"\w+")
SHORT_TOKENS = 3  # fewer tokens than this: body only as a whole gold paragraph ("Reuters", "Share it")
PARTIAL_SHARE = 0.5  # a line with at least this share of its word trigrams in the gold is "partial"
ORDINAL = re.compile(r"\s*\d{1,3}[.)]\s")  # "1. " as renderers number the items of an ordered list
ARTICLE_SHARE = 0.9  # article scope: the deepest element with this share of the gold-matching text

# --------------------------------------------------------------------------- renderers

SKIP = frozenset({"script", "style", "noscript", "template", "head", "title", "meta", "link", "svg", "iframe"})
BLOCK = frozenset(
    (
        "address", "article", "aside", "blockquote", "br", "dd", "details", "dialog", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
        "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr",
        "td", "th", "ul", "caption", "option", "select", "button",
    )
)


def walk_text(root: lxml.html.HtmlElement) -> str:
    """Render like a naive scraper: blocks end lines, inline text and image alt text glue together."""
    out: list[str] = []
    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            if node.tag in BLOCK:  # type: ignore[attr-defined]
                out.append("\n\n")
            if node.tail:  # type: ignore[attr-defined]
                out.append(node.tail)  # type: ignore[attr-defined]
            continue
        tag = node.tag if isinstance(node.tag, str) else ""  # type: ignore[attr-defined]
        if tag in SKIP or not tag:
            if node.tail:  # type: ignore[attr-defined]
                out.append(node.tail)  # type: ignore[attr-defined]
            continue
        if tag in BLOCK:
            out.append("\n\n")
        if tag == "img" and node.get("alt"):  # type: ignore[attr-defined]
            out.append(node.get("alt"))  # type: ignore[attr-defined]
        if node.text:  # type: ignore[attr-defined]
            out.append(node.text)  # type: ignore[attr-defined]
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))  # type: ignore[arg-type]
    lines = (" ".join(line.split()) for line in "".join(out).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def inscriptis_text(root: lxml.html.HtmlElement) -> str:
    from inscriptis import get_text

    return get_text(lxml.html.tostring(root, encoding="unicode"))


RENDERERS: dict[str, Callable[[lxml.html.HtmlElement], str]] = {"walker": walk_text, "inscriptis": inscriptis_text}

# --------------------------------------------------------------------------- line gold


def tokens_of(text: str) -> str:
    return " ".join(TOKEN.findall(unicodedata.normalize("NFKC", text)))


def article_root(doc: lxml.html.HtmlElement, gold: str) -> lxml.html.HtmlElement:
    """The deepest element holding ``ARTICLE_SHARE`` of the text that matches the gold (a per-site
    selector's stand-in), with the first ``<h1>`` copied in front when it lies outside."""
    gold_tokens = f" {tokens_of(gold)} "
    weight: dict[object, int] = defaultdict(int)
    for el in doc.iter():
        if not isinstance(el.tag, str) or el.tag in SKIP:
            continue
        for piece, owner in ((el.text, el), (el.tail, el.getparent())):
            t = tokens_of(piece or "")
            if owner is not None and len(t) >= 20 and f" {t} " in gold_tokens:
                for anc in [owner, *owner.iterancestors()]:
                    weight[anc] += len(t)
    body = doc.find("body") if doc.find("body") is not None else doc
    total = weight.get(body, 0)
    if not total:
        return body
    best = body
    for el, w in weight.items():
        if w >= ARTICLE_SHARE * total and _depth(el) > _depth(best):
            best = el
    h1 = next(iter(doc.iter("h1")), None)
    if h1 is not None and best not in h1.iterancestors() and h1 not in best.iterdescendants():
        wrapper = lxml.html.Element("div")
        wrapper.append(lxml.html.fromstring(lxml.html.tostring(h1)))
        wrapper.append(lxml.html.fromstring(lxml.html.tostring(best)))
        return wrapper
    return best


def _depth(el: object) -> int:
    return sum(1 for _ in el.iterancestors())  # type: ignore[attr-defined]


@dataclasses.dataclass
class Page:
    id: str
    domain: str
    html: str
    gold: str
    text: str
    lines: list[str]
    labels: list[str]  # body / debris / partial / blank, per line


def label_lines(lines: list[str], gold: str) -> list[str]:
    """Line gold as the module docstring says: longest lines claim gold spans first."""
    gold_tokens = f" {tokens_of(gold)} "
    paragraphs = Counter(tokens_of(p) for p in gold.split("\n") if p.strip())
    trigrams = set(_trigrams(gold_tokens.split()))
    claimed: list[tuple[int, int]] = []  # sorted, non-overlapping spans of gold_tokens
    labels = ["debris"] * len(lines)
    order = sorted(range(len(lines)), key=lambda i: -len(lines[i]))
    for i in order:
        t = tokens_of(lines[i])
        if not has_text(t):
            labels[i] = "blank"
            continue
        if t.count(" ") + 1 < SHORT_TOKENS:
            if paragraphs[t] > 0:
                paragraphs[t] -= 1
                labels[i] = "body"
            continue
        # a list item's number is the renderer's (the gold has the item's text only)
        numbered = ORDINAL.match(lines[i]) is not None and t.count(" ") + 1 > SHORT_TOKENS
        if _claim(t, gold_tokens, claimed) or (numbered and _claim(t.split(" ", 1)[1], gold_tokens, claimed)):
            labels[i] = "body"
            continue
        grams = _trigrams(t.split())
        if grams and sum(g in trigrams for g in grams) >= PARTIAL_SHARE * len(grams):
            labels[i] = "partial"
    return labels


def _claim(t: str, gold_tokens: str, claimed: list[tuple[int, int]]) -> bool:
    """Claim the first place of token string ``t`` in the gold that no other line claimed."""
    needle, start = f" {t} ", 0
    while (pos := gold_tokens.find(needle, start)) >= 0:
        span = (pos, pos + len(needle) - 1)
        k = bisect.bisect_left(claimed, span)
        if (k == 0 or claimed[k - 1][1] <= span[0]) and (k == len(claimed) or claimed[k][0] >= span[1]):
            claimed.insert(k, span)
            return True
        start = pos + 1
    return False


def has_text(tokens: str) -> bool:
    """Whether a token string holds a letter or a digit (``\\w`` also matches ``_``)."""
    return any(ch.isalnum() for ch in tokens)


def _trigrams(words: list[str]) -> list[tuple[str, ...]]:
    return [tuple(words[i : i + 3]) for i in range(len(words) - 2)]


def registered_domain(url: str) -> str:
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    parts = host.split(".")
    keep = 3 if len(parts) >= 3 and parts[-2] in ("co", "com", "org", "net", "gov", "ac") else 2
    return ".".join(parts[-keep:])


def load_pages(eval_dir: Path, renderer: str, scope: str, limit: int | None) -> list[Page]:
    pages = []
    with gzip.open(eval_dir / "dev.jsonl.gz", "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            if limit is not None and n >= limit:
                break
            rec = json.loads(line)
            doc = lxml.html.document_fromstring(rec["html"])
            root = article_root(doc, rec["gold_text"]) if scope == "article" else doc.find("body")
            text = RENDERERS[renderer](root if root is not None else doc)
            lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
            pages.append(
                Page(rec["id"], registered_domain(rec["source"]["url"]), rec["html"], rec["gold_text"], text,
                     lines, label_lines(lines, rec["gold_text"]))
            )
    return pages


# --------------------------------------------------------------------------- scoring


@dataclasses.dataclass
class Score:
    body: int = 0
    body_kept: int = 0
    debris: int = 0
    debris_kept: int = 0
    partial: int = 0
    partial_kept: int = 0
    blank: int = 0
    articles: int = 0
    perfect: int = 0
    recall_sum: float = 0.0  # per-article body-line recall, summed (macro average in row())

    def add(self, other: Score) -> None:
        for f in dataclasses.fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def row(self) -> str:
        recall = self.body_kept / self.body if self.body else 1.0
        leak = self.debris_kept / self.debris if self.debris else 0.0
        perfect = self.perfect / self.articles if self.articles else 0.0
        macro = self.recall_sum / self.articles if self.articles else 0.0
        return (f"recall {recall:6.4f} (per article {macro:6.4f})  leak {leak:6.4f}  "
                f"perfect {perfect:5.1%} ({self.perfect}/{self.articles})"
                f"  lines body {self.body} debris {self.debris} partial {self.partial} (kept {self.partial_kept})"
                f" blank {self.blank}")


def kept_flags(page: Page, article: CleanArticle | None) -> list[bool]:
    if article is None:
        return [False] * len(page.lines)
    paras = [tokens_of(p) for p in article.paragraphs]
    whole = set(paras)
    joined = " \n ".join(f" {p} " for p in paras)
    flags = []
    for line in page.lines:
        t = tokens_of(line)
        if not t:
            flags.append(False)
        elif t.count(" ") + 1 < SHORT_TOKENS:
            flags.append(t in whole)
        else:
            flags.append(f" {t} " in joined)
    return flags


def clean_text(page: Page, options: CleaningOptions) -> CleanArticle | None:
    try:
        return clean_article(RawArticle(id=page.id, text=page.text), options=options)
    except CleaningError:
        return None


def score_page(page: Page, article: CleanArticle | None) -> Score:
    s = Score(articles=1)
    flags = kept_flags(page, article)
    for label, kept in zip(page.labels, flags, strict=True):
        if label == "body":
            s.body += 1
            s.body_kept += kept
        elif label == "debris":
            s.debris += 1
            s.debris_kept += kept
        elif label == "partial":
            s.partial += 1
            s.partial_kept += kept
        else:
            s.blank += 1
    s.perfect = int(s.body_kept == s.body and s.debris_kept == 0)
    s.recall_sum = s.body_kept / s.body if s.body else 1.0
    return s


def fold_of(domain: str, folds: int) -> int:
    return zlib.crc32(domain.encode()) % folds


def evaluate(pages: list[Page], options: CleaningOptions, folds: int) -> tuple[Score, dict[int, Score], list]:
    total, per_fold, results = Score(), defaultdict(Score), []
    for page in pages:
        article = clean_text(page, options)
        s = score_page(page, article)
        total.add(s)
        if folds:
            per_fold[fold_of(page.domain, folds)].add(s)
        results.append((page, article, s))
    return total, dict(per_fold), results


def paired_rates(pages: list[Page], options: CleaningOptions, text_repeat: int = 5) -> tuple[float, float]:
    """Articles per CPU second of the text path and of the HTML path, timed page by page in
    turn (so both see the same machine load), after one untimed pass of each (lazy tables)."""
    for page in pages:
        clean_text(page, options)
        html_path(page)
    text_cpu = html_cpu = 0.0
    for page in pages:
        start = time.process_time()
        html_path(page)
        middle = time.process_time()
        for _ in range(text_repeat):
            clean_text(page, options)
        html_cpu += middle - start
        text_cpu += time.process_time() - middle
    return text_repeat * len(pages) / max(text_cpu, 1e-9), len(pages) / max(html_cpu, 1e-9)


def html_path(page: Page) -> object:
    try:
        return clean_article(RawArticle(id=page.id, html=page.html))
    except CleaningError:
        return None


def print_leaks(results: Iterable, count: int) -> None:
    """The most frequent leaked debris lines and lost body lines, by the kind that would explain them."""
    leaked: Counter[str] = Counter()
    lost: Counter[str] = Counter()
    for page, article, _ in results:
        flags = kept_flags(page, article)
        why = {" ".join(r.text.split()): r.kind for r in article.removed} if article is not None else {}
        for line, label, kept in zip(page.lines, page.labels, flags, strict=True):
            if label == "debris" and kept:
                leaked[f"{page.domain[:18]:18s} {line[:110]}"] += 1
            elif label == "body" and not kept:
                lost[f"{why.get(' '.join(line.split()), '?')[:12]:12s} {page.domain[:18]:18s} {line[:100]}"] += 1
    print(f"    leaked debris lines ({sum(leaked.values())}), first {count}:")
    for line, n in leaked.most_common(count):
        print(f"      {n:3d}  {line}")
    print(f"    lost body lines ({sum(lost.values())}), first {count}:")
    for line, n in lost.most_common(count):
        print(f"      {n:3d}  {line}")


def _kind_of(line: str, removed: dict[str, str], removed_texts: list[tuple[str, str]]) -> str:
    """The removal kind recorded for ``line`` (or ``altered:<kind>`` when a removal took a part of it)."""
    key = " ".join(line.split())
    if key in removed:
        return removed[key]
    t = tokens_of(line)
    for text, kind in removed_texts:
        if t and (text in t or t in text):
            return f"altered:{kind}"
    return "?"


def _dropped_runs(flags: list[bool]) -> list[int]:
    """For each line, the length of the run of consecutive dropped lines it belongs to (0 if kept)."""
    out = [0] * len(flags)
    i = 0
    while i < len(flags):
        j = i
        while j < len(flags) and not flags[j]:
            j += 1
        for k in range(i, j):
            out[k] = j - i
        i = max(j, i + 1)
    return out


def print_causes(results: Iterable, ablation: list[CleanArticle | None]) -> None:
    """Lost body lines counted by cause (stage, kind, shape of the line); counts only, never text.

    Stage ``pattern`` when the pattern table alone (classifier off) also loses the line, else
    ``classifier``; kind as recorded in ``removed``. Shape: whether the line is a whole gold
    paragraph or a piece of one (a renderer split), its length against ``length_low``, whether
    it ends a sentence, where it lies against the kept lines (inside, leading, trailing) and the
    length of the run of dropped lines it is in."""
    causes: Counter[str] = Counter()
    shapes: Counter[str] = Counter()
    low = DEFAULT_LINE_SETTINGS.length_low
    for (page, article, _), pattern_only in zip(results, ablation, strict=True):
        flags = kept_flags(page, article)
        base = kept_flags(page, pattern_only)
        removed = {" ".join(r.text.split()): r.kind for r in article.removed} if article is not None else {}
        removed_texts = [(tokens_of(r.text), r.kind) for r in article.removed] if article is not None else []
        paras = {tokens_of(p) for p in page.gold.split("\n") if p.strip()}
        kept_at = [i for i, k in enumerate(flags) if k]
        runs = _dropped_runs(flags)
        for i, (line, label, kept) in enumerate(zip(page.lines, page.labels, flags, strict=True)):
            if label != "body" or kept:
                continue
            if article is None:
                causes["article refused"] += 1
                continue
            stage = "pattern" if not base[i] else "classifier"
            causes[f"{stage}:{_kind_of(line, removed, removed_texts)}"] += 1
            whole = "whole-paragraph" if tokens_of(line) in paras else "piece-of-paragraph"
            size = "short" if len(line) < low else "long"
            where = ("inside" if kept_at and kept_at[0] < i < kept_at[-1]
                     else "leading" if kept_at and i < kept_at[0] else "trailing")
            run = runs[i]
            ended = "ended" if line.rstrip("\"'”’»)]")[-1:] in ".!?…" else "unended"
            shapes[f"{whole} {size} {ended} {where} run-{'1' if run == 1 else '2-3' if run <= 3 else '4+'}"] += 1
    total = sum(causes.values())
    print(f"    lost body lines by cause ({total}):")
    for cause, n in causes.most_common():
        print(f"      {n:4d}  {cause}")
    print("    lost body lines by shape:")
    for shape, n in shapes.most_common():
        print(f"      {n:4d}  {shape}")


def objective(score: Score) -> float:
    """What a setting is chosen for: body-line recall minus debris leak."""
    recall = score.body_kept / score.body if score.body else 1.0
    leak = score.debris_kept / score.debris if score.debris else 0.0
    return recall - leak


def print_held_out(name: str, by_value: dict, folds: int) -> None:
    """Leave-one-fold-out: for each fold, the value best on the other folds, scored on that fold."""
    held = Score()
    picks = []
    for k in range(folds):
        def rest(value: object, k: int = k) -> Score:
            agg = Score()
            for j, score in by_value[value].items():
                if j != k:
                    agg.add(score)
            return agg

        best = max(by_value, key=lambda v: objective(rest(v)))
        picks.append(best)
        if k in by_value[best]:
            held.add(by_value[best][k])
    print(f"  held-out (value chosen on the other folds: {picks}): {held.row()}")


def parse_sweep(spec: str) -> tuple[str, list]:
    name, _, values = spec.partition("=")
    field_type = type(getattr(DEFAULT_LINE_SETTINGS, name))
    if field_type is bool:
        return name, [v.strip().lower() in ("1", "true", "yes") for v in values.split(",")]
    return name, [field_type(v) for v in values.split(",")]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval-dir", type=Path, default=EVAL_DIR, help="folder with dev.jsonl.gz")
    ap.add_argument("--renderer", choices=[*RENDERERS, "all"], default="all")
    ap.add_argument("--scope", choices=["article", "page", "all"], default="all")
    ap.add_argument("--limit", type=int, default=None, help="only the first N dev pages")
    ap.add_argument("--folds", type=int, default=0, help="also print figures per fold of registered domains")
    ap.add_argument("--leaks", type=int, default=0, help="print the N most frequent leaked/lost lines")
    ap.add_argument("--causes", action="store_true", help="count the lost body lines by cause (stdout only)")
    ap.add_argument("--sweep", default="", help="NAME=V1,V2,...: rerun with one LineSettings field changed")
    ap.add_argument("--no-speed", action="store_true", help="skip the timing of the text and HTML paths")
    ap.add_argument("--no-classifier", action="store_true", help="pattern table only (the ablation)")
    args = ap.parse_args(argv)

    renderers = list(RENDERERS) if args.renderer == "all" else [args.renderer]
    scopes = ["article", "page"] if args.scope == "all" else [args.scope]
    base = CleaningOptions(line_settings=dataclasses.replace(DEFAULT_LINE_SETTINGS, enabled=not args.no_classifier))
    for scope in scopes:
        for renderer in renderers:
            pages = load_pages(args.eval_dir, renderer, scope, args.limit)
            print(f"{renderer} / {scope}: {len(pages)} pages, {sum(len(p.lines) for p in pages)} lines")
            if args.sweep:
                name, values = parse_sweep(args.sweep)
                by_value = {}
                for value in values:
                    opts = dataclasses.replace(
                        base, line_settings=dataclasses.replace(base.line_settings, **{name: value})
                    )
                    total, per_fold, _ = evaluate(pages, opts, args.folds)
                    by_value[value] = per_fold
                    print(f"  {name}={value!s:8s} {total.row()}")
                    for k in sorted(per_fold):
                        print(f"      fold {k}: {per_fold[k].row()}")
                if args.folds:
                    print_held_out(name, by_value, args.folds)
                continue
            total, per_fold, results = evaluate(pages, base, args.folds)
            print(f"  all     {total.row()}")
            for k in sorted(per_fold):
                domains = sorted({p.domain for p in pages if fold_of(p.domain, args.folds) == k})
                print(f"  fold {k}  {per_fold[k].row()}  ({len(domains)} domains)")
            if args.leaks:
                print_leaks(results, args.leaks)
            if args.causes:
                off = dataclasses.replace(base, line_settings=dataclasses.replace(base.line_settings, enabled=False))
                print_causes(results, [clean_text(page, off) for page in pages])
            if not args.no_speed:
                text_rate, html_rate = paired_rates(pages, base)
                print(f"  text path {text_rate:8.1f} articles/s/core; HTML path {html_rate:6.1f} pages/s/core "
                      f"(same pages, timed in turn); ratio {text_rate / html_rate:5.1f}x (target >= 20x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
