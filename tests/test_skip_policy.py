"""`make test` fails on a skipped test unless it is marked ``needs`` (tests/conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

SAMPLE = '''
import pytest

def test_runs():
    pass

@pytest.mark.needs("a unicorn")
def test_needs_something_missing():
    pytest.skip("no unicorn on this machine")
'''


def run_pytest(folder: Path, body: str, fail_on_skip: bool) -> subprocess.CompletedProcess[str]:
    (folder / "test_sample.py").write_text(body)
    env = {**os.environ, "PYTHONPATH": str(REPO), "NEWSSTREAM_FAIL_ON_SKIP": "1" if fail_on_skip else "0"}
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "tests.conftest", "-q", "-p", "no:cacheprovider",
                           "--rootdir", str(folder), str(folder)], capture_output=True, text=True, env=env,
                          cwd=folder, timeout=120, check=False)


def test_a_marked_skip_passes_and_prints_what_is_missing(tmp_path: Path) -> None:
    result = run_pytest(tmp_path, SAMPLE, fail_on_skip=True)
    assert result.returncode == 0, result.stdout
    assert "SKIPPED (needs a unicorn)" in result.stdout and "no unicorn on this machine" in result.stdout


def test_an_unmarked_skip_fails_the_run(tmp_path: Path) -> None:
    body = SAMPLE + "\ndef test_quietly_skipped():\n    pytest.skip('input folder absent')\n"
    result = run_pytest(tmp_path, body, fail_on_skip=True)
    assert result.returncode == 1, result.stdout
    assert "test_quietly_skipped: Skipped: input folder absent" in result.stdout


def test_without_the_policy_an_unmarked_skip_is_only_reported(tmp_path: Path) -> None:
    body = SAMPLE + "\ndef test_quietly_skipped():\n    pytest.skip('input folder absent')\n"
    assert run_pytest(tmp_path, body, fail_on_skip=False).returncode == 0
