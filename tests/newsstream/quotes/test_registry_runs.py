"""``registry.NAME_RUN_RE`` (capital first, then the look-behind) finds the same capitalised
runs as the plain form with the look-behind first, on any text and any bounds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsstream.quotes.registry import NAME_RUN_RE, PARTICLE, UPPER, WORD

PLAIN_RE = re.compile(rf"(?<![\w’'\-]){WORD}(?:[ \u00a0](?:{WORD}|{PARTICLE}(?=[ \u00a0][{UPPER}]))){{0,7}}+")
ALPHABET = "AaZzÉé1_’'-. \u00a0,de lvonB\n"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60), st.integers(0, 62), st.integers(0, 62))
def test_same_runs_as_the_plain_pattern(text: str, lo: int, hi: int) -> None:
    assert [m.span() for m in NAME_RUN_RE.finditer(text, lo, hi)] == [
        m.span() for m in PLAIN_RE.finditer(text, lo, hi)
    ]


def test_runs_examples() -> None:
    text = "Mayor Ann de Vries met O’Brien-Lee; x-Ray and aBc Dd stay apart.\u00a0Bo Chen"
    spans = [text[m.start() : m.end()] for m in NAME_RUN_RE.finditer(text)]
    assert spans == ["Mayor Ann de Vries", "O’Brien-Lee", "Dd", "Bo Chen"]
    # from inside "Ann": its tail is no run, and a particle does not start one
    runs = [text[m.start() : m.end()] for m in NAME_RUN_RE.finditer(text, 7)]
    assert runs == ["Vries", "O’Brien-Lee", "Dd", "Bo Chen"]
