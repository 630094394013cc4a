"""bench/quotes.py's leave-one-outlet-out folds and rule switch, on invented documents."""

from __future__ import annotations

import pytest

from newsstream.quotes import not_quotations


class CountingScorer:
    """Stands in for the official scorer: F1 = share of the fold's documents that have predictions."""

    @staticmethod
    def score(gold, pred):
        f = len(pred) / len(gold)
        return {"n_gold": 2 * len(gold), "end_to_end": {"f1": f}, "overlap": {"f1": f}, "speaker": {"accuracy": f}}


def test_outlet_from_id_or_field(bench) -> None:
    assert bench.outlet_of({"id": "corpus/dev/harbour-herald_2019-01-02_a-slug"}) == "harbour-herald"
    assert bench.outlet_of({"id": "plain-id"}) == "plain-id"
    assert bench.outlet_of({"id": "x/y_z", "outlet": "Valley Times"}) == "Valley Times"


def test_per_outlet_scores_each_outlet_alone(bench) -> None:
    gold = [{"id": f"c/d/{o}_{i}"} for o in ("alpha", "beta") for i in range(2)]
    pred = [{"id": "c/d/alpha_0"}, {"id": "c/d/alpha_1"}, {"id": "c/d/beta_0"}]
    folds = bench.per_outlet(CountingScorer, gold, pred)
    assert list(folds) == ["alpha", "beta"]
    assert folds["alpha"]["e2e"] == 1.0 and folds["beta"]["e2e"] == 0.5
    assert folds["beta"]["docs"] == 2 and folds["beta"]["quotes"] == 4
    mean, worst = bench.fold_summary(folds)
    assert mean == 0.75 and worst == "beta"


def test_rules_off_switches_entries_and_restores(bench) -> None:
    full = not_quotations.NOT_QUOTATION_RULES
    name = full[0].name
    with bench.rules_off({name}) as off:
        assert off == [name]
        assert name not in [r.name for r in not_quotations.NOT_QUOTATION_RULES]
        assert len(not_quotations.NOT_QUOTATION_RULES) == len(full) - 1
    assert full == not_quotations.NOT_QUOTATION_RULES
    with pytest.raises(SystemExit), bench.rules_off({"no_such_rule"}):
        pass
