#!/usr/bin/env bash
# Sets up the environment and runs the embedded demo: local Kafka broker, worker, sample articles.
# Usage: scripts/run.sh [newsstream run options...]      (the README's `make run` runs it)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
exec "$VENV/bin/newsstream" run "$@"
