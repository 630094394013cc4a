"""Cleaning stage: raw article (HTML or scraped text) -> :class:`CleanArticle`."""

from newsstream.cleaning.pipeline import clean_article

__all__ = ["clean_article"]
