"""Normalisation of quotation texts and speaker names before they are compared.

Two forms of one quotation differ in case, quote marks, apostrophes, dashes, punctuation,
white space and Unicode compositions (syndicated copies, re-typed re-quotes); none of these
changes the words, so identity is computed on the words only.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

# Apostrophe-like marks are joined into the word ("don’t" == "dont"), every other character
# that is not a letter or digit separates words. \w is Unicode-aware: accented letters and
# non-Latin scripts stay words.
_APOSTROPHES = str.maketrans("", "", "'’‘ʼ`´")
_NON_WORD = re.compile(r"[\W_]+")
# A speaker's bucket is the last word of the name, so "Maria Okafor", "Okafor" and "Ms Okafor"
# share one; these trailing words are not surnames.
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "mp", "qc", "kc"})


class _Dropped(dict[int, int | None]):
    """``str.translate`` table deleting combining marks (é -> e once decomposed) and the
    apostrophes; filled per code point on first sight (C-speed lookups after that, instead of a
    Python test per character)."""

    def __missing__(self, code: int) -> int | None:
        value = None if unicodedata.combining(chr(code)) or code in _APOSTROPHES else code
        self[code] = value
        return value


_DROPPED = _Dropped()


def _fold(text: str) -> str:
    """NFKD, case-folded, without combining marks (é -> e) and apostrophes."""
    return unicodedata.normalize("NFKD", text.casefold()).translate(_DROPPED)


def words(text: str) -> list[str]:
    """The words of ``text``: folded, apostrophes joined, every other mark a separator."""
    return [w for w in _NON_WORD.split(_fold(text)) if w]


def normalise(text: str) -> str:
    """The words of ``text`` joined by single spaces: equal for forms that differ only in
    case, punctuation, quote marks, white space or Unicode composition."""
    return " ".join(words(text))


@lru_cache(maxsize=4096)  # names recur with every quotation of their speaker
def speaker_bucket(name: str | None) -> str | None:
    """The speaker key quotations are matched within: the last word of the folded name
    (skipping suffixes such as Jr), or None for an unnamed speaker."""
    if not name:
        return None
    parts = words(name)
    while len(parts) > 1 and parts[-1] in _NAME_SUFFIXES:
        parts.pop()
    return parts[-1] if parts else None


def stable_hash(*parts: str) -> str:
    """16 hex digits of blake2b over the parts (separated by \\x1f): ids that are the same
    on every worker and after every restart."""
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=8).hexdigest()


class SpeakerNames:
    """Resolves a surname-only name to the one full name seen with that surname.

    "Okafor" counts as "Maria Okafor" once "Maria Okafor" has been seen and no other full name
    ends in that surname (then it stays "Okafor": ambiguous). Bounded: the least recently
    seen surnames beyond ``max_buckets`` are forgotten (forgetting only leaves names unresolved).
    """

    def __init__(self, max_buckets: int = 100_000) -> None:  # a few hundred bytes each (not measured)
        from collections import OrderedDict

        self._full: OrderedDict[str, set[str]] = OrderedDict()
        self.max_buckets = max_buckets

    def see(self, name: str) -> None:
        bucket = speaker_bucket(name)
        if bucket is None or len(words(name)) < 2:
            return
        names = self._full.setdefault(bucket, set())
        if len(names) < 4:  # a few namesakes are enough to know it is ambiguous
            names.add(name)
        self._full.move_to_end(bucket)
        while len(self._full) > self.max_buckets:
            self._full.popitem(last=False)

    def resolve(self, name: str) -> str:
        """The canonical form of ``name`` (itself unless it is an unambiguous surname)."""
        if len(words(name)) != 1:
            return name
        names = self._full.get(speaker_bucket(name) or "")
        return next(iter(names)) if names and len(names) == 1 else name
