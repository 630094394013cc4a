"""Right-side rules: the words after a closing quotation mark (``“Q,” X said``).

``find_right`` skips the punctuation after the mark, then tries ``RIGHT_RULES``
in order on a ``RightWindow``; ``RIGHT_REFINEMENTS`` may then name a later
source (``…, according to X``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from newsstream.quotes.cues import (
    CLAUSE_CONJUNCTIONS,
    LEAD_PUNCT,
    SENTENCE_END,
    Attribution,
    cue_at,
    first_break,
    inverted_cue_at_end,
    is_skip,
    make_attr,
    np_after,
    prepositional,
    role_word,
)
from newsstream.quotes.lexicon import rule_words
from newsstream.quotes.rules.base import STOP, Rule, first_match
from newsstream.quotes.settings import QuoteSettings
from newsstream.quotes.speakers import (
    STANDALONE_QUANTIFIERS,
    Mention,
    Token,
    is_capital,
    parse_np_left,
    parse_np_right,
)

_UNSET = object()
_WORDS = rule_words()
QUOTING_VERBS = _WORDS["quoting_verbs"]  # "X quoted Y as saying": Y speaks
AS_SAYING = _WORDS["as_saying"]
SENTENCE_ADVERBS = _WORDS["sentence_adverbs"]
OBJECT_CUES = _WORDS["object_cues"]


@dataclass(slots=True)
class RightWindow:
    """The tokens after a closing mark; ``i`` is the first one past the punctuation."""

    text: str
    toks: list[Token]
    i: int
    dash: bool  # a dash right after the mark ("“Q” — Ann Lee")
    settings: QuoteSettings
    _phrase: object = field(default=_UNSET)
    _cue: tuple[int, int] | None = None
    _lead: int = -1
    _near: object = field(default=_UNSET)

    @property
    def lead_cue(self) -> int:
        """Tokens of the cue right after the punctuation (0 when there is none)."""
        if self._lead < 0:
            self._lead = cue_at(self.toks, self.i)
        return self._lead

    @property
    def phrase(self) -> Mention | None:
        """The speaker phrase that starts right after the punctuation."""
        if self._phrase is _UNSET:
            self._phrase = parse_np_right(self.toks, self.i, self.text)
        return self._phrase  # type: ignore[return-value]

    def first_cue(self) -> tuple[int, int]:
        """``(k, n)``: the first cue of the clause (``n`` tokens at ``toks[k]``), or ``(-1, 0)``."""
        if self._cue is None:
            toks, i = self.toks, self.i
            limit = min(len(toks), i + self.settings.right_max_tokens)
            stop = first_break(toks, i)
            if stop >= 0:
                limit = min(limit, stop)
            self._cue = next(((k, n) for k in range(i, limit) if (n := cue_at(toks, k))), (-1, 0))
        return self._cue

    def near_cue(self, k: int) -> Mention | None:
        """The speaker phrase ending right before the clause's first cue ``k`` (read once per window)."""
        if self._near is _UNSET:
            self._near = parse_np_left(self.toks, self.before_cue(k), self.text)
        return self._near  # type: ignore[return-value]

    def before_cue(self, k: int) -> int:
        """Index of the last token before the cue at ``k``, past adverbs (``Lee also said``)."""
        j = k - 1
        while j > self.i and is_skip(self.toks[j]):
            j -= 1
        return j


def _conjunction(w: RightWindow) -> bool:
    return w.toks[w.i].low in CLAUSE_CONJUNCTIONS


def inverted_at_end(w: RightWindow) -> Attribution | None:
    """``“Q” and the town moves on, said Ann Lee.``: a new clause closing on an inverted cue."""
    return inverted_cue_at_end(w.text, w.toks, w.i, w.settings) if _conjunction(w) else None


def new_clause(w: RightWindow) -> object:
    """``“Q,” but she also warned …``: a conjunction opens a new clause, not this quotation's."""
    return STOP if _conjunction(w) else None


def cue_then_speaker(w: RightWindow) -> Attribution | None:
    """``“Q,” said Ann Lee`` / ``said the 52-year-old`` / ``according to Ann Lee``: an inverted cue
    and the phrase after it."""
    n = w.lead_cue
    if not n or (n == 1 and w.toks[w.i].low.endswith("ing")):
        return None  # "“Q,” describing the crew as …": a participle's next phrase is its object
    k = w.i + n
    while k < len(w.toks) and is_skip(w.toks[k]):
        k += 1
    m = np_after(w.text, w.toks, k, w.settings) or _standalone_quantifier(w.toks, k)
    return make_attr(w.text, w.toks, w.i, n, m, "right", True)


