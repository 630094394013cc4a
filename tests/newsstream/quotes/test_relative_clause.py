"""left.relative_clause: a relative clause's *who* is not the speaker (sentences invented)."""

from __future__ import annotations

from newsstream.quotes import extract_quotes
from newsstream.quotes.settings import QuoteSettings


def _speakers(text: str, settings: QuoteSettings | None = None) -> list[tuple[str | None, str | None]]:
    quotes = extract_quotes(text, settings) if settings is not None else extract_quotes(text)
    return [(q.speaker.mention if q.speaker else None, q.rule) for q in quotes]


def test_the_main_clause_cue_after_a_relative_clause_speaks() -> None:
    text = "A harbour official who spoke on condition of anonymity said, “The ferry will run all winter.”"
    assert _speakers(text) == [("A harbour official", "left.relative_clause")]
    off = QuoteSettings(disabled_rules=frozenset({"left.relative_clause"}))
    assert _speakers(text, off)[0][0] == "who"


def test_who_after_a_closing_mark_relates_to_the_quoted_words() -> None:
    text = "Ann Lee proposed a “harbour marshal” who reports to the mayor, and called for “twice the ferries.”"
    assert [m for m, _ in _speakers(text)] == ["Ann Lee", "Ann Lee"]


def test_a_relative_who_of_a_speaker_still_speaks() -> None:
    text = "Ann Lee, who has long described the crossing as “a slow disaster,” stayed home."
    assert _speakers(text)[0][0] == "who"
