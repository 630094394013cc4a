"""Versioned contracts: the schemas' ``$id``s carry the major version, every record carries
``schema_version``, and today's schemas accept the recorded messages of earlier versions
(``tests/fixtures/contracts/v*/``). Strict (newsstream's own check) refuses undeclared fields;
tolerant (a consumer's reading) accepts the additions a later minor version may make."""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pytest

from newsstream import SCHEMA_VERSION
from newsstream.deadletter import Origin, deadletter_record
from newsstream.errors import DecodeError
from newsstream.pipeline import enrich, process, quote_messages
from newsstream.records import RawArticle
from newsstream.schemas import BASE_URI, SCHEMAS_MAJOR, TOPICS, check, schemas_dir

CONTRACTS = Path(__file__).resolve().parents[1] / "fixtures" / "contracts"
# topics added after 1.0 (an additive change): earlier versions have no messages of them
INTRODUCED_IN = {"quotations": "1.1"}


def _topics_of(version_folder: str) -> list[str]:
    """The topics that existed in the version a fixture folder (``v1.0``) records."""
    version = tuple(int(p) for p in version_folder.lstrip("v").split("."))
    return [t for t in TOPICS if tuple(int(p) for p in INTRODUCED_IN.get(t, "1.0").split(".")) <= version]


RECORDED = sorted((folder.name, topic, n, record)
                  for folder in CONTRACTS.iterdir() if folder.is_dir()
                  for topic in _topics_of(folder.name)
                  for n, record in enumerate(orjson.loads(line)
                                             for line in (folder / f"{topic}.jsonl").read_bytes().splitlines()))


def test_every_earlier_version_has_messages_of_every_topic() -> None:
    folders = [f for f in CONTRACTS.iterdir() if f.is_dir()]
    assert [f.name for f in folders] == ["v1.0"]  # add a folder when a version changes the schemas
    for folder in folders:
        for topic in _topics_of(folder.name):
            assert (folder / f"{topic}.jsonl").read_bytes().strip(), (folder, topic)


@pytest.mark.parametrize(("version", "topic", "n", "record"), RECORDED,
                         ids=[f"{v}-{t}-{n}" for v, t, n, _ in RECORDED])
@pytest.mark.parametrize("strict", [True, False], ids=["strict", "tolerant"])
def test_todays_schemas_accept_earlier_messages(version: str, topic: str, n: int, record: dict, strict: bool) -> None:
    assert check(topic, record, strict=strict) is None


def test_ids_carry_the_major_version() -> None:
    assert f"/v{SCHEMAS_MAJOR}/" in BASE_URI
    assert SCHEMA_VERSION.split(".")[0] == str(SCHEMAS_MAJOR)
    for path in schemas_dir().iterdir():
        if path.name.endswith(".schema.json"):
            assert json.loads(path.read_text("utf-8"))["$id"] == BASE_URI + path.name


def _records() -> dict[str, dict]:
    raw = RawArticle(id="cv-1", text="Canal lock repaired\n\n“The lock works again,” said Mona Brisk, the keeper.")
    enriched = process(raw)
    article = enriched.article
    failure = deadletter_record(error=DecodeError("not JSON"), origin=Origin("articles.raw", 0, 5, None),
                                key=b"k", value=b"{", max_value_bytes=1024)
    [(_, quote)] = quote_messages(enrich(article))
    return {"articles.clean": article.to_dict(), "articles.enriched": enriched.to_dict(), "quotes": quote,
            "articles.deadletter": failure}


@pytest.mark.parametrize("topic", ["articles.clean", "articles.enriched", "quotes", "articles.deadletter"])
def test_every_record_carries_the_schema_version(topic: str) -> None:
    record = orjson.loads(orjson.dumps(_records()[topic]))
    assert record["schema_version"] == SCHEMA_VERSION
    assert check(topic, record) is None
    assert check(topic, {**record, "schema_version": "2.0"}) is not None  # another major is another contract


@pytest.mark.parametrize("topic", ["articles.clean", "articles.enriched", "quotes", "articles.deadletter"])
def test_an_added_field_is_refused_strictly_and_accepted_tolerantly(topic: str) -> None:
    record = {**orjson.loads(orjson.dumps(_records()[topic])), "sentiment_score": 0.4}
    assert "sentiment_score" in (check(topic, record) or "")
    assert check(topic, record, strict=False) is None


def test_a_new_dead_letter_stage_is_refused_strictly_and_accepted_tolerantly() -> None:
    record = {**_records()["articles.deadletter"], "stage": "translate"}
    assert "translate" in (check("articles.deadletter", record) or "")
    assert check("articles.deadletter", record, strict=False) is None


def test_a_removed_required_field_is_refused_either_way() -> None:
    record = dict(_records()["articles.enriched"])
    del record["quotes"]
    assert check("articles.enriched", record) is not None
    assert check("articles.enriched", record, strict=False) is not None
