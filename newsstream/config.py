"""Settings read from ``NEWSSTREAM_*`` environment variables, with documented defaults.

One frozen :class:`Settings` object is built once (``Settings.from_env()``) and
passed to whoever needs it; nothing else reads the environment.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING

from newsstream.errors import NewsstreamError

if TYPE_CHECKING:
    from newsstream.cleaning.recurring import RecurringOptions

GUARANTEES = ("at_least_once", "exactly_once")
LOG_FORMATS = ("text", "json")
SECURITY_PROTOCOLS = ("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL")
SASL_MECHANISMS = ("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512")
MiB = 1024 * 1024
TRACKER_MODES = {"auto": None, "on": True, "1": True, "off": False, "0": False}


class ConfigError(NewsstreamError):
    """An environment variable has a value newsstream cannot use."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything configurable, with its environment variable and default.

    :param kafka: broker URL(s), ``kafka://host:port[;host:port]`` (``NEWSSTREAM_KAFKA``).
    :param app_id: Faust app id = consumer group (``NEWSSTREAM_APP_ID``).
    :param topic_raw: input topic (``NEWSSTREAM_TOPIC_RAW``).
    :param topic_clean: cleaned articles (``NEWSSTREAM_TOPIC_CLEAN``).
    :param topic_enriched: articles with quotes (``NEWSSTREAM_TOPIC_ENRICHED``).
    :param topic_quotes: one message per quote (``NEWSSTREAM_TOPIC_QUOTES``).
    :param topic_deadletter: rejected input with its reason (``NEWSSTREAM_TOPIC_DEADLETTER``).
    :param partitions: partitions of every topic the app creates (``NEWSSTREAM_PARTITIONS``).
    :param processing_guarantee: ``at_least_once`` or ``exactly_once`` (``NEWSSTREAM_PROCESSING_GUARANTEE``).
    :param log_level: worker log level (``NEWSSTREAM_LOG_LEVEL``).
    :param log_format: ``text`` or ``json`` (one JSON object per line; ``NEWSSTREAM_LOG_FORMAT``).
    :param max_message_bytes: larger raw values are dead-lettered unread (``NEWSSTREAM_MAX_MESSAGE_BYTES``).
    :param max_deadletter_value_bytes: original bytes kept in a dead letter beyond this are
        truncated, with size and sha256 kept (``NEWSSTREAM_MAX_DEADLETTER_VALUE_BYTES``).
    :param batch_size: at most this many queued events are handled per agent batch; a batch
        never waits to fill (``NEWSSTREAM_BATCH_SIZE``).
    :param data_dir: Faust's local state folder (``NEWSSTREAM_DATA_DIR``).
    :param web_port: the worker's web port, 0 to disable it (``NEWSSTREAM_WEB_PORT``).
    :param max_paragraphs: articles with more paragraphs (or raw text with more non-blank
        lines) are dead-lettered as ``LimitExceeded`` (``NEWSSTREAM_MAX_PARAGRAPHS``).
    :param max_quotes: articles with more quotations are dead-lettered as ``LimitExceeded``
        (``NEWSSTREAM_MAX_QUOTES``).
    :param security_protocol: ``PLAINTEXT``, ``SSL``, ``SASL_PLAINTEXT`` or ``SASL_SSL``
        (``NEWSSTREAM_SECURITY_PROTOCOL``).
    :param sasl_mechanism: ``PLAIN``, ``SCRAM-SHA-256`` or ``SCRAM-SHA-512`` (``NEWSSTREAM_SASL_MECHANISM``).
    :param sasl_username: SASL user (``NEWSSTREAM_SASL_USERNAME``).
    :param sasl_password: SASL password (``NEWSSTREAM_SASL_PASSWORD``; never shown in ``repr``).
    :param ssl_cafile: CA bundle that signed the broker's certificate; empty: the system's
        (``NEWSSTREAM_SSL_CAFILE``).
    :param ssl_certfile: client certificate for mutual TLS (``NEWSSTREAM_SSL_CERTFILE``).
    :param ssl_keyfile: its private key (``NEWSSTREAM_SSL_KEYFILE``).
    :param session_timeout: seconds without a heartbeat after which the group coordinator
        declares a worker dead and hands its partitions to the others (``NEWSSTREAM_SESSION_TIMEOUT``).
    :param recurring_min_articles: a paragraph seen in this many distinct articles of one source
        is dropped as boilerplate, 0 disables (``NEWSSTREAM_RECURRING_MIN_ARTICLES``; why 3: see
        :class:`newsstream.cleaning.recurring.RecurringOptions`).
    :param recurring_max_lines_per_source: line fingerprints remembered per source
        (``NEWSSTREAM_RECURRING_MAX_LINES_PER_SOURCE``).
    :param recurring_max_sources: sources remembered (``NEWSSTREAM_RECURRING_MAX_SOURCES``).
    :param recurring_max_lines: line fingerprints remembered in total (``NEWSSTREAM_RECURRING_MAX_LINES``).
    :param tracker: ``auto`` runs the live quote tracker (``agents/tracker.py``) in the worker when
        the web server is on (``NEWSSTREAM_WEB_PORT``: its page and API are the point), ``on``/``1``
        always, ``off``/``0`` never (``NEWSSTREAM_TRACKER``). Not on everywhere: it costs more than the
        pipeline on short articles (bench/tracker.py --throughput: 0.07-0.14x the articles/s).
    :param topic_quotations: the tracker's compacted topic, one record per quotation
        (``NEWSSTREAM_TOPIC_QUOTATIONS``).
    :param tracker_max_quotations: quotations the tracker's matching index holds (LRU;
        ``NEWSSTREAM_TRACKER_MAX_QUOTATIONS``).
    """

    kafka: str = "kafka://127.0.0.1:9092"
    app_id: str = "newsstream"
    topic_raw: str = "articles.raw"
    topic_clean: str = "articles.clean"
    topic_enriched: str = "articles.enriched"
    topic_quotes: str = "quotes"
    topic_deadletter: str = "articles.deadletter"
    partitions: int = 4
    processing_guarantee: str = "at_least_once"
    log_level: str = "info"
    log_format: str = "text"
    max_message_bytes: int = 4 * MiB
    max_deadletter_value_bytes: int = 8 * MiB
    batch_size: int = 64
    data_dir: str = ".newsstream-data"
    web_port: int = 0
    session_timeout: float = 30.0
    max_paragraphs: int = 5000
    max_quotes: int = 1000
    security_protocol: str = "PLAINTEXT"
    sasl_mechanism: str = "PLAIN"
    sasl_username: str = ""
    sasl_password: str = field(default="", repr=False)
    ssl_cafile: str = ""
    ssl_certfile: str = ""
    ssl_keyfile: str = ""
    # -- recurring lines (newsstream/cleaning/recurring.py; defaults = RecurringOptions()) --
    recurring_min_articles: int = 3
    recurring_max_lines_per_source: int = 4096
    recurring_max_sources: int = 10_000
    recurring_max_lines: int = 2_000_000
    # -- the live quote tracker (newsstream/tracker/, agents/tracker.py) --
    tracker: str = "auto"
    topic_quotations: str = "quotations"
    tracker_max_quotations: int = 10_000

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read every field from ``NEWSSTREAM_<FIELD>``; missing ones keep their default."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = env.get(f"NEWSSTREAM_{f.name.upper()}")
            if raw is None or raw == "":
                continue
            values[f.name] = _convert(f.name, raw, type(getattr(cls(), f.name)))
        settings = cls(**values)
        settings.check()
        return settings

    def check(self) -> None:
        """Raise :class:`ConfigError` on values that cannot work."""
        if self.processing_guarantee not in GUARANTEES:
            raise ConfigError(
                f"NEWSSTREAM_PROCESSING_GUARANTEE must be one of {', '.join(GUARANTEES)}, "
                f"not {self.processing_guarantee!r}"
            )
        if self.partitions < 1:
            raise ConfigError("NEWSSTREAM_PARTITIONS must be at least 1")
        if self.log_format not in LOG_FORMATS:
            raise ConfigError(f"NEWSSTREAM_LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}, not {self.log_format!r}")
        if self.max_message_bytes < 1024:
            raise ConfigError("NEWSSTREAM_MAX_MESSAGE_BYTES must be at least 1024")
        if self.batch_size < 1:
            raise ConfigError("NEWSSTREAM_BATCH_SIZE must be at least 1")
        self._check_security()
        if self.max_paragraphs < 1 or self.max_quotes < 1:
            raise ConfigError("NEWSSTREAM_MAX_PARAGRAPHS and NEWSSTREAM_MAX_QUOTES must be at least 1")
        if not 6.0 <= self.session_timeout <= 300.0:
            raise ConfigError("NEWSSTREAM_SESSION_TIMEOUT must be between 6 and 300 seconds")
        if self.recurring_min_articles < 0 or min(self.recurring_max_lines_per_source,
                                                  self.recurring_max_sources, self.recurring_max_lines) < 1:
            raise ConfigError("NEWSSTREAM_RECURRING_MIN_ARTICLES must be at least 0 and NEWSSTREAM_RECURRING_MAX_* "
                              "at least 1")
        if self.tracker.lower() not in TRACKER_MODES or self.tracker_max_quotations < 1:
            raise ConfigError(f"NEWSSTREAM_TRACKER must be one of {', '.join(TRACKER_MODES)} and "
                              "NEWSSTREAM_TRACKER_MAX_QUOTATIONS at least 1")

    def tracker_enabled(self) -> bool:
        """Whether the worker runs the quote tracker (``auto``: when the web server is on)."""
        return TRACKER_MODES[self.tracker.lower()] if self.tracker.lower() != "auto" else self.web_port > 0

    def recurring_options(self) -> RecurringOptions:
        """The recurring-line memory's threshold and bounds."""
        from newsstream.cleaning.recurring import RecurringOptions

        return RecurringOptions(min_articles=self.recurring_min_articles,
                                max_lines_per_source=self.recurring_max_lines_per_source,
                                max_sources=self.recurring_max_sources, max_lines=self.recurring_max_lines)

    def _check_security(self) -> None:
        if self.security_protocol not in SECURITY_PROTOCOLS:
            raise ConfigError(f"NEWSSTREAM_SECURITY_PROTOCOL must be one of {', '.join(SECURITY_PROTOCOLS)}, "
                              f"not {self.security_protocol!r}")
        if self.uses_sasl:
            if self.sasl_mechanism not in SASL_MECHANISMS:
                raise ConfigError(f"NEWSSTREAM_SASL_MECHANISM must be one of {', '.join(SASL_MECHANISMS)}, "
                                  f"not {self.sasl_mechanism!r}")
            if not (self.sasl_username and self.sasl_password):
                raise ConfigError(f"NEWSSTREAM_SECURITY_PROTOCOL={self.security_protocol} needs "
                                  "NEWSSTREAM_SASL_USERNAME and NEWSSTREAM_SASL_PASSWORD")
        tls_files = {"NEWSSTREAM_SSL_CAFILE": self.ssl_cafile, "NEWSSTREAM_SSL_CERTFILE": self.ssl_certfile,
                     "NEWSSTREAM_SSL_KEYFILE": self.ssl_keyfile}
        given = [name for name, value in tls_files.items() if value]
        if given and not self.uses_tls:
            raise ConfigError(f"{', '.join(given)} set but NEWSSTREAM_SECURITY_PROTOCOL is "
                              f"{self.security_protocol} (use SSL or SASL_SSL)")
        if bool(self.ssl_certfile) != bool(self.ssl_keyfile):
            raise ConfigError("NEWSSTREAM_SSL_CERTFILE and NEWSSTREAM_SSL_KEYFILE go together")

    @property
    def uses_tls(self) -> bool:
        return self.security_protocol in ("SSL", "SASL_SSL")

    @property
    def uses_sasl(self) -> bool:
        return self.security_protocol.startswith("SASL_")

    @property
    def bootstrap_servers(self) -> str:
        """``host:port,host:port`` as plain Kafka clients want it."""
        urls = self.kafka.replace(";", ",").split(",")
        return ",".join(u.strip().removeprefix("kafka://") for u in urls if u.strip())


def _convert(name: str, raw: str, kind: type) -> object:
    try:
        if kind is int:
            return int(raw)
        if kind is float:
            return float(raw)
    except ValueError:
        raise ConfigError(f"NEWSSTREAM_{name.upper()} must be a number, not {raw!r}") from None
    return raw.strip()
