"""The driver: reads one quotation's sentence windows and runs the rule tables in order.

1. ``right.RIGHT_RULES`` first when the quotation ends with a comma or a
   ``?``/``!``/dash (``“Q,” X said``); a question's wording is nobody's
   (``block.question_wording``), and a quotation closing an opening subordinate
   clause is that clause's speaker's (``left.subordinate_clause``).
2. ``left`` rules (``colon.COLON_FIRST``, the cues leftwards, ``COLON_LAST``,
   the sentence rules). A passive cue (``block.passive_cue``) names nobody, and
   an attribution on the ``NOBODY`` side ends the search (no guess after it); before
   that, a passive cue's ``by`` agent speaks (``left.passive_agent``).
3. ``right.RIGHT_RULES`` late, when the quotation did not invite them first.
4. ``carry.PARAGRAPH_RULES``: a signature, the previous paragraph, guesses.

The previous-quotation carry (``carry.previous_quote``) runs later, in
``extract._assemble``, over the quotations that are kept.
"""

from __future__ import annotations

import re
from dataclasses import replace

from newsstream.quotes.cues import Attribution, first_break, last_break
from newsstream.quotes.marks import Stretch
from newsstream.quotes.rules.agent import AGENT_RULE, by_near, passive_agent
from newsstream.quotes.rules.base import NOBODY, Rule, first_match, stamp
from newsstream.quotes.rules.carry import PARAGRAPH_RULES, ParagraphContext, question_wording
from newsstream.quotes.rules.left import RELATIVE_CLAUSE_RULE, find_left, relative_after_mark
from newsstream.quotes.rules.right import bare_attribution, find_right
from newsstream.quotes.rules.subordinate import (
    CONJUNCTION_OPENERS,
    SUBORDINATE_RULE,
    SUBORDINATOR_ADVERBS,
    SUBORDINATORS,
    subordinate_clause,
)
from newsstream.quotes.settings import QuoteSettings
from newsstream.quotes.speakers import Token, tokenize

BLOCK_RULE = Rule(
    "block.question_wording",
    "block",
    question_wording,
    "Asked if the new tram line was “worth the long wait,” the commuters said no.",
    "Asked about the tram, Ann Lee said the line was “worth the long wait.”",
    None,
)


def window_left(
    text: str, stretches: list[Stretch], i: int, settings: QuoteSettings
) -> tuple[list[Token], list[Token]]:
    """Tokens between the previous stretch (or paragraph start) and this one.

    Returns the part in this stretch's sentence, and the sentences before it.
    """
    s = stretches[i]
    lo = s.para_start
    if i > 0 and stretches[i - 1].paragraph == s.paragraph:
        lo = max(lo, stretches[i - 1].close_at + 1)
    lo = max(lo, s.open_at - settings.window_chars)
    quick = max(lo, s.open_at - settings.quick_chars)
    toks = tokenize(text, quick, s.open_at)
    k = last_break(toks)
    if k >= 0 and (k + 1 < len(toks) or quick == lo):
        return toks[k + 1 :], toks[: k + 1]
    if quick > lo:
        toks = tokenize(text, lo, s.open_at)
        k = last_break(toks)
        if k >= 0:
            return toks[k + 1 :], toks[: k + 1]
    return toks, []


def window_right(text: str, stretches: list[Stretch], i: int, settings: QuoteSettings) -> list[Token]:
    """Tokens after the closing mark up to the sentence end or the next stretch."""
    s = stretches[i]
    if s.close_at < 0:
        return []
    hi = s.para_end
    if i + 1 < len(stretches) and stretches[i + 1].paragraph == s.paragraph:
        hi = min(hi, stretches[i + 1].open_at)
    hi = min(hi, s.close_at + 1 + settings.window_chars)
    quick = min(hi, s.close_at + 1 + settings.quick_chars)
    toks = tokenize(text, s.close_at + 1, quick)
    k = first_break(toks)
    if 0 <= k < len(toks) - 1:
        return toks[: k + 1]
    if quick < hi:
        toks = tokenize(text, s.close_at + 1, hi)
        k = first_break(toks)
    return toks[: k + 1] if k >= 0 else toks


