"""Every cleaned fixture, stamped as the pipeline does, satisfies the articles.clean schema."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsstream.pipeline import clean
from newsstream.records import RawArticle
from newsstream.schemas import validate

FIXTURES = Path(__file__).parents[2] / "fixtures" / "cleaning" / "text"


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.stem)
def test_fixture_record_matches_schema(path: Path) -> None:
    article = clean(RawArticle(id=path.stem, text=path.read_bytes().decode("utf-8")))
    validate("articles.clean", article.to_dict())


def test_seed_record_matches_schema(seed_text: str) -> None:
    validate("articles.clean", clean(RawArticle(id="seed", text=seed_text)).to_dict())
