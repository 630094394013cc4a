"""Quote stage: every quotation of a clean article text, with its speaker and cue.

``extract_quotes`` runs these numbered stages:

1. ``marks.find_stretches``: pair quotation marks per paragraph (linear scan,
   multi-paragraph convention, apostrophes told apart).
2. ``_candidate``: read the sentence around each stretch for a cue and a
   speaker phrase (``cues.find_right`` / ``cues.find_left``), then weaker
   evidence: a signature in the next paragraph, a paragraph ending with a
   colon, the subject of the sentence.
3. ``_is_quotation``: keep the stretches somebody is reported as saying; drop
   scare quotes in titles, names of works and programmes, nicknames and markup.
4. ``_share_forward``: a stretch with no cue takes the attribution of the next
   stretch of its sentence, or of the paragraph continuing it.
5. ``_assemble``: in text order, resolve each mention to the article's people
   and organisations (``coref.Resolver``); a quotation with no cue of its own
   takes the speaker of the previous quotation in its paragraph, or of the
   previous paragraph (``“Q1,” X said. “Q2.”`` and quote-only paragraphs); a
   fragment of a few words (``label_words``) with no cue and no speaker found
   is a scare quote and is dropped (``the “lines” used for research``).

Every offset refers to ``text`` exactly: ``text[q.start:q.end] == q.text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsstream.errors import QuoteExtractionError
from newsstream.quotes.coref import Resolver
from newsstream.quotes.cues import (
    Attribution,
    find_left,
    find_right,
    first_break,
    is_passive,
    last_break,
    passive_agent,
    sentence_subject,
)
from newsstream.quotes.lexicon import lexicon
from newsstream.quotes.marks import DOUBLE_RE, Stretch, find_stretches, split_paragraphs
from newsstream.quotes.settings import SETTINGS
from newsstream.quotes.speakers import Token, is_capital, parse_np_right, tokenize
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


def extract_quotes(text: str) -> list[Quote]:
    """Find every quotation in ``text`` with its speaker, cue and type.

    :param text: clean article text; paragraphs separated by newlines.
    :returns: quotations in text order.
    :raises QuoteExtractionError: if ``text`` is not a string.
    """
    if not isinstance(text, str):
        raise QuoteExtractionError(f"article text must be a string, not {type(text).__name__}")
    stretches = [s for s in find_stretches(text) if not _plainly_not_speech(text, s)]
    if not stretches:
        return []
    cands = [_candidate(text, stretches, i) for i in range(len(stretches))]
    kept = [c for c in cands if _is_quotation(text, c)]
    _share_forward(text, kept)
    return _assemble(text, stretches, kept)


def _share_forward(text: str, cands: list[_Candidate]) -> None:
    """``The “A” would “B”, X said``: a stretch with no cue takes the attribution
    of the next stretch of the same sentence."""
    for i in range(len(cands) - 2, -1, -1):
        c, nxt = cands[i], cands[i + 1]
        if c.attribution is not None and c.attribution.mention is not None:
            continue
        a = nxt.attribution
        if a is None or a.mention is None:
            continue
        if nxt.stretch.continued and nxt.stretch.paragraph == c.stretch.paragraph + 1 and c.stretch.close_at < 0:
            # a quotation running over paragraphs, attributed in a later one
            c.attribution = Attribution(a.mention, a.cue_text, a.cue_start, a.cue_end, "right", False)
            continue
        if a.side != "right" or nxt.stretch.paragraph != c.stretch.paragraph:
            continue
        if c.stretch.close_at < 0 or any(ch in ".?!" for ch in text[c.stretch.close_at + 1 : nxt.stretch.open_at]):
            continue
        c.attribution = Attribution(a.mention, a.cue_text, a.cue_start, a.cue_end, "right", False)


def _window_left(text: str, stretches: list[Stretch], i: int) -> tuple[list[Token], list[Token]]:
    """Tokens between the previous stretch (or paragraph start) and this one.

    Returns the part in this stretch's sentence, and the sentences before it.
    """
    s = stretches[i]
    lo = s.para_start
    if i > 0 and stretches[i - 1].paragraph == s.paragraph:
        lo = max(lo, stretches[i - 1].close_at + 1)
    lo = max(lo, s.open_at - SETTINGS.window_chars)
    quick = max(lo, s.open_at - SETTINGS.quick_chars)
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


def _window_right(text: str, stretches: list[Stretch], i: int) -> list[Token]:
    """Tokens after the closing mark up to the sentence end or the next stretch."""
    s = stretches[i]
    if s.close_at < 0:
        return []
    hi = s.para_end
    if i + 1 < len(stretches) and stretches[i + 1].paragraph == s.paragraph:
        hi = min(hi, stretches[i + 1].open_at)
    hi = min(hi, s.close_at + 1 + SETTINGS.window_chars)
    quick = min(hi, s.close_at + 1 + SETTINGS.quick_chars)
    toks = tokenize(text, s.close_at + 1, quick)
    k = first_break(toks)
    if 0 <= k < len(toks) - 1:
        return toks[: k + 1]
    if quick < hi:
        toks = tokenize(text, s.close_at + 1, hi)
        k = first_break(toks)
    return toks[: k + 1] if k >= 0 else toks


def _candidate(text: str, stretches: list[Stretch], i: int) -> _Candidate:
    s = stretches[i]
    right = _window_right(text, stretches, i)
    content_end = text[s.end - 1]
    attr = None
    right_first = content_end in ",?!—–-" or (right and right[0].text == ",")
    if right_first:
        attr = find_right(text, right)
        if attr is not None and attr.mention is not None:
            left, before = _window_left(text, stretches, i)
            if _question_wording(left):
                # "Asked whether she is “Q,” 75 percent said yes": nobody's words, not even inherited
                return _Candidate(i, s, Attribution(None, "", -1, -1, "question", False), right, left)
            return _Candidate(i, s, attr, right, left)
    left, before = _window_left(text, stretches, i)
    attr = find_left(text, left) or attr
    if attr is not None and attr.side == "left" and is_passive(left, attr):
        attr = passive_agent(text, right) or attr
    if attr is None or attr.mention is None:
        late = find_right(text, right) if not right_first else None
        attr = late or attr
    if (attr is None or attr.mention is None) and not right:
        attr = _signature_after(text, s) or attr
    if (attr is None or attr.mention is None) and not left:
        attr = _colon_intro(text, s) or attr
    if attr is None or attr.mention is None:
        attr = _subject_guess(text, left, before) or attr
    return _Candidate(i, s, attr, right, left)


def _question_wording(left: list[Token]) -> bool:
    """``Asked whether Clinton “has the integrity …,” 75 percent said yes``: the quotation is the
    wording of a question put to the people who answer, not their words."""
    return (
        len(left) >= 2
        and left[0].low == "asked"
        and left[1].low in ("whether", "if", "how", "what", "why", "who")
        and all(t.text != "," for t in left)
    )


def _signature_after(text: str, s: Stretch) -> Attribution | None:
    """A quotation closing its paragraph, signed in the next one: ``- Bernie Sanders.``
    or ``Dean Baker, Center for Economic and Policy Research.``"""
    nl = s.para_end
    if nl >= len(text) or nl - s.end > SIGNATURE_GAP_CHARS or text[s.end : nl].strip(' "”’»'):
        return None
    lo = nl
    while lo < len(text) and lo - nl <= SIGNATURE_GAP_CHARS and text[lo].isspace():
        lo += 1
    hi = text.find("\n", lo, lo + SETTINGS.signature_chars + 1)
    if hi < 0:
        hi = len(text)
        if hi - lo > SETTINGS.signature_chars:
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
    return Attribution(
        m, toks[i - 1].text if i else "", toks[i - 1].start if i else -1, toks[i - 1].end if i else -1, "right", True
    )


def _colon_intro(text: str, s: Stretch) -> Attribution | None:
    """``In a 1963 speech, he declared:`` ending the previous paragraph introduces this one.

    Without a colon, a cue in the previous paragraph's last sentence is a weaker
    guess (``Howard continued his scathing remarks.``).
    """
    if s.para_start == 0 or s.open_at - s.para_start > SIGNATURE_GAP_CHARS:
        return None
    if text[s.para_start : s.open_at].strip():
        return None
    end = s.para_start - 1
    while end > 0 and s.para_start - end <= SIGNATURE_GAP_CHARS and text[end - 1].isspace():
        end -= 1
    if end == 0:
        return None
    colon = text[end - 1] == ":"
    lo = max(0, end - SETTINGS.window_chars)
    lo = text.rfind("\n", lo, end - 1) + 1 or lo
    if not colon and DOUBLE_RE.search(text, lo, end):
        return None  # a paragraph with its own quotation: inheritance decides
    toks = tokenize(text, lo, end)
    toks = toks[last_break(toks, len(toks) - 1) + 1 :]
    attr = find_left(text, toks)
    if (attr is None or attr.mention is None) and colon:
        m = sentence_subject(text, toks)
        attr = Attribution(m, "", -1, -1, "left", False) if m is not None else None
    if attr is None or attr.mention is None:
        return None
    return Attribution(
        attr.mention,
        attr.cue_text if colon else "",
        attr.cue_start,
        attr.cue_end,
        "left" if colon else "guess-previous",
        False,
    )


def _left_of(text: str, stretches: list[Stretch], c: _Candidate) -> list[Token]:
    """The candidate's left window, tokenised on first use."""
    if c.left is None:
        c.left = _window_left(text, stretches, c.index)[0]
    return c.left


