"""The people of one article: who is named where, with gender, roles and salience.

``People(text, masked)`` scans the article once (outside the quotation stretches
in ``masked``) for capitalised runs that name a person: a title and a name
(``Sen. Ann Lee``, ``Mr Lee``), or two or more words starting at a common first
name (``Ann Lee``), or a run doing the talking whatever its first name (``Erlan Tulov
said``, ``said Tulov``, ``Tulov, who …``; a he/she right after it gives its gender); a
body's name before a person's name does not hide the person (``Harbour Council Democrat
Ann Lee``); a lone surname (``Lee``) is a mention of the person with that surname named
before it (else after it). Each person keeps:

- ``name``: the fullest form in the article, without titles;
- ``gender``: from a title (``Mr``/``Ms``), a gendered noun around the name
  (``spokeswoman Ann Lee``), else the first name (``gender.first_name_gender``);
- ``roles``: role nouns around the name (``spokesman Bo Chen``, ``Bo Chen, a
  spokesman for…``, ``Sen.`` -> senator) and ``ages`` (``Bo Chen, 46,``).

The text is read lazily, only as far as a query needs: a pronoun reads the few
sentences before it, a description the text before it (when its role word occurs
there at all), so an article without pronoun or description speakers costs nothing.

Salience: each sentence's *subject* is its first person mention that is not a
possessor (``Lee's campaign``) nor a modifier (``Lee campaign manager Bo Chen``).
``antecedent(pos, gender)`` walks back sentence by sentence from ``pos`` and takes,
in the nearest sentence with a compatible person, its subject, else the only
compatible person, else nobody (unsure). Resolved pronouns are noted back
(``note``), so that a chain ``“…,” he said. “…,” he added.`` keeps its person.

Example::

    >>> text = "Ann Lee met Bo Chen on Monday. Later she spoke to reporters."
    >>> People(text).antecedent(text.index("she"), "f").name
    'Ann Lee'
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache

from newsstream.quotes.gender import first_name_gender, gendered_nouns, is_first_name
from newsstream.quotes.lexicon import _lines, lexicon, rule_words
from newsstream.quotes.settings import SETTINGS, QuoteSettings

UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ"
WORD = rf"[{UPPER}][\w’'\-]{{0,30}}+\.?+"
PARTICLE = r"(?:de|del|della|van|von|der|den|bin|ibn|abu|al|el|la|le|da|di|du|dos|das|ter)"
# a capitalised run: words (with inner particles) separated by single spaces; bounded, possessive.
# The first word is WORD with its capital first and the look-behind (no word character before
# it) after that capital: the same matches, and the regex engine then skips ahead to capitals.
FIRST_WORD = rf"[{UPPER}](?<![\w’'\-].)[\w’'\-]{{0,30}}+\.?+"
NAME_RUN_RE = re.compile(rf"{FIRST_WORD}(?:[ \u00a0](?:{WORD}|{PARTICLE}(?=[ \u00a0][{UPPER}]))){{0,7}}+")
CLOSERS = '"”’)]'  # may follow a sentence's final period
BLANKS = " \t\u00a0"
APPOSITIVE_RE = re.compile(r",[ \u00a0](?:the |a |an )?+([^,.;:()\n“”\"]{1,90}+)(?=[,.;:)])")
NEXT_WORD_RE = re.compile(r"[ \u00a0]([a-z]{2,20})\b")
AGE_RE = re.compile(r",[ \u00a0](\d{1,3}),")
AGE_WORD_RE = re.compile(r"(\d{1,3})-year-old")
POSSESSIVE = ("’s", "'s")
MONTHS = rule_words()["months"]
CLAUSE_BREAK_RE = re.compile(r"[,;:—–()]")  # punctuation that may open another clause
SUBJECT_PRONOUN_RE = {"m": re.compile(r"\b[Hh]e\b"), "f": re.compile(r"\b[Ss]he\b")}
PLURAL_HEADS = rule_words()["plural_heads"]  # collective and irregular plural heads: no "he"/"she"
# "The retired neurosurgeon has …", "This Florida senator told …": a definite description opening a
# sentence (after opening marks), up to three modifiers, its head, then a lowercase word (a verb)
# or an appositive comma. Bounded: no nested quantifiers over overlapping classes.
DESCRIPTION_SUBJECT_RE = re.compile(
    r"[“\"‘' ]{0,3}(?:The|This|That)[ \u00a0](?:[\w’'\-.]{1,30}[ \u00a0]){0,3}?([a-z][a-z\-]{1,30})(?=[ \u00a0][a-z]|,)"
)
PLACE_PREPOSITIONS = rule_words()["place_prepositions"]  # "in Santa Clara": a place, not a person
REGION_STOPS = ',.;:\n“”"('  # characters that end a region read around a role word
PRONOUN_GENDERS = {"he": "m", "his": "m", "him": "m", "himself": "m", "she": "f", "her": "f", "herself": "f"}
# a pronoun's own cue and its object: "he told Lee", "she said of Lee", "he also asked Lee"
# (an adverb, the verb, a preposition; bounded blanks and words: no backtracking)
CUE_OBJECT_RE = re.compile(
    r"\w{1,4}[ \u00a0](?:[a-z]{2,15}ly[ \u00a0])?([a-z]{2,15})[ \u00a0](?:(?:of|to|about|with)[ \u00a0])?"
)
# ", said " / "” said " right before a name: an inverted cue (not "called Tulov": an object)
INVERTED_CUE_RE = re.compile(r"[,”\"][ \u00a0]([a-z]{2,15})[ \u00a0]$")
NOT_APPOSITIVE_OPENERS = rule_words()["not_appositive_openers"]  # "Lee, and …": a clause, no appositive
OPENERS = "“\"‘'([—-"  # marks that may stick to the front of a first name


@cache
def group_words() -> frozenset[str]:
    """Party, movement and nationality words: never a surname (``data/quotes/group_words.txt``)."""
    return frozenset(w.lower() for w in _lines("group_words.txt"))


@cache
def not_surnames() -> frozenset[str]:
    """Lowercase words that cannot end a person's name: group, organisation and role words."""
    lex = lexicon()
    return group_words() | lex.org_words | lex.speaker_nouns | lex.stop_capitals


