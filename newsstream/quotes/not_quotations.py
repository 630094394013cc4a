"""Quoted stretches that are no quotation: names of works, nicknames, terms and scare quotes.

Each rule is a named table entry with an example that yields nothing and a counter-example
that is still a quotation; ``not_quotation`` returns the name of the first rule that applies.
The rules read only the words right before the opening mark and the stretch itself, so they
hold for any outlet. Vocabularies: ``data/quotes/naming_verbs.txt`` and ``thinking_verbs.txt``;
thresholds: ``settings.py``.

Example::

    >>> from newsstream.quotes.marks import find_stretches
    >>> text = "Her favourite novel is “The Salt Road.”"
    >>> not_quotation(text, find_stretches(text)[0])
    'work_title_after_copula'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from newsstream.quotes.lexicon import _lines
from newsstream.quotes.marks import Stretch
from newsstream.quotes.settings import SETTINGS

WORD_RE = re.compile(r"[A-Za-z][A-Za-z’'-]*")
COPULAS = frozenset(("is", "was", "are", "were", "remains"))
DETERMINERS = frozenset(("the", "a", "an"))
OBJECT_WORDS = 4  # words allowed between a naming verb and the mark: "call the old bridge", "refer to the crane as"
# lowercase words a title may hold whatever their length ("Midday with Lena Ortiz")
TITLE_FUNCTION_WORDS = frozenset(("with", "from", "into", "onto", "over", "upon", "about", "after", "under"))
TERM_NOUNS = frozenset(("term", "phrase", "word", "expression", "label", "nickname", "name"))


@cache
def _verbs(name: str) -> frozenset[str]:
    """All forms of the verbs of one data file."""
    return frozenset(w.lower() for line in _lines(name) for w in line.split())


@dataclass(frozen=True, slots=True)
class Context:
    """What the rules read: the stretch's words and the lowercase words right before its mark."""

    content: str
    words: list[str]  # words of the stretch
    before: list[str]  # lowercase words before the opening mark, in the same sentence, nearest last


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    example: str  # yields no quotation
    counter_example: str  # still a quotation
    applies: Callable[[Context], bool]


def _title_words(words: list[str]) -> bool:
    """Title Case words (short function words may stay lowercase), no exclamation."""
    caps = [w for w in words if w[:1].isalpha()]
    return (
        bool(caps)
        and caps[0][0].isupper()
        and all(w[0].isupper() or w in TITLE_FUNCTION_WORDS for w in caps if len(w) > 3)
    )


def _work_title_after_copula(c: Context) -> bool:
    """``her favourite novel is “The Salt Road”``: a work noun and a copula, then a Title Case name."""
    return (
        len(c.before) >= 2
        and c.before[-1] in COPULAS
        and c.before[-2] in SETTINGS.work_nouns
        and len(c.words) <= SETTINGS.title_words
        and "!" not in c.content
        and _title_words(c.words)
    )


def _title_after_possessive(c: Context) -> bool:
    """``the channel’s “Midday with Lena Ortiz”``: a Title Case name after a possessive ``’s`` is a
    programme, work or award (after ``his``/``her``/``its`` it is as often a nickname somebody used)."""
    if not c.before or len(c.words) > SETTINGS.title_words or "!" in c.content:
        return False
    return c.before[-1].endswith(("’s", "'s", "s’", "s'")) and _title_words(c.words)


def _name_after_naming_verb(c: Context) -> bool:
    """``locals call the bridge “the Iron Lady”``: a naming verb, its object, then a lowercase
    ``the``/``a`` and a Title Case name (a Title Case stretch as a whole, ``“The Local”``, is
    already a title for ``extract``)."""
    if len(c.words) < 2 or len(c.words) > SETTINGS.nickname_words + 1 or c.words[0] not in DETERMINERS:
        return False
    if "!" in c.content or not _title_words(c.words[1:]):
        return False
    naming = _verbs("naming_verbs.txt")
    return any(w in naming for w in c.before[-OBJECT_WORDS - 1 :])


def _term_after_naming_phrase(c: Context) -> bool:
    """``known as “the gravel pit”``, ``coined the phrase “silent tide”``: a term being named, by
    nobody in particular (``he refers to it as “Q”`` stays his words)."""
    b = c.before
    if len(c.words) > SETTINGS.short_words:
        return False
    known_as = len(b) >= 2 and b[-1] == "as" and b[-2] == "known"
    coined = len(b) >= 3 and b[-3] == "coined" and b[-2] in DETERMINERS and b[-1] in TERM_NOUNS
    return known_as or coined


def _scare_quote_after_thinking(c: Context) -> bool:
    """``she thinks that “freedom” …`` (one word), ``what he thinks is “fair”`` (a short label): the
    writer's marks on somebody's opinion, not their words."""
    if len(c.before) < 2 or c.before[-2] not in _verbs("thinking_verbs.txt") or not c.content[-1:].isalnum():
        return False
    if c.before[-1] == "that":
        return len(c.words) == 1
    return c.before[-1] in COPULAS and len(c.words) <= SETTINGS.label_words


NOT_QUOTATION_RULES: tuple[Rule, ...] = (
    Rule(
        "work_title_after_copula",
        "His favourite novel is “The Salt Road,” she said.",
        "Pike said her favourite book was “a mess” at first.",
        _work_title_after_copula,
    ),
    Rule(
        "title_after_possessive",
        "The station’s “Midday with Lena Ortiz” drew callers.",
        "Lund’s “We will rebuild the pier” pledge drew cheers.",
        _title_after_possessive,
    ),
    Rule(
        "name_after_naming_verb",
        "Locals call the old bridge “the Iron Lady.”",
        "She called the bridge “an eyesore,” Pike said.",
        _name_after_naming_verb,
    ),
    Rule(
        "term_after_naming_phrase",
        "The cove, known as “the smugglers’ door,” drew tourists.",
        "He said the cove was “the smugglers’ door.”",
        _term_after_naming_phrase,
    ),
    Rule(
        "scare_quote_after_thinking",
        "Brandt thinks that “freedom” means lower fees.",
        "Brandt said that “freedom” means lower fees.",
        _scare_quote_after_thinking,
    ),
)


def _words_before(text: str, s: Stretch) -> list[str]:
    """Lowercase words before the opening mark, back to a sentence end, paragraph start or
    ``SETTINGS.trigger_chars`` characters (the first, maybe cut, word dropped)."""
    lo = max(s.para_start, s.open_at - SETTINGS.trigger_chars)
    chunk = text[lo : s.open_at]
    for stop in (". ", "? ", "! ", "\n"):
        k = chunk.rfind(stop)
        if k >= 0:
            chunk, lo = chunk[k + len(stop) :], lo + k + len(stop)
    words = WORD_RE.findall(chunk)
    if words and lo > s.para_start and text[lo - 1].isalpha():
        words = words[1:]
    return [w.lower() for w in words]


def not_quotation(text: str, s: Stretch, rules: tuple[Rule, ...] | None = None) -> str | None:
    """Name of the first rule saying the stretch ``s`` of ``text`` is no quotation, else None."""
    content = text[s.start : s.end].strip()
    if not content or s.continued:
        return None
    ctx = Context(content, content.split(), _words_before(text, s))
    for rule in NOT_QUOTATION_RULES if rules is None else rules:
        if rule.applies(ctx):
            return rule.name
    return None
