"""Quotation-mark pairing: find every quoted stretch of a text in one linear scan.

What it does:

1. Split the text into paragraphs (runs of characters between newlines).
2. Pick the main marks of the article: double marks (" “ ” „ « » ‟ 〝 〞 〟) when it
   has any outside single-quoted stretches, otherwise single marks (‘ ’ and ')
   used as the main marks, the British convention (‘Q “nested” Q,’ she said).
   Apostrophes (we’re, Kazakhstan’s, ’90s, rock ’n’ roll) are told apart from
   single marks by the characters around them.
3. Pair the marks of each paragraph left to right. A paragraph that ends with an
   unclosed opening mark continues the quotation to the paragraph's end (the news
   convention for quotations running over several paragraphs); when the next
   paragraph opens with a mark, its stretch is flagged ``continued``.

Every step looks at each character a bounded number of times, so the scan is
linear in the length of the text whatever the marks (no regex backtracking).

Example::

    >>> [(s.start, s.end) for s in find_stretches('He said "yes" and left.')]
    [(9, 12)]
"""

from __future__ import annotations

import bisect
import re
import sys
from dataclasses import dataclass
from functools import lru_cache

DOUBLE_OPEN = "“„«‟〝"  # ‟ (high-reversed-9) and 〝 (reversed double prime) open in some fonts and CJK text
DOUBLE_CLOSE = "”»〞〟"  # 〞〟 close 〝
STRAIGHT_DOUBLE = '"'
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
STRAIGHT_SINGLE = "'"
ALL_DOUBLE = DOUBLE_OPEN + DOUBLE_CLOSE + STRAIGHT_DOUBLE
# German „…“ closes with the English opening mark; pairs are checked loosely
# (any closing mark closes any opening mark), as scraped text mixes styles.
GERMAN_OPEN = "„"
GERMAN_CLOSE = "“"
DOUBLE_MARKS = '"“”„«»‟〝〞〟'
SINGLE_MARKS = "‘’'‚‹›"
DOUBLE_RE = re.compile(f"[{DOUBLE_MARKS}]")
SINGLE_RE = re.compile(f"[{SINGLE_MARKS}]")
SPACE_LIKE = " \t\u00a0\u2009\u200a\u202f\u3000"
# A mark preceded by one of these (or by nothing) starts a quotation.
OPEN_CONTEXT = SPACE_LIKE + "([{—–-/:;,"


