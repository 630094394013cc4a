"""Quote stage: every quotation of a clean article text, with its speaker and cue.

``extract_quotes`` runs these numbered stages:

1. ``marks.find_stretches``: pair quotation marks per paragraph (linear scan,
   multi-paragraph convention, apostrophes told apart).
2. ``_candidate``: ``rules.driver.attribute`` runs the attribution rule
   tables on the sentence around each stretch (right of the closing mark, left
   of the opening mark, colons), then weaker evidence: a signature in the next
   paragraph, the previous paragraph, the subject of the sentence. The
   attribution names the rule that made it (``Quote.rule``).
3. ``_drop_reason``: keep the stretches somebody is reported as saying; drop
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
import unicodedata
from dataclasses import dataclass
from functools import cache

from newsstream.errors import QuoteExtractionError
from newsstream.quotes.coref import Resolver
from newsstream.quotes.cues import Attribution
from newsstream.quotes.lexicon import _lines, lexicon, rule_words
from newsstream.quotes.marks import DOUBLE_MARKS, SPACE_LIKE, Stretch, find_stretches, paragraphs
from newsstream.quotes.not_quotations import TITLE_FUNCTION_WORDS, not_quotation
from newsstream.quotes.rules.base import NOBODY
from newsstream.quotes.rules.carry import CARRY_RULES
from newsstream.quotes.rules.driver import attribute, window_left
from newsstream.quotes.settings import SETTINGS, QuoteSettings
from newsstream.quotes.speakers import Token, is_capital
from newsstream.records import Cue, Quote, Speaker

NEXT_WORD_RE = re.compile(r" ([a-z]+)\b")  # a lowercase word right after a closing mark
LETTER_RE = re.compile(r"[^\W\d_]")
SENTENCE_END_RE = re.compile(r"[.?!][\s\"”’]")  # a sentence end between two quotations
READ_FORMS = rule_words()["read_forms"]  # "the sign reads “Q”": a thing's words
READERS = rule_words()["readers"]  # "he read", "is reading": a person reads
# words right before an opening mark that name a title of any length (a headline); the other title
# triggers (settings.title_triggers) read only short stretches, as they also precede a label or slogan
LONG_TITLE_TRIGGERS = ("titled", "headlined")  # "titled" ends "entitled" and "subtitled" too
# a web address right after a closing mark (blanks between): the stretch is a linked page's words
LINK_AFTER_RE = re.compile(r"[ \t]{0,3}(?:https?://|www\.)")


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
    stretches = [s for s, why in _early_decisions(text, find_stretches(text)) if why is None]
    if not stretches:
        return []
    cands = [_candidate(text, stretches, i, settings) for i in range(len(stretches))]
    kept = [c for c in cands if _drop_reason(text, c) is None]
    return _assemble(text, stretches, kept, settings)


def span_decisions(text: str, settings: QuoteSettings = SETTINGS) -> list[tuple[Stretch, str | None]]:
    """Every quoted stretch of ``text`` with the name of the check that dropped it (None: kept
    as a quotation). For analysis (``bench/quotes.py``); ``extract_quotes`` runs the same checks.
    A stretch kept here can still be dropped later as a bare label (``extract._bare_label``)."""
    found = find_stretches(text)
    early = dict(_early_decisions(text, found))
    stretches = [s for s in found if early[s] is None]
    late = {
        c.stretch: _drop_reason(text, c)
        for c in (_candidate(text, stretches, i, settings) for i in range(len(stretches)))
    }
    return [(s, early[s] or late.get(s)) for s in found]


def _candidate(text: str, stretches: list[Stretch], i: int, settings: QuoteSettings) -> _Candidate:
    attr, right, left = attribute(text, stretches, i, settings)
    return _Candidate(i, stretches[i], attr, right, left, settings)


def _left_of(text: str, stretches: list[Stretch], c: _Candidate) -> list[Token]:
    """The candidate's left window, tokenised on first use."""
    if c.left is None:
        c.left = window_left(text, stretches, c.index, c.settings)[0]
    return c.left


# why a stretch is a title, so that the next one in a list ("“A,” “B” and “C”") is one too
TITLE_REASONS = frozenset(
    (
        "title_trigger",
        "title_after_possessive",
        "title_after_preposition",
        "title_after_work_noun",
        "title_after_work_verb",
        "title_in_list",
    )
)
LIST_SEPARATORS = frozenset(("", ",", "and", ", and", "or", ", or", "&"))  # between two listed titles


