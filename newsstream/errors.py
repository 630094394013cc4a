"""Exceptions raised by newsstream, all rooted at :class:`NewsstreamError`.

Input errors carry the pipeline ``stage`` that refused the input and a readable
``reason``; the stream agents turn them into dead-letter records, the CLI into
an error message and a non-zero exit.
"""

from __future__ import annotations


class NewsstreamError(Exception):
    """Root of every error raised on purpose by newsstream."""


class InputError(NewsstreamError):
    """The input cannot be processed; ``reason`` says why, ``stage`` where."""

    stage: str = "decode"

    def __init__(self, reason: str, *, stage: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        if stage is not None:
            self.stage = stage


class DecodeError(InputError):
    """The message bytes are not a usable article (not UTF-8, not JSON, null...)."""

    stage = "decode"


class SchemaError(InputError):
    """The decoded message does not satisfy the raw-article contract."""

    stage = "validate"


class LimitExceeded(InputError):
    """A configured limit (message size, paragraphs, quotes...) was exceeded."""

    stage = "validate"


class CleaningError(InputError):
    """The cleaning stage found no usable article text (empty, binary, no body...)."""

    stage = "clean"


class QuoteExtractionError(InputError):
    """The quote stage refused its input."""

    stage = "quotes"

