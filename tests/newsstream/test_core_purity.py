"""The processing core imports nothing from Faust or Kafka."""

from __future__ import annotations

import subprocess
import sys

CORE_MODULES = ["newsstream", "newsstream.cli", "newsstream.pipeline", "newsstream.decode", "newsstream.records",
                "newsstream.cleaning", "newsstream.quotes", "newsstream.deadletter", "newsstream.render",
                "newsstream.sources", "newsstream.config", "newsstream.schemas"]


def test_core_does_not_import_faust_or_kafka():
    code = ("import sys\n" + "".join(f"import {m}\n" for m in CORE_MODULES) +
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'faust', 'aiokafka', 'mode', 'kafka'})\n"
            "print(','.join(bad))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_no_pickle_or_eval_in_the_code():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    unsafe = re.compile(r"\bimport pickle|\bpickle\.|['\"]pickle['\"]|(?<![.\w])eval\(|(?<![.\w])exec\(")
    offenders = [str(p) for folder in ("newsstream", "agents") for p in (root / folder).rglob("*.py")
                 if unsafe.search(p.read_text())]
    assert offenders == []