def _closed_sentence(text: str, s: Stretch, right: list[Token], settings: QuoteSettings) -> bool:
    """``… rated it “True.” The news service pointed …``: the quotation ends its sentence with a
    period inside the marks and a new sentence starts after it; that sentence's cue is its own.
    A bare ``“Q.” Ann Lee, a pilot, said.`` (a stray period for a comma) still reads as the quotation's."""
    if text[s.end - 1] != "." or not right or not right[0].text[:1].isupper():
        return False
    return not bare_attribution(text, right, settings)


def _subordinator_near(text: str, lo: int, hi: int) -> bool:
    """The quick test of ``left.subordinate_clause`` (``lo`` is in the quotation's paragraph):
    the words since the last full stop open with a subordinator, or a conjunction or adverb
    that may come before one; the rule itself reads the tokens."""
    start = text.rfind(".", lo, hi) + 1
    return QUICK_OPENER_RE.match(text, start if start > lo else lo) is not None


# the words that may open a sentence whose subordinate clause holds the quotation (a bounded
# run of blanks first: no backtracking)
_OPENERS = "|".join(sorted(SUBORDINATORS | CONJUNCTION_OPENERS | SUBORDINATOR_ADVERBS))
QUICK_OPENER_RE = re.compile(r"[ \t\u00a0]{0,4}(?:" + _OPENERS + ") ", re.IGNORECASE)


def _relative(attr: Attribution | None) -> bool:
    """The attribution names a relative pronoun (``who``, ``which``, ``that``): the quick test
    before ``left.relative_after_mark``."""
    return attr is not None and attr.mention is not None and attr.mention.text in RELATIVE_PRONOUNS


RELATIVE_PRONOUNS = frozenset(("who", "which", "that", "Who", "Which", "That"))


def _named(attr: Attribution | None) -> bool:
    return attr is not None and attr.mention is not None


def attribute(
    text: str, stretches: list[Stretch], i: int, settings: QuoteSettings
) -> tuple[Attribution | None, list[Token], list[Token] | None]:
    """The attribution of ``stretches[i]`` (``rule`` names the entry that made it), with the
    right and left windows read for it (left is None when it was not needed)."""
    s = stretches[i]
    right = window_right(text, stretches, i, settings)
    attr = None
    right_first = text[s.end - 1] in ",?!—–-" or (bool(right) and right[0].text == ",")
    if right_first:
        attr = find_right(text, right, settings)
        if _relative(attr) and RELATIVE_CLAUSE_RULE.on(settings) and relative_after_mark(text, attr.mention, settings):
            attr = None  # "“marshal” who reports to the mayor": the relative clause names no speaker
        if _named(attr):
            lo = max(s.para_start, s.open_at - settings.window_chars)
            asked = BLOCK_RULE.on(settings) and text.find("sked", lo, s.open_at) >= 0
            if not asked and not (_subordinator_near(text, lo, s.open_at) and SUBORDINATE_RULE.on(settings)):
                return attr, right, None  # the left window is read only if needed
            left, before = window_left(text, stretches, i, settings)
            ctx = ParagraphContext(text, s, right, left, before, settings)
            inner = subordinate_clause(ctx) if SUBORDINATE_RULE.on(settings) else None
            if inner is not None:
                return stamp(inner, SUBORDINATE_RULE.name), right, left
            if not asked:
                return attr, right, left
            blocked = question_wording(ctx)
            if blocked is not None:
                return replace(blocked, rule=BLOCK_RULE.name), right, left
            return attr, right, left
    left, before = window_left(text, stretches, i, settings)
    attr = find_left(text, left, settings) or attr
    if (attr is None or attr.mention is None) and by_near(text, s, settings) and AGENT_RULE.on(settings):
        agent = passive_agent(ParagraphContext(text, s, right, left, before, settings))
        if agent is not None:
            return stamp(agent, AGENT_RULE.name), right, left
    if attr is not None and attr.side == NOBODY:
        return attr, right, left  # a rule said nobody is quoted here: no later guess
    if not _named(attr) and not right_first and not _closed_sentence(text, s, right, settings):
        later = find_right(text, right, settings)
        if not (
            _relative(later)
            and RELATIVE_CLAUSE_RULE.on(settings)
            and relative_after_mark(text, later.mention, settings)
        ):
            attr = later or attr
    if not _named(attr):
        attr = first_match(PARAGRAPH_RULES, ParagraphContext(text, s, right, left, before, settings), settings) or attr
    return attr, right, left
