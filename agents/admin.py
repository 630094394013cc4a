"""Topic creation and broker waits, with aiokafka's admin client.

The worker calls :func:`ensure_topics` before its agents start, so every topic
exists with the configured partition count even before the first message. If
the broker is down it waits, saying so in the log, instead of failing.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
import time

import faust
import faust.types.auth
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.helpers import create_ssl_context

from newsstream.config import ConfigError, Settings

log = logging.getLogger(__name__)

RETRY_SECONDS = 2.0  # between attempts to reach a broker that is down


def topic_names(settings: Settings) -> list[str]:
    """Every topic of the pipeline, in pipeline order."""
    return [settings.topic_raw, settings.topic_clean, settings.topic_enriched,
            settings.topic_quotes, settings.topic_deadletter]


def topic_configs(settings: Settings) -> dict[str, str]:
    """Per-topic configs: large enough messages for raw articles and dead letters."""
    return {"max.message.bytes": str(settings.max_deadletter_value_bytes * 2)}


async def ensure_topics(settings: Settings, *, timeout: float | None = None) -> list[str]:
    """Create the missing pipeline topics; return the names created.

    Retries every :data:`RETRY_SECONDS` while the broker cannot be reached,
    logging each wait, until ``timeout`` seconds (forever when ``None``).
    """
    deadline = None if timeout is None else time.monotonic() + timeout
    attempt = 0
    while True:
        attempt += 1
        try:
            return await _create_missing(settings)
        except Exception as exc:  # broker down, not ready, connection refused...
            if deadline is not None and time.monotonic() > deadline:
                raise
            log.warning("Kafka at %s is not reachable yet (attempt %d: %s); retrying in %.0f s",
                        settings.bootstrap_servers, attempt, exc.__class__.__name__, RETRY_SECONDS)
            await asyncio.sleep(RETRY_SECONDS)


async def _create_missing(settings: Settings) -> list[str]:
    admin = AIOKafkaAdminClient(bootstrap_servers=settings.bootstrap_servers, request_timeout_ms=10_000,
                                **security_options(settings))
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        wanted = [name for name in topic_names(settings) if name not in existing]
        if wanted:
            configs = topic_configs(settings)
            await admin.create_topics([NewTopic(name, settings.partitions, 1, topic_configs=configs)
                                       for name in wanted])
            await _wait_for_leaders(admin, wanted)
            log.info("Created topics %s with %d partitions", ", ".join(wanted), settings.partitions)
        return wanted
    finally:
        await admin.close()


async def _wait_for_leaders(admin: AIOKafkaAdminClient, topics: list[str], timeout: float = 30.0) -> None:
    """Wait until every partition of ``topics`` has a leader, so first sends do not bounce."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        described = await admin.describe_topics(topics)
        if all(t.get("error_code", 0) == 0 and t.get("partitions")
               and all(p.get("leader", -1) >= 0 for p in t["partitions"]) for t in described):
            return
        await asyncio.sleep(0.2)
    log.warning("Some partitions of %s still have no leader after %.0f s", ", ".join(topics), timeout)


def ssl_context(settings: Settings) -> ssl.SSLContext:
    """The TLS context for ``SSL``/``SASL_SSL``: the CA file (or the system's CAs), plus a
    client certificate and key for mutual TLS when given."""
    try:
        return create_ssl_context(cafile=settings.ssl_cafile or None, certfile=settings.ssl_certfile or None,
                                  keyfile=settings.ssl_keyfile or None)
    except (OSError, ssl.SSLError) as exc:
        raise ConfigError(f"cannot load the TLS files (NEWSSTREAM_SSL_CAFILE/CERTFILE/KEYFILE): {exc}") from None


def security_options(settings: Settings) -> dict[str, object]:
    """Extra aiokafka client options for TLS/SASL (none for plain connections)."""
    if settings.security_protocol == "PLAINTEXT":
        return {}
    options: dict[str, object] = {"security_protocol": settings.security_protocol}
    if settings.uses_tls:
        options["ssl_context"] = ssl_context(settings)
    if settings.uses_sasl:
        options.update(sasl_mechanism=settings.sasl_mechanism, sasl_plain_username=settings.sasl_username,
                       sasl_plain_password=settings.sasl_password)
    return options


def broker_credentials(settings: Settings) -> faust.types.auth.CredentialsT | None:
    """The same settings as Faust's ``broker_credentials`` (None for plain connections)."""
    if settings.security_protocol == "PLAINTEXT":
        return None
    context = ssl_context(settings) if settings.uses_tls else None
    if settings.uses_sasl:
        return faust.SASLCredentials(username=settings.sasl_username, password=settings.sasl_password,
                                     mechanism=settings.sasl_mechanism, ssl_context=context)
    return faust.SSLCredentials(context)
