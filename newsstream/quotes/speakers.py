"""Speaker phrases: names, pronouns and descriptions, with their roles.

What it does:

1. ``tokenize`` splits a bounded window of the article into word and
   punctuation tokens with their offsets (one possessive regex: linear time).
2. ``parse_np_left`` / ``parse_np_right`` read the noun phrase that ends before,
   or starts at, a token: a personal name with its particles and titles
   (``UN special envoy Staffan de Mistura``), an organisation (``the White
   House``), a pronoun, or a description (``a senior official``), plus an
   appositive role (``Osama Abu Zaid, an opposition negotiator,``).

Which person a phrase refers to is decided in ``coref.py``.

Example::

    >>> toks = tokenize("UN special envoy Staffan de Mistura said", 0, 40)
    >>> parse_np_left(toks, 5).text, parse_np_left(toks, 5).role
    ('Staffan de Mistura', 'UN special envoy')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

from newsstream.quotes.gender import is_first_name
from newsstream.quotes.lexicon import lexicon, rule_words
from newsstream.quotes.settings import SETTINGS

# word (letters/digits with inner apostrophes, hyphens and "&" as in P&G), acronym with dots, or one symbol
TOKEN_RE = re.compile(r"(?:[^\W\d_]\.){2,}+|[^\W_][\w’'\-]*+(?:&[^\W\d_][\w’'\-]*+)*+|[^\w\s]")
TRAILING = "’'-"
# the same tokens, each with the blanks (and underscores: the only other characters TOKEN_RE skips)
# before it, and an empty token at the end: one findall call gives every token and its offset
GAP_TOKEN_RE = re.compile(rf"([\s_]*+)((?:{TOKEN_RE.pattern})|\Z)")
ROLE_SUFFIXES = ("er", "or", "ist", "ent", "man", "woman", "ant", "ee", "ian", "ary", "chief")
ROLE_MAX_TOKENS = 6
# the noun-phrase parsers below are called from every rule without a settings object: they read
# the default settings' limits (QuoteSettings says where each value came from)
POSSESSOR_WORDS = SETTINGS.possessor_words
POSSESSOR_DETERMINERS = ("the", "a", "an", "this", "that")  # prenominal role words kept before a name
APPOSITIVE_MAX_TOKENS = SETTINGS.appositive_gap_tokens
QUANTIFIERS = ("one", "some", "many", "most", "several", "all", "both", "each", "none", "two", "three", "few")
STANDALONE_QUANTIFIERS = (
    "one",
    "another",
    "others",
    "some",
    "many",
    "most",
    "several",
    "both",
    "someone",
    "somebody",
    "everyone",
    "everybody",
)  # "another said"
QUANTIFIER_LINKS = ("of", "the", "those", "these", "his", "her", "their", "its", "our")
DEMONSTRATIVES = ("this", "that", "these", "those")  # "that Okafor can …" is no speaker phrase
NUMBER_HEADS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")  # "the two said"
CLAUSE_OPENERS = ("when", "after", "before", "while", "if", "asked", "speaking", "pressed")  # "X, when asked …,"
RELATIVE_WORDS = ("who", "whose", "which", "whom")
# words before "X and Y said" that make X the object of something else ("between X and Y", "with X and Y")
COORD_BLOCKERS = ("between", "with", "to", "by", "of", "from", "for", "against", "and", "both")
ROLE_LINKS = ("of", "for", "at", "to", "and", "on")
OF_COMPLEMENT_WORDS = SETTINGS.of_complement_words


class Token(NamedTuple):
    """One word or symbol with its absolute offsets and lowercase form."""

    text: str
    start: int
    end: int
    low: str


# not frozen: a frozen dataclass sets each field through object.__setattr__, about five times
# the cost, and thousands are made per article (bench/quotes_speed.py); treat as immutable
# (never assign to a field; use dataclasses.replace). unsafe_hash keeps the frozen class's hash.
@dataclass(slots=True, unsafe_hash=True)
class Mention:
    """A noun phrase that can be a speaker.

    ``kind`` is ``name``, ``org``, ``pronoun`` or ``desc``; ``key`` is the
    lowercase surname / head used for coreference; ``first`` and ``last`` are
    token indices of the phrase in the window it was read from.
    """

    text: str
    start: int
    end: int
    kind: str
    key: str
    first: int
    last: int
    role: str | None = None
    gender: str = "-"
    alias: str | None = None  # the antecedent's words when the mention is "who"
    parts: tuple[Mention, ...] = ()  # the conjuncts of a coordinated speaker ("Ann Lee and Bo Chen")


def tokenize(text: str, start: int, end: int) -> list[Token]:
    """Tokens of ``text[start:end]`` with absolute offsets (a new list each call).

    The text between two quotations of a paragraph is often both the right window of the
    first and the left window of the second, so the last few windows of the text are kept.
    """
    global _recent
    held, recent = _recent
    if held is not text:
        recent = {}
        _recent = (text, recent)  # one assignment: a thread sees an old or a new pair, both consistent
    toks = recent.get((start, end))
    if toks is None:
        toks = _scan(text, start, end)
        if len(recent) >= WINDOWS_KEPT:
            recent.clear()
        recent[(start, end)] = toks
    return list(toks)


# windows kept per text before starting afresh: the repeat comes two or three windows later
# (right window of one quotation, maybe its left window, then the next one's right and left)
WINDOWS_KEPT = 8
# the text being read (held, so that the identity test cannot match a new text) and its windows;
# any thread reading the same text may add to them, as they depend on the text alone
_recent: tuple[str | None, dict[tuple[int, int], list[Token]]] = (None, {})


def _scan(text: str, start: int, end: int) -> list[Token]:
    """Tokens of ``text[start:end]`` (the regex scan)."""
    out = []
    append = out.append
    new = tuple.__new__  # Token(...) without the Python-level __new__: tokenising is the hot loop
    pos = max(start, 0)  # as the regex reads a negative start
    for gap, word in GAP_TOKEN_RE.findall(text, start, end):
        if not word:
            break  # the end
        s = pos + len(gap)
        pos = s + len(word)
        if word[-1] in TRAILING and len(word) > 1:
            word = word.rstrip(TRAILING)
            append(new(Token, (word, s, s + len(word), word.lower())))
        else:
            append(new(Token, (word, s, pos, word.lower())))
    return out


def is_capital(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.low not in lexicon().stop_capitals


SURNAME_STOP_WORD_MIN_CHARS = SETTINGS.surname_stop_word_min_chars
SURNAME_STOP_WORD_MAX_HITS = SETTINGS.surname_stop_word_max_hits
WEEKDAYS = rule_words()["weekdays"]  # never surnames ("early Friday")


@lru_cache(maxsize=1)
def _states() -> frozenset[str]:
    """US state names (``data/quotes/state_abbreviations.txt``): ``Florida`` before a word is a place."""
    from newsstream.quotes.lexicon import _lines

    return frozenset(line.split()[0].lower() for line in _lines("state_abbreviations.txt"))


def surname_stop_word(text: str, tok: Token) -> bool:
    """``From said`` / ``said Early``: a capitalised word of the stop list (``From``, ``Early``,
    ``Will``) that the article also writes right after a common first name (``Al From``, ``Tom
    Early``) is that person's surname here."""
    if not tok.text[:1].isupper() or len(tok.text) < SURNAME_STOP_WORD_MIN_CHARS or not tok.text.isalpha():
        return False
    if tok.low not in _surname_like():
        return False
    return _after_first_name(text, tok.text)


