"""The JSON Schemas in newsstream/schemas/ and newsstream.schemas: valid records pass, broken ones fail with a reason
that names the field."""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from newsstream import PIPELINE_VERSION, schemas
from newsstream.errors import SchemaError
from newsstream.records import (
    CleanArticle,
    Cue,
    EnrichedArticle,
    Quote,
    RawArticle,
    Removal,
    Speaker,
    SpeakerSummary,
)

TS = "2026-11-28T07:20:22.123456+00:00"
TEXT = (
    'UN envoy Staffan de Mistura said a deal was "not far" away.\n\n'
    'The opposition said there were "no agreements" yet.'
)


def _clean() -> CleanArticle:
    paragraphs = tuple(TEXT.split("\n\n"))
    return CleanArticle(
        id="bbc-39066209",
        title="Syria talks",
        paragraphs=paragraphs,
        text=TEXT,
        captions=("A caption",),
        removed=(Removal("credit", "Image copyright AFP"), Removal("caption", "Image caption A caption")),
        metadata={"author": None, "published_at": "2017-02-23", "site": "BBC News", "language": "en"},
        content_hash=hashlib.sha256(TEXT.encode()).hexdigest(),
        format="html",
        url="https://www.bbc.co.uk/news/world-middle-east-39066209",
        source="bbc",
        processed={"received_at": TS, "cleaned_at": "2026-11-28T07:20:22Z"},
    )


def _quotes() -> tuple[Quote, ...]:
    q1_start = TEXT.index("not far")
    q2_start = TEXT.index("no agreements")
    said = TEXT.index("said")
    return (
        Quote(
            text="not far",
            start=q1_start,
            end=q1_start + len("not far"),
            type="partial",
            speaker=Speaker("Staffan de Mistura", "Staffan de Mistura", 9, 27, "UN envoy"),
            cue=Cue("said", said, said + 4),
            paragraph=0,
            confidence=0.9,
        ),
        Quote(text="no agreements", start=q2_start, end=q2_start + 13, type="partial"),
    )


def clean_record() -> dict[str, Any]:
    return _clean().to_dict()


def enriched_record() -> dict[str, Any]:
    clean = _clean()
    clean = CleanArticle.from_dict({**clean.to_dict(), "processed": {**clean.processed, "enriched_at": TS}})
    return EnrichedArticle(
        article=clean,
        quotes=_quotes(),
        speakers=(SpeakerSummary("Staffan de Mistura", "UN envoy", 1, (0,)),),
        pipeline_version=PIPELINE_VERSION,
    ).to_dict()


def quote_record(index: int = 0) -> dict[str, Any]:
    return {
        "article_id": "bbc-39066209",
        "index": index,
        **_quotes()[index].to_dict(),
        "article_url": "https://www.bbc.co.uk/news/world-middle-east-39066209",
        "article_title": "Syria talks",
        "pipeline_version": PIPELINE_VERSION,
    }


def raw_record() -> dict[str, Any]:
    return RawArticle(id="bbc-39066209", text=TEXT, url="https://example.org/a", language="en").to_dict()


def deadletter_record() -> dict[str, Any]:
    return {
        "original": {
            "topic": "articles.raw",
            "partition": 3,
            "offset": 42,
            "timestamp": 1764314422.123,
            "key_b64": "a2V5",
            "value_b64": "eyJpZCI6",
            "value_truncated": False,
            "value_size": 6,
            "value_sha256": hashlib.sha256(b'{"id":').hexdigest(),
        },
        "stage": "decode",
        "error_type": "DecodeError",
        "reason": "invalid JSON: unexpected end of data",
        "article_id": None,
        "failed_at": TS,
        "pipeline_version": PIPELINE_VERSION,
    }


def quotation_record() -> dict[str, Any]:
    from newsstream.tracker.aggregate import Occurrence, add_occurrence, public

    occ = Occurrence("a1", "https://valepost.example/a1", "valepost.example", "2026-03-01T10:00:00+00:00",
                     "Maria Okafor", "We will rebuild the footbridges.")
    record, _ = add_occurrence(None, "0123456789abcdef", "okafor", occ)
    return public(record)