def _first_name(word: str) -> bool:
    """A common first name that is not also a function word, a sentence opener or a month
    (``The``, ``June``: "a June campaign event" names no June)."""
    low = word.lower().rstrip(".")
    return is_first_name(word) and low not in lexicon().stop_capitals and low not in MONTHS


@cache
def state_abbreviations() -> dict[str, tuple[str, ...]]:
    """State name -> its abbreviations (``data/quotes/state_abbreviations.txt``): ``(R-Fla.)``
    places a person in Florida."""
    out = {}
    for line in _lines("state_abbreviations.txt"):
        state, *abbreviations = line.lower().split()
        out[state] = tuple(abbreviations)
    return out


@cache
def role_words() -> dict[str, tuple[str, ...]]:
    """Title or role word -> the role nouns a later description may use (``data/quotes/role_words.txt``)."""
    out = {}
    for line in _lines("role_words.txt"):
        word, *nouns = line.lower().split()
        out[word] = tuple(nouns)
    return out


@dataclass(slots=True, eq=False)
class Person:
    """One named person of the article."""

    name: str
    key: str  # lowercase surname
    gender: str = "-"
    roles: set[str] = field(default_factory=set)
    ages: set[str] = field(default_factory=set)
    role_text: str | None = None

    @property
    def first(self) -> str:
        return self.name.split()[0].lower() if " " in self.name else ""


@dataclass(slots=True)
class PersonMention:
    start: int
    end: int
    person: Person
    salient: bool  # may be a sentence subject (not a possessor nor a modifier)


