"""The processing pipeline as plain functions: the agents and the CLI share it.

1. :func:`newsstream.decode.decode_raw` - bytes to :class:`RawArticle`
2. :func:`clean` - the cleaning stage, stamped with ``processed.cleaned_at``
3. :func:`enrich` - quote extraction and the per-article speaker summary
4. :func:`quote_messages` - one message per quote for the ``quotes`` topic
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import Any

from newsstream import PIPELINE_VERSION
from newsstream.cleaning import clean_article
from newsstream.deadletter import utc_now
from newsstream.errors import LimitExceeded
from newsstream.quotes import extract_quotes
from newsstream.records import CleanArticle, EnrichedArticle, Quote, RawArticle, SpeakerSummary


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-article limits (``None``: none), from ``NEWSSTREAM_MAX_PARAGRAPHS`` and
    ``NEWSSTREAM_MAX_QUOTES``; exceeding one raises :class:`LimitExceeded`, which the
    worker dead-letters.

    :param max_paragraphs: paragraphs of the clean article; checked on the raw text's
        non-blank lines before cleaning, and on the paragraphs before quote extraction.
    :param max_quotes: quotations of one article (each becomes a ``quotes`` message).
    """

    max_paragraphs: int | None = None
    max_quotes: int | None = None


NO_LIMITS = Limits()


def _check_paragraphs(count: int, limits: Limits, what: str, stage: str) -> None:
    if limits.max_paragraphs is not None and count > limits.max_paragraphs:
        raise LimitExceeded(f"article has {count:,} {what}, above the limit of {limits.max_paragraphs:,} "
                            "paragraphs (NEWSSTREAM_MAX_PARAGRAPHS)", stage=stage)


def _nonblank_lines(text: str, limit: int) -> int:
    if len(text) <= limit:  # too short to exceed: skip the count
        return 0
    return sum(1 for line in text.splitlines() if line.strip())


def clean(raw: RawArticle, *, received_at: str | None = None, limits: Limits = NO_LIMITS) -> CleanArticle:
    """Run the cleaning stage and stamp the processing times.

    :raises LimitExceeded: the text has more non-blank lines, or the clean article more
        paragraphs, than ``limits.max_paragraphs``.
    """
    if limits.max_paragraphs is not None and raw.text and not raw.html:
        _check_paragraphs(_nonblank_lines(raw.text, limits.max_paragraphs), limits, "lines of text", "validate")
    article = clean_article(raw)
    _check_paragraphs(len(article.paragraphs), limits, "paragraphs after cleaning", "clean")
    processed = {**article.processed, "cleaned_at": utc_now()}
    if received_at is not None:
        processed["received_at"] = received_at
    return replace(article, processed=processed, id_source=raw.id_source)


def enrich(article: CleanArticle, *, limits: Limits = NO_LIMITS) -> EnrichedArticle:
    """Extract the quotations of a clean article and summarise its speakers.

    :raises LimitExceeded: more paragraphs than ``limits.max_paragraphs`` (checked before
        extraction) or more quotations than ``limits.max_quotes``.
    """
    _check_paragraphs(len(article.paragraphs), limits, "paragraphs", "quotes")
    quotes = tuple(extract_quotes(article.text))
    if limits.max_quotes is not None and len(quotes) > limits.max_quotes:
        raise LimitExceeded(f"article has {len(quotes):,} quotations, above the limit of {limits.max_quotes:,} "
                            "(NEWSSTREAM_MAX_QUOTES)", stage="quotes")
    stamped = replace(article, processed={**article.processed, "enriched_at": utc_now()})
    return EnrichedArticle(
        article=stamped,
        quotes=quotes,
        speakers=summarise_speakers(quotes),
        pipeline_version=PIPELINE_VERSION,
    )


def process(raw: RawArticle, *, limits: Limits = NO_LIMITS) -> EnrichedArticle:
    """Both stages at once, as ``newsstream extract`` runs them."""
    return enrich(clean(raw, limits=limits), limits=limits)


def quotes_only(article_id: str, text: str, *, limits: Limits = NO_LIMITS) -> EnrichedArticle:
    """Quote extraction on ``text`` used exactly as given (``extract --stages quotes``)."""
    paragraphs = tuple(p for p in text.split("\n") if p.strip())
    article = CleanArticle(id=article_id, title=None, paragraphs=paragraphs, text=text,
                           content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest())
    return enrich(article, limits=limits)


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
