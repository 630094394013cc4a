"""HTML page fixtures: each page gives exactly the expected title, paragraphs and captions.

``tests/fixtures/cleaning/html/NAME.html`` is the page and ``NAME.json`` the expected
``title``, ``paragraphs`` and ``captions`` (``note`` says what it covers: each defect class
of the HTML path has a "must" page, where the fix has to act, and a "must-not" page, where
it must leave the page alone). ``removed`` is not compared: the line rules that fill it
are tested on their own.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsstream.cleaning import clean_article
from newsstream.records import RawArticle

FIXTURES = Path(__file__).parents[2] / "fixtures" / "cleaning" / "html"
CASES = sorted(p.stem for p in FIXTURES.glob("*.html"))


def test_every_page_has_its_expectation() -> None:
    assert len(CASES) >= 10
    assert all((FIXTURES / f"{name}.json").exists() for name in CASES)


@pytest.mark.parametrize("name", CASES)
def test_html_fixture(name: str) -> None:
    html = (FIXTURES / f"{name}.html").read_bytes().decode("utf-8")
    expected = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    article = clean_article(RawArticle(id=name, html=html))
    assert article.format == "html"
    assert article.title == expected["title"]
    assert list(article.paragraphs) == expected["paragraphs"]
    assert list(article.captions) == expected["captions"]
