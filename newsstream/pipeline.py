"""The processing pipeline as plain functions: the agents and the CLI share it.

1. :func:`newsstream.decode.decode_raw` - bytes to :class:`RawArticle`
2. :func:`clean` - the cleaning stage, stamped with ``processed.cleaned_at``
3. :func:`enrich` - quote extraction and the per-article speaker summary
4. :func:`quote_messages` - one message per quote for the ``quotes`` topic
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import Any

from newsstream import PIPELINE_VERSION
from newsstream.cleaning import clean_article
from newsstream.deadletter import utc_now
from newsstream.quotes import extract_quotes
from newsstream.records import CleanArticle, EnrichedArticle, Quote, RawArticle, SpeakerSummary


def clean(raw: RawArticle, *, received_at: str | None = None) -> CleanArticle:
    """Run the cleaning stage and stamp the processing times."""
    article = clean_article(raw)
    processed = {**article.processed, "cleaned_at": utc_now()}
    if received_at is not None:
        processed["received_at"] = received_at
    return replace(article, processed=processed)


def enrich(article: CleanArticle) -> EnrichedArticle:
    """Extract the quotations of a clean article and summarise its speakers."""
    quotes = tuple(extract_quotes(article.text))
    stamped = replace(article, processed={**article.processed, "enriched_at": utc_now()})
    return EnrichedArticle(
        article=stamped,
        quotes=quotes,
        speakers=summarise_speakers(quotes),
        pipeline_version=PIPELINE_VERSION,
    )


def process(raw: RawArticle) -> EnrichedArticle:
    """Both stages at once, as ``newsstream extract`` runs them."""
    return enrich(clean(raw))


def quotes_only(article_id: str, text: str) -> EnrichedArticle:
    """Quote extraction on ``text`` used exactly as given (``extract --stages quotes``)."""
    paragraphs = tuple(p for p in text.split("\n") if p.strip())
    article = CleanArticle(id=article_id, title=None, paragraphs=paragraphs, text=text,
                           content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest())
    return enrich(article)


def summarise_speakers(quotes: tuple[Quote, ...]) -> tuple[SpeakerSummary, ...]:
    """One entry per distinct speaker name, in order of first quotation."""
    order: dict[str, list[int]] = {}
    roles: dict[str, str | None] = {}
    for index, quote in enumerate(quotes):
        if quote.speaker is None:
            continue
        order.setdefault(quote.speaker.name, []).append(index)
        roles[quote.speaker.name] = roles.get(quote.speaker.name) or quote.speaker.role
    return tuple(
        SpeakerSummary(name=name, role=roles[name], quotes=len(indices), quote_indices=tuple(indices))
        for name, indices in order.items()
    )


def quote_messages(enriched: EnrichedArticle) -> list[tuple[str, dict[str, Any]]]:
    """``(key, value)`` for the ``quotes`` topic: keyed by speaker name (article id if none)."""
    article = enriched.article
    messages = []
    for index, quote in enumerate(enriched.quotes):
        value = {
            "article_id": article.id,
            "index": index,
            **quote.to_dict(),
            "article_url": article.url,
            "article_title": article.title,
            "pipeline_version": enriched.pipeline_version,
        }
        key = quote.speaker.name if quote.speaker is not None else article.id
        messages.append((key, value))
    return messages
