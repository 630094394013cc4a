"""The processing pipeline as plain functions: the agents and the CLI share it.

1. :func:`newsstream.decode.decode_raw` - bytes to :class:`RawArticle`
2. :func:`clean` - the cleaning stage, stamped with ``processed.cleaned_at``;
   then :func:`drop_recurring` - lines learned from the stream (a per-source memory)
3. :func:`enrich` - quote extraction and the per-article speaker summary
4. :func:`quote_messages` - one message per quote for the ``quotes`` topic
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import Any

from newsstream import PIPELINE_VERSION, SCHEMA_VERSION
from newsstream.cleaning import clean_article, content_hash
from newsstream.cleaning.options import DEFAULT_OPTIONS
from newsstream.cleaning.recurring import REMOVAL_KIND, LineMemory, fingerprint, is_protected, source_key
from newsstream.deadletter import utc_now
from newsstream.errors import CleaningError, LimitExceeded
from newsstream.quotes import extract_quotes
from newsstream.records import CleanArticle, EnrichedArticle, Quote, RawArticle, Removal, SpeakerSummary


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


# -- recurring lines: the stage after clean() (see newsstream/cleaning/recurring.py) ----------
def drop_recurring(article: CleanArticle, memory: LineMemory | None) -> CleanArticle:
    """Count the article's paragraphs in ``memory`` and drop those that recur in at least
    ``memory.options.min_articles`` distinct articles of its source (kind ``recurring`` in
    ``removed``). No memory, no source (neither ``source`` nor a URL) or nothing recurring:
    the article is returned as is.

    :raises CleaningError: every paragraph recurs (a template page such as a consent wall or
        an error page, or one article re-sent under several ids): like an article with no
        text left after cleaning, it is dead-lettered with its original bytes, rather than
        passed on empty or passed on as if it were news.
    """
    if memory is None or not memory.options.enabled:
        return article
    source = source_key(article.source, article.url)
    if source is None:
        return article
    prints = [fingerprint(p) for p in article.paragraphs]
    recurring = memory.observe(source, article.id, prints)
    if not recurring:
        return article
    drop = [fp in recurring and not is_protected(p, memory.options)
            for p, fp in zip(article.paragraphs, prints, strict=True)]
    if not any(drop):
        return article
    if all(drop):
        raise CleaningError(f"every paragraph recurs in at least {memory.options.min_articles} articles of "
                            f"source {source!r}: a template page or a re-sent article, not news", stage="clean")
    kept = tuple(p for p, gone in zip(article.paragraphs, drop, strict=True) if not gone)
    room = max(0, DEFAULT_OPTIONS.max_removals - len(article.removed))
    removed = [Removal(REMOVAL_KIND, p) for p, gone in zip(article.paragraphs, drop, strict=True) if gone][:room]
    text = "\n\n".join(kept)
    return replace(article, paragraphs=kept, text=text, removed=(*article.removed, *removed),
                   content_hash=content_hash(text))


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


def process(raw: RawArticle, *, limits: Limits = NO_LIMITS, memory: LineMemory | None = None) -> EnrichedArticle:
    """Both stages at once, as ``newsstream extract`` runs them (with ``memory``: recurring
    lines dropped after cleaning, see :func:`drop_recurring`)."""
    return enrich(drop_recurring(clean(raw, limits=limits), memory), limits=limits)


def quotes_only(article_id: str, text: str, *, limits: Limits = NO_LIMITS) -> EnrichedArticle:
    """Quote extraction on ``text`` used exactly as given (``extract --stages quotes``)."""
    paragraphs = tuple(p for p in text.split("\n") if p.strip())
    article = CleanArticle(id=article_id, title=None, paragraphs=paragraphs, text=text,
                           content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest())
    return enrich(article, limits=limits)


def summarise_speakers(quotes: tuple[Quote, ...]) -> tuple[SpeakerSummary, ...]:
    """One entry per distinct speaker name, in order of first quotation (unnamed speakers are left out)."""
    order: dict[str, list[int]] = {}
    roles: dict[str, str | None] = {}
    for index, quote in enumerate(quotes):
        if quote.speaker is None or quote.speaker.name is None:
            continue
        order.setdefault(quote.speaker.name, []).append(index)
        roles[quote.speaker.name] = roles.get(quote.speaker.name) or quote.speaker.role
    return tuple(
        SpeakerSummary(name=name, role=roles[name], quotes=len(indices), quote_indices=tuple(indices))
        for name, indices in order.items()
    )


def quote_messages(enriched: EnrichedArticle) -> list[tuple[str, dict[str, Any]]]:
    """``(key, value)`` for the ``quotes`` topic: keyed by speaker name (article id if none or unnamed)."""
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
            "schema_version": SCHEMA_VERSION,
        }
        key = quote.speaker.name if quote.speaker is not None and quote.speaker.name else article.id
        messages.append((key, value))
    return messages
