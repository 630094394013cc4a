"""Word lists of the quote stage, loaded once from ``newsstream/data/quotes/``.

Each list is a small text file documented in that folder's README; this module
turns them into frozen sets and dicts, built on first use and cached.

Example::

    >>> "said" in lexicon().speech_verbs
    True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

DATA_PACKAGE = "newsstream"
DATA_FOLDER = "data/quotes"


def _lines(name: str) -> list[str]:
    """Non-blank, non-comment lines of one data file."""
    path = resources.files(DATA_PACKAGE).joinpath(*DATA_FOLDER.split("/"), name)
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Every word list the quote stage uses (all lowercase)."""

    speech_verbs: frozenset[str]
    cue_phrases: tuple[tuple[str, ...], ...]
    cue_phrases_by_first: dict[str, tuple[tuple[str, ...], ...]]
    titles: dict[str, tuple[str, str]]
    particles: frozenset[str]
    hyphen_particles: tuple[str, ...]
    pronouns: dict[str, tuple[str, str]]
    speaker_nouns: frozenset[str]
    org_nouns: frozenset[str]
    org_words: frozenset[str]
    stop_capitals: frozenset[str]
    skip_words: frozenset[str]
    determiners: frozenset[str]
    prepositions: frozenset[str]
    inner_verbs: frozenset[str]
    abbreviations: frozenset[str]
    speech_nouns: frozenset[str]


def _with_apostrophes(words) -> set[str]:
    """Each word with both apostrophe spellings (it’s, it's)."""
    out = set()
    for w in words:
        out.add(w)
        out.add(w.replace("’", "'"))
    return out


@cache
def lexicon() -> Lexicon:
    """Load and cache every word list."""
    verbs = frozenset(w.lower() for line in _lines("speech_verbs.txt") for w in line.split())
    phrases = tuple(sorted((tuple(line.lower().split()) for line in _lines("cue_phrases.txt")), key=len, reverse=True))
    titles = {}
    for line in _lines("titles.txt"):
        word, kind, gender = line.split()
        titles[word.lower()] = (kind, gender)
    particles = [p.lower() for p in _lines("particles.txt")]
    pronouns = {}
    for line in _lines("pronouns.txt"):
        word, gender, number = line.split()
        pronouns[word.lower()] = (gender, number)
    nouns, orgs = set(), set()
    for line in _lines("speaker_nouns.txt"):
        word, _, tag = line.lower().partition(":")
        nouns.add(word)
        if tag == "org":
            orgs.add(word)
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:  # longest first
        by_first.setdefault(phrase[0], []).append(phrase)
    return Lexicon(
        speech_verbs=verbs,
        cue_phrases=phrases,
        cue_phrases_by_first={k: tuple(v) for k, v in by_first.items()},
        titles=titles,
        particles=frozenset(p for p in particles if not p.endswith("-")),
        hyphen_particles=tuple(p for p in particles if p.endswith("-")),
        pronouns=pronouns,
        speaker_nouns=frozenset(nouns),
        org_nouns=frozenset(orgs),
        org_words=frozenset(w.lower() for w in _lines("org_words.txt")),
        stop_capitals=frozenset(_with_apostrophes(w.lower() for w in _lines("stop_capitals.txt"))),
        skip_words=frozenset(w.lower() for w in _lines("skip_words.txt")),
        determiners=frozenset(w.lower() for w in _lines("determiners.txt")),
        prepositions=frozenset(w.lower() for w in _lines("prepositions.txt")),
        inner_verbs=frozenset(w.lower() for w in _lines("inner_verbs.txt")),
        abbreviations=frozenset(w.lower() for w in _lines("abbreviations.txt")),
        speech_nouns=frozenset(w.lower() for w in _lines("speech_nouns.txt")),
    )


@cache
def rule_words() -> dict[str, frozenset[str]]:
    """The named closed-class lists of ``rule_words.txt`` (``name: word word …`` per line)."""
    out = {}
    for line in _lines("rule_words.txt"):
        name, _, words = line.partition(":")
        out[name.strip()] = frozenset(w.lower() for w in words.split())
    return out
