"""Coverage-guided fuzzing (atheris/libFuzzer) of the raw-message decoder and both stages.

One input drives one of four paths (its first byte picks it):

0. the worker's path: ``decode_raw(bytes)`` -> ``clean`` -> ``enrich`` with the default limits;
1. ``quotes_only(text)``: quote extraction on the text exactly as given;
2. ``clean(RawArticle(text=...))`` -> ``enrich``;
3. ``clean(RawArticle(html=...))`` -> ``enrich``.

A crash is any exception other than the stage's typed ``InputError``, a broken invariant
(quote, speaker-mention and cue offsets must slice the text exactly; outputs must validate
against their schemas), or one input running longer than ``--input-timeout`` seconds.
Crashing inputs are written to ``--artifacts``; turn each into a regression test in
``tests/properties/test_fuzz_regressions.py``.

Usage: .venv/bin/python bench/fuzz.py [--seconds 300] [--artifacts /tmp/newsstream-fuzz]
Needs ``atheris`` (``.venv/bin/pip install atheris``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import atheris  # noqa: E402
import orjson  # noqa: E402

with atheris.instrument_imports(include=["newsstream"]):
    from newsstream.config import Settings
    from newsstream.decode import decode_raw
    from newsstream.errors import InputError
    from newsstream.pipeline import Limits, clean, enrich, quote_messages, quotes_only
    from newsstream.records import RawArticle
    from newsstream.schemas import validate

SETTINGS = Settings()
LIMITS = Limits(max_paragraphs=SETTINGS.max_paragraphs, max_quotes=SETTINGS.max_quotes)
SEEDS = [
    b'\x00{"id": "a1", "text": "\\u201cWe will act,\\u201d said Ana Ruiz, the minister.\\n\\nShe left."}',
    "\x01“Not far,” said Staffan de Mistura. He added: «no agreements» were made.".encode(),
    "\x02Image copyright Reuters\nThe mayor said 'it is over' — and left.\n\n„Ja“, sagte er.".encode(),
    b"\x03<html><body><p>\xe2\x80\x9cYes,\xe2\x80\x9d she said.</p><p>Media caption</p></body></html>",
    b'\x00["not", "an", "object"]',
    b"\x00caf\xe9",
]


def check_quotes(text: str, quotes) -> None:
    for q in quotes:
        assert 0 <= q.start < q.end <= len(text) and text[q.start:q.end] == q.text, ("quote", q)
        if q.speaker is not None and q.speaker.start is not None:
            assert text[q.speaker.start:q.speaker.end] == q.speaker.mention, ("speaker", q)
        if q.cue is not None:
            assert text[q.cue.start:q.cue.end] == q.cue.text, ("cue", q)


def check_enriched(enriched) -> None:
    check_quotes(enriched.article.text, enriched.quotes)
    validate("articles.enriched", orjson.loads(orjson.dumps(enriched.to_dict())))
    for _key, message in quote_messages(enriched):
        validate("quotes", orjson.loads(orjson.dumps(message)))


def one_input(data: bytes) -> None:
    if not data:
        return
    mode, body = data[0] % 4, data[1:]
    try:
        if mode == 0:
            raw = decode_raw(body, max_bytes=SETTINGS.max_message_bytes)
            check_enriched(enrich(clean(raw, limits=LIMITS), limits=LIMITS))
            return
        text = body.decode("utf-8", "replace")
        if mode == 1:
            check_enriched(quotes_only("fuzz", text))
        elif mode == 2:
            check_enriched(enrich(clean(RawArticle(id="fuzz", text=text), limits=LIMITS), limits=LIMITS))
        else:
            check_enriched(enrich(clean(RawArticle(id="fuzz", html=text), limits=LIMITS), limits=LIMITS))
    except InputError:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=300, help="total fuzzing time (default 300)")
    parser.add_argument("--artifacts", default=str(Path(tempfile.gettempdir()) / "newsstream-fuzz"),
                        help="folder for crashing inputs and the corpus")
    parser.add_argument("--input-timeout", type=int, default=10, help="seconds one input may take")
    parser.add_argument("--max-len", type=int, default=20000, help="longest input tried (bytes)")
    args, extra = parser.parse_known_args()
    out = Path(args.artifacts)
    corpus = out / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for n, seed in enumerate(SEEDS):
        (corpus / f"seed-{n}").write_bytes(seed)
    for n, path in enumerate(sorted((REPO / "samples").glob("*"))):
        data = path.read_bytes()[: args.max_len]
        (corpus / f"sample-{n}").write_bytes((b"\x03" if path.suffix == ".html" else b"\x02") + data)
    libfuzzer = [sys.argv[0], str(corpus), f"-max_total_time={args.seconds}", f"-timeout={args.input_timeout}",
                 f"-artifact_prefix={out}/", f"-max_len={args.max_len}", "-rss_limit_mb=3072",
                 "-print_final_stats=1", *extra]
    atheris.Setup(libfuzzer, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
