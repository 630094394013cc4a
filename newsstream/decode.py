"""Turn the bytes of a raw message into a :class:`RawArticle`, or say why not.

Accepted values: a JSON object following ``newsstream/schemas/articles.raw.schema.json``,
or plain UTF-8 text (taken as the article ``text``; text starting with an HTML
tag is taken as ``html``). An object without ``id`` gets one derived from the
sha256 of its content, and ``id_derived`` records the fact.
"""

from __future__ import annotations

import hashlib
from typing import Any

import orjson

from newsstream.errors import DecodeError, LimitExceeded, SchemaError
from newsstream.records import RawArticle

_JSON_START = frozenset(b'{["')
_HTML_PREFIXES = ("<!doctype html", "<html", "<?xml", "<head", "<body")
_JSON_TYPE_NAMES = {list: "array", str: "string", int: "number", float: "number", bool: "boolean"}


def decode_raw(value: bytes | None, *, max_bytes: int) -> RawArticle:
    """Decode one raw message value.

    :param value: the message value bytes (``None`` for a tombstone).
    :param max_bytes: values larger than this are refused before any parsing.
    :raises DecodeError: null/empty value, invalid UTF-8, invalid JSON, not an object.
    :raises LimitExceeded: value larger than ``max_bytes``.
    :raises SchemaError: the object breaks the raw-article schema.
    """
    if value is None:
        raise DecodeError("message value is null (a tombstone), expected an article")
    if len(value) > max_bytes:
        raise LimitExceeded(f"message value is {len(value):,} bytes, above the limit of {max_bytes:,} bytes")
    stripped = value.strip()
    if not stripped:
        raise DecodeError("message value is empty")
    if stripped[0] in _JSON_START:
        return article_from_json(stripped)
    try:
        text = stripped.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DecodeError(f"message value is not valid UTF-8 ({exc.reason} at byte {exc.start})") from None
    if len(stripped) < 32 and _is_json(stripped):  # a bare JSON number, true, false or null
        return article_from_json(stripped)
    field = "html" if text[:64].lower().startswith(_HTML_PREFIXES) else "text"
    return article_from_dict({field: text})


def article_from_json(data: bytes) -> RawArticle:
    """Parse JSON bytes (orjson: strict UTF-8, nesting limited) into an article."""
    try:
        obj = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        if _is_invalid_utf8(data):
            raise DecodeError("message value is not valid UTF-8") from None
        raise DecodeError(f"message value is not valid JSON: {exc}") from None
    if not isinstance(obj, dict):
        kind = "null" if obj is None else _JSON_TYPE_NAMES.get(type(obj), type(obj).__name__)
        raise DecodeError(f"message value is a JSON {kind}, expected a JSON object")
    return article_from_dict(obj)


def article_from_dict(obj: dict[str, Any]) -> RawArticle:
    """Validate a decoded object against the raw schema, deriving a missing id."""
    from newsstream.schemas import validate  # local: keeps jsonschema off the import path of the core

    if obj.get("id") is None:
        obj = {**obj, "id": derive_id(obj), "id_derived": True}
    validate("articles.raw", obj)
    if not (obj.get("text") or obj.get("html")):
        raise SchemaError("article has neither a non-empty 'text' nor a non-empty 'html' field")
    return RawArticle.from_dict(obj)


def derive_id(obj: dict[str, Any]) -> str:
    """A stable id for an article sent without one: ``sha256-`` + 24 hex digits of its content."""
    parts = [v if isinstance(v := obj.get(k), str) else None for k in ("url", "title", "text", "html")]
    digest = hashlib.sha256(orjson.dumps(parts)).hexdigest()
    return f"sha256-{digest[:24]}"


def _is_json(data: bytes) -> bool:
    try:
        orjson.loads(data)
    except orjson.JSONDecodeError:
        return False
    return True


def _is_invalid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False
