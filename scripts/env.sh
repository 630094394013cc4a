# Sourced by the scripts: finds Python 3.11+, creates .venv and installs the exact versions of
# requirements.lock (hash-checked), then newsstream itself without dependencies, then checks that the
# lock still satisfies pyproject.toml (`pip check`). Re-installs only when either file changed.
VENV=${NEWSSTREAM_VENV:-.venv}
pick_python() {
    for candidate in python3.13 python3.12 python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
           "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
            echo "$candidate"; return 0
        fi
    done
    echo "newsstream needs Python 3.11 or newer on PATH" >&2; return 1
}
for tool in java mvn; do
    command -v "$tool" >/dev/null 2>&1 || { echo "newsstream's local Kafka broker needs '$tool' on PATH (Java 17+ and Maven)" >&2; exit 1; }
done
if [ ! -x "$VENV/bin/python" ]; then
    echo "== creating $VENV"
    "$(pick_python)" -m venv "$VENV"
fi
PY="$VENV/bin/python"
stamp="$VENV/.newsstream-installed"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ requirements.lock -nt "$stamp" ]; then
    echo "== installing requirements.lock and newsstream into $VENV"
    "$PY" -m pip install -q --upgrade pip
    "$PY" -m pip install -q --require-hashes -r requirements.lock
    "$PY" -m pip install -q --no-deps -e .
    "$PY" -m pip check || { echo "requirements.lock no longer satisfies pyproject.toml: run 'make lock'" >&2; exit 1; }
    touch "$stamp"
fi