class People:
    """Entity registry of one article (see the module docstring).

    :param text: the article text.
    :param masked: ``(start, end)`` spans to skip (quotations), sorted.
    :param settings: the limits of each search (``QuoteSettings``).
    """

    def __init__(
        self, text: str, masked: list[tuple[int, int]] | None = None, settings: QuoteSettings = SETTINGS
    ) -> None:
        self.text = text
        self.settings = settings
        self._masked = masked or []
        self._mask_starts = [a for a, _ in self._masked]
        self.persons: dict[str, list[Person]] = {}
        self.mentions: list[PersonMention] = []
        self._starts: list[int] = []
        self._frontier = 0  # text[:frontier] has been read
        self._runs = 0
        self._lower: str | None = None
        self._sentences_read: set[int] = set()
        self._regions_read: set[int] = set()  # regions read around role words (with roles)
        self._want_roles = False  # read role words around names (set while answering a description)
        self._nobody: set[str] = set()  # lone capitalised words that no full name in the article ends with
        self._searches = 0  # lone-surname searches of the text so far

    # ---------------------------------------------------------------- reading
    def _read_to(self, end: int) -> None:
        """Read ``text[frontier:end]``: everything before ``end`` has then been read."""
        if end > self._frontier:
            self._read(self._frontier, end)
            self._frontier = end

    def _read_sentence(self, lo: int, hi: int) -> None:
        """Read one sentence ``text[lo:hi]`` unless it was read already."""
        if hi > self._frontier and lo not in self._sentences_read:
            self._sentences_read.add(lo)
            self._read(max(lo, self._frontier), hi)

    def _read(self, lo: int, end: int) -> None:
        """Register the people named in the capitalised runs of ``text[lo:end]`` (outside quotations)."""
        k = bisect.bisect_right(self._mask_starts, lo) - 1
        if k >= 0 and self._masked[k][1] > lo:
            lo = self._masked[k][1]  # starts inside a quotation
            k += 1
        else:
            k += 1
        while lo < end:
            hi = min(end, self._masked[k][0]) if k < len(self._masked) else end
            if hi > lo:
                self._read_plain(lo, hi)
            if k >= len(self._masked):
                break
            lo = max(lo, self._masked[k][1])
            k += 1

    def _read_plain(self, lo: int, end: int) -> None:
        lex = lexicon()
        stop, titles, orgs = lex.stop_capitals, lex.titles, lex.org_words
        text, runs_max = self.text, self.settings.name_runs_max
        for run in NAME_RUN_RE.finditer(text, lo, end):
            self._runs += 1
            if self._runs > runs_max:
                break
            word = run.group()
            if " " not in word and "\u00a0" not in word:
                low = word.lower().rstrip(".")
                possessive = low.endswith(POSSESSIVE)
                if possessive:
                    low = low[:-2]
                if low in stop or low in titles or low in orgs:
                    continue
                person = self._bearer(low, run.start())
                if person is None and not possessive:
                    person = self._first_name_only(word, run.end())
                if person is None and not possessive:
                    person = self._speaking_name(word.rstrip("."), low, run.start(), run.end())
                if person is not None:
                    end = run.start() + len(low)
                    # "Lee campaign manager Bo Chen": a surname used as a modifier is no subject
                    self._add(run.start(), end, person, not (possessive or self._modifier(end)))
                continue
            seg: list[tuple[int, str]] = []
            pos = run.start()
            for w in word.replace("\u00a0", " ").split(" "):
                seg.append((pos, w))
                pos += len(w) + 1
                if w.endswith(POSSESSIVE):
                    self._segment(seg, possessive=True)  # "Acme's Ann Lee": possessor, then person
                    seg = []
            if seg:
                self._segment(seg, possessive=False)

    def _is_masked(self, pos: int) -> bool:
        k = bisect.bisect_right(self._mask_starts, pos) - 1
        return k >= 0 and self._masked[k][0] <= pos < self._masked[k][1]

    def _segment(self, seg: list[tuple[int, str]], possessive: bool) -> None:
        lex = lexicon()
        words = [(s, w.removesuffix("’s").removesuffix("'s")) for s, w in seg]
        while words and words[0][1].lower().rstrip(".") in lex.stop_capitals:
            words.pop(0)
        if not words:
            return
        lows = [w.lower().rstrip(".") for _, w in words]
        if lows[-1] in not_surnames():
            return
        last_org = max((k for k, w in enumerate(lows) if w in lex.org_words), default=-1)
        if last_org >= 0:
            if len(words) - last_org > 2:
                # "House Intelligence Republican Mike Pompeo": the body names no one, the words after
                # it may (a role, then a name); at least two must follow (a name needs two here)
                self._segment(seg[last_org + 1 :], possessive)
            return
        cut = max((k for k, w in enumerate(lows) if w in lex.titles), default=-1)
        gender, roles = "-", set()
        for k in range(cut + 1):
            info = lex.titles.get(lows[k])
            if info is not None and info[1] != "-":
                gender = info[1]
            roles.update(role_words().get(lows[k], ()))
        name_words = words[cut + 1 :]
        if not name_words:
            return
        start = name_words[0][0]
        end = name_words[-1][0] + len(name_words[-1][1].rstrip("."))
        if cut < 0:
            if self._after_place_preposition(words[0][0]):
                return
            # no title: a person needs a common first name followed by a surname
            k = next((i for i, (_, w) in enumerate(name_words) if _first_name(w)), -1)
            if (
                k < 0
                and len(name_words) > 1
                and (self._introduced(end) or self._speaks(start, end) or self._role_word_before(start))
            ):
                # "Aung Suu, 70," / "Jo Bloggs, a spokeswoman for" / "Erlan Tulov said" / "pollster
                # Erlan Tulov": a person, whatever the first name
                k = 0
            if k < 0 or k == len(name_words) - 1:
                if len(name_words) == 1:
                    person = self._bearer(lows[-1], start)
                    if person is None and not possessive:  # "Meanwhile Rihanna, who …"
                        person = self._speaking_name(name_words[0][1].rstrip("."), lows[-1], start, end)
                    if person is not None:
                        self._add(start, end, person, not (possessive or self._modifier(end)))
                return
            name_words = name_words[k:]
            # a headline in Title Case runs on past a function word ("Ann Lee On How …"); a name
            # may end with one ("Theresa May"), so only a word with capitals after it cuts the run
            stop = 0
            if len(name_words) > 2:  # a first name, a function word and more capitals at least
                stop = next((i for i, (_, w) in enumerate(name_words[:-1]) if w.lower() in lex.stop_capitals), 0)
            if stop == 1:
                return  # "Ann On How …": a first name before a headline word, no surname
            if stop:
                name_words = name_words[:stop]  # "Ann Lee On How …" (a headline): the name ends before "On"
                end = name_words[-1][0] + len(name_words[-1][1].rstrip("."))
            start = name_words[0][0]
            gender = first_name_gender(name_words[0][1])
            if gender == "-" and k == 0 and not _first_name(name_words[0][1]):
                gender = self._pronoun_gender(end)  # "Erlan Tulov said he …"
        elif len(name_words) > 1 and gender == "-":
            gender = first_name_gender(name_words[0][1])
        name_words = name_words[-self.settings.name_max_words :]
        name = " ".join(w for _, w in name_words).rstrip(".")
        key = name_words[-1][1].rstrip(".").lower()
        person = self._person_for(name, key, gender)
        if self._want_roles or (gender == "-" and person.gender == "-"):
            # the words around the name: read for a description's query, or for a gender still unknown
            before_roles, before_gender, role_text = self._roles_before(start if cut < 0 else words[0][0])
            after_roles, after_gender, ages, app_text = self._roles_after(end)
            if gender == "-":
                gender = before_gender if before_gender != "-" else after_gender
            person.roles |= before_roles | after_roles
            person.ages |= ages
            person.role_text = person.role_text or role_text or app_text
        if person.gender == "-":
            person.gender = gender
        person.roles |= roles
        self._add(start, end, person, not (possessive or self._modifier(end)))

    def _after_place_preposition(self, start: int) -> bool:
        before = self.text[max(0, start - self.settings.place_preposition_chars) : start].split()
        return bool(before) and before[-1] in PLACE_PREPOSITIONS

    def _introduced(self, end: int) -> bool:
        """An age or a role appositive follows: ``, 70,`` / ``, a spokeswoman for``."""
        if end >= len(self.text) or self.text[end] != ",":
            return False
        roles, _, ages, _ = self._roles_after(end)
        return bool(roles or ages)

    def _speaking_name(self, word: str, low: str, start: int, end: int) -> Person | None:
        """``Bamberg, who is 28, said``: a lone capitalised word doing the talking is a person known
        by that name, whatever its origin; not a word the article also writes in lowercase
        (``Cost estimates, he added``: a common word opening a sentence), nor a group word."""
        if len(low) < 2 or low in not_surnames() or low in MONTHS or not self._speaks(start, end):
            return None
        if self._written_lowercase(low):
            return None
        person = self._person_for(word, low)
        if person.gender == "-":
            person.gender = self._pronoun_gender(end)
        return person

    def _written_lowercase(self, low: str) -> bool:
        """``low`` occurs as a whole lowercase word somewhere in the text (bounded search)."""
        text, at, hits, most = self.text, self.text.find(low), 0, self.settings.surname_max_hits
        while at >= 0 and hits < most:
            hits += 1
            after = at + len(low)
            if (at == 0 or not text[at - 1].isalnum()) and (after == len(text) or not text[after].isalnum()):
                return True
            at = text.find(low, after)
        return False

    def _pronoun_gender(self, end: int) -> str:
        """The gender of the first he/she/his/her/him among the few words after a name
        (``Tulov said he …``, ``Tulov, who lost her seat``), else ``-``."""
        for w in self.text[end : end + self.settings.pronoun_gender_chars].split()[
            : self.settings.pronoun_gender_words
        ]:
            g = PRONOUN_GENDERS.get(w.strip(",.;:’'\"”").lower())
            if g is not None:
                return g
        return "-"

    def _role_word_before(self, start: int) -> bool:
        """A role noun right before a name (``pollster Whit Ayres``, ``minister, Erlan Tulov``); the
        quick test first: a lowercase letter or a comma just before the blank before the name."""
        c = self.text[start - 2] if start >= 2 else ""
        if not (c == "," or c.islower()):
            return False
        return bool(self._roles_before(start)[0])

    def _speaks(self, start: int, end: int) -> bool:
        """The capitalised run ``text[start:end]`` does the talking: a speech verb follows it
        (after at most one adverb: ``Tulov also said``) or comes right before it (``said Tulov``),
        or a ``, who`` clause follows (``Tulov, who …``). Only people are introduced so."""
        text, lex = self.text, lexicon()
        if text.startswith((", who ", ",\u00a0who "), end):
            return True
        nxt = NEXT_WORD_RE.match(text, end)
        if nxt is not None and nxt.group(1) in lex.skip_words:
            nxt = NEXT_WORD_RE.match(text, nxt.end())
        if nxt is not None and nxt.group(1) in lex.speech_verbs:
            return True
        inverted = INVERTED_CUE_RE.search(text, max(0, start - self.settings.speech_verb_chars), start)
        return inverted is not None and inverted.group(1) in lex.speech_verbs  # ", said Tulov" (not "called Tulov")

    def _roles_before(self, start: int) -> tuple[set[str], str, str | None]:
        """Lowercase role words right before a name: ``former campaign manager Ann Lee``."""
        lex = lexicon()
        chunk = self.text[max(0, start - self.settings.role_before_chars) : start].split()[
            -self.settings.role_words_before :
        ]
        roles, gender, kept = set(), "-", []
        for w in reversed(chunk):
            low = w.lower().strip(",.’'")
            if not w[:1].islower() or low in lex.determiners or low in lex.prepositions or low in lex.speech_verbs:
                break
            kept.append(w)
            if AGE_WORD_RE.fullmatch(low):
                roles.add(low)
            if low in lex.speaker_nouns or low in role_words():
                roles.add(low)
                roles.update(role_words().get(low, ()))
            gender = gendered_nouns().get(low, gender)
        return roles, gender, (" ".join(reversed(kept)) if roles else None)

    def _roles_after(self, end: int) -> tuple[set[str], str, set[str], str | None]:
        """An appositive after a name: ``Ann Lee, a spokeswoman for the group,`` / ``Ann Lee, 46,``."""
        if end >= len(self.text) or self.text[end] != ",":
            return set(), "-", set(), None
        m = AGE_RE.match(self.text, end)
        if m:
            return set(), "-", {m.group(1)}, None
        m = APPOSITIVE_RE.match(self.text, end)
        if not m:
            return set(), "-", set(), None
        lex = lexicon()
        roles, gender, ages = set(), "-", set()
        for w in m.group(1).split():
            w = w.lower().strip("’'")
            if w in lex.speaker_nouns or w in role_words():
                roles.add(w)
                roles.update(role_words().get(w, ()))
            gender = gendered_nouns().get(w, gender)
            age = AGE_WORD_RE.fullmatch(w)
            if age:
                ages.add(age.group(1))
        return roles, gender, ages, (m.group(1).strip() if roles else None)

    def _modifier(self, end: int) -> bool:
        """``Lee campaign manager Bo Chen``: a name used before a role and another name."""
        lex = lexicon()
        words = self.text[end : end + self.settings.modifier_chars].split()[: self.settings.modifier_words]
        for k, w in enumerate(words):
            if w[:1].isupper():
                return k > 0 and words[k - 1].lower() in lex.speaker_nouns
            if not w.isalpha():
                return False
        return False

    def _person_for(self, name: str, key: str, gender: str = "-") -> Person:
        first = name.split()[0].lower() if " " in name else ""
        for p in reversed(self.persons.get(key, [])):
            if gender != "-" and p.gender not in ("-", gender):
                continue  # "Mr. Obama" and "Michelle Obama": two people, one surname
            if not first or not p.first or p.first == first or len(first.rstrip(".")) == 1:
                if len(name.split()) > len(p.name.split()) or (p.name.isupper() and not name.isupper()):
                    p.name = name  # the fullest form; a headline's capitals give way to the text's spelling
                return p
        p = Person(name, key)
        self.persons.setdefault(key, []).append(p)
        return p

    def _bearer(self, key: str, pos: int) -> Person | None:
        """The person a lone surname at ``pos`` names: the last one read with that surname,
        else the first full name with that surname in the article (``Lee`` -> ``Ann Lee``)."""
        found = self.persons.get(key)
        if found:
            return found[-1] if len(found) == 1 else self._last_named(key, pos) or found[-1]
        if (
            len(key) < 2
            or key in self._nobody
            or self._searches >= self.settings.surname_max_searches
            or key in not_surnames()
        ):
            return None
        self._searches += 1
        low = self._lower_text()
        at, hits, most = low.find(key), 0, self.settings.surname_max_hits
        shouted = None  # the full name found (an all-capitals one only when no other is)
        while at >= 0 and hits < most:
            hits += 1
            after = at + len(key)
            if (
                (after >= len(low) or not low[after].isalpha())
                and at > 1
                and low[at - 1] == " "
                and low[at - 2].isalpha()
            ):
                words = self.text[max(0, at - self.settings.first_name_max_chars) : at - 1].rsplit(None, 1)
                first = words[-1].lstrip(OPENERS) if words else ""
                if first[:1].isupper() and _first_name(first):
                    full = f"{first} {self.text[at:after]}"
                    if full.isupper() and shouted is None:
                        shouted = full  # "DONALD TRUMP" in a headline: the text's own spelling may follow
                    elif not full.isupper():
                        shouted = full
                        break
            at = low.find(key, after)
        if shouted is not None:
            first = shouted.split()[0]
            p = Person(shouted, key, first_name_gender(first))
            self.persons.setdefault(key, []).append(p)
            return p
        self._nobody.add(key)
        return None

    def _first_name_only(self, word: str, end: int) -> Person | None:
        """``Bob said``: a lone first name doing the talking is a person known by that name."""
        nxt = NEXT_WORD_RE.match(self.text, end)
        if nxt is None or nxt.group(1).lower() not in lexicon().speech_verbs or not _first_name(word):
            return None
        p = Person(word, word.lower(), first_name_gender(word))
        self.persons.setdefault(p.key, []).append(p)
        return p

    def _lower_text(self) -> str:
        if self._lower is None:
            self._lower = self.text.lower()
        return self._lower

    def _last_named(self, key: str, pos: int) -> Person | None:
        k = bisect.bisect_left(self._starts, pos)
        for m in reversed(self.mentions[:k]):
            if m.person.key == key:
                return m.person
        return None

    def _add(self, start: int, end: int, person: Person, salient: bool) -> None:
        k = bisect.bisect_left(self._starts, start)
        if k < len(self._starts) and self._starts[k] == start:
            return
        self.mentions.insert(k, PersonMention(start, end, person, salient))
        self._starts.insert(k, start)

    # ---------------------------------------------------------------- queries
    def person_named(self, key: str, pos: int) -> Person | None:
        """The person with surname ``key`` nearest before ``pos``."""
        self._read_to(pos)
        return self._bearer(key.lower(), pos)

    def note(self, pos: int, person: Person) -> None:
        """Record that the mention at ``pos`` (a pronoun, a description) is ``person``."""
        self._add(pos, pos, person, True)

    def antecedent(self, pos: int, gender: str) -> Person | None:
        """The person a ``he``/``she`` at ``pos`` refers to, or None when unsure.

        Sentences are walked backwards from ``pos`` (found one at a time, nearest first),
        at most ``settings.antecedent_sentences_back`` of them and ``settings.antecedent_window_chars`` characters."""
        lo = max(0, pos - self.settings.antecedent_window_chars)
        b, counted, own = pos, 0, True
        bound = self._named_after(pos)  # "“Q,” he told Lee": Lee is not "he"
        while b > lo:
            a = self._sentence_start(b, lo)
            if a == lo and lo > 0:
                return None  # a sentence cut by the window: not read
            self._read_sentence(a, b)
            found = self.mentions[bisect.bisect_left(self._starts, a) : bisect.bisect_left(self._starts, b)]
            if not own and self._pronoun_before(a, found[0].start if found else b, gender):
                b = a
                continue  # "He noted …", "…, which he said split between Lee and Chen": the same
                # person carries on (the names after the pronoun are others), this sentence is not counted
            described = self._description_subject(a, b, gender)
            if described is not None and own and not self.text[described[1] : pos].strip(BLANKS + ","):
                described = None  # "The nominee, he said, …": the pronoun is not the description
            own = False
            counted += 1
            if described is not None and (not found or found[0].start >= described[1]):
                # "The retired surgeon toured the site. He said …": the sentence's subject is a
                # description, not a name read in it; its holder (or nobody, unsure) is the antecedent
                return self.by_role(described[0], a)
            ok = [m for m in found if (gender == "-" or m.person.gender in ("-", gender)) and m.person.key not in bound]
            if ok:
                reporter = self._reporter(ok, b)
                if reporter is not None:
                    return reporter  # "Lee won, Chen said. “Q,” he said": the one who spoke last
                subject = next((m for m in found if m.salient), None)
                asked = self._asked(ok, subject)
                if asked is not None:
                    return asked  # "Lee asked Chen how high the wall would be. “Q,” he said": Chen answers
                newcomer = self._newcomer(ok, subject)
                if newcomer is not None:
                    return newcomer  # "Lee's plan worries Bo Chen, a ferry pilot. “Q,” he said"
                if subject is not None and subject in ok:
                    return subject.person
                people = {id(m.person): m.person for m in ok}
                if len(people) == 1:
                    return ok[0].person
                sure = [p for p in people.values() if p.gender == gender]
                return sure[0] if len(sure) == 1 else None
            if counted >= self.settings.antecedent_sentences_back:
                return None
            b = a
        return None

    def _named_after(self, pos: int) -> set[str]:
        """The surname of the person a subject pronoun at ``pos`` speaks to or about in its own cue
        (``“Q,” he told Lee``, ``she said of Ms. Lee``, ``he asked Ann Lee``): never its antecedent
        (an empty set when no cue with a named object follows the pronoun)."""
        m = CUE_OBJECT_RE.match(self.text, pos)
        if m is None or m.group(1).lower() not in lexicon().speech_verbs:
            return set()
        run = NAME_RUN_RE.match(self.text, m.end())
        if run is None:
            return set()
        last = run.group().replace("\u00a0", " ").split(" ")[-1]
        return {last.lower().rstrip(".").removesuffix("’s").removesuffix("'s")}

    def _asked(self, ok: list[PersonMention], subject: PersonMention | None) -> Person | None:
        """``Lee then asked Chen how high the wall would be``: the person asked (the object of
        ``asked`` right after it, a title allowed between) answers, so the he/she of the quotation
        that follows is that person, not the subject who asked."""
        if subject is None:
            return None
        for m in ok:
            if m.start <= subject.start or m.person is subject.person:
                continue
            before = self.text[max(subject.end, m.start - self.settings.asked_chars) : m.start].split()
            titles = lexicon().titles
            while before and before[-1].lower().rstrip(".") in titles:
                before.pop()
            if before and before[-1] == "asked" and len(before) <= self.settings.asked_max_words:
                return m.person
        return None

    def _newcomer(self, ok: list[PersonMention], subject: PersonMention | None) -> Person | None:
        """``While Lee led, the vote worried Bo Chen, a ferry pilot. “Q,” he said``: a person named
        for the first time in the article with a role or an age after the name (``, a ferry pilot``,
        ``, 46,``) is the he/she of what follows, rather than a subject the article has named before.
        None when there is no such newcomer after the subject, or the subject is new itself."""
        for m in reversed(ok):
            if subject is not None and m.start <= subject.start:
                break
            if (
                m.end > m.start
                and " " in m.person.name
                and self.text.startswith(",", m.end)  # the quick test: an appositive follows at all
                and self._person_role_after(m.end)
                and not self._named_before(m)
            ):
                return m.person if subject is None or self._named_before(subject) else None
        return None

    def _person_role_after(self, end: int) -> bool:
        """``Bo Chen, a ferry pilot`` / ``Bo Chen, president of the guild`` / ``Bo Chen, 46,``: an
        age, or an appositive opening with a determiner or a lowercase word and holding a role noun of
        a person (not ``, and …``, ``, who …``, nor an organisation noun: ``, the largest company``)."""
        text = self.text
        if AGE_RE.match(text, end):
            return True
        m = APPOSITIVE_RE.match(text, end)
        if m is None:
            return False
        words = [w.lower().strip("’'") for w in m.group(1).split()]
        lex = lexicon()
        if not words or words[0] in NOT_APPOSITIVE_OPENERS or not m.group(1)[:1].islower():
            return False
        head = []  # the words before the first preposition: "president" of "president of the guild"
        for w in words:
            if w in lex.prepositions:
                break
            head.append(w)
        return any(w in lex.speaker_nouns for w in head) and not any(w in lex.org_nouns for w in head)

    def _named_before(self, m: PersonMention) -> bool:
        """The surname of ``m`` occurs earlier in the text (the person was named before)."""
        surname = m.person.name.split()[-1]
        at = self.text.find(surname, 0, m.start)
        return 0 <= at < m.start and m.start - at != len(m.person.name) - len(surname)

    def _reporter(self, ok: list[PersonMention], b: int) -> Person | None:
        """The last person named in a sentence ending at ``b`` with its reporting clause:
        ``…, Chen said.`` / ``…, Chen said on Monday.`` / ``…, said Chen.`` — the one who spoke last
        is the ``he``/``she`` of the quotation that follows."""
        text, verbs = self.text, lexicon().speech_verbs
        m = ok[-1]
        if text.find(",", max(0, m.start - self.settings.reporter_before_chars), m.start) < 0:
            return None  # the quick test: both forms have a comma before the name
        tail = text[m.end : b].strip(BLANKS + "\n" + CLOSERS + ".")
        before = text[max(0, m.start - self.settings.reporter_before_chars) : m.start]
        if before.rstrip(BLANKS).endswith(","):
            words = tail.split()
            if (
                words
                and words[0] in verbs
                and len(words) <= 1 + self.settings.clause_final_tail_tokens
                and "," not in tail
            ):
                return m.person
            return None
        inverted = INVERTED_CUE_RE.search(before)  # ", said Chen."
        if inverted is not None and inverted.group(1) in verbs and (not tail or tail.startswith(",")):
            return m.person
        return None

    def _description_subject(self, a: int, b: int, gender: str) -> tuple[str, int] | None:
        """``The Florida senator sought …``: a definite description of a person opening the
        sentence ``text[a:b]`` as its subject; its head noun and end offset, or None. A head of the
        other gender (``the spokeswoman`` for ``he``) is no antecedent and gives None."""
        if self.text.find("Th", a, a + 6) < 0:
            return None  # no "The"/"This"/"That" opening the sentence (most sentences): no regex
        m = DESCRIPTION_SUBJECT_RE.match(self.text, a, b)
        if m is None or self._is_masked(m.start(1)):
            return None  # no description, or one inside a quotation
        lex = lexicon()
        head = m.group(1).lower()
        plural = head in PLURAL_HEADS or (head.endswith("s") and not head.endswith("ss"))
        if plural or head not in lex.speaker_nouns or head in lex.org_nouns:
            return None  # a group or an organisation is no "he"/"she"
        noun_gender = gendered_nouns().get(head, "-")
        if gender != "-" and noun_gender not in ("-", gender):
            return None
        return head, m.end(1)

    def _sentence_start(self, b: int, lo: int) -> int:
        """Start of the sentence that ends at ``b`` (its last boundary before ``b``), not before ``lo``."""
        text = self.text
        while b > lo and (text[b - 1] in BLANKS or text[b - 1] == "\n"):
            b -= 1  # the blank line or spaces after the previous sentence belong to no sentence
        k, closers_max = b, self.settings.closers_max
        for _ in range(self.settings.sentence_max_steps):
            k = max(text.rfind(".", lo, k), text.rfind("?", lo, k), text.rfind("!", lo, k), text.rfind("\n", lo, k))
            if k < 0:
                return lo
            if text[k] == "\n":
                if k + 1 < b:
                    return k + 1
                continue
            e = k + 1
            while e < b and e - k <= closers_max and text[e] in CLOSERS:
                e += 1
            if e < b and text[e] in BLANKS and not self._abbreviation_at(k):
                while e < b and text[e] in BLANKS:
                    e += 1
                if e < b:
                    return e  # (a boundary ending right at b is the one before this sentence's text)
        return lo  # too many false stops: treated as the window's edge

    def _abbreviation_at(self, k: int) -> bool:
        """The period at ``k`` ends an abbreviation or an initial (``Sen.``, ``J.``, ``U.S.``)."""
        if self.text[k] != ".":
            return False
        w = k
        while w > 0 and self.text[w - 1].isalpha():
            w -= 1
        word = self.text[w:k].lower()
        lex = lexicon()
        return len(word) == 1 or word in lex.abbreviations or word in lex.titles

    def _pronoun_before(self, a: int, b: int, gender: str) -> bool:
        """A subject ``he``/``she`` of ``gender`` in ``text[a:b]``, outside quotations, in the
        same clause as what follows it up to ``b`` (``which he said split between Lee and Chen``;
        not ``Sure that she would win, Lee …``, where a comma opens the main clause)."""
        if gender not in ("m", "f"):
            return False
        if self.text.find("he", a, b) < 0 and self.text.find("He", a, b) < 0:
            return False  # no he/He/she/She at all in the span (a quick test before the regex)
        for m in SUBJECT_PRONOUN_RE[gender].finditer(self.text, a, b):
            if not self._is_masked(m.start()) and not CLAUSE_BREAK_RE.search(self.text, m.end(), b):
                return True
        return False

    def _opens_with_pronoun(self, a: int, gender: str) -> bool:
        """The sentence at ``a`` starts with ``He``/``She`` of ``gender`` (quotation marks skipped)."""
        head = self.text[a : a + 5].lstrip("“\"‘' ").lower()
        word = "he" if gender == "m" else "she" if gender == "f" else ""
        return bool(word) and head.startswith(word) and not head[len(word) : len(word) + 1].isalpha()

    def by_role(self, head: str, pos: int) -> Person | None:
        """The person last named before ``pos`` with role noun (or age) ``head``:
        ``the spokesman``, ``the senator``, ``the 46-year-old``.

        Only the text around each earlier occurrence of a word giving that role
        (``spokesman``, ``Sen.``, ``46``) is read, nearest first."""
        age = AGE_WORD_RE.fullmatch(head)
        if age is None and head not in _role_sources():
            return None  # no role word of that kind is ever given to a named person
        needles = (age.group(1),) if age is not None else _role_sources()[head]
        low = self._lower_text()
        hits, most = [], self.settings.role_max_hits
        for n in needles:
            at, k = low.rfind(n, 0, pos), 0
            while at >= 0 and k < most:
                after = at + len(n)
                if not (at > 0 and low[at - 1].isalpha()) and not (after < len(low) and low[after].isalpha()):
                    k += 1  # a whole word ("sen" in "Sen." but not in "present")
                    hits.append(at)
                at = low.rfind(n, 0, at)
        latest: PersonMention | None = None
        holders: set[int] = set()
        for at in sorted(hits, reverse=True)[: self.settings.role_max_hits]:
            lo, hi = max(0, at - self.settings.role_reach_chars), min(pos, at + self.settings.role_reach_chars)
            self._want_roles = True
            try:
                self._read_region(lo, hi)
            finally:
                self._want_roles = False
            for m in self.mentions[bisect.bisect_left(self._starts, lo) : bisect.bisect_left(self._starts, hi)]:
                p = m.person
                if head in p.roles or (age is not None and age.group(1) in p.ages):
                    holders.add(id(p))
                    if latest is None or m.start > latest.start:
                        latest = m
        if latest is None:
            return None
        if len(holders) == 1:
            return latest.person
        # salience: a holder of that role named in the last few sentences (their subject first)
        # beats one named last with the role further back ("Sen. Bo Chen … Chen toured … the senator")
        lo, b = max(0, pos - self.settings.antecedent_window_chars), pos
        for _ in range(self.settings.antecedent_sentences_back):
            if b <= lo:
                break
            a = self._sentence_start(b, lo)
            self._read_sentence(a, b)
            found = self.mentions[bisect.bisect_left(self._starts, a) : bisect.bisect_left(self._starts, b)]
            held = [m for m in found if id(m.person) in holders]
            if held:
                return next((m for m in held if m.salient), held[0]).person
            b = a
        return latest.person

    def fits_modifiers(self, person: Person, description: str, pos: int) -> bool:
        """``the Vermont senator``: every capitalised modifier of a description (a place, a party,
        a body; a state also by its abbreviation, ``(I-Vt.)``) must occur near the person's
        surname somewhere before ``pos``; else the description may be somebody else (unsure)."""
        words = description.split()[1:-1]  # between the determiner and the head noun
        needed = [w.strip(",.’'").removesuffix("’s").removesuffix("'s") for w in words if w[:1].isupper()]
        if not needed:
            return True
        text = self.text
        surname = person.name.split()[-1]
        hits, at, most = [], text.find(surname, 0, pos), self.settings.surname_max_hits
        while at >= 0 and len(hits) < most:
            hits.append(at)
            at = text.find(surname, at + len(surname), pos)
        for w in needed:
            forms = (w, *(f"-{a.capitalize()}" for a in state_abbreviations().get(w.lower(), ())))
            if not any(
                text.find(
                    f,
                    max(0, h - self.settings.role_reach_chars),
                    min(pos, h + len(surname) + self.settings.role_reach_chars),
                )
                >= 0
                for h in hits
                for f in forms
            ):
                return False
        return True

    def _read_region(self, lo: int, hi: int) -> None:
        """Read ``text[lo:hi]`` (widened so as not to cut a name) unless read already."""
        while lo > 0 and not self.text[lo - 1].isspace():
            lo -= 1
        stop = min(len(self.text), hi + self.settings.region_widen_chars)
        while hi < stop and self.text[hi] not in REGION_STOPS:
            hi += 1  # to the next comma, period or line end: a name is never cut in two
        if hi > self._frontier and lo not in self._regions_read:
            self._regions_read.add(lo)
            self._read(max(lo, self._frontier), hi)


@cache
def _role_sources() -> dict[str, tuple[str, ...]]:
    """Role noun -> the words in a text that can give it (``senator`` <- ``sen``, ``senator``)."""
    out: dict[str, set[str]] = {}
    for noun in lexicon().speaker_nouns:
        out.setdefault(noun, set()).add(noun)
    for word, nouns in role_words().items():
        for noun in nouns:
            out.setdefault(noun, set()).add(word)
    return {k: tuple(v) for k, v in out.items()}
