"""The not-quotation rule table: each entry's example and counter-example, and its vocabularies."""

from __future__ import annotations

import pytest

from newsstream.quotes import extract_quotes
from newsstream.quotes.marks import find_stretches
from newsstream.quotes.not_quotations import NOT_QUOTATION_RULES, Rule, _verbs, not_quotation


@pytest.mark.parametrize("rule", NOT_QUOTATION_RULES, ids=[r.name for r in NOT_QUOTATION_RULES])
def test_example_is_caught_by_its_own_rule(rule: Rule) -> None:
    text = rule.example
    assert [not_quotation(text, s) for s in find_stretches(text)] == [rule.name]
    assert extract_quotes(text) == []


@pytest.mark.parametrize("rule", NOT_QUOTATION_RULES, ids=[r.name for r in NOT_QUOTATION_RULES])
def test_counter_example_stays_a_quotation(rule: Rule) -> None:
    text = rule.counter_example
    assert [not_quotation(text, s) for s in find_stretches(text)] == [None]
    assert len(extract_quotes(text)) == 1


@pytest.mark.parametrize("rule", NOT_QUOTATION_RULES, ids=[r.name for r in NOT_QUOTATION_RULES])
def test_rule_can_be_switched_off(rule: Rule) -> None:
    text = rule.example
    others = tuple(r for r in NOT_QUOTATION_RULES if r is not rule)
    assert [not_quotation(text, s, others) for s in find_stretches(text)] == [None]


def test_unique_rule_names() -> None:
    names = [r.name for r in NOT_QUOTATION_RULES]
    assert len(names) == len(set(names))


def test_vocabularies_hold_all_forms() -> None:
    assert {"call", "called", "nicknamed", "dubbed", "refers"} <= _verbs("naming_verbs.txt")
    assert {"thinks", "thought", "believes", "considers"} <= _verbs("thinking_verbs.txt")
    assert "said" not in _verbs("thinking_verbs.txt") | _verbs("naming_verbs.txt")


def test_words_before_stop_at_the_sentence_end() -> None:
    # "is" ends the previous sentence's last word run, not this stretch's: no copula rule
    text = "The film was long. Is “The Salt Road” any good, she asked."
    assert [not_quotation(text, s) for s in find_stretches(text)] == [None]


def test_module_example_runs() -> None:
    import doctest

    from newsstream.quotes import not_quotations

    result = doctest.testmod(not_quotations)
    assert result.failed == 0 and result.attempted > 0
