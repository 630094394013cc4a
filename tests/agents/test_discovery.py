"""The worker runs the agents its settings ask for: Faust's discovery imports no more than that."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

# Imports the app in a fresh interpreter (settings are read at import), runs Faust's discovery as the
# worker does, and prints the agents it registered and whether the tracker module was imported.
PROBE = """
import json, sys
from agents.app import app
app.discover()
print(json.dumps({"agents": sorted(app.agents), "tracker_imported": "agents.tracker" in sys.modules}))
"""


def discovered(tracker: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSSTREAM_")}
    env.update(NEWSSTREAM_TRACKER=tracker, PYTHONPATH=str(REPO))
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=REPO, env=env, capture_output=True, text=True,
                         check=True, timeout=120)
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("tracker", ["off", "on"])
def test_tracker_agents_run_only_when_the_tracker_is_on(tracker):
    found = discovered(tracker)
    on = tracker == "on"
    assert found["tracker_imported"] is on
    assert any("tracker" in name for name in found["agents"]) is on
    assert {"agents.pipeline.clean_stage", "agents.pipeline.quote_stage"} <= set(found["agents"])


# Faust's discovery imports its modules from a set, so in an order that PYTHONHASHSEED decides.
ORDER_PROBE = """
import importlib, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
print("imported")
"""


@pytest.mark.parametrize("first", ["agents.web", "agents.tracker_web", "agents.pipeline"])
def test_exactly_once_web_worker_imports_in_any_discovery_order(first):
    """A worker with a web port under exactly_once died at start when discovery imported agents.web
    before agents.pipeline (agents.transactions re-entered agents.pipeline half-initialised)."""
    modules = ["agents.web", "agents.tracker", "agents.tracker_web", "agents.pipeline"]
    order = [first, *[m for m in modules if m != first]]
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSSTREAM_")}
    env.update(NEWSSTREAM_PROCESSING_GUARANTEE="exactly_once", NEWSSTREAM_WEB_PORT="6099", NEWSSTREAM_TRACKER="on",
               PYTHONPATH=str(REPO))
    out = subprocess.run([sys.executable, "-c", ORDER_PROBE, *order], cwd=REPO, env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip().endswith("imported"), out.stderr[-2000:]
