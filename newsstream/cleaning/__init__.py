"""Cleaning stage: raw article (HTML or scraped text) -> :class:`CleanArticle`.

Pure functions, no Faust or Kafka: the agent for ``articles.raw`` -> ``articles.clean``
calls :func:`clean_article` and turns a :class:`~newsstream.errors.CleaningError`
into a dead-letter record.
"""

from newsstream.cleaning.options import CleaningOptions
from newsstream.cleaning.pipeline import clean_article, content_hash

__all__ = ["CleaningOptions", "clean_article", "content_hash"]
