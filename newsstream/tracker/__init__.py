"""The live quote tracker's pure core: one identity per quotation across articles.

- :mod:`.normalise`: text and speaker normalisation (case, punctuation, quote marks, Unicode);
- :mod:`.identity`: :class:`~.identity.QuotationIndex`, exact, excerpt, then near-duplicate
  matching (an exact index of word shingles per speaker, with containment for excerpts),
  speaker-aware and bounded;
- :mod:`.aggregate`: the records the tracker keeps per quotation and per speaker window;
- :mod:`.sightings`: enriched article -> sightings, batched per partition of the through topic;
- :mod:`.tracking`: :class:`~.tracking.Tracker`, a batch of sightings -> the records and
  windows it changes (what the worker writes once per message).

Imports nothing from Faust, Kafka or ``agents/``; the worker side is ``agents/tracker.py``.
"""