@lru_cache(maxsize=1)
def _surname_like() -> frozenset[str]:
    """Stop words that may be surnames: not determiners, pronouns, prepositions or weekdays."""
    lex = lexicon()
    return frozenset(lex.stop_capitals - lex.determiners - set(lex.pronouns) - lex.prepositions - WEEKDAYS)


@lru_cache(maxsize=512)
def _after_first_name(text: str, word: str) -> bool:
    """``word`` occurs somewhere right after a capitalised common first name (bounded search)."""
    at, hits = text.find(" " + word), 0
    while at > 0 and hits < SURNAME_STOP_WORD_MAX_HITS:
        hits += 1
        end = at + 1 + len(word)
        if end >= len(text) or not text[end].isalpha():
            first = text[max(0, at - 20) : at].rsplit(None, 1)
            word_before = first[-1] if first else ""
            named = word_before[:1].isupper() and word_before.isalpha() and is_first_name(word_before)
            if named and word_before.lower() not in _states():
                return True  # (not "Florida Friday": a state that is also a first name)
        at = text.find(" " + word, end)
    return False


def strip_hyphen_particle(low: str) -> str:
    particles = lexicon().hyphen_particles
    if "-" not in low or not low.startswith(particles):
        return low  # the common case, without a loop
    for p in particles:
        if low.startswith(p) and len(low) > len(p):
            return low[len(p) :]
    return low


