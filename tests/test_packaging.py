"""A non-editable install works from any folder: the wheel carries the schemas, word lists and the
broker's pom.xml as package data, and ``newsstream extract`` run from an unrelated folder finds them."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import orjson
import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    source, out = tmp_path_factory.mktemp("source"), tmp_path_factory.mktemp("wheel")
    for name in ("pyproject.toml", "README.md"):  # a copy: the build leaves no build/ folder in the tree
        shutil.copy(REPO / name, source / name)
    for name in ("newsstream", "agents"):
        shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(source)],
                   check=True, capture_output=True, timeout=600, cwd=out)
    [built] = out.glob("newsstream-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel installed (not editable) into a folder of its own."""
    target = tmp_path_factory.mktemp("site")
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q", "--target",
                    str(target), str(wheel)], check=True, capture_output=True, timeout=600)
    return target


def run_installed(target: Path, cwd: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NEWSSTREAM_SCHEMAS_DIR")}
    env["PYTHONPATH"] = str(target)  # ahead of the venv's (editable) newsstream; dependencies from the venv
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, input=stdin, capture_output=True,
                          timeout=300, check=False)


def test_the_wheel_carries_the_package_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for schema in ("common", "articles.raw", "articles.clean", "articles.enriched", "quotes", "articles.deadletter"):
        assert f"newsstream/schemas/{schema}.schema.json" in names
    assert "agents/kafka/pom.xml" in names
    assert "newsstream/data/quotes/speech_verbs.txt" in names
    assert not any(n.startswith(("tests/", "bench/")) for n in names)


def test_extract_runs_from_any_folder_on_the_installed_copy(installed: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    line = orjson.dumps({"id": "pk-1", "text": "Pier repairs begin\n\n“The pier will reopen in May,” said "
                         "Hedda Lund, the harbour engineer."})
    result = run_installed(installed, elsewhere, "-m", "newsstream", "extract", "-i", "-", "--no-progress",
                           stdin=line + b"\n")
    assert result.returncode == 0, result.stderr.decode()
    record = orjson.loads(result.stdout)
    assert record["id"] == "pk-1" and record["quotes"][0]["speaker"]["name"] == "Hedda Lund"
    check = ("import newsstream, agents.broker as b\n"
             "from newsstream.schemas import validate, registry\n"
             "import sys, orjson\n"
             "validate('articles.enriched', orjson.loads(sys.stdin.buffer.read()))\n"
             "print(newsstream.__file__, b.POM.is_file(), len(list(registry())))")
    checked = run_installed(installed, elsewhere, "-c", check, stdin=result.stdout)
    assert checked.returncode == 0, checked.stderr.decode()
    where, pom_found, _ = checked.stdout.decode().split()
    assert Path(where).is_relative_to(installed) and pom_found == "True"


def test_the_installed_command_offers_every_command(installed: Path, tmp_path: Path) -> None:
    script = installed / "bin" / "newsstream"
    assert script.is_file()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(installed)
    result = subprocess.run([str(script), "--help"], cwd=tmp_path, env=env, capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    for command in ("broker", "worker", "produce", "tail", "extract", "run", "redrive"):
        assert command in result.stdout
