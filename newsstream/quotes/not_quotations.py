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

from newsstream.quotes.lexicon import _lines, rule_words
from newsstream.quotes.marks import Stretch
from newsstream.quotes.settings import SETTINGS

WORD_RE = re.compile(r"[A-Za-z][A-Za-z’'-]*")
COPULAS = rule_words()["copulas"]
DETERMINERS = frozenset(("the", "a", "an"))
TITLE_FUNCTION_WORDS = rule_words()["title_function_words"]  # "Midday with Lena Ortiz"
TERM_NOUNS = rule_words()["term_nouns"]
LISTED_TERM_NOUNS = rule_words()["listed_term_nouns"]  # "words such as “harbour” and “quay”"
LIST_OPENERS = (("such", "as"), ("like",), ("including",))
INTERFACE_VERBS = rule_words()["interface_verbs"]  # "click “Sign up”" names the button
LISTED_TERM_RE = re.compile(r"word|term|phrase|expression")  # a quick test before reading the list
# a listed term follows an opener or a conjunction ("such as “a”", "“a,” and “b”"), or another
# item and its comma within a few characters ("“a,” “b”", "“a”, “b”")
LIST_GATE_WORDS = rule_words()["list_gate_words"]
LIST_ITEM_ENDS = (",”", ',"', ",")  # a comma inside or outside the previous item's closing mark
# every rule reads stretches of at most this many words (their own limits: title_words, short_words,
# nickname_words + 1, label_words), so a longer stretch is passed without reading its context
MAX_RULE_WORDS = max(SETTINGS.title_words, SETTINGS.short_words, SETTINGS.nickname_words + 1, SETTINGS.label_words)
# a stretch opening its sentence, then a copula and a noun that classifies a word: the word is
# defined, not quoted ("“Dry run” is a term for a rehearsal"); "means" / "refers to" / "stands
# for" directly. Bounded repetitions only (no backtracking blow-up).
TERM_DEFINED_RE = re.compile(
    r"[”\"’']?,?\s{0,3}(?:"
    r"(?:is|was|are|were|remains)\s(?:[\w’'-]{1,20}\s){0,4}?"
    r"(?:term|word|phrase|expression|label|name|level|category|classification|designation|rating|slang|jargon|"
    r"shorthand|euphemism|acronym|abbreviation)s?\b"
    r"|(?:means|meant|refers\sto|referred\sto|stands\sfor|stood\sfor)\b)"
)
# a share right after a short answer wording: "(34%)", "with 6 percent", ": 12 per cent"
SHARE_AFTER_RE = re.compile(
    r"[”\"’']?\s{0,3},?\s{0,3}(?:\(|with\s|at\s|:\s?)\s{0,3}\d{1,3}(?:\.\d{1,2})?\s?(?:%|percent|per\scent)"
)
# a share right before it, inside the same bracket or list: "(34% “strongly agree”)"; matched on
# the last ``SETTINGS.share_tail_chars`` characters only ("100.00 per cent" is 15)
SHARE_BEFORE_RE = re.compile(r"\d{1,3}(?:\.\d{1,2})?\s?(?:%|percent|per\scent)$")
SHARE_WORDS = ("%", "percent", "per cent")


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
    text: str  # the article, for the rules that read more (``_after``, ``_before_text``)
    stretch: Stretch


@dataclass(frozen=True, slots=True)
class Rule:
    """A named not-quotation check; ``applies`` only ever accepts stretches of at most
    ``MAX_RULE_WORDS`` words (``not_quotation`` skips longer ones)."""

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
    return any(w in naming for w in c.before[-SETTINGS.naming_object_words - 1 :])


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


def _after(c: Context) -> str:
    """Text after the closing mark, up to ``SETTINGS.after_mark_chars`` characters of the paragraph."""
    s = c.stretch
    return (
        c.text[s.close_at + 1 : min(s.para_end, s.close_at + 1 + SETTINGS.after_mark_chars)] if s.close_at >= 0 else ""
    )


def _term_defined(c: Context) -> bool:
    """``“Dry run” is a term for a rehearsal``: a short stretch opening its sentence, then a copula
    and a noun that classifies words (or ``means``): the word is defined, nobody is quoted."""
    return (
        not c.before
        and len(c.words) <= SETTINGS.label_words
        and c.content[-1:].isalnum()
        and TERM_DEFINED_RE.match(_after(c)) is not None
    )


