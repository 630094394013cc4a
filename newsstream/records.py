"""The records that flow through newsstream, as frozen dataclasses.

Each record converts to and from the plain ``dict`` that goes on the wire
(``to_dict``/``from_dict``); the JSON Schemas in ``newsstream/schemas/`` describe exactly
these dicts. The core never sees Faust or Kafka types: agents convert.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from newsstream import SCHEMA_VERSION

QuoteType = Literal["direct", "partial"]
SourceFormat = Literal["html", "text"]
IdSource = Literal["value", "key", "derived"]  # where ``id`` came from (see newsstream.decode)

RAW_OPTIONAL_FIELDS = ("text", "html", "url", "source", "title", "published_at", "language")


def _id_source(data: dict[str, Any]) -> IdSource:
    """``id_source`` of a wire dict; records from before it existed only had ``id_derived``."""
    source = data.get("id_source")
    if source in ("value", "key", "derived"):
        return source
    return "derived" if data.get("id_derived") else "value"


@dataclass(frozen=True, slots=True)
class RawArticle:
    """An article as producers send it to ``articles.raw``.

    At least one of ``text`` (scraped plain text) or ``html`` is present.
    ``id_source`` says where ``id`` came from: the value (``value``), the Kafka
    message key (``key``) or a hash of the content (``derived``, when ``id_derived``).
    """

    id: str
    text: str | None = None
    html: str | None = None
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published_at: str | None = None
    language: str | None = None
    id_derived: bool = False
    id_source: IdSource = "value"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RawArticle:
        """Build from an already validated dict (see ``newsstream.decode``)."""
        return cls(
            id=data["id"],
            id_derived=bool(data.get("id_derived", False)),
            id_source=_id_source(data),
            **{name: data.get(name) for name in RAW_OPTIONAL_FIELDS},
        )

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass(frozen=True, slots=True)
class Removal:
    """One span the cleaning stage removed, with its kind (credit, caption, ...)."""

    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class CleanArticle:
    """The output of the cleaning stage, published on ``articles.clean``.

    ``text`` is ``paragraphs`` joined by a blank line; every character offset
    downstream refers to it.
    """

    id: str
    title: str | None
    paragraphs: tuple[str, ...]
    text: str
    captions: tuple[str, ...] = ()
    removed: tuple[Removal, ...] = ()
    metadata: dict[str, Any] = field(default_factory=dict)
    content_hash: str = ""
    format: SourceFormat = "text"
    url: str | None = None
    source: str | None = None
    id_derived: bool = False
    processed: dict[str, str] = field(default_factory=dict)
    id_source: IdSource = "value"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CleanArticle:
        return cls(
            id=data["id"],
            title=data.get("title"),
            paragraphs=tuple(data["paragraphs"]),
            text=data["text"],
            captions=tuple(data.get("captions", ())),
            removed=tuple(Removal(**r) for r in data.get("removed", ())),
            metadata=dict(data.get("metadata") or {}),
            content_hash=data.get("content_hash", ""),
            format=data.get("format", "text"),
            url=data.get("url"),
            source=data.get("source"),
            id_derived=bool(data.get("id_derived", False)),
            processed=dict(data.get("processed") or {}),
            id_source=_id_source(data),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title, "paragraphs": list(self.paragraphs), "text": self.text,
            "captions": list(self.captions), "removed": [{"kind": r.kind, "text": r.text} for r in self.removed],
            "metadata": dict(self.metadata), "content_hash": self.content_hash, "format": self.format,
            "url": self.url, "source": self.source, "id_derived": self.id_derived, "processed": dict(self.processed),
            "schema_version": SCHEMA_VERSION,
            "id_source": self.id_source,
        }


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who said a quotation: canonical ``name``, the ``mention`` at this quote
    (with its offsets ``start``/``end`` in the article text) and a ``role``.

    ``name`` is None when the mention (``he``, ``a senior official``) could not be
    tied to a named person with confidence: the mention is kept, no name guessed."""

    name: str | None
    mention: str | None = None
    start: int | None = None
    end: int | None = None
    role: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Speaker | None:
        return None if data is None else cls(**data)


@dataclass(frozen=True, slots=True)
class Cue:
    """The verb or phrase that introduces a quotation (said, told reporters, ...)."""

    text: str
    start: int
    end: int

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Cue | None:
        return None if data is None else cls(**data)


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation; ``text == article_text[start:end]`` always holds."""

    text: str
    start: int
    end: int
    type: QuoteType
    speaker: Speaker | None = None
    cue: Cue | None = None
    paragraph: int = 0
    confidence: float = 0.5
    rule: str | None = None  # name of the attribution rule that decided the speaker (newsstream.quotes.rules)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        return cls(
            text=data["text"],
            start=data["start"],
            end=data["end"],
            type=data["type"],
            speaker=Speaker.from_dict(data.get("speaker")),
            cue=Cue.from_dict(data.get("cue")),
            paragraph=data.get("paragraph", 0),
            confidence=data.get("confidence", 0.5),
            rule=data.get("rule"),
        )

    def to_dict(self) -> dict[str, Any]:
        speaker, cue = self.speaker, self.cue
        return {
            "text": self.text, "start": self.start, "end": self.end, "type": self.type,
            "speaker": None if speaker is None else {
                "name": speaker.name, "mention": speaker.mention, "start": speaker.start, "end": speaker.end,
                "role": speaker.role},
            "cue": None if cue is None else {"text": cue.text, "start": cue.start, "end": cue.end},
            "paragraph": self.paragraph, "confidence": self.confidence, "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class SpeakerSummary:
    """Per-article summary of one speaker: how often and where they are quoted."""

    name: str
    role: str | None
    quotes: int
    quote_indices: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class EnrichedArticle:
    """A clean article with its quotations, published on ``articles.enriched``."""

    article: CleanArticle
    quotes: tuple[Quote, ...]
    speakers: tuple[SpeakerSummary, ...]
    pipeline_version: str

    def to_dict(self) -> dict[str, Any]:
        out = self.article.to_dict()
        out["quotes"] = [q.to_dict() for q in self.quotes]
        out["speakers"] = [{"name": s.name, "role": s.role, "quotes": s.quotes, "quote_indices": list(s.quote_indices)}
                           for s in self.speakers]
        out["pipeline_version"] = self.pipeline_version
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EnrichedArticle:
        return cls(
            article=CleanArticle.from_dict(data),
            quotes=tuple(Quote.from_dict(q) for q in data.get("quotes", ())),
            speakers=tuple(
                SpeakerSummary(s["name"], s.get("role"), s["quotes"], tuple(s["quote_indices"]))
                for s in data.get("speakers", ())
            ),
            pipeline_version=data["pipeline_version"],
        )
