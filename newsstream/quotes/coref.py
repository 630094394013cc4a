"""Coreference within one article: which person or organisation a mention is.

``Resolver`` keeps the speakers quoted so far, in text order, and maps each new
mention to one of them:

1. a one-word name (``Aridi``, ``Mr. Okafor``) to the fullest form of that
   surname in the article (``Yahya al-Aridi``), found with ``str.find``;
2. ``he``/``she`` to its antecedent in the article's entity registry
   (``registry.People``: agreement in gender from titles, nouns and first
   names; salience: the subject of the nearest sentence with a compatible
   person, the chain of earlier resolutions); ``it`` to the most recent
   organisation, else to the last ``the/a … communique`` phrase before the
   quotation;
3. a description (``the spokesman``, ``the senator``, ``the 46-year-old``) to the
   person last introduced with that role or age;
4. ``X and Y`` to one speaker named ``X and Y``;
5. page furniture (a dateline, a section label, a credit) to no speaker at all.

When a pronoun or a description has no sure antecedent the speaker keeps its
mention and gets no ``name`` (never a guess, never the pronoun itself).

Example::

    >>> from newsstream.quotes.speakers import parse_np_right, tokenize
    >>> text = "But rebel spokesman Yahya al-Aridi spoke. Mr Aridi said so."
    >>> toks = tokenize(text, 42, len(text))
    >>> Resolver(text).resolve(parse_np_right(toks, 0, text)).name
    'Yahya al-Aridi'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from itertools import islice

from newsstream.quotes.gender import first_name_gender, is_first_name
from newsstream.quotes.lexicon import lexicon, rule_words
from newsstream.quotes.nonspeakers import not_a_speaker
from newsstream.quotes.registry import NAME_RUN_RE, PLURAL_HEADS, People, Person, not_surnames
from newsstream.quotes.settings import SETTINGS, QuoteSettings
from newsstream.quotes.speakers import Mention, strip_hyphen_particle
from newsstream.records import Speaker

PRE_NAME_PARTICLES = rule_words()["name_particles"]  # particles inside a name
PRE_NAME_PREFIXES = tuple(sorted(rule_words()["surname_prefixes"]))  # glued to a surname: "al-Aridi"
PRE_NAME_WORD_RE = re.compile(r"[A-Z]\.|[A-Z][\w’'\-]*+")
SURNAME_AFTER_RE = re.compile(r"[A-Z][\w’'\-]{1,30}")  # the capitalised word after a lone first name


INDEFINITE = rule_words()["indefinite_determiners"]  # descriptions that introduce someone


@cache
def _document_re() -> re.Pattern[str]:
    nouns = "|".join(sorted(lexicon().org_nouns, key=len, reverse=True))
    return re.compile(rf"\b(?:the|a|an|this|that|its|their)\s++(?:[\w’'\-]++\s++){{0,3}}({nouns})\b", re.I)


@dataclass(slots=True)
class Entity:
    """A speaker of the article: canonical name, role, gender and kind."""

    name: str
    kind: str
    role: str | None = None
    gender: str = "-"
    keys: set[str] = field(default_factory=set)
    last_pos: int = -1


class Resolver:
    """Maps speaker mentions of one article to entities, in text order.

    :param text: the article text (scanned once for full names).
    :param masked: sorted ``(start, end)`` spans of the quotations, skipped when
        looking for the people a pronoun can refer to.
    :param settings: the limits of the search (``QuoteSettings``).
    """

    def __init__(
        self, text: str, masked: list[tuple[int, int]] | None = None, settings: QuoteSettings = SETTINGS
    ) -> None:
        self.text = text
        self.settings = settings
        self._masked = masked
        self._people: People | None = None
        self.entities: list[Entity] = []
        self._by_key: dict[str, Entity] = {}
        self._bearers: dict[str, list[Entity]] = {}  # every quoted entity with that surname, in order
        self._recent: dict[int, Entity] = {}
        self._lookups = 0

    def _full_name(self, m: Mention, words: str) -> str:
        """The fullest form of a one-word name in the article (``Aridi`` -> ``Yahya al-Aridi``).

        Looks at the occurrences of the surname (at most ``settings.full_name_max_hits``)
        and the capitalised words right before each; the last one before the
        mention wins, else the first one after it.
        """
        self._lookups += 1
        if self._lookups > self.settings.full_name_max_lookups:
            return words  # bounded work on pathological input
        surname = words.split()[-1].removesuffix("’s").removesuffix("'s")
        low = surname.lower()
        bare = strip_hyphen_particle(low)
        if bare != low:
            surname = surname[len(low) - len(bare) :]
        if len(surname) < 2 or not surname[0].isupper():
            return words
        best_before = best_after = None
        pos = self.text.find(surname)
        hits, most = 0, self.settings.full_name_max_hits
        text = self.text
        while pos >= 0 and hits < most:
            if pos > m.start and (best_before is not None or best_after is not None):
                break  # the answer can no longer change
            hits += 1
            end = pos + len(surname)
            if (end >= len(text) or not text[end].isalnum()) and _capital_before(text, pos, self.settings):
                full = self._name_before(pos, surname)
                if full is not None and _other_gender(full, m.gender):
                    full = None  # "Mr. Okafor" is not "Greta Okafor"
                if full is not None:
                    if pos <= m.start:
                        best_before = full
                    elif best_after is None:
                        best_after = full
            pos = text.find(surname, end)
        return best_before or best_after or words

    def _surname_after(self, word: str) -> str | None:
        """``Hillary`` -> ``Hillary Clinton``: a first name used alone, completed with the one
        surname that follows it in the article (None when it is no common first name, or when
        several people share it: unsure)."""
        if not is_first_name(word) or not word[:1].isupper():
            return None
        self._lookups += 1
        if self._lookups > self.settings.full_name_max_lookups:
            return None
        lex = lexicon()
        found: dict[str, int] = {}
        text, needle = self.text, word + " "
        at, hits, most = text.find(needle), 0, self.settings.full_name_max_hits
        while at >= 0 and hits < most:  # str.find, not a regex over the whole text
            hits += 1
            start = at + len(needle)
            if (at == 0 or not text[at - 1].isalnum()) and start < len(text) and text[start].isupper():
                m = SURNAME_AFTER_RE.match(text, start)
                if m is not None:
                    surname = m.group().removesuffix("’s").removesuffix("'s").rstrip("’'")
                    low = surname.lower()
                    if low not in lex.stop_capitals and low not in lex.org_words and low not in lex.titles:
                        found[surname] = found.get(surname, 0) + 1  # not "Bernie Campaign", "Hillary On"
            at = text.find(needle, start)
        if not found:
            return None
        best = max(found, key=found.__getitem__)
        # the surname of most of the first name's full mentions ("Hillary Rodham Clinton" once,
        # "Hillary Clinton" often); two people sharing it about equally: unsure
        return f"{word} {best}" if 2 * found[best] > sum(found.values()) else None

    def _name_before(self, pos: int, surname: str) -> str | None:
        lex = lexicon()
        found = _pre_name(self.text, max(0, pos - self.settings.pre_name_chars), pos, self.settings)
        if found is None:
            return None
        names = found[0].split()
        cut = max((k for k, w in enumerate(names) if w.lower().rstrip(".") in lex.titles), default=-1)
        names = names[cut + 1 :]
        if len(names) > 1:  # one word before the surname: nothing to trim (the common case)
            stop = max((k for k, w in enumerate(names) if w.lower() in lex.stop_capitals), default=-1)
            names = names[stop + 1 :]  # "Look How Trey Gowdy …" (a headline): no name goes through "How"
            first = next((k for k, w in enumerate(names) if is_first_name(w)), 0)
            names = names[first:]  # "… to Disavow Lindsey Graham": the name starts at its first name
        elif names and names[0].lower() in lex.stop_capitals:
            names = []
        names = names[-(self.settings.name_max_words - 1) :]
        if not names or any(w.lower() in lex.org_words for w in names):
            return None
        return " ".join(names) + " " + found[1] + surname

    def recent(self, gender: str = "-", kinds: tuple[str, ...] = ("name",)) -> Entity | None:
        """The most recently quoted entity of a compatible kind and gender."""
        for n, ent in enumerate(reversed(self._recent.values())):
            if n >= self.settings.recent_max:
                break
            if ent.kind not in kinds:
                continue
            if gender != "-" and ent.gender not in ("-", gender):
                continue
            return ent
        return None

    @property
    def people(self) -> People:
        """The article's entity registry, built on first use."""
        if self._people is None:
            self._people = People(self.text, self._masked, self.settings)
        return self._people

    def resolve(self, m: Mention, before: int | None = None) -> Speaker | None:
        """The :class:`Speaker` for mention ``m`` (registering a new entity if needed),
        or None when ``m`` is page furniture (a dateline, a section label, a credit).

        :param before: offset where the quotation's sentence starts; an ``it``
            with no organisation quoted yet looks for a document or organisation
            named before it (``An initial draft communique … quoted it``).
        """
        if m.kind in ("name", "org") and not_a_speaker(self.text, m):
            return None
        if m.parts:
            return self._coordinated(m)
        ent = None
        if m.kind == "pronoun":
            if m.key in ("he", "she"):
                # no fallback to the last speaker quoted: tried (2026-11-29), it named 15 more dev
                # pronouns of which about 4 right (silver), below the registry's own precision
                return self._person_speaker(m, self.people.antecedent(m.start, m.gender))
            if m.key != "it":
                return _unnamed(m)  # they, we, I, you: no single named person
            ent = self.recent(kinds=("org",))
            if ent is None and before is not None:
                ent = self._document_before(before)
        elif m.kind == "desc":
            named = _appositive_name(self.text, m.end, self.settings)
            if named is not None and not _plural(m.key):
                # "another friend, Ann Lee, told the paper": the description names its person right after
                key = named.split()[-1].lower()
                ent = self._by_key.get(key)
                if ent is None or not _same_person(ent.name, named):
                    ent = self._add(Entity(named, "name", m.text, first_name_gender(named.split()[0])), (key,))
                ent.last_pos = m.start
                self._recent.pop(id(ent), None)
                self._recent[id(ent)] = ent
                return Speaker(name=ent.name, mention=m.text, start=m.start, end=m.end, role=m.role or m.text)
            if m.text.split(None, 1)[0].lower() in INDEFINITE:
                return _unnamed(m)  # "a spokesman said": someone new, not a person named before
            if _plural(m.key):
                return _unnamed(m)  # "the delegates said": a group, never one person
            person = self.people.by_role(m.key, m.start)
            if person is None:
                person = next(
                    (
                        self.people.person_named(e.name.split()[-1], m.start)
                        for e in islice(reversed(self._recent.values()), self.settings.recent_max)
                        if e.kind == "name" and e.role and m.key in e.role.lower().split()
                    ),
                    None,
                )
            if person is not None and not self.people.fits_modifiers(person, m.text, m.start):
                person = None  # "the Vermont senator" is no senator never placed in Vermont
            return self._person_speaker(m, person)
        else:
            words = m.alias or m.text
            ent = self._by_key.get(m.key)
            if m.kind == "name" and " " not in words and len(self._bearers.get(m.key, ())) > 1:
                ent = self._most_named(m.key, m.start) or ent  # "Trump said" after "Ivanka Trump" spoke
            if ent is not None and m.kind == "name" and not _same_person(ent.name, words):
                ent = None  # "Greta Okafor" after "Hugo Okafor": another person, same surname
            if ent is not None and m.alias is None and m.gender in ("m", "f") and ent.gender not in ("-", m.gender):
                ent = None  # "Mr. Okafor" after "Greta Okafor": another person, same surname
            if ent is None:
                if "s " in words:  # the quick test: "The Harbour Gazette’s Ann Lee" -> "Ann Lee"
                    words = _person_after_possessor(words, self.settings)
                name = words if m.kind != "name" or " " in words else self._full_name(m, words)
                if name == words and m.kind == "name" and " " not in words:
                    name = self._surname_after(words) or words  # "Hillary" -> "Hillary Clinton"
                gender = m.gender
                if gender == "-" and m.kind == "name" and " " in name:
                    gender = first_name_gender(name.split()[0])
                ent = self._add(Entity(name, m.kind, m.role, gender), (m.key,))
            else:
                ent.role = ent.role or m.role
                if ent.gender == "-":
                    ent.gender = m.gender
        if ent is None:
            return _unnamed(m)
        ent.last_pos = m.start
        self._recent.pop(id(ent), None)
        self._recent[id(ent)] = ent  # most recently quoted last
        return Speaker(name=ent.name, mention=m.text, start=m.start, end=m.end, role=ent.role)

    def _person_speaker(self, m: Mention, person: Person | None) -> Speaker:
        """A pronoun or description resolved to ``person`` (or left unnamed when None)."""
        if person is None:
            return _unnamed(m)
        self.people.note(m.start, person)
        ent = self._by_key.get(person.key)
        if ent is not None and ent.kind == "name" and _same_person(ent.name, person.name):
            name, role = ent.name, ent.role or person.role_text
            ent.last_pos = m.start
            self._recent.pop(id(ent), None)
            self._recent[id(ent)] = ent
        else:
            name, role = person.name, person.role_text
            if " " not in name:
                # "Bob said …" read alone: "Bob Lund" if named so; "Tulov said …": "Erlan Tulov"
                name = self._surname_after(name) or self._full_name(m, name)
        return Speaker(name=name, mention=m.text, start=m.start, end=m.end, role=m.role or role)

    def _coordinated(self, m: Mention) -> Speaker:
        """``Ann Lee and Bo Chen said``: one speaker whose name joins the parts' names."""
        names = []
        for part in m.parts:
            sp = self.resolve(part)
            names.append(sp.name if sp is not None and sp.name else part.text)
        return Speaker(name=" and ".join(names), mention=m.text, start=m.start, end=m.end, role=None)

    def _document_before(self, before: int) -> Entity | None:
        """The last ``the/a … NOUN`` organisation or document phrase before ``before``."""
        lo = max(0, before - self.settings.document_lookback_chars)
        last = None
        for m in _document_re().finditer(self.text, lo, before):
            last = m
        if last is None:
            return None
        phrase = " ".join(last.group().split())
        head = last.group(1).lower()
        ent = self._by_key.get(head)
        return ent or self._add(Entity(phrase, "org", None, "n"), (head,))

    def _add(self, ent: Entity, keys: tuple[str, ...]) -> Entity:
        self.entities.append(ent)
        for k in keys:
            self._by_key[k] = ent  # a surname now means its latest bearer
            self._bearers.setdefault(k, []).append(ent)
            ent.keys.add(k)
        return ent

    def _most_named(self, key: str, pos: int) -> Entity | None:
        """A lone surname shared by several quoted people of the article (a family): the one whose
        full name the article uses most before ``pos`` (``Tomas Okafor`` three times, ``Lina
        Okafor`` once: ``Okafor`` is Tomas). None on a tie or past the lookup budget (the latest
        quoted bearer then stands)."""
        self._lookups += 1
        if self._lookups > self.settings.full_name_max_lookups:
            return None  # bounded work on pathological input
        counts = [
            (self.text.count(e.name, 0, pos), n, e)
            for n, e in enumerate(self._bearers[key][-self.settings.bearers_compared :])
            if " " in e.name
        ]
        counts.sort(key=lambda c: (c[0], c[1]), reverse=True)
        if len(counts) < 2 or counts[0][0] == counts[1][0]:
            return None
        return counts[0][2]


