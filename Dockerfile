# newsstream worker image: `docker compose up` builds it (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# An unprivileged user owns the code folder, so Faust can keep its state (NEWSSTREAM_DATA_DIR) there.
RUN useradd --create-home --uid 10001 --user-group newsstream

WORKDIR /app
COPY --chown=newsstream:newsstream . /app

# Editable, like a development checkout: newsstream finds schemas/ and samples/ next to the package.
RUN pip install -e .

USER newsstream

CMD ["newsstream", "worker"]
