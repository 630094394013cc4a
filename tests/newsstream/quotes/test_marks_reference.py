"""``find_stretches`` (marks found once, only paragraphs with marks paired, paragraphs cached)
against the plain algorithm it replaced: every paragraph split and paired on its own. Same
stretches on any text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsstream.quotes.marks import (
    DOUBLE_OPEN,
    DOUBLE_RE,
    GERMAN_CLOSE,
    GERMAN_OPEN,
    SINGLE_RE,
    STRAIGHT_DOUBLE,
    Stretch,
    _plural_possessive,
    _single_role,
    find_stretches,
    split_paragraphs,
    uses_single_marks,
)

# marks of every kind, apostrophe contexts, letters, blanks and blank lines
ALPHABET = "ab Z1\n\n  \t“”„«»‟〝〞〟\"‘’'‚‹›s.,:"


def reference_split(text: str) -> list[tuple[int, int]]:
    out, pos, n = [], 0, len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        if text[pos:end].strip():
            out.append((pos, end))
        if nl < 0:
            break
        pos = nl + 1
    return out


def reference_pair(text: str, start: int, end: int, singles: bool) -> list[tuple[int, int]]:
    """Pair the main marks of one paragraph; return ``(open_at, close_at)`` pairs.

    ``close_at`` is -1 for an opening mark left unclosed at the paragraph end.
    """
    pairs: list[tuple[int, int]] = []
    open_at = -1
    if singles:
        marks = [(m.start(), _single_role(text, m.start(), start, end)) for m in SINGLE_RE.finditer(text, start, end)]
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
        marks = [m.start() for m in DOUBLE_RE.finditer(text, start, end)]
        if not marks:
            return pairs
        first, last = marks[0], marks[-1]
        curly = any(text[i] != STRAIGHT_DOUBLE for i in marks)
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


def reference_stretches(text: str) -> list[Stretch]:
    singles = uses_single_marks(text)
    out: list[Stretch] = []
    left_open = False
    for p_index, (p_start, p_end) in enumerate(reference_split(text)):
        pairs = reference_pair(text, p_start, p_end, singles)
        opens_with_mark = bool(pairs) and not text[p_start : pairs[0][0]].strip()
        for n, (o, c) in enumerate(pairs):
            s, e = o + 1, (c if c >= 0 else p_end)
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                out.append(Stretch(s, e, o, c, p_index, left_open and n == 0 and opens_with_mark, p_start, p_end))
        left_open = bool(pairs) and pairs[-1][1] < 0
    return out


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=80))
def test_find_stretches_matches_the_plain_algorithm(text: str) -> None:
    assert split_paragraphs(text) == reference_split(text)
    assert find_stretches(text) == reference_stretches(text)


def test_quotation_left_open_across_a_paragraph_without_marks() -> None:
    # a quotation left open, then a paragraph without marks: the next quotation continues nothing
    text = "“One\nNo marks here.\n“Two.”\n“Three\n“Four.”"
    assert find_stretches(text) == reference_stretches(text)
    assert [s.continued for s in find_stretches(text)] == [False, False, False, True]


def test_mark_sets_agree() -> None:
    """find_stretches reads the double marks from DOUBLE_MARKS, uses_single_marks from ALL_DOUBLE."""
    from newsstream.quotes.marks import ALL_DOUBLE, DOUBLE_MARKS

    assert sorted(ALL_DOUBLE) == sorted(DOUBLE_MARKS)
