"""Placeholder cleaning pipeline (to be replaced by the full stage, issue #3)."""

from __future__ import annotations

import hashlib

from newsstream.errors import CleaningError
from newsstream.records import CleanArticle, RawArticle


def clean_article(raw: RawArticle) -> CleanArticle:
    """Split the raw text into paragraphs; raise CleaningError when there is none."""
    body = raw.text or ""
    paragraphs = tuple(p.strip() for p in body.split("\n") if p.strip())
    if not paragraphs:
        raise CleaningError("article has no text")
    text = "\n\n".join(paragraphs)
    return CleanArticle(
        id=raw.id,
        title=raw.title,
        paragraphs=paragraphs,
        text=text,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        format="text",
        url=raw.url,
        source=raw.source,
        id_derived=raw.id_derived,
    )
