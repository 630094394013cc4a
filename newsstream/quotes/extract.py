"""Quote stage: every quotation of a clean article text, with its speaker and cue.

``extract_quotes`` runs these numbered stages:

1. ``marks.find_stretches``: pair quotation marks per paragraph (linear scan,
   multi-paragraph convention, apostrophes told apart).
2. ``_candidate``: ``rules.driver.attribute`` runs the attribution rule
   tables on the sentence around each stretch (right of the closing mark, left
   of the opening mark, colons), then weaker evidence: a signature in the next
   paragraph, the previous paragraph, the subject of the sentence. The
   attribution names the rule that made it (``Quote.rule``).
3. ``_is_quotation``: keep the stretches somebody is reported as saying; drop
   scare quotes in titles, names of works and programmes, nicknames and markup
   (the named rules of ``not_quotations.NOT_QUOTATION_RULES`` first).
4. ``_assemble``: in text order, resolve each mention to the article's people
   and organisations (``coref.Resolver``); a quotation with no cue of its own
   takes the speaker of the previous quotation in its paragraph, or of the
   previous paragraph (``carry.previous_quote``: ``“Q1,” X said. “Q2.”`` and
   quote-only paragraphs); a
   fragment of a few words (``label_words``) with no cue and no speaker found
   is a scare quote and is dropped (``the “lines” used for research``).

Every offset refers to ``text`` exactly: ``text[q.start:q.end] == q.text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsstream.errors import QuoteExtractionError
from newsstream.quotes.coref import Resolver
from newsstream.quotes.cues import Attribution
from newsstream.quotes.lexicon import lexicon
from newsstream.quotes.marks import Stretch, find_stretches, split_paragraphs
from newsstream.quotes.not_quotations import not_quotation
from newsstream.quotes.rules.carry import CARRY_RULES
from newsstream.quotes.rules.driver import attribute, window_left
from newsstream.quotes.settings import SETTINGS, QuoteSettings
from newsstream.quotes.speakers import Token, is_capital
from newsstream.records import Cue, Quote, Speaker

SIGNATURE_GAP_CHARS = 8  # blank characters allowed between a paragraph edge and a mark
NEXT_WORD_RE = re.compile(r" ([a-z]+)\b")  # a lowercase word right after a closing mark
LETTER_RE = re.compile(r"[^\W\d_]")
SENTENCE_END_RE = re.compile(r"[.?!][\s\"”’]")  # a sentence end between two quotations


@dataclass(slots=True)
class _Candidate:
    index: int
    stretch: Stretch
    attribution: Attribution | None
    right: list[Token]
    left: list[Token] | None = None  # read lazily: most quotations are attributed on the right
    settings: QuoteSettings = SETTINGS


def extract_quotes(text: str, settings: QuoteSettings = SETTINGS) -> list[Quote]:
    """Find every quotation in ``text`` with its speaker, cue and type.

    :param text: clean article text; paragraphs separated by newlines.
    :param settings: thresholds and switched-off rules (``QuoteSettings``).
    :returns: quotations in text order.
    :raises QuoteExtractionError: if ``text`` is not a string.
    """
    if not isinstance(text, str):
        raise QuoteExtractionError(f"article text must be a string, not {type(text).__name__}")
    stretches = [s for s in find_stretches(text) if not _plainly_not_speech(text, s)]
    if not stretches:
        return []
    cands = [_candidate(text, stretches, i, settings) for i in range(len(stretches))]
    kept = [c for c in cands if _is_quotation(text, c)]
    return _assemble(text, stretches, kept, settings)


def _candidate(text: str, stretches: list[Stretch], i: int, settings: QuoteSettings) -> _Candidate:
    attr, right, left = attribute(text, stretches, i, settings)
    return _Candidate(i, stretches[i], attr, right, left, settings)


def _left_of(text: str, stretches: list[Stretch], c: _Candidate) -> list[Token]:
    """The candidate's left window, tokenised on first use."""
    if c.left is None:
        c.left = window_left(text, stretches, c.index, c.settings)[0]
    return c.left


def _plainly_not_speech(text: str, s: Stretch) -> bool:
    """Stretches that are no quotation whatever the sentence says: markup, addresses,
    words talked about, and names of works (``KXLY’s “Morning Table”``).

    They are dropped before reading the sentences, so that the sentence of the
    next quotation is read across them.
    """
    content = text[s.start : s.end]
    if s.open_at > 0 and text[s.open_at - 1] == "=":
        return True  # markup attribute value
    first_letter = LETTER_RE.search(content)
    if first_letter is None or LETTER_RE.search(content, first_letter.end()) is None:
        return True  # no words
    if content.startswith(("http", "www.", "@", ">")) or "<tweet" in content or "</" in content:
        return True  # number, handle, address or markup
    if s.continued or s.close_at < 0:
        return False
    n_words = len(content.split())
    if n_words == 1 and content.strip(".,!?").lower() in lexicon().pronouns:
        return True  # a word talked about: because "he" is not a "she"
    before = text[max(0, s.open_at - SETTINGS.trigger_chars) : s.open_at].lower().rstrip(" ,:")
    if n_words <= SETTINGS.short_words and any(before.endswith(t) for t in SETTINGS.title_triggers):
        return True
    if n_words <= SETTINGS.title_words and _title_case(content):
        # KXLY’s “Morning Table”, on “Night Desk”, the show “The Lodge”: a programme or work
        word = before.rsplit(None, 1)[-1] if before.strip() else ""
        return (
            word.endswith(("’s", "'s", "s’", "s'"))
            or word in SETTINGS.title_prepositions
            or word.strip(",:") in SETTINGS.work_nouns
            or _modifier_use(text, s, content)
        )
    return False