def _subject_guess(text: str, left: list[Token], before: list[Token]) -> Attribution | None:
    """No cue: the subject of this sentence, or of the previous one in the paragraph."""
    m = sentence_subject(text, left) if left else None
    side = "guess"
    if m is None and not left and before:
        side = "guess-previous"
        k = last_break(before, len(before) - 1)
        previous = before[k + 1 :]
        said = find_left(text, previous[:-1]) if previous and previous[-1].text == "." else None
        # "… the council may wait until the vote, Lee said. “Q”": the speaker of the sentence's cue
        m = said.mention if said is not None and said.mention is not None else sentence_subject(text, previous)
    if m is None or m.kind not in ("name", "pronoun", "desc", "org"):
        return None
    return Attribution(m, "", -1, -1, side, False)


def _plainly_not_speech(text: str, s: Stretch) -> bool:
    """Stretches that are no quotation whatever the sentence says: markup, addresses,
    words talked about, and names of works (``NBC’s “Meet the Press”``).

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
        return True  # a word talked about: because "she" is a "he"
    before = text[max(0, s.open_at - SETTINGS.trigger_chars) : s.open_at].lower().rstrip(" ,:")
    if n_words <= SETTINGS.short_words and any(before.endswith(t) for t in SETTINGS.title_triggers):
        return True
    if n_words <= SETTINGS.title_words and _title_case(content):
        # NBC’s “Meet the Press”, on “This Week”, the show “The Apprentice”: a programme or work
        word = before.rsplit(None, 1)[-1] if before.strip() else ""
        return (
            word.endswith(("’s", "'s", "s’", "s'"))
            or word in SETTINGS.title_prepositions
            or word.strip(",:") in SETTINGS.work_nouns
            or _modifier_use(text, s, content)
        )
    return False


def _modifier_use(text: str, s: Stretch, content: str) -> bool:
    """``“Never Trump” movement``, ``“Ted Cruz” campaign pins``: a name used as a modifier."""
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
    right = [t for t in c.right[:3] if t.text != ","]
    if content[-1] == "," and len(right) >= 2 and right[0].low == "by" and right[1].text[:1].isupper():
        return False  # a headline with its byline: "…," by Jane Doe
    a = c.attribution
    r = c.right
    if len(r) >= 3 and r[0].text == "(" and r[1].text.isdigit() and r[2].text == ")" and _weak_attribution(c):
        return False  # a dated item in a list: “Yes to minaret ban” (2009)
    last_word = before.rsplit(None, 1)[-1].strip(",:") if before.strip() else ""
    if n_words <= SETTINGS.short_words and last_word in SETTINGS.work_nouns and _weak_attribution(c):
        return False  # the documentary “13th.”
    if n_words <= SETTINGS.nickname_words and _weak_attribution(c) and _scare_modifier(text, c, content, last_word):
        return False  # the “establishment” candidate: a label modifying a noun, nobody quoted
    if n_words <= SETTINGS.nickname_words and _nickname(text, c):
        return False  # Dwayne “The Rock” Johnson, John “Tig” Tiegen
    if n_words <= SETTINGS.title_words and _title_case(content):
        naming = a is not None and a.cue_text.lower() in SETTINGS.naming_cues
        return a is not None and a.mention is not None and not naming
    return True


def _scare_modifier(text: str, c: _Candidate, content: str, before_word: str) -> bool:
    """``the “establishment” candidate``, ``a “virtual tie” scenario``: a determiner, a short
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
    """A stretch between a first name and a surname (``Dwayne “The Rock” Johnson``)."""
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