def _early_decisions(text: str, found: list[Stretch]) -> list[tuple[Stretch, str | None]]:
    """``_plainly_not_speech`` for each stretch, and ``title_in_list``: a Title Case stretch listed
    right after a title (``roles in “Low Water,” “High Tide” and “The Quay”``) is a title too."""
    out: list[tuple[Stretch, str | None]] = []
    for s in found:
        why = _plainly_not_speech(text, s)
        if why is None and out and out[-1][1] in TITLE_REASONS and _listed_after(text, out[-1][0], s):
            why = "title_in_list"
        out.append((s, why))
    return out


def _listed_after(text: str, prev: Stretch, s: Stretch) -> bool:
    """``s`` follows ``prev`` in a list of titles: only a comma, ``and`` or ``or`` between them,
    and ``s`` is a short Title Case name."""
    if prev.close_at < 0 or prev.paragraph != s.paragraph or s.close_at < 0:
        return False
    between = text[prev.close_at + 1 : s.open_at]
    if len(between) > len(", and ") + 2 or between.strip() not in LIST_SEPARATORS:
        return False
    content = text[s.start : s.end]
    return _word_count(content) <= SETTINGS.title_words and _title_case(content)


def _plainly_not_speech(text: str, s: Stretch) -> str | None:
    """Stretches that are no quotation whatever the sentence says: markup, addresses,
    words talked about, and names of works (``KXLY’s “Morning Table”``). Returns the name of
    the check that applies, else None.

    They are dropped before reading the sentences, so that the sentence of the
    next quotation is read across them.
    """
    content = text[s.start : s.end]
    if s.open_at > 0 and text[s.open_at - 1] == "=":
        return "markup_attribute"
    first_letter = LETTER_RE.search(content)
    no_words = first_letter is None or LETTER_RE.search(content, first_letter.end()) is None
    if no_words and not (any(ch.isdigit() for ch in content) and _introduced(text, s)):
        return "no_words"  # but a sign that read “15%!” keeps its figure
    if content.startswith(("http", "www.", "@", ">")) or "</" in content:
        return "address_or_markup"  # number, handle, address or markup
    if s.continued or s.close_at < 0:
        return None
    if _linked_excerpt(text, s):
        return "linked_excerpt"  # a roundup's excerpt of a linked article, credited to its byline
    n_words = _word_count(content)
    if n_words == 1 and content.strip(".,!?").lower() in lexicon().pronouns:
        return "pronoun_talked_about"  # because "he" is not a "she"
    if content.isupper() and _whole_paragraph(text, s):
        return "crosshead"  # “VOTERS GET THE LAST WORD” alone on its line: a subheading
    if n_words > SETTINGS.short_words and n_words > SETTINGS.title_words:
        # too long for a title or a triggered label (the checks below), but for a long headline
        # named by "titled": 'an article titled "Ferry Fares Rise Again as the Harbour Board …"'
        before = text[max(s.para_start, s.open_at - SETTINGS.long_title_chars) : s.open_at].lower().rstrip(" ,:")
        return "title_trigger" if before.endswith(LONG_TITLE_TRIGGERS) and _title_case(content) else None
    before = text[max(0, s.open_at - SETTINGS.trigger_chars) : s.open_at].lower().rstrip(" ,:")
    if n_words <= SETTINGS.short_words and before.endswith(SETTINGS.title_triggers):
        return "title_trigger"  # so-called “…”, the book “…”
    word = before.rsplit(None, 1)[-1] if before.strip() else ""
    # an exclamation is chanted ("USA! USA!"), unless a work noun names it: the musical “Ahoy!”
    work = word.strip(",:") in SETTINGS.work_nouns and "!" in content
    titled = _title_case(content.replace("!", "") if work else content)
    if n_words <= SETTINGS.title_words and titled and not _introduced(text, s):
        # KXLY’s “Morning Table”, on “Night Desk”, the show “The Lodge”: a programme or work
        if word.endswith(("’s", "'s", "s’", "s'")):
            return "title_after_possessive"
        if word in SETTINGS.title_prepositions:
            return "title_after_preposition"
        if word in SETTINGS.work_verbs:
            return "title_after_work_verb"
        if word.strip(",:") in SETTINGS.work_nouns:
            return "title_after_work_noun"
        if _modifier_use(text, s, content):
            return "title_as_modifier"
    return None


def _linked_excerpt(text: str, s: Stretch) -> bool:
    """``"Ferries return," by the Harbour Post's Ann Lee: "The first boat …" http://…``: a press
    roundup's excerpt of a linked article, after its headline's byline and before its address; the
    writer is credited, not reported as saying it."""
    if LINK_AFTER_RE.match(text, s.close_at + 1, s.para_end) is None:
        return False
    before = text[max(s.para_start, s.open_at - SETTINGS.byline_chars) : s.open_at].rstrip()
    if not before.endswith(":"):
        return False
    k = before.lower().rfind(" by ")
    # the headline's closing mark right before "by"; the credit itself quotes nothing
    return k > 0 and before[k - 1] in DOUBLE_MARKS and not any(ch in DOUBLE_MARKS for ch in before[k:])