def _modifier_use(text: str, s: Stretch, content: str) -> bool:
    """``“Save the Pier” movement``, ``“Rhoda Pike” campaign pins``: a name used as a modifier."""
    if not content[-1].isalnum():
        return False
    m = NEXT_WORD_RE.match(text, s.close_at + 1)
    if m is None:
        return False
    low = m.group(1)
    lex = lexicon()
    return not any(
        low in words for words in (lex.pronouns, lex.determiners, lex.speech_verbs, lex.prepositions, lex.skip_words)
    )


def _is_quotation(text: str, c: _Candidate) -> bool:
    """Decide whether a quoted stretch is something somebody is reported as saying."""
    s = c.stretch
    content = text[s.start : s.end]
    n_words = len(content.split())
    before = text[max(0, s.open_at - SETTINGS.trigger_chars) : s.open_at].lower().rstrip(" ,:")
    opens_paragraph = s.open_at - s.para_start <= SIGNATURE_GAP_CHARS and not text[s.para_start : s.open_at].strip()
    if s.continued or (s.close_at < 0 and opens_paragraph):
        return True
    if not_quotation(text, s) is not None:
        return False  # a work's title, a nickname, a term or a scare quote (not_quotations.py)
    right = [t for t in c.right[:3] if t.text != ","]
    if content[-1] == "," and len(right) >= 2 and right[0].low == "by" and right[1].text[:1].isupper():
        return False  # a headline with its byline: "…," by Jane Doe
    a = c.attribution
    r = c.right
    if len(r) >= 3 and r[0].text == "(" and r[1].text.isdigit() and r[2].text == ")" and _weak_attribution(c):
        return False  # a dated item in a list: “No to toll roads” (2011)
    last_word = before.rsplit(None, 1)[-1].strip(",:") if before.strip() else ""
    if n_words <= SETTINGS.short_words and last_word in SETTINGS.work_nouns and _weak_attribution(c):
        return False  # the documentary “22nd.”
    if n_words <= SETTINGS.nickname_words and _weak_attribution(c) and _scare_modifier(text, c, content, last_word):
        return False  # the “artisan” category: a label modifying a noun, nobody quoted
    if n_words <= SETTINGS.nickname_words and _nickname(text, c):
        return False  # Lionel “The Hammer” Okoro, Paul “Moose” Halvorsen
    if n_words <= SETTINGS.title_words and _title_case(content):
        naming = a is not None and a.cue_text.lower() in SETTINGS.naming_cues
        return a is not None and a.mention is not None and not naming
    return True


def _scare_modifier(text: str, c: _Candidate, content: str, before_word: str) -> bool:
    """``the “artisan” category``, ``a “rolling blackout” scenario``: a determiner, a short
    lowercase stretch without end punctuation, then a lowercase noun."""
    if before_word not in ("a", "an", "the") or not content[:1].islower() or not content[-1].isalnum():
        return False
    m = NEXT_WORD_RE.match(text, c.stretch.close_at + 1)
    if m is None:
        return False
    low = m.group(1)
    lex = lexicon()
    return not any(
        low in words
        for words in (
            lex.pronouns,
            lex.determiners,
            lex.speech_verbs,
            lex.prepositions,
            lex.skip_words,
            lex.inner_verbs,
        )
    ) and low not in ("is", "was", "are", "were", "has", "had", "have", "will", "would", "can", "could")


def _weak_attribution(c: _Candidate) -> bool:
    """True when the stretch has no cue-based attribution (none, or only a guess)."""
    a = c.attribution
    return a is None or a.mention is None or a.side.startswith("guess")


def _nickname(text: str, c: _Candidate) -> bool:
    """A stretch between a first name and a surname (``Lionel “The Hammer” Okoro``)."""
    s = c.stretch
    if not _title_case(text[s.start : s.end]):
        return False
    if s.close_at < 0 or not c.right or c.right[0].start != s.close_at + 2 or not is_capital(c.right[0]):
        return False
    k = s.open_at - 1
    if k < 1 or text[k] != " ":
        return False
    word_end = k
    while k > 0 and (text[k - 1].isalpha() or text[k - 1] == "."):
        k -= 1
    word = text[k:word_end]
    return word[:1].isupper() and word.lower() not in lexicon().stop_capitals


