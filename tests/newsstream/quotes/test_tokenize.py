"""``tokenize`` (one findall with the blanks before each token) against a plain scan with
``TOKEN_RE.finditer``: the same tokens and offsets on any window of any text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsstream.quotes.speakers import TOKEN_RE, TRAILING, Token, tokenize

# characters that exercise every branch of the token pattern: letters (also non-ASCII, and the
# capital I with dot whose lowercase is longer), digits, underscores, apostrophes, hyphens,
# "&", dots, blanks of several kinds, newlines and quotation marks
ALPHABET = "aZé İ1_’'-&.  \u00a0\t\n“”\"?,Σ"


def reference(text: str, start: int, end: int) -> list[Token]:
    out = []
    for m in TOKEN_RE.finditer(text, start, end):
        word, s = m.group(), m.start()
        if len(word) > 1 and word[-1] in TRAILING:
            word = word.rstrip(TRAILING)
        out.append(Token(word, s, s + len(word), word.lower()))
    return out


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60), st.integers(-3, 70), st.integers(-3, 70))
def test_tokenize_matches_a_plain_scan(text: str, a: int, b: int) -> None:
    assert tokenize(text, a, b) == reference(text, a, b)


def test_tokenize_examples() -> None:
    text = "  Dr. Ann O’Brien-Lee’s P&G team,  said__ “no” U.S. players’ "
    toks = tokenize(text, 0, len(text))
    assert toks == reference(text, 0, len(text))
    assert [t.text for t in toks][:6] == ["Dr", ".", "Ann", "O’Brien-Lee’s", "P&G", "team"]
    assert tokenize(text, 5, 20) == reference(text, 5, 20)
    assert tokenize(text, 30, 10) == []


def test_repeated_window_is_a_fresh_equal_list() -> None:
    text = "“We will,” Ann Lee said on Monday. “Soon.”"
    first = tokenize(text, 10, 34)
    first.append(first[0])  # a caller changing its list changes nothing for the next one
    again = tokenize(text, 10, 34)
    assert again == reference(text, 10, 34) and again is not first
    other = "x" + text[1:]  # another text with the same window: scanned anew
    assert tokenize(other, 10, 34) == reference(other, 10, 34)
