"""Both modes: an output the broker refuses for good (here: over its topic's max.message.bytes) dead-letters
its input instead of stopping the worker or re-reading the batch forever (agents/errors.py, REFUSED_FOR_GOOD;
exactly_once: agents/transactions.py; at_least_once: agents/pipeline.py), and the other articles of its
batch still come through."""

from __future__ import annotations

import asyncio
import base64

import orjson
import pytest

from tests.kafka_helpers import collect, isolated_settings, produce

pytestmark = pytest.mark.kafka

ENRICHED_LIMIT = 40_000  # bytes: above a short article's enriched record, below the long one's


async def _create_small_enriched_topic(settings) -> None:
    from aiokafka.admin import AIOKafkaAdminClient, NewTopic

    admin = AIOKafkaAdminClient(bootstrap_servers=settings.bootstrap_servers)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(settings.topic_enriched, settings.partitions, 1,
                                            topic_configs={"max.message.bytes": str(ENRICHED_LIMIT)})])
    finally:
        await admin.close()


@pytest.mark.parametrize("guarantee", ["exactly_once", "at_least_once"])
def test_an_output_refused_by_its_topic_dead_letters_its_input(kafka_bootstrap, tmp_path, worker_factory, guarantee):
    s = isolated_settings(kafka_bootstrap, tmp_path, processing_guarantee=guarantee, partitions=1)
    asyncio.run(_create_small_enriched_topic(s))  # the worker creates the other topics, with the usual limits
    worker = worker_factory(s)
    short = "The ferry timetable changes on Monday.\n\nThe harbour office said the winter crossings start later."
    paragraph = "The council published a long survey of the town's bridges, roads and river banks this week. "
    long_text = "A survey of the bridges\n\n" + "\n\n".join(paragraph * 4 for _ in range(220))  # ~80 kB
    ids = ["short-1", "long", "short-2", "short-3"]
    texts = {"short-1": short, "long": long_text, "short-2": short + " More.", "short-3": short + " Later."}
    # one partition: the long article shares a batch (and a producer batch) with short ones
    produce(s, [(i.encode(), orjson.dumps({"id": i, "text": texts[i]})) for i in ids])
    topics = [s.topic_clean, s.topic_enriched, s.topic_deadletter]

    def done(got):
        return len(got[s.topic_enriched]) >= 3 and got[s.topic_deadletter]

    got = collect(s, topics, done=done, timeout=180, isolation_level="read_committed")
    log = worker.log()
    assert sorted(v["id"] for _k, v in got[s.topic_enriched]) == ["short-1", "short-2", "short-3"], log[-3000:]
    [(key, letter)] = got[s.topic_deadletter]
    assert key == b"long"
    assert letter["stage"] == "publish" and letter["error_type"] == "MessageSizeTooLargeError"
    assert letter["article_id"] == "long"
    assert s.topic_enriched in letter["reason"], letter["reason"]  # names the topic that refused it
    original = letter["original"]
    assert original["topic"] == s.topic_clean  # the input of the stage whose output was refused
    clean_value = base64.b64decode(original["value_b64"])
    assert orjson.loads(clean_value)["id"] == "long" and len(clean_value) > ENRICHED_LIMIT
    assert worker.alive()
    # later articles still come through: the partition is not stuck on the refused one
    produce(s, [(b"short-4", orjson.dumps({"id": "short-4", "text": short + " Again."}))])
    got = collect(s, [s.topic_enriched], done=lambda g: len(g[s.topic_enriched]) >= 4, timeout=120,
                  isolation_level="read_committed")
    assert sorted(v["id"] for _k, v in got[s.topic_enriched]) == ["short-1", "short-2", "short-3", "short-4"]
