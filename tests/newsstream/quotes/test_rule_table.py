"""The attribution rule table: every entry's example is attributed by that entry and its
counter-example is not; rules can be switched off; quotations carry the rule's name."""

from __future__ import annotations

import json

import pytest

from newsstream import schemas
from newsstream.quotes import extract_quotes
from newsstream.quotes.rules import TABLE
from newsstream.quotes.rules.base import SIDES, Rule
from newsstream.quotes.settings import SETTINGS, QuoteSettings
from newsstream.records import Quote, Speaker

ATTRIBUTING = [r for r in TABLE if r.speaker is not None or r.side != "block"]
BLOCKING = [r for r in TABLE if r.speaker is None and r.side == "block"]


def _without(rule: Rule) -> QuoteSettings:
    return QuoteSettings(disabled_rules=frozenset({rule.name}))


def _outcome(text: str, settings: QuoteSettings = SETTINGS) -> list[tuple[int, str | None, str | None]]:
    return [(q.start, q.speaker.mention if q.speaker else None, q.rule) for q in extract_quotes(text, settings)]


def test_table_entries_are_complete_and_unique() -> None:
    names = [r.name for r in TABLE]
    assert len(names) == len(set(names))
    for r in TABLE:
        assert r.side in SIDES, r.name
        assert r.name.split(".", 1)[0] in SIDES, r.name
        assert r.example.strip() and r.counter_example.strip() and r.example != r.counter_example
        assert callable(r.fn) and r.fn.__doc__, r.name


@pytest.mark.parametrize("rule", ATTRIBUTING, ids=[r.name for r in ATTRIBUTING])
def test_example_is_attributed_by_its_rule(rule: Rule) -> None:
    quotes = [q for q in extract_quotes(rule.example) if q.rule == rule.name]
    assert quotes, f"{rule.name} did not fire on its example: {_outcome(rule.example)}"
    if rule.speaker is None:
        assert all(q.speaker is None for q in quotes)
    else:
        assert any(q.speaker is not None and rule.speaker in (q.speaker.mention, q.speaker.name) for q in quotes), (
            _outcome(rule.example)
        )


@pytest.mark.parametrize("rule", ATTRIBUTING, ids=[r.name for r in ATTRIBUTING])
def test_counter_example_is_not_attributed_by_the_rule(rule: Rule) -> None:
    assert all(q.rule != rule.name for q in extract_quotes(rule.counter_example)), _outcome(rule.counter_example)


@pytest.mark.parametrize("rule", ATTRIBUTING, ids=[r.name for r in ATTRIBUTING])
def test_switched_off_rule_never_fires(rule: Rule) -> None:
    assert all(q.rule != rule.name for q in extract_quotes(rule.example, _without(rule)))


@pytest.mark.parametrize("rule", BLOCKING, ids=[r.name for r in BLOCKING])
def test_blocking_rule_decides_its_example_only(rule: Rule) -> None:
    """A rule that names nobody: its example comes out differently when it is switched off,
    its counter-example does not."""
    assert _outcome(rule.example) != _outcome(rule.example, _without(rule))
    assert _outcome(rule.counter_example) == _outcome(rule.counter_example, _without(rule))


def test_every_attributed_quote_names_its_rule() -> None:
    text = "\n\n".join(r.example for r in TABLE)
    names = {r.name for r in TABLE}
    for q in extract_quotes(text):
        if q.speaker is not None:
            assert q.rule in names, q
        else:
            assert q.rule is None or q.rule in names


def test_rule_field_round_trips_and_validates() -> None:
    text = "“The pier opens at dawn,” Mara Quill said."
    (q,) = extract_quotes(text)
    assert q.rule == "right.speaker_before_cue"
    d = q.to_dict()
    assert d["rule"] == "right.speaker_before_cue"
    assert Quote.from_dict(json.loads(json.dumps(d))) == q
    assert Quote.from_dict({k: v for k, v in d.items() if k != "rule"}).rule is None  # older producers
    message = {"article_id": "a1", "index": 0, **d, "article_url": None, "article_title": None,
               "pipeline_version": "test"}
    schemas.validate("quotes", message)
    schemas.validate("quotes", {**message, "rule": None})
    assert schemas.check("quotes", {**message, "rule": 3}) is not None