def _standalone_quantifier(toks: list[Token], k: int) -> Mention | None:
    """``“Q,” wrote another.`` / ``“Q,” read one.``: a quantifier standing alone for a person
    (or a sign, a post), closing the clause after an inverted cue."""
    if k >= len(toks) or toks[k].low not in STANDALONE_QUANTIFIERS:
        return None
    if k + 1 < len(toks) and toks[k + 1].text not in ".,;!?":
        return None  # "said one of the pilots": a phrase the other parsers read
    t = toks[k]
    return Mention(t.text, t.start, t.end, "desc", t.low, k, k)


def unlisted_verb_then_name(w: RightWindow) -> Attribution | None:
    """``“Q!” chirped Ann Lee``: an unlisted past-tense verb before a name."""
    toks, i = w.toks, w.i
    if toks[i].text.islower() and toks[i].low.endswith("ed") and i + 1 < len(toks) and is_capital(toks[i + 1]):
        named = parse_np_right(toks, i + 1, w.text)
        if named is not None and named.kind == "name":
            return make_attr(w.text, toks, i, 1, named, "right", True)
    return None


def dash_signature(w: RightWindow) -> Attribution | None:
    """``“Q” — Ann Lee.``: a comment signed after a dash."""
    m = w.phrase
    if m is None or not w.dash:
        return None
    k = m.last + 1
    if k >= len(w.toks) or w.toks[k].text in SENTENCE_END + ",":
        t = w.toks[w.i - 1]
        return Attribution(m, t.text, t.start, t.end, "right", True)
    return None


def quoted_as_saying(w: RightWindow) -> Attribution | None:
    """``“Q,” the paper quoted Ann Lee as saying``: the object of *quoted* speaks.

    Kept although dev (US political news) has no such sentence (``bench/quotes.py --rules``:
    0 hits, keep NO): the wire-style construction is common in UK news and the seed article
    (``tests/.../test_seed.py``) has it, and without this entry ``right.speaker_before_cue``
    names the outlet that did the quoting (``the gazette``), the wrong person on any outlet.
    """
    k, _ = w.first_cue()
    toks = w.toks
    if k < 0 or toks[k].low not in QUOTING_VERBS or k + 1 >= len(toks):
        return None
    m = parse_np_right(toks, k + 1, w.text) or _object_pronoun(toks, k + 1)
    if m is None:
        return None
    e = m.last + 1
    if e + 1 < len(toks) and toks[e].low == "as" and toks[e + 1].low in AS_SAYING:
        return Attribution(m, w.text[toks[k].start : toks[e + 1].end], toks[k].start, toks[e + 1].end, "right", True)
    return None


# object pronouns and the subject pronoun the resolver reads them as (general English; as
# cues.POSSESSIVE_PRONOUNS): "quoted him as saying" quotes a "he"
OBJECT_PRONOUNS = {"him": ("he", "m"), "her": ("she", "f"), "them": ("they", "-")}


def _object_pronoun(toks: list[Token], k: int) -> Mention | None:
    """``quoted him as saying``: an object pronoun right before ``as``, as the pronoun mention
    the resolver reads (``him`` -> a ``he``); None otherwise (``her aide as saying`` is a phrase)."""
    if k + 1 >= len(toks) or toks[k + 1].low != "as" or toks[k].low not in OBJECT_PRONOUNS:
        return None
    key, gender = OBJECT_PRONOUNS[toks[k].low]
    t = toks[k]
    return Mention(t.text, t.start, t.end, "pronoun", key, k, k, None, gender)


def inverted_later_cue(w: RightWindow) -> Attribution | None:
    """``“Q” in the last election, said Ann Lee``: an inverted cue after a comma later in the clause."""
    k, n = w.first_cue()
    if k < 0 or w.toks[k - 1].text != ",":
        return None
    according = w.toks[k].low == "according"  # "…, according to Lee": always the phrase after it
    if not according and (w.toks[k].low.endswith("ing") or w.toks[k].low in OBJECT_CUES):
        return None  # "…, saying …" is another clause; "…, told the Gazette": the phrase after is an object
    if w.near_cue(k) is not None and not according:
        return None  # "…, Lee said": the phrase before the cue speaks
    after = np_after(w.text, w.toks, k + n, w.settings)
    return make_attr(w.text, w.toks, k, n, after, "right", True) if after is not None else None


