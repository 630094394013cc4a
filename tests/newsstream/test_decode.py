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


# -- the message key is the id when the value has none ------------------------------------
@pytest.mark.parametrize(("value", "field"), [
    (b"Title\n\nA paragraph about the harbour.", "text"),               # kcat -P -k k1 <file.txt
    (b"<html><body><p>A paragraph about the harbour.</p></body></html>", "html"),
    (b'{"text": "A paragraph about the harbour.", "source": "wire"}', "text"),  # JSON without "id"
    (b'{"id": null, "text": "A paragraph about the harbour."}', "text"),
])
def test_the_key_is_the_id_when_the_value_has_none(value, field):
    raw = decode_raw(value, max_bytes=LIMIT, key=b"k1")
    assert (raw.id, raw.id_source, raw.id_derived) == ("k1", "key", False)
    assert getattr(raw, field)


def test_the_values_id_wins_over_the_key():
    raw = decode_raw(b'{"id": "from-value", "text": "Body."}', max_bytes=LIMIT, key=b"from-key")
    assert (raw.id, raw.id_source, raw.id_derived) == ("from-value", "value", False)


def test_two_keys_with_the_same_body_stay_two_articles():
    body = b"The same wire story, sent twice."
    assert decode_raw(body, max_bytes=LIMIT, key=b"a").id != decode_raw(body, max_bytes=LIMIT, key=b"b").id


@pytest.mark.parametrize("key", [None, b"", b"   ", b"\xff\xfe", b"x" * 513])
def test_a_missing_or_unusable_key_falls_back_to_the_content_hash(key):
    raw = decode_raw(b"A body without an id.", max_bytes=LIMIT, key=key)
    assert raw.id == derive_id({"text": "A body without an id."})
    assert (raw.id_source, raw.id_derived) == ("derived", True)


def test_a_producer_cannot_claim_a_derived_id():
    raw = decode_raw(b'{"id": "mine", "text": "x", "id_derived": true, "id_source": "derived"}', max_bytes=LIMIT)
    assert (raw.id_source, raw.id_derived) == ("value", False)


def test_a_key_of_512_multibyte_characters_is_an_id():
    key = "é" * 512
    assert decode_raw(b"Body.", max_bytes=LIMIT, key=key.encode()).id == key
