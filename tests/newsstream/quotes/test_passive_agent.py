"""left.passive_agent: the ``by`` agent of a passive naming or speech verb is the speaker."""

from __future__ import annotations

import pytest

from newsstream.quotes import extract_quotes


def _speakers(text: str) -> list[tuple[str | None, str | None]]:
    return [(q.speaker.mention if q.speaker else None, q.rule) for q in extract_quotes(text)]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The ferry plan has been called “a slow disaster” by Ilse Marrow, a pilot on the route.", "Ilse Marrow"),
        ("The crossing was described as “reckless” by the harbour board.", "the harbour board"),
        ("The crossing was described by the harbour board as “reckless.”", "the harbour board"),
        ("The inquiry, often labeled as a “fishing trip” by union leaders, ends today.", "union leaders"),
        ("The delays were “a disgrace” — as described by the harbour board — and fares rose.", "the harbour board"),
    ],
)
def test_agent_is_the_speaker(text: str, speaker: str) -> None:
    assert (speaker, "left.passive_agent") in _speakers(text)


@pytest.mark.parametrize(
    "text",
    [
        "The new timetable has been called “a slow disaster” for weeks now.",  # no agent
        "Riders have been startled by Marrow’s “radical” timetable.",  # possessive, no naming
        "Tobin Reyes called the ferry “a farce” by any measure.",  # active cue with its own subject
        # a later "according to" names the source of the whole clause
        "The logs were labeled “restricted” by the port office, according to two pilots who read them.",
    ],
)
def test_no_agent_rule(text: str) -> None:
    assert all(rule != "left.passive_agent" for _, rule in _speakers(text)), _speakers(text)
