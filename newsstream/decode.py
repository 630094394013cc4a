"""Turn the bytes of a raw message into a :class:`RawArticle`, or say why not.

Accepted values: a JSON object following ``newsstream/schemas/articles.raw.schema.json``,
or plain UTF-8 text (taken as the article ``text``; text starting with an HTML
tag is taken as ``html``).

Where the id comes from (``id_source``): the value's ``"id"`` (``value``); else the Kafka
message key, as producers key raw messages by article id (``key``; ``kcat -P -k my-id``
with a plain-text value); else, when both are missing, ``sha256-`` + a hash of the
content (``derived``, and ``id_derived`` is true). A key that could not be an id (not
UTF-8, blank, longer than 512 characters) counts as missing.
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
MAX_ID_CHARS = 512  # schemas/common.schema.json#/$defs/articleId maxLength


def decode_raw(value: bytes | None, *, max_bytes: int, key: bytes | None = None) -> RawArticle:
    """Decode one raw message value.

    :param value: the message value bytes (``None`` for a tombstone).
    :param max_bytes: values larger than this are refused before any parsing.
    :param key: the message key: the article id when the value carries none.
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
    key_id = id_from_key(key)
    if stripped[0] in _JSON_START:
        return article_from_json(stripped, key_id=key_id)
    try:
        text = stripped.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DecodeError(f"message value is not valid UTF-8 ({exc.reason} at byte {exc.start})") from None
    if len(stripped) < 32 and _is_json(stripped):  # a bare JSON number, true, false or null
        return article_from_json(stripped, key_id=key_id)
    field = "html" if text[:64].lower().startswith(_HTML_PREFIXES) else "text"
    return article_from_dict({field: text}, key_id=key_id)


def id_from_key(key: bytes | None) -> str | None:
    """The article id a message key gives, or ``None`` when the key could not be one."""
    if not key or len(key) > 4 * MAX_ID_CHARS:
        return None
    try:
        text = key.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text if len(text) <= MAX_ID_CHARS and not text.isspace() else None


def article_from_json(data: bytes, *, key_id: str | None = None) -> RawArticle:
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
    return article_from_dict(obj, key_id=key_id)


def article_from_dict(obj: dict[str, Any], *, key_id: str | None = None) -> RawArticle:
    """Validate a decoded object against the raw schema; a missing id is ``key_id``, else derived."""
    from newsstream.schemas import validate  # local: keeps jsonschema off the import path of the core

    if obj.get("id") is not None:
        obj = {**obj, "id_derived": False, "id_source": "value"}
    elif key_id is not None:
        obj = {**obj, "id": key_id, "id_derived": False, "id_source": "key"}
    else:
        obj = {**obj, "id": derive_id(obj), "id_derived": True, "id_source": "derived"}
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
