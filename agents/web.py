"""The worker's web endpoints on ``NEWSSTREAM_WEB_PORT`` (Faust's web server, off when the port is 0):

- ``/health``: 200 while the process is alive;
- ``/ready``: 200 once the worker holds partitions and the broker answers, 503 (with the reasons) before;
- ``/metrics``: the ``newsstream_*`` series in Prometheus text format (:mod:`agents.metrics`).

Imported by the app's autodiscovery (``agents/app.py``) when the worker starts.
"""

from __future__ import annotations

from typing import Any

from agents import metrics
from agents.app import app, settings
from agents.health import BrokerProbe, readiness

_probe = BrokerProbe(settings)


def _lags() -> dict[Any, int]:
    # Imported here, not at the top: Faust's discovery imports its modules from a set (in hash order),
    # and under exactly_once agents.transactions must come in through agents.pipeline, whose import
    # registers the loop. Imported by this module first, it re-entered agents.pipeline half-initialised
    # and the worker died at start ("partially initialized module 'agents.transactions'").
    from agents import transactions

    return {**metrics.partition_lags(app.consumer), **transactions.partition_lags()}


metrics.REGISTRY.register(metrics.ConsumerLag(_lags))


@app.page("/health")
async def health(web: Any, request: Any) -> Any:
    """200 while the worker process is alive."""
    return web.json({"alive": True})


@app.page("/ready")
async def ready(web: Any, request: Any) -> Any:
    """200 once the worker holds partitions and the broker answers, else 503 with the reasons."""
    state = await readiness(app, _probe)
    return web.json(state.to_dict(), status=200 if state.ready else 503)


@app.page("/metrics")
async def prometheus_metrics(web: Any, request: Any) -> Any:
    """The newsstream_* series in Prometheus text format."""
    body, content_type = metrics.exposition()
    return web.bytes(body, headers={"Content-Type": content_type})