def _is_name_token(toks: list[Token], k: int) -> bool:
    """Capitalised word, initial, abbreviation dot, or a particle inside a name."""
    t = toks[k]
    lex = lexicon()
    if is_capital(t):
        return True
    if len(t.text) == 1 and t.text.isupper() and 0 < k < len(toks) - 1 and toks[k + 1].text == ".":
        return is_capital(toks[k - 1])  # a middle initial that is also a stop word: "Nell A. Ortiz", "Bo I. Chen"
    if t.text == "." and k > 0 and toks[k].start == toks[k - 1].end:
        prev = toks[k - 1]
        return (len(prev.text) == 1 and prev.text.isupper()) or prev.low in lex.titles or prev.low in ("jr", "sr")
    if t.low in lex.particles or strip_hyphen_particle(t.low) != t.low:
        nxt = k + 1
        while nxt < len(toks) and toks[nxt].low in lex.particles:
            nxt += 1  # "von der Leyen"
        prv = k - 1
        while prv >= 0 and toks[prv].low in lex.particles:
            prv -= 1
        inside = prv >= 0 and nxt < len(toks) and is_capital(toks[nxt]) and is_capital(toks[prv])
        hyphened = strip_hyphen_particle(t.low) != t.low and t.text.split("-", 1)[-1][:1].isupper()
        return inside or hyphened
    return False


def _possessive(tok: Token) -> bool:
    return tok.low.endswith(("’s", "'s"))


def _last_possessive(toks: list[Token], a: int, b: int) -> int:
    """Index of the last possessive token in ``toks[a:b]``, or -1."""
    for k in range(b - 1, a - 1, -1):
        if toks[k].low.endswith(("’s", "'s")):
            return k
    return -1


def _build_name(text: str, toks: list[Token], a: int, b: int, role_left: str | None) -> Mention | None:
    """Mention for the capitalised run ``toks[a..b]``, split into titles and name."""
    lex = lexicon()
    gender = "-"
    role_parts: list[str] = [role_left] if role_left else []
    owner = _last_possessive(toks, a, b)
    if owner >= 0 and owner + 1 < b and is_capital(toks[b]) and is_first_name(toks[owner + 1].text):
        # "Acme's Ann Lee", "the union's Bo Chen": the person speaks, the owner is their affiliation
        # (a first name and a surname must follow: "Lee's Facebook page" stays whole)
        lo = a - 1 if a > 0 and toks[a - 1].low == "the" else a
        role_parts.append(text[toks[lo].start : toks[owner].end - 2])
        a = owner + 1
    # the last title word that still leaves a name after it splits the run
    cut = a - 1
    for k in range(a, b):
        low = toks[k].low
        if low in lex.titles:
            cut = k
    if cut >= a:
        for k in range(a, cut + 1):
            kind_gender = lex.titles.get(toks[k].low)
            if kind_gender and kind_gender[1] != "-":
                gender = kind_gender[1]
        if any(lex.titles.get(toks[k].low, ("title",))[0] == "title" for k in range(a, cut + 1)):
            role_parts.append(text[toks[a].start : toks[cut].end].rstrip("."))
        a = cut + 1
        while a <= b and toks[a].text == ".":
            a += 1
    if (
        a < b
        and toks[a].low in lex.speaker_nouns
        and toks[a].low not in lex.org_nouns
        and is_first_name(toks[a + 1].text)
    ):
        # "Organiser Ann Lee said": a capitalised person noun opening the run, before a first
        # name, is the person's role, not part of the name
        role_parts.append(toks[a].text)
        a += 1
    if a > b:
        return None
    words = [t.low for t in toks[a : b + 1] if t.text != "."]
    kind = "org" if any(w in lex.org_words for w in words) else "name"
    if a > 0 and toks[a - 1].low == "the" and not role_parts:
        kind = "org"
        a -= 1
    last = toks[b]
    key = strip_hyphen_particle(last.low.removesuffix("’s").removesuffix("'s"))
    role = " ".join(role_parts) or None
    return Mention(text[toks[a].start : last.end], toks[a].start, last.end, kind, key, a, b, role, gender)


