"""The examples in the quote modules' docstrings run as written."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["marks", "cues", "speakers", "coref", "lexicon"]


@pytest.mark.parametrize("name", MODULES)
def test_module_examples(name: str) -> None:
    module = importlib.import_module(f"newsstream.quotes.{name}")
    result = doctest.testmod(module)
    assert result.failed == 0
    assert result.attempted > 0