def _title_case(content: str) -> bool:
    """True for Title Case or ALL CAPS text: a name or a headline, not speech."""
    if not content[:1].isupper() or "!" in content:
        return False  # exclamations ("USA! USA!") are chanted or shouted, not titles
    words = [w for w in content.split() if w[:1].isalpha()]
    return bool(words) and all(w[0].isupper() for w in words if len(w) > 3)


def _assemble(text: str, stretches: list[Stretch], cands: list[_Candidate], settings: QuoteSettings) -> list[Quote]:
    """Inherit speakers, resolve mentions in text order and build the records."""
    resolver = Resolver(text, [(s.open_at, s.close_at + 1 if s.close_at >= 0 else s.end) for s in stretches])
    paragraphs = split_paragraphs(text)
    out: list[Quote] = []
    prev_speaker: Speaker | None = None
    prev_para = -1
    carry = CARRY_RULES[0]
    for c in cands:
        s = c.stretch
        attr = c.attribution
        speaker = None
        cue = None
        confidence = SETTINGS.confidence_none
        rule = attr.rule if attr is not None and attr.side == "question" else None
        if attr is not None and attr.mention is not None and not attr.side.startswith("guess"):
            speaker = resolver.resolve(
                attr.mention, _sentence_start(text, stretches, c) if attr.mention.key == "it" else None
            )  # None: page furniture, never a speaker
            confidence = SETTINGS.confidence_adjacent if attr.adjacent else SETTINGS.confidence_cue
            rule = attr.rule
        elif (
            attr is not None
            and attr.mention is not None
            and (s.paragraph != prev_para or _own_sentence_subject(text, stretches, c))
        ):
            speaker = resolver.resolve(attr.mention)
            confidence = SETTINGS.confidence_guess
            rule = attr.rule
        elif (
            prev_speaker is not None
            and carry.on(settings)
            and (attr is None or attr.side != "question")
            and carry.fn(paragraphs, prev_para, s.paragraph, settings)
        ):
            speaker = prev_speaker
            confidence = SETTINGS.confidence_inherited
            rule = carry.name
        if attr is not None and attr.cue_text:
            cue = Cue(attr.cue_text, attr.cue_start, attr.cue_end)
        if speaker is not None:
            prev_speaker = speaker
            prev_para = s.paragraph
        elif cue is None and _bare_label(text, c):
            continue  # a word or two in marks, nobody reported as saying it: a scare quote
        out.append(
            Quote(
                text=text[s.start : s.end],
                start=s.start,
                end=s.end,
                type=_quote_type(text, c),
                speaker=speaker,
                cue=cue,
                paragraph=s.paragraph,
                confidence=confidence,
                rule=rule if speaker is not None or rule is not None else None,
            )
        )
    return out


def _own_sentence_subject(text: str, stretches: list[Stretch], c: _Candidate) -> bool:
    """A fragment whose sentence has its own subject (``The agency refused to outline the “Q”``),
    with no earlier quotation in that sentence: the subject beats the previous speaker."""
    attr = c.attribution
    if attr is None or attr.side != "guess" or _quote_type(text, c) != "partial":
        return False
    s = c.stretch
    if c.index == 0 or stretches[c.index - 1].paragraph != s.paragraph:
        return True
    prev = stretches[c.index - 1]
    if prev.close_at < 0:
        return False
    ends_inside = text[prev.end - 1] in ".?!" and text[prev.close_at + 1 : prev.close_at + 2].isspace()
    return ends_inside or SENTENCE_END_RE.search(text, prev.close_at + 1, s.open_at) is not None


def _bare_label(text: str, c: _Candidate) -> bool:
    """A short fragment inside a sentence (``the “lines” used for research``): no end
    punctuation, at most ``SETTINGS.label_words`` words."""
    s = c.stretch
    content = text[s.start : s.end]
    return (
        not s.continued
        and s.close_at >= 0
        and len(content.split()) <= SETTINGS.label_words
        and content[-1].isalnum()
        and _quote_type(text, c) == "partial"
    )


def _sentence_start(text: str, stretches: list[Stretch], c: _Candidate) -> int:
    """Offset where the stretch's sentence starts (or its left window does)."""
    left = _left_of(text, stretches, c)
    return left[0].start if left else c.stretch.open_at


def _quote_type(text: str, c: _Candidate) -> str:
    """``direct`` when the stretch is the whole reported statement, else ``partial``."""
    s = c.stretch
    k = s.open_at - 1
    while k >= 0 and text[k] in " \t\u00a0":
        k -= 1
    starts = k < 0 or text[k] in '\n:,.?!"”»“'
    if not starts and c.attribution is not None and c.attribution.side == "left":
        starts = c.attribution.adjacent
    ends = text[s.end - 1] in ".?!,—" or s.close_at < 0 or not c.right or c.right[0].text in ".?!,"
    return "direct" if starts and ends else "partial"