def _role_before(text: str, toks: list[Token], a: int) -> tuple[str | None, int]:
    """Role words right before a name at ``toks[a]`` (``UN special envoy``)."""
    lex = lexicon()
    k = a - 1
    if k < 0:
        return None, a
    head = toks[k].low
    if not (head in lex.speaker_nouns or head in lex.titles or head.endswith(ROLE_SUFFIXES)):
        return None, a
    if head in lex.stop_capitals or head in lex.speech_verbs or not toks[k].text.isalpha():
        return None, a
    first = k
    while k >= 0 and a - k <= ROLE_MAX_TOKENS:
        t = toks[k]
        if not t.text[:1].isalnum() or t.low in lex.determiners or t.low in lex.stop_capitals:
            if t.low == "of" and k + 1 < a and toks[k + 1].text[:1].isupper():
                k -= 1
                continue
            break
        if t.low in lex.speech_verbs or t.low in lex.skip_words or t.low in lex.pronouns:
            break
        first = k
        k -= 1
    return text[toks[first].start : toks[a - 1].end], first


def _name_left(text: str, toks: list[Token], j: int) -> Mention | None:
    """Capitalised name ending at ``toks[j]``."""
    t = toks[j]
    hyphened = strip_hyphen_particle(t.low) != t.low and t.text.split("-", 1)[-1][:1].isupper()
    if not (is_capital(t) or hyphened or (t.text == "." and j > 0 and _is_name_token(toks, j))):
        if t.text[:1].isupper() and surname_stop_word(text, t) and not (j > 0 and is_capital(toks[j - 1])):
            return _build_name(text, toks, j, j, None)  # "From said": the surname of "Al From"
        return None
    a = j
    while a > 0 and _is_name_token(toks, a - 1):
        a -= 1
    while a < j and (toks[a].text == "." or toks[a].low in lexicon().particles):
        a += 1
    role, _ = _role_before(text, toks, a)
    return _build_name(text, toks, a, j, role)


def _desc_left(text: str, toks: list[Token], j: int) -> Mention | None:
    """Description ending at its head noun ``toks[j]`` (``a senior official``)."""
    lex = lexicon()
    head = toks[j].low
    if head not in lex.speaker_nouns or not toks[j].text.islower():
        return None
    a = j
    while a > 0 and j - a < ROLE_MAX_TOKENS:
        t = toks[a - 1]
        modifier = t.low in lex.speech_verbs and toks[a].low in lex.speaker_nouns  # "talk host", "press aide"
        if not t.text[:1].isalnum() or (t.low in lex.speech_verbs and not modifier) or t.low in lex.skip_words:
            break
        if t.low in lex.prepositions or t.low in lex.pronouns or t.low.endswith("ing"):
            break
        a -= 1
        if t.low in lex.determiners or _possessive(t):
            break
    if a > 0 and _possessive(toks[a]) and toks[a].text.islower():
        # "the gazette’s letters desk", "the retired harbour pilot’s nephew": the possessor's phrase
        b = a - 1
        while b > 0 and a - b < POSSESSOR_WORDS and toks[b].text.isalpha() and toks[b].text.islower():
            if toks[b].low in POSSESSOR_DETERMINERS or toks[b].low in lex.prepositions:
                break
            b -= 1
        if toks[b].low in POSSESSOR_DETERMINERS:
            a = b
    kind = "org" if head in lex.org_nouns else "desc"
    gender = "n" if kind == "org" else "-"
    return Mention(text[toks[a].start : toks[j].end], toks[a].start, toks[j].end, kind, head, a, j, None, gender)


