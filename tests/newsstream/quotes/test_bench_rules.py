"""bench/quotes.py's per-rule table (``--rules``) on invented documents with a stand-in scorer."""

from __future__ import annotations

from newsstream.quotes.rules import TABLE


class ExactScorer:
    """Stands in for the official scorer: identical spans match; the speaker is right when its
    mention equals the gold speaker."""

    PRIMARY = "exact"

    @staticmethod
    def shrink(text, s, e):
        return s, e

    @staticmethod
    def greedy_match(gspans, pspans, crit):
        return {g: pspans.index(span) for g, span in enumerate(gspans) if span in pspans}

    @staticmethod
    def speaker_rule(gold_q, pred_sp):
        return "span" if pred_sp and pred_sp.get("mention") == gold_q["speaker"] else None


def _doc(doc_id: str, text: str, quotes: list[tuple[str, str]]) -> dict:
    gold = []
    for words, speaker in quotes:
        start = text.index(words)
        gold.append({"start": start, "end": start + len(words), "speaker": speaker})
    return {"id": doc_id, "text": text, "quotes": gold}


DOCS = [
    _doc(
        "corpus/dev/harbour-herald_2020-01-01_a",
        "“The pier opens at dawn,” Mara Quill said. “Bring a coat.”",
        [("The pier opens at dawn,", "Mara Quill"), ("Bring a coat.", "Mara Quill")],
    ),
    _doc(
        "corpus/dev/valley-times_2020-01-02_b",
        "Tobin Reyes said “the mill will reopen.” “It will not,” said Orla Fenwick.",
        [("the mill will reopen.", "Tobin Reyes"), ("It will not,", "Mara Quill")],
    ),
]


def test_rule_table_counts_hits_precision_and_gains(bench, capsys) -> None:
    rows = {r["rule"]: r for r in bench.rule_table(ExactScorer, DOCS)}
    assert list(rows) == [r.name for r in TABLE]
    before = rows["right.speaker_before_cue"]
    assert before["hits"] == 1 and before["precision"] == 1.0 and before["gain"] == 1
    assert before["per_outlet"] == {"harbour-herald": 1, "valley-times": 0}
    assert before["helps"] == 1 and before["hurts"] == 0 and not before["keep"]  # worth 1: below the bar
    carried = rows["carry.previous_quote"]
    assert carried["hits"] == 1 and carried["gain"] == 1
    inverted = rows["right.cue_then_speaker"]
    assert inverted["hits"] == 1 and inverted["precision"] == 0.0 and inverted["gain"] == 0  # wrong speaker
    assert rows["left.speaker_before_cue"]["hits"] == 1
    assert rows["colon.name"]["hits"] == 0 and rows["colon.name"]["precision"] is None
    out = capsys.readouterr().out
    assert "right.speaker_before_cue" in out and "harbour-h" in out
