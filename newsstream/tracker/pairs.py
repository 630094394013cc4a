"""A labelled set of quotation pairs, generated from invented text (no corpus data).

Quotations are built from invented clause templates filled with invented topic words, so two
quotations of one speaker on one topic share template words and topic nouns (hard negatives).
Positive pairs apply what happens to a quotation between outlets: case, punctuation and quote
marks changed, a word swapped or dropped (syndication edits), a contiguous excerpt (partial
re-quote), an excerpt with an edit, or the speaker given by surname only. Used by
``bench/tracker.py`` and the unit tests; deterministic for a seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from newsstream.tracker.normalise import normalise

TEMPLATES = (
    "we will {verb} the {noun} before the {season} and nobody in {place} will be left waiting",
    "the {noun} in {place} has been ignored for years and we intend to {verb} it properly",
    "I told the council that the {noun} cannot wait another {season}",
    "people in {place} deserve a {noun} that works and they deserve it now",
    "this is not about politics it is about whether the {noun} will still be there next {season}",
    "if we fail to {verb} the {noun} the cost will fall on families in {place}",
    "nobody should have to choose between a {noun} and a warm home in {place}",
    "my office has asked for a full account of how the {noun} money was spent",
    "we have a plan to {verb} the {noun} and we will publish every figure behind it",
    "I am not going to pretend that the {noun} problem in {place} is simple",
    "the numbers on the {noun} are worse than anyone in {place} expected",
    "our job is to {verb} the {noun} and then get out of the way",
)
TOPICS = {
    "transport": {"noun": ["ferry service", "tram line", "bus depot", "canal bridge", "rail link"],
                  "verb": ["repair", "reopen", "extend", "rebuild"]},
    "health": {"noun": ["clinic", "night ward", "ambulance fleet", "dental service", "maternity unit"],
               "verb": ["staff", "reopen", "fund", "expand"]},
    "housing": {"noun": ["rent cap", "housing list", "tower block", "building permit", "shelter"],
                "verb": ["review", "raise", "clear", "replace"]},
    "energy": {"noun": ["grid upgrade", "heat pump grant", "wind farm", "power line", "fuel subsidy"],
               "verb": ["approve", "connect", "finish", "renew"]},
}
PLACES = ["Varrow", "Lindqvist Bay", "Port Amsel", "the northern valleys", "Oskari Heights", "Threlby"]
SEASONS = ["winter", "summer", "harvest", "election", "spring"]
SPEAKERS = ["Maria Okafor", "Tomas Veldhuis", "Ines Carrow", "Dev Patanjali", "Greta Holmqvist",
            "Samuel Odunsi", "Lena Marchetti", "Arjun Reddington"]
SYNONYMS = {"nobody": "no one", "people": "residents", "years": "decades", "full": "complete",
            "problem": "issue", "worse": "far worse", "plan": "proper plan", "cost": "bill"}
MARKS = [("\u201c", "\u201d"), ('"', '"'), ("\u2018", "\u2019"), ("", "")]


@dataclass(frozen=True, slots=True)
class Pair:
    """Two sightings of quotations: speaker and text each; ``same``: one quotation; ``kind``:
    how the second was made from the first (or ``different`` for a hard negative)."""

    speaker_a: str
    text_a: str
    speaker_b: str
    text_b: str
    same: bool
    kind: str


def _fill(rng: random.Random, template: str, topic: str) -> str:
    words = TOPICS[topic]
    return template.format(noun=rng.choice(words["noun"]), verb=rng.choice(words["verb"]),
                           place=rng.choice(PLACES), season=rng.choice(SEASONS))


def _quotation(rng: random.Random, topic: str) -> str:
    """Two or three filled clauses: 20 to 50 words."""
    clauses = [_fill(rng, t, topic) for t in rng.sample(TEMPLATES, rng.randint(2, 3))]
    return ". ".join(c[0].upper() + c[1:] for c in clauses) + "."


def _restyle(rng: random.Random, text: str) -> str:
    """Case, punctuation, quote marks and white space changed; the words kept."""
    out = text.replace(". ", rng.choice([", ", "; ", " — ", ".  "]))
    out = out.upper() if rng.random() < 0.2 else out.lower() if rng.random() < 0.3 else out
    left, right = rng.choice(MARKS)
    return f"{left}{out.rstrip('.')}{rng.choice(['.', '!', '...', ''])}{right}"


def _edit(rng: random.Random, text: str) -> str:
    """One or two syndication edits: a synonym, a dropped word, a cut last clause."""
    words = text.split()
    for _ in range(rng.randint(1, 2)):
        choice = rng.random()
        swappable = [i for i, w in enumerate(words) if w.strip(".,").lower() in SYNONYMS]
        if choice < 0.5 and swappable:
            i = rng.choice(swappable)
            words[i] = SYNONYMS[words[i].strip(".,").lower()]
        elif choice < 0.8 and len(words) > 8:
            del words[rng.randrange(1, len(words) - 1)]
        else:
            words.insert(rng.randrange(1, len(words)), rng.choice(["really", "simply", "frankly"]))
    return " ".join(words)


def _excerpt(rng: random.Random, text: str, low: int = 6, high: int = 16) -> str:
    words = text.split()
    size = min(len(words), rng.randint(low, high))
    start = rng.randrange(0, len(words) - size + 1)
    return " ".join(words[start:start + size]).strip(".,")


def _surname(name: str) -> str:
    return name.split()[-1]


POSITIVES = {
    "restyled": lambda rng, t: _restyle(rng, t),
    "edited": lambda rng, t: _edit(rng, t),
    "edited_restyled": lambda rng, t: _restyle(rng, _edit(rng, t)),
    "excerpt": lambda rng, t: _excerpt(rng, t),
    "excerpt_edited": lambda rng, t: _edit(rng, _excerpt(rng, t, 10, 18)),
    "full_after_excerpt": None,  # the excerpt comes first, the full quotation second
}


def generate(n_pairs: int = 300, seed: int = 12) -> list[Pair]:
    """``n_pairs`` pairs, about half positive (every kind of :data:`POSITIVES`, the speaker
    sometimes given by surname only) and half hard negatives (same speaker, same topic)."""
    rng = random.Random(seed)
    pairs: list[Pair] = []
    kinds = list(POSITIVES)
    while len(pairs) < n_pairs:
        speaker = rng.choice(SPEAKERS)
        topic = rng.choice(list(TOPICS))
        text = _quotation(rng, topic)
        other_speaker = _surname(speaker) if rng.random() < 0.3 else speaker
        if len(pairs) % 2 == 0:
            kind = kinds[(len(pairs) // 2) % len(kinds)]
            if kind == "full_after_excerpt":
                pairs.append(Pair(speaker, _excerpt(rng, text), other_speaker, text, True, kind))
            else:
                pairs.append(Pair(speaker, text, other_speaker, POSITIVES[kind](rng, text), True, kind))
        else:
            other = _quotation(rng, topic)
            if rng.random() < 0.5:  # an excerpt of a different quotation on the same topic
                other = _excerpt(rng, other)
            if normalise(other) in normalise(text):  # only stock words: ambiguous, not a label
                continue
            pairs.append(Pair(speaker, text, other_speaker, other, False, "different"))
    return pairs


def articles(n: int, seed: int = 7, repeat_share: float = 0.3, per_article: int = 4) -> list[dict[str, str]]:
    """``n`` invented raw articles of ``per_article`` attributed quotations each; a share
    ``repeat_share`` of the quotations are syndicated forms (restyled, edited, excerpt) of an
    earlier one, the rest new. For bench/tracker.py's throughput runs."""
    rng = random.Random(seed)
    seen: list[tuple[str, str]] = []
    out = []
    for i in range(n):
        paragraphs = [f"Council report {i}", f"Officials met on day {i} to discuss the budget."]
        for _ in range(per_article):
            if seen and rng.random() < repeat_share:
                speaker, text = rng.choice(seen)
                text = rng.choice([_restyle, _edit, _excerpt])(rng, text).strip("\u201c\u201d\u2018\u2019\"")
            else:
                speaker, text = rng.choice(SPEAKERS), _quotation(rng, rng.choice(list(TOPICS)))
                seen.append((speaker, text))
            name = speaker if rng.random() < 0.7 else _surname(speaker)
            paragraphs.append(f"\u201c{text.rstrip('.')},\u201d said {name}.")
        out.append({"id": f"tracker-{seed}-{i}", "text": "\n\n".join(paragraphs),
                    "source": rng.choice(["harbourdaily.example", "valepost.example", "riverwire.example"])})
    return out