CONTRACTIONS = ("’s", "'s", "’d", "'d", "’ll", "'ll", "’re", "'re", "’ve", "'ve")  # "She’s hoping"


def _pronoun(toks: list[Token], k: int) -> Mention | None:
    t = toks[k]
    low = t.low
    if low.endswith(CONTRACTIONS) and low not in lexicon().pronouns:
        low = low[: low.rfind("’") if "’" in low else low.rfind("'")]
    info = lexicon().pronouns.get(low)
    if info is None:
        return None
    end = t.start + len(low)
    return Mention(t.text[: len(low)], t.start, end, "pronoun", low, k, k, None, info[0])


def parse_np_left(toks: list[Token], j: int, text: str | None = None) -> Mention | None:
    """The speaker phrase that ends at ``toks[j]``, through an appositive.

    Handles ``X said``, ``X, the ROLE, said`` and ``X, who ..., said``.
    """
    if j < 0 or j >= len(toks):
        return None
    text = text if text is not None else _reconstruct(toks)
    if toks[j].text == ")":
        # "Ida Brandt (D-Ore.) said"
        k = j - 1
        while k >= 0 and toks[k].text != "(" and j - k <= APPOSITIVE_MAX_TOKENS:
            k -= 1
        return parse_np_left(toks, k - 1, text) if k > 0 and toks[k].text == "(" else None
    if toks[j].text == "," and j > 0 and toks[j - 1].text == ")":
        return parse_np_left(toks, j - 1, text)  # "Mayor Ida Brandt (D-OR), said"
    if toks[j].text == ",":
        k = j - 1
        while k >= 0 and toks[k].text != "," and j - k <= APPOSITIVE_MAX_TOKENS:
            k -= 1
        if k < 1 or toks[k].text != ",":
            return None
        inner = toks[k + 1 : j]
        base = parse_np_left(toks, k - 1, text)
        if base is None or not inner:
            return None
        if base.kind == "pronoun":
            # "he, once again, pledged": an adverbial aside after a pronoun
            lex = lexicon()
            return base if all(t.text.islower() and t.low not in lex.speaker_nouns for t in inner) else None
        if inner[0].low in RELATIVE_WORDS or inner[0].text.isdigit() or inner[0].low in CLAUSE_OPENERS:
            return base  # "X, who …,", "X, 52,", "X, when asked about it, responded"
        if base.kind in ("desc", "org"):
            named = _name_appositive(text, toks, k + 1, j)
            if named is not None:
                # "the group's spokeswoman, Ann Lee, said": the person; the phrase (its first token)
                # still starts at the description
                return replace(_with_role(named, base.text), first=base.first)
        role = _appositive_role(text, inner)
        if role is None and base.kind == "name" and inner[0].low in ("the", "a", "an") and len(inner) > 1:
            # "Ann Lee, the No. 2 in the party, put it": a noun-phrase appositive
            role = text[inner[1].start : inner[-1].end]
        if role is None:
            return None
        return _with_role(base, role)
    if j >= 2 and toks[j - 1].low == "of" and (toks[j].low in NUMBER_HEADS or toks[j].text.isdigit()):
        # "the 71-year-old father of three replied": the phrase before "of three"
        head = parse_np_left(toks, j - 2, text)
        if head is not None and head.kind in ("desc", "name"):
            t = toks[j]
            return Mention(
                text[head.start : t.end], head.start, t.end, head.kind, head.key, head.first, j, head.role, head.gender
            )
    of = -1
    for k in range(j - 1, max(0, j - OF_COMPLEMENT_WORDS - 1), -1):  # a plain loop: this runs for every phrase
        if toks[k].low == "of":
            of = k
            break
    if of >= 1 and toks[of - 1].text.islower() and all(t.text.isalpha() for t in toks[of + 1 : j + 1]):
        # "the secretary of state said", "the head of the agency said": a role noun and its complement
        head = parse_np_left(toks, of - 1, text)
        if head is not None and head.kind == "desc" and head.key in lexicon().speaker_nouns:
            t = toks[j]
            if head.first >= 2 and toks[head.first - 1].text == ",":
                named = parse_np_left(toks, head.first - 2, text)  # "Ann Lee, the head of the agency said"
                if named is not None and named.kind == "name":
                    return _with_role(named, text[head.start : t.end])
            words = text[head.start : t.end]
            return Mention(words, head.start, t.end, "desc", head.key, head.first, j, None, head.gender)
    if toks[j].low == "who" and j > 0:
        # "X, who …": the mention is "who", the speaker is X
        k = j - 1 if toks[j - 1].text != "," else j - 2
        antecedent = parse_np_left(toks, k, text) if k >= 0 else None
        if antecedent is not None and antecedent.kind != "pronoun":
            t = toks[j]
            return Mention(
                t.text,
                t.start,
                t.end,
                antecedent.kind,
                antecedent.key,
                j,
                j,
                antecedent.role,
                antecedent.gender,
                antecedent.text,
            )
    m = _pronoun(toks, j) or _desc_left(text, toks, j) or _name_left(text, toks, j) or _generic_desc_left(text, toks, j)
    return _coordinated_left(text, toks, m) if m is not None and m.kind == "name" else m