# not frozen: a frozen dataclass sets each field through object.__setattr__, about five times
# the cost, and thousands are made per article (bench/quotes_speed.py); treat as immutable
# (never assign to a field; use dataclasses.replace). unsafe_hash keeps the frozen class's hash.
@dataclass(slots=True, unsafe_hash=True)
class Stretch:
    """One quoted stretch: ``text[start:end]`` is the content without its marks.

    ``open_at``/``close_at`` are the offsets of the marks (``close_at`` is -1 when
    the paragraph ended first); ``paragraph`` is the paragraph index and
    ``para_start``/``para_end`` its bounds; ``continued`` is True when the
    stretch continues a quotation left open at the end of the previous paragraph.
    """

    start: int
    end: int
    open_at: int
    close_at: int
    paragraph: int
    continued: bool = False
    para_start: int = 0
    para_end: int = -1


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each non-blank paragraph (newline separated)."""
    out = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line and not line.isspace():
            out.append((pos, end))
        pos = end + 1
    return out


# the stages of one article ask for its paragraphs more than once (marks, then the carry rule);
# a few entries suffice since articles are processed one at a time
@lru_cache(maxsize=4)
def paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    """``split_paragraphs`` as a tuple, cached for the last few texts (read-only, shared)."""
    return tuple(split_paragraphs(text))


def is_apostrophe(text: str, i: int, start: int, end: int) -> bool:
    """True when the single mark at ``text[i]`` is an apostrophe, not a quote mark.

    Between two letters or digits (we’re, O’Brien), before digits after a space
    (’90s) and in ’n’ / ’em style elisions it is an apostrophe.
    """
    prev = text[i - 1] if i > start else " "
    nxt = text[i + 1] if i + 1 < end else " "
    if prev.isalnum() and nxt.isalnum():
        return True
    if nxt.isdigit() and not prev.isalnum():
        return True
    return nxt in "nN" and (i + 2 >= end or not text[i + 2].isalpha())


def _single_role(text: str, i: int, start: int, end: int) -> str:
    """Classify a single mark as 'open', 'close' or '' (apostrophe / unusable)."""
    if is_apostrophe(text, i, start, end):
        return ""
    ch = text[i]
    prev = text[i - 1] if i > start else " "
    nxt = text[i + 1] if i + 1 < end else " "
    opening_context = prev in OPEN_CONTEXT or prev in ALL_DOUBLE
    if ch in SINGLE_OPEN:
        return "open" if not nxt.isspace() else ""
    if opening_context and not nxt.isspace():
        return "open"
    if not prev.isspace():
        return "close"
    return ""


def _plural_possessive(text: str, i: int, end: int) -> bool:
    """``players’ union``: a mark after ``s`` followed by a space and a lowercase word."""
    return text[i - 1] in "sS" and i + 2 < end and text[i + 1] == " " and text[i + 2].islower()


def _pair_paragraph(
    text: str, start: int, end: int, singles: bool, at: list[int] | None = None
) -> list[tuple[int, int]]:
    """Pair the main marks of one paragraph; return ``(open_at, close_at)`` pairs.

    ``close_at`` is -1 for an opening mark left unclosed at the paragraph end. ``at``: the
    offsets of the paragraph's main marks when the caller has found them already.
    """
    if at is None:
        at = [m.start() for m in (SINGLE_RE if singles else DOUBLE_RE).finditer(text, start, end)]
    pairs: list[tuple[int, int]] = []
    open_at = -1
    if singles:
        marks = [(i, _single_role(text, i, start, end)) for i in at]
        last_close = max((i for i, role in marks if role == "close"), default=-1)
        for i, role in marks:
            if role == "close" and i < last_close and _plural_possessive(text, i, end):
                continue  # "the players’ union": a later mark closes the quotation
            if role == "open" and open_at < 0:
                open_at = i
            elif role == "close" and open_at >= 0:
                pairs.append((open_at, i))
                open_at = -1
    else:
        marks = at
        if not marks:
            return pairs
        first, last = marks[0], marks[-1]
        curly = text.count(STRAIGHT_DOUBLE, start, end) != len(marks)  # some mark is not straight
        head = text[start:first].strip()
        tail = text[last + 1 : end].strip()
        for i in marks:
            ch = text[i]
            if ch == STRAIGHT_DOUBLE:
                # scraping artifact: straight marks wrapping a curly-quoted paragraph
                if curly and ((i == first and not head) or (i == last and not tail)):
                    continue
                if open_at < 0:
                    open_at = i
                else:
                    pairs.append((open_at, i))
                    open_at = -1
            elif ch in DOUBLE_OPEN and not (ch == GERMAN_CLOSE and open_at >= 0):
                if open_at < 0:
                    open_at = i
            elif open_at >= 0 and (text[open_at] == GERMAN_OPEN or ch != GERMAN_CLOSE):
                pairs.append((open_at, i))
                open_at = -1
    if open_at >= 0:
        pairs.append((open_at, -1))
    return pairs


def uses_single_marks(text: str) -> bool:
    """True when the article's double marks are none, or all nested in single-quoted stretches
    (``_doubles_nested``), so single marks are the main ones.

    Doubled apostrophes ('') are an ASCII stand-in for double marks in some
    archives; such an article is not read with single marks.
    """
    if "''" in text:
        return False
    at = _offsets(text, DOUBLE_MARKS)
    return not at or _doubles_nested(text, at)


def _doubles_nested(text: str, double_at: list[int]) -> bool:
    """True when every double mark (offsets ``double_at``, sorted, not empty) lies inside a stretch
    paired with single marks in its paragraph: the British convention, double marks for a
    quotation within a quotation (‘My father said “never”, and I won’t,’ she said).

    The paragraph of the first double mark is paired first: in an article using double marks
    it has no single-quoted stretch around that mark, so the check ends there.
    """
    paras = paragraphs(text)
    k = 0
    while k < len(double_at):
        p_index = bisect.bisect_right(paras, (double_at[k], sys.maxsize)) - 1
        p_start, p_end = paras[p_index]
        first, k = k, bisect.bisect_left(double_at, p_end, k)
        spans = [(o, c if c >= 0 else p_end) for o, c in _pair_paragraph(text, p_start, p_end, True)]
        j = 0  # both lists are in text order: one pass over each (linear)
        for i in double_at[first:k]:
            while j < len(spans) and spans[j][1] < i:
                j += 1
            if j == len(spans) or not spans[j][0] < i < spans[j][1]:
                return False
    return True


def _offsets(text: str, chars: str) -> list[int]:
    """Sorted offsets of every one of ``chars`` in ``text``: ``str.find`` per character, about
    four times faster than the ``DOUBLE_RE``/``SINGLE_RE`` scan on dev articles."""
    out = []
    for ch in chars:
        i = text.find(ch)
        while i >= 0:
            out.append(i)
            i = text.find(ch, i + 1)
    out.sort()
    return out


def find_stretches(text: str) -> list[Stretch]:
    """Return every quoted stretch of ``text`` in text order.

    Stretches are trimmed of surrounding whitespace; empty ones are dropped.
    Unbalanced marks never fail: an unclosed opening mark runs to the end of its
    paragraph and a stray closing mark is ignored.

    :param text: the article text, paragraphs separated by newlines.
    """
    # where the main marks are, found once: a paragraph without any has no pairs and is skipped
    mark_at = _offsets(text, DOUBLE_MARKS)
    # uses_single_marks(text), knowing the double marks
    singles = "''" not in text and (not mark_at or _doubles_nested(text, mark_at))
    if singles:
        mark_at = _offsets(text, SINGLE_MARKS)
    paras = paragraphs(text)
    out: list[Stretch] = []
    left_open = False
    last_index = -1  # the last paragraph with marks
    k = 0
    while k < len(mark_at):
        # the paragraph of the next mark (a mark is never blank, so one holds it) and its marks
        p_index = bisect.bisect_right(paras, (mark_at[k], sys.maxsize)) - 1  # last start <= the mark
        p_start, p_end = paras[p_index]
        first, k = k, bisect.bisect_left(mark_at, p_end, k)
        if p_index != last_index + 1:
            left_open = False  # the paragraph before had no marks
        last_index = p_index
        pairs = _pair_paragraph(text, p_start, p_end, singles, mark_at[first:k])
        opens_with_mark = bool(pairs) and not text[p_start : pairs[0][0]].strip()
        for n, (o, c) in enumerate(pairs):
            s, e = o + 1, (c if c >= 0 else p_end)
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                continued = left_open and n == 0 and opens_with_mark
                out.append(Stretch(s, e, o, c, p_index, continued, p_start, p_end))
        left_open = bool(pairs) and pairs[-1][1] < 0
    return out
