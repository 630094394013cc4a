"""Security basics: SASL/TLS settings from NEWSSTREAM_* variables and the client options
they produce (aiokafka and Faust alike), no pickle/eval on message content, no secrets in
reprs."""

from __future__ import annotations

import re
import shutil
import ssl
import subprocess
from pathlib import Path

import pytest

from newsstream.config import ConfigError, Settings

REPO = Path(__file__).resolve().parents[2]


def settings(**env: str) -> Settings:
    return Settings.from_env({f"NEWSSTREAM_{k.upper()}": v for k, v in env.items()})


@pytest.fixture(scope="module")
def client_cert(tmp_path_factory) -> tuple[str, str]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "client.pem", folder / "client.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "1", "-subj", "/CN=newsstream-test"], check=True, capture_output=True)
    return str(cert), str(key)


def test_plaintext_by_default():
    from agents.admin import broker_credentials, security_options

    s = settings()
    assert s.security_protocol == "PLAINTEXT" and security_options(s) == {} and broker_credentials(s) is None


def test_sasl_plaintext():
    from agents.admin import security_options

    s = settings(security_protocol="SASL_PLAINTEXT", sasl_mechanism="SCRAM-SHA-512", sasl_username="news",
                 sasl_password="s3cret ")
    assert security_options(s) == {"security_protocol": "SASL_PLAINTEXT", "sasl_mechanism": "SCRAM-SHA-512",
                                    "sasl_plain_username": "news", "sasl_plain_password": "s3cret"}
    assert "s3cret" not in repr(s)


def test_sasl_ssl_with_a_ca_file():
    import certifi

    from agents.admin import security_options

    s = settings(security_protocol="SASL_SSL", sasl_username="news", sasl_password="pw", ssl_cafile=certifi.where())
    options = security_options(s)
    assert options["security_protocol"] == "SASL_SSL" and options["sasl_mechanism"] == "PLAIN"
    context = options["ssl_context"]
    assert isinstance(context, ssl.SSLContext) and context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname


@pytest.mark.needs("openssl")
def test_mutual_tls(client_cert):
    from agents.admin import security_options

    cert, key = client_cert
    s = settings(security_protocol="SSL", ssl_certfile=cert, ssl_keyfile=key)
    options = security_options(s)
    assert set(options) == {"security_protocol", "ssl_context"} and options["security_protocol"] == "SSL"


@pytest.mark.parametrize("env", [
    {"security_protocol": "SASL_PLAINTEXT", "sasl_username": "u", "sasl_password": "p"},
    {"security_protocol": "SASL_SSL", "sasl_mechanism": "SCRAM-SHA-256", "sasl_username": "u", "sasl_password": "p"},
    {"security_protocol": "SSL"},
])
def test_faust_gets_the_same_options_as_aiokafka(env):
    from faust.transport.drivers.aiokafka import credentials_to_aiokafka_auth

    from agents.admin import broker_credentials, security_options

    s = settings(**env)
    faust_options = credentials_to_aiokafka_auth(broker_credentials(s))
    ours = security_options(s)
    assert faust_options["security_protocol"] == ours["security_protocol"]
    for name in ("sasl_mechanism", "sasl_plain_username", "sasl_plain_password"):
        assert faust_options.get(name) == ours.get(name)
    assert (faust_options.get("ssl_context") is None) == (ours.get("ssl_context") is None)


@pytest.mark.parametrize(("env", "message"), [
    ({"security_protocol": "TLS"}, "NEWSSTREAM_SECURITY_PROTOCOL must be one of"),
    ({"security_protocol": "SASL_SSL"}, "needs NEWSSTREAM_SASL_USERNAME and NEWSSTREAM_SASL_PASSWORD"),
    ({"security_protocol": "SASL_PLAINTEXT", "sasl_username": "u", "sasl_password": "p", "sasl_mechanism": "GSSAPI"},
     "NEWSSTREAM_SASL_MECHANISM must be one of"),
    ({"ssl_cafile": "/etc/ca.pem"}, "NEWSSTREAM_SSL_CAFILE set but NEWSSTREAM_SECURITY_PROTOCOL is PLAINTEXT"),
    ({"security_protocol": "SSL", "ssl_certfile": "/c.pem"}, "go together"),
])
def test_bad_security_settings_are_refused(env, message):
    with pytest.raises(ConfigError, match=re.escape(message)):
        settings(**env)


def test_missing_tls_file_is_a_config_error(tmp_path):
    from agents.admin import security_options

    s = settings(security_protocol="SSL", ssl_cafile=str(tmp_path / "missing.pem"))
    with pytest.raises(ConfigError, match="cannot load the TLS files"):
        security_options(s)


def test_message_content_is_never_unpickled_or_evaluated():
    import faust

    import agents.topics
    from agents.app import app

    assert app.conf.key_serializer == "raw" and app.conf.value_serializer == "orjson"
    topics = [t for t in vars(agents.topics).values() if isinstance(t, faust.TopicT)]
    assert len(topics) >= 6
    for topic in topics:
        for serializer in (topic.key_serializer, topic.value_serializer):
            assert serializer in (None, "raw", "orjson"), (topic, serializer)
    pattern = re.compile(r"\b(pickle|marshal|shelve|eval|exec)\b\s*[.(]")
    for path in [*REPO.glob("agents/*.py"), *REPO.glob("newsstream/**/*.py")]:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not pattern.search(line), f"{path}:{n}: {line.strip()}"