def _coordinated_left(text: str, toks: list[Token], m: Mention) -> Mention:
    """``Ann Lee and Bo Chen said``: both names as one speaker (``parts`` holds each)."""
    k = m.first - 1
    if m.role is not None:
        k = _role_before(text, toks, m.first)[1] - 1  # "Labor leader Ann Lee and Greens senator Bo Chen"
    if k < 1 or toks[k].low != "and":
        return m
    other = _name_left(text, toks, k - 1)
    if other is None or other.kind != "name" or (other.first > 0 and toks[other.first - 1].low in COORD_BLOCKERS):
        return m
    return _join(text, other, m)


def _coordinated_right(text: str, toks: list[Token], m: Mention) -> Mention:
    """``said Ann Lee and Bo Chen``."""
    k = m.last + 1
    if k + 1 >= len(toks) or toks[k].low != "and" or not is_capital(toks[k + 1]):
        return m
    b = _name_end(toks, k + 1)
    other = _name_left(text, toks, b) if b > k else None
    if other is None or other.kind != "name" or other.first != k + 1:
        return m
    return _join(text, m, other)


def _join(text: str, a: Mention, b: Mention) -> Mention:
    return Mention(text[a.start : b.end], a.start, b.end, "name", b.key, a.first, b.last, None, "-", None, (a, b))


def _generic_desc_left(text: str, toks: list[Token], j: int) -> Mention | None:
    """``the businessman``, ``the 43-year-old``: determiner and a noun right before a cue."""
    lex = lexicon()
    t = toks[j]
    if t.low in ("percent", "%") and j > 0 and toks[j - 1].text[:1].isdigit():
        # "17 percent said", "48% said": a share of those polled
        words = text[toks[j - 1].start : t.end]
        return Mention(words, toks[j - 1].start, t.end, "desc", words.lower(), j - 1, j)
    if not t.text[:1].isalnum() or t.low in lex.prepositions or t.low in lex.pronouns:
        return None
    if not t.text.islower() and not (j == 0 and t.low in STANDALONE_QUANTIFIERS):
        return None
    if t.low in lex.skip_words or t.low in lex.speech_verbs or t.low.endswith("ing"):
        return None
    if t.low in STANDALONE_QUANTIFIERS and (
        j == 0 or not toks[j - 1].text[:1].isalnum() or toks[j - 1].low in ("yet", "and", "but", "still")
    ):
        # "“Q,” another said." / "Yet another said": a quantifier standing alone for a person
        return Mention(t.text, t.start, t.end, "desc", t.low, j, j)
    if t.low in lex.determiners and not (j > 0 and toks[j - 1].low == "the" and t.low in NUMBER_HEADS):
        return None
    for a in range(j - 1, max(-1, j - 4), -1):
        w = toks[a]
        if w.low in ("the", "a", "an", "another", "one") or _possessive(w):
            return Mention(text[w.start : t.end], w.start, t.end, "desc", t.low, a, j)
        if not w.text[:1].isalnum() or w.low in lex.prepositions or w.low in lex.speech_verbs:
            return None
    return None


