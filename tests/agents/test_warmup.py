"""agents/warmup.py: the start-up warm-up exercises both stages, and the heap freeze takes effect."""

from __future__ import annotations

import gc

from agents import warmup
from newsstream.decode import decode_raw
from newsstream.pipeline import clean, enrich


def test_warm_up_articles_go_through_cleaning_and_quote_extraction():
    for value in warmup.WARM_UP_MESSAGES:
        enriched = enrich(clean(decode_raw(value, max_bytes=1 << 20)))
        assert [q.speaker.name for q in enriched.quotes if q.speaker] == ["Mara Olsen"]
        assert "Share this article" not in enriched.article.text
    warmup.warm_up_stages(max_bytes=1 << 20)  # logs and carries on if a stage raised: must not raise


def test_freeze_heap_takes_the_live_objects_out_of_collections():
    try:
        warmup.freeze_heap()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
