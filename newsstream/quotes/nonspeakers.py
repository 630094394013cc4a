"""Page furniture that is never a speaker: datelines, section labels, credits, bylines.

Each rule is a named entry of ``RULES``: a function of the article text and a
candidate speaker mention that says True when the mention is furniture.

Example::

    >>> from newsstream.quotes.speakers import Mention
    >>> text = "LONDON — Talks resumed on Monday."
    >>> not_a_speaker(text, Mention("LONDON", 0, 6, "name", "london", 0, 0))
    'dateline'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import NamedTuple

from newsstream.quotes.lexicon import _lines
from newsstream.quotes.settings import SETTINGS
from newsstream.quotes.speakers import Mention

DATELINE_TAIL_RE = re.compile(r"[ \u00a0]*+(?:\([^()\n]{1,40}\)[ \u00a0]*+)?(?:[—–-]|,[ \u00a0]*+[A-Z])")
CREDIT_RE = re.compile(r"\b(?:via|/)[ \u00a0]*+(?:Getty|AFP|AP|Reuters|EPA|Shutterstock)\b|\bImages?\b|\bPhoto\b")
LABEL_END_RE = re.compile(r"[ \t\u00a0]*+(?:[:|—–\-.\n]|$)")  # what ends a label: a colon, a bar, a dash, the line


@cache
def furniture_words() -> frozenset[str]:
    """Words that head a section label, kicker or credit (``data/quotes/not_speakers.txt``)."""
    return frozenset(w.lower() for w in _lines("not_speakers.txt"))


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _at_line_start(text: str, m: Mention) -> bool:
    lo = _line_start(text, m.start)
    return m.start - lo <= SETTINGS.line_start_chars and not text[lo : m.start].strip()


def _dateline(text: str, m: Mention) -> bool:
    """``WASHINGTON —``, ``LONDON (Reuters) -``: a place in capitals opening a paragraph."""
    return (
        m.text.isupper()
        and sum(c.isalpha() for c in m.text) >= 3
        and _at_line_start(text, m)
        and DATELINE_TAIL_RE.match(text, m.end) is not None
    )


def _section_label(text: str, m: Mention) -> bool:
    """``Analysis``, ``Exclusive``, ``Watch``: a furniture word heading the mention. A lone
    furniture word that runs on into a sentence (``Transcript as follows:``, a document that
    introduces the quotation) is no label."""
    first, _, rest = m.text.partition(" ")
    if first.lower().strip(".:’'") not in furniture_words():
        return False
    return bool(rest) or LABEL_END_RE.match(text, m.end) is not None


def _credit_line(text: str, m: Mention) -> bool:
    """``JANE DOE via Getty Images``: a photo credit line."""
    if not m.text.isupper():
        return False
    end = text.find("\n", m.end)
    line = text[_line_start(text, m.start) : end if end >= 0 else len(text)]
    return len(line) < SETTINGS.credit_line_max_chars and CREDIT_RE.search(line) is not None


class Rule(NamedTuple):
    name: str
    example: str
    fn: Callable[[str, Mention], bool]


RULES: tuple[Rule, ...] = (
    Rule("dateline", "LONDON — Talks resumed", _dateline),
    Rule("section label", "Analysis: the vote", _section_label),
    Rule("credit", "JANE DOE via Getty Images", _credit_line),
)


def not_a_speaker(text: str, m: Mention) -> str | None:
    """The name of the first rule that says mention ``m`` is page furniture, else None."""
    for rule in RULES:
        if rule.fn(text, m):
            return rule.name
    return None
