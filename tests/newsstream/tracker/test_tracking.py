"""A batch of sightings through the tracker's pure core (what one message of the through topic
does in the worker), the batched sightings messages, and indexed forms surviving a restart.
Invented quotations only."""

from __future__ import annotations

import pytest

from newsstream.tracker.identity import QuotationIndex
from newsstream.tracker.sightings import by_partition, unpack
from newsstream.tracker.tracking import Tracker

FULL = ("The lighthouse keepers on the Selby coast will keep their cottages, and the harbour board "
        "will pay for every roof that the winter storms tore off last year")
# the same quotation re-typed by another outlet: a few words changed, a clause added at the end
RETYPED = ("The lighthouse keepers on the Selby shore will keep their cottages, and the harbour board "
           "will pay for each roof that the winter storms tore off last year, all of them, without delay")
PHRASE = "the lighthouse keepers on the Selby coast will keep their cottages"  # a run of FULL only


def _sighting(article: str, text: str, speaker: str = "Oona Brack", co: list[str] | None = None) -> dict:
    return {"bucket": "brack", "speaker": speaker, "text": text, "article_id": article,
            "url": f"https://saltmarsh.example/{article}", "source": "saltmarsh.example",
            "time": "2026-04-02T09:00:00+00:00", "co": co or []}


def test_a_batch_writes_each_quotation_once_and_counts_each_article_once() -> None:
    tracker = Tracker()
    batch = [_sighting("a1", FULL, co=["Ivo Marsh"]), _sighting("a2", FULL.upper(), speaker="Brack"),
             _sighting("a2", FULL), _sighting("a3", PHRASE)]
    changes = tracker.track(batch, lambda qid: None)
    (qid,) = changes.records  # one quotation, one record to write
    record = changes.records[qid]
    assert record["occurrences"] == 3  # a2 quoting it twice counts once
    assert [a["article_id"] for a in record["articles"]] == ["a1", "a2", "a3"]
    window = changes.window_value("Oona Brack", {"quotes": 2, "co": {"Ivo Marsh": 1}, "latest": ["older"]})
    assert window["quotes"] == 5 and window["co"] == {"Ivo Marsh": 2} and window["latest"] == ["older", qid]
    again = tracker.track([_sighting("a1", FULL)], lambda q: record if q == qid else None)
    assert again.records == {qid: record}  # a replayed article changes neither the record (written again)
    assert again.window_value("Oona Brack", window) == window  # nor the window that counted it


def test_a_redo_counts_a_sighting_once_whichever_write_a_crash_lost() -> None:
    """A crash saved the record but not the window (or the other way round); the redo of the
    same sightings completes the one that was lost and leaves the other as it was."""
    tracker = Tracker()
    batch = [_sighting("a1", FULL), _sighting("a2", FULL)]
    first = tracker.track(batch, lambda qid: None)
    (qid, record), = first.records.items()
    window = first.window_value("Oona Brack", None)
    assert record["occurrences"] == 2 and window["quotes"] == 2
    record_only = tracker.track(batch, lambda q: record)  # the window's write was lost
    assert record_only.records == {qid: record} and record_only.window_value("Oona Brack", None)["quotes"] == 2
    window_only = Tracker().track(batch, lambda q: None)  # the record's write was lost (fresh index)
    assert window_only.records[qid]["occurrences"] == 2
    assert window_only.window_value("Oona Brack", window) == window


def test_a_form_stays_indexed_when_a_longer_form_becomes_canonical() -> None:
    index = QuotationIndex()
    first = index.observe("Oona Brack", FULL)
    longer = index.observe("Oona Brack", RETYPED)  # near-duplicate, longer: the new canonical text
    assert first is not None and longer is not None
    assert longer.quotation_id == first.quotation_id and longer.kind == "near" and longer.longer
    excerpt = index.observe("Brack", PHRASE)  # a run of the first form only ("coast", not "shore")
    assert excerpt is not None and excerpt.quotation_id == first.quotation_id and excerpt.kind == "excerpt"


def test_a_text_around_an_older_form_but_not_the_canonical_is_another_quotation() -> None:
    index = QuotationIndex()
    phrase = index.observe("Oona Brack", PHRASE)
    full = index.observe("Oona Brack", FULL)  # contains the phrase: the phrase's quotation, now canonical
    other = index.observe("Oona Brack", f"{PHRASE} but the boathouse by the pier will be sold in spring")
    assert phrase is not None and full is not None and other is not None
    assert full.quotation_id == phrase.quotation_id
    assert other.quotation_id != phrase.quotation_id  # shares the phrase, not the quotation


def test_forms_kept_in_the_record_give_a_restarted_index_the_same_answers() -> None:
    tracker = Tracker()
    changes = tracker.track([_sighting("a1", FULL), _sighting("a2", RETYPED)], lambda qid: None)
    (record,) = changes.records.values()
    assert len(record["forms"]) == 2 and record["forms"][0].endswith("without delay")
    restarted = Tracker()
    restarted.load([record])
    match = restarted.index.observe("Oona Brack", PHRASE)
    assert match is not None and match.quotation_id == record["id"]
    legacy = QuotationIndex()  # a record written before forms were kept: its text alone
    legacy.load(record["id"], "brack", record["text"])
    assert legacy.canonical_words(record["id"]) is not None


def test_ties_are_decided_by_content_not_by_order() -> None:
    """A run of words two quotations share, equally long: both orders of the two give it the same
    quotation (a restarted worker does not know which was seen last)."""
    shared = "and the harbour board will pay for every roof"
    texts = [f"the ferry will run twice a day {shared}", f"the school will reopen in the autumn {shared}"]
    answers = []
    for order in (texts, texts[::-1]):
        index = QuotationIndex()
        ids = {text: index.observe("Oona Brack", text).quotation_id for text in order}
        assert len(set(ids.values())) == 2
        excerpt = index.observe("Oona Brack", shared)
        assert excerpt is not None and excerpt.kind == "excerpt"
        answers.append(next(text for text, qid in ids.items() if qid == excerpt.quotation_id))
    assert answers[0] == answers[1]


def test_sightings_go_in_one_message_per_partition_and_come_back_out() -> None:
    found = [("brack", _sighting("a1", FULL)), ("marsh", {**_sighting("a1", PHRASE, "Ivo Marsh"), "bucket": "marsh"}),
             ("brack", _sighting("a2", PHRASE)), ("vell", {**_sighting("a3", FULL, "Tam Vell"), "bucket": "vell"})]
    messages = by_partition(found, {"brack": 1, "marsh": 0, "vell": 1}.__getitem__)
    assert sorted(messages) == [0, 1] and messages[1][0] == "brack" and messages[0][0] == "marsh"
    assert [(s["bucket"], s["article_id"]) for s in unpack(messages[1][1])] == [
        ("brack", "a1"), ("brack", "a2"), ("vell", "a3")]  # in the order they came
    assert unpack(_sighting("a9", FULL)) == [_sighting("a9", FULL)]  # one sighting: the format before batches
    with pytest.raises(ValueError):
        unpack({"unexpected": True})
