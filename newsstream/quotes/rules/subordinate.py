"""A quotation inside an opening subordinate clause is that clause's speaker's:
``After Lee said the ferry was “too slow,” Reyes said …``.

A quotation ending in a comma reads its speaker on the right first (``“Q,” Reyes
said``). When the sentence opens with a subordinator (``after``, ``when``,
``while``, ``as`` …) and a cue of that clause names its speaker before the mark,
with no comma in the clause before the mark (so the main clause has not begun),
the quotation ends the subordinate clause and the words after it are the main
clause's own statement.
"""

from __future__ import annotations

from newsstream.quotes.cues import CONJUNCTION_OPENERS, SUBORDINATORS, Attribution
from newsstream.quotes.rules.base import Rule
from newsstream.quotes.rules.carry import ParagraphContext
from newsstream.quotes.rules.left import find_left

# "but even as", "just after": words that may stand between a conjunction and the subordinator
SUBORDINATOR_ADVERBS = frozenset(("even", "just", "only", "right"))


def _opens_with_subordinator(p: ParagraphContext) -> bool:
    i = 0
    toks = p.left
    while i < len(toks) and (toks[i].low in CONJUNCTION_OPENERS or toks[i].low in SUBORDINATOR_ADVERBS):
        i += 1
    return i < len(toks) and toks[i].low in SUBORDINATORS


def subordinate_clause(p: ParagraphContext) -> Attribution | None:
    """The speaker of the opening subordinate clause's cue, when the quotation closes that clause."""
    if not p.left or not _opens_with_subordinator(p):
        return None
    attr = find_left(p.text, p.left, p.settings)
    if attr is None or attr.mention is None or attr.side != "left" or attr.cue_end < 0:
        return None
    if any(t.text in ",;:" for t in p.left[:-1]):
        return None  # "When Lee spoke, Reyes called it “Q,” …": a main clause began before the mark
    return attr


SUBORDINATE_RULE = Rule(
    "left.subordinate_clause",
    "left",
    subordinate_clause,
    "After Ilse Marrow said the ferry was “far too slow,” Tobin Reyes said he would buy a boat.",
    "After the vote, Ilse Marrow said the ferry was “far too slow,” Tobin Reyes said.",
    "Ilse Marrow",
)
