"""The pipeline's topics.

Inbound topics are read as raw bytes (``value_serializer="raw"``) so that any
value, however broken, can be dead-lettered with its original bytes; every
outbound topic uses the ``orjson`` codec. Keys are article ids (raw UTF-8).
"""

from __future__ import annotations

from agents.app import app, settings

raw_articles_in = app.topic(settings.topic_raw, key_type=bytes, value_type=bytes,
                            value_serializer="raw", partitions=settings.partitions)
clean_articles = app.topic(settings.topic_clean, partitions=settings.partitions)
clean_articles_in = app.topic(settings.topic_clean, key_type=bytes, value_type=bytes,
                              value_serializer="raw", partitions=settings.partitions)
enriched_articles = app.topic(settings.topic_enriched, partitions=settings.partitions)
quotes = app.topic(settings.topic_quotes, partitions=settings.partitions)
deadletters = app.topic(settings.topic_deadletter, partitions=settings.partitions)
