"""End-to-end through the real Kafka broker and a real worker process."""

from __future__ import annotations

import base64

import orjson
import pytest

from newsstream.schemas import validate
from tests.kafka_helpers import collect, produce

pytestmark = pytest.mark.kafka

BOILERPLATE = ("Image copyright", "Image caption", "Media caption")
SCHEMA_OF = {"enriched": "articles.enriched", "quotes": "quotes", "deadletter": "articles.deadletter"}


def _topics(settings):
    return {"enriched": settings.topic_enriched, "quotes": settings.topic_quotes,
            "deadletter": settings.topic_deadletter}


def _validate_all(settings, got):
    for kind, topic in _topics(settings).items():
        for _key, value in got.get(topic, []):
            validate(SCHEMA_OF[kind], value)


def _speaker(quote):
    return (quote.get("speaker") or {}).get("name")


def test_seed_article_comes_out_enriched(worker_factory, seed_text):
    worker = worker_factory()
    s = worker.settings
    produce(s, [(b"seed-1", orjson.dumps({"id": "seed-1", "text": seed_text, "source": "seed"}))])
    topics = _topics(s)

    def done(got):
        return got[topics["enriched"]] and len(got[topics["quotes"]]) >= len(got[topics["enriched"]][0][1]["quotes"])

    got = collect(s, list(topics.values()), done=done, timeout=180)
    assert got[topics["enriched"]], f"no enriched record; worker log:\n{worker.log()[-3000:]}"
    key, record = got[topics["enriched"]][0]
    assert key == b"seed-1"
    assert record["id"] == "seed-1"
    text = record["text"]
    for marker in BOILERPLATE:
        assert marker not in text
    title = "Syria conflict: Astana peace talks seek to reinforce truce"
    assert not text.rstrip("}\n ").endswith(title), "the repeated title was not removed"
    by_text = {q["text"]: q for q in record["quotes"]}
    assert _speaker(by_text["not far"]) == "Staffan de Mistura"
    assert _speaker(by_text["no agreements"]) == "Yahya al-Aridi"
    abu_zaid = [q for q in record["quotes"] if q["text"].startswith(("If the guarantors", "There are pledges"))]
    assert len(abu_zaid) == 2 and all(_speaker(q) == "Osama Abu Zaid" for q in abu_zaid)
    for quote in record["quotes"]:
        assert text[quote["start"]:quote["end"]] == quote["text"]
    published = {(v["article_id"], v["index"], v["text"]) for _k, v in got[topics["quotes"]]}
    for index, quote in enumerate(record["quotes"]):
        assert ("seed-1", index, quote["text"]) in published
    _validate_all(s, got)
    assert not got[topics["deadletter"]]


MALFORMED = {
    "invalid-json": (b'{"id": "x", "text": "unterminated', "not valid JSON"),
    "invalid-utf8": (b"caf\xe9 au lait \xff\xfe", "not valid UTF-8"),
    "json-array": (b'["not", "an", "object"]', "JSON array"),
    "json-number": (b"42", "JSON number"),
    "wrong-types": (b'{"id": 17, "text": ["a", "b"]}', "articles.raw schema"),
    "empty-body": (b"", "empty"),
    "whitespace-body": (b"   \n\t ", "empty"),
    "five-megabytes": (b'{"id": "big", "text": "' + b"a" * (5 * 1024 * 1024) + b'"}', "above the limit"),
    "binary-junk": (bytes(range(256)) * 4, "UTF-8"),
    "deeply-nested": (b'{"id": "deep", "text": ' + b"[" * 5000 + b"]" * 5000 + b"}", "JSON"),
    "null-value": (None, "null"),
    "html-without-text": (b'{"id": "nohtml", "html": "<html><body><div><img src=x.png></div></body></html>"}',
                          "no article text"),
    "no-text-field": (b'{"id": "notext", "title": "only a title"}', "text"),
}


