"""Rules that read beyond the quotation's own sentence.

- ``carry``: a signature in the next paragraph, a cue ending the previous
  paragraph, the attribution of the next quotation of the sentence, of the
  paragraph continuing it, or the speaker of the previous quotation;
- ``fallback``: no cue at all, the subject of the sentence (a guess);
- ``block``: the quotation is a question put to people, nobody's words.

They read a ``Stretch`` (``ParagraphContext``) or the quotation's windows.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsstream.quotes.cues import Attribution, last_break, sentence_subject
from newsstream.quotes.lexicon import rule_words
from newsstream.quotes.marks import DOUBLE_RE, Stretch
from newsstream.quotes.rules.base import NOBODY, Rule
from newsstream.quotes.rules.left import find_left, relative_after_mark
from newsstream.quotes.settings import QuoteSettings
from newsstream.quotes.speakers import Token, is_capital, parse_np_right, tokenize

QUESTION_WORDS = rule_words()["question_words"]


@dataclass(slots=True)
class ParagraphContext:
    """One quotation with its sentence windows: ``left`` (this sentence), ``before`` (earlier ones)."""

    text: str
    stretch: Stretch
    right: list[Token]
    left: list[Token]
    before: list[Token]
    settings: QuoteSettings


def question_wording(p: ParagraphContext) -> Attribution | None:
    """``Asked if the tram was “worth the wait,” the commuters said no``: a survey question's wording."""
    left = p.left
    if (
        len(left) >= 2
        and left[0].low == "asked"
        and left[1].low in QUESTION_WORDS
        and all(t.text != "," for t in left)
    ):
        return Attribution(None, "", -1, -1, NOBODY, False)
    return None


def signature_after(p: ParagraphContext) -> Attribution | None:
    """A quotation closing its paragraph, signed in the next one: ``- Ann Lee.`` or
    ``Ann Lee, Institute of Tides.``"""
    text, s, gap = p.text, p.stretch, p.settings.signature_gap_chars
    if p.right:
        return None
    nl = s.para_end
    if nl >= len(text) or nl - s.end > gap or text[s.end : nl].strip(' "”’»'):
        return None
    lo = nl
    while lo < len(text) and lo - nl <= gap and text[lo].isspace():
        lo += 1
    hi = text.find("\n", lo, lo + p.settings.signature_chars + 1)
    if hi < 0:
        hi = len(text)
        if hi - lo > p.settings.signature_chars:
            return None
    toks = tokenize(text, lo, hi)
    i = 0
    while i < len(toks) and toks[i].text in "-—–―~":
        i += 1
    if i >= len(toks) or not is_capital(toks[i]):
        return None
    m = parse_np_right(toks, i, text)
    if m is None or m.kind not in ("name", "org"):
        return None
    after = toks[m.last + 1].text if m.last + 1 < len(toks) else "."
    if i == 0 and (after != "," or " " not in m.text):
        return None  # unsigned: only "Full Name, affiliation." counts
    dash = toks[i - 1] if i else None
    return Attribution(
        m, dash.text if dash else "", dash.start if dash else -1, dash.end if dash else -1, "right", True
    )


def _previous_paragraph(p: ParagraphContext) -> tuple[list[Token], bool] | None:
    """The last sentence of the previous paragraph when this quotation opens its paragraph,
    and whether it ends with a colon."""
    text, s, gap = p.text, p.stretch, p.settings.signature_gap_chars
    if p.left or s.para_start == 0 or s.open_at - s.para_start > gap or text[s.para_start : s.open_at].strip():
        return None
    end = s.para_start - 1
    while end > 0 and s.para_start - end <= gap and text[end - 1].isspace():
        end -= 1
    if end == 0:
        return None
    colon = text[end - 1] == ":"
    lo = max(0, end - p.settings.window_chars)
    lo = text.rfind("\n", lo, end - 1) + 1 or lo
    if not colon and DOUBLE_RE.search(text, lo, end):
        return None  # a paragraph with its own quotation: inheritance decides
    toks = tokenize(text, lo, end)
    return toks[last_break(toks, len(toks) - 1) + 1 :], colon


def paragraph_intro(p: ParagraphContext) -> Attribution | None:
    """``At the dock she declared:`` ending the previous paragraph introduces this one."""
    prev = _previous_paragraph(p)
    if prev is None or not prev[1]:
        return None
    toks = prev[0]
    attr = find_left(p.text, toks, p.settings)
    if attr is None or attr.mention is None:
        m = sentence_subject(p.text, toks, p.settings)
        return Attribution(m, "", -1, -1, "left", False) if m is not None else None
    return Attribution(attr.mention, attr.cue_text, attr.cue_start, attr.cue_end, "left", False)