def _assemble(text: str, stretches: list[Stretch], cands: list[_Candidate]) -> list[Quote]:
    """Inherit speakers, resolve mentions in text order and build the records."""
    resolver = Resolver(text, [(s.open_at, s.close_at + 1 if s.close_at >= 0 else s.end) for s in stretches])
    paragraphs = split_paragraphs(text)
    out: list[Quote] = []
    prev_speaker: Speaker | None = None
    prev_para = -1
    for c in cands:
        s = c.stretch
        attr = c.attribution
        speaker = None
        cue = None
        confidence = SETTINGS.confidence_none
        if attr is not None and attr.mention is not None and not attr.side.startswith("guess"):
            speaker = resolver.resolve(
                attr.mention, _sentence_start(text, stretches, c) if attr.mention.key == "it" else None
            )  # None: page furniture, never a speaker
            confidence = SETTINGS.confidence_adjacent if attr.adjacent else SETTINGS.confidence_cue
        elif (
            attr is not None
            and attr.mention is not None
            and (s.paragraph != prev_para or _own_sentence_subject(text, stretches, c))
        ):
            speaker = resolver.resolve(attr.mention)
            confidence = SETTINGS.confidence_guess
        elif (
            prev_speaker is not None
            and (attr is None or attr.side != "question")
            and _close_enough(paragraphs, prev_para, s.paragraph)
        ):
            speaker = prev_speaker
            confidence = SETTINGS.confidence_inherited
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
            )
        )
    return out


def _own_sentence_subject(text: str, stretches: list[Stretch], c: _Candidate) -> bool:
    """A fragment whose sentence has its own subject (``The agency declined to detail the “Q”``),
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


def _close_enough(paragraphs: list[tuple[int, int]], prev: int, cur: int) -> bool:
    """True when only short narrative beats (``She pauses.``) separate two paragraphs."""
    if cur - prev <= 1:
        return True
    if cur - prev > SETTINGS.beat_paragraphs + 1:
        return False
    return all(e - b <= SETTINGS.beat_chars for b, e in paragraphs[prev + 1 : cur])


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
