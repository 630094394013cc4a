"""Placeholder quote extractor (to be replaced by the full stage, issue #4)."""

from __future__ import annotations

import re

from newsstream.records import Quote

_QUOTED = re.compile(r"[\"“]([^\"“”\n]{1,2000})[\"”]")


def extract_quotes(text: str) -> list[Quote]:
    """Every stretch between double quotation marks, with no speaker."""
    return [Quote(text=m.group(1), start=m.start(1), end=m.end(1), type="direct") for m in _QUOTED.finditer(text)]
