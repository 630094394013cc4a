# newsstream worker image: `docker compose up` builds it (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# An unprivileged user owns the code folder, so Faust can keep its state (NEWSSTREAM_DATA_DIR) there.
RUN useradd --create-home --uid 10001 --user-group newsstream

WORKDIR /app
# The exact, hash-checked versions of requirements.lock first (a layer that survives code changes).
COPY requirements.lock /app/requirements.lock
RUN pip install --require-hashes -r requirements.lock
COPY --chown=newsstream:newsstream . /app

# Editable, like a development checkout: newsstream finds schemas/ and samples/ next to the package.
RUN pip install --no-deps -e . && pip check

USER newsstream

CMD ["newsstream", "worker"]
