"""Shared fixtures of the quote tests."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH_QUOTES = Path(__file__).resolve().parents[3] / "bench" / "quotes.py"


@pytest.fixture(scope="session")
def bench() -> ModuleType:
    """bench/quotes.py loaded as a module (bench/ is not a package)."""
    spec = importlib.util.spec_from_file_location("bench_quotes", BENCH_QUOTES)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module