def _listed_terms(before_text: str) -> list[str]:
    """Lowercase words before a run of quoted items (``such as “a,” “b” and``), that run skipped."""
    rest = before_text.rstrip()
    for _ in range(SETTINGS.short_words):  # bounded: a list of a few terms
        rest = rest.rstrip(" ,;")
        if rest.endswith((" and", " or")):
            rest = rest[:-3].rstrip(" ,")
        if not rest.endswith(("”", '"')):
            break
        k = max(rest.rfind("“", 0, len(rest) - 1), rest.rfind('"', 0, len(rest) - 1))
        if k < 0:
            break
        rest = rest[:k]
    return [w.lower() for w in WORD_RE.findall(rest[-SETTINGS.trigger_chars :])]


def _terms_listed(c: Context) -> bool:
    """``words such as “harbour” and “quay”``: terms listed after a noun for words, talked about."""
    if len(c.words) > SETTINGS.label_words:
        return False
    s, text = c.stretch, c.text
    # a quick gate: right after an opener or a conjunction, or after another listed item
    prev = text[max(s.para_start, s.open_at - SETTINGS.list_gap_chars) : s.open_at].rstrip()
    if not ((c.before and c.before[-1] in LIST_GATE_WORDS) or prev.endswith(LIST_ITEM_ENDS)):
        return False
    if LISTED_TERM_RE.search(text, max(s.para_start, s.open_at - SETTINGS.quick_chars), s.open_at) is None:
        return False
    b = _listed_terms(_text_before(text, s, SETTINGS.quick_chars))
    for opener in LIST_OPENERS:
        n = len(opener)
        if len(b) > n and tuple(b[-n:]) == opener and b[-n - 1] in LISTED_TERM_NOUNS:
            return True
    return False


def _poll_answer(c: Context) -> bool:
    """``(34% “strongly agree”)``, ``leads with “somewhat likely” with 6 percent``: the wording
    of a poll's answer beside its share, nobody's words."""
    if len(c.words) > SETTINGS.label_words or not c.content[-1:].isalnum():
        return False
    s, text = c.stretch, c.text
    k = s.open_at - 1  # the share before ends right before the mark: "%", "percent", "per cent"
    while k > s.para_start and s.open_at - k <= SETTINGS.share_gap_chars and text[k] == " ":
        k -= 1
    if text[k] in "%t" and SHARE_BEFORE_RE.search(text[max(s.para_start, k + 1 - SETTINGS.share_tail_chars) : k + 1]):
        return True
    j = s.close_at + 1  # the share after opens within a few characters: "(", "with", "at", ":"
    while j < s.para_end and j - s.close_at <= SETTINGS.share_gap_chars and text[j] in " ,”\"’'":
        j += 1
    if s.close_at < 0 or j >= s.para_end or text[j] not in "(wa:":
        return False
    return (
        SHARE_AFTER_RE.match(text, s.close_at + 1, min(s.para_end, s.close_at + 1 + SETTINGS.after_mark_chars))
        is not None
    )


def _interface_label(c: Context) -> bool:
    """``enter your address and click “Sign up.”``: the label of a button or menu item."""
    return bool(c.before) and c.before[-1] in INTERFACE_VERBS and len(c.words) <= SETTINGS.label_words


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
    Rule(
        "term_defined",
        "“Dry run” is a harbour term for a rehearsal with empty boats.",
        "“Not yet” was all Mayor Ann Lee said about the ferry.",
        _term_defined,
    ),
    Rule(
        "terms_listed",
        "The filter flagged words such as “quay” in the ferry files.",
        "The filter, Pike said, was “a blunt tool” for the ferry files.",
        _terms_listed,
    ),
    Rule(
        "poll_answer",
        "Support was higher among older riders (41% “strongly agree”) than among students.",
        "Only 41% of riders agreed, and Lee called the result “a warning.”",
        _poll_answer,
    ),
    Rule(
        "interface_label",
        "To get the tide tables, enter your address and click “Send me the tables.”",
        "To get the tide tables, Lee said, “just call the harbour office.”",
        _interface_label,
    ),
)


def _text_before(text: str, s: Stretch, chars: int) -> str:
    """Text before the opening mark back to a sentence end, the paragraph start or ``chars``
    characters."""
    chunk = text[max(s.para_start, s.open_at - chars) : s.open_at]
    for stop in (". ", "? ", "! ", "\n"):
        k = chunk.rfind(stop)
        if k >= 0:
            chunk = chunk[k + len(stop) :]
    return chunk


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
    words = content.split(None, MAX_RULE_WORDS)
    if len(words) > MAX_RULE_WORDS:
        return None  # longer than any stretch a rule reads: nothing else to look at
    ctx = Context(content, words, _words_before(text, s), text, s)
    for rule in NOT_QUOTATION_RULES if rules is None else rules:
        if rule.applies(ctx):
            return rule.name
    return None
