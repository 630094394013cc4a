"""The cleaning stage: a raw article (HTML or scraped text) to a :class:`CleanArticle`.

:func:`clean_article` runs numbered stages:

1. choose the input: ``html`` when present (``text`` when the page yields nothing),
   else ``text``, and refuse empty, huge, binary or badly encoded input
   (:func:`.unicode.check_text`);
2. repair mojibake and line breaks (:func:`.unicode.repair_text`);
3. HTML: extract body lines and metadata with trafilatura and merge split bodies
   (:func:`.html.extract_html`); text: undo JSON escapes, stray tags and entities
   (:func:`.boilerplate.unescape_debris`) and take the headline from the first line;
4. strip credits, captions, prompts and debris line by line
   (:func:`.boilerplate.strip_boilerplate`), keeping captions apart;
5. build the record: paragraphs, ``text`` (joined by a blank line), metadata and
   ``content_hash``.
"""

from __future__ import annotations

import hashlib
import unicodedata
from typing import Any
from urllib.parse import urlsplit

from newsstream.cleaning import boilerplate as B
from newsstream.cleaning import patterns as P
from newsstream.cleaning.html import extract_html
from newsstream.cleaning.lines import classify_lines
from newsstream.cleaning.options import DEFAULT_OPTIONS, CleaningOptions
from newsstream.cleaning.unicode import check_text, prepare_text, repair_text
from newsstream.errors import CleaningError
from newsstream.records import CleanArticle, RawArticle, SourceFormat

# A first line is taken as the headline when it is at most this long and not a sentence.
MAX_TITLE_CHARS = 250


def clean_article(raw: RawArticle, *, options: CleaningOptions | None = None) -> CleanArticle:
    """Clean one raw article.

    :param raw: the article; ``html`` is preferred over ``text`` when both are present,
        and ``text`` is used when the page yields no article text.
    :param options: limits and switches (default :data:`DEFAULT_OPTIONS`).
    :returns: the clean article, ``format`` telling which field was used.
    :raises CleaningError: for empty, oversized, binary or badly encoded input, or when
        no article text is left.
    """
    opts = options or DEFAULT_OPTIONS
    has_text = raw.text is not None and raw.text.strip() != ""
    if raw.html is not None and raw.html.strip():
        try:
            return _build(raw, "html", opts)
        except CleaningError:
            if not has_text:
                raise
            # the page gave nothing usable: fall back to the scraped text
    if raw.text is not None:
        return _build(raw, "text", opts)
    raise CleaningError("article has neither text nor html")


def _build(raw: RawArticle, fmt: SourceFormat, opts: CleaningOptions) -> CleanArticle:
    """Run stages 1-5 on one field (``html`` or ``text``) of the raw article."""
    rec = B.Recorder(limit=opts.max_removals)
    metadata: dict[str, Any] = {}
    if fmt == "html":
        page = raw.html or ""
        check_text(page, opts, field="html", limit=opts.max_html_chars)
        title, stripped, metadata = _clean_html(page, raw, opts, rec)
    else:
        body = raw.text or ""
        check_text(body, opts, field="text", limit=opts.max_text_chars)
        title, stripped = _clean_text(prepare_text(body, opts), raw, opts, rec)
    paragraphs = tuple(stripped.paragraphs)
    text = "\n\n".join(paragraphs)
    minimum = opts.min_html_text_chars if fmt == "html" else opts.min_text_chars
    if len(text) < max(1, minimum):
        raise CleaningError(f"no article text left after cleaning ({fmt} input)")
    return CleanArticle(
        id=raw.id,
        title=title,
        paragraphs=paragraphs,
        text=text,
        captions=tuple(stripped.captions),
        removed=tuple(rec.items),
        metadata=_metadata(raw, metadata),
        content_hash=content_hash(text),
        format=fmt,
        url=raw.url,
        source=raw.source,
        id_derived=raw.id_derived,
    )


def content_hash(text: str) -> str:
    """sha256 hex of the text after NFKC, case folding and white-space collapsing."""
    norm = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def _clean_text(
    text: str, raw: RawArticle, opts: CleaningOptions, rec: B.Recorder
) -> tuple[str | None, B.Stripped]:
    unescaped = B.unescape_debris(text, rec)
    if unescaped != text:  # decoded entities and escapes may bring no-break spaces, mojibake...
        text = prepare_text(unescaped, opts)
    lines = B.split_lines(text)
    title = _clean_title(raw.title, opts)
    if lines and ((title is None and _looks_like_title(lines)) or B.same_title(lines[0], title)):
        title = title or lines[0]
        lines = lines[1:]
    stripped = B.strip_boilerplate(lines, title=title, rec=rec, mode="text")
    if opts.line_settings.enabled and stripped.paragraphs:
        kept = []
        for line, decision in zip(
            stripped.paragraphs,
            classify_lines(stripped.paragraphs, title=title, removed=stripped.captions, settings=opts.line_settings,
                           before_caption=stripped.before_caption, header_marks=stripped.header_marks,
                           gaps=stripped.gaps, dropped=stripped.dropped),
            strict=True,
        ):
            if decision.keep:
                kept.append(line)
            else:
                rec.add(decision.kind, line)
                if decision.kind == "caption":
                    stripped.captions.append(line)
        stripped.paragraphs = kept
    return title, stripped


def _clean_title(title: str | None, opts: CleaningOptions) -> str | None:
    """The headline with mojibake repaired and white space normalised (None if empty)."""
    return (prepare_text(title, opts) or None) if title else None


def _looks_like_title(lines: list[str]) -> bool:
    """The first line is a headline: short, not a sentence, not debris, and text follows."""
    first = lines[0]
    if len(lines) < 2 or len(first) > MAX_TITLE_CHARS or P.SENTENCE_END.search(first):
        return False
    return B.match_rule(first) is None and not P.is_agency_credit(first) and "Image c" not in first


def _clean_html(
    page: str, raw: RawArticle, opts: CleaningOptions, rec: B.Recorder
) -> tuple[str | None, B.Stripped, dict[str, Any]]:
    ext = extract_html(page, opts, url=raw.url)
    title = _clean_title(raw.title or ext.title, opts)  # ext.title weighs the visible h1 first
    lines = ext.lines
    repaired = repair_text("\n".join(lines), opts)  # mojibake repair on the text, not the page
    if repaired != "\n".join(lines):
        lines = B.clean_lines(repaired)
    if lines and ext.leading_heading and lines[0] == ext.leading_heading:
        rec.add("repeated_title", lines[0])
        lines = lines[1:]
    kept = []
    captions = []
    for line in lines:
        if line in ext.captions:
            captions.append(line)
            rec.add("caption", line)
        elif (line[2:] if line.startswith("- ") else line) in ext.links:
            rec.add("related", line)
        else:
            kept.append(line)
    stripped = B.strip_boilerplate(kept, title=title, rec=rec, mode="html")
    for caption in ext.figure_captions:  # captions trafilatura left out of the body
        if caption not in captions:
            captions.append(caption)
    stripped.captions[:0] = captions
    return title, stripped, ext.metadata


def _metadata(raw: RawArticle, found: dict[str, Any]) -> dict[str, Any]:
    """Producer-sent fields win over extracted ones; the host comes from the URL."""
    meta = dict(found)
    if raw.published_at:
        meta["published_at"] = raw.published_at
    if raw.language:
        meta["language"] = raw.language
    host = urlsplit(raw.url).hostname if raw.url else None
    if host:
        meta["hostname"] = host  # the full host; trafilatura reports the registered domain
    return meta
