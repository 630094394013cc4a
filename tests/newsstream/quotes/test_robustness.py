"""Offsets always exact, never a failure, linear time on adversarial input."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from newsstream.quotes import extract_quotes

PIECES = [
    '"',
    "“",
    "”",
    "‘",
    "’",
    "'",
    "«",
    "»",
    "„",
    " ",
    " ",
    "\n",
    "\n\n",
    ",",
    ".",
    ":",
    "—",
    "said",
    "he",
    "She",
    "Mr.",
    "Okafor",
    "de",
    "al-Aridi",
    "the spokesman",
    "told reporters",
    "according to",
    "who",
    "We’re",
    "’90s",
    "=",
    "<tweet id=",
    "ANY CAPS",
    "so-called",
]
LINEAR_BUDGET_S = 5.0  # CPU seconds of this process (time.process_time: other load on a shared machine does not
# count); generous, the 1 MB cases take 1-2.5 s, and quadratic behaviour takes minutes


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60).map(" ".join))
def test_offsets_exact_on_random_text(text: str) -> None:
    for q in extract_quotes(text):
        assert text[q.start : q.end] == q.text
        assert q.text.strip() == q.text and q.text
        if q.speaker is not None and q.speaker.start is not None:
            assert text[q.speaker.start : q.speaker.end] == q.speaker.mention
        if q.cue is not None:
            assert text[q.cue.start : q.cue.end] == q.cue.text
        assert q.type in ("direct", "partial")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_text(text: str) -> None:
    for q in extract_quotes(text):
        assert text[q.start : q.end] == q.text


def timed(text: str) -> float:
    t0 = time.process_time()
    extract_quotes(text)
    return time.process_time() - t0


def test_100k_unbalanced_marks() -> None:
    for mark in ('"', "“", "”", "‘", "'", "«"):
        assert timed(mark * 100_000) < LINEAR_BUDGET_S


def test_100k_marks_between_words() -> None:
    text = " ".join(["“word"] * 50_000 + ['he said "'] * 50_000)
    assert timed(text) < LINEAR_BUDGET_S


def test_one_megabyte_paragraph() -> None:
    sentence = "Mr. Smith said the plan was “not far” from done, and Jones, who spoke later, agreed. "
    text = sentence * (1_000_000 // len(sentence))
    assert len(text) >= 990_000 and "\n" not in text
    assert timed(text) < LINEAR_BUDGET_S


def test_one_megabyte_without_spaces_or_marks() -> None:
    assert timed("a" * 1_000_000) < LINEAR_BUDGET_S
    assert timed("A-" * 500_000 + "“x”") < LINEAR_BUDGET_S


def test_one_megabyte_paragraph_of_short_quotations() -> None:
    text = "“ab cd” " * 125_000  # one paragraph, 125k stretches with no cue
    assert timed(text) < 2 * LINEAR_BUDGET_S


def test_many_distinct_speakers() -> None:
    names = [f"Name{chr(65 + i % 26)}{chr(65 + i // 26 % 26)}x" for i in range(5_000)]
    text = " ".join(f"“We win,” {n} said. “Again,” he said. “More,” the spokesman said." for n in names)
    quotes = extract_quotes(text)
    assert len(quotes) == 15_000
    assert timed(text) < LINEAR_BUDGET_S
