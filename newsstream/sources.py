"""Read articles from files for ``newsstream produce`` and ``newsstream extract``.

A path may be a ``.jsonl`` file (one JSON object per line), a ``.json`` file
(one object), a ``.txt`` file (scraped plain text; the id is the file stem),
an ``.html``/``.htm`` file (a page; the id is the file stem), or a folder of
such files (read recursively, in sorted order). ``-`` reads JSONL from stdin.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson

from newsstream.errors import InputError

SUFFIXES = (".jsonl", ".json", ".txt", ".html", ".htm")


@dataclass(frozen=True, slots=True)
class SourceItem:
    """One article's bytes and where they came from (``path:line`` for JSONL)."""

    where: str
    value: bytes
    key: str | None

    def message(self) -> tuple[bytes | None, bytes]:
        """``(key, value)`` as Kafka sends them: the article id as UTF-8 bytes."""
        return (self.key.encode() if self.key else None, self.value)


def iter_paths(paths: list[str]) -> Iterator[Path]:
    """Expand folders into their article files; raise InputError for missing paths."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        elif path.is_file() or name == "-":
            yield path
        else:
            raise InputError(f"no such file or folder: {name}")


def iter_items(paths: list[str]) -> Iterator[SourceItem]:
    """Every article in ``paths`` as raw message bytes plus its key when known."""
    for path in iter_paths(paths):
        suffix = path.suffix.lower()
        if str(path) == "-":
            yield from _jsonl_items("<stdin>", sys.stdin.buffer)
        elif suffix == ".jsonl":
            with path.open("rb") as handle:
                yield from _jsonl_items(str(path), handle)
        elif suffix == ".json":
            data = path.read_bytes()
            yield SourceItem(str(path), data, _id_of(data))
        else:
            field = "text" if suffix == ".txt" else "html"
            text = path.read_bytes().decode("utf-8", errors="replace")
            value = orjson.dumps({"id": path.stem, field: text})
            yield SourceItem(str(path), value, path.stem)


def _jsonl_items(name: str, handle: object) -> Iterator[SourceItem]:
    for number, line in enumerate(handle, start=1):  # type: ignore[call-overload]
        line = line.strip()
        if line:
            yield SourceItem(f"{name}:{number}", line, _id_of(line))


def _id_of(data: bytes) -> str | None:
    try:
        obj = orjson.loads(data)
    except orjson.JSONDecodeError:
        return None
    value = obj.get("id") if isinstance(obj, dict) else None
    return value if isinstance(value, str) else None