def sentence_subject_guess(p: ParagraphContext) -> Attribution | None:
    """No cue: ``The council rejected the “Q” plan``: the subject of the sentence."""
    m = sentence_subject(p.text, p.left, p.settings) if p.left else None
    if m is None or m.kind not in ("name", "pronoun", "desc", "org") or relative_after_mark(p.text, m, p.settings):
        return None  # (a "who" right after a closing mark relates to the quoted words)
    return Attribution(m, "", -1, -1, "guess", False)


def previous_sentence_guess(p: ParagraphContext) -> Attribution | None:
    """``The vote can wait until spring, Lee said. “Q”``: the previous sentence's speaker or subject."""
    if p.left or not p.before:
        return None
    before = p.before
    k = last_break(before, len(before) - 1)
    previous = before[k + 1 :]
    said = find_left(p.text, previous[:-1], p.settings) if previous and previous[-1].text == "." else None
    m = said.mention if said is not None and said.mention is not None else None
    m = m or sentence_subject(p.text, previous, p.settings)
    if m is None or m.kind not in ("name", "pronoun", "desc", "org"):
        return None
    return Attribution(m, "", -1, -1, "guess-previous", False)


# "carry.previous_paragraph_cue" (the reported speaker of the previous paragraph's last sentence for
# a quotation-only paragraph) was removed on 2026-11-29: precision 0.375 on dev, a net loss of 2
# end-to-end true positives and 6 in the breitbart fold (bench/quotes.py --rules).
PARAGRAPH_RULES: tuple[Rule, ...] = (
    Rule(
        "carry.signature",
        "carry",
        signature_after,
        "“Keep the lighthouse lit.”\n— Hollis Brandt.",
        "“Keep the lighthouse lit.”\nThe keeper went home.",
        "Hollis Brandt",
    ),
    Rule(
        "colon.paragraph_intro",
        "colon",
        paragraph_intro,
        "At the pier the keeper Hollis Brandt declared:\n“Keep the lighthouse lit.”",
        "At the pier the keeper Hollis Brandt waved.\n“Keep the lighthouse lit.”",
        "Hollis Brandt",
    ),
    Rule(
        "fallback.sentence_subject",
        "fallback",
        sentence_subject_guess,
        "Hollis Brandt wants the lamp “kept burning.”",
        "The lamp must be “kept burning.”",
        "Hollis Brandt",
    ),
    Rule(
        "fallback.previous_sentence",
        "fallback",
        previous_sentence_guess,
        "The lamp must stay on all winter, Hollis Brandt said. “Ships still pass at night.”",
        "The lamp must stay on all winter. “Ships still pass at night.”",
        "Hollis Brandt",
    ),
)


def previous_quote(paragraphs: list[tuple[int, int]], prev: int, cur: int, settings: QuoteSettings) -> bool:
    """``“Q1,” Lee said. “Q2.”``: a quotation with no speaker of its own takes the previous
    quotation's speaker when it is in the same paragraph, the next one, or after only short
    narrative beats (``She pauses.``). ``paragraphs`` are ``(start, end)`` offsets; ``prev`` and
    ``cur`` the paragraph indices of the previous speaker's quotation and of this one.
    Called by ``extract._assemble``, which walks the quotations in text order."""
    if cur - prev <= 1:
        return True
    if cur - prev > settings.beat_paragraphs + 1:
        return False
    return all(e - b <= settings.beat_chars for b, e in paragraphs[prev + 1 : cur])


def partial_across_paragraphs(prev: int, cur: int, quote_type: str) -> bool:
    """``“Q1,” Lee said.`` / new paragraph: ``The plan was “a fair start.”``: a fragment quoted
    inside the writer's own sentence does not take the speaker of another paragraph's quotation
    (only a quotation that stands as the statement itself continues one). True: do not carry."""
    return cur != prev and quote_type == "partial"


CARRY_RULES: tuple[Rule, ...] = (
    Rule(
        "carry.previous_quote",
        "carry",
        previous_quote,
        "“The lamp stays on,” Hollis Brandt said. “Ships still pass at night.”",
        "“The lamp stays on,” Hollis Brandt said.\nThe council met for hours and then adjourned without any vote."
        "\nIts members went home.\nThe harbour was quiet for the rest of a very long week."
        "\n“Ships still pass at night.”",
        "Hollis Brandt",
    ),
    Rule(
        "block.partial_across_paragraphs",
        "block",
        partial_across_paragraphs,
        "“The lamp stays on,” Hollis Brandt said.\n\nTo most people in town the beacon is now a “relic.”",
        "“The lamp stays on,” Hollis Brandt said.\n\n“Ships still pass at night.”",
        None,
    ),
)
