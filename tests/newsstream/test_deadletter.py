from __future__ import annotations

import base64
import hashlib

from newsstream.deadletter import Origin, deadletter_record
from newsstream.errors import CleaningError
from newsstream.schemas import validate

ORIGIN = Origin("articles.raw", 3, 1234, 1795850618.9)


def test_input_error_keeps_its_stage_reason_and_the_original_bytes():
    record = deadletter_record(error=CleaningError("html has no article text"), origin=ORIGIN,
                               key=b"k1", value=b"<html></html>", article_id="k1", max_value_bytes=100)
    validate("articles.deadletter", record)
    assert record["stage"] == "clean" and record["error_type"] == "CleaningError"
    assert record["reason"] == "html has no article text"
    original = record["original"]
    assert (original["topic"], original["partition"], original["offset"]) == ("articles.raw", 3, 1234)
    assert base64.b64decode(original["value_b64"]) == b"<html></html>"
    assert base64.b64decode(original["key_b64"]) == b"k1"
    assert original["value_truncated"] is False


def test_unexpected_errors_name_the_stage_and_type():
    record = deadletter_record(error=ZeroDivisionError("division by zero"), origin=ORIGIN, key=None,
                               value=b"x", stage="quotes", max_value_bytes=100)
    validate("articles.deadletter", record)
    assert record["stage"] == "quotes" and record["error_type"] == "ZeroDivisionError"
    assert "ZeroDivisionError" in record["reason"] and "division by zero" in record["reason"]
    assert record["original"]["key_b64"] is None


def test_oversized_values_are_truncated_with_size_and_hash_kept():
    value = b"a" * 5000
    record = deadletter_record(error=CleaningError("x"), origin=ORIGIN, key=b"k", value=value, max_value_bytes=1000)
    validate("articles.deadletter", record)
    original = record["original"]
    assert len(base64.b64decode(original["value_b64"])) == 1000
    assert original["value_truncated"] is True and original["value_size"] == 5000
    assert original["value_sha256"] == hashlib.sha256(value).hexdigest()


def test_null_value():
    record = deadletter_record(error=CleaningError("x"), origin=ORIGIN, key=b"k", value=None, max_value_bytes=10)
    validate("articles.deadletter", record)
    assert record["original"]["value_b64"] is None and record["original"]["value_size"] is None
