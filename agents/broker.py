"""A real Apache Kafka broker (KRaft mode) for this machine, resolved from Maven Central.

``newsstream broker start|stop|status`` drives :class:`LocalBroker`:

1. the broker jars are copied once by Maven into ``<home>/kafka-<version>/libs``
   from ``agents/kafka/pom.xml`` (package data; ``kafka_2.13`` + ``slf4j-reload4j``);
2. each broker instance (one per port) has a folder ``<home>/broker-<port>`` with
   its ``server.properties``, ``log4j.properties``, data, ``broker.log`` and pid file;
   its storage is formatted once with ``kafka.tools.StorageTool``;
3. ``kafka.Kafka server.properties`` runs in its own process group, listening on
   127.0.0.1 only, and is ready when it answers a metadata request.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from agents.errors import BrokerError

log = logging.getLogger(__name__)

KAFKA_VERSION = "3.9.1"
# Package data (pyproject.toml), so a non-editable install finds it; Maven needs a real file, which a
# regular (not zipped) install gives.
POM = Path(str(resources.files("agents").joinpath("kafka", "pom.xml")))
DEFAULT_HOME = Path(os.environ.get("NEWSSTREAM_HOME", Path.home() / ".cache" / "newsstream"))
MAX_MESSAGE_BYTES = 16 * 1024 * 1024  # raw articles up to the worker's limit, plus dead letters
READY_TIMEOUT = 120.0  # seconds; a cold JVM on a loaded 2-core machine can take ~30 s

SERVER_PROPERTIES = """\
# Written by newsstream (agents/broker.py): single-node KRaft broker+controller on loopback.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:{controller_port}
listeners=PLAINTEXT://127.0.0.1:{port},CONTROLLER://127.0.0.1:{controller_port}
advertised.listeners=PLAINTEXT://127.0.0.1:{port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs={data_dir}
num.partitions=4
offsets.topic.replication.factor=1
offsets.topic.num.partitions=8
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=8
group.initial.rebalance.delay.ms=0
message.max.bytes={max_message_bytes}
replica.fetch.max.bytes={max_message_bytes}
auto.create.topics.enable=true
"""

LOG4J_PROPERTIES = """\
log4j.rootLogger=WARN, file
log4j.logger.kafka.server.KafkaServer=INFO
log4j.logger.kafka.server.KafkaRaftServer=INFO
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File={log_file}
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
"""


def require_tool(name: str, purpose: str) -> str:
    """The path of ``name`` on PATH, or a :class:`BrokerError` that says what to install."""
    path = shutil.which(name)
    if path is None:
        hints = {
            "java": "install a Java 17+ runtime (e.g. `apt-get install openjdk-17-jre-headless`)",
            "mvn": "install Apache Maven (e.g. `apt-get install maven`)",
        }
        raise BrokerError(f"`{name}` was not found on PATH; it is needed to {purpose}: {hints.get(name, '')}")
    return path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LocalBroker:
    """One local Kafka broker on ``127.0.0.1:port`` (controller on ``port + 1`` unless given)."""

    port: int = 9092
    controller_port: int | None = None
    home: Path = field(default_factory=lambda: DEFAULT_HOME)
    heap: str = "512m"
    state_dir: Path | None = None  # this instance's configs, data and logs; default <home>/broker-<port>

    def __post_init__(self) -> None:
        self.home = Path(self.home)
        if self.controller_port is None:
            self.controller_port = self.port + 1

    # -- paths ------------------------------------------------------------
    @property
    def libs_dir(self) -> Path:
        return self.home / f"kafka-{KAFKA_VERSION}" / "libs"

    @property
    def instance_dir(self) -> Path:
        return Path(self.state_dir) if self.state_dir else self.home / f"broker-{self.port}"

    @property
    def log_file(self) -> Path:
        return self.instance_dir / "broker.log"

    @property
    def pid_file(self) -> Path:
        return self.instance_dir / "broker.pid"

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    # -- set-up -----------------------------------------------------------
    def ensure_jars(self) -> Path:
        """Copy the broker jars from Maven Central once; later calls reuse them."""
        marker = self.libs_dir / ".complete"
        if marker.exists():
            return self.libs_dir
        mvn = require_tool("mvn", "download the Kafka broker jars from Maven Central")
        require_tool("java", "run the Kafka broker")
        self.libs_dir.mkdir(parents=True, exist_ok=True)
        log.info("Resolving Apache Kafka %s jars from Maven Central into %s", KAFKA_VERSION, self.libs_dir)
        cmd = [mvn, "-B", "-q", "-f", str(POM), "dependency:copy-dependencies",
               "-DincludeScope=runtime", f"-DoutputDirectory={self.libs_dir}"]
        result = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            tail = (result.stdout + result.stderr).strip().splitlines()[-15:]
            raise BrokerError("Maven could not resolve the Kafka jars:\n" + "\n".join(tail))
        marker.write_text(KAFKA_VERSION)
        return self.libs_dir

    def ensure_storage(self) -> None:
        """Write the configs and format the KRaft storage the first time."""
        data_dir = self.instance_dir / "data"
        self.instance_dir.mkdir(parents=True, exist_ok=True)
        (self.instance_dir / "server.properties").write_text(SERVER_PROPERTIES.format(
            port=self.port, controller_port=self.controller_port, data_dir=data_dir,
            max_message_bytes=MAX_MESSAGE_BYTES))
        (self.instance_dir / "log4j.properties").write_text(LOG4J_PROPERTIES.format(log_file=self.log_file))
        if (data_dir / "meta.properties").exists():
            return
        cluster_id = self._java("kafka.tools.StorageTool", "random-uuid").strip().splitlines()[-1]
        log.info("Formatting KRaft storage in %s (cluster id %s)", data_dir, cluster_id)
        self._java("kafka.tools.StorageTool", "format", "-t", cluster_id,
                   "-c", str(self.instance_dir / "server.properties"), "--ignore-formatted")

    def _java(self, main_class: str, *args: str) -> str:
        java = require_tool("java", "run the Kafka broker")
        cmd = [java, "-Xmx256m", "-cp", f"{self.libs_dir}/*",
               f"-Dlog4j.configuration=file:{self.instance_dir / 'log4j.properties'}", main_class, *args]
        result = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise BrokerError(f"{main_class} {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
        return result.stdout

    # -- life cycle -------------------------------------------------------
    def pid(self) -> int | None:
        """The broker's pid if its process is alive."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        return pid

    def start(self, *, timeout: float = READY_TIMEOUT) -> None:
        """Start the broker (unless it already runs) and wait until it answers."""
        if is_ready(self.bootstrap):
            log.info("A Kafka broker already answers on %s", self.bootstrap)
            return
        if self.pid() is None:
            self.ensure_jars()
            self.ensure_storage()
            java = require_tool("java", "run the Kafka broker")
            cmd = [java, f"-Xmx{self.heap}", f"-Xms{self.heap}", "-XX:+UseG1GC", "-Djava.awt.headless=true",
                   f"-Dlog4j.configuration=file:{self.instance_dir / 'log4j.properties'}",
                   f"-Dkafka.logs.dir={self.instance_dir}",
                   "-cp", f"{self.libs_dir}/*", "kafka.Kafka", str(self.instance_dir / "server.properties")]
            with open(self.instance_dir / "broker.out", "ab") as out:
                proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                        start_new_session=True)
            self.pid_file.write_text(str(proc.pid))
            log.info("Started Kafka %s (pid %d) on %s; log: %s", KAFKA_VERSION, proc.pid, self.bootstrap,
                     self.log_file)
        self.wait_ready(timeout=timeout)

    def wait_ready(self, *, timeout: float = READY_TIMEOUT) -> None:
        """Block until a metadata request succeeds; fail fast if the process dies."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if is_ready(self.bootstrap):
                return
            if self.pid() is None:
                raise BrokerError(f"the Kafka broker exited during start-up; last log lines:\n{self.log_tail()}")
            time.sleep(0.5)
        raise BrokerError(f"the Kafka broker did not answer on {self.bootstrap} within {timeout:.0f} s; "
                          f"last log lines:\n{self.log_tail()}")

    def stop(self, *, timeout: float = 60.0) -> bool:
        """Stop the broker cleanly (SIGTERM, then SIGKILL after ``timeout``); False if none ran."""
        pid = self.pid()
        if pid is None:
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.pid() is not None:
            _reap(pid)
            time.sleep(0.2)
        if self.pid() is not None:
            log.warning("Kafka broker pid %d did not stop in %.0f s; killing it", pid, timeout)
            os.kill(pid, signal.SIGKILL)
            time.sleep(0.5)
            _reap(pid)
        self.pid_file.unlink(missing_ok=True)
        return True

    def kill(self) -> None:
        """SIGKILL the broker (fault-injection tests)."""
        pid = self.pid()
        if pid is not None:
            os.kill(pid, signal.SIGKILL)
            time.sleep(0.3)
            _reap(pid)

    def status(self) -> dict[str, object]:
        """What runs: pid, whether it answers, where its log is."""
        return {"bootstrap": self.bootstrap, "pid": self.pid(), "ready": is_ready(self.bootstrap),
                "log": str(self.log_file), "home": str(self.instance_dir)}

    def log_tail(self, lines: int = 20) -> str:
        text = ""
        for path in (self.log_file, self.instance_dir / "broker.out"):
            if path.exists():
                text += "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) + "\n"
        return text.strip() or "(no log yet)"


def _reap(pid: int) -> None:
    """Collect a child's exit status so it does not linger as a zombie."""
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def is_ready(bootstrap: str, *, timeout: float = 5.0) -> bool:
    """True when a broker on ``bootstrap`` answers a metadata request."""
    host, _, port = bootstrap.rpartition(":")
    try:
        with socket.create_connection((host, int(port)), timeout=1.0):
            pass
    except OSError:
        return False
    return asyncio.run(describe_cluster(bootstrap, timeout))


async def describe_cluster(bootstrap: str, timeout: float, **client_options: Any) -> bool:
    """True when a broker at ``bootstrap`` answers a cluster-metadata request within ``timeout`` seconds
    (``client_options``: security settings for the admin client)."""
    from aiokafka.admin import AIOKafkaAdminClient

    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=int(timeout * 1000),
                                **client_options)
    try:
        await asyncio.wait_for(admin.start(), timeout)
        cluster = await asyncio.wait_for(admin.describe_cluster(), timeout)
        return bool(cluster.get("brokers"))
    except Exception:  # any failure means "not ready yet"
        return False
    finally:
        with contextlib.suppress(Exception):
            await admin.close()
