"""The people of one article: who is named where, with gender, roles and salience.

``People(text, masked)`` scans the article once (outside the quotation stretches
in ``masked``) for capitalised runs that name a person: a title and a name
(``Sen. Ann Lee``, ``Mr Lee``), or two or more words starting at a common first
name (``Ann Lee``); a lone surname (``Lee``) is a mention of the person with that
surname named before it (else after it). Each person keeps:

- ``name``: the fullest form in the article, without titles;
- ``gender``: from a title (``Mr``/``Ms``), a gendered noun around the name
  (``spokeswoman Ann Lee``), else the first name (``gender.first_name_gender``);
- ``roles``: role nouns around the name (``spokesman Bo Chen``, ``Bo Chen, a
  spokesman for…``, ``Sen.`` -> senator) and ``ages`` (``Bo Chen, 46,``).

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
from newsstream.quotes.lexicon import _lines, lexicon

UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ"
WORD = rf"[{UPPER}][\w’'\-]{{0,30}}+\.?+"
PARTICLE = r"(?:de|del|della|van|von|der|den|bin|ibn|abu|al|el|la|le|da|di|du|dos|das|ter)"
# a capitalised run: words (with inner particles) separated by single spaces; bounded, possessive
NAME_RUN_RE = re.compile(rf"(?<![\w’'\-]){WORD}(?:[ \u00a0](?:{WORD}|{PARTICLE}(?=[ \u00a0][{UPPER}]))){{0,7}}+")
SENTENCE_END_RE = re.compile(r"[.?!][\"”’)\]]{0,3}[ \t\u00a0]++|\n++")
APPOSITIVE_RE = re.compile(r",[ \u00a0](?:the |a |an )?+([^,.;:()\n“”\"]{1,90}+)(?=[,.;:)])")
AGE_RE = re.compile(r",[ \u00a0](\d{1,3}),")
AGE_WORD_RE = re.compile(r"(\d{1,3})-year-old")
POSSESSIVE = ("’s", "'s")
MAX_NAME_WORDS = 4  # a canonical name keeps at most this many words (as in coref.FULL_NAME_MAX_WORDS)
ROLE_WORDS_BEFORE = 4  # lowercase words read before a name for its role ("former campaign manager")
# How far back a pronoun looks for its antecedent, in sentences. News paragraphs are one to
# three sentences; five reaches the paragraph before the previous one. Checked on dev
# (bench/quotes.py name score): 3 and 8 were no better.
MAX_SENTENCES_BACK = 5
MAX_RUNS = 3000  # capitalised runs read per article (bounded work on pathological input)


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
    sentence: int
    salient: bool  # may be a sentence subject (not a possessor nor a modifier)


class People:
    """Entity registry of one article (see the module docstring).

    :param text: the article text.
    :param masked: ``(start, end)`` spans to skip (quotations), sorted.
    """

    def __init__(self, text: str, masked: list[tuple[int, int]] | None = None) -> None:
        self.text = text
        self._masked = masked or []
        self._mask_starts = [a for a, _ in self._masked]
        self._sentences = self._sentence_starts(text)
        self.persons: dict[str, list[Person]] = {}
        self.mentions: list[PersonMention] = []
        self._scan()

    # ---------------------------------------------------------------- building
    @staticmethod
    def _sentence_starts(text: str) -> list[int]:
        abbreviations = lexicon().abbreviations
        titles = lexicon().titles
        starts = [0]
        for m in SENTENCE_END_RE.finditer(text):
            if m.group()[0] == ".":
                k = m.start()
                w = k
                while w > 0 and (text[w - 1].isalpha()):
                    w -= 1
                word = text[w:k].lower()
                if len(word) == 1 or word in abbreviations or word in titles:
                    continue  # "Sen. Ann Lee", "J. Smith", "U.S. officials"
            starts.append(m.end())
        return starts

    def sentence_of(self, pos: int) -> int:
        return bisect.bisect_right(self._sentences, pos) - 1

    def _is_masked(self, pos: int) -> bool:
        k = bisect.bisect_right(self._mask_starts, pos) - 1
        return k >= 0 and self._masked[k][0] <= pos < self._masked[k][1]

    def _scan(self) -> None:
        text = self.text
        singles: list[tuple[int, int, str, bool]] = []
        for n, run in enumerate(NAME_RUN_RE.finditer(text)):
            if n >= MAX_RUNS:
                break
            if self._is_masked(run.start()):
                continue
            words = [(w.start() + run.start(), w.group()) for w in re.finditer(r"\S+", run.group())]
            # split after a possessive: "Acme's Ann Lee" -> possessor "Acme", person "Ann Lee"
            seg: list[tuple[int, str]] = []
            for start, w in words:
                seg.append((start, w))
                if w.endswith(POSSESSIVE):
                    self._segment(seg, singles, possessive=True)
                    seg = []
            if seg:
                self._segment(seg, singles, possessive=False)
        for start, end, key, possessive in singles:
            person = self._person_near(key, start)
            if person is not None:
                self._add_mention(start, end, person, possessive)
        self.mentions.sort(key=lambda m: m.start)
        self._starts = [m.start for m in self.mentions]

    def _segment(self, seg: list[tuple[int, str]], singles: list, possessive: bool) -> None:
        lex = lexicon()
        words = [(s, w.removesuffix("’s").removesuffix("'s")) for s, w in seg]
        while words and words[0][1].lower().rstrip(".") in lex.stop_capitals:
            words.pop(0)
        if not words:
            return
        lows = [w.lower().rstrip(".") for _, w in words]
        if any(w in lex.org_words for w in lows):
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
            # no title: a person needs a common first name followed by a surname
            k = next((i for i, (_, w) in enumerate(name_words) if is_first_name(w)), -1)
            if k < 0 or k == len(name_words) - 1:
                if len(name_words) == 1:
                    singles.append((start, end, name_words[0][1].rstrip(".").lower(), possessive))
                return
            name_words = name_words[k:]
            start = name_words[0][0]
            if gender == "-":
                gender = first_name_gender(name_words[0][1])
        elif len(name_words) > 1 and gender == "-":
            gender = first_name_gender(name_words[0][1])
        name_words = name_words[-MAX_NAME_WORDS:]
        name = " ".join(w for _, w in name_words).rstrip(".")
        key = name_words[-1][1].rstrip(".").lower()
        before_roles, before_gender, role_text = self._roles_before(start if cut < 0 else words[0][0])
        roles |= before_roles
        gender = gender if gender != "-" else before_gender
        after_roles, after_gender, ages, app_text = self._roles_after(end)
        roles |= after_roles
        gender = gender if gender != "-" else after_gender
        person = self._person_for(name, key, start)
        if person.gender == "-":
            person.gender = gender
        person.roles |= roles
        person.ages |= ages
        person.role_text = person.role_text or role_text or app_text
        self._add_mention(start, end, person, possessive or self._modifier(end))

    def _roles_before(self, start: int) -> tuple[set[str], str, str | None]:
        """Lowercase role words right before a name: ``former campaign manager Ann Lee``."""
        lex = lexicon()
        chunk = self.text[max(0, start - 60) : start].split()[-ROLE_WORDS_BEFORE:]
        roles, gender, kept = set(), "-", []
        for w in reversed(chunk):
            low = w.lower().strip(",.’'")
            if not w[:1].islower() or low in lex.determiners or low in lex.prepositions or low in lex.speech_verbs:
                break
            kept.append(w)
            age = AGE_WORD_RE.fullmatch(low)
            if age:
                roles.add(low)
            if low in lex.speaker_nouns or low in role_words():
                roles.add(low)
                roles.update(role_words().get(low, ()))
            gender = gendered_nouns().get(low, gender)
        return roles, gender, (" ".join(reversed(kept)) if roles else None)

    def _roles_after(self, end: int) -> tuple[set[str], str, set[str], str | None]:
        """An appositive after a name: ``Ann Lee, a spokeswoman for the group,`` / ``Ann Lee, 46,``."""
        lex = lexicon()
        ages = set()
        m = AGE_RE.match(self.text, end)
        if m:
            ages.add(m.group(1))
            return set(), "-", ages, None
        m = APPOSITIVE_RE.match(self.text, end)
        if not m:
            return set(), "-", ages, None
        roles, gender = set(), "-"
        words = [w.lower().strip("’'") for w in m.group(1).split()]
        for w in words:
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
        words = self.text[end : end + 60].split()[:5]
        for k, w in enumerate(words):
            if w[:1].isupper():
                return k > 0 and words[k - 1].lower() in lex.speaker_nouns
            if not w.isalpha():
                return False
        return False

    def _person_for(self, name: str, key: str, pos: int) -> Person:
        first = name.split()[0].lower() if " " in name else ""
        for p in reversed(self.persons.get(key, [])):
            if not first or not p.first or p.first == first or len(first.rstrip(".")) == 1:
                if len(name.split()) > len(p.name.split()):
                    p.name = name
                return p
        p = Person(name, key)
        self.persons.setdefault(key, []).append(p)
        return p

    def _person_near(self, key: str, pos: int) -> Person | None:
        found = self.persons.get(key)
        if not found:
            return None
        if len(found) == 1:
            return found[0]
        best = None
        for m in self.mentions:  # the bearer of that surname named last before pos
            if m.person.key == key and m.start <= pos:
                best = m.person
        return best or found[0]

    def _add_mention(self, start: int, end: int, person: Person, possessive: bool) -> None:
        self.mentions.append(PersonMention(start, end, person, self.sentence_of(start), not possessive))

    # ---------------------------------------------------------------- queries
    def person_named(self, key: str, pos: int) -> Person | None:
        """The person with surname ``key`` nearest before ``pos``."""
        return self._person_near(key.lower(), pos)

    def note(self, pos: int, person: Person) -> None:
        """Record that the mention at ``pos`` (a pronoun, a description) is ``person``."""
        k = bisect.bisect_left(self._starts, pos)
        if k < len(self._starts) and self._starts[k] == pos:
            return
        self.mentions.insert(k, PersonMention(pos, pos, person, self.sentence_of(pos), True))
        self._starts.insert(k, pos)

    def _in_sentence(self, si: int, before: int) -> list[PersonMention]:
        lo = self._sentences[si]
        a = bisect.bisect_left(self._starts, lo)
        out = []
        for m in self.mentions[a:]:
            if m.start >= before or m.sentence != si:
                break
            out.append(m)
        return out

    def antecedent(self, pos: int, gender: str) -> Person | None:
        """The person a ``he``/``she`` at ``pos`` refers to, or None when unsure."""
        s = self.sentence_of(pos)
        for si in range(s, max(-1, s - MAX_SENTENCES_BACK), -1):
            found = self._in_sentence(si, pos)
            ok = [m for m in found if gender == "-" or m.person.gender in ("-", gender)]
            if not ok:
                continue
            subject = next((m for m in found if m.salient), None)
            if subject is not None and subject in ok:
                return subject.person
            people = {id(m.person): m.person for m in ok}
            if len(people) == 1:
                return ok[0].person
            sure = [p for p in people.values() if p.gender == gender]
            return sure[0] if len(sure) == 1 else None
        return None

    def by_role(self, head: str, pos: int) -> Person | None:
        """The person last named before ``pos`` with role noun (or age) ``head``:
        ``the spokesman``, ``the senator``, ``the 46-year-old``."""
        age = AGE_WORD_RE.fullmatch(head)
        k = bisect.bisect_left(self._starts, pos)
        for m in reversed(self.mentions[:k]):
            p = m.person
            if head in p.roles or (age is not None and age.group(1) in p.ages):
                return p
        return None
