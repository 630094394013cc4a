"""Lines learned from the stream: a paragraph that recurs across different articles of one
source is boilerplate (footers, follow-us lines, editor's notes, share labels, credit lines).

Pure and in-process: :class:`LineMemory` remembers, per source, which articles each line
fingerprint was seen in; :func:`drop_recurring` (in :mod:`newsstream.pipeline`) asks it
which paragraphs of a clean article to drop. The worker mirrors the memory into a Faust
table (``agents/recurring.py``) through :meth:`LineMemory.drain_changes`.

- **source**: the article's ``source`` field, else its URL's registered domain
  (:func:`source_key`);
- **fingerprint**: 8 bytes of blake2b over the case-folded, white-space-collapsed line
  (:func:`fingerprint`);
- **count**: the distinct articles (by a 4-byte hash of the article id) the line was seen
  in, kept exactly up to ``min_articles``: an article repeating its own line, or processed
  twice (a replay after a crash), counts once;
- **decision**: a line seen in at least ``min_articles`` distinct articles of its source,
  this one included, is dropped; so the first ``min_articles - 1`` articles that carry a line
  always keep it;
- **bounds**: an LRU of fingerprints per source (``max_lines_per_source``), an LRU of sources
  (``max_sources``) and a total number of fingerprints (``max_lines``), evicting from the least
  recently seen source. Eviction only forgets, so counts are never over-estimated: the bound
  can make the memory miss boilerplate, never remove a line seen in fewer articles.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from tld import get_fld

REMOVAL_KIND = "recurring"
ID_HASH_BITS = 32  # bits of an article-id hash; collisions only under-count (the safe side)
_ID_MASK = (1 << ID_HASH_BITS) - 1
# A paragraph holding a double-quoted passage (two of these marks) is never dropped: see
# RecurringOptions.protect_quotes.
DOUBLE_QUOTES = frozenset('"“”„«»')
HOST_NAME = re.compile(r"[\w-]{1,63}(?:\.[\w-]{1,63}){0,126}")  # a URL host without a public suffix


@dataclass(frozen=True, slots=True)
class RecurringOptions:
    """Switches and bounds of the recurring-line memory.

    :param min_articles: a line seen in at least this many distinct articles of one source
        (this one included) is dropped; 0 turns the memory off (default 3). Measured with
        ``bench/recurring.py`` on 559 political news articles of 7 outlets, streamed in date
        order: at 2, 96 paragraphs of 8+ words were dropped, mostly from articles sent again
        under a new id (an update loses every paragraph it shares with its first version); at
        3, 17, of which 13 boilerplate (editor's notes, "like the page" lines, a video notice)
        and 4 copies of one stock background sentence; the short ones were debris (labels,
        separators, "Full text"/"Abstract", network names) and live-blog time stamps; 4 and 5
        drop the same kinds but let one or two more copies of each pass first.
    :param max_lines_per_source: fingerprints remembered per source (default 4,096, about 100
        articles of 40 paragraphs): a line must recur within that window to be counted, so a
        stock body sentence that appears in one article in a hundred ages out while a footer
        in every article stays.
    :param max_sources: sources remembered (default 10,000, the scale the README sizes the memory
        for; the least recently seen is forgotten).
    :param max_lines: fingerprints remembered in total (default 2,000,000: about 231 MiB at the
        121 bytes per fingerprint ``bench/recurring.py`` measures in CPython, see README); past
        it the least recently seen source loses its oldest lines.
    :param protect_quotes: never drop a paragraph with a double-quoted passage (default True):
        quotations are what the next stage extracts, and in the measured outlets the quoted
        paragraphs that recurred came from re-sent articles, not from boilerplate.
    """

    min_articles: int = 3
    max_lines_per_source: int = 4096
    max_sources: int = 10_000
    max_lines: int = 2_000_000
    protect_quotes: bool = True

    @property
    def enabled(self) -> bool:
        return self.min_articles > 0


DEFAULT_RECURRING = RecurringOptions()


def normalise_line(line: str) -> str:
    """Case-folded with white space collapsed: the form a fingerprint is taken of."""
    return " ".join(line.casefold().split())


def fingerprint(line: str) -> int:
    """A stable 64-bit fingerprint of the normalised line (blake2b, 8 bytes)."""
    digest = hashlib.blake2b(normalise_line(line).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def article_hash(article_id: str) -> int:
    """A non-zero 32-bit hash of an article id (distinct-article counting)."""
    digest = hashlib.blake2b(article_id.encode("utf-8"), digest_size=4).digest()
    return int.from_bytes(digest, "big") or 1


def source_key(source: str | None, url: str | None) -> str | None:
    """Whose lines an article shares: the ``source`` field (stripped, case-folded), else the
    URL's registered domain (``news.example.co.uk`` -> ``example.co.uk``, by the Public Suffix
    List bundled with the ``tld`` package), else the URL's host (IP addresses, ``localhost``);
    None when there is neither a usable source nor a URL."""
    if source and source.strip():
        return " ".join(source.casefold().split())
    if not url or not url.strip():
        return None
    url = url.strip()
    domain = get_fld(url, fail_silently=True, fix_protocol="://" not in url)
    if domain:
        return domain.casefold()
    try:
        host = urlsplit(url if "://" in url else f"http://{url}").hostname
    except ValueError:
        return None
    if not host:
        return None
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        host = host.casefold().rstrip(".")
        return host if HOST_NAME.fullmatch(host) else None


def is_protected(line: str, options: RecurringOptions) -> bool:
    """A paragraph the memory never drops (see :attr:`RecurringOptions.protect_quotes`)."""
    return options.protect_quotes and sum(1 for ch in line if ch in DOUBLE_QUOTES) >= 2


# -- the per-fingerprint entry: up to ``min_articles`` 32-bit article hashes packed in one int
def _ids(entry: int) -> list[int]:
    out = []
    while entry:
        out.append(entry & _ID_MASK)
        entry >>= ID_HASH_BITS
    return out


def _count(entry: int) -> int:
    return (entry.bit_length() + ID_HASH_BITS - 1) // ID_HASH_BITS


def _with_id(entry: int, article: int) -> int:
    return (entry << ID_HASH_BITS) | article


def pack_ids(ids: Iterable[int]) -> int:
    """The entry holding these (non-zero, 32-bit) article hashes."""
    entry = 0
    for article in ids:
        article &= _ID_MASK
        if article and article not in _ids(entry):
            entry = _with_id(entry, article)
    return entry


Change = tuple[str, int, list[int] | None]
"""``(source, fingerprint, article hashes)`` after an update, or ``None`` hashes when evicted."""


class LineMemory:
    """Per-source line-fingerprint counts, bounded (see the module docstring).

    :param options: threshold and bounds.
    :param journal: keep a list of changes for :meth:`drain_changes` (the worker's table).
    """

    def __init__(self, options: RecurringOptions = DEFAULT_RECURRING, *, journal: bool = False) -> None:
        if options.min_articles < 0 or min(options.max_lines_per_source, options.max_sources,
                                           options.max_lines) < 1:
            raise ValueError("min_articles must be >= 0 and the bounds >= 1")
        self.options = options
        self._sources: OrderedDict[str, OrderedDict[int, int]] = OrderedDict()
        self._total = 0
        self._journal: list[Change] | None = [] if journal else None

    def __len__(self) -> int:
        """Fingerprints remembered over all sources."""
        return self._total

    @property
    def sources(self) -> int:
        return len(self._sources)

    def count(self, source: str, line: str) -> int:
        """Distinct articles ``line`` was seen in (capped at ``min_articles``); no LRU touch."""
        lines = self._sources.get(source)
        return _count(lines.get(fingerprint(line), 0)) if lines is not None else 0

    def observe(self, source: str, article_id: str, fingerprints: Iterable[int]) -> set[int]:
        """Count one article's distinct line fingerprints (see :func:`fingerprint`) and return
        those that now recur (seen in at least ``min_articles`` distinct articles, this one
        included). A fingerprint given twice, or an article observed twice, counts once."""
        need = self.options.min_articles
        if need <= 0:
            return set()
        article = article_hash(article_id)
        table = self._touch_source(source)
        recurring = set()
        for fp in dict.fromkeys(fingerprints):
            entry = table.get(fp)
            if entry is None:
                self._add(source, table, fp, article)
                entry = article
            else:
                table.move_to_end(fp)
                if _count(entry) < need and article not in _ids(entry):
                    entry = _with_id(entry, article)
                    table[fp] = entry
                    self._log(source, fp, entry)
            if _count(entry) >= need:
                recurring.add(fp)
        self._enforce_total()
        return recurring

    def load(self, source: str, fp: int, ids: Iterable[int]) -> None:
        """Restore one entry (a table's recovered state); ids are merged with known ones."""
        table = self._touch_source(source)
        merged = list(dict.fromkeys(i & _ID_MASK for i in [*_ids(table.get(fp, 0)), *ids] if i & _ID_MASK))
        entry = pack_ids(merged[: max(1, self.options.min_articles)])
        if not entry:
            return
        if fp in table:
            table[fp] = entry
            table.move_to_end(fp)
        else:
            self._add(source, table, fp, entry, log=False)
        self._enforce_total()

    def drain_changes(self) -> list[Change]:
        """The updates and evictions since the last call (with ``journal=True``)."""
        if self._journal is None:
            return []
        changes, self._journal = self._journal, []
        return changes

    def clear(self) -> None:
        self._sources.clear()
        self._total = 0

    # -- bounds ------------------------------------------------------------------------
    def _touch_source(self, source: str) -> OrderedDict[int, int]:
        table = self._sources.get(source)
        if table is None:
            table = self._sources[source] = OrderedDict()
            while len(self._sources) > self.options.max_sources:
                self._drop_source(next(iter(self._sources)))
        else:
            self._sources.move_to_end(source)
        return table

    def _add(self, source: str, table: OrderedDict[int, int], fp: int, entry: int, *, log: bool = True) -> None:
        table[fp] = entry
        self._total += 1
        if log:
            self._log(source, fp, entry)
        if len(table) > self.options.max_lines_per_source:
            old, _ = table.popitem(last=False)
            self._total -= 1
            self._log(source, old, None)

    def _enforce_total(self) -> None:
        while self._total > self.options.max_lines:
            oldest = next(iter(self._sources))
            table = self._sources[oldest]
            old, _ = table.popitem(last=False)
            self._total -= 1
            self._log(oldest, old, None)
            if not table:
                del self._sources[oldest]

    def _drop_source(self, source: str) -> None:
        table = self._sources.pop(source)
        self._total -= len(table)
        for fp in table:
            self._log(source, fp, None)

    def _log(self, source: str, fp: int, entry: int | None) -> None:
        if self._journal is not None:
            self._journal.append((source, fp, None if entry is None else _ids(entry)))
