"""The processing core imports nothing from Faust, Kafka or the transport (``agents``): not at import time,
not while running any offline command."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE_MODULES = ["newsstream", "newsstream.cli", "newsstream.pipeline", "newsstream.decode", "newsstream.records",
                "newsstream.cleaning", "newsstream.quotes", "newsstream.deadletter", "newsstream.render",
                "newsstream.sources", "newsstream.config", "newsstream.schemas", "newsstream.logs"]
FORBIDDEN = {"faust", "aiokafka", "mode", "kafka", "agents"}
REPORT_FORBIDDEN = ("import sys\n"
                    f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {sorted(FORBIDDEN)!r})\n"
                    "print('FORBIDDEN=' + ','.join(bad))\n")


def forbidden_loaded(stdout: str) -> list[str]:
    [line] = [x for x in stdout.splitlines() if x.startswith("FORBIDDEN=")]
    return [m for m in line.removeprefix("FORBIDDEN=").split(",") if m]


def test_core_does_not_import_faust_kafka_or_agents():
    code = "".join(f"import {m}\n" for m in CORE_MODULES) + REPORT_FORBIDDEN
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert forbidden_loaded(result.stdout) == []


def test_no_core_source_names_the_transport():
    """No ``import agents``/``from agents`` anywhere under newsstream/, not even inside a function."""
    offenders = []
    for path in (ROOT / "newsstream").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            offenders += [f"{path.name}:{node.lineno}" for n in names if n.split(".")[0] in FORBIDDEN]
        if re.search(r"import_module\(\s*['\"](agents|faust|aiokafka)|__import__\(\s*['\"](agents|faust)",
                     path.read_text(encoding="utf-8")):
            offenders.append(f"{path.name}: dynamic import")
    assert offenders == []


OFFLINE_RUNS = {
    "extract": ["extract", "-i", "{input}", "-o", "{output}", "--no-progress"],
    "extract-quotes": ["extract", "-i", "{input}", "-o", "{output}", "--stages", "quotes", "--no-progress"],
    "extract-clean": ["extract", "-i", "{input}", "-o", "{output}", "--stages", "clean", "--no-progress"],
    "extract-rejects": ["extract", "-i", "{bad}", "-o", "{output}", "--no-progress"],
    "help": ["--help"],
    "extract-help": ["extract", "--help"],
    "version": ["--version"],
}


@pytest.mark.parametrize("name", sorted(OFFLINE_RUNS))
def test_offline_commands_load_no_transport_module(name: str, tmp_path: Path):
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": "p1", "text": "Bridge reopens\n\n“It is safe again,” "
                                                  "said Ola Berg, the engineer."}) + "\n")
    (tmp_path / "bad.jsonl").write_text("{not json\n")
    argv = [a.format(input=tmp_path / "in.jsonl", output=tmp_path / "out.jsonl", bad=tmp_path / "bad.jsonl")
            for a in OFFLINE_RUNS[name]]
    code = ("from newsstream.cli import main\n"
            "try:\n"
            f"    rc = main({argv!r})\n"
            "except SystemExit as exc:\n"
            "    rc = exc.code\n"
            "print('RC=' + str(rc))\n" + REPORT_FORBIDDEN)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert "RC=" in result.stdout, result.stderr[-2000:]
    expected_rc = "1" if name == "extract-rejects" else "0"
    assert f"RC={expected_rc}" in result.stdout, result.stdout + result.stderr[-2000:]
    assert forbidden_loaded(result.stdout) == []
    if name.startswith("extract") and name != "extract-help":
        assert (tmp_path / "out.jsonl").exists()


def test_no_pickle_or_eval_in_the_code():
    unsafe = re.compile(r"\bimport pickle|\bpickle\.|['\"]pickle['\"]|(?<![.\w])eval\(|(?<![.\w])exec\(")
    offenders = [str(p) for folder in ("newsstream", "agents") for p in (ROOT / folder).rglob("*.py")
                 if unsafe.search(p.read_text())]
    assert offenders == []
