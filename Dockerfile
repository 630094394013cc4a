# newsstream worker image: `docker compose up` builds it (see docker-compose.yml).
# Two stages: `build` installs newsstream (not editable) with its dependencies into /opt/venv; the runtime
# stage copies only that venv and the sample articles, and runs as an unprivileged user.

FROM python:3.11-slim AS build

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /src
# The exact, hash-checked versions of requirements.lock first (a layer that survives code changes).
COPY requirements.lock ./
RUN python -m venv /opt/venv && /opt/venv/bin/pip install --require-hashes -r requirements.lock
COPY pyproject.toml README.md ./
COPY newsstream ./newsstream
COPY agents ./agents
# The project itself, not editable and without dependencies (they come from the lock), then a drift check.
RUN /opt/venv/bin/pip install --no-deps . && /opt/venv/bin/pip check


FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    NEWSSTREAM_WEB_PORT=6066 \
    NEWSSTREAM_DATA_DIR=/app/data

# An unprivileged user owns the working folder, where Faust keeps its state (NEWSSTREAM_DATA_DIR).
RUN useradd --create-home --uid 10001 --user-group newsstream \
    && mkdir -p /app/data && chown -R newsstream:newsstream /app

COPY --from=build /opt/venv /opt/venv
WORKDIR /app
# The loader service sends these (`newsstream produce samples/`).
COPY --chown=newsstream:newsstream samples ./samples

USER newsstream
EXPOSE 6066

# /health answers 200 while the worker process is alive (agents/health.py); /ready is the compose check.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-m", "agents.healthcheck", "/health"]

CMD ["newsstream", "worker"]
