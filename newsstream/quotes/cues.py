"""Attribution cues: the speech verb or phrase that links a quotation to its speaker.

What it does, for one quotation and the tokens of its sentence on each side:

1. ``find_right`` reads the words after the closing mark: ``“Q,” X said``,
   ``“Q,” said X``, ``“Q,” X, the ROLE, said``, ``“Q,” she told reporters``,
   ``“Q,” according to X``.
2. ``find_left`` reads the words before the opening mark, from the nearest
   cue leftwards: ``X said: “Q”``, ``X said (that) … “Q” …``, ``According to
   X, “Q”``, ``X, who …, said “Q”``, ``what he called “Q”``.

A cue is a word of ``speech_verbs.txt`` (not after a determiner, so ``the
talks`` is no cue) or a phrase of ``cue_phrases.txt``.

Example::

    >>> from newsstream.quotes.speakers import tokenize
    >>> t = ', Clinton said on Thursday.'
    >>> a = find_right(t, tokenize(t, 0, len(t)))
    >>> a.mention.text, a.cue_text
    ('Clinton', 'said')
"""

from __future__ import annotations

from dataclasses import dataclass

from newsstream.quotes.lexicon import lexicon
from newsstream.quotes.speakers import APPOSITIVE_MAX_TOKENS, Mention, Token, parse_np_left, parse_np_right

RIGHT_MAX_TOKENS = 30  # how far after a quotation a cue is looked for
LEAD_PUNCT = ",;:—–-("
SENTENCE_END = ".?!"


@dataclass(frozen=True, slots=True)
class Attribution:
    """A cue with the speaker phrase it links to (``mention`` may be None)."""

    mention: Mention | None
    cue_text: str
    cue_start: int
    cue_end: int
    side: str
    adjacent: bool = False


def is_cue_verb(toks: list[Token], k: int) -> bool:
    """True when ``toks[k]`` is a speech verb used as a verb."""
    t = toks[k]
    lex = lexicon()
    if t.low not in lex.speech_verbs or not t.text[:1].islower():
        return False
    return not (k > 0 and (toks[k - 1].low in lex.determiners or toks[k - 1].low.endswith(("’s", "'s"))))


def match_phrase(toks: list[Token], k: int) -> int:
    """Number of tokens of the longest cue phrase starting at ``toks[k]`` (0 if none)."""
    for phrase in lexicon().cue_phrases:
        n = len(phrase)
        if k + n <= len(toks) and all(toks[k + i].low == phrase[i] for i in range(n)):
            return n
    return 0


def _cue_at(toks: list[Token], k: int) -> int:
    """Length in tokens of the cue at ``toks[k]`` (phrase or verb), 0 if none."""
    n = match_phrase(toks, k)
    if n:
        return n
    return 1 if is_cue_verb(toks, k) else 0


def _attr(
    text: str, toks: list[Token], k: int, n: int, m: Mention | None, side: str, adjacent: bool
) -> Attribution:
    return Attribution(
        m, text[toks[k].start : toks[k + n - 1].end], toks[k].start, toks[k + n - 1].end, side, adjacent
    )


def find_right(text: str, toks: list[Token]) -> Attribution | None:
    """Attribution in the words right after a closing quotation mark."""
    i = 0
    while i < len(toks) and toks[i].text in LEAD_PUNCT:
        i += 1
    if i >= len(toks) or toks[i].text in SENTENCE_END:
        return None
    n = _cue_at(toks, i)
    if n:
        if toks[i].low == "according":
            return _attr(text, toks, i, n, parse_np_right(toks, i + n, text), "right", True)
        k = i + n
        while k < len(toks) and toks[k].low in lexicon().skip_words:
            k += 1
        m = parse_np_right(toks, k, text) if k < len(toks) else None
        return _attr(text, toks, i, n, m, "right", True)
    m = parse_np_right(toks, i, text)
    if m is None:
        return None
    k = m.last + 1
    limit = min(len(toks), k + APPOSITIVE_MAX_TOKENS + 2)
    in_appositive = k < len(toks) and toks[k].text == ","
    while k < limit:
        t = toks[k]
        if t.text in SENTENCE_END:
            return None
        n = _cue_at(toks, k)
        if n:
            return _attr(text, toks, k, n, m, "right", True)
        if not in_appositive and t.low not in lexicon().skip_words:
            return None
        k += 1
    return None


def find_left(text: str, toks: list[Token]) -> Attribution | None:
    """Attribution in the words before an opening quotation mark (same sentence)."""
    lex = lexicon()
    fallback = None
    for k in range(len(toks) - 1, -1, -1):
        n = _cue_at(toks, k)
        if not n:
            continue
        adjacent = len(toks) - (k + n) <= 2
        if toks[k].low == "according":
            return _attr(text, toks, k, n, parse_np_right(toks, k + n, text), "left", adjacent)
        j = k - 1
        while j >= 0 and toks[j].low in lex.skip_words:
            j -= 1
        if toks[k].low.endswith("ing") and j >= 0 and toks[j].text == ",":
            # "…, arguing that “Q”": the subject is the main clause's
            if fallback is None:
                fallback = _attr(text, toks, k, n, None, "left", adjacent)
            continue
        m = parse_np_left(toks, j, text)
        if m is None and j >= 0 and toks[j].low in ("and", "but", "or"):
            # "X said … and added “Q”": the subject of the first verb
            continue
        if m is not None:
            return _attr(text, toks, k, n, m, "left", adjacent)
        if fallback is None:
            fallback = _attr(text, toks, k, n, None, "left", adjacent)
    if fallback is not None:
        # a cue without a subject right before it: take the sentence subject
        for i in range(len(toks)):
            if toks[i].start >= fallback.cue_start:
                break
            m = parse_np_right(toks, i, text)
            if m is not None:
                return Attribution(
                    m, fallback.cue_text, fallback.cue_start, fallback.cue_end, "left", fallback.adjacent
                )
    return fallback
