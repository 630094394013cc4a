"""The JSON Schemas (draft 2020-12) of newsstream's messages, and validation against them.

One schema per message kind lives in ``newsstream/schemas/`` (package data, read through
:mod:`importlib.resources`, so any install finds them); shared definitions are in
``common.schema.json`` and referenced with relative ``$ref``s, which resolve through a
:mod:`referencing` registry holding every schema file. Set ``NEWSSTREAM_SCHEMAS_DIR`` to use
another folder.

Two readings of the same files: **strict** (the default, newsstream's own check of what it writes) turns the
``x-newsstream-closed: true`` and ``x-newsstream-enum`` annotations into ``unevaluatedProperties: false`` and
``enum``; **tolerant** (``strict=False``, and any other JSON Schema tool, which ignores ``x-`` keywords) lets
through the fields and values a later v1 minor version may add (README, "Evolving the contracts").

``topic`` below is the *logical* message kind (``"articles.raw"``, ``"articles.clean"``,
``"articles.enriched"``, ``"quotes"``, ``"articles.deadletter"``), not a configured
Kafka topic name, which may differ.
"""

from __future__ import annotations

import json
import os
import reprlib
from datetime import datetime
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError, best_match
from jsonschema.protocols import Validator
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource

from newsstream.errors import SchemaError

TOPICS: tuple[str, ...] = (
    "articles.raw",
    "articles.clean",
    "articles.enriched",
    "quotes",
    "articles.deadletter",
    "quotations",
)
SCHEMAS_MAJOR = 1  # the vN of every $id; a breaking change makes v2 (README, "Evolving the contracts")
BASE_URI = f"https://newsstream.example/schemas/v{SCHEMAS_MAJOR}/"
SCHEMAS_DIR_ENV = "NEWSSTREAM_SCHEMAS_DIR"

_MAX_REASON = 500
_repr = reprlib.Repr()
_repr.maxstring = 60
_repr.maxother = 60
_repr.maxlist = _repr.maxdict = 4
_repr.maxlevel = 2


def schemas_dir() -> Traversable:
    """The folder holding the ``*.schema.json`` files (package data unless overridden)."""
    override = os.environ.get(SCHEMAS_DIR_ENV)
    if override:
        return Path(override)
    return resources.files("newsstream").joinpath("schemas")


def schema_path(topic: str) -> Traversable:
    """The schema file of a message kind; ValueError for an unknown one."""
    if topic not in TOPICS:
        raise ValueError(f"no schema for {topic!r}; known: {', '.join(TOPICS)}")
    return schemas_dir().joinpath(f"{topic}.schema.json")


@cache
def _load_file(path: Traversable) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(
            f"schema file {path} not found; newsstream ships its schemas as package data "
            f"(newsstream/schemas/) or reads them from ${SCHEMAS_DIR_ENV}"
        ) from None


def load_schema(topic: str) -> dict[str, Any]:
    """The schema of a message kind, as a fresh dict (safe to modify)."""
    return json.loads(json.dumps(_load_file(schema_path(topic))))


# Annotations of the published schemas -> the keyword newsstream's strict check reads them as.
STRICT_KEYWORDS: dict[str, Any] = {
    "x-newsstream-closed": lambda value: ("unevaluatedProperties", not value),  # no field beyond the declared
    "x-newsstream-enum": lambda value: ("enum", value),  # only the values newsstream writes today
}