def _closing_cue(w: RightWindow) -> tuple[int, int] | None:
    """The clause's first cue when it closes the sentence (only a few words, such as ``on
    Monday``, between it and the sentence end), else None."""
    k, n = w.first_cue()
    if k < 0:
        return None
    toks = w.toks
    e, tail = k + n, 0
    while e < len(toks) and toks[e].text not in SENTENCE_END:
        if toks[e].text in ",;:—(" or tail >= w.settings.clause_final_tail_tokens:
            return None  # the sentence goes on: this cue does not close it
        tail += 1
        e += 1
    return (k, n) if e < len(toks) else None  # no sentence end: the window ran into another quotation


def bare_attribution(text: str, toks: list[Token], settings: QuoteSettings) -> bool:
    """``Ann Lee, a pilot, said on Monday.``: the words after a closing mark are a whole sentence
    made of a speaker phrase and the cue that closes it."""
    w = window(text, toks, settings)
    if w is None or _closing_cue(w) is None:
        return False
    near = w.near_cue(w.first_cue()[0])
    return near is not None and near.first == w.i


def clause_final_speaker(w: RightWindow) -> Attribution | None:
    """``… “Q” through the winter, the harbour board says.``: a clause after a comma, a speaker
    phrase and a cue that ends the sentence (a few words such as ``on Monday`` may follow it).
    The speaker may sit far from the mark: the reporting clause closes the whole sentence."""
    closing = _closing_cue(w)
    if closing is None:
        return None
    k, n = closing
    toks = w.toks
    near = w.near_cue(k)  # read from the word before the cue, through an appositive
    if near is None or near.first <= w.i or toks[near.first - 1].text != ",":
        return None
    return make_attr(w.text, toks, k, n, near, "right", True)


def speaker_before_cue(w: RightWindow) -> Attribution | None:
    """``“Q,” Ann Lee said`` / ``“Q,” Lee, the mayor, said`` / ``“Q” at the fair, she said``."""
    k, n = w.first_cue()
    if k < 0:
        return STOP
    toks, i, m = w.toks, w.i, w.phrase
    j = w.before_cue(k)
    near = w.near_cue(k)
    same_phrase = m is not None and near is not None and near.first == m.first
    if same_phrase and m.kind in ("desc", "org") and near.kind == "name":
        m = near  # "the company’s spokesman, Ann Lee, said": the same phrase, read to its name
    for cand in (m, near):
        if cand is None or cand.last > j:
            continue
        if cand is m and m.last < j:
            gap = m.last + 1
            if toks[gap].text not in ",(" and not prepositional(toks, gap, j, w.settings):
                continue  # something other than an appositive or a short place phrase before the cue
        between = toks[i : cand.first]
        if len(between) > w.settings.role_gap_tokens:
            continue
        plain = all(role_word(t) for t in between)
        clause = cand.kind in ("pronoun", "name") and cand.last == j and all(t.text != ";" for t in between)
        if plain or clause:
            return make_attr(w.text, toks, k, n, cand, "right", True)
    return None  # right.clause_final_speaker, the last right rule, may still read a closing clause


RIGHT_RULES: tuple[Rule, ...] = (
    Rule(
        "right.inverted_at_end",
        "right",
        inverted_at_end,
        "“The bridge will hold,” and the town can rest easy, said Mara Quill.",
        "“The bridge will hold,” and the town can rest easy.",
        "Mara Quill",
    ),
    Rule(
        "right.new_clause",
        "block",
        new_clause,
        "Quill spoke first. “The bridge will hold,” but Tobin Reyes later warned the council about rust.",
        "“The bridge will hold,” Tobin Reyes said.",
        None,
    ),
    Rule(
        "right.cue_then_speaker",
        "right",
        cue_then_speaker,
        "“We will replant,” said Orla Fenwick, who farms near the river.",
        "“We will replant,” Orla Fenwick said.",
        "Orla Fenwick",
    ),
    Rule(
        "right.unlisted_verb_then_name",
        "right",
        unlisted_verb_then_name,
        "“What a harvest!” chirped Orla Fenwick at the gate.",
        "“What a harvest!” chirped the radio at the gate.",
        "Orla Fenwick",
    ),
    Rule(
        "right.dash_signature",
        "right",
        dash_signature,
        "“Bring a coat to the ridge” — Dalia Voss.",
        "“Bring a coat to the ridge” — and boots.",
        "Dalia Voss",
    ),
    Rule(
        "right.quoted_as_saying",
        "right",
        quoted_as_saying,
        "“The ferry is late again,” the gazette quoted Ilse Marrow as saying.",
        "“The ferry is late again,” the gazette reported.",
        "Ilse Marrow",
    ),
    Rule(
        "right.inverted_later_cue",
        "right",
        inverted_later_cue,
        "“The ferry is late again” on the winter timetable, said Ilse Marrow.",
        "“The ferry is late again,” Ilse Marrow said on Tuesday.",
        "Ilse Marrow",
    ),
    Rule(
        "right.speaker_before_cue",
        "right",
        speaker_before_cue,
        "“The ferry is late again,” Ilse Marrow, the harbour master, said.",
        "“The ferry is late again,” said Ilse Marrow.",
        "Ilse Marrow",
    ),
    Rule(
        "right.clause_final_speaker",
        "right",
        clause_final_speaker,
        "The pier was “badly neglected” through the winter storms and the spring floods, the harbour board says.",
        "The pier was “badly neglected” through the winter storms, and the harbour board says little.",
        "the harbour board",
    ),
)


