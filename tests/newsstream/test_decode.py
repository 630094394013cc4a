"""Raw message bytes -> RawArticle, and the reasons for refusing them."""

from __future__ import annotations

import orjson
import pytest

from newsstream.decode import decode_raw, derive_id
from newsstream.errors import DecodeError, LimitExceeded, SchemaError

LIMIT = 1024 * 1024


def test_json_object_with_all_fields():
    value = orjson.dumps({"id": "a1", "text": "Body.", "url": "https://x.org/a", "source": "wire",
                          "title": "T", "published_at": "2026-01-01", "language": "en", "extra": [1]})
    raw = decode_raw(value, max_bytes=LIMIT)
    assert (raw.id, raw.text, raw.url, raw.language, raw.id_derived) == ("a1", "Body.", "https://x.org/a", "en", False)


def test_plain_text_is_taken_as_text_with_a_derived_id():
    raw = decode_raw("Title\n\nA “quoted” paragraph.".encode(), max_bytes=LIMIT)
    assert raw.text == "Title\n\nA “quoted” paragraph."
    assert raw.id.startswith("sha256-") and raw.id_derived


def test_plain_html_is_taken_as_html():
    raw = decode_raw(b"<!DOCTYPE html><html><body><p>x</p></body></html>", max_bytes=LIMIT)
    assert raw.html is not None and raw.text is None


def test_missing_id_is_derived_stably_from_content():
    a = decode_raw(b'{"text": "same body"}', max_bytes=LIMIT)
    b = decode_raw(b'{"text": "same body"}', max_bytes=LIMIT)
    c = decode_raw(b'{"text": "other body"}', max_bytes=LIMIT)
    assert a.id == b.id != c.id
    assert a.id == derive_id({"text": "same body"}) and a.id_derived


@pytest.mark.parametrize(("value", "error", "reason"), [
    (None, DecodeError, "null"),
    (b"", DecodeError, "empty"),
    (b" \n\t", DecodeError, "empty"),
    (b'{"id": "x", "text": "unterminated', DecodeError, "not valid JSON"),
    (b"caf\xe9 \xff", DecodeError, "not valid UTF-8"),
    (b'{"id": "x", "text": "caf\xe9"}', DecodeError, "not valid UTF-8"),
    (b"[1, 2]", DecodeError, "JSON array"),
    (b'"just a string"', DecodeError, "JSON string"),
    (b"42", DecodeError, "JSON number"),
    (b"null", DecodeError, "JSON null"),
    (b"true", DecodeError, "JSON boolean"),
    (b'{"id": 5, "text": "x"}', SchemaError, "$.id"),
    (b'{"id": "x", "text": ["a"]}', SchemaError, "$.text"),
    (b'{"id": "x", "title": "no body"}', SchemaError, "text"),
    (b'{"id": "x", "text": ""}', SchemaError, "non-empty"),
    (b'{"id": "", "text": "body"}', SchemaError, "$.id"),
    (b'{"id": "x", "text": ' + b"[" * 3000 + b"]" * 3000 + b"}", DecodeError, "not valid JSON"),
    (bytes(range(256)), DecodeError, "UTF-8"),
])
def test_bad_values_are_refused_with_a_reason(value, error, reason):
    with pytest.raises(error) as info:
        decode_raw(value, max_bytes=LIMIT)
    assert reason.lower() in info.value.reason.lower()


def test_size_limit_is_checked_before_parsing():
    with pytest.raises(LimitExceeded) as info:
        decode_raw(b"{" + b"x" * 2000, max_bytes=1024)
    assert "2,001 bytes" in info.value.reason and info.value.stage == "validate"
