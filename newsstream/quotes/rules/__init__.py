"""Attribution rules as tables: each entry has a name, a side, an example, a
counter-example and a function (``base.Rule``); ``driver.attribute`` runs them.

``TABLE`` lists every entry in the order the driver tries them; a quotation's
``rule`` field names the entry that decided its speaker, and
``QuoteSettings(disabled_rules=…)`` switches entries off (ablation).
"""

from __future__ import annotations

from newsstream.quotes.rules.agent import AGENT_RULE
from newsstream.quotes.rules.base import Rule
from newsstream.quotes.rules.carry import CARRY_RULES, PARAGRAPH_RULES
from newsstream.quotes.rules.colon import COLON_FIRST, COLON_LAST
from newsstream.quotes.rules.driver import BLOCK_RULE
from newsstream.quotes.rules.left import CUE_REFINEMENTS, CUE_RULES, RELATIVE_CLAUSE_RULE, SENTENCE_RULES
from newsstream.quotes.rules.right import RIGHT_REFINEMENTS, RIGHT_RULES
from newsstream.quotes.rules.subordinate import SUBORDINATE_RULE

TABLE: tuple[Rule, ...] = (
    RIGHT_RULES
    + RIGHT_REFINEMENTS
    + (SUBORDINATE_RULE, BLOCK_RULE)
    + COLON_FIRST
    + CUE_RULES
    + CUE_REFINEMENTS
    + (RELATIVE_CLAUSE_RULE, AGENT_RULE)
    + SENTENCE_RULES[:2]
    + SENTENCE_RULES[2:3]
    + COLON_LAST
    + SENTENCE_RULES[3:]
    + PARAGRAPH_RULES
    + CARRY_RULES
)

__all__ = ["TABLE", "Rule"]
