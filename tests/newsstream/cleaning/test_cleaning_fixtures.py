"""Scraped-text fixtures in the seed's style: each input gives exactly the expected output.

``tests/fixtures/cleaning/text/NAME.txt`` is the raw ``text`` field and ``NAME.json``
the expected ``title``, ``paragraphs``, ``captions`` and ``removed`` ``[kind, text]``
pairs (``raw`` adds producer fields such as ``title``; ``note`` says what it covers).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsstream.cleaning import clean_article
from newsstream.records import RawArticle

FIXTURES = Path(__file__).parents[2] / "fixtures" / "cleaning" / "text"
CASES = sorted(p.stem for p in FIXTURES.glob("*.txt"))


def load(name: str) -> tuple[RawArticle, dict]:
    text = (FIXTURES / f"{name}.txt").read_bytes().decode("utf-8")
    expected = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return RawArticle(id=name, text=text, **expected.get("raw", {})), expected


def test_enough_fixtures() -> None:
    assert len(CASES) >= 15


@pytest.mark.parametrize("name", CASES)
def test_fixture(name: str) -> None:
    raw, expected = load(name)
    article = clean_article(raw)
    assert article.title == expected["title"]
    assert list(article.paragraphs) == expected["paragraphs"]
    assert list(article.captions) == expected["captions"]
    assert [[r.kind, r.text] for r in article.removed] == expected["removed"]
    assert article.text == "\n\n".join(expected["paragraphs"])
