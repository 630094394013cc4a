"""Tracker records, sightings, the read model and the page, on invented articles."""

from __future__ import annotations

from newsstream.tracker.aggregate import Occurrence, add_occurrence, add_to_window, push_latest
from newsstream.tracker.page import display_text, home_page, speaker_page
from newsstream.tracker.readmodel import latest_quotations, top_speakers
from newsstream.tracker.sightings import sightings


def _occ(article: str, speaker: str, text: str, source: str = "harbourdaily.example") -> Occurrence:
    return Occurrence(article, f"https://{source}/{article}", source, "2026-03-01T10:00:00+00:00", speaker, text)


def test_record_counts_articles_once_and_keeps_longest_text_and_most_frequent_name() -> None:
    rec, new = add_occurrence(None, "q1", "okafor", _occ("a1", "Okafor", "rebuild every footbridge"))
    assert new and rec["occurrences"] == 1 and rec["first_seen"]["article_id"] == "a1"
    rec, new = add_occurrence(rec, "q1", "okafor", _occ("a1", "Okafor", "rebuild every footbridge"))
    assert not new and rec["occurrences"] == 1
    rec, _ = add_occurrence(rec, "q1", "okafor", _occ("a2", "Maria Okafor", "We will rebuild every footbridge."))
    third = _occ("a3", "Maria Okafor", "rebuild every footbridge", "valepost.example")
    rec, _ = add_occurrence(rec, "q1", "okafor", third)
    assert rec["occurrences"] == 3
    assert rec["text"] == "We will rebuild every footbridge."
    assert rec["speaker"] == {"name": "Maria Okafor", "names": {"Okafor": 1, "Maria Okafor": 2}}
    assert [a["article_id"] for a in rec["articles"]] == ["a1", "a2", "a3"]
    assert rec["first_seen"]["article_id"] == "a1"


def test_sightings_keyed_by_bucket_with_co_quoted_speakers() -> None:
    article = {"id": "a9", "url": "https://www.valepost.example/x", "source": None, "quotes": [
        {"text": "We will not close the ferry.", "speaker": {"name": "Maria Okafor"}},
        {"text": "The ferry loses money.", "speaker": {"name": "Piet Lindqvist"}},
        {"text": "Nobody asked us.", "speaker": None},
    ]}
    out = sightings(article, "2026-03-01T10:00:00+00:00")
    assert [k for k, _ in out] == ["okafor", "lindqvist"]
    assert out[0][1]["co"] == ["Piet Lindqvist"] and out[0][1]["source"] == "valepost.example"


def test_top_speakers_adds_windows_of_the_period_only() -> None:
    now = 100_000.0
    w = add_to_window(None, ["Piet Lindqvist"])
    w = add_to_window(w, [])
    items = [(("Maria Okafor", (now - 600, now - 0.1)), w),
             (("Maria Okafor", (now - 7200, now - 6600.1)), add_to_window(None, [])),
             (("Piet Lindqvist", (now - 600, now - 0.1)), add_to_window(None, ["Maria Okafor"]))]
    hour = top_speakers(items, now, "1h")
    assert [(s["name"], s["quotes"]) for s in hour["speakers"]] == [("Maria Okafor", 2), ("Piet Lindqvist", 1)]
    assert hour["speakers"][0]["co_quoted"] == [{"name": "Piet Lindqvist", "quotes": 1}]
    day = top_speakers(items, now, "1d")
    assert day["speakers"][0]["quotes"] == 3


def test_latest_and_pages_escape_and_show_outlets() -> None:
    rec, _ = add_occurrence(None, "q1", "okafor", _occ("a1", "Maria Okafor", "Bridges <first>, & then roads"))
    rec, _ = add_occurrence(rec, "q1", "okafor", _occ("a2", "Maria Okafor", "Bridges <first>", "valepost.example"))
    latest = latest_quotations({"q1": rec}, speaker="Maria Okafor")
    assert latest["quotations"][0]["occurrences"] == 2
    assert push_latest(["q0", "q1"], "q0") == ["q1", "q0"]
    hour = {"window": "1h", "speakers": [{"name": "Maria Okafor", "quotes": 2, "co_quoted": []}]}
    html = home_page(hour, hour, latest)
    assert "&lt;first&gt;, &amp; then roads" in html and "<first>" not in html
    assert "valepost.example" in html and 'href="/speakers/Maria%20Okafor"' in html and 'lang="en"' in html
    assert "Maria Okafor" in speaker_page("Maria Okafor", None, None, latest)


def test_pages_show_a_quotation_without_the_comma_its_sentence_went_on_with() -> None:
    rec, _ = add_occurrence(None, "q1", "okafor", _occ("a1", "Maria Okafor", "The ferry stays, for now, \u2014 "))
    latest = latest_quotations({"q1": rec}, speaker="Maria Okafor")
    html = home_page({"window": "1h", "speakers": []}, {"window": "1d", "speakers": []}, latest)
    assert "<blockquote>The ferry stays, for now</blockquote>" in html
    assert latest["quotations"][0]["text"] == "The ferry stays, for now, \u2014 "  # the API keeps it as extracted
    assert display_text("Will it stay?") == "Will it stay?" and display_text("Gone...") == "Gone..."
    assert "esc(display(q.text))" in html  # the live refresh renders it the same way