REPORTING_VERBS = ("reports", "reported")  # ", reports the Ledger" / ", the Ledger reported."


def according_later(w: RightWindow, attr: Attribution) -> Attribution | None:
    """``“Q,” the clerk said, according to the Ledger`` / ``…, reports the Ledger`` / ``…, the
    Ledger reported.``: the later named source."""
    toks = w.toks
    if not toks:
        return None
    reported = w.text.find("report", attr.cue_end, toks[-1].end) >= 0  # the quick test of the later forms
    for k in range(len(toks) - 1):
        if toks[k].start < attr.cue_end:
            continue
        if toks[k].low == "according" and toks[k + 1].low == "to":
            source = parse_np_right(toks, k + 2, w.text)
            if source is not None:
                return make_attr(w.text, toks, k, 2, source, "right", True)
        if not reported or toks[k].text != ",":
            continue
        if toks[k + 1].low in REPORTING_VERBS:
            source = parse_np_right(toks, k + 2, w.text)
            if source is not None and source.kind in ("org", "name"):
                return make_attr(w.text, toks, k + 1, 1, source, "right", True)
        source = parse_np_right(toks, k + 1, w.text)
        e = source.last + 1 if source is not None and source.kind in ("org", "name") else len(toks)
        closes = e + 1 == len(toks) or (e + 1 < len(toks) and toks[e + 1].text in ".;")
        if e < len(toks) and toks[e].low in REPORTING_VERBS and closes:
            return make_attr(w.text, toks, e, 1, source, "right", True)
    return None


RIGHT_REFINEMENTS: tuple[Rule, ...] = (
    Rule(
        "right.according_later",
        "right",
        according_later,
        "“The ferry is late again,” the clerk said, according to the Harbour Ledger.",
        "“The ferry is late again,” the clerk said on Monday.",
        "the Harbour Ledger",
    ),
)


def window(text: str, toks: list[Token], settings: QuoteSettings) -> RightWindow | None:
    """The window past the punctuation after the mark, or None when the sentence ends there."""
    i = 0
    dash = False
    while i < len(toks) and toks[i].text in LEAD_PUNCT + "―":
        dash = dash or toks[i].text in "—–―-"
        i += 1
    if i >= len(toks) or toks[i].text in SENTENCE_END:
        return None
    if toks[i].low == "as" and i + 1 < len(toks) and toks[i + 1].text[:1].isalnum():
        i += 1  # "“Q,” as a town memo put it": the clause after "as"
    if toks[i].low in SENTENCE_ADVERBS and i + 2 < len(toks) and toks[i + 1].text == ",":
        i += 2  # "“Q,” though, Lee did suggest …": a sentence adverb, not a conjunction
    return RightWindow(text, toks, i, dash, settings)


def find_right(text: str, toks: list[Token], settings: QuoteSettings) -> Attribution | None:
    """Attribution in the words right after a closing quotation mark (``RIGHT_RULES`` in order)."""
    w = window(text, toks, settings)
    if w is None:
        return None
    attr = first_match(RIGHT_RULES, w, settings)
    if attr is None or attr.mention is None:
        return attr
    for rule in RIGHT_REFINEMENTS:
        if rule.on(settings):
            better = rule.fn(w, attr)
            if better is not None:
                return replace(better, rule=rule.name)
    return attr