def test_malformed_input_is_dead_lettered_and_valid_articles_pass(worker_factory, seed_text):
    worker = worker_factory()
    s = worker.settings
    messages = []
    valid_ids = []
    for n, (name, (value, _reason)) in enumerate(MALFORMED.items()):
        good = f"good-{n}"
        valid_ids.append(good)
        text = f"Article {n}.\n\nThe minister said “we will act now” on Monday.\n\n" + seed_text
        messages.append((good.encode(), orjson.dumps({"id": good, "text": text})))
        messages.append((name.encode(), value))
    produce(s, messages)
    topics = _topics(s)

    def done(got):
        return len(got[topics["enriched"]]) >= len(valid_ids) and len(got[topics["deadletter"]]) >= len(MALFORMED)

    got = collect(s, [topics["enriched"], topics["deadletter"]], done=done, timeout=240)
    letters = {key.decode(): value for key, value in got[topics["deadletter"]]}
    assert set(letters) == set(MALFORMED), f"worker log:\n{worker.log()[-3000:]}"
    for name, (value, reason) in MALFORMED.items():
        letter = letters[name]
        assert reason.lower() in letter["reason"].lower(), (name, letter["reason"])
        original = letter["original"]
        assert original["topic"] == s.topic_raw
        assert base64.b64decode(original["key_b64"]) == name.encode()
        if value is None:
            assert original["value_b64"] is None
        else:
            assert base64.b64decode(original["value_b64"]) == value
            assert original["value_size"] == len(value)
        assert letter["stage"] in {"decode", "validate", "clean"}
    enriched_ids = sorted(v["id"] for _k, v in got[topics["enriched"]])
    assert enriched_ids == sorted(valid_ids)
    _validate_all(s, got)
    assert worker.alive(), "the worker died"


def test_exactly_once_mode(worker_factory, seed_text):
    worker = worker_factory(processing_guarantee="exactly_once")
    s = worker.settings
    ids = [f"eos-{n}" for n in range(20)]
    produce(s, [(i.encode(), orjson.dumps({"id": i, "text": f"{i}\n\n" + seed_text})) for i in ids]
            + [(b"eos-bad", b"{broken")])
    topics = _topics(s)

    def done(got):
        return len(got[topics["enriched"]]) >= len(ids) and got[topics["deadletter"]]

    got = collect(s, list(topics.values()), done=done, timeout=240, isolation_level="read_committed")
    enriched = [v["id"] for _k, v in got[topics["enriched"]]]
    assert sorted(enriched) == sorted(ids), f"worker log:\n{worker.log()[-3000:]}"
    assert len(got[topics["deadletter"]]) == 1
    quotes_per_article = {v["id"]: len(v["quotes"]) for _k, v in got[topics["enriched"]]}
    quote_keys = [(v["article_id"], v["index"]) for _k, v in got[topics["quotes"]]]
    assert len(quote_keys) == len(set(quote_keys)) == sum(quotes_per_article.values())
    _validate_all(s, got)


def test_output_too_large_for_the_producer_is_dead_lettered_not_crashed(worker_factory, seed_text):
    worker = worker_factory(max_deadletter_value_bytes=300_000)  # producer requests up to 600 kB
    s = worker.settings
    paragraph = "The committee met again on Tuesday and agreed to publish its findings next spring. "
    huge = "A very long report\n\n" + "\n\n".join(paragraph * 3 for _ in range(1600))  # ~400 kB of text
    produce(s, [(b"huge", orjson.dumps({"id": "huge", "text": huge})),
                (b"fine", orjson.dumps({"id": "fine", "text": seed_text}))])
    topics = _topics(s)
    got = collect(s, [topics["enriched"], topics["deadletter"]],
                  done=lambda got: got[topics["enriched"]] and got[topics["deadletter"]], timeout=120)
    [(key, letter)] = got[topics["deadletter"]]
    assert key == b"huge" and letter["stage"] == "publish", letter
    assert "exceeds the producer limit" in letter["reason"] and letter["error_type"] == "LimitExceeded"
    assert letter["original"]["value_truncated"] is True
    assert [v["id"] for _k, v in got[topics["enriched"]]] == ["fine"]
    _validate_all(s, got)
    assert worker.alive()
