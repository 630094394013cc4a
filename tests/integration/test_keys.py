"""Message keys through the real broker: a key is the article id when the value has none, and
in both modes outputs keep their key partitioning (quotes by speaker)."""

from __future__ import annotations

import asyncio

import orjson
import pytest
from aiokafka import AIOKafkaProducer
from aiokafka.partitioner import DefaultPartitioner

from agents.admin import ensure_topics
from agents.client import TopicReader
from newsstream.schemas import validate

pytestmark = pytest.mark.kafka

BODY = ("Harbour workers walked out on Tuesday.\n\n"
        "“We have waited long enough,” said Tomasz Wierzbicki, a crane operator.\n\n"
        "The port authority said “talks will resume on Friday” in a short statement.")
PAGE = ("<html><head><title>Ferry timetable changes</title></head><body><article>"
        "<h1>Ferry timetable changes</h1><p>The island ferry will leave an hour earlier from May.</p>"
        "<p>“Passengers asked for it,” said Ines Carvalho, who runs the service.</p></article></body></html>")


def _send_like_kcat(settings, messages):
    """``kcat -P -k KEY``: the key and the value go on the wire exactly as given, no serializer."""
    async def run():
        await ensure_topics(settings, timeout=60)
        producer = AIOKafkaProducer(bootstrap_servers=settings.bootstrap_servers, acks="all")
        await producer.start()
        try:
            for key, value in messages:
                await producer.send_and_wait(settings.topic_raw, value, key=key)
        finally:
            await producer.stop()
    asyncio.run(run())


def _read(settings, topics, done, timeout=180.0, isolation_level="read_uncommitted"):
    """Records of ``topics`` as (topic, partition, key, value dict) until ``done(records)``."""
    async def run():
        reader = TopicReader(settings, topics, isolation_level=isolation_level)
        await reader.start()
        out = []
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        try:
            while loop.time() < deadline and not done(out):
                for tp, records in (await reader.consumer.getmany(timeout_ms=500)).items():
                    out.extend((tp.topic, tp.partition, r.key, orjson.loads(r.value)) for r in records)
        finally:
            await reader.stop()
        return out
    return asyncio.run(run())


def test_the_key_is_the_id_when_the_value_has_none(worker_factory):
    worker = worker_factory()
    s = worker.settings
    messages = [
        (b"plain-1", BODY.encode()),                                   # plain text
        (b"plain-2", BODY.encode()),                                   # same body, other key
        (b"page-1", PAGE.encode()),                                    # HTML
        (b"json-no-id", orjson.dumps({"text": BODY, "source": "wire"})),
        (b"key-not-used", orjson.dumps({"id": "value-id", "text": BODY})),  # the value's id wins
        (None, ("No key and no id here.\n\n" + BODY).encode()),         # only then a content hash
        ("clé-ünïcode".encode(), ("Another story.\n\n" + BODY).encode()),
    ]
    _send_like_kcat(s, messages)
    records = _read(s, [s.topic_enriched], done=lambda out: len(out) >= len(messages))
    assert len(records) == len(messages), f"worker log:\n{worker.log()[-3000:]}"
    by_id = {value["id"]: (key, value) for _t, _p, key, value in records}
    expected = {"plain-1": "key", "plain-2": "key", "page-1": "key", "json-no-id": "key", "value-id": "value",
                "clé-ünïcode": "key"}
    for article_id, source in expected.items():
        key, value = by_id[article_id]
        assert (value["id_source"], value["id_derived"], key) == (source, False, article_id.encode())
        validate("articles.enriched", value)
    [derived] = [v for _k, v in by_id.values() if v["id_source"] == "derived"]
    assert derived["id"].startswith("sha256-") and derived["id_derived"] is True
    assert by_id["page-1"][1]["format"] == "html"
    assert by_id["json-no-id"][1]["source"] == "wire"


@pytest.mark.parametrize("guarantee", ["at_least_once", "exactly_once"])
def test_quotes_land_on_their_speakers_partition(worker_factory, seed_text, guarantee):
    worker = worker_factory(processing_guarantee=guarantee, partitions=4)
    s = worker.settings
    ids = [f"part-{n}" for n in range(6)]
    _send_like_kcat(s, [(i.encode(), orjson.dumps({"id": i, "text": f"{i}\n\n{BODY}\n\n{seed_text}"})) for i in ids])
    isolation = "read_committed" if guarantee == "exactly_once" else "read_uncommitted"

    def done(out):
        enriched = [v for t, _p, _k, v in out if t == s.topic_enriched]
        quotes = sum(1 for t, *_ in out if t == s.topic_quotes)
        return len(enriched) >= len(ids) and quotes >= sum(len(v["quotes"]) for v in enriched)

    records = _read(s, [s.topic_enriched, s.topic_quotes], done=done, isolation_level=isolation)
    enriched = {v["id"]: p for t, p, _k, v in records if t == s.topic_enriched}
    assert sorted(enriched) == sorted(ids), f"worker log:\n{worker.log()[-3000:]}"
    partitioner = DefaultPartitioner()
    partitions = list(range(s.partitions))
    quotes = [(p, key, v) for t, p, key, v in records if t == s.topic_quotes]
    assert quotes
    for article_id, partition in enriched.items():
        assert partition == partitioner(article_id.encode(), partitions, partitions)
    moved = 0
    for partition, key, value in quotes:
        speaker = (value.get("speaker") or {}).get("name")
        assert key == (speaker or value["article_id"]).encode()
        assert partition == partitioner(key, partitions, partitions), (key, partition)
        moved += partition != enriched[value["article_id"]]
    assert moved, "no quote's speaker hashes to another partition than its article: the test proves nothing"
