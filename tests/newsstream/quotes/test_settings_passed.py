"""The settings object passed to ``extract_quotes`` reaches every stage that reads a limit:
the confidence table, the people registry (pronoun antecedents) and the rules."""

from __future__ import annotations

from newsstream.quotes import extract_quotes
from newsstream.quotes.registry import People
from newsstream.quotes.settings import QuoteSettings


def test_confidence_comes_from_the_settings_passed() -> None:
    text = "“The ferry leaves at dawn,” said Orla Penhallow."
    (q,) = extract_quotes(text, QuoteSettings(confidence_adjacent=0.55))
    assert q.confidence == 0.55


def test_pronoun_reach_comes_from_the_settings_passed() -> None:
    text = "Orla Penhallow runs the pier. The tide was low on Monday. The nets dried in the sun. Then she spoke."
    at = text.index("she")
    assert People(text).antecedent(at, "f").name == "Orla Penhallow"
    assert People(text, settings=QuoteSettings(antecedent_sentences_back=2)).antecedent(at, "f") is None


def test_resolver_passes_its_settings_to_the_registry() -> None:
    text = "Orla Penhallow runs the pier. The tide was low on Monday. The nets dried in the sun. “We wait,” she said."
    (wide,) = extract_quotes(text)
    (narrow,) = extract_quotes(text, QuoteSettings(antecedent_sentences_back=2))
    assert wide.speaker is not None and wide.speaker.name == "Orla Penhallow"
    assert narrow.speaker is not None and narrow.speaker.mention == "she" and narrow.speaker.name is None
