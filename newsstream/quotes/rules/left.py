"""Left-side rules: a cue before the opening quotation mark (``X said “Q”``).

``find_left`` walks the cues of the quotation's sentence from the nearest one
leftwards. At each cue, ``CUE_RULES`` find the speaker phrase and
``CUE_REFINEMENTS`` may swap it for a better one (the sentence subject for a
pronoun or an object, a poll for its respondents). An inner cue inside an
outer report yields to the outer one (``left.outer_report``). Sentences whose
cues name nobody end with ``colon.COLON_LAST`` and ``SENTENCE_RULES``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from newsstream.quotes.cues import (
    IRREGULAR_PAST,
    OBJECT_PREPOSITIONS,
    PARENTHETICAL_CUES,
    SUBJECT_PRONOUNS,
    Attribution,
    after_subordinate_clause,
    as_pronoun_of,
    compatible,
    cue_at,
    cue_subject_before,
    is_skip,
    make_attr,
    np_after,
    poll_before,
    possessive_speech,
    reported_within,
    sentence_subject,
    subject_before_pp,
    that_clause,
)
from newsstream.quotes.lexicon import lexicon, rule_words
from newsstream.quotes.rules.base import NOBODY, Rule, first_match
from newsstream.quotes.rules.colon import COLON_FIRST, COLON_LAST, LeftSentence
from newsstream.quotes.settings import QuoteSettings
from newsstream.quotes.speakers import Mention, Token, parse_np_left, parse_np_right


@dataclass(slots=True)
class LeftCue:
    """One cue ``toks[k:k+n]`` before the opening mark; ``j`` is the last token before it past adverbs."""

    text: str
    toks: list[Token]
    k: int
    n: int
    j: int
    adjacent: bool  # the cue is right before the mark
    settings: QuoteSettings

    def attr(self, m: Mention | None) -> Attribution:
        return make_attr(self.text, self.toks, self.k, self.n, m, "left", self.adjacent)

    @property
    def participle(self) -> bool:
        """``…, adding “Q”``: an -ing cue after a comma."""
        return self.j >= 0 and self.toks[self.j].text == "," and self.toks[self.k].low.endswith("ing")


COORDINATORS = rule_words()["coordinators"]
RELATIVE_WORDS = rule_words()["relative_words"]
RELATIVE_THINGS = ("which",)  # the relative pronoun for things and bodies ("who" is in parse_np_left; a
# "that" before a verb reads as a determiner, so "that said" is no cue)
SUBORDINATORS = rule_words()["subordinators"]
PASSIVE_AUXILIARIES = rule_words()["passive_auxiliaries"]
QUOTING_VERBS = rule_words()["quoting_verbs"]
Found = tuple[Attribution | None, bool]  # the attribution, and whether to go on leftwards


def passive_cue(c: LeftCue) -> Found | None:
    """``The plan was described as “Q”``, ``what is called a “Q”``: a passive cue; its subject is what
    is named, so nobody is quoted (``was quoted as saying`` is a cue phrase, not this)."""
    toks, k = c.toks, c.k
    low = toks[k].low
    if c.n != 1 or low in QUOTING_VERBS or not (low.endswith(("ed", "en")) or low in IRREGULAR_PAST):
        return None
    j = k - 1
    while j >= 0 and is_skip(toks[j]) and toks[j].low not in PASSIVE_AUXILIARIES:
        j -= 1
    if j < 0 or toks[j].low not in PASSIVE_AUXILIARIES:
        return None
    attr = c.attr(None)
    return Attribution(None, attr.cue_text, attr.cue_start, attr.cue_end, NOBODY, attr.adjacent), True


def according_to(c: LeftCue) -> Found | None:
    """``According to Ann Lee, “Q”``."""
    if c.toks[c.k].low != "according":
        return None
    return c.attr(np_after(c.text, c.toks, c.k + c.n, c.settings)), False


def parenthetical_cue(c: LeftCue) -> Found | None:
    """``The trouble, says Ann Lee, a tailor, is “Q”``: a parenthetical cue and the name after it."""
    toks, k, n, j = c.toks, c.k, c.n, c.j
    if not (j >= 1 and toks[j].text == "," and toks[k].low in PARENTHETICAL_CUES and k + n < len(toks)):
        return None
    after = parse_np_right(toks, k + n, c.text)
    if after is None or after.kind != "name" or after.first != k + n:
        return None
    e = after.last + 1
    while e < len(toks) and toks[e].text != "," and e - after.last <= c.settings.appositive_gap_tokens:
        e += 1
    if e < len(toks) and toks[e].text == ",":
        return c.attr(after), False
    return None


def adding_after_cue(c: LeftCue) -> Found | None:
    """``…, Lee said, adding “Q”``: the speaker of the cue right before the participle."""
    if not c.participle:
        return None
    said = cue_subject_before(c.text, c.toks, c.j)
    return (c.attr(said), False) if said is not None else None


def verb_and_cue(c: LeftCue) -> Found | None:
    """``…, he sighed and said “Q”``: the subject of the verb joined to the cue."""
    toks, j = c.toks, c.j
    if j >= 2 and toks[j].low == "and" and toks[j - 1].text.islower() and toks[j - 1].low.endswith("ed"):
        near = parse_np_left(toks, j - 2, c.text)
        if near is not None and near.kind in ("name", "pronoun"):
            return c.attr(near), False
    return None


def coordinated_subject(c: LeftCue) -> Found | None:
    """``Ann Lee toured the mill and said “Q”`` / ``…, arguing “Q”``: the main clause's subject."""
    toks, j = c.toks, c.j
    if not (j >= 0 and (toks[j].low in COORDINATORS or c.participle)):
        return None
    subject = sentence_subject(c.text, toks[: c.k], c.settings)
    if subject is not None and subject.last < j:
        return c.attr(subject), False
    return (c.attr(None), True) if c.participle else None