def test_unattributed_quote_has_no_rule() -> None:
    q = Quote(text="x", start=0, end=1, type="partial", speaker=None)
    assert q.to_dict()["rule"] is None
    speaker = Speaker("A", "A", 0, 1, None)
    q2 = Quote(text="x", start=0, end=1, type="direct", speaker=speaker, rule="carry.previous_quote")
    assert Quote.from_dict(q2.to_dict()).rule == "carry.previous_quote"


def test_previous_quote_carries_across_short_beats_only() -> None:
    from newsstream.quotes.rules.carry import previous_quote

    paragraphs = [(0, 50), (52, 60), (62, 70), (72, 300), (302, 350)]  # 1, 2: short beats; 3: long
    assert previous_quote(paragraphs, 0, 1, SETTINGS)  # the next paragraph
    assert previous_quote(paragraphs, 0, 3, SETTINGS)  # across two short beats
    assert not previous_quote(paragraphs, 0, 4, SETTINGS)  # more beats than allowed
    assert not previous_quote(paragraphs, 3, 5, QuoteSettings(beat_chars=10))  # a long paragraph between


def test_carry_switched_off_leaves_the_second_quote_unattributed() -> None:
    text = "“The lamp stays on,” Hollis Brandt said. “Ships still pass at night.”"
    on = extract_quotes(text)
    off = extract_quotes(text, QuoteSettings(disabled_rules=frozenset({"carry.previous_quote"})))
    assert [q.rule for q in on] == ["right.speaker_before_cue", "carry.previous_quote"]
    assert off[1].speaker is None and off[1].rule is None


def test_possessor_mention_has_no_possessive_ending() -> None:
    (q,) = extract_quotes("Nobody has tested Hale Brandt’s claim that “the tide was wrong.”")
    assert q.rule == "left.possessive_noun"
    assert q.speaker is not None and q.speaker.mention == "Hale Brandt"
    assert "Hale Brandt’s claim"[: q.speaker.end - q.speaker.start] == "Hale Brandt"


def test_quoted_as_saying_names_the_person_not_the_outlet() -> None:
    """``right.quoted_as_saying`` has no dev hit but is kept (issue 9 review): without it the
    outlet that did the quoting would be taken for the speaker."""
    text = "“The night buses will stop in March,” the valley gazette quoted Orla Penhallow as saying."
    (on,) = extract_quotes(text)
    assert on.rule == "right.quoted_as_saying"
    assert on.speaker is not None and on.speaker.name == "Orla Penhallow"
    (off,) = extract_quotes(text, QuoteSettings(disabled_rules=frozenset({"right.quoted_as_saying"})))
    assert off.speaker is not None and off.speaker.mention == "the valley gazette"


@pytest.mark.parametrize(
    ("text", "mention", "name"),
    [
        (
            "Piet Vandermolen, the pier master, spoke at dawn. "
            "“We open at nine,” the county paper quoted him as saying.",
            "him",
            "Piet Vandermolen",
        ),
        (
            "Tamsin Orrell toured the ferry terminal. The harbour talks would “resume within a week”, "
            "the local radio station quoted her as saying.",
            "her",
            "Tamsin Orrell",
        ),
        ("The pilots met the board. The talks were “going well”, the radio quoted them as saying.", "them", None),
        ("“We open at nine,” the county paper quoted her aide as saying.", "her aide", None),
    ],
)
def test_quoted_as_saying_object_pronoun(text: str, mention: str, name: str | None) -> None:
    """``quoted him/her/them as saying``: the pronoun is the speaker (resolved as he/she/they),
    never the outlet that did the quoting; ``her aide`` stays a phrase."""
    (q,) = extract_quotes(text)
    assert q.rule == "right.quoted_as_saying"
    assert q.speaker is not None and (q.speaker.mention, q.speaker.name) == (mention, name)
