"""Errors of the transport (Kafka, the local broker), kept out of the pure core."""

from __future__ import annotations

from newsstream.errors import NewsstreamError


class TransportError(NewsstreamError):
    """Root of the transport's errors: reported by the CLI as ``error: ...`` (exit code 2)."""


class BrokerError(TransportError):
    """The local Kafka broker could not be set up, started or reached."""
