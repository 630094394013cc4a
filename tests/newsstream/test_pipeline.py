from __future__ import annotations

from newsstream import PIPELINE_VERSION
from newsstream.decode import decode_raw
from newsstream.pipeline import process, quote_messages, quotes_only
from newsstream.schemas import validate

TEXT = ("Council approves budget\n\n"
        "“This protects services,” said Mayor Elena Kovacs.\n\n"
        "Opposition leader David Brennan called the plan “wishful thinking”.")


def test_process_produces_valid_enriched_records_with_speaker_summary():
    raw = decode_raw(('{"id": "b1", "text": ' + __import__("json").dumps(TEXT) + "}").encode(), max_bytes=10**6)
    enriched = process(raw)
    record = enriched.to_dict()
    validate("articles.enriched", record)
    assert record["pipeline_version"] == PIPELINE_VERSION
    assert {"cleaned_at", "enriched_at"} <= set(record["processed"])
    names = [s["name"] for s in record["speakers"]]
    assert len(names) == len(set(names))
    for summary in record["speakers"]:
        assert summary["quotes"] == len(summary["quote_indices"])
        assert all(record["quotes"][i]["speaker"]["name"] == summary["name"] for i in summary["quote_indices"])


def test_quote_messages_are_keyed_by_speaker_and_valid():
    enriched = quotes_only("b2", TEXT)
    messages = quote_messages(enriched)
    assert len(messages) == len(enriched.quotes) >= 2
    for index, (key, value) in enumerate(messages):
        validate("quotes", value)
        quote = enriched.quotes[index]
        assert value["index"] == index and value["article_id"] == "b2"
        assert key == (quote.speaker.name if quote.speaker else "b2")
        assert TEXT[value["start"]:value["end"]] == value["text"]


def test_to_dict_matches_dataclasses_asdict_field_for_field():
    from dataclasses import asdict

    enriched = quotes_only("b3", TEXT)
    record = enriched.to_dict()
    for quote, as_dict in zip(enriched.quotes, record["quotes"], strict=True):
        assert as_dict == asdict(quote)
    expected = asdict(enriched.article)
    expected = {k: (list(v) if isinstance(v, tuple) else v) for k, v in expected.items()}
    assert {k: record[k] for k in expected} == expected