def _inside_sentence(text: str, s: Stretch) -> bool:
    """The opening mark follows a lowercase word of its paragraph (``said the “…”``): the stretch
    is part of a running sentence, not a headline or label standing apart."""
    k = s.open_at - 1
    while k >= s.para_start and text[k] in SPACE_LIKE:
        k -= 1
    return k >= s.para_start and text[k].islower()


def _whole_paragraph(text: str, s: Stretch) -> bool:
    """Nothing but blanks (and a full stop) around the stretch's marks in its paragraph."""
    return not text[s.para_start : s.open_at].strip() and not text[s.close_at + 1 : s.para_end].strip(" .\t")


# the largest word-count threshold that word counts of stretches are compared with
WORD_COUNT_CAP = max(SETTINGS.short_words, SETTINGS.title_words, SETTINGS.nickname_words, SETTINGS.label_words)


def _word_count(content: str) -> int:
    """The number of words of ``content``, exact up to ``WORD_COUNT_CAP``; a longer stretch
    counts one more than that (it is only compared with those thresholds, and long quotations
    are not split whole)."""
    return len(content.split(None, WORD_COUNT_CAP))


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


def _drop_reason(text: str, c: _Candidate) -> str | None:
    """Decide whether a quoted stretch is something somebody is reported as saying: None when
    it is, else the name of the check that drops it."""
    s = c.stretch
    content = text[s.start : s.end]
    n_words = _word_count(content)
    gap = c.settings.signature_gap_chars  # blank characters allowed between the paragraph edge and the mark
    opens_paragraph = s.open_at - s.para_start <= gap and not text[s.para_start : s.open_at].strip()
    if s.continued or (s.close_at < 0 and opens_paragraph):
        return None
    rule = not_quotation(text, s)
    if rule is not None:
        return rule  # a work's title, a nickname, a term or a scare quote (not_quotations.py)
    if content.rstrip("'’")[-1:] == "," and not _inside_sentence(text, s):
        # "…," by Jane Doe; "…," by the Harbour Post's Jane Doe; "… ‘Ferry,’" by Jane Doe (a headline
        # stands apart: not after a lowercase word, as in 'Lee said the "…," by Pike last week')
        right = [t for t in c.right[:4] if t.text not in (",", "'", "’")]
        if len(right) >= 3 and right[0].low == "by" and right[1].low == "the":
            right = [right[0], *right[2:]]
        if len(right) >= 2 and right[0].low == "by" and right[1].text[:1].isupper():
            return "headline_byline"
    a = c.attribution
    r = c.right
    if len(r) >= 3 and r[0].text == "(" and r[1].text.isdigit() and r[2].text == ")" and _weak_attribution(c):
        return "dated_list_item"  # “No to toll roads” (2011)
    if n_words > WORD_COUNT_CAP:
        return None  # longer than every word threshold below
    before = text[max(0, s.open_at - SETTINGS.trigger_chars) : s.open_at].lower().rstrip(" ,:")
    last_word = before.rsplit(None, 1)[-1].strip(",:") if before.strip() else ""
    if (
        n_words <= SETTINGS.short_words
        and last_word in SETTINGS.work_nouns
        and _weak_attribution(c)
        and not _introduced(text, s)
    ):
        return "name_after_work_noun"  # the documentary “22nd.”
    if (
        n_words <= SETTINGS.nickname_words
        and _weak_attribution(c)
        and _scare_modifier(text, c, content, last_word)
        and not _reported_sentence(c)
    ):
        return "scare_modifier"  # the “artisan” category: a label modifying a noun, nobody quoted
    if n_words <= SETTINGS.nickname_words and _nickname(text, c):
        return "nickname"  # Lionel “The Hammer” Okoro, Paul “Moose” Halvorsen
    if n_words <= SETTINGS.title_words and _title_case(content) and not _introduced(text, s):
        naming = a is not None and a.cue_text.lower() in SETTINGS.naming_cues
        if a is None or a.mention is None or naming:
            return "title_case_name"  # a name or a headline nobody is reported as saying
    return None


@cache
def _wording_verbs() -> frozenset[str]:
    """All forms of the verbs of ``data/quotes/wording_verbs.txt``."""
    return frozenset(w.lower() for line in _lines("wording_verbs.txt") for w in line.split())


