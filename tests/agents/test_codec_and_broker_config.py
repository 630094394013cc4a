"""The orjson codec as Faust sees it, and the broker's generated configuration."""

from __future__ import annotations

import pytest
from faust.serializers import codecs

import agents.codecs  # noqa: F401  (registers the codec)
from agents.broker import SERVER_PROPERTIES, LocalBroker, free_port


def test_orjson_codec_is_registered_and_round_trips():
    codec = codecs.get_codec("orjson")
    value = {"id": "a", "text": "“Quoted” — ünïcode", "n": [1, 2.5, None]}
    assert codec.loads(codec.dumps(value)) == value
    assert codec.dumps({"id": "a"}) == b'{"id":"a"}'


def test_orjson_codec_refuses_invalid_json():
    with pytest.raises(Exception):  # noqa: B017  (Faust wraps the orjson error)
        codecs.get_codec("orjson").loads(b"{not json")


def test_broker_config_is_loopback_kraft_with_single_replica_transactions(tmp_path):
    broker = LocalBroker(port=free_port(), controller_port=free_port(), home=tmp_path, state_dir=tmp_path / "b")
    text = SERVER_PROPERTIES.format(port=broker.port, controller_port=broker.controller_port,
                                    data_dir=tmp_path, max_message_bytes=1)
    props = dict(line.split("=", 1) for line in text.splitlines() if line and not line.startswith("#"))
    assert props["process.roles"] == "broker,controller"
    assert props["listeners"] == (f"PLAINTEXT://127.0.0.1:{broker.port},"
                                  f"CONTROLLER://127.0.0.1:{broker.controller_port}")
    assert props["transaction.state.log.replication.factor"] == "1"
    assert props["offsets.topic.replication.factor"] == "1"
    assert broker.instance_dir == tmp_path / "b" and broker.pid() is None


def test_every_topic_uses_orjson_or_raw_bytes_never_pickle():
    from agents import topics
    from agents.app import app

    assert app.conf.value_serializer == "orjson" and app.conf.key_serializer == "raw"
    for topic in (topics.clean_articles, topics.enriched_articles, topics.quotes, topics.deadletters):
        assert topic.value_serializer in (None, "orjson")  # None: the app's orjson default
    for topic in (topics.raw_articles_in, topics.clean_articles_in):
        assert topic.value_serializer == "raw"  # read as bytes so broken values can be dead-lettered
