"""The helpers of the cleaning stage, one behaviour each."""

from __future__ import annotations

import pytest

from newsstream.cleaning import CleaningOptions, clean_article
from newsstream.cleaning import patterns as P
from newsstream.cleaning.boilerplate import split_lines
from newsstream.cleaning.unicode import normalize_space, prepare_text, repair_text
from newsstream.records import RawArticle

OPTIONS = CleaningOptions()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a  b\tc\u00a0d\u2009e", "a b c d e"),
        ("zero\u200bwidth\ufeff", "zerowidth"),
        ("emoji 🏳️\u200d🌈 kept", "emoji 🏳️\u200d🌈 kept"),
        ("  “curly” and \"straight\" ‘quotes’ it's  ", "“curly” and \"straight\" ‘quotes’ it's"),
    ],
)
def test_normalize_space(text: str, expected: str) -> None:
    assert normalize_space(text) == expected
    assert prepare_text(text, OPTIONS) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The chefâ€™s restaurant", "The chef’s restaurant"),
        ("cafÃ© au lait", "café au lait"),
        ("line one\r\nline two\rline three", "line one\nline two\nline three"),
        ("Zürich, café, naïve, “quoted”", "Zürich, café, naïve, “quoted”"),
    ],
)
def test_repair_text(text: str, expected: str) -> None:
    assert repair_text(text, OPTIONS) == expected


def test_repair_can_be_switched_off() -> None:
    assert repair_text("chefâ€™s", CleaningOptions(repair_unicode=False)) == "chefâ€™s"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Reuters", True),
        ("AFP/Getty Images", True),
        ("EPA-EFE", True),
        ("PA Media", True),
        ("Reuters said on Tuesday", False),
        ("Getty Images said it would donate the photographs", False),
        ("", False),
    ],
)
def test_is_agency_credit(line: str, expected: bool) -> None:
    assert P.is_agency_credit(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("November 20, 2019 - 11:28 AMT", True),
        ("sexta-feira, 22 de outubro de 2010 às 20:13", True),
        ("Tue 19 Nov 2019", True),
        ("The 2019 budget", False),
        ("May was a good month", False),
        ("1,200,000", False),
        ("March 2020: what we know", False),
    ],
)
def test_is_date_line(line: str, expected: bool) -> None:
    assert P.is_date_line(line) is expected


def test_split_lines_joins_wrapped_prose_only() -> None:
    text = "A long line of prose that wraps\nonto the next line.\n\nImage caption\nlower-case caption\nShort\nline"
    assert split_lines(text) == [
        "A long line of prose that wraps onto the next line.",
        "Image caption",
        "lower-case caption",
        "Short",
        "line",
    ]


def test_entities_and_escapes_are_normalised_after_decoding() -> None:
    raw = RawArticle(id="u1", text="Title here\n\nFive&nbsp;people were hurt,\\u00a0police said.")
    article = clean_article(raw)
    assert article.paragraphs == ("Five people were hurt, police said.",)
    assert [r.kind for r in article.removed] == ["debris", "markup"]


def test_every_rule_matches_its_own_example_or_is_documented() -> None:
    """The ``note`` of each table row is an example the row removes (where it is one line)."""
    for rule in P.LINE_RULES:
        examples = [e.strip() for e in rule.note.split(" / ")]
        if any("..." in e for e in examples):
            continue
        assert any(rule.matches(e) for e in examples), rule


def test_stray_html_tags_go_but_titles_in_angle_brackets_stay() -> None:
    text = (
        "Title here\n\nThe choir sang <Songs of the Harbour> on the pier, <b>twice</b> in one evening.<br/>"
        "Then the <Lantern Walk: a night play> began.<!-- ad slot -->"
    )
    article = clean_article(RawArticle(id="u2", text=text))
    assert article.paragraphs == (
        "The choir sang <Songs of the Harbour> on the pier, twice in one evening.",
        "Then the <Lantern Walk: a night play> began.",
    )
    assert [r.text for r in article.removed] == ["<b>", "</b>", "<br/>", "<!-- ad slot -->"]