BUILDERS: dict[str, Callable[[], dict[str, Any]]] = {
    "articles.raw": raw_record,
    "articles.clean": clean_record,
    "articles.enriched": enriched_record,
    "quotes": quote_record,
    "articles.deadletter": deadletter_record,
    "quotations": quotation_record,
}


# --- the schema files ---------------------------------------------------------------------------


def _all_schema_files() -> list[str]:
    return sorted(p.name for p in schemas.schemas_dir().glob("*.schema.json"))


def test_every_topic_has_a_schema_file() -> None:
    assert set(_all_schema_files()) == {f"{t}.schema.json" for t in schemas.TOPICS} | {"common.schema.json"}


@pytest.mark.parametrize("name", _all_schema_files())
def test_schema_is_valid_2020_12(name: str) -> None:
    schema = json.loads((schemas.schemas_dir() / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == schemas.BASE_URI + name
    assert schema["title"] and schema["description"]


def _properties(node: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        for name, sub in (node.get("properties") or {}).items():
            yield f"{where}.{name}", sub
        for key, value in node.items():
            yield from _properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _properties(value, f"{where}[{i}]")


@pytest.mark.parametrize("name", _all_schema_files())
def test_every_property_has_title_and_description(name: str) -> None:
    schema = json.loads((schemas.schemas_dir() / name).read_text(encoding="utf-8"))
    props = list(_properties(schema, name))
    missing = [where for where, sub in props if not (sub.get("title") and sub.get("description"))]
    assert not missing
    for name_, sub in schema.get("$defs", {}).items():
        assert sub.get("title") and sub.get("description"), name_


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


@pytest.mark.parametrize("name", _all_schema_files())
def test_every_ref_resolves_through_the_registry(name: str) -> None:
    schema = json.loads((schemas.schemas_dir() / name).read_text(encoding="utf-8"))
    resolver = schemas.registry().resolver(base_uri=schema["$id"])
    refs = list(_refs(schema))
    for ref in refs:
        assert resolver.lookup(ref).contents is not None, ref


def test_load_schema_returns_a_copy_and_rejects_unknown_topics() -> None:
    schema = schemas.load_schema("articles.raw")
    schema["required"] = []
    assert schemas.load_schema("articles.raw")["required"] == ["id"]
    with pytest.raises(ValueError, match=r"articles\.raw"):
        schemas.load_schema("articles.unknown")


def test_validator_is_cached_and_draft_2020_12() -> None:
    assert schemas.validator("quotes") is schemas.validator("quotes")
    assert schemas.validator("quotes").META_SCHEMA == Draft202012Validator.META_SCHEMA


def test_to_dict_and_its_json_form_both_validate() -> None:
    record = enriched_record()
    assert isinstance(record["paragraphs"], list)  # to_dict gives plain JSON types
    schemas.validate("articles.enriched", record)
    schemas.validate("articles.enriched", {**record, "paragraphs": tuple(record["paragraphs"])})
    schemas.validate("articles.enriched", json.loads(json.dumps(record)))


# --- valid records ------------------------------------------------------------------------------


@pytest.mark.parametrize("topic", schemas.TOPICS)
def test_built_record_is_valid(topic: str) -> None:
    schemas.validate(topic, BUILDERS[topic]())


def test_enriched_record_has_quote_with_and_without_speaker() -> None:
    record = enriched_record()
    assert record["quotes"][0]["speaker"]["name"] == "Staffan de Mistura"
    assert record["quotes"][0]["cue"]["text"] == "said"
    assert record["quotes"][1]["speaker"] is None and record["quotes"][1]["cue"] is None
    for q in record["quotes"]:
        assert record["text"][q["start"] : q["end"]] == q["text"]
    assert EnrichedArticle.from_dict(record).to_dict() == record


def test_unattributed_quote_message_is_valid() -> None:
    schemas.validate("quotes", quote_record(1))


@pytest.mark.parametrize(
    "record",
    [
        {"id": "a", "html": "<p>x</p>"},
        {"id": "a", "text": "x", "html": "<p>x</p>", "crawler": {"run": 7}},
        {"id": "a", "text": "x", "title": None, "language": None, "id_derived": True},
    ],
)
def test_raw_variants_are_valid(record: dict[str, Any]) -> None:
    schemas.validate("articles.raw", record)


def test_enriched_with_no_quotes_is_valid() -> None:
    record = enriched_record()
    record["quotes"], record["speakers"] = [], []
    schemas.validate("articles.enriched", record)


def test_deadletter_of_null_value_is_valid() -> None:
    record = deadletter_record()
    record["original"].update(
        value_b64=None, value_sha256=None, value_size=None, key_b64=None, timestamp=None
    )
    schemas.validate("articles.deadletter", record)


def test_deadletter_of_empty_value_is_valid() -> None:
    record = deadletter_record()
    empty = {"value_b64": "", "value_sha256": hashlib.sha256(b"").hexdigest(), "value_size": 0}
    record["original"].update(empty)
    schemas.validate("articles.deadletter", record)


# --- invalid records ----------------------------------------------------------------------------


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def apply(record: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = record
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        node[int(last) if last.isdigit() else last] = value

    return apply


def _del(path: str) -> Callable[[dict[str, Any]], None]:
    def apply(record: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = record
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        del node[last]

    return apply


INVALID = [
    # (topic, change, words the reason must contain)
    ("articles.raw", _del("id"), ["'id'", "required"]),
    ("articles.raw", _del("text"), ["'text'", "required"]),
    ("articles.raw", _set("id", ""), ["$.id"]),
    ("articles.raw", _set("id", "   "), ["$.id"]),
    ("articles.raw", _set("id", "x" * 513), ["$.id", "too long"]),
    ("articles.raw", _set("id", 17), ["$.id", "string"]),
    ("articles.raw", _set("text", ["a", "b"]), ["$.text", "string"]),
    ("articles.raw", _set("html", 3), ["$.html", "string"]),
    ("articles.raw", _set("title", {"a": 1}), ["$.title"]),
    ("articles.raw", _set("id_derived", "yes"), ["$.id_derived", "boolean"]),
    ("articles.clean", _del("paragraphs"), ["'paragraphs'", "required"]),
    ("articles.clean", _set("paragraphs", []), ["$.paragraphs"]),
    ("articles.clean", _set("format", "pdf"), ["$.format", "pdf"]),
    ("articles.clean", _set("content_hash", ""), ["$.content_hash"]),
    ("articles.clean", _set("content_hash", "Z" * 64), ["$.content_hash"]),
    ("articles.clean", _set("removed.0.kind", None), ["$.removed[0].kind"]),
    ("articles.clean", _set("processed.cleaned_at", "yesterday"), ["$.processed.cleaned_at", "date-time"]),
    (
        "articles.clean",
        _set("processed.cleaned_at", "2026-11-28T07:20:22"),
        ["$.processed.cleaned_at", "offset"],
    ),
    ("articles.clean", _set("quotes", []), ["quotes", "unexpected"]),
    ("articles.clean", _set("metadata", "BBC"), ["$.metadata", "object"]),
    ("articles.enriched", _del("pipeline_version"), ["'pipeline_version'", "required"]),
    ("articles.enriched", _set("quotes.0.start", -1), ["$.quotes[0].start", "minimum"]),
    ("articles.enriched", _set("quotes.0.end", "12"), ["$.quotes[0].end", "integer"]),
    ("articles.enriched", _set("quotes.0.type", "indirect"), ["$.quotes[0].type", "indirect"]),
    ("articles.enriched", _set("quotes.0.confidence", 1.5), ["$.quotes[0].confidence"]),
    ("articles.enriched", _set("quotes.0.paragraph", -2), ["$.quotes[0].paragraph"]),
    ("articles.enriched", _set("quotes.0.speaker.start", -5), ["$.quotes[0].speaker"]),
    ("articles.enriched", _del("quotes.0.speaker.name"), ["$.quotes[0].speaker", "name"]),
    ("articles.enriched", _set("quotes.0.cue.end", -1), ["$.quotes[0].cue"]),
    ("articles.enriched", _set("quotes.1.speaker", "Yahya al-Aridi"), ["$.quotes[1].speaker", "object"]),
    ("articles.enriched", _set("quotes.0.extra", 1), ["$.quotes[0]", "extra"]),
    ("articles.enriched", _set("speakers.0.quote_indices", [-1]), ["$.speakers[0].quote_indices[0]"]),
    ("articles.enriched", _set("speakers.0.quotes", "one"), ["$.speakers[0].quotes"]),
    ("articles.enriched", _set("processed.enriched_at", 1764314422), ["$.processed.enriched_at", "string"]),
    ("quotes", _del("article_id"), ["'article_id'", "required"]),
    ("quotes", _set("index", -1), ["$.index", "minimum"]),
    ("quotes", _set("start", -1), ["$.start", "minimum"]),
    ("quotes", _set("type", "reported"), ["$.type"]),
    ("quotes", _set("speaker", {"name": "X"}), ["$.speaker", "'mention'", "required"]),
    ("quotes", _set("cue", {"text": "said", "start": 1, "end": -1}), ["$.cue.end", "minimum"]),
    ("quotes", _del("pipeline_version"), ["'pipeline_version'"]),
    ("articles.deadletter", _set("stage", "transport"), ["$.stage", "transport"]),
    ("articles.deadletter", _set("original.offset", -1), ["$.original.offset", "minimum"]),
    ("articles.deadletter", _set("original.partition", "3"), ["$.original.partition", "integer"]),
    ("articles.deadletter", _set("original.timestamp", "now"), ["$.original.timestamp"]),
    ("articles.deadletter", _set("original.value_size", -1), ["$.original.value_size", "minimum"]),
    ("articles.deadletter", _set("original.value_sha256", "abc"), ["$.original.value_sha256"]),
    ("articles.deadletter", _del("original.value_truncated"), ["'value_truncated'", "required"]),
    ("articles.deadletter", _set("failed_at", "28/11/2026"), ["$.failed_at", "date-time"]),
    ("articles.deadletter", _del("reason"), ["'reason'", "required"]),
    ("articles.deadletter", _set("article_id", 5), ["$.article_id"]),
]


@pytest.mark.parametrize(
    ("topic", "change", "words"),
    INVALID,
    ids=[f"{t}-{i}" for i, (t, _, _) in enumerate(INVALID)],
)
def test_invalid_record_fails_with_reason_naming_the_field(
    topic: str, change: Callable[[dict[str, Any]], None], words: list[str]
) -> None:
    record = copy.deepcopy(BUILDERS[topic]())
    change(record)
    with pytest.raises(SchemaError) as info:
        schemas.validate(topic, record)
    reason = info.value.reason
    assert info.value.stage == "validate"
    assert reason.startswith(f"{topic} schema: at $")
    for word in words:
        assert word in reason, (word, reason)


@pytest.mark.parametrize("value", [None, [], "just text", 12, True])
def test_non_object_raw_message_fails(value: Any) -> None:
    with pytest.raises(SchemaError, match=r"at \$: .* is not of type 'object'"):
        schemas.validate("articles.raw", value)


def test_reason_stays_short_for_huge_values() -> None:
    record = {"id": "a", "text": ["x" * 1_000_000]}
    with pytest.raises(SchemaError) as info:
        schemas.validate("articles.raw", record)
    assert "$.text" in info.value.reason
    assert len(info.value.reason) < 600


def test_check_returns_none_or_reason() -> None:
    assert schemas.check("articles.raw", raw_record()) is None
    assert "'id'" in (schemas.check("articles.raw", {"text": "x"}) or "")
