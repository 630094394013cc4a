"""Probe a worker's health endpoint: ``python -m agents.healthcheck [/health|/ready]``.

Exit 0 when ``http://127.0.0.1:$NEWSSTREAM_WEB_PORT<path>`` answers 200, 1 otherwise (the
Dockerfile's HEALTHCHECK and docker-compose's worker check use it; the image has no curl).
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request

DEFAULT_PORT = "6066"  # the Dockerfile's NEWSSTREAM_WEB_PORT
TIMEOUT = 4.0  # seconds; under the Docker/compose probe timeout of 5 s


def probe(path: str = "/health", port: str | None = None) -> int:
    port = port or os.environ.get("NEWSSTREAM_WEB_PORT") or DEFAULT_PORT
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{int(port)}{path}", timeout=TIMEOUT) as response:
            ok = response.status == 200
    except (urllib.error.URLError, OSError, ValueError) as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        return 1
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    return probe(args[0] if args else "/health")


if __name__ == "__main__":
    sys.exit(main())
