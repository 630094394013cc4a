"""Quote stage: clean article text -> list of :class:`Quote` with speakers."""

from newsstream.quotes.extract import extract_quotes

__all__ = ["extract_quotes"]
