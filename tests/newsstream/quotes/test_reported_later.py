"""right.according_later also reads ``…, reports the Ledger`` and ``…, the Ledger reported.``"""

from __future__ import annotations

import pytest

from newsstream.quotes import extract_quotes


def _first(text: str) -> tuple[str | None, str | None]:
    q = extract_quotes(text)[0]
    return (q.speaker.mention if q.speaker else None), q.rule


@pytest.mark.parametrize(
    "text",
    [
        "“The ferry is late again,” said Ilse Marrow, a pilot, reports the Harbour Ledger.",
        "“The ferry is late again,” Ilse Marrow said, the Harbour Ledger reported.",
        "“The ferry is late again,” Ilse Marrow said, according to the Harbour Ledger.",
    ],
)
def test_later_reporting_source(text: str) -> None:
    assert _first(text) == ("the Harbour Ledger", "right.according_later")


@pytest.mark.parametrize(
    "text",
    [
        # a new clause whose verb has its own object: no source of this quotation
        "“The ferry is late again,” Ilse Marrow said, and Tobin Reyes reported the delay.",
        "“The ferry is late again,” Ilse Marrow said, the Harbour Ledger reported on Monday in its late edition.",
    ],
)
def test_no_later_source(text: str) -> None:
    assert _first(text) == ("Ilse Marrow", "right.speaker_before_cue")