def speaker_before_cue(c: LeftCue) -> Found | None:
    """``Ann Lee said “Q”`` / ``Lee, the mayor, said “Q”``: the phrase right before the cue."""
    m = parse_np_left(c.toks, c.j, c.text) or _relative_which(c)
    return (c.attr(m), False) if m is not None else None


def _relative_which(c: LeftCue) -> Mention | None:
    """``the county report, which notes “Q”``, ``placards which read “Q”``: a relative pronoun right
    before the cue is its subject; the mention is the pronoun, its antecedent (a document, a body)
    is kept as its alias when it reads as an organisation (no person's name is given)."""
    toks, j = c.toks, c.j
    if j < 1 or j != c.k - 1 or toks[j].low not in RELATIVE_THINGS:
        return None
    before = toks[j - 1]
    if before.low in lexicon().speech_verbs or before.low in lexicon().prepositions:
        return None  # "said which …", "in which": not the subject of a relative clause
    k = j - 2 if before.text == "," else j - 1
    antecedent = parse_np_left(toks, k, c.text) if k >= 0 else None
    t = toks[j]
    if antecedent is not None and antecedent.kind == "org":
        return Mention(t.text, t.start, t.end, "org", antecedent.key, j, j, None, "n", antecedent.text)
    return Mention(t.text, t.start, t.end, "pronoun", t.low, j, j, None, "n")


def subject_before_place(c: LeftCue) -> Found | None:
    """``Lee in her closing remarks called it “Q”``: a name before a short prepositional phrase."""
    toks, j = c.toks, c.j
    if j > 0 and toks[j].text[:1].isalnum() and toks[j].low not in lexicon().prepositions:
        m = subject_before_pp(c.text, toks, j, c.settings)
        return (c.attr(m), False) if m is not None else None
    return None


