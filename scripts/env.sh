# Sourced by the scripts: finds Python 3.11+, creates .venv and installs newsstream with its test extras.
# Re-installs only when pyproject.toml changed since the last install.
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
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    echo "== installing newsstream and its test extras into $VENV"
    "$PY" -m pip install -q --upgrade pip
    "$PY" -m pip install -q -e '.[test]'
    touch "$stamp"
fi
