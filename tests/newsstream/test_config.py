from __future__ import annotations

import pytest

from newsstream.config import ConfigError, Settings


def test_defaults_without_environment():
    settings = Settings.from_env({})
    assert settings.kafka == "kafka://127.0.0.1:9092" and settings.partitions == 4
    assert settings.processing_guarantee == "at_least_once"
    assert settings.topic_raw == "articles.raw" and settings.topic_deadletter == "articles.deadletter"


def test_environment_overrides_with_types():
    settings = Settings.from_env({"NEWSSTREAM_KAFKA": "kafka://a:1;b:2", "NEWSSTREAM_PARTITIONS": "12",
                                  "NEWSSTREAM_PROCESSING_GUARANTEE": "exactly_once",
                                  "NEWSSTREAM_BATCH_SIZE": "5", "NEWSSTREAM_TOPIC_QUOTES": "q"})
    assert settings.partitions == 12 and settings.batch_size == 5 and settings.topic_quotes == "q"
    assert settings.processing_guarantee == "exactly_once"
    assert settings.bootstrap_servers == "a:1,b:2"


@pytest.mark.parametrize(("env", "message"), [
    ({"NEWSSTREAM_PARTITIONS": "four"}, "must be a number"),
    ({"NEWSSTREAM_PARTITIONS": "0"}, "at least 1"),
    ({"NEWSSTREAM_PROCESSING_GUARANTEE": "at_most_once"}, "must be one of"),
    ({"NEWSSTREAM_MAX_MESSAGE_BYTES": "10"}, "at least 1024"),
])
def test_bad_values_are_refused_clearly(env, message):
    with pytest.raises(ConfigError, match=message):
        Settings.from_env(env)
