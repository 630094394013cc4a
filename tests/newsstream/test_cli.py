"""The offline commands of the CLI, run in-process and as a real subprocess."""

from __future__ import annotations

import subprocess
import sys

import orjson
import pytest

from newsstream.cli import build_parser, main, parse_args
from newsstream.schemas import validate

OFFLINE_COMMANDS = ("extract",)


@pytest.mark.parametrize("command", OFFLINE_COMMANDS)
def test_every_offline_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        parse_args([command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: newsstream " + command in capsys.readouterr().out


def test_the_core_parser_points_to_the_kafka_commands():
    help_text = build_parser().format_help()
    assert "extract" in help_text and "python -m agents" in help_text
    with pytest.raises(SystemExit):
        parse_args(["worker"])  # the transport's command: not in the pure core


def _write_jsonl(path, rows):
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))


def test_extract_quotes_only_keeps_the_text_as_given(tmp_path):
    text = "Intro line.\n“We will win,” the mayor said.\nMore text."
    _write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": text}])
    assert main(["extract", "-i", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "out.jsonl"),
                 "--stages", "quotes", "--no-progress"]) == 0
    record = orjson.loads((tmp_path / "out.jsonl").read_bytes().splitlines()[0])
    assert record["text"] == text
    validate("articles.enriched", record)
    quote = record["quotes"][0]
    assert text[quote["start"]:quote["end"]] == quote["text"] == "We will win,"


def test_extract_full_pipeline_and_rejected_lines(tmp_path, capsys):
    _write_jsonl(tmp_path / "in.jsonl", [
        {"id": "good", "text": "A title\n\nThe minister said “this is the plan” on Monday."},
        {"id": "bad", "text": ["not", "a", "string"]},
    ])
    with (tmp_path / "in.jsonl").open("ab") as handle:
        handle.write(b"{broken json\n")
    code = main(["extract", "-i", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "out.jsonl"),
                 "--errors", str(tmp_path / "errors.jsonl"), "--no-progress"])
    assert code == 1
    records = [orjson.loads(line) for line in (tmp_path / "out.jsonl").read_bytes().splitlines()]
    assert [r["id"] for r in records] == ["good"]
    validate("articles.enriched", records[0])
    errors = [orjson.loads(line) for line in (tmp_path / "errors.jsonl").read_bytes().splitlines()]
    assert [(e["line"], e["stage"]) for e in errors] == [(2, "validate"), (3, "decode")]
    assert "in.jsonl:3: rejected at stage decode" in capsys.readouterr().err


def test_extract_clean_only(tmp_path):
    _write_jsonl(tmp_path / "in.jsonl", [{"id": "c", "text": "Headline\n\nFirst paragraph here.\n\nSecond one."}])
    assert main(["extract", "-i", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "out.jsonl"),
                 "--stages", "clean", "--no-progress"]) == 0
    record = orjson.loads((tmp_path / "out.jsonl").read_bytes())
    validate("articles.clean", record)
    assert "quotes" not in record


def test_unknown_stage_and_missing_input_are_clear_errors(tmp_path, capsys):
    assert main(["extract", "-i", str(tmp_path / "missing.jsonl")]) == 2
    assert "input file not found" in capsys.readouterr().err
    (tmp_path / "in.jsonl").write_text("")
    assert main(["extract", "-i", str(tmp_path / "in.jsonl"), "--stages", "clean,summarise"]) == 2
    assert "unknown stage(s) summarise" in capsys.readouterr().err


def test_console_script_runs_as_a_process(tmp_path):
    _write_jsonl(tmp_path / "in.jsonl", [{"id": "p", "text": "“Yes,” she said."}])
    result = subprocess.run([sys.executable, "-m", "newsstream", "extract", "-i", str(tmp_path / "in.jsonl"),
                             "--stages", "quotes", "--no-progress"], capture_output=True, check=True)
    assert orjson.loads(result.stdout)["quotes"][0]["text"] == "Yes,"


def test_extract_applies_the_worker_limits(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NEWSSTREAM_MAX_QUOTES", "2")
    text = "“One,” she said. “Two,” she said. “Three,” she said."
    _write_jsonl(tmp_path / "in.jsonl", [{"id": "many", "text": text}, {"id": "few", "text": "“One,” he said."}])
    assert main(["extract", "-i", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "out.jsonl"),
                 "--stages", "quotes", "--no-progress"]) == 1
    assert [orjson.loads(x)["id"] for x in (tmp_path / "out.jsonl").read_bytes().splitlines()] == ["few"]
    assert "3 quotations, above the limit of 2" in capsys.readouterr().err
