"""One identity per quotation: exact match after normalisation, then near-duplicate matching.

A quotation is matched only against quotations of the same speaker bucket
(:func:`~.normalise.speaker_bucket`, the surname): a speaker's different quotations on one
topic share words, so it is the text that decides, never the speaker alone, and two speakers'
identical words stay two quotations. Within a bucket, in order:

1. **exact**: the normalised words equal those of a form seen before;
2. **excerpt**: the normalised words are a contiguous run of a known quotation's words, or the
   other way round (a partial re-quote, or the full quotation arriving after an excerpt), for
   runs of at least ``min_excerpt_words`` words;
3. **near-duplicate**: word-shingle sets compared exactly: Jaccard >= ``min_jaccard``, or
   containment of the smaller set in the larger >= ``min_containment`` (edits of a syndicated
   copy, an edited excerpt).

**Candidates** for 2 and 3 come from an inverted index of word 3-gram shingles per bucket
(shingle -> the bucket's quotations holding it), which also counts the shingles each candidate
shares with the text: every quotation sharing a shingle is considered, and the counts give
Jaccard and containment without a set intersection. This replaced a MinHash LSH (datasketch)
over the text and 8-word windows of it: matching never leaves one speaker's bucket (at most
``max_per_bucket`` quotations), where exact candidates are affordable, while the LSH's
per-band hashing of the text and its windows cost ~1 ms per quotation in the worker (the
tracker's main cost, bench/tracker.py ``--throughput``) and its candidates were approximate.

The ``quotation_id`` is a hash of the bucket and the first form's normalised words, so a replay
or another worker gives the same id. The canonical text is the longest form seen. Ties between
equally good candidates go to the larger quotation id: a choice by content, so a worker that
recovered its index from the table decides as one that never stopped (the order in which
quotations were last seen is not recovered exactly), and never by hash seeds.

**Memory** is bounded by ``max_quotations`` (least recently seen evicted first) and
``max_per_bucket``; ``bench/tracker.py`` measures the bytes per quotation (tracemalloc).
An evicted quotation seen again is a new match search: it gets its old id back if its first
form comes again (ids are deterministic), otherwise a new one.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from itertools import chain

from newsstream.tracker.normalise import speaker_bucket, stable_hash, words


@dataclass(frozen=True, slots=True)
class MatchOptions:
    """Matching parameters; the values were chosen on bench/tracker.py's generated pairs
    (invented quotations, see that script) and are reported there with the P/R they give."""

    # bench pairwise (exact index): 2-grams P 0.966 R 0.985, 3-grams P 0.989 R 0.935, 4-grams P 0.994 R 0.895
    shingle: int = 3
    min_jaccard: float = 0.5  # bench: 0.4 to 0.7 give the same P/R (containment decides), 0.3 P 0.974; the middle kept
    # bench pairwise: 0.6 P 0.965 R 0.970, 0.7 P 0.989 R 0.935, 0.8 P 0.994 R 0.885 (the same as with the MinHash LSH)
    min_containment: float = 0.7
    min_shingles: int = 4  # containment needs a smaller side of >= 4 shingles (6 words); not swept
    min_excerpt_words: int = 4  # bench: 3, 4 and 6 give the same P/R; 3-word runs ("it is not") are common
    max_quotations: int = 10_000  # quotations held (LRU): see bench/tracker.py for the bytes per quotation
    max_per_bucket: int = 2_000  # per surname: bounds a lookup's candidate counting; not measured


@dataclass(frozen=True, slots=True)
class Match:
    """The identity found for one quotation. ``kind``: new, exact, excerpt, near or known (a
    redo given its earlier answer); ``longer``: this form is longer than the canonical text so
    far (it becomes canonical)."""

    quotation_id: str
    kind: str
    longer: bool = False


@dataclass(eq=False, slots=True)
class _Form:
    """One indexed form of a quotation: its words, for substring tests and shingles."""

    qid: str
    words: tuple[str, ...]
    joined: str  # " w1 w2 ... " for whole-word substring tests
    shingles: frozenset[int]
    canonical: bool = False  # the quotation's canonical text (its first form)


@dataclass(slots=True)
class _Entry:
    bucket: str
    forms: list[_Form]  # the canonical (longest) first, then forms it does not contain verbatim
    exact_keys: set[str] = field(default_factory=set)



# Forms indexed per quotation, canonical included: a memory bound (bench/tracker.py's stream:
# of 544 quotations 414 held one form, 113 two, 16 three, 1 four).
MAX_FORMS = 4
# Texts matched by the exact path per quotation (the first few seen, forms and excerpts): a memory
# bound, as MAX_FORMS, not tuned. Kept in the record, so a restarted worker matches them as before.
MAX_EXACT = 4


class QuotationIndex:
    """Quotations seen recently, by speaker bucket; :meth:`observe` gives each its identity."""

    def __init__(self, options: MatchOptions | None = None) -> None:
        self.options = options or MatchOptions()
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._exact: dict[str, str] = {}
        self._buckets: dict[str, OrderedDict[str, None]] = {}
        self._postings: dict[str, dict[int, set[_Form]]] = {}  # bucket -> shingle -> forms holding it
        self._evicted: list[str] = []

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, quotation_id: str) -> bool:
        return quotation_id in self._entries

    def observe(self, speaker: str | None, text: str, known: str | None = None) -> Match | None:
        """Identify ``text`` by ``speaker`` and remember it; None when either is empty. ``known``:
        the quotation this very sighting was given before (a redo after a crash,
        :class:`~.tracking.Tracker`), kept if still indexed in the same bucket, whatever came since."""
        bucket = speaker_bucket(speaker)
        tokens = tuple(words(text))
        if bucket is None or not tokens:
            return None
        entry = self._entries.get(known) if known is not None else None
        if entry is not None and known is not None and entry.bucket == bucket:
            return self._touch(known, bucket, tokens, "known")
        match = self._find(bucket, tokens)
        if match is None:
            qid = stable_hash(bucket, " ".join(tokens))
            if qid in self._entries:  # cannot happen unless two forms hash alike; keep it one
                return self._touch(qid, bucket, tokens, "exact")
            self._add(qid, bucket, tokens)
            return Match(qid, "new", longer=True)
        return self._touch(match[0], bucket, tokens, match[1])

    def load(self, quotation_id: str, bucket: str, text: str, forms: list[str] | tuple[str, ...] = (),
             exact: list[str] | tuple[str, ...] = ()) -> None:
        """Put a known quotation back (recovery) under its id: its indexed forms as
        :meth:`forms` gave them, else ``text`` (records written before forms were kept), and the
        exact keys :meth:`exact_keys` gave (texts seen, excerpts included, that must come back
        here by the exact path and not compete again)."""
        texts = list(forms) or [text]
        tokens = tuple(words(texts[0]))
        if not tokens or quotation_id in self._entries:
            return
        self._add(quotation_id, bucket, tokens)
        entry = self._entries.get(quotation_id)
        for form in texts[1:]:
            if entry is not None:
                self._keep_form(quotation_id, entry, tuple(words(form)))
        for key in exact:
            if entry is not None:
                self._keep_exact(quotation_id, entry, key)

    def drain_evicted(self) -> list[str]:
        """Ids evicted since the last call (the worker deletes their table entries)."""
        out, self._evicted = self._evicted, []
        return out

    def canonical_words(self, quotation_id: str) -> tuple[str, ...] | None:
        entry = self._entries.get(quotation_id)
        return entry.forms[0].words if entry else None

    def exact_keys(self, quotation_id: str) -> list[str]:
        """The keys of the texts that match the quotation exactly (sorted): kept in its record
        beside :meth:`forms`, so that a restarted worker sends the same texts to it."""
        entry = self._entries.get(quotation_id)
        return sorted(entry.exact_keys) if entry else []

    def forms(self, quotation_id: str) -> list[str]:
        """The quotation's indexed forms, normalised, the canonical (most words) first: kept in
        its record, so that a restarted worker indexes exactly these again (:meth:`load`)."""
        entry = self._entries.get(quotation_id)
        return [" ".join(f.words) for f in entry.forms] if entry else []

    # -- matching --------------------------------------------------------------------------
    def _find(self, bucket: str, tokens: tuple[str, ...]) -> tuple[str, str] | None:
        qid = self._exact.get(stable_hash(bucket, " ".join(tokens)))
        if qid is not None:
            return qid, "exact"
        shingles = self._shingles(tokens)
        shared = self._shared(bucket, shingles)
        found = self._excerpt(tokens, shingles, shared)
        if found is not None:
            return found, "excerpt"
        found = self._near(shingles, shared)
        return (found, "near") if found is not None else None

    def _shared(self, bucket: str, shingles: frozenset[int]) -> Counter[_Form]:
        """The bucket's forms sharing a shingle with ``shingles``, and how many each shares."""
        postings = self._postings.get(bucket)
        if not postings:
            return Counter()
        return Counter(chain.from_iterable(postings.get(shingle, ()) for shingle in shingles))

    def _excerpt(self, tokens: tuple[str, ...], shingles: frozenset[int], shared: Counter[_Form]) -> str | None:
        """The longest quotation (then the larger id) with a form that contains ``tokens`` as
        a run of words, or whose canonical text is such a run of ``tokens``. A contiguous run
        shares all its shingles, so only candidates sharing all of the shorter side's are tested.

        Only the canonical text may be extended: a text containing an older, shorter form of a
        quotation but not its canonical text is a different quotation that shares the phrase."""
        least = self.options.min_excerpt_words
        size = len(shingles)
        joined = _joined(tokens)
        best: tuple[int, str] | None = None
        for form, common in shared.items():
            if common == size and len(tokens) >= least:
                found = joined in form.joined
            elif common == len(form.shingles) and form.canonical and len(form.words) >= least:
                found = form.joined in joined
            else:
                continue
            rank = (len(self._entries[form.qid].forms[0].words), form.qid)
            if found and (best is None or rank > best):
                best = rank
        return best[1] if best else None

    def _near(self, shingles: frozenset[int], shared: Counter[_Form]) -> str | None:
        """The most similar form (then the larger quotation id) by :meth:`_similar`."""
        o = self.options
        size = len(shingles)
        low = min(o.min_jaccard, o.min_containment)  # both need common >= low * the smaller size
        best: tuple[float, str] | None = None
        for form, common in shared.items():
            other = len(form.shingles)
            if common < low * (size if size < other else other):
                continue
            score = self._similar(common, size, other, form.canonical)
            if score is not None and (best is None or (score, form.qid) > best):
                best = (score, form.qid)
        return best[1] if best else None

    def _similar(self, common: int, size_q: int, size_f: int, canonical: bool) -> float | None:
        """A score when a text of ``size_q`` shingles and a form of ``size_f`` sharing ``common``
        are one quotation (Jaccard scores above every containment), else None. A form other than
        the canonical text is not extended (see :meth:`_excerpt`): containment counts for it
        only when the text is the smaller side."""
        jaccard = common / (size_q + size_f - common)
        if jaccard >= self.options.min_jaccard:
            return 1.0 + jaccard
        smaller = min(size_q, size_f) if canonical else size_q if size_q <= size_f else 0
        if smaller >= self.options.min_shingles and common / smaller >= self.options.min_containment:
            return common / smaller
        return None

    # -- storage -----------------------------------------------------------------------------
    def _keep_exact(self, qid: str, entry: _Entry, key: str) -> None:
        """Send the text of exact-match ``key`` to ``qid`` by the cheap path: a few per quotation
        (:data:`MAX_EXACT`), the first owner of a key keeps it."""
        if len(entry.exact_keys) < MAX_EXACT and key not in self._exact:
            entry.exact_keys.add(key)
            self._exact[key] = qid

    def _touch(self, qid: str, bucket: str, tokens: tuple[str, ...], kind: str) -> Match:
        entry = self._entries[qid]
        self._entries.move_to_end(qid)
        self._buckets[entry.bucket].move_to_end(qid)
        self._keep_exact(qid, entry, stable_hash(bucket, " ".join(tokens)))
        longer = len(tokens) > len(entry.forms[0].words)
        if longer:  # the canonical form changes; the old one stays indexed unless the new one contains it
            old = entry.forms
            for form in old:
                self._unindex(entry.bucket, form)
            entry.forms = [self._form(qid, tokens, canonical=True)]
            self._index(entry.bucket, entry.forms[0])
            for form in old:
                self._keep_form(qid, entry, form.words)
        elif kind != "exact":
            self._keep_form(qid, entry, tokens)
        return Match(qid, kind, longer)

    def _keep_form(self, qid: str, entry: _Entry, tokens: tuple[str, ...]) -> None:
        """Index ``tokens`` as another form of the quotation, unless a form already contains it
        verbatim (an excerpt adds nothing) or the quotation holds MAX_FORMS forms."""
        joined = _joined(tokens)
        if not tokens or len(entry.forms) >= MAX_FORMS or any(joined in f.joined for f in entry.forms):
            return
        form = self._form(qid, tokens)
        entry.forms.append(form)
        self._index(entry.bucket, form)

    def _form(self, qid: str, tokens: tuple[str, ...], canonical: bool = False) -> _Form:
        return _Form(qid, tokens, _joined(tokens), self._shingles(tokens), canonical)

    def _add(self, qid: str, bucket: str, tokens: tuple[str, ...]) -> None:
        entry = _Entry(bucket, [self._form(qid, tokens, canonical=True)])
        self._entries[qid] = entry
        self._buckets.setdefault(bucket, OrderedDict())[qid] = None
        exact = stable_hash(bucket, " ".join(tokens))
        entry.exact_keys.add(exact)
        self._exact[exact] = qid
        self._index(bucket, entry.forms[0])
        while len(self._buckets[bucket]) > self.options.max_per_bucket:
            self._evict(next(iter(self._buckets[bucket])))
        while len(self._entries) > self.options.max_quotations:
            self._evict(next(iter(self._entries)))

    def _index(self, bucket: str, form: _Form) -> None:
        postings = self._postings.setdefault(bucket, {})
        for shingle in form.shingles:
            postings.setdefault(shingle, set()).add(form)

    def _unindex(self, bucket: str, form: _Form) -> None:
        postings = self._postings[bucket]
        for shingle in form.shingles:
            holders = postings.get(shingle)
            if holders is not None:
                holders.discard(form)
                if not holders:
                    del postings[shingle]
        if not postings:
            del self._postings[bucket]

    def _evict(self, qid: str) -> None:
        entry = self._entries.pop(qid)
        self._evicted.append(qid)
        for form in entry.forms:
            self._unindex(entry.bucket, form)
        for exact in entry.exact_keys:
            if self._exact.get(exact) == qid:
                del self._exact[exact]
        bucket = self._buckets[entry.bucket]
        bucket.pop(qid, None)
        if not bucket:
            del self._buckets[entry.bucket]

    def _shingles(self, tokens: tuple[str, ...]) -> frozenset[int]:
        """Hashes of the word ``shingle``-grams (the whole text when shorter). Python's string
        hash is salted per process, which is harmless here: the sets are compared exactly and
        held in memory only (rebuilt from the table after a restart)."""
        k = self.options.shingle
        if len(tokens) < k:
            return frozenset((hash(" ".join(tokens)),))
        return frozenset(hash(tokens[i:i + k]) for i in range(len(tokens) - k + 1))


def _joined(tokens: tuple[str, ...]) -> str:
    return f" {' '.join(tokens)} "
