"""Hypothesis strategies for hostile article text: every kind of quote mark, balanced,
unbalanced and nested; control characters; right-to-left scripts and bidi marks; long
lines and many paragraphs."""

from __future__ import annotations

from hypothesis import strategies as st

QUOTE_MARKS = [
    '"', "'", "`", "“", "”", "‘", "’", "„", "‚", "‟", "‛", "«", "»", "‹", "›", "「", "」", "『", "』",
    "〝", "〞", "〟", "＂", "＇", "❝", "❞", "❛", "❜", "″", "‶", "⹂", "''", "``", "--", "—", "–",
]
CONTROL = ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\r", "\x1b", "\x7f", "\x85", "\u2028", "\u2029",
           "\ufeff", "\ufffd", "\ufffe", "\u200b", "\u200d", "\ud7ff"]
BIDI = ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2069"]
RTL_WORDS = ["قال", "الرئيس", "إنه", "سوف", "نعمل", "אמר", "השר", "כי", "אנחנו", "ירושלים", "گفت", "وزیر"]
WORDS = ["said", "says", "told", "according to", "added", "Mr", "Dr.", "Smith", "The", "minister", "she", "he",
         "Ana Ruiz", "President", "asked", "we", "will", "not", "quote", "unquote", ":", ",", ".", "?", "!",
         "U.S.", "e.g.", "(", ")", "[", "]", "…", "Image caption", "Reuters", "\t", "  "]

pieces = st.one_of(
    st.sampled_from(QUOTE_MARKS),
    st.sampled_from(WORDS),
    st.sampled_from(RTL_WORDS),
    st.sampled_from(CONTROL),
    st.sampled_from(BIDI),
    st.just(" "),
    st.just("\n"),
    st.just("\n\n"),
    st.text(max_size=12),  # arbitrary Unicode, surrogates excluded by hypothesis
)


@st.composite
def quoted(draw: st.DrawFn) -> str:
    """A (possibly nested, possibly unclosed) quotation with an attribution around it."""
    opening, closing = draw(st.sampled_from([("“", "”"), ('"', '"'), ("‘", "’"), ("«", "»"), ("„", "“"),
                                             ("「", "」"), ("'", "'"), ("‹", "›"), ("『", "』")]))
    inner = draw(st.lists(st.one_of(pieces, st.builds(lambda a, b: a + b, st.sampled_from(QUOTE_MARKS),
                                                      st.text(max_size=8))), max_size=8).map("".join))
    close = draw(st.sampled_from([closing, "", opening, closing + closing]))
    who = draw(st.sampled_from(["", " said Ana Ruiz.", ", he said.", " — Smith told reporters.", " قال الوزير."]))
    return opening + inner + close + who


texts = st.lists(st.one_of(pieces, quoted()), max_size=60).map("".join)

long_line = st.builds(lambda unit, n: unit * n,
                      st.sampled_from(["a", "“", "“a ", "\" said ", "x” y “", "«»", "‘’‘", " said, “"]),
                      st.integers(1000, 20000))

many_paragraphs = st.builds(lambda para, n: "\n\n".join([para] * n),
                            st.sampled_from(["“We act,” she said.", "Short.", "“", "A line"]),
                            st.integers(50, 1500))

any_text = st.one_of(texts, texts, texts, long_line, many_paragraphs,
                     st.text(max_size=300), st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zl", "Zp"])))
