#!/usr/bin/env bash
# Checks the tree for evaluation wording, sets up the environment, starts the project's Kafka broker and
# runs lint + the whole test suite.
# Usage: scripts/test.sh [pytest args...]      (the README's `make test` runs it)
set -euo pipefail
cd "$(dirname "$0")/.."

# Evaluation wording must never reach the tree: fail on any 7-word run shared with ../shared/eval
# (generic English runs may be listed, each with a reason, in .leakcheck-allow).
leakcheck=../shared/tools/leakcheck.py
if [ -f "$leakcheck" ]; then
    echo "== leakcheck (evaluation wording in the tree)"
    python3 "$leakcheck" --tree . --allow .leakcheck-allow
else
    echo "== leakcheck skipped: $leakcheck not found (only the project's shared workspace has the evaluation sets)"
fi

source scripts/env.sh

# The tracker's browser test (tests/integration/test_tracker.py) drives a headless Chromium; install
# Debian's chromium + chromium-driver when missing and apt-get is usable (CI runs as root on a fresh
# machine). Otherwise the test is skipped and says why.
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
        echo "== installing chromium + chromium-driver for the tracker's browser test (apt-get)"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver) \
            || echo "== could not install chromium: the browser test will be skipped"
    else
        echo "== chromium not found and apt-get not usable as root: the tracker's browser test will be skipped" \
             "(install chromium and chromium-driver to run it)"
    fi
fi

port=$("$PY" -c 'from agents.broker import free_port; print(free_port())')
ctl=$("$PY" -c 'from agents.broker import free_port; print(free_port())')
state=$(mktemp -d "${TMPDIR:-/tmp}/newsstream-test-kafka.XXXXXX")
stop_broker() {
    "$PY" - "$port" "$ctl" "$state" <<'PYEOF' || true
import sys
from agents.broker import LocalBroker
LocalBroker(port=int(sys.argv[1]), controller_port=int(sys.argv[2]), state_dir=sys.argv[3]).stop()
PYEOF
    rm -rf "$state"
}
trap stop_broker EXIT
echo "== starting Apache Kafka on 127.0.0.1:$port"
"$VENV/bin/newsstream" broker start --port "$port" --controller-port "$ctl" --state-dir "$state"

echo "== ruff"
"$VENV/bin/ruff" check .
echo "== pytest"
# A skipped test fails the run unless it is marked @pytest.mark.needs("what"), for something the
# machine truly lacks (tests/conftest.py prints each such skip with its reason).
NEWSSTREAM_FAIL_ON_SKIP=1 NEWSSTREAM_TEST_KAFKA="127.0.0.1:$port" "$VENV/bin/pytest" "$@"
