"""Quotation-mark pairing: every style, apostrophes, unbalanced marks, paragraphs."""

from __future__ import annotations

import pytest

from newsstream.quotes.marks import find_stretches, is_apostrophe, split_paragraphs


def quoted(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_stretches(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we will win" on Monday.', ["we will win"]),
        ("He said “we will win” on Monday.", ["we will win"]),
        ("Il a dit « nous gagnerons » lundi.", ["nous gagnerons"]),
        ("Er sagte „wir gewinnen“ am Montag.", ["wir gewinnen"]),
        ("‘We will win,’ she said on Monday.", ["We will win,"]),
        ("'We will win,' she said on Monday.", ["We will win,"]),
        ("“He told me ‘no,’ and walked out,” Smith said.", ["He told me ‘no,’ and walked out,"]),
        ('“A,” he said, “B.” Then "C" came.', ["A,", "B.", "C"]),
        ("She said ‟we will win” on Monday.", ["we will win"]),
        ("She said 〝we will win〞 on Monday.", ["we will win"]),
        # British: single marks, double marks only for a quotation within a quotation
        (
            "‘Dad told me “never sell the boat”, and I won’t,’ she said.\n‘We sail at noon.’",
            ["Dad told me “never sell the boat”, and I won’t,", "We sail at noon."],
        ),
        # American: a double mark outside any single-quoted stretch keeps double marks the main ones
        ("“Dad told me ‘never,’ and I won’t,” she said. The ‘tide’ turned.", ["Dad told me ‘never,’ and I won’t,"]),
    ],
    ids=[
        "straight",
        "curly",
        "guillemets",
        "german",
        "single-curly-main",
        "single-straight-main",
        "nested",
        "several",
        "high-reversed-9",
        "reversed-double-prime",
        "british-nested-doubles",
        "american-nested-singles",
    ],
)
def test_quote_styles(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "We’re in Kazakhstan’s capital, as in the ’90s, with rock ’n’ roll.",
        "We're in Kazakhstan's capital, as in the '90s, with O'Brien's band.",
        "The players’ union met the owners’ lawyers.",
    ],
)
def test_apostrophes_are_never_marks(text: str) -> None:
    assert quoted(text) == []


def test_apostrophes_inside_single_marks() -> None:
    text = "‘We’re ready for Kazakhstan’s vote,’ she said of the ’90s plan."
    assert quoted(text) == ["We’re ready for Kazakhstan’s vote,"]


@pytest.mark.parametrize("i", [2, 19, 33])
def test_is_apostrophe(i: int) -> None:
    text = "We’re in Kazakhstan’s capital in ’90s."
    assert text[i] == "’"
    assert is_apostrophe(text, i, 0, len(text))


def test_plural_possessive_inside_single_marks() -> None:
    text = "‘The players’ union will not sign,’ the chairman said."
    assert quoted(text) == ["The players’ union will not sign,"]


def test_single_marks_are_nested_when_double_marks_exist() -> None:
    text = "‘Headline’ here.\n\n“He said ‘no,’” Smith said."
    assert quoted(text) == ["He said ‘no,’"]


def test_unclosed_mark_runs_to_paragraph_end_and_continues() -> None:
    text = "“First part of it.\n\n“Second part,” Smith said.\n\nAfter."
    stretches = find_stretches(text)
    assert [text[s.start : s.end] for s in stretches] == ["First part of it.", "Second part,"]
    assert stretches[0].close_at == -1
    assert [s.continued for s in stretches] == [False, True]
    assert [s.paragraph for s in stretches] == [0, 1]


def test_single_newline_paragraphs() -> None:
    text = "“One.\n“Two,” he said."
    assert quoted(text) == ["One.", "Two,"]
    assert split_paragraphs(text) == [(0, 5), (6, len(text))]


@pytest.mark.parametrize(
    "text",
    ['"' * 7, "”stray” closing", "“ ”", "“", '"\n"\n"', "‘’'‘", "„„„", "«««»", ""],
)
def test_unbalanced_never_fails(text: str) -> None:
    for s in find_stretches(text):
        assert 0 <= s.start < s.end <= len(text)


def test_straight_marks_wrapping_curly_paragraph_are_ignored() -> None:
    text = '"“We will win,” Smith said."'
    assert quoted(text) == ["We will win,"]