CUE_RULES: tuple[Rule, ...] = (
    Rule(
        "block.passive_cue",
        "block",
        passive_cue,
        "By spring the ferry plan was widely described as “a slow disaster.”",
        "By spring Ilse Marrow had described the ferry plan as “a slow disaster.”",
        None,
    ),
    Rule(
        "left.according_to",
        "left",
        according_to,
        "According to Ilse Marrow, “the ferry is late again.”",
        "Ilse Marrow said “the ferry is late again.”",
        "Ilse Marrow",
    ),
    Rule(
        "left.parenthetical_cue",
        "left",
        parenthetical_cue,
        "The trouble, says Ilse Marrow, a ferry pilot, is “the tide and nothing else.”",
        "The trouble, Ilse Marrow says, is “the tide and nothing else.”",
        "Ilse Marrow",
    ),
    Rule(
        "left.adding_after_cue",
        "left",
        adding_after_cue,
        "The crossing was rough, Ilse Marrow said, adding, “We lost a crate overboard.”",
        "The crossing was rough, adding to the delays, “We lost a crate overboard.”",
        "Ilse Marrow",
    ),
    Rule(
        "left.verb_and_cue",
        "left",
        verb_and_cue,
        "Asked about the crossing, she laughed and said, “We lost a crate overboard.”",
        "Asked about the crossing, she said, “We lost a crate overboard.”",
        "she",
    ),
    Rule(
        "left.coordinated_subject",
        "left",
        coordinated_subject,
        "Ilse Marrow docked at noon and said “we lost a crate overboard.”",
        "Ilse Marrow said “we lost a crate overboard.”",
        "Ilse Marrow",
    ),
    Rule(
        "left.speaker_before_cue",
        "left",
        speaker_before_cue,
        "Ilse Marrow, the ferry pilot, said “we lost a crate overboard.”",
        "According to the logbook, “we lost a crate overboard.”",
        "Ilse Marrow",
    ),
    Rule(
        "left.subject_before_place",
        "left",
        subject_before_place,
        "Marrow in her weekly column called the crossing “a slow disaster.”",
        "Marrow called the crossing “a slow disaster.”",
        "Marrow",
    ),
)


def pronoun_to_subject(c: LeftCue, m: Mention) -> Mention | None:
    """``Ann Lee says she finds it “Q”``: a subject pronoun after a matching sentence subject."""
    if m.key in SUBJECT_PRONOUNS and m.first > 0:
        subject = sentence_subject(c.text, c.toks[: m.first], c.settings)
        if subject is not None and subject.last + 2 == m.first and c.toks[subject.last + 1].text == ",":
            return None  # "Loyalty, he noted, …": a parenthetical pronoun, not the subject's
        if subject is not None and compatible(m, subject) and not common_word_name(c.text, subject):
            return as_pronoun_of(m, subject)
    return None


def common_word_name(text: str, m: Mention) -> bool:
    """``Cost estimates, he added, …``, ``Eyebrows raised, he asked``: a one-word "name" that the
    article also writes in lowercase is a capitalised common word opening the sentence, not a
    person (a surname is seldom written in lowercase)."""
    word = m.text
    if m.kind != "name" or " " in word or word.lower() == word:
        return False
    low = word.lower()
    i = text.find(low)
    while i >= 0:
        j = i + len(low)
        if (i == 0 or not text[i - 1].isalnum()) and (j == len(text) or not text[j].isalnum()):
            return True
        i = text.find(low, j)
    return False


def object_of_preposition(c: LeftCue, m: Mention) -> Mention | None:
    """``Lee replied to a reader on Tumblr writing “Q”``: the preposition's object is no subject."""
    toks = c.toks
    if m.kind != "pronoun" and m.first > 0 and toks[m.first - 1].low in OBJECT_PREPOSITIONS and not _absolute(c, m):
        return sentence_subject(c.text, toks[: m.first], c.settings)
    return None


