"""The seed article (BBC, Astana talks) yields the quotations listed in issue 4.

The cleaning stage is written separately; here the clean text is built by hand
from the seed file's body paragraphs (captions, credits, the title and the
media caption left out), joined with a blank line as ``CleanArticle.text`` is.
"""

from __future__ import annotations

import pytest

from newsstream.quotes import extract_quotes

NOT_BODY_PREFIXES = (
    "Syria conflict:",
    "A rebel fighter stands",
    "Image ",
    "Media caption",
    "The rebel delegation said",
    "Representatives of the warring parties",
)


def clean_seed_text(raw: str) -> str:
    paragraphs = [p.strip() for p in raw.split("\n\n") if p.strip()]
    body = [p for p in paragraphs if not p.startswith(NOT_BODY_PREFIXES) and p != "Reuters"]
    return "\n\n".join(body)


@pytest.fixture(scope="module")
def seed_quotes(seed_text: str):
    text = clean_seed_text(seed_text)
    assert "Image caption" not in text and "Media caption" not in text
    quotes = extract_quotes(text)
    for q in quotes:
        assert text[q.start : q.end] == q.text
    return quotes


def find(quotes, start: str):
    hits = [q for q in quotes if q.text.startswith(start)]
    assert len(hits) == 1, (start, [q.text for q in quotes])
    return hits[0]


@pytest.mark.parametrize(
    ("start", "name", "role"),
    [
        ("not far", "Staffan de Mistura", "UN special envoy"),
        ("no agreements", "Yahya al-Aridi", "rebel spokesman"),
        ("If the guarantors want", "Osama Abu Zaid", "opposition negotiator"),
        ("There are pledges from the Russian side", "Osama Abu Zaid", "opposition negotiator"),
        ("war crimes", "Bashar Jaafari", "Government negotiator"),
        ("provocative", "Bashar Jaafari", "Government negotiator"),
        ("goodwill gestures", "Yahya al-Aridi", "rebel spokesman"),
        ("contribute", "Yahya al-Aridi", "rebel spokesman"),
    ],
)
def test_seed_speakers(seed_quotes, start: str, name: str, role: str) -> None:
    q = find(seed_quotes, start)
    assert q.speaker is not None
    assert (q.speaker.name, q.speaker.role) == (name, role)


def test_seed_communique_quote(seed_quotes) -> None:
    q = find(seed_quotes, "observe and ensure full compliance")
    assert q.text.endswith("determine all modalities")
    assert q.speaker is not None and q.speaker.mention == "it"
    assert "communique" in q.speaker.name
    assert q.cue is not None and q.cue.text == "quoted it as saying"


def test_seed_types_and_cues(seed_quotes) -> None:
    assert find(seed_quotes, "If the guarantors").type == "direct"
    assert find(seed_quotes, "If the guarantors").cue.text == "told reporters"
    assert find(seed_quotes, "not far").type == "partial"
    assert find(seed_quotes, "provocative").speaker.mention == "he"
    assert find(seed_quotes, "contribute").speaker.mention == "Aridi"


def test_seed_rebel_counterpart_is_not_jaafari(seed_quotes) -> None:
    q = find(seed_quotes, "terrorist entity")
    # "his rebel counterpart, who": a description nobody in the article is named as, so no name
    assert q.speaker is not None and q.speaker.mention == "who" and q.speaker.name is None
