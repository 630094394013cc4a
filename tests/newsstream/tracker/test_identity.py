"""Quotation identity on invented quotations: normalisation, exact, excerpt, near-duplicate,
speaker-awareness, bounds."""

from __future__ import annotations

import dataclasses
import random

from newsstream.tracker.identity import MatchOptions, QuotationIndex
from newsstream.tracker.normalise import normalise, speaker_bucket
from newsstream.tracker.pairs import generate

LONG = ("We will rebuild every footbridge along the Marrow canal before the autumn floods arrive, "
        "and no household on the east bank will be left without a crossing.")
OTHER = ("The footbridges along the Marrow canal were neglected for a decade, and the autumn floods "
         "will expose every one of those decisions.")


def test_normalise_ignores_case_punctuation_quote_marks_unicode() -> None:
    assert normalise("\u201cWe won\u2019t  stop\u2014ever!\u201d") == normalise('"we WONT stop - ever"')
    assert normalise("Cafe\u0301 na\u00efve") == normalise("café naive") == "cafe naive"


def test_speaker_bucket_is_the_surname() -> None:
    assert speaker_bucket("Maria Okafor") == speaker_bucket("Okafor") == speaker_bucket("Ms. OKAFOR") == "okafor"
    assert speaker_bucket("Leon Brandt Jr.") == "brandt"
    assert speaker_bucket(None) is None and speaker_bucket("  ") is None


def test_exact_after_normalisation() -> None:
    index = QuotationIndex()
    first = index.observe("Maria Okafor", LONG)
    again = index.observe("Okafor", "\u2018" + LONG.upper().replace(",", "") + "\u2019")
    assert first is not None and again is not None
    assert (first.kind, again.kind) == ("new", "exact")
    assert again.quotation_id == first.quotation_id


def test_excerpt_both_ways_and_longest_form_wins() -> None:
    index = QuotationIndex()
    short = index.observe("Maria Okafor", "rebuild every footbridge along the Marrow canal")
    full = index.observe("Maria Okafor", LONG)
    assert short is not None and full is not None
    assert full.quotation_id == short.quotation_id and full.kind == "excerpt" and full.longer
    assert index.canonical_words(short.quotation_id) == tuple(normalise(LONG).split())
    later = index.observe("Okafor", "no household on the east bank will be left without a crossing")
    assert later is not None and later.quotation_id == short.quotation_id


def test_edited_copy_is_a_near_duplicate() -> None:
    index = QuotationIndex()
    first = index.observe("Maria Okafor", LONG)
    edited = LONG.replace("no household", "not one household").replace("arrive", "come")
    second = index.observe("Maria Okafor", edited)
    assert first is not None and second is not None
    assert second.kind == "near" and second.quotation_id == first.quotation_id


def test_same_speaker_same_topic_different_quotation_stays_apart() -> None:
    index = QuotationIndex()
    a = index.observe("Maria Okafor", LONG)
    b = index.observe("Maria Okafor", OTHER)
    assert a is not None and b is not None and a.quotation_id != b.quotation_id


def test_other_speaker_same_words_stays_apart() -> None:
    index = QuotationIndex()
    a = index.observe("Maria Okafor", LONG)
    b = index.observe("Piet Lindqvist", LONG)
    assert a is not None and b is not None and a.quotation_id != b.quotation_id


def test_short_runs_do_not_merge() -> None:
    index = QuotationIndex()
    a = index.observe("Maria Okafor", LONG)
    b = index.observe("Maria Okafor", "the autumn floods")  # 3 words: below min_excerpt_words
    assert a is not None and b is not None and a.quotation_id != b.quotation_id


def test_unattributed_or_empty_is_not_tracked() -> None:
    index = QuotationIndex()
    assert index.observe(None, LONG) is None
    assert index.observe("Maria Okafor", " — ") is None


def test_ids_are_deterministic_across_indexes() -> None:
    a = QuotationIndex().observe("Maria Okafor", LONG)
    b = QuotationIndex().observe("Okafor", LONG.lower())
    assert a is not None and b is not None and a.quotation_id == b.quotation_id


def test_memory_is_bounded_and_evicted_entries_leave_the_shingle_index() -> None:
    index = QuotationIndex(dataclasses.replace(MatchOptions(), max_quotations=5, max_per_bucket=3))
    rng = random.Random(5)
    vocabulary = [f"w{n}" for n in range(500)]  # random texts: no two match
    ids = [index.observe("Maria Okafor" if i % 2 else "Piet Lindqvist", " ".join(rng.sample(vocabulary, 20)))
           for i in range(12)]
    assert len({m.quotation_id for m in ids if m}) == 12
    assert len(index) <= 5
    assert sum(1 for m in ids if m and m.quotation_id in index) == len(index)
    assert all(len(b) <= 3 for b in index._buckets.values())
    held = {(e.bucket, s, id(f)) for e in index._entries.values() for f in e.forms for s in f.shingles}
    posted = {(b, s, id(f)) for b, postings in index._postings.items() for s, forms in postings.items() for f in forms}
    assert posted == held  # every shingle of every held quotation, and nothing of an evicted one


def test_generated_pairs_precision_and_recall() -> None:
    """The bench's set in miniature: pairwise decisions must be mostly right both ways."""
    pairs = generate(120, seed=3)
    tp = fp = fn = 0
    for p in pairs:
        index = QuotationIndex()
        a, b = index.observe(p.speaker_a, p.text_a), index.observe(p.speaker_b, p.text_b)
        same = a is not None and b is not None and a.quotation_id == b.quotation_id
        tp += same and p.same
        fp += same and not p.same
        fn += p.same and not same
    assert tp / (tp + fp) >= 0.95 and tp / (tp + fn) >= 0.85


def test_surname_resolves_to_the_one_full_name() -> None:
    from newsstream.tracker.normalise import SpeakerNames

    names = SpeakerNames()
    assert names.resolve("Okafor") == "Okafor"
    names.see("Maria Okafor")
    assert names.resolve("Okafor") == "Maria Okafor" and names.resolve("Piet Lindqvist") == "Piet Lindqvist"
    names.see("Chidi Okafor")  # namesakes: the surname alone is ambiguous
    assert names.resolve("Okafor") == "Okafor"


def test_tracker_setting_auto_follows_the_web_port() -> None:
    import pytest

    from newsstream.config import ConfigError, Settings

    assert not Settings.from_env({}).tracker_enabled()
    assert Settings.from_env({"NEWSSTREAM_WEB_PORT": "8080"}).tracker_enabled()
    assert not Settings.from_env({"NEWSSTREAM_WEB_PORT": "8080", "NEWSSTREAM_TRACKER": "off"}).tracker_enabled()
    assert Settings.from_env({"NEWSSTREAM_TRACKER": "ON"}).tracker_enabled()
    with pytest.raises(ConfigError):
        Settings.from_env({"NEWSSTREAM_TRACKER": "sometimes"})