def _absolute(c: LeftCue, m: Mention) -> bool:
    """``…, with the county clerk saying “Q”``: an absolute clause, ``with``, a phrase and an -ing
    cue; the phrase is the cue's subject, not an object."""
    return c.toks[c.k].low.endswith("ing") and m.first > 0 and c.toks[m.first - 1].low == "with"


def _opens_clause(toks: list[Token], j: int) -> bool:
    """``as the crowd chanted``, ``…, and the clerk warned``: ``toks[j]`` starts a new clause, so
    the phrase after it is that clause's subject (``X, Y and Z argued`` stays one coordinated subject)."""
    low = toks[j].low
    return low in SUBORDINATORS or (low in COORDINATORS and j > 0 and toks[j - 1].text == ",")


def object_description(c: LeftCue, m: Mention) -> Mention | None:
    """``Lee posted a message saying “Q”``: the message is the object, Lee the speaker."""
    toks = c.toks
    if (
        m.kind in ("desc", "org")
        and m.first > 0
        and toks[m.first - 1].text.islower()
        and toks[m.first - 1].low not in RELATIVE_WORDS  # "which a review board said"
        and not _opens_clause(toks, m.first - 1)
        and not _absolute(c, m)
    ):
        subject = sentence_subject(c.text, toks[: m.first], c.settings)
        if subject is not None and subject.kind in ("name", "pronoun", "org"):
            return subject
    return None


def poll_source(c: LeftCue, m: Mention) -> Mention | None:
    """``In a county poll, 40% of farmers said “Q”``: poll answers belong to the poll."""
    if m.kind == "desc" or (m.kind in ("org", "name") and " " not in m.text):
        return poll_before(c.text, c.toks, c.k, c.settings)
    return None


CUE_REFINEMENTS: tuple[Rule, ...] = (
    Rule(
        "left.pronoun_to_subject",
        "left",
        pronoun_to_subject,
        "Ilse Marrow admits she called the timetable “a slow disaster.”",
        "She admits she called the timetable “a slow disaster.”",
        "she",
    ),
    Rule(
        "left.object_of_preposition",
        "left",
        object_of_preposition,
        "Ilse Marrow replied to a sailor on Tumblr writing, “The tide was wrong.”",
        "Ilse Marrow replied on Tuesday, writing, “The tide was wrong.”",
        "Ilse Marrow",
    ),
    Rule(
        "left.object_description",
        "left",
        object_description,
        "Ilse Marrow posted a notice saying “the tide was wrong.”",
        "A notice on the pier said “the tide was wrong.”",
        "Ilse Marrow",
    ),
    Rule(
        "left.poll_source",
        "left",
        poll_source,
        "In a county survey, 40 percent said “the roads come first.”",
        "Among county farmers, 40 percent said “the roads come first.”",
        "a county survey",
    ),
)


def _at_cue(text: str, toks: list[Token], k: int, n: int, settings: QuoteSettings) -> Found:
    """The attribution of the cue ``toks[k:k+n]``: ``CUE_RULES`` then ``CUE_REFINEMENTS``."""
    j = k - 1
    while j >= 0 and is_skip(toks[j]):
        j -= 1
    c = LeftCue(text, toks, k, n, j, len(toks) - (k + n) <= 2, settings)
    found = first_match(CUE_RULES, c, settings)
    if found is None:
        return c.attr(None), True
    attr, go_on = found
    if attr is None or attr.mention is None or attr.rule not in _REFINABLE:
        return attr, go_on
    for rule in CUE_REFINEMENTS:
        if rule.on(settings):
            better = rule.fn(c, attr.mention)
            if better is not None:
                attr = replace(attr, mention=better, rule=rule.name)
    return attr, go_on


_REFINABLE = frozenset({"left.speaker_before_cue", "left.subject_before_place"})


