"""A capitalised common word opening a sentence is no antecedent for "he"/"she" and no outer speaker."""

from __future__ import annotations

from newsstream.quotes import extract_quotes

TEXT = (
    "The harbour board met on Monday, and its chairman, Tobin Reyes, spoke for an hour about the ferry.\n\n"
    "The cost of a new hull is high. Cost estimates, he added, were “far above the budget we set.”"
)


def test_common_word_is_not_the_pronoun_antecedent() -> None:
    q = extract_quotes(TEXT)[0]
    assert q.speaker is not None and q.speaker.mention == "he"
    assert q.speaker.name != "Cost"


def test_surname_never_written_in_lowercase_still_resolves() -> None:
    text = "Ilse Marrow runs the ferry. Marrow says she called the timetable “a slow disaster.”"
    q = extract_quotes(text)[0]
    assert q.speaker is not None and q.speaker.name == "Ilse Marrow"
