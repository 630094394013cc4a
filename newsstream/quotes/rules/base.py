"""The shape of an attribution rule and the loop that runs a table of them.

A rule reads one context (the words after a closing mark, one cue before an
opening mark, a paragraph …) and returns an ``Attribution``, ``None`` when it
does not apply, or ``STOP`` when it applies and says that nobody is named there
(later rules of the same table are then not tried). ``first_match`` tries the
entries in table order, skips those switched off in the settings, and stamps
the winner's name on its result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from newsstream.quotes.cues import Attribution
from newsstream.quotes.settings import QuoteSettings

SIDES = ("right", "left", "colon", "carry", "fallback", "block")


class _Stop:
    """Sentinel: the rule applies and names nobody; stop trying this table."""

    def __repr__(self) -> str:
        return "STOP"


STOP = _Stop()


@dataclass(frozen=True, slots=True)
class Rule:
    """One named attribution rule.

    ``side`` says where it reads (``right`` of the closing mark, ``left`` of the
    opening mark, a ``colon``, a ``carry`` from another quotation or paragraph,
    a ``fallback`` guess, or a ``block`` that names nobody). ``example`` must be
    attributed by this rule and ``counter_example`` must not (both are run as
    tests, with ``speaker`` the expected speaker mention of the example).
    """

    name: str
    side: str
    fn: Callable[..., Any]
    example: str
    counter_example: str
    speaker: str | None = None

    def on(self, settings: QuoteSettings) -> bool:
        """False when the settings switch this rule off (ablation)."""
        return self.name not in settings.disabled_rules


def stamp(attr: Attribution, name: str) -> Attribution:
    """``attr`` with ``rule`` set to ``name`` (built directly: this runs for every quotation)."""
    return Attribution(attr.mention, attr.cue_text, attr.cue_start, attr.cue_end, attr.side, attr.adjacent, name)


def first_match(rules: Iterable[Rule], ctx: Any, settings: QuoteSettings) -> Any:
    """Result of the first switched-on rule that applies to ``ctx``, or None.

    An ``Attribution`` result gets the rule's name; a ``(Attribution, bool)``
    result (left cues: go on leftwards?) gets it on its first item.
    """
    disabled = settings.disabled_rules
    for rule in rules:
        if disabled and rule.name in disabled:
            continue
        out = rule.fn(ctx)
        if out is None:
            continue
        if out is STOP:
            return None
        if isinstance(out, Attribution):
            return stamp(out, rule.name)
        attr, go_on = out
        return (stamp(attr, rule.name) if attr is not None else None), go_on
    return None