def outer_report(toks: list[Token], k: int, outer: Attribution, inner: Attribution) -> bool:
    """``Lee said she is sure Reyes will stay “Q”``: the nearer cue sits inside an outer report."""
    nested = reported_within(inner) or that_clause(toks, outer, inner)
    if nested and after_subordinate_clause(toks, outer, inner):
        return False  # "When X was asked …, he laughed and said, “Q”": the main clause speaks
    return nested and (toks[k].low == "according" or (outer.mention is not None and outer.mention.kind != "pronoun"))


def according_source(text: str, toks: list[Token], found: Attribution) -> Attribution | None:
    """``According to the Ledger, Lee praised her “loyal donors”``: the named source."""
    for k in range(len(toks) - 1):
        if toks[k].start >= found.cue_start:
            break
        if toks[k].low == "according" and toks[k + 1].low == "to":
            source = parse_np_right(toks, k + 2, text)
            if source is not None:
                return make_attr(text, toks, k, 2, source, "left", False)
    return None


def possessive_noun(s: LeftSentence) -> Attribution | None:
    """``Lee’s claim that “Q”``, ``her remarks about “Q”``: the possessor, when no cue verb is found."""
    return possessive_speech(s.text, s.toks) if s.fallback is None else None


def relative_who(s: LeftSentence) -> Attribution | None:
    """``Lee, who has long described the mill as “Q”``: the relative clause's *who*."""
    f = s.fallback
    if f is None:
        return None
    before = [t for t in s.toks if t.start < f.cue_start]
    who = next((w for w in range(len(before) - 1, 0, -1) if before[w].low == "who"), -1)
    subject = parse_np_left(before, who, s.text) if who > 0 else None
    if subject is None or subject.text.lower() != "who":
        return None
    return Attribution(subject, f.cue_text, f.cue_start, f.cue_end, "left", f.adjacent)


SENTENCE_RULES: tuple[Rule, ...] = (
    Rule(
        "left.outer_report",
        "left",
        outer_report,
        "Ilse Marrow said she is sure Tobin Reyes will continue “the old route for good.”",
        "The vote was close, and Tobin Reyes told the crew “the old route is for good.”",
        "Ilse Marrow",
    ),
    Rule(
        "left.according_source",
        "left",
        according_source,
        "According to the Harbour Ledger, Marrow praised her “loyal passengers.”",
        "Marrow praised her “loyal passengers.”",
        "the Harbour Ledger",
    ),
    Rule(
        "left.possessive_noun",
        "left",
        possessive_noun,
        "Marrow’s claim that “the tide was wrong” was never tested.",
        "The claim that “the tide was wrong” was never tested.",
        "Marrow",
    ),
    Rule(
        "left.relative_who",
        "left",
        relative_who,
        "Marrow, who has in recent years described the crossing as “a slow disaster,” stayed home.",
        "Marrow, who runs the ferry, described the crossing as “a slow disaster.”",
        "who",
    ),
)
# "left.cue_subject" (a cue's sentence subject when no phrase sits before the cue) was removed on
# 2026-11-29: worth one dev quotation (bench/quotes.py --rules: gain 1, 2 folds helped, 1 hurt);
# fallback.sentence_subject names the same subject without the cue.


CLOSING_MARKS = '”"’'  # a relative pronoun right after one of these relates to the quoted words


def relative_after_mark(text: str, m: Mention | None, settings: QuoteSettings) -> bool:
    """``appointing a “harbour marshal” who reports to the mayor``: *who* right after a closing
    quotation mark relates to the quoted words (or the noun they end), not to a speaker."""
    if m is None or m.text.lower() not in ("who", "which", "that"):
        return False
    before = text[max(0, m.start - settings.relative_mark_chars) : m.start].rstrip(" \t\u00a0")
    return bool(before) and before[-1] in CLOSING_MARKS


RELATIVE_WHO = ("who", "Who")  # the quick test before relative_clause (runs for every speaker found)


