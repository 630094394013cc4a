"""Every cleaned fixture, stamped as the pipeline does, satisfies the articles.clean schema.

(``newsstream.pipeline.clean`` is not imported: it pulls in the quote stage too.)"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from newsstream.cleaning import clean_article
from newsstream.records import CleanArticle, RawArticle
from newsstream.schemas import validate

FIXTURES = Path(__file__).parents[2] / "fixtures" / "cleaning" / "text"


def clean(raw: RawArticle) -> CleanArticle:
    """The cleaning stage with the processing stamp ``newsstream.pipeline.clean`` adds."""
    return replace(clean_article(raw), processed={"cleaned_at": "2026-01-01T00:00:00Z"})


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.stem)
def test_fixture_record_matches_schema(path: Path) -> None:
    article = clean(RawArticle(id=path.stem, text=path.read_bytes().decode("utf-8")))
    validate("articles.clean", article.to_dict())


def test_seed_record_matches_schema(seed_text: str) -> None:
    validate("articles.clean", clean(RawArticle(id="seed", text=seed_text)).to_dict())
