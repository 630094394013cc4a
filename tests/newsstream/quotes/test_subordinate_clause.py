"""left.subordinate_clause: a quotation closing an opening subordinate clause is that clause's speaker's."""

from __future__ import annotations

import pytest

from newsstream.quotes import extract_quotes


def _first(text: str) -> tuple[str | None, str | None]:
    q = extract_quotes(text)[0]
    return (q.speaker.mention if q.speaker else None), q.rule


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("After Ilse Marrow said the ferry was “far too slow,” Tobin Reyes said he would buy a boat.", "Ilse Marrow"),
        ("But even as Reyes insisted on Monday that “the boat is fine,” one of the pilots said it leaked.", "Reyes"),
        ("When a deckhand shouted, “Sell it,” the captain joked that he might.", "a deckhand"),
    ],
)
def test_the_subordinate_clause_speaks(text: str, speaker: str) -> None:
    assert _first(text) == (speaker, "left.subordinate_clause")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the main clause began before the mark: its cue, or the one after the mark, decides
        ("After the vote, Ilse Marrow said the ferry was “far too slow,” Tobin Reyes said.", "Tobin Reyes"),
        ("When Reyes spoke at the pier, the pilot called it “a wreck,” Marrow said.", "Marrow"),
        # no subordinator: the words after the mark name the speaker as before
        ("The ferry was “far too slow,” Tobin Reyes said.", "Tobin Reyes"),
    ],
)
def test_main_clause_or_right_speaker_kept(text: str, speaker: str) -> None:
    mention, rule = _first(text)
    assert rule != "left.subordinate_clause" and mention == speaker, (mention, rule)