def relative_clause(text: str, toks: list[Token], found: Attribution, settings: QuoteSettings) -> Attribution | None:
    """The speaker found is a relative *who*, and no speaker: ``a “marshal” who reports …``
    (*who* relates to the quoted words: ``STOP_RELATIVE``, nobody from this clause), or ``A harbour
    official who spoke on condition of anonymity said, “Q”`` (a later cue of the main clause comes
    before the opening mark: the phrase before *who*, that clause's subject, speaks)."""
    m = found.mention
    if m is None or m.text.lower() != "who":
        return None
    if relative_after_mark(text, m, settings):
        return STOP_RELATIVE
    if m.first < 1:
        return None
    lex = lexicon()
    later = next(
        (
            k
            for k in range(len(toks) - 1, m.last, -1)
            if toks[k].start >= found.cue_end and toks[k].low in lex.speech_verbs and cue_at(toks, k)
        ),
        -1,
    )
    subject = parse_np_left(toks, m.first - 1, text) if later >= 0 else None
    if subject is None or subject.kind not in ("name", "desc", "org") or subject.text.lower() == "who":
        return None
    return make_attr(text, toks, later, cue_at(toks, later), subject, "left", later == len(toks) - 1)


STOP_RELATIVE = Attribution(None, "", -1, -1, "left", False)  # a relative clause's who: no speaker here

RELATIVE_CLAUSE_RULE = Rule(
    "left.relative_clause",
    "left",
    relative_clause,
    "A harbour official who spoke on condition of anonymity said, “The ferry will run all winter.”",
    "A harbour official who spoke on condition of anonymity wants the ferry’s “long winter run.”",
    "A harbour official",
)

_OUTER, _ACCORDING = SENTENCE_RULES[0], SENTENCE_RULES[1]
_NO_SPEAKER_YET = SENTENCE_RULES[2:3] + COLON_LAST + SENTENCE_RULES[3:]  # in table order


def find_left(text: str, toks: list[Token], settings: QuoteSettings) -> Attribution | None:
    """Attribution in the words before an opening quotation mark (same sentence)."""
    if not toks:
        return None  # every rule below reads at least one word
    s = LeftSentence(text, toks, settings)
    attr = first_match(COLON_FIRST, s, settings)
    if attr is not None:
        return attr
    fallback = None
    found = None
    lex = lexicon()
    verbs, phrases = lex.speech_verbs, lex.cue_phrases_by_first
    for k in range(len(toks) - 1, -1, -1):
        low = toks[k].low
        if low not in verbs and low not in phrases:
            continue  # the quick test of cue_at, inlined: this loop sees every word left of a mark
        n = cue_at(toks, k)
        if not n:
            continue
        attr, go_on = _at_cue(text, toks, k, n, settings)
        if attr is not None and attr.mention is not None:
            if found is None:
                found = attr
                continue
            if _OUTER.on(settings) and outer_report(toks, k, attr, found) and not common_word_name(text, attr.mention):
                return replace(attr, adjacent=False, rule=_OUTER.name)
            break
        if fallback is None and attr is not None:
            fallback = attr
        if not go_on:
            break
    if found is not None and found.mention.text in RELATIVE_WHO and RELATIVE_CLAUSE_RULE.on(settings):
        main = relative_clause(text, toks, found, settings)
        if main is STOP_RELATIVE:
            return None  # "a “marshal” who reports to the mayor": nobody speaks in this clause
        if main is not None:
            return replace(main, rule=RELATIVE_CLAUSE_RULE.name)
    if found is not None:
        source = according_source(text, toks, found) if _ACCORDING.on(settings) else None
        return replace(source, rule=_ACCORDING.name) if source is not None else found
    if fallback is not None and fallback.side == NOBODY:
        return fallback  # a passive cue: nobody is quoted, so no later guess either
    s.fallback = fallback
    return first_match(_NO_SPEAKER_YET, s, settings) or fallback
