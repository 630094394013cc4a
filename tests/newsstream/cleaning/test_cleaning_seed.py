"""The seed article (shared/seed) comes out paragraph by paragraph as the issue asks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsstream.cleaning import clean_article
from newsstream.cleaning.pipeline import content_hash
from newsstream.records import CleanArticle, RawArticle

EXPECTED = json.loads(
    (Path(__file__).parents[2] / "fixtures" / "cleaning" / "seed_000_expected.json").read_text("utf-8")
)


@pytest.fixture(scope="module")
def seed_article(seed_text: str) -> CleanArticle:
    return clean_article(RawArticle(id="seed-000", text=seed_text))


def test_seed_has_exactly_sixteen_body_paragraphs(seed_article: CleanArticle) -> None:
    assert len(seed_article.paragraphs) == 16
    assert seed_article.paragraphs[0].startswith("A second day of peace talks")
    assert seed_article.paragraphs[-1] == "They broke down last April with little progress having been made."


@pytest.mark.parametrize("index", range(16))
def test_seed_paragraph(seed_article: CleanArticle, index: int) -> None:
    assert seed_article.paragraphs[index] == EXPECTED["paragraphs"][index]


def test_seed_title_once_and_not_in_body(seed_article: CleanArticle) -> None:
    assert seed_article.title == "Syria conflict: Astana peace talks seek to reinforce truce"
    assert seed_article.title not in seed_article.text
    assert [r.kind for r in seed_article.removed].count("repeated_title") == 1


def test_seed_captions(seed_article: CleanArticle) -> None:
    assert list(seed_article.captions) == EXPECTED["captions"]
    assert len(seed_article.captions) == 4
    for caption in seed_article.captions:
        assert caption not in seed_article.text


def test_seed_no_credit_lines_or_markers(seed_article: CleanArticle) -> None:
    for line in seed_article.paragraphs:
        assert line not in ("Reuters", "Image copyright", "Image caption")
        assert "Image copyright" not in line and "Media caption" not in line
    assert "}" not in seed_article.text
    assert [r.text for r in seed_article.removed if r.kind == "credit"] == [
        "Image copyright",
        "Reuters",
        "Image copyright",
        "Reuters",
    ]


def test_seed_removals_in_order(seed_article: CleanArticle) -> None:
    assert [[r.kind, r.text] for r in seed_article.removed] == EXPECTED["removed"]


def test_seed_quotes_kept_as_published(seed_article: CleanArticle, seed_text: str) -> None:
    for mark in "“”’":
        assert seed_article.text.count(mark) == sum(
            p.count(mark) for p in seed_text.split("\n") if p.strip() in seed_article.paragraphs
        )
    assert "“not far”" in seed_article.text and "Assad’s" in seed_article.text


def test_seed_record_fields(seed_article: CleanArticle) -> None:
    assert seed_article.text == "\n\n".join(seed_article.paragraphs)
    assert seed_article.format == "text"
    assert seed_article.content_hash == content_hash(seed_article.text)
    assert len(seed_article.content_hash) == 64
    assert CleanArticle.from_dict(seed_article.to_dict()) == seed_article