def _appositive_role(text: str, inner: list[Token]) -> str | None:
    """Role text of an appositive (``an opposition negotiator``) or None."""
    lex = lexicon()
    if not inner:
        return None
    words = inner[1:] if inner[0].low in ("a", "an", "the") else inner
    if not words or any(t.low in lex.speech_verbs for t in words):
        return None
    if not any(t.low in lex.speaker_nouns or t.low in lex.titles or t.low.endswith(ROLE_SUFFIXES) for t in words):
        return None
    return text[words[0].start : words[-1].end]


def _with_role(m: Mention, role: str) -> Mention:
    return Mention(m.text, m.start, m.end, m.kind, m.key, m.first, m.last, m.role or role, m.gender, m.alias)


def parse_np_right(toks: list[Token], i: int, text: str | None = None) -> Mention | None:
    """The speaker phrase that starts at ``toks[i]``, with a following appositive role."""
    if i < 0 or i >= len(toks):
        return None
    text = text if text is not None else _reconstruct(toks)
    lex = lexicon()
    m = _pronoun(toks, i) or _det_capitals(text, toks, i)
    if m is None:
        # description: determiner ... head noun, or a name
        j = i
        while j < len(toks) and j - i < ROLE_MAX_TOKENS and toks[j].text[:1].isalnum():
            if toks[j].low in lex.speaker_nouns and toks[j].text.islower():
                while j + 1 < len(toks) and toks[j + 1].low in lex.speaker_nouns and toks[j + 1].text.islower():
                    j += 1  # "campaign manager", "party spokesman": the last noun heads the phrase
                m = _desc_left(text, toks, j)
                if m is not None and m.first > i:
                    # "one of those advisers": a quantifier phrase before the description
                    lead = toks[i : m.first]
                    if lead[0].low in QUANTIFIERS and all(t.low in QUANTIFIER_LINKS for t in lead[1:]):
                        m = Mention(text[toks[i].start : m.end], toks[i].start, m.end, m.kind, m.key, i, m.last)
                    else:
                        m = None
                break
            nxt = toks[j + 1].low if j + 1 < len(toks) else ""
            if toks[j].low in lex.speech_verbs and nxt not in lex.speaker_nouns:
                break  # ("talk host", "press secretary" are descriptions)
            if toks[j].low in lex.skip_words:
                break
            j += 1
        if (
            m is None
            and toks[i].text[:1].isupper()
            and surname_stop_word(text, toks[i])
            and not (i + 1 < len(toks) and is_capital(toks[i + 1]))
        ):
            m = _build_name(text, toks, i, i, None)  # "said Early": the surname of "Tom Early"
        if m is None or (is_capital(toks[i]) and _name_end(toks, i) > m.last):
            b = _name_end(toks, i)
            if b >= i:
                m = _name_left(text, toks, b)
                if m is not None and m.kind == "name" and b + 1 < len(toks) and _possessive(toks[b + 1]):
                    m = _possessor_role_name(text, toks, i, b + 1) or m
    if m is None:
        return None
    k = m.last + 1
    if m.kind == "desc" and k < len(toks) and is_capital(toks[k]):
        # "port spokesman Ivo Marsh": the description is the name's role
        named = _name_left(text, toks, _name_end(toks, k))
        if named is not None:
            m = named
            k = m.last + 1
    if k < len(toks) and toks[k].text == "," and m.kind != "pronoun":
        e = k + 1
        while e < len(toks) and toks[e].text not in ",.;:!?—" and e - k <= APPOSITIVE_MAX_TOKENS:
            e += 1
        named = None
        if m.kind in ("desc", "org") and (e == len(toks) or toks[e].text in ",.;!?—"):
            named = _name_appositive(text, toks, k + 1, e)
        if named is not None:
            # "said the group's spokeswoman, Ann Lee.": the person, with the description as role
            return _with_role(named, m.text)
        role = _appositive_role(text, toks[k + 1 : e])
        if role is not None:
            m = _with_role(m, role)
    if m.kind == "name":
        m = _coordinated_right(text, toks, m)
    return m


