"""The agent of a passive cue speaks: ``The plan was called “a farce” by Ann Lee``.

A passive cue alone names nobody (``block.passive_cue``), but its ``by`` phrase
names who called, described or labelled the thing: the agent is the speaker. The
agent stands before the mark (``seen by many riders as a “Q”``) or right after
it (``labelled a “Q” by dockers``, ``“Q” — as described by the board``).
"""

from __future__ import annotations

from newsstream.quotes.cues import IRREGULAR_PAST, Attribution, is_skip
from newsstream.quotes.lexicon import lexicon
from newsstream.quotes.marks import Stretch
from newsstream.quotes.rules.base import Rule
from newsstream.quotes.rules.carry import ParagraphContext
from newsstream.quotes.settings import QuoteSettings
from newsstream.quotes.speakers import Mention, Token, parse_np_right

# words that may stand between a passive participle (or its agent) and the opening mark:
# "called a “Q”", "seen by riders as the “Q”" (a longer phrase is an object of its own)
AGENT_LINKS = frozenset(("as", "a", "an", "the"))
AGENT_KINDS = ("name", "org", "desc")  # a pronoun agent ("by him") is left to the other rules
LEADS = frozenset((",", "—", "–", "-"))


def _participle(tok: Token) -> bool:
    """``called``, ``described``, ``seen``, ``known``: a lowercase past participle."""
    low = tok.low
    return tok.text.islower() and (low.endswith(("ed", "en", "wn")) or low in IRREGULAR_PAST)


def _link(tok: Token) -> bool:
    return tok.low in AGENT_LINKS or is_skip(tok)


def _participle_before_mark(toks: list[Token], reach: int) -> int:
    """Index of the participle that ends the words before the mark (past links), or -1."""
    j = len(toks) - 1
    while j >= 0 and len(toks) - j <= reach and _link(toks[j]):
        j -= 1
    return j if j >= 0 and len(toks) - j <= reach and _participle(toks[j]) else -1


def _agent(text: str, toks: list[Token], b: int) -> Mention | None:
    """The phrase after ``toks[b]`` (``by``) when it can speak."""
    m = parse_np_right(toks, b + 1, text)
    if m is None or m.kind not in AGENT_KINDS or m.first != b + 1 or m.text.endswith(("’s", "'s", "s’", "s'")):
        return None  # "by Lee’s “Q” remarks": a possessive modifies what follows
    return m


def _left_agent(p: ParagraphContext) -> tuple[Mention, Token] | None:
    """``… seen by many riders as a “Q”``: participle, ``by`` phrase, then only links."""
    toks = p.left
    for b in range(len(toks) - 2, 0, -1):
        if toks[b].low != "by":
            continue
        j = b - 1
        while j > 0 and is_skip(toks[j]):
            j -= 1
        if not _participle(toks[j]):
            return None
        m = _agent(p.text, toks, b)
        rest = toks[m.last + 1 :] if m is not None else []
        if not rest or rest[0].low != "as" or not all(_link(t) for t in rest):
            return None  # "startled by Lee’s “Q” plans": no "as" after the agent, no naming
        return m, toks[j]
    return None


def _right_agent(p: ParagraphContext) -> tuple[Mention, Token] | None:
    """``labelled a “Q” by dockers`` / ``“Q” — as described by the board``."""
    toks, i = p.right, 0
    while i < len(toks) and toks[i].text in LEADS:
        i += 1
    cue = None
    if i + 1 < len(toks) and toks[i].low == "as" and _participle(toks[i + 1]):
        cue, i = toks[i + 1], i + 2  # "— as described by …": the participle is on this side
    if i >= len(toks) or toks[i].low != "by":
        return None
    if cue is None:
        j = _participle_before_mark(p.left, p.settings.participle_reach)
        if j < 0:
            return None
        cue = p.left[j]
    m = _agent(p.text, toks, i)
    if m is None or any(t.low == "according" for t in toks[m.last + 1 :]):
        return None  # "labelled “Q” by the board, according to two aides": the later source decides
    return m, cue


def by_near(text: str, s: Stretch, settings: QuoteSettings) -> bool:
    """The quick test: a "by" near either mark of ``s`` (the driver asks before building a context)."""
    reach = settings.agent_quick_chars
    lo = s.open_at - reach
    return text.find("by ", lo if lo > s.para_start else s.para_start, s.open_at) >= 0 or (
        s.close_at >= 0 and text.find(" by ", s.close_at, s.close_at + reach) >= 0
    )


def passive_agent(p: ParagraphContext) -> Attribution | None:
    """The ``by`` agent of a passive cue next to the quotation, when no cue named a speaker."""
    if not by_near(p.text, p.stretch, p.settings):
        return None
    found = _left_agent(p) or _right_agent(p)
    if found is None:
        return None
    m, cue = found
    if cue.low in lexicon().prepositions:
        return None
    return Attribution(m, cue.text, cue.start, cue.end, "left", False)


AGENT_RULE = Rule(
    "left.passive_agent",
    "left",
    passive_agent,
    "The new timetable has been called “a slow disaster” by the harbour board.",
    "The new timetable has been called “a slow disaster” for weeks now.",
    "the harbour board",
)