def strict_form(node: Any) -> Any:
    """A copy of a schema with the ``x-newsstream-*`` annotations turned into the keywords they stand for."""
    if isinstance(node, list):
        return [strict_form(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: strict_form(value) for key, value in node.items()}
    for key, to_keyword in STRICT_KEYWORDS.items():
        if key in node:
            keyword, value = to_keyword(node[key])
            out[keyword] = value
    return out


def _contents(path: Traversable, strict: bool) -> dict[str, Any]:
    contents = _load_file(path)
    return strict_form(contents) if strict else contents


def _retriever(strict: bool) -> Any:
    def retrieve(uri: str) -> Resource:
        """Load ``BASE_URI + name`` from the schemas folder (for files not pre-registered)."""
        if not uri.startswith(BASE_URI):
            raise NoSuchResource(ref=uri)
        path = schemas_dir().joinpath(uri[len(BASE_URI) :])
        if not path.is_file():
            raise NoSuchResource(ref=uri)
        return Resource.from_contents(_contents(path, strict))

    return retrieve


@cache
def registry(strict: bool = True) -> Registry:
    """A registry with every schema file under its ``$id``, so relative ``$ref``s resolve."""
    resources = []
    files = (p for p in schemas_dir().iterdir() if p.name.endswith(".schema.json"))
    for path in sorted(files, key=lambda p: p.name):
        contents = _contents(path, strict)
        resources.append((contents.get("$id", BASE_URI + path.name), Resource.from_contents(contents)))
    return Registry(retrieve=_retriever(strict)).with_resources(resources).crawl()


def _is_datetime(value: object) -> bool:
    """ISO-8601 date-time with a time and a UTC offset (Python's fromisoformat, 3.11+)."""
    if not isinstance(value, str):
        return True
    if len(value) < 11 or value[10] not in "Tt ":
        raise ValueError("not an ISO-8601 date-time (expected YYYY-MM-DDTHH:MM:SS...)")
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError("date-time has no UTC offset (add +00:00 or Z)")
    return True


def format_checker() -> FormatChecker:
    """The cheap format checks newsstream applies: ``date-time`` only."""
    checker = FormatChecker(formats=())
    checker.checks("date-time", raises=ValueError)(_is_datetime)
    return checker


def _is_array(_checker: object, instance: object) -> bool:
    return isinstance(instance, list | tuple)


# The records' to_dict() (dataclasses.asdict) keeps tuple fields as tuples; orjson writes them as JSON
# arrays, so a tuple is an array here too.
_Validator = validators.extend(
    Draft202012Validator,
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine("array", _is_array),
)


@cache
def validator(topic: str, strict: bool = True) -> Validator:
    """A cached validator for a message kind: ``Draft202012Validator`` extended so that Python tuples
    count as arrays, with the schema registry (``$ref``s) and date-time format checking; ``strict``
    reads the ``x-newsstream-*`` annotations (see the module docstring)."""
    schema = _contents(schema_path(topic), strict)
    return _Validator(schema, registry=registry(strict), format_checker=format_checker())


def _json_path(error: ValidationError) -> str:
    path = "$"
    for part in error.absolute_path:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def _narrow(error: ValidationError) -> ValidationError:
    """For a non-null value failing ``anyOf: [{type: null}, X]``, X's own best error is the reason."""
    while error.validator in ("anyOf", "oneOf") and error.context and error.instance is not None:
        others = [i for i, branch in enumerate(error.validator_value) if branch != {"type": "null"}]
        if len(others) != 1:
            break
        inner = best_match(e for e in error.context if e.relative_schema_path[0] == others[0])
        if inner is None:
            break
        error = inner
    return error


def describe(error: ValidationError) -> str:
    """``at <path>: <message>``, with the offending value abbreviated."""
    error = _narrow(error)
    message = error.message
    full = repr(error.instance)
    if len(full) > 80 and full in message:
        message = message.replace(full, _repr.repr(error.instance))
    if error.validator == "format" and error.cause is not None:
        message = f"{message} ({error.cause})"
    reason = f"at {_json_path(error)}: {message}"
    if len(reason) > _MAX_REASON:
        reason = reason[: _MAX_REASON - 1] + "…"
    return reason


def check(topic: str, message: Any, *, strict: bool = True) -> str | None:
    """The reason ``message`` fails the schema of ``topic``, or None when it is valid."""
    error = best_match(validator(topic, strict).iter_errors(message))
    return None if error is None else describe(error)


def validate(topic: str, message: Any, *, strict: bool = True) -> None:
    """Raise :class:`SchemaError` (stage ``validate``) when ``message`` fails its schema (``strict=False``:
    as a consumer reads it, accepting fields and values a later v1 minor version may add)."""
    reason = check(topic, message, strict=strict)
    if reason is not None:
        raise SchemaError(f"{topic} schema: {reason}")
