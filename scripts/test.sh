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
NEWSSTREAM_TEST_KAFKA="127.0.0.1:$port" "$VENV/bin/pytest" "$@"
