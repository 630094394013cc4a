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
from newsstream.quotes.speakers import NUMBER_HEADS, Mention, Token, is_capital, parse_np_left, parse_np_right

RIGHT_MAX_TOKENS = 30  # how far after a quotation a cue is looked for
SUBJECT_SEARCH_TOKENS = 30  # how far into a sentence its subject is looked for past an opener
DATELINE_MAX_TOKENS = 12  # tokens of a "CITY, St. —" dateline
SHORT_DESCRIPTION_WORDS = 4  # words of a "said the 46-year-old" description
VERB_FIRST_MAX_TOKENS = 12  # how far after "said" the speaker's name may start
ROLE_GAP_TOKENS = 8  # words allowed between a closing mark and the speaker phrase (a role)
PERSON_PRONOUNS = ("he", "she", "they", "i", "we")
CONJUNCTION_OPENERS = ("and", "but", "so", "then", "yet", "or", "also", "still", "now", "meanwhile", "later")
OBJECT_PREPOSITIONS = ("on", "in", "at", "to", "with", "for", "from", "of", "about", "into", "over")
# cues that can stand parenthetically before their speaker (", says Ann Lee, …")
PARENTHETICAL_CUES = ("says", "said", "adds", "added", "explains", "explained", "writes", "wrote", "notes", "noted")
APPOSITIVE_GAP_TOKENS = 14  # tokens of ", a historian at the library," after a parenthetical cue's speaker
SHARE_PHRASE_TOKENS = 10  # tokens of "at least half of parents in every district" before a cue
SHARE_LEADS = ("at", "least", "about", "nearly", "almost", "more", "than", "just", "over", "under", "a", "the")
SHARE_HEADS = (
    "half",
    "most",
    "majority",
    "minority",
    "third",
    "quarter",
    "two-thirds",
    "three-quarters",
    "all",
    "many",
)
PP_MAX_TOKENS = 6  # tokens of "in the Clinton ad" between a speaker phrase and its cue
COLON_NAME_GAP_CHARS = 60  # a sentence-opening capital this far before a colon is no speaker name
ABSOLUTE_MAX_TOKENS = 12  # tokens between "with" and an -ing cue ("with X saying")
POLL_NOUNS = ("poll", "survey", "polls", "surveys")
POLL_PHRASE_TOKENS = 8  # tokens of "a national CNN/ORC poll"
POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they", "its": "it"}
SUBJECT_PRONOUNS = ("he", "she", "it", "they")
QUOTING_VERBS = ("quoted", "quotes", "quoting", "quote")
LEAD_PUNCT = ",;:—–-("
SENTENCE_END = ".?!"
PRONOUN_QUANTIFIERS = ("one", "another", "others", "both", "some", "many", "most")  # "another said"
IRREGULAR_PAST = ("said", "told", "wrote", "spoke", "thought", "felt", "began", "read", "put")
SUBORDINATORS = ("when", "after", "before", "while", "as", "if", "once", "although", "though", "because", "since")
CLAUSE_BREAKERS = ("with", "while", "whereas", "but", "although", "though")  # ", while Lee said …"
CLAUSE_CONJUNCTIONS = ("and", "but", "while", "whereas", "although", "though", "because", "yet", "which")
# prepositions after which a speech word is a noun ("secretary of state", "in states across")
NOUN_PREPOSITIONS = ("of", "in", "for", "from", "with", "about", "among", "into", "across", "between", "without")


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


@dataclass(frozen=True, slots=True)
class Attribution:
    """A cue with the speaker phrase it links to (``mention`` may be None)."""

    mention: Mention | None
    cue_text: str
    cue_start: int
    cue_end: int
    side: str
    adjacent: bool = False


def is_skip(tok: Token) -> bool:
    """An adverb or auxiliary between a speaker and a cue (``also``, ``has``, ``forcefully``)."""
    low = tok.low
    return low in lexicon().skip_words or (len(low) > 4 and low.endswith("ly") and tok.text.islower())


