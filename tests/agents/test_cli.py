"""The full ``newsstream`` command (agents.cli:main): the offline commands of the core plus the Kafka ones."""

from __future__ import annotations

import subprocess
import sys

import pytest

from agents.cli import main, worker_command
from newsstream.cli import build_parser, parse_args

COMMANDS = ("broker", "worker", "produce", "tail", "extract", "run", "redrive")


def full_args(argv: list[str]):
    import agents.cli

    return parse_args(argv, plugins=[agents.cli])


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        full_args([command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: newsstream " + command in capsys.readouterr().out


def test_parser_lists_every_command():
    import agents.cli

    help_text = build_parser([agents.cli]).format_help()
    assert all(command in help_text for command in COMMANDS)


def test_extract_keeps_its_arguments_in_the_full_command():
    args = full_args(["extract", "-i", "in.jsonl", "--stages", "quotes", "--no-progress"])
    assert (args.input, args.stages, args.no_progress, args.output) == ("in.jsonl", "quotes", True, "-")


def test_python_m_agents_offers_every_command():
    result = subprocess.run([sys.executable, "-m", "agents", "--help"], capture_output=True, text=True, check=True)
    assert all(command in result.stdout for command in COMMANDS)


@pytest.mark.parametrize(("given", "passed"), [("warning", "warn"), ("INFO", "info"), ("critical", "crit"),
                                               ("debug", "debug")])
def test_worker_log_levels_use_faust_spellings(given, passed):
    command = worker_command(given)
    assert command[-2:] == ["-l", passed]
    assert command[1:4] == ["-m", "agents.faust_cli", "worker"]


def test_broker_reports_missing_java_instead_of_a_traceback(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PATH", str(tmp_path))  # no java, no mvn
    code = main(["broker", "start", "--port", "1", "--home", str(tmp_path / "home")])
    err = capsys.readouterr().err
    assert code == 2
    assert "`mvn` was not found on PATH" in err or "`java` was not found on PATH" in err
    assert "Traceback" not in err
