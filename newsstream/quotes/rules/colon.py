"""Colon rules: a speaker named before a colon that opens the quotation (``Lee: “Q”``).

They read a ``LeftSentence`` (the words of the quotation's sentence before the
opening mark). ``COLON_FIRST`` is tried before any cue of the sentence,
``COLON_LAST`` only when the sentence has no cue at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsstream.quotes.cues import Attribution, sentence_subject
from newsstream.quotes.rules.base import Rule
from newsstream.quotes.settings import QuoteSettings
from newsstream.quotes.speakers import Token, is_capital, parse_np_left, parse_np_right


@dataclass(slots=True)
class LeftSentence:
    """The tokens before an opening mark, and the cue found there without a speaker (if any)."""

    text: str
    toks: list[Token]
    settings: QuoteSettings
    fallback: Attribution | None = None


def _colon(s: LeftSentence) -> bool:
    return len(s.toks) >= 2 and s.toks[-1].text == ":"


def _at_colon(s: LeftSentence, m) -> Attribution:
    t = s.toks[-1]
    return Attribution(m, ":", t.start, t.end, "left", True)


def name_colon(s: LeftSentence) -> Attribution | None:
    """``Ann Lee: “Q”`` / ``HEADLINE - Ann Lee: “Q”``: the phrase right before the colon."""
    if not _colon(s):
        return None
    toks = s.toks
    m = parse_np_left(toks, len(toks) - 2, s.text)
    if m is not None and (m.first == 0 or (m.kind == "name" and toks[m.first - 1].text in "-—–―")):
        return _at_colon(s, m)
    return None


def statement_colon(s: LeftSentence) -> Attribution | None:
    """``The mayor issued the following statement: “Q”``: who issued it."""
    if not _colon(s):
        return None
    toks = s.toks
    m = parse_np_left(toks, len(toks) - 2, s.text)
    if m is not None and m.kind in ("desc", "org") and m.first > 0 and toks[m.first - 1].text.islower():
        subject = sentence_subject(s.text, toks[: m.first], s.settings)
        if subject is not None:
            return _at_colon(s, subject)
    return None


def first_name_colon(s: LeftSentence) -> Attribution | None:
    """``Here is Ann Lee in the spring: “Q”``: the first name of a cue-less sentence."""
    if s.fallback is not None or not _colon(s):
        return None
    toks = s.toks
    for k in range(len(toks) - 1):
        if is_capital(toks[k]):
            m = parse_np_right(toks, k, s.text)
            if m is not None and m.kind == "name":
                if k == 0 and toks[-1].start - m.end > s.settings.colon_name_gap_chars:
                    continue  # a long sentence that merely opens with a name
                return _at_colon(s, m)
    return None


COLON_FIRST: tuple[Rule, ...] = (
    Rule(
        "colon.name",
        "colon",
        name_colon,
        "Wren Haldane: “The vote is tomorrow.”",
        "The vote is tomorrow, Wren Haldane said: “Come early.”",
        "Wren Haldane",
    ),
    Rule(
        "colon.statement_subject",
        "colon",
        statement_colon,
        "Wren Haldane released the following statement: “The vote is tomorrow.”",
        "Wren Haldane: “The vote is tomorrow.”",
        "Wren Haldane",
    ),
)

COLON_LAST: tuple[Rule, ...] = (
    Rule(
        "colon.first_name",
        "colon",
        first_name_colon,
        "Here is Wren Haldane at the rally: “Nobody sleeps tonight.”",
        "Here is the plan for the rally: “Nobody sleeps tonight.”",
        "Wren Haldane",
    ),
)
