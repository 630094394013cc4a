"""bench/quotes.py's speaker error classes, on invented sentences."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("mention", "kind"),
    [
        (None, "none"),
        ("she", "pronoun"),
        ("who", "relative"),
        ("Ann Lee and Bo Chen", "coordinated"),
        ("the Harbour Council", "organisation"),
        ("Ann Lee", "name"),
        ("a ferry pilot", "description"),
    ],
)
def test_mention_kinds(bench, mention, kind) -> None:
    assert bench.mention_kind(mention) == kind


def _case(text: str, quote: str, gold: str | None, pred: str | None, pred_at: int = 0) -> tuple[dict, dict]:
    qs = text.index(quote)
    g = {"start": qs, "end": qs + len(quote), "speaker": gold, "speaker_start": None, "speaker_end": None}
    if gold is not None:
        g["speaker_start"] = text.index(gold)
        g["speaker_end"] = g["speaker_start"] + len(gold)
    p: dict = {"start": qs, "end": qs + len(quote), "speaker": None}
    if pred is not None:
        ps = text.index(pred, pred_at)
        p["speaker"] = {"mention": pred, "name": pred, "start": ps, "end": ps + len(pred)}
    return g, p


def test_shapes(bench) -> None:
    text = "Ann Lee said Bo Chen called the plan “a failure.” The pier opened."
    quote = "a failure."
    assert bench.speaker_shape(text, *_case(text, quote, "Ann Lee", "Bo Chen")).startswith("nested report: outer")
    assert bench.speaker_shape(text, *_case(text, quote, "Ann Lee", None)).startswith("no speaker found; gold name")
    assert bench.speaker_shape(text, *_case(text, quote, None, "Bo Chen")).startswith("gold names nobody")
    text = "The tolls will rise, according to Ann Lee. Bo Chen agreed: “It is fair.”"
    shape = bench.speaker_shape(text, *_case(text, "It is fair.", "Ann Lee", "Bo Chen"))
    assert shape == "according to: its source missed"
    text = "Ann Lee sat down. The Harbour Council said “the fares stay.”"
    shape = bench.speaker_shape(text, *_case(text, "the fares stay.", "Ann Lee", "The Harbour Council"))
    assert shape.startswith("organisation instead of name")
