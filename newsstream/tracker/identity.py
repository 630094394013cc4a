"""One identity per quotation: exact match after normalisation, then near-duplicate matching.

A quotation is matched only against quotations of the same speaker bucket
(:func:`~.normalise.speaker_bucket`, the surname): a speaker's different quotations on one
topic share words, so it is the text that decides, never the speaker alone, and two speakers'
identical words stay two quotations. Within a bucket, in order:

1. **exact**: the normalised words equal those of a form seen before;
2. **excerpt**: the normalised words are a contiguous run of a known quotation's words, or the
   other way round (a partial re-quote, or the full quotation arriving after an excerpt), for
   runs of at least ``min_excerpt_words`` words; checked by scanning the bucket (bounded);
3. **near-duplicate**: candidates from a MinHash LSH (datasketch) over word shingles, salted with
   the bucket, of the whole text and of overlapping windows of it (so an edited excerpt meets
   the part of the long quotation it comes from), then verified on the exact shingle sets:
   Jaccard >= ``min_jaccard``, or containment of the smaller set in the larger >=
   ``min_containment`` (edits of a syndicated copy, an edited excerpt).

The ``quotation_id`` is a hash of the bucket and the first form's normalised words, so a replay
or another worker gives the same id. The canonical text is the longest form seen.

**Memory** is bounded by ``max_quotations`` (least recently seen evicted first) and
``max_per_bucket``; ``bench/tracker.py`` measures the bytes per quotation (tracemalloc).
An evicted quotation seen again is a new match search: it gets its old id back if its first
form comes again (ids are deterministic), otherwise a new one.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

from datasketch import MinHash, MinHashLSH

from newsstream.tracker.normalise import speaker_bucket, stable_hash, words


@dataclass(frozen=True, slots=True)
class MatchOptions:
    """Matching parameters; the values were chosen on bench/tracker.py's generated pairs
    (invented quotations, see that script) and are reported there with the P/R they give."""

    shingle: int = 3  # bench pairwise (64 perms): 2-grams P 0.966 R 0.985, 3-grams P 0.989 R 0.935
    num_perm: int = 32  # bench: 64 (with threshold 0.3, stride 4) cost 57 KB per quotation, this 29 KB
    lsh_threshold: float = 0.4  # candidates, below min_jaccard so verification decides; 0.3 needs more bands
    window: int = 8  # words per indexed window of a long quotation (bench excerpts: 6 to 18 words); not swept
    stride: int = 6  # window step: an 8-word excerpt overlaps a window by >= 5 words; bench R 0.935 -> 0.925 vs 4
    max_windows: int = 32  # windows indexed per quotation (a ~200-word quotation); a memory bound, not tuned
    min_jaccard: float = 0.5  # bench: 0.3 to 0.7 give the same P/R (containment decides); the middle kept
    min_containment: float = 0.7  # bench pairwise: 0.6 P 0.965 R 0.970, 0.7 P 0.989 R 0.935, 0.8 P 0.994 R 0.885
    min_shingles: int = 4  # containment needs a smaller side of >= 4 shingles (6 words); not swept
    min_excerpt_words: int = 4  # bench: 3, 4 and 6 give the same P/R; 3-word runs ("it is not") are common
    max_quotations: int = 10_000  # quotations held (LRU): bench/tracker.py measured 29 KB each, ~280 MiB
    max_per_bucket: int = 2_000  # per surname: bounds the excerpt scan (a substring test per entry); not measured


@dataclass(frozen=True, slots=True)
class Match:
    """The identity found for one quotation. ``kind``: new, exact, excerpt or near;
    ``longer``: this form is longer than the canonical text so far (it becomes canonical)."""

    quotation_id: str
    kind: str
    longer: bool = False


@dataclass(slots=True)
class _Entry:
    bucket: str
    words: tuple[str, ...]
    joined: str  # " w1 w2 ... " for whole-word substring tests
    shingles: frozenset[int]
    lsh_keys: list[str] = field(default_factory=list)
    exact_keys: set[str] = field(default_factory=set)


class QuotationIndex:
    """Quotations seen recently, by speaker bucket; :meth:`observe` gives each its identity."""

    def __init__(self, options: MatchOptions | None = None) -> None:
        self.options = options or MatchOptions()
        self._lsh = MinHashLSH(threshold=self.options.lsh_threshold, num_perm=self.options.num_perm)
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._exact: dict[str, str] = {}
        self._buckets: dict[str, OrderedDict[str, None]] = {}
        self._evicted: list[str] = []
        # MinHash draws its permutations anew for every instance (70 % of the matching time in
        # bench/tracker.py); they depend only on num_perm and the seed, so they are drawn once.
        template = MinHash(num_perm=self.options.num_perm)
        self._permutations, self._scheme = template.permutations, template.scheme
        self._memo: dict[tuple[str, tuple[str, ...]], MinHash] = {}  # MinHashes of the current observe()

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, quotation_id: str) -> bool:
        return quotation_id in self._entries

    def observe(self, speaker: str | None, text: str) -> Match | None:
        """Identify ``text`` by ``speaker`` and remember it; None when either is empty."""
        bucket = speaker_bucket(speaker)
        tokens = tuple(words(text))
        if bucket is None or not tokens:
            return None
        self._memo.clear()
        match = self._find(bucket, tokens)
        if match is None:
            qid = stable_hash(bucket, " ".join(tokens))
            if qid in self._entries:  # cannot happen unless two forms hash alike; keep it one
                return self._touch(qid, bucket, tokens, "exact")
            self._add(qid, bucket, tokens)
            return Match(qid, "new", longer=True)
        return self._touch(match[0], bucket, tokens, match[1])

    def load(self, quotation_id: str, bucket: str, text: str) -> None:
        """Put a known quotation back (recovery): its canonical text under its id."""
        self._memo.clear()
        tokens = tuple(words(text))
        if tokens and quotation_id not in self._entries:
            self._add(quotation_id, bucket, tokens)

    def drain_evicted(self) -> list[str]:
        """Ids evicted since the last call (the worker deletes their table entries)."""
        out, self._evicted = self._evicted, []
        return out

    def canonical_words(self, quotation_id: str) -> tuple[str, ...] | None:
        entry = self._entries.get(quotation_id)
        return entry.words if entry else None

    # -- matching --------------------------------------------------------------------------
    def _find(self, bucket: str, tokens: tuple[str, ...]) -> tuple[str, str] | None:
        qid = self._exact.get(stable_hash(bucket, " ".join(tokens)))
        if qid is not None:
            return qid, "exact"
        found = self._excerpt(bucket, tokens)
        if found is not None:
            return found, "excerpt"
        found = self._near(bucket, tokens)
        return (found, "near") if found is not None else None

    def _excerpt(self, bucket: str, tokens: tuple[str, ...]) -> str | None:
        if len(tokens) < self.options.min_excerpt_words:
            return None
        joined = _joined(tokens)
        best: tuple[int, str] | None = None
        for qid in reversed(self._buckets.get(bucket, {})):  # most recent first
            entry = self._entries[qid]
            if joined in entry.joined or (len(entry.words) >= self.options.min_excerpt_words
                                          and entry.joined in joined):
                size = len(entry.words)
                if best is None or size > best[0]:
                    best = (size, qid)
        return best[1] if best else None

    def _near(self, bucket: str, tokens: tuple[str, ...]) -> str | None:
        """The whole text's candidates first; the windows' only when none of those verifies
        (an edited copy is found by its whole text, an edited excerpt needs the windows)."""
        shingles = self._shingles(bucket, tokens)
        parts = self._parts(tokens)
        checked: set[str] = set()
        for group in (parts[:1], parts[1:]):
            candidates: set[str] = set()
            for part in group:
                candidates.update(k.partition("\x1f")[0] for k in self._lsh.query(self._minhash(bucket, part)))
            found = self._best(bucket, shingles, candidates - checked)
            if found is not None:
                return found
            checked |= candidates
        return None

    def _best(self, bucket: str, shingles: frozenset[int], candidates: set[str]) -> str | None:
        best: tuple[float, str] | None = None
        for qid in candidates:
            entry = self._entries.get(qid)
            if entry is None or entry.bucket != bucket:
                continue
            score = self._similar(shingles, entry.shingles)
            if score is not None and (best is None or score > best[0]):
                best = (score, qid)
        return best[1] if best else None

    def _similar(self, a: frozenset[int], b: frozenset[int]) -> float | None:
        common = len(a & b)
        if not common:
            return None
        jaccard = common / len(a | b)
        smaller = min(len(a), len(b))
        containment = common / smaller
        if jaccard >= self.options.min_jaccard:
            return 1.0 + jaccard
        if smaller >= self.options.min_shingles and containment >= self.options.min_containment:
            return containment
        return None

    # -- storage -----------------------------------------------------------------------------
    def _touch(self, qid: str, bucket: str, tokens: tuple[str, ...], kind: str) -> Match:
        entry = self._entries[qid]
        self._entries.move_to_end(qid)
        self._buckets[entry.bucket].move_to_end(qid)
        exact = stable_hash(bucket, " ".join(tokens))
        if len(entry.exact_keys) < 4 and exact not in self._exact:  # a few forms, for the cheap path
            entry.exact_keys.add(exact)
            self._exact[exact] = qid
        longer = len(tokens) > len(entry.words)
        if longer:
            self._reindex(qid, entry, tokens)
        return Match(qid, kind, longer)

    def _add(self, qid: str, bucket: str, tokens: tuple[str, ...]) -> None:
        entry = _Entry(bucket, tokens, _joined(tokens), self._shingles(bucket, tokens))
        self._entries[qid] = entry
        self._buckets.setdefault(bucket, OrderedDict())[qid] = None
        exact = stable_hash(bucket, " ".join(tokens))
        entry.exact_keys.add(exact)
        self._exact[exact] = qid
        self._index(qid, entry)
        while len(self._buckets[bucket]) > self.options.max_per_bucket:
            self._evict(next(iter(self._buckets[bucket])))
        while len(self._entries) > self.options.max_quotations:
            self._evict(next(iter(self._entries)))

    def _index(self, qid: str, entry: _Entry) -> None:
        for i, part in enumerate(self._parts(entry.words)):
            key = f"{qid}\x1f{i}"
            self._lsh.insert(key, self._minhash(entry.bucket, part), check_duplication=False)
            entry.lsh_keys.append(key)

    def _reindex(self, qid: str, entry: _Entry, tokens: tuple[str, ...]) -> None:
        for key in entry.lsh_keys:
            self._lsh.remove(key)
        entry.lsh_keys.clear()
        entry.words, entry.joined = tokens, _joined(tokens)
        entry.shingles = self._shingles(entry.bucket, tokens)
        self._index(qid, entry)

    def _evict(self, qid: str) -> None:
        entry = self._entries.pop(qid)
        self._evicted.append(qid)
        for key in entry.lsh_keys:
            self._lsh.remove(key)
        for exact in entry.exact_keys:
            if self._exact.get(exact) == qid:
                del self._exact[exact]
        bucket = self._buckets[entry.bucket]
        bucket.pop(qid, None)
        if not bucket:
            del self._buckets[entry.bucket]

    # -- shingles ----------------------------------------------------------------------------
    def _parts(self, tokens: tuple[str, ...]) -> list[tuple[str, ...]]:
        """The whole text, plus overlapping windows when it is longer than one window."""
        o = self.options
        parts = [tokens]
        if len(tokens) > o.window:
            starts = range(0, len(tokens) - o.window + o.stride, o.stride)
            parts.extend(tokens[s:s + o.window] for s in list(starts)[:o.max_windows])
        return parts

    def _grams(self, bucket: str, tokens: tuple[str, ...]) -> list[bytes]:
        k = self.options.shingle
        if len(tokens) < k:
            return [f"{bucket}\x1f{' '.join(tokens)}".encode()]
        return [f"{bucket}\x1f{' '.join(tokens[i:i + k])}".encode() for i in range(len(tokens) - k + 1)]

    def _shingles(self, bucket: str, tokens: tuple[str, ...]) -> frozenset[int]:
        return frozenset(hash(g) for g in self._grams(bucket, tokens))

    def _minhash(self, bucket: str, tokens: tuple[str, ...]) -> MinHash:
        key = (bucket, tokens)
        m = self._memo.get(key)
        if m is None:
            m = MinHash(num_perm=self.options.num_perm, permutations=self._permutations, scheme=self._scheme)
            m.update_batch(self._grams(bucket, tokens))
            self._memo[key] = m
        return m


def _joined(tokens: tuple[str, ...]) -> str:
    return f" {' '.join(tokens)} "