def _person_after_possessor(words: str, settings: QuoteSettings) -> str:
    """``The Harbour Gazette’s Ann Lee`` -> ``Ann Lee``: when a mention names a body and then,
    after its possessive, a person (two to four capitalised words, none of them an organisation word,
    a title or a function word; the first a common first name, or the possessor a body: an
    organisation word or a determiner in it), the person is the speaker; else ``words`` unchanged."""
    cut = max(words.rfind("’s "), words.rfind("'s "))
    if cut < 0:
        return words
    head, tail = words[:cut].split(), words[cut + 3 :].split()
    lex = lexicon()
    lows = [w.lower().rstrip(".") for w in tail]
    if not 2 <= len(tail) <= settings.name_max_words or not all(w[:1].isupper() for w in tail):
        return words
    if any(w in lex.org_words or w in lex.titles or w in lex.stop_capitals for w in lows):
        return words
    body = any(w.lower() in lex.org_words or w.lower() in lex.determiners for w in head)
    return " ".join(tail) if body or is_first_name(tail[0]) else words


def _appositive_name(text: str, end: int, settings: QuoteSettings) -> str | None:
    """``the spokesman, Bo Chen, said`` / ``another friend, Ann Lee told``: a full name (two to four
    capitalised words, neither a title, an organisation nor a function word) set off by a comma right
    after a description, closed by a comma, a period or a speech verb; None otherwise."""
    if not text.startswith((", ", ",\u00a0"), end):
        return None
    run = NAME_RUN_RE.match(text, end + 2)
    if run is None:
        return None
    words = run.group().replace("\u00a0", " ").split(" ")
    lex = lexicon()
    lows = [w.lower().rstrip(".") for w in words]
    if not 2 <= len(words) <= settings.name_max_words or any(w in lex.titles or w in lex.org_words for w in lows):
        return None
    if lows[0] in lex.stop_capitals or lows[-1] in not_surnames() or words[-1].endswith(("’s", "'s")):
        return None
    after = text[run.end() : run.end() + settings.appositive_after_chars]
    verb = after.split(None, 1)[0].strip(",.") if after.strip() else ""
    if not (after[:1] in ",." or verb in lex.speech_verbs):
        return None
    return " ".join(words).rstrip(".")


