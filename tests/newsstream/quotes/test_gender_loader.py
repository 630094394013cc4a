"""``gender.first_names`` (entries below the thresholds skipped by the regex) gives the same
table as reading every entry and applying the thresholds in Python."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from newsstream.quotes import gender

EVERY_ENTRY_RE = re.compile(r'"([a-z][a-z\-]{1,24})": \[(\d{1,4}), (\d{1,12}), ([0-9.]{1,8})')


def test_same_table_as_reading_every_entry() -> None:
    spec = importlib.util.find_spec(gender.NAME_DATA_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("nomquamgender is not installed")
    raw = (Path(next(iter(spec.submodule_search_locations))) / gender.NAME_DATA_FILE).read_text(encoding="utf-8")
    expected = {}
    for m in EVERY_ENTRY_RE.finditer(raw):
        sources, count, p_female = int(m.group(2)), int(m.group(3)), float(m.group(4))
        if count < gender.MIN_COUNT or sources < gender.MIN_SOURCES:
            continue
        if p_female >= 1 - gender.UNCERTAINTY_MAX:
            expected[m.group(1)] = "f"
        elif p_female <= gender.UNCERTAINTY_MAX:
            expected[m.group(1)] = "m"
        else:
            expected[m.group(1)] = "-"
    assert expected and gender.first_names() == expected


def test_short_numbers_are_below_the_thresholds() -> None:
    entry = '"abcd": [{s}, {c}, 0.0, 1]'
    assert gender.ENTRY_RE.search(entry.format(s=gender.MIN_SOURCES, c=gender.MIN_COUNT))
    assert not gender.ENTRY_RE.search(entry.format(s=9, c=gender.MIN_COUNT))  # one digit: under 13
    assert not gender.ENTRY_RE.search(entry.format(s=gender.MIN_SOURCES, c=99))  # two digits: under 100
