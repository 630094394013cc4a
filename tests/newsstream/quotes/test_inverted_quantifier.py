"""right.cue_then_speaker: a quantifier standing alone after an inverted cue is the speaker."""

from __future__ import annotations

import pytest

from newsstream.quotes import extract_quotes


def _speakers(text: str) -> list[str | None]:
    return [q.speaker.mention if q.speaker else None for q in extract_quotes(text)]


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        ("“Bring back the ferry,” read one. “Sell the boat,” read another.", ["one", "another"]),
        ("“The pier is rotten,” said one. “It always was,” wrote another.", ["one", "another"]),
        ("“The pier is rotten,” said one of the pilots.", ["one of the pilots"]),  # a phrase, parsed as before
    ],
)
def test_quantifier_after_inverted_cue(text: str, speakers: list[str]) -> None:
    assert _speakers(text) == speakers


def test_quantifier_before_more_words_is_not_alone() -> None:
    # "said one thing": the quantifier opens a phrase that names no speaker
    assert "one" not in _speakers("“The pier is rotten,” said one thing more about it.")


def test_participle_after_mark_names_its_object_not_a_speaker() -> None:
    # "describing the crew as …": the phrase after an -ing cue is its object
    quotes = extract_quotes("Ilse Marrow called it a “distortion,” describing the crew as brave.")
    assert [q.speaker.mention if q.speaker else None for q in quotes] == ["Ilse Marrow"]