def _introduced(text: str, s: Stretch) -> bool:
    """``a banner reading “Go Home Tour”``, ``one message: “Stay Home.”``: a stretch right after a
    colon or a wording verb is the words of a sign, message or chant, however it is cased."""
    lo = max(s.para_start, s.open_at - SETTINGS.intro_chars)
    before = text[lo : s.open_at].rstrip()
    if before.endswith(":"):
        # a sentence introduces the words ("The banner had one message:"); a short label opening
        # its paragraph ("Read more:", "Related:") introduces a link's title
        return (
            len(text[s.para_start : lo + len(before) - 1].split(None, SETTINGS.page_label_words))
            > SETTINGS.page_label_words
        )
    before = before.rstrip(",").rstrip()
    if not before or (lo > s.para_start and not any(ch.isspace() for ch in before)):
        return False  # nothing before the mark, or only the tail of a long word
    words = before.rsplit(None, 2)
    verb = words[-1].lower()
    if verb not in _wording_verbs():
        return False
    if verb not in READ_FORMS:
        return True
    # "read" shows a thing's words ("a sign that read", "a banner reading") or a person reading a
    # work ("he is reading “The Long Tide”", "Lee read “Low Water”")
    prev = words[-2] if len(words) > 1 and (len(words) > 2 or lo == s.para_start) else ""
    return not (prev.lower() in READERS or (verb != "reading" and prev[:1].isupper()))


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


def _reported_sentence(c: _Candidate) -> bool:
    """A speech verb in the stretch's sentence, on either side (``the lawyers said … the “Q” rule``,
    ``… the “Q” movement, Lee said``), and somebody the sentence names: the label may be the words
    of the one reported."""
    if c.attribution is None or c.attribution.mention is None:
        return False
    verbs = lexicon().speech_verbs
    return any(t.low in verbs for t in c.right) or any(t.low in verbs for t in c.left or ())


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
    # a letter, a period, or a combining accent of a decomposed letter ("Jose\u0301": NFD text)
    while k > 0 and (text[k - 1].isalpha() or text[k - 1] == "." or unicodedata.combining(text[k - 1])):
        k -= 1
    word = text[k:word_end]
    return word[:1].isupper() and word.lower() not in lexicon().stop_capitals


def _title_case(content: str) -> bool:
    """True for Title Case or ALL CAPS text: a name or a headline, not speech."""
    if not content[:1].isupper() or "!" in content:
        return False  # exclamations ("USA! USA!") are chanted or shouted, not titles
    words = [w for w in content.split() if w[:1].isalpha()]
    if not words or not all(w[0].isupper() or w in TITLE_FUNCTION_WORDS for w in words if len(w) > 3):
        return False
    # a long lowercase function word ("The Night Show with Ann Lee") needs two capitalised words
    # besides, so that a sentence-case chant ("I’m with you") is not a title
    return all(w[0].isupper() for w in words if len(w) > 3) or sum(w[0].isupper() for w in words) >= 2


def _assemble(text: str, stretches: list[Stretch], cands: list[_Candidate], settings: QuoteSettings) -> list[Quote]:
    """Inherit speakers, resolve mentions in text order and build the records."""
    resolver = Resolver(text, [(s.open_at, s.close_at + 1 if s.close_at >= 0 else s.end) for s in stretches], settings)
    paras = paragraphs(text)  # cached: find_stretches split them already
    out: list[Quote] = []
    prev_speaker: Speaker | None = None
    prev_para = -1
    carry, partial_block = CARRY_RULES
    for c in cands:
        s = c.stretch
        attr = c.attribution
        speaker = None
        cue = None
        confidence = settings.confidence_none
        rule = attr.rule if attr is not None and attr.side == NOBODY else None
        if attr is not None and attr.mention is not None and not attr.side.startswith("guess"):
            speaker = resolver.resolve(
                attr.mention, _sentence_start(text, stretches, c) if attr.mention.key == "it" else None
            )  # None: page furniture, never a speaker
            confidence = settings.confidence_adjacent if attr.adjacent else settings.confidence_cue
            rule = attr.rule
        elif (
            attr is not None
            and attr.mention is not None
            and (s.paragraph != prev_para or _own_sentence_subject(text, stretches, c))
        ):
            speaker = resolver.resolve(attr.mention)
            confidence = settings.confidence_guess
            rule = attr.rule
        elif (
            prev_speaker is not None
            and carry.on(settings)
            and (attr is None or attr.side != NOBODY)
            and carry.fn(paras, prev_para, s.paragraph, settings)
            and not (partial_block.on(settings) and partial_block.fn(prev_para, s.paragraph, _quote_type(text, c)))
        ):
            speaker = prev_speaker
            confidence = settings.confidence_inherited
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
        and _word_count(content) <= SETTINGS.label_words
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