def _capital_before(text: str, pos: int, settings: QuoteSettings) -> bool:
    """A hyphen, or a word with a capital letter (or a particle), right before ``pos``: the
    only places where :func:`_pre_name` can find a name."""
    if pos < 2:
        return False
    if text[pos - 1] == "-":
        return True
    if text[pos - 1] != " ":
        return False
    lo = max(0, pos - settings.pre_name_word_chars)
    j = text.rfind(" ", lo, pos - 1)
    word = text[j + 1 if j >= 0 else lo : pos - 1]
    # a lowercase word ("said", "the": most of them) has no capital: answered without a loop
    return word in PRE_NAME_PARTICLES or (not word.islower() and any(c.isupper() for c in word))


def _pre_name(text: str, lo: int, pos: int, settings: QuoteSettings) -> tuple[str, str] | None:
    """The capitalised words (with inner particles) that end right before ``pos`` and the
    hyphen prefix glued to the surname: ``Yahya al-`` -> (``Yahya ``, ``al-``). Read backwards,
    word by word, at most ``settings.pre_name_max_words`` words, not before ``lo``."""
    prefix = ""
    if pos > lo and text[pos - 1] == "-":
        tail = text[max(lo, pos - 4) : pos]
        prefix = next((p for p in PRE_NAME_PREFIXES if tail.endswith(p)), "")
    end = pos - len(prefix)
    start = end
    words = 0
    k = end
    while words < settings.pre_name_max_words and k - 1 > lo and text[k - 1] == " ":
        s = text.rfind(" ", lo, k - 1) + 1 or lo
        token = text[s : k - 1]
        if token in PRE_NAME_PARTICLES:
            k = s
            continue
        if PRE_NAME_WORD_RE.fullmatch(token):
            inner = 0
        else:  # a word glued to a mark or another word: its capitalised tail
            inner = next(
                (i for i in range(1, len(token)) if token[i].isupper() and PRE_NAME_WORD_RE.fullmatch(token, i)), -1
            )
            if inner < 0:
                break
        words += 1
        start = k = s + inner
        if inner:
            break  # a word glued to something before it ("“Saturday"): nothing further back
    if words == 0:
        return None
    return text[start:end], prefix


def _other_gender(name: str, gender: str) -> bool:
    """True when the first name of ``name`` is of the other gender than a known ``gender``."""
    return gender in ("m", "f") and first_name_gender(name.split()[0]) not in ("-", gender)


def _plural(head: str) -> bool:
    """A plural head noun (``delegates``, ``officials``, ``people``): a group, not one person."""
    if head in PLURAL_HEADS:
        return True
    return head.endswith("s") and not head.endswith("ss") and head[:-1] in lexicon().speaker_nouns


def _unnamed(m: Mention) -> Speaker:
    """The mention kept, no name given."""
    return Speaker(name=None, mention=m.text, start=m.start, end=m.end, role=m.role)


def _same_person(known: str, words: str) -> bool:
    """False when two names share a surname but differ in first name (Hugo / Greta Okafor)."""
    a, b = known.split(), words.split()
    if len(a) < 2 or len(b) < 2:
        return True
    return a[0].lower().rstrip(".") == b[0].lower().rstrip(".") or len(b[0].rstrip(".")) == 1