def _possessor_role_name(text: str, toks: list[Token], i: int, owner: int) -> Mention | None:
    """``Ann Lee’s campaign manager Bo Chen said``: the person named after the possessor and a
    lowercase role (the possessor and the role become the role), or None."""
    lex = lexicon()
    e = owner + 1
    while e < len(toks) and e - owner <= ROLE_MAX_TOKENS and toks[e].text.isalpha() and toks[e].text.islower():
        e += 1
    words = toks[owner + 1 : e]
    if not words or e >= len(toks) or not is_capital(toks[e]):
        return None
    head = words[-1].low
    if not (head in lex.speaker_nouns or head.endswith(ROLE_SUFFIXES)) or head in lex.org_nouns:
        return None  # a role noun right before the name ("Lee’s aides told Ann Bo" is no role)
    if any(t.low in lex.speech_verbs or t.low in lex.prepositions or t.low in lex.determiners for t in words):
        return None
    named = _name_left(text, toks, _name_end(toks, e))
    if named is None or named.kind != "name" or named.first != e:
        return None
    return _with_role(named, text[toks[i].start : toks[e - 1].end])


def _name_appositive(text: str, toks: list[Token], a: int, e: int) -> Mention | None:
    """A bare name filling ``toks[a:e]`` (``, Ann Lee.``)."""
    if a >= e or not is_capital(toks[a]) or _name_end(toks, a) != e - 1:
        return None
    named = _name_left(text, toks, e - 1)
    return named if named is not None and named.kind == "name" and named.first == a else None


def _det_capitals(text: str, toks: list[Token], i: int) -> Mention | None:
    """``one Vermont dairy farmer``, ``a Brandt aide``, ``the Town Hall``."""
    lex = lexicon()
    if toks[i].low not in lex.determiners or toks[i].low in DEMONSTRATIVES:
        return None
    if i + 1 >= len(toks) or not is_capital(toks[i + 1]):
        return None
    b = _name_end(toks, i + 1)
    if _last_possessive(toks, i + 1, b) >= 0:
        named = _name_left(text, toks, b)  # "the union's Bo Chen": a person, not the union
        if named is not None and named.kind == "name" and named.role is not None:
            return named
    if b + 1 < len(toks) and toks[b + 1].low in lex.speaker_nouns and toks[b + 1].text.islower():
        b += 1
        kind = "org" if toks[b].low in lex.org_nouns else "desc"
    else:
        kind = "org" if toks[i].low == "the" else "desc"
    key = toks[b].low
    gender = "n" if kind == "org" else "-"
    return Mention(text[toks[i].start : toks[b].end], toks[i].start, toks[b].end, kind, key, i, b, None, gender)


def _name_end(toks: list[Token], i: int) -> int:
    """Index of the last token of the capitalised run starting at ``toks[i]`` (or i-1)."""
    if not is_capital(toks[i]):
        return i - 1
    b = i
    while b + 1 < len(toks) and _is_name_token(toks, b + 1):
        b += 1
    while b > i and (toks[b].low in lexicon().particles or _possessive(toks[b])):
        b -= 1
    if toks[b].text == "." and not (len(toks[b - 1].text) == 1 or toks[b - 1].low in ("jr", "sr")):
        b -= 1
    return b


def _reconstruct(toks: list[Token]) -> str:
    """A text buffer in which the tokens sit at their offsets (for tests)."""
    if not toks:
        return ""
    buf = [" "] * toks[-1].end
    for t in toks:
        buf[t.start : t.end] = t.text
    return "".join(buf)
