"""Start-up steps that keep per-article latency steady once the worker consumes.

1. :func:`warm_up_stages` runs the pure stages once on a small invented article, as text and as
   HTML, before the agents start: the first article otherwise paid the stages' lazy loads
   (about 0.2 s for text and 0.25 s more for the first HTML page, measured in a fresh process).
2. :func:`freeze_heap` moves every object alive after start-up out of the garbage collector's
   reach (:func:`gc.freeze`). Full collections traversed the whole start-up heap (modules, word
   lists, Faust and aiokafka objects): in bench/stream.py-style runs at 40 articles/s five of them
   paused the worker 90-114 ms each, both hops' p99; after the freeze a full collection sees only
   what was allocated since.
"""

from __future__ import annotations

import gc
import logging
import time

import orjson

from newsstream.decode import decode_raw
from newsstream.pipeline import clean, enrich

log = logging.getLogger(__name__)

# An invented article with the shapes the stages handle: a caption label, a byline, a quotation
# with a named speaker and a share line.
_LINES = (
    "Image caption A ferry leaving the harbour at dawn",
    "By a staff reporter",
    "The island council voted on Tuesday to rebuild the old pier before the summer season.",
    '"We have waited long enough for this," said Mara Olsen, the harbour master.',
    "Work is expected to start next month and to last about a year.",
    "Share this article",
)
WARM_UP_MESSAGES = (
    orjson.dumps({"id": "warm-up-text", "text": "\n".join(_LINES)}),
    orjson.dumps({"id": "warm-up-html", "html": "<html><body><article>"
                  + "".join(f"<p>{line}</p>" for line in _LINES) + "</article></body></html>"}),
)


def warm_up_stages(max_bytes: int) -> None:
    """Run decode, clean and quote extraction on :data:`WARM_UP_MESSAGES`; a failure is logged, not raised
    (the worker then pays the lazy loads on its first article, as before)."""
    started = time.perf_counter()
    for value in WARM_UP_MESSAGES:
        try:
            enrich(clean(decode_raw(value, max_bytes=max_bytes)))
        except Exception:
            log.warning("Warm-up of the stages failed; carrying on without it", exc_info=True)
    log.info("Stages warmed up in %.0f ms", (time.perf_counter() - started) * 1000)


def freeze_heap() -> None:
    """Collect once, then exclude every surviving object from later collections."""
    gc.collect()
    gc.freeze()
    log.info("Start-up heap frozen: %d objects out of the garbage collector's reach", gc.get_freeze_count())