def is_cue_verb(toks: list[Token], k: int) -> bool:
    """True when ``toks[k]`` is a speech verb used as a verb.

    Not after a determiner or a possessive (``the talks``, ``Trump's remarks``),
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
            t.low in ("said", "says", "wrote", "told") or t.low.endswith("ed")
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
    return base not in lexicon().pronouns and base not in ("that", "there", "what", "who", "it", "this")


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


def _cue_at(toks: list[Token], k: int) -> int:
    """Length in tokens of the cue at ``toks[k]`` (phrase or verb), 0 if none."""
    n = match_phrase(toks, k)
    if n:
        return n
    return 1 if is_cue_verb(toks, k) else 0


def _quoted_object(text: str, toks: list[Token], k: int) -> Attribution | None:
    """``X quoted Y as saying``: the speaker is Y, the object of ``quoted``."""
    if toks[k].low not in QUOTING_VERBS or k + 1 >= len(toks):
        return None
    m = parse_np_right(toks, k + 1, text)
    if m is None:
        return None
    e = m.last + 1
    if e + 1 < len(toks) and toks[e].low == "as" and toks[e + 1].low in ("saying", "telling", "writing"):
        return Attribution(m, text[toks[k].start : toks[e + 1].end], toks[k].start, toks[e + 1].end, "right", True)
    return None


def _attr(text: str, toks: list[Token], k: int, n: int, m: Mention | None, side: str, adjacent: bool) -> Attribution:
    return Attribution(m, text[toks[k].start : toks[k + n - 1].end], toks[k].start, toks[k + n - 1].end, side, adjacent)


def sentence_subject(text: str, toks: list[Token]) -> Mention | None:
    """The first speaker phrase of a sentence, past an opening adverbial (``In Iowa, …``)."""
    lex = lexicon()
    i = 0
    if toks and toks[0].text[:1].isupper():
        # dateline "DECATUR, Ill. — Sen. Ted Cruz …", "Washington (AFP) – …": after the dash
        dash = next((k for k, t in enumerate(toks[:DATELINE_MAX_TOKENS]) if t.text in "—–-"), -1)
        if dash > 0 and not any(t.text.isalpha() and t.text.islower() for t in toks[:dash]):
            toks = toks[dash + 1 :]
    while toks and (not toks[0].text[:1].isalnum() or toks[0].low in CONJUNCTION_OPENERS):
        toks = toks[1:]  # "And then Trump went …": the subject follows the conjunction
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
            if m is not None and m.kind == "name" and m.last > 0 and _verb_follows(toks, m.last + 1):
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
        for c in range(i, min(len(toks), SUBJECT_SEARCH_TOKENS)):
            if toks[c].text != ",":
                continue
            m = parse_np_right(toks, c + 1, text)
            if m is not None and _verb_follows(toks, m.last + 1):
                return m if m.kind != "pronoun" or m.key in PERSON_PRONOUNS else None
    return None


def _verb_follows(toks: list[Token], k: int) -> bool:
    """True when a verb-like lowercase word (or a cue) comes at ``toks[k]`` past adverbs."""
    lex = lexicon()
    while k < len(toks) and toks[k].low in lex.skip_words and toks[k].low not in ("has", "had", "was", "is"):
        k += 1
    if k >= len(toks):
        return False
    t = toks[k]
    if t.low in ("has", "had", "was", "is", "will", "would", "did"):
        return True
    return t.text.isalpha() and t.text.islower() and t.low not in lex.prepositions and t.low not in lex.determiners


def _as_pronoun_of(pronoun: Mention, name: Mention) -> Mention:
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


def _np_after(text: str, toks: list[Token], k: int) -> Mention | None:
    """The speaker phrase after ``according to`` or a verb: a phrase, a short
    description, or the first name before the clause ends."""
    m = parse_np_right(toks, k, text) if k < len(toks) else None
    if m is None:
        m = _short_description(text, toks, k)
    if m is None:
        for e in range(k, min(len(toks), k + VERB_FIRST_MAX_TOKENS)):
            if toks[e].text in ",;:!?" or (toks[e].text == "." and not abbreviation(toks, e)):
                break
            if toks[e].low in lexicon().prepositions and toks[e].low not in ("of", "and"):
                break  # "telling reporters during a visit to Scotland": no speaker after a preposition
            if is_capital(toks[e]):
                m = parse_np_right(toks, e, text)
                if m is not None:
                    break
    return m


def _short_description(text: str, toks: list[Token], k: int) -> Mention | None:
    """``said the 46-year-old.``: a determiner and a few words closing the clause."""
    if k >= len(toks) or toks[k].low not in ("the", "a", "an", "one", "another", "his", "her", "their", "its"):
        return None
    e = k + 1
    while e < len(toks) and toks[e].text[:1].isalnum() and e - k <= SHORT_DESCRIPTION_WORDS:
        e += 1
    if e == k + 1 or (e < len(toks) and toks[e].text not in ",.;!?"):
        return None
    last = toks[e - 1]
    return Mention(text[toks[k].start : last.end], toks[k].start, last.end, "desc", last.low, k, e - 1)


def _past_tense_after(toks: list[Token], k: int) -> bool:
    """``“Q,” he surmised.``: an unlisted -ed verb closing the clause after the speaker."""
    if k >= len(toks):
        return False
    t = toks[k]
    after = toks[k + 1].text if k + 1 < len(toks) else "."
    return t.text.islower() and t.low.endswith("ed") and after in ",.;"


def find_right(text: str, toks: list[Token]) -> Attribution | None:
    """Attribution in the words right after a closing quotation mark.

    A later ``according to X`` in the same clause names the source
    (``“Q,” the judge said, according to the Post``).
    """
    attr = _find_right(text, toks)
    if attr is None or attr.mention is None:
        return attr
    for k in range(len(toks) - 1):
        if toks[k].start > attr.cue_end and toks[k].low == "according" and toks[k + 1].low == "to":
            source = parse_np_right(toks, k + 2, text)
            if source is not None:
                return _attr(text, toks, k, 2, source, "right", True)
    return attr


def passive_agent(text: str, toks: list[Token]) -> Attribution | None:
    """``… has been called “Q” by Joshua Hendrick``: the agent right after the quotation."""
    i = 0
    while i < len(toks) and toks[i].text in ",":
        i += 1
    if i + 1 >= len(toks) or toks[i].low != "by" or not is_capital(toks[i + 1]):
        return None
    m = parse_np_right(toks, i + 1, text)
    if m is None or m.kind not in ("name", "org"):
        return None
    return _attr(text, toks, i, 1, m, "right", True)


def is_passive(toks: list[Token], attr: Attribution) -> bool:
    """True when the left cue is a passive participle (``has been called``, ``was described``)."""
    k = next((n for n, t in enumerate(toks) if t.start == attr.cue_start), -1)
    if k < 1 or not toks[k].low.endswith("ed"):
        return False
    j = k - 1
    while j >= 0 and toks[j].low in ("also", "often", "widely", "repeatedly", "once", "since"):
        j -= 1
    return j >= 0 and toks[j].low in ("been", "was", "were", "is", "are", "be", "being")


def _find_right(text: str, toks: list[Token]) -> Attribution | None:
    lexicon()
    i = 0
    dash = False
    while i < len(toks) and toks[i].text in LEAD_PUNCT + "―":
        dash = dash or toks[i].text in "—–―-"
        i += 1
    if i >= len(toks) or toks[i].text in SENTENCE_END:
        return None
    if toks[i].low == "as" and i + 1 < len(toks) and toks[i + 1].text[:1].isalnum():
        i += 1  # "“Q,” as a city memo put it": the clause after "as"
    if toks[i].low in ("though", "however") and i + 2 < len(toks) and toks[i + 1].text == ",":
        i += 2  # "“Q,” though, Lee did suggest …": a sentence adverb, not a conjunction
    if toks[i].low in CLAUSE_CONJUNCTIONS:
        # "“Q,” but he also noted …": a new clause, not this quotation's attribution; unless the
        # sentence closes on an inverted cue ("“Q” and voters get nervous, said Ann Lee.")
        return _inverted_cue_at_end(text, toks, i)
    n = _cue_at(toks, i)
    if n:
        if toks[i].low == "according":
            return _attr(text, toks, i, n, _np_after(text, toks, i + n), "right", True)
        if toks[i].low.endswith("ing"):
            return _attr(text, toks, i, n, None, "right", True)  # “Q,” telling reporters …: no inversion
        k = i + n
        while k < len(toks) and is_skip(toks[k]):
            k += 1
        # "said former Pennsylvania Gov. and … Chairman Ed Rendell", "said the 46-year-old"
        return _attr(text, toks, i, n, _np_after(text, toks, k), "right", True)
    if toks[i].text.islower() and toks[i].low.endswith("ed") and i + 1 < len(toks) and is_capital(toks[i + 1]):
        # “Q!” beamed Donald Hartley: an unlisted verb before a name
        named = parse_np_right(toks, i + 1, text)
        if named is not None and named.kind == "name":
            return _attr(text, toks, i, 1, named, "right", True)
    m = parse_np_right(toks, i, text)
    if m is not None:
        k = m.last + 1
        if dash and (k >= len(toks) or toks[k].text in SENTENCE_END + ","):
            # “Q” ― Name (a signed comment)
            return Attribution(m, toks[i - 1].text, toks[i - 1].start, toks[i - 1].end, "right", True)
        while k < len(toks) and is_skip(toks[k]):
            k += 1
        if m.kind in ("pronoun", "name") and _past_tense_after(toks, k):
            return _attr(text, toks, k, 1, m, "right", True)
    # the first cue of the clause, with the speaker phrase right before it
    limit = min(len(toks), i + RIGHT_MAX_TOKENS)
    stop = first_break(toks, i)
    if stop >= 0:
        limit = min(limit, stop)
    for k in range(i, limit):
        n = _cue_at(toks, k)
        if not n:
            continue
        quoted = _quoted_object(text, toks, k)
        if quoted is not None:
            return quoted
        j = k - 1
        while j > i and is_skip(toks[j]):
            j -= 1
        near = parse_np_left(toks, j, text)
        if near is None and toks[k - 1].text == "," and not toks[k].low.endswith("ing"):
            # “Q” in the 2008 primary, said Paul Beck: an inverted cue later in the clause
            after = _np_after(text, toks, k + n)
            if after is not None:
                return _attr(text, toks, k, n, after, "right", True)
        for cand in (m, near):
            if cand is None or cand.last > j:
                continue
            if (
                cand is m
                and m.last < j
                and toks[m.last + 1].text not in ",("
                and not _prepositional(toks, m.last + 1, j)
            ):
                continue  # something other than an appositive or "in the Clinton ad" before the cue
            between = toks[i : cand.first]
            if len(between) > ROLE_GAP_TOKENS:
                continue
            plain = all(_role_word(t) for t in between)
            # “Q” at the convention, he said.
            clause = cand.kind in ("pronoun", "name") and cand.last == j and all(t.text != ";" for t in between)
            if plain or clause:
                return _attr(text, toks, k, n, cand, "right", True)
        return None
    return None


def _inverted_cue_at_end(text: str, toks: list[Token], i: int) -> Attribution | None:
    """``…, said Ann Lee.`` closing the clause that starts at ``toks[i]``."""
    stop = first_break(toks, i)
    end = stop if stop >= 0 else len(toks)
    for k in range(i + 1, min(end, i + RIGHT_MAX_TOKENS)):
        if toks[k - 1].text != ",":
            continue
        if toks[k].low in PARENTHETICAL_CUES:
            m = parse_np_right(toks, k + 1, text) if k + 1 < end else None
            if m is not None and m.kind == "name":
                return _attr(text, toks, k, 1, m, "right", False)
        elif is_capital(toks[k]) or toks[k].low in SUBJECT_PRONOUNS:
            # "… and against the budget, Lee said."
            m = parse_np_right(toks, k, text)
            c = m.last + 1 if m is not None else end
            if c < end and toks[c].low in PARENTHETICAL_CUES and (c + 1 >= end or toks[c + 1].text in ",."):
                return _attr(text, toks, c, 1, m, "right", False)
    return None


def _prepositional(toks: list[Token], a: int, b: int) -> bool:
    """True when ``toks[a..b]`` is a short prepositional phrase (``in the Clinton ad``)."""
    if toks[a].low not in lexicon().prepositions or b - a > PP_MAX_TOKENS:
        return False
    return all(t.text[:1].isalnum() or t.text in "-’'" for t in toks[a : b + 1])


def _role_word(tok: Token) -> bool:
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


def _left_at(text: str, toks: list[Token], k: int, n: int) -> tuple[Attribution | None, bool]:
    """Attribution of the cue ``toks[k:k+n]`` before a quotation.

    Returns the attribution (its mention may be None) and whether the search
    should go on leftwards for the real subject.
    """
    lexicon()
    adjacent = len(toks) - (k + n) <= 2
    quoted = _quoted_object(text, toks, k)
    if quoted is not None:
        return Attribution(quoted.mention, quoted.cue_text, quoted.cue_start, quoted.cue_end, "left", adjacent), False
    if toks[k].low == "according":
        return _attr(text, toks, k, n, _np_after(text, toks, k + n), "left", adjacent), False
    j = k - 1
    while j >= 0 and is_skip(toks[j]):
        j -= 1
    if j >= 1 and toks[j].text == "," and toks[k].low in PARENTHETICAL_CUES and k + n < len(toks):
        # "The paradox, says Ann Lee, a historian, is that …": a parenthetical cue
        after = parse_np_right(toks, k + n, text)
        if after is not None and after.kind == "name" and after.first == k + n:
            e = after.last + 1
            while e < len(toks) and toks[e].text != "," and e - after.last <= APPOSITIVE_GAP_TOKENS:
                e += 1
            if e < len(toks) and toks[e].text == ",":
                return _attr(text, toks, k, n, after, "left", adjacent), False
    participle = j >= 0 and toks[j].text == "," and toks[k].low.endswith("ing")
    if participle:
        # "…, Lee said, adding, “Q”": the speaker of the cue right before the participle
        said = _cue_subject_before(text, toks, j)
        if said is not None:
            return _attr(text, toks, k, n, said, "left", adjacent), False
    if j >= 2 and toks[j].low == "and" and toks[j - 1].text.islower() and toks[j - 1].low.endswith("ed"):
        # "…, he laughed and said, “Q”": the subject of the verb joined to the cue
        near = parse_np_left(toks, j - 2, text)
        if near is not None and near.kind in ("name", "pronoun"):
            return _attr(text, toks, k, n, near, "left", adjacent), False
    if j >= 0 and (toks[j].low in ("and", "but", "or") or participle):
        # "X … and said “Q”", "…, arguing that “Q”": the main clause's subject
        subject = sentence_subject(text, toks[:k])
        if subject is not None and subject.last < j:
            return _attr(text, toks, k, n, subject, "left", adjacent), False
        if participle:
            return _attr(text, toks, k, n, None, "left", adjacent), True
    m = parse_np_left(toks, j, text)
    if m is None and j > 0 and toks[j].text[:1].isalnum() and toks[j].low not in lexicon().prepositions:
        m = _subject_before_pp(text, toks, j)  # "Lee in her opening speech called …"
    if m is None and j >= 0:
        m = _share_phrase(text, toks, j)  # "At least half of parents in every district say …"
    if m is not None and m.key in SUBJECT_PRONOUNS and m.first > 0:
        # "Clinton says she …", "the Council … what it called “Q”": the sentence subject
        subject = sentence_subject(text, toks[: m.first])
        if subject is not None and _compatible(m, subject):
            m = _as_pronoun_of(m, subject)
    if toks[k].low.endswith("ing") and m is not None:
        # "with the campaign of the former senator saying …": the whole phrase after "with"
        w = next(
            (
                a
                for a in range(j, max(-1, j - ABSOLUTE_MAX_TOKENS), -1)
                if toks[a].text in ",;" or toks[a].low == "with"
            ),
            -1,
        )
        if w >= 0 and toks[w].low == "with" and w < m.first:
            whole = parse_np_right(toks, w + 1, text)
            if whole is not None and whole.first == w + 1 and whole.last < k:
                m = whole
    absolute = toks[k].low.endswith("ing") and m is not None and m.first > 0 and toks[m.first - 1].low == "with"
    if (
        m is not None
        and m.kind != "pronoun"
        and m.first > 0
        and toks[m.first - 1].low in OBJECT_PREPOSITIONS
        and not absolute  # "with Donald Trump tweeting that …": Trump is the subject
    ):
        # "responded to Vargas’ question on Facebook writing, “Q”": Facebook is no subject
        subject = sentence_subject(text, toks[: m.first])
        if subject is not None:
            m = subject
    if (
        m is not None
        and m.kind in ("desc", "org")
        and m.first > 0
        and toks[m.first - 1].text.islower()
        and toks[m.first - 1].low not in ("which", "that", "who", "whom")  # "which an FBI inquiry said"
    ):
        # "she released a statement saying …": the statement is the object
        subject = sentence_subject(text, toks[: m.first])
        if subject is not None and subject.kind in ("name", "pronoun", "org"):
            m = subject
    if m is not None and (m.kind == "desc" or (m.kind in ("org", "name") and " " not in m.text)):
        poll = _poll_before(text, toks, k)
        if poll is not None:
            m = poll  # "In a CNN/ORC poll, 31% of Republicans said …": poll results belong to the poll
    return _attr(text, toks, k, n, m, "left", adjacent), m is None


def _share_phrase(text: str, toks: list[Token], j: int) -> Mention | None:
    """A clause-initial share of people ending at ``toks[j]``: ``at least half of voters in
    every district``, ``most``, ``a majority of members``."""
    a = j
    while a > 0 and j - a < SHARE_PHRASE_TOKENS and toks[a - 1].text not in ",;:—–(":
        a -= 1
    if a > 0 and toks[a - 1].text not in ",;:—–(":
        return None
    b = a
    while b < j and toks[b].low in SHARE_LEADS:
        b += 1
    if toks[b].low not in SHARE_HEADS or (b < j and toks[b + 1].low != "of"):
        return None
    return Mention(text[toks[a].start : toks[j].end], toks[a].start, toks[j].end, "desc", toks[b].low, a, j)


def _subject_before_pp(text: str, toks: list[Token], j: int) -> Mention | None:
    """A name or pronoun right before a short prepositional phrase ending at ``toks[j]``."""
    for p in range(j - 1, max(0, j - PP_MAX_TOKENS) - 1, -1):
        t = toks[p]
        if not t.text[:1].isalnum():
            return None
        if t.low in OBJECT_PREPOSITIONS or t.low in ("during", "after", "before", "at"):
            if p < 1 or not _prepositional(toks, p, j):
                return None
            m = parse_np_left(toks, p - 1, text)
            return m if m is not None and m.kind in ("name", "pronoun") else None
    return None


def _cue_subject_before(text: str, toks: list[Token], comma: int) -> Mention | None:
    """``Lee said, adding``: the speaker phrase of a cue ending right before ``toks[comma]``."""
    c = comma - 1
    if c < 1 or not _cue_at(toks, c) or toks[c].low.endswith("ing"):
        return None
    j = c - 1
    while j > 0 and is_skip(toks[j]):
        j -= 1
    m = parse_np_left(toks, j, text)
    if m is None or m.kind not in ("name", "pronoun") or (m.first > 0 and toks[m.first - 1].text.isalpha()):
        return None  # only a comment clause ("…, Lee said,"), not "told Lee said"
    return m


def _poll_before(text: str, toks: list[Token], k: int) -> Mention | None:
    """A ``poll``/``survey`` phrase before the cue ``toks[k]`` in the same sentence."""
    lex = lexicon()
    for j in range(k - 1, -1, -1):
        if toks[j].low not in POLL_NOUNS:
            continue
        a = j
        while a > 0 and j - a < POLL_PHRASE_TOKENS and (toks[a - 1].text[:1].isalnum() or toks[a - 1].text in "/-&"):
            if toks[a - 1].low in lex.prepositions:
                break
            a -= 1
            if toks[a].low in lex.determiners:
                break
        t0, t1 = toks[a], toks[j]
        return Mention(text[t0.start : t1.end], t0.start, t1.end, "org", t1.low, a, j, None, "n")
    return None


def _compatible(pronoun: Mention, subject: Mention) -> bool:
    if pronoun.key in ("he", "she"):
        return subject.kind == "name" and subject.gender in ("-", pronoun.gender)
    if pronoun.key == "it":
        return subject.kind == "org"
    return subject.kind in ("name", "org", "desc")


def find_left(text: str, toks: list[Token]) -> Attribution | None:
    """Attribution in the words before an opening quotation mark (same sentence)."""
    if len(toks) >= 2 and toks[-1].text == ":":
        # "Clinton: “Q”" / "Continued Stone: “Q”"
        m = parse_np_left(toks, len(toks) - 2, text)
        if m is not None and (m.first == 0 or (m.kind == "name" and toks[m.first - 1].text in "-—–―")):
            # "Clinton: “Q”", "HEADLINE - Jane Doe: “Q”"
            return Attribution(m, ":", toks[-1].start, toks[-1].end, "left", True)
        if m is not None and m.kind in ("desc", "org") and m.first > 0 and toks[m.first - 1].text.islower():
            # "President Clinton released the following statement: “Q”": who released it
            subject = sentence_subject(text, toks[: m.first])
            if subject is not None:
                return Attribution(subject, ":", toks[-1].start, toks[-1].end, "left", True)
    fallback = None
    found = None
    for k in range(len(toks) - 1, -1, -1):
        n = _cue_at(toks, k)
        if not n:
            continue
        attr, go_on = _left_at(text, toks, k, n)
        if attr is not None and attr.mention is not None:
            if found is None:
                found = attr
                continue
            nested = _reported_within(found) or _that_clause(toks, attr, found)
            if nested and _after_subordinate_clause(toks, attr, found):
                nested = False  # "When X was asked …, he laughed and said, “Q”": the main clause speaks
            if nested and (toks[k].low == "according" or attr.mention.kind != "pronoun"):
                # "Cruz said he is certain Rubio will …", "Trump said that Romney begged …": the outer report
                return Attribution(attr.mention, attr.cue_text, attr.cue_start, attr.cue_end, "left", False)
            break
        if fallback is None and attr is not None:
            fallback = attr
        if not go_on:
            break
    if found is not None:
        for k in range(len(toks) - 1):
            # "According to ProPublica, Clinton praised her “wonderful donors”": the named source
            if toks[k].start >= found.cue_start:
                break
            if toks[k].low == "according" and toks[k + 1].low == "to":
                source = parse_np_right(toks, k + 2, text)
                if source is not None:
                    return _attr(text, toks, k, 2, source, "left", False)
        return found
    if fallback is None:
        said = _possessive_speech(text, toks)
        if said is not None:
            return said
    if fallback is None and len(toks) >= 2 and toks[-1].text == ":":
        # "Here’s Lee in May 1990: “Q”", "More from Jones: “Q”"; but "And she is sure that
        # jailing Reyes will fail …: “Q”" is hers
        subject = sentence_subject(text, toks[:-1])
        if subject is not None and subject.kind in ("pronoun", "desc"):
            return Attribution(subject, ":", toks[-1].start, toks[-1].end, "left", True)
        for k in range(len(toks) - 1):
            if is_capital(toks[k]):
                m = parse_np_right(toks, k, text)
                if m is not None and m.kind == "name":
                    if k == 0 and toks[-1].start - m.end > COLON_NAME_GAP_CHARS:
                        continue  # "Hints of … showed up early - More from Jones:": not the opener
                    return Attribution(m, ":", toks[-1].start, toks[-1].end, "left", True)
    if fallback is not None:
        before = [t for t in toks if t.start < fallback.cue_start]
        who = next((w for w in range(len(before) - 1, 0, -1) if before[w].low == "who"), -1)
        # "Beck, who has in the past described Trump as “Q”": the relative clause's "who"
        subject = parse_np_left(before, who, text) if who > 0 else None
        if subject is None or subject.text.lower() != "who":
            subject = sentence_subject(text, before)
        if subject is not None:
            return Attribution(
                subject, fallback.cue_text, fallback.cue_start, fallback.cue_end, "left", fallback.adjacent
            )
    return fallback


def _after_subordinate_clause(toks: list[Token], outer: Attribution, inner: Attribution) -> bool:
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


def _that_clause(toks: list[Token], outer: Attribution, inner: Attribution) -> bool:
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


def _possessive_speech(text: str, toks: list[Token]) -> Attribution | None:
    """``Trump’s claim that “Q”``, ``her remarks about “Q”``: the possessor said it."""
    lex = lexicon()
    for k in range(len(toks) - 1, 0, -1):
        if toks[k].low not in lex.speech_nouns:
            continue
        owner = toks[k - 1]
        if owner.low in ("his", "her", "their", "its"):
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
            if subject is not None and subject.kind != "pronoun" and _compatible(m, subject):
                m = _as_pronoun_of(m, subject)  # "Lee later defended her comments as “Q”"
        elif owner.low.endswith(("’s", "'s")) and owner.text[:1].isupper():
            m = parse_np_left(toks, k - 1, text)
            if m is None or m.kind not in ("name", "org"):
                return None
        else:
            continue
        return Attribution(m, toks[k].text, toks[k].start, toks[k].end, "left", False)
    return None


def _reported_within(attr: Attribution) -> bool:
    """True when a nearer cue may itself sit inside an outer report (look further left)."""
    if attr.mention is None:
        return False
    return attr.mention.kind == "pronoun" or attr.cue_text.lower() in lexicon().inner_verbs
