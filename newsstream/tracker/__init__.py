"""The live quote tracker's pure core: one identity per quotation across articles.

- :mod:`.normalise`: text and speaker normalisation (case, punctuation, quote marks, Unicode);
- :mod:`.identity`: :class:`~.identity.QuotationIndex`, exact then near-duplicate matching
  (MinHash LSH over word shingles, with containment for excerpts), speaker-aware and bounded;
- :mod:`.aggregate`: the records the tracker keeps per quotation and per speaker window.

Imports nothing from Faust, Kafka or ``agents/``; the worker side is ``agents/tracker.py``.
"""
