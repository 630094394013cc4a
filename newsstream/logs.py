"""Log formats: ``NEWSSTREAM_LOG_FORMAT=text`` (one readable line) or ``json`` (one JSON object per
line, by python-json-logger), for the worker and the command line alike.

Fields a log call passes with ``extra=`` (see :data:`FIELDS`: article id, stage, topic, partition,
offset, duration) become keys of the JSON object; the text format leaves them out.
"""

from __future__ import annotations

import logging
import logging.config
from typing import Any

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
JSON_FIELDS = "%(levelname)s %(name)s %(message)s"  # plus "timestamp" (ISO-8601, UTC)
JSON_RENAMES = {"levelname": "level", "name": "logger"}
FIELDS = ("article_id", "stage", "topic", "partition", "offset", "duration_s", "error_type", "reason")


def fields(**values: Any) -> dict[str, Any]:
    """``extra=`` for a log call: the known :data:`FIELDS` that are not None."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown log field(s): {', '.join(sorted(unknown))}")
    return {k: v for k, v in values.items() if v is not None}


def formatter_config(log_format: str) -> dict[str, Any]:
    """A :func:`logging.config.dictConfig` formatter entry for ``text`` or ``json``."""
    if log_format == "json":
        return {"()": "pythonjsonlogger.json.JsonFormatter", "fmt": JSON_FIELDS, "rename_fields": JSON_RENAMES,
                "timestamp": True}
    return {"format": TEXT_FORMAT}


def logging_config(level: str | int, log_format: str, stream: str = "ext://sys.stdout") -> dict[str, Any]:
    """A complete dictConfig: one stream handler in the chosen format on the root logger."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"default": formatter_config(log_format)},
        "handlers": {"default": {"class": "logging.StreamHandler", "formatter": "default", "stream": stream}},
        "root": {"level": level, "handlers": ["default"]},
    }


def configure(level: int, log_format: str) -> None:
    """Set up the command line's logging (stderr) in ``log_format``."""
    logging.config.dictConfig(logging_config(logging.getLevelName(level), log_format, "ext://sys.stderr"))
