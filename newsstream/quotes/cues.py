"""Attribution cues and the phrase readers the attribution rules share.

What is here (the decisions are in ``newsstream.quotes.rules``):

1. cues: ``cue_at`` says whether a word of ``speech_verbs.txt`` (not after a
   determiner, so ``the talks`` is no cue) or a phrase of ``cue_phrases.txt``
   starts at a token;
2. sentence readers: ``first_break``/``last_break`` (sentence ends, not
   abbreviations), ``sentence_subject`` (past an opener or a dateline),
   ``np_after`` (the phrase after an inverted cue);
3. ``Attribution``: a cue with the speaker phrase it links to, the side it was
   read on and the rule that found it.

Example::

    >>> from newsstream.quotes.speakers import tokenize
    >>> t = 'Later that day Mara Quill said the pier was safe.'
    >>> toks = tokenize(t, 0, len(t))
    >>> [toks[k].text for k in range(len(toks)) if cue_at(toks, k)]
    ['said']
    >>> sentence_subject(t, toks).text
    'Mara Quill'
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from newsstream.quotes.lexicon import lexicon, rule_words
from newsstream.quotes.registry import group_words
from newsstream.quotes.settings import SETTINGS, QuoteSettings
from newsstream.quotes.speakers import NUMBER_HEADS, Mention, Token, is_capital, parse_np_left, parse_np_right

_WORDS = rule_words()  # the closed-class lists of data/quotes/rule_words.txt
PERSON_PRONOUNS = _WORDS["person_pronouns"]
SUBJECT_PRONOUNS = _WORDS["subject_pronouns"]
CONJUNCTION_OPENERS = _WORDS["conjunction_openers"]
OBJECT_PREPOSITIONS = _WORDS["object_prepositions"]
PARENTHETICAL_CUES = _WORDS["parenthetical_cues"]
POLL_NOUNS = _WORDS["poll_nouns"]
PRONOUN_QUANTIFIERS = _WORDS["pronoun_quantifiers"]
IRREGULAR_PAST = _WORDS["irregular_past"]
SUBORDINATORS = _WORDS["subordinators"]
CLAUSE_BREAKERS = _WORDS["clause_breakers"]
CLAUSE_CONJUNCTIONS = _WORDS["clause_conjunctions"]
NOUN_PREPOSITIONS = _WORDS["noun_prepositions"]
AUXILIARIES = _WORDS["auxiliaries"]
VERB_PHRASE_OPENERS = _WORDS["verb_phrase_openers"]
DESCRIPTION_OPENERS = _WORDS["description_openers"]
TIME_PREPOSITIONS = _WORDS["time_prepositions"]
POSSESSIVE_DETERMINERS = _WORDS["possessive_determiners"]
CONTRACTION_BASES = _WORDS["contraction_bases"]
QUANTIFIER_CUES = _WORDS["quantifier_cues"]
# possessive -> subject pronoun ("her remarks" were said by "she"): English grammar
POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they", "its": "it"}
LEAD_PUNCT = ",;:—–-("  # punctuation between a closing mark and its attribution
SENTENCE_END = ".?!"


def abbreviation(toks: list[Token], k: int) -> bool:
    """True when the period ``toks[k]`` ends an abbreviation or an initial."""
    if toks[k].text != "." or k == 0 or toks[k - 1].end != toks[k].start:
        return False
    if k + 1 < len(toks) and toks[k + 1].start == toks[k].end and toks[k + 1].text[:1].isalnum():
        return True  # a dot inside a word: "fivethirtyeight.com", "Amazon.com"
    prev = toks[k - 1].text
    if len(prev) == 1 and prev.isupper():
        return True
    low = prev.lower()
    return low in lexicon().abbreviations or low.rsplit("-", 1)[-1] in lexicon().abbreviations


def first_break(toks: list[Token], start: int = 0) -> int:
    """Index of the first sentence-ending token from ``start`` (not inside parentheses), or -1."""
    depth = 0
    for k in range(start, len(toks)):
        t = toks[k].text
        if t == "(":
            depth += 1
        elif t == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and t in SENTENCE_END and not abbreviation(toks, k):
            return k
    return -1


def last_break(toks: list[Token], end: int | None = None) -> int:
    """Index of the last sentence-ending token before ``end`` (not inside parentheses), or -1."""
    depth = 0
    for k in range((len(toks) if end is None else end) - 1, -1, -1):
        t = toks[k].text
        if t == ")":
            depth += 1
        elif t == "(":
            depth = max(0, depth - 1)
        elif depth == 0 and t in SENTENCE_END and not abbreviation(toks, k):
            return k
    return -1


# not frozen: a frozen dataclass sets each field through object.__setattr__, about five times
# the cost, and thousands are made per article (bench/quotes_speed.py); treat as immutable
# (never assign to a field; use dataclasses.replace). unsafe_hash keeps the frozen class's hash.
@dataclass(slots=True, unsafe_hash=True)
class Attribution:
    """A cue with the speaker phrase it links to (``mention`` may be None)."""

    mention: Mention | None
    cue_text: str
    cue_start: int
    cue_end: int
    side: str
    adjacent: bool = False
    rule: str = ""  # the table entry that produced it (newsstream.quotes.rules)


def is_skip(tok: Token) -> bool:
    """An adverb or auxiliary between a speaker and a cue (``also``, ``has``, ``forcefully``)."""
    low = tok.low
    return low in lexicon().skip_words or (len(low) > 4 and low.endswith("ly") and tok.text.islower())


def is_cue_verb(toks: list[Token], k: int) -> bool:
    """True when ``toks[k]`` is a speech verb used as a verb.

    Not after a determiner or a possessive (``the talks``, ``Lee's remarks``),
    nor, unless it is a past form, after a determiner and an adjective (``a
    convoluted answer``).
    """
    t = toks[k]
    lex = lexicon()
    if t.low not in lex.speech_verbs or not t.text[:1].islower():
        return False
    if k > 0 and (toks[k - 1].low in lex.determiners or _possessive_word(toks[k - 1].low)):
        prev = toks[k - 1].low
        number_head = k > 1 and prev in NUMBER_HEADS and toks[k - 2].low in ("the", "of")  # "the two write"
        pronoun_head = prev in PRONOUN_QUANTIFIERS and (
            t.low in QUANTIFIER_CUES or t.low.endswith("ed")
        )
        if not (number_head or pronoun_head):
            return False  # "the talks", "some claims"; but "another said", "the two write"
    if k + 1 < len(toks) and toks[k + 1].low in lex.speaker_nouns and _base_form(t.low):
        return False  # "talk host", "talk radio host": a modifier of a speaker noun
    if k > 0 and not t.low.endswith("ing") and _noun_slot(toks[k - 1]):
        return False  # "secretary of state", "for the promise": a noun, not a verb
    if k > 1 and not t.low.endswith("ed") and toks[k - 2].low in lex.determiners and k + 1 < len(toks):
        adj, nxt = toks[k - 1], toks[k + 1]
        # "a convoluted answer to …" is a noun; "the suit reads." / "the ad asks that …" are verbs
        noun_follows = nxt.text.isalpha() and nxt.text.islower() and nxt.low != "that"
        noun_follows = noun_follows and nxt.low not in lex.pronouns and nxt.low not in lex.determiners
        return not (adj.text.isalpha() and adj.text.islower() and adj.low not in lex.speaker_nouns and noun_follows)
    return True


def _possessive_word(low: str) -> bool:
    """``Lee’s`` (a possessor), not ``he’s`` / ``it’s`` / ``that’s`` (a contraction of *is*/*has*)."""
    if not low.endswith(("’s", "'s")):
        return False
    base = low[:-2]
    return base not in lexicon().pronouns and base not in CONTRACTION_BASES


def _base_form(low: str) -> bool:
    """True for a bare verb form (``talk``), not a past, third-person or -ing form."""
    return not low.endswith(("ed", "s", "ing")) and low not in IRREGULAR_PAST


def _noun_slot(prev: Token) -> bool:
    """True when the word before a speech word makes it a noun: a preposition that
    takes a noun phrase (``secretary of state``, ``for the promise``, ``in states``)."""
    return prev.low in NOUN_PREPOSITIONS


def match_phrase(toks: list[Token], k: int) -> int:
    """Number of tokens of the longest cue phrase starting at ``toks[k]`` (0 if none)."""
    phrases = lexicon().cue_phrases_by_first.get(toks[k].low)
    if not phrases:
        return 0
    for phrase in phrases:
        n = len(phrase)
        if k + n <= len(toks) and all(toks[k + i].low == phrase[i] for i in range(1, n)):
            return n
    return 0


def cue_at(toks: list[Token], k: int) -> int:
    """Length in tokens of the cue at ``toks[k]`` (phrase or verb), 0 if none."""
    lex = lexicon()
    low = toks[k].low
    if low not in lex.speech_verbs and low not in lex.cue_phrases_by_first:
        return 0  # most words: one set and one dict lookup (this runs for every word left of a mark)
    n = match_phrase(toks, k)
    if n:
        return n
    return 1 if is_cue_verb(toks, k) else 0


def make_attr(
    text: str, toks: list[Token], k: int, n: int, m: Mention | None, side: str, adjacent: bool
) -> Attribution:
    """The attribution of the cue ``toks[k:k+n]`` to ``m``."""
    return Attribution(m, text[toks[k].start : toks[k + n - 1].end], toks[k].start, toks[k + n - 1].end, side, adjacent)


def sentence_subject(text: str, toks: list[Token], settings: QuoteSettings = SETTINGS) -> Mention | None:
    """The first speaker phrase of a sentence, past an opening adverbial (``In Vermont, …``)."""
    lex = lexicon()
    i = 0
    if toks and toks[0].text[:1].isupper():
        # dateline "PORTVILLE, Ore. — Sen. Ann Lee …", "Lisbon (AFP) – …": after the dash
        dash = next((k for k, t in enumerate(toks[: settings.dateline_max_tokens]) if t.text in "—–-"), -1)
        if dash > 0 and not any(t.text.isalpha() and t.text.islower() for t in toks[:dash]):
            toks = toks[dash + 1 :]
    while toks and (not toks[0].text[:1].isalnum() or toks[0].low in CONJUNCTION_OPENERS):
        toks = toks[1:]  # "And then Lee went …": the subject follows the conjunction
    opener = toks[0].low if toks else ""
    if toks and (
        (opener in lex.stop_capitals and opener not in lex.pronouns and opener not in lex.determiners)
        or opener in lex.speech_verbs
        or opener.endswith(("ing", "ed"))
    ):
        comma = next((k for k, t in enumerate(toks) if t.text == ","), -1)
        if comma < 0 and opener in SUBORDINATORS and len(toks) > 1:
            comma = 0  # "When Lee later referred to … and said": the subordinate clause's subject
        if comma < 0 and toks[0].text[:1].isupper():
            # "Retired Army Col. Ann Lee started …": a role word opening a name, not a participle
            m = parse_np_right(toks, 0, text)
            if m is not None and m.kind == "name" and m.last > 0 and verb_follows(toks, m.last + 1):
                return m
        if comma < 0:
            return None
        i = comma + 1
    for k in range(i, min(len(toks), i + 3)):
        m = parse_np_right(toks, k, text)
        if m is not None and (m.kind != "pronoun" or m.key in PERSON_PRONOUNS):
            return m
    if i > 0:
        # a longer opening phrase: the first comma followed by a phrase and a verb
        for c in range(i, min(len(toks), settings.subject_search_tokens)):
            if toks[c].text != ",":
                continue
            m = parse_np_right(toks, c + 1, text)
            if m is not None and verb_follows(toks, m.last + 1):
                return m if m.kind != "pronoun" or m.key in PERSON_PRONOUNS else None
    return None


def verb_follows(toks: list[Token], k: int) -> bool:
    """True when a verb-like lowercase word (or a cue) comes at ``toks[k]`` past adverbs."""
    lex = lexicon()
    while k < len(toks) and toks[k].low in lex.skip_words and toks[k].low not in VERB_PHRASE_OPENERS:
        k += 1
    if k >= len(toks):
        return False
    t = toks[k]
    if t.low in AUXILIARIES:
        return True
    return t.text.isalpha() and t.text.islower() and t.low not in lex.prepositions and t.low not in lex.determiners


def as_pronoun_of(pronoun: Mention, name: Mention) -> Mention:
    """The pronoun mention, resolved to ``name`` (kept as its alias)."""
    return Mention(
        pronoun.text,
        pronoun.start,
        pronoun.end,
        "name",
        name.key,
        pronoun.first,
        pronoun.last,
        name.role,
        pronoun.gender,
        name.text,
    )


def np_after(text: str, toks: list[Token], k: int, settings: QuoteSettings = SETTINGS) -> Mention | None:
    """The speaker phrase after ``according to`` or a verb: a phrase, a short
    description, or the first name before the clause ends."""
    m = parse_np_right(toks, k, text) if k < len(toks) else None
    if m is None:
        m = _short_description(text, toks, k, settings)
    if m is None:
        for e in range(k, min(len(toks), k + settings.verb_first_max_tokens)):
            if toks[e].text in ",;:!?" or (toks[e].text == "." and not abbreviation(toks, e)):
                break
            if toks[e].low in lexicon().prepositions and toks[e].low not in ("of", "and"):
                break  # "telling the crowd on a tour of the mills": no speaker after a preposition
            if is_capital(toks[e]):
                m = parse_np_right(toks, e, text)
                if m is not None:
                    break
    return m


def _short_description(text: str, toks: list[Token], k: int, settings: QuoteSettings) -> Mention | None:
    """``said the 52-year-old.``: a determiner and a few words closing the clause."""
    if k >= len(toks) or toks[k].low not in DESCRIPTION_OPENERS:
        return None
    e = k + 1
    while e < len(toks) and toks[e].text[:1].isalnum() and e - k <= settings.short_description_words:
        e += 1
    if e == k + 1 or (e < len(toks) and toks[e].text not in ",.;!?"):
        return None
    last = toks[e - 1]
    return Mention(text[toks[k].start : last.end], toks[k].start, last.end, "desc", last.low, k, e - 1)


def inverted_cue_at_end(text: str, toks: list[Token], i: int, settings: QuoteSettings = SETTINGS) -> Attribution | None:
    """``…, said Ann Lee.`` closing the clause that starts at ``toks[i]``."""
    stop = first_break(toks, i)
    end = stop if stop >= 0 else len(toks)
    for k in range(i + 1, min(end, i + settings.right_max_tokens)):
        if toks[k - 1].text != ",":
            continue
        if toks[k].low in PARENTHETICAL_CUES:
            m = parse_np_right(toks, k + 1, text) if k + 1 < end else None
            if m is not None and m.kind == "name":
                return make_attr(text, toks, k, 1, m, "right", False)
        elif is_capital(toks[k]) or toks[k].low in SUBJECT_PRONOUNS:
            # "… and against the budget, Lee said."
            m = parse_np_right(toks, k, text)
            c = m.last + 1 if m is not None else end
            if c < end and toks[c].low in PARENTHETICAL_CUES and (c + 1 >= end or toks[c + 1].text in ",."):
                return make_attr(text, toks, c, 1, m, "right", False)
    return None


def prepositional(toks: list[Token], a: int, b: int, settings: QuoteSettings = SETTINGS) -> bool:
    """True when ``toks[a..b]`` is a short prepositional phrase (``in the harbour ad``)."""
    if toks[a].low not in lexicon().prepositions or b - a > settings.pp_max_tokens:
        return False
    return all(t.text[:1].isalnum() or t.text in "-’'" for t in toks[a : b + 1])


def role_word(tok: Token) -> bool:
    """A word that can stand in a role before a name (``Secretary of State``, ``CIA``)."""
    lex = lexicon()
    if tok.text in ".-":
        return True
    if not tok.text[:1].isalnum():
        return False
    low = tok.low
    if low == "of":
        return True
    return not (low in lex.prepositions or low in lex.determiners or low in lex.pronouns or is_skip(tok))


def subject_before_pp(text: str, toks: list[Token], j: int, settings: QuoteSettings = SETTINGS) -> Mention | None:
    """A name or pronoun right before a short prepositional phrase ending at ``toks[j]``."""
    for p in range(j - 1, max(0, j - settings.pp_max_tokens) - 1, -1):
        t = toks[p]
        if not t.text[:1].isalnum():
            return None
        if t.low in OBJECT_PREPOSITIONS or t.low in TIME_PREPOSITIONS:
            if p < 1 or not prepositional(toks, p, j, settings):
                return None
            m = parse_np_left(toks, p - 1, text)
            return m if m is not None and m.kind in ("name", "pronoun") else None
    return None


def cue_subject_before(text: str, toks: list[Token], comma: int) -> Mention | None:
    """``Lee said, adding``: the speaker phrase of a cue ending right before ``toks[comma]``."""
    c = comma - 1
    if c < 1 or not cue_at(toks, c) or toks[c].low.endswith("ing"):
        return None
    j = c - 1
    while j > 0 and is_skip(toks[j]):
        j -= 1
    m = parse_np_left(toks, j, text)
    if m is None or m.kind not in ("name", "pronoun") or (m.first > 0 and toks[m.first - 1].text.isalpha()):
        return None  # only a comment clause ("…, Lee said,"), not "told Lee said"
    return m


def poll_before(text: str, toks: list[Token], k: int, settings: QuoteSettings = SETTINGS) -> Mention | None:
    """A ``poll``/``survey`` phrase before the cue ``toks[k]`` in the same sentence."""
    lex = lexicon()
    for j in range(k - 1, -1, -1):
        if toks[j].low not in POLL_NOUNS:
            continue
        a = j
        limit = settings.poll_phrase_tokens
        while a > 0 and j - a < limit and (toks[a - 1].text[:1].isalnum() or toks[a - 1].text in "/-&"):
            if toks[a - 1].low in lex.prepositions:
                break
            a -= 1
            if toks[a].low in lex.determiners:
                break
        t0, t1 = toks[a], toks[j]
        return Mention(text[t0.start : t1.end], t0.start, t1.end, "org", t1.low, a, j, None, "n")
    return None


def compatible(pronoun: Mention, subject: Mention) -> bool:
    if pronoun.key in ("he", "she"):
        # a party, movement or nationality word ("Americans", "Democrats") is never one person
        group = subject.text.lower().removesuffix("’s").removesuffix("'s") in group_words()
        return subject.kind == "name" and subject.gender in ("-", pronoun.gender) and not group
    if pronoun.key == "it":
        return subject.kind == "org"
    return subject.kind in ("name", "org", "desc")


def after_subordinate_clause(toks: list[Token], outer: Attribution, inner: Attribution) -> bool:
    """True when ``inner``'s speaker opens the main clause after a subordinate clause
    holding the ``outer`` cue (``When Reyes was asked …, he laughed and said``)."""
    if inner.mention is None:
        return False
    b = inner.mention.first - 1
    while b >= 0 and (toks[b].text == "." or toks[b].low in lexicon().titles):
        b -= 1  # "…, Mr. Reyes said"
    if b < 0 or toks[b].text not in ",—―–":
        return False
    for k, t in enumerate(toks):
        if t.start >= outer.cue_start:
            return False
        if t.low in SUBORDINATORS and (k == 0 or toks[k - 1].text in ",—―–" or toks[k - 1].low in CONJUNCTION_OPENERS):
            return True
    return False


def that_clause(toks: list[Token], outer: Attribution, inner: Attribution) -> bool:
    """True when ``inner`` sits in a ``that`` clause of the ``outer`` cue."""
    if inner.mention is None:
        return False
    that = False
    for k, t in enumerate(toks):
        if t.start >= inner.mention.start:
            break
        if t.start < outer.cue_end:
            continue
        if t.low == "that":
            that = True
        elif that and t.text == "," and k + 1 < len(toks) and toks[k + 1].low in CLAUSE_BREAKERS:
            return False  # "X agree that …, with Lee calling it “Q”", "…, while Reyes said": a new clause
    return that


def possessive_speech(text: str, toks: list[Token]) -> Attribution | None:
    """``Lee’s claim that “Q”``, ``her remarks about “Q”``: the possessor said it."""
    lex = lexicon()
    for k in range(len(toks) - 1, 0, -1):
        if toks[k].low not in lex.speech_nouns:
            continue
        owner = toks[k - 1]
        if owner.low in POSSESSIVE_DETERMINERS:
            m = Mention(
                owner.text,
                owner.start,
                owner.end,
                "pronoun",
                POSSESSIVE_PRONOUNS[owner.low],
                k - 1,
                k - 1,
                None,
                lex.pronouns[POSSESSIVE_PRONOUNS[owner.low]][0],
            )
            subject = sentence_subject(text, toks[: k - 1]) if k > 1 else None
            if subject is not None and subject.kind != "pronoun" and compatible(m, subject):
                m = as_pronoun_of(m, subject)  # "Lee later defended her comments as “Q”"
        elif owner.low.endswith(("’s", "'s")) and owner.text[:1].isupper():
            m = parse_np_left(toks, k - 1, text)
            if m is None or m.kind not in ("name", "org"):
                return None
            if m.text.endswith(("’s", "'s")):  # the possessor is "Lee", not "Lee’s"
                m = replace(m, text=m.text[:-2], end=m.end - 2)
        else:
            continue
        return Attribution(m, toks[k].text, toks[k].start, toks[k].end, "left", False)
    return None


def reported_within(attr: Attribution) -> bool:
    """True when a nearer cue may itself sit inside an outer report (look further left)."""
    if attr.mention is None:
        return False
    return attr.mention.kind == "pronoun" or attr.cue_text.lower() in lexicon().inner_verbs
