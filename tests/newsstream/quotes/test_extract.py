"""Quote extraction and speaker attribution on real-style news sentences."""

from __future__ import annotations

import pytest

from newsstream.errors import QuoteExtractionError
from newsstream.quotes import extract_quotes
from newsstream.records import Quote


def check_offsets(text: str, quotes: list[Quote]) -> None:
    for q in quotes:
        assert text[q.start : q.end] == q.text
        if q.speaker is not None and q.speaker.start is not None:
            assert text[q.speaker.start : q.speaker.end] == q.speaker.mention
        if q.cue is not None:
            assert text[q.cue.start : q.cue.end] == q.cue.text


def run(text: str) -> list[Quote]:
    quotes = extract_quotes(text)
    check_offsets(text, quotes)
    return quotes


def only(text: str) -> Quote:
    quotes = run(text)
    assert len(quotes) == 1, quotes
    return quotes[0]


# text, quoted words, speaker name, speaker mention, cue, type
CONSTRUCTIONS = [
    (
        "“We will win this state,” Clinton said on Thursday.",
        "We will win this state,",
        "Clinton",
        "Clinton",
        "said",
        "direct",
    ),
    (
        "“We will win this state,” said Sen. Bernie Sanders of Vermont.",
        "We will win this state,",
        "Bernie Sanders",
        "Bernie Sanders",
        "said",
        "direct",
    ),
    ("Clinton said: “We will win this state.”", "We will win this state.", "Clinton", "Clinton", "said", "direct"),
    (
        "Clinton said that the new plan was “going to be tremendous” for workers.",
        "going to be tremendous",
        "Clinton",
        "Clinton",
        "said",
        "partial",
    ),
    (
        "According to Mark Toner, “the talks are over.”",
        "the talks are over.",
        "Mark Toner",
        "Mark Toner",
        "According to",
        "direct",
    ),
    (
        "“The talks are over,” Mark Toner, the State Department spokesman, said.",
        "The talks are over,",
        "Mark Toner",
        "Mark Toner",
        "said",
        "direct",
    ),
    (
        "Sanders, who spoke in Des Moines on Monday, said “the system is rigged.”",
        "the system is rigged.",
        "Sanders",
        "Sanders",
        "said",
        "direct",
    ),
    (
        "“The system is rigged,” the White House said in a statement.",
        "The system is rigged,",
        "the White House",
        "the White House",
        "said in a statement",
        "direct",
    ),
    (
        "“We are not far from a deal,” a senior official told reporters.",
        "We are not far from a deal,",
        "a senior official",
        "a senior official",
        "told reporters",
        "direct",
    ),
    (
        "“We are not far from a deal,” Ursula von der Leyen said.",
        "We are not far from a deal,",
        "Ursula von der Leyen",
        "Ursula von der Leyen",
        "said",
        "direct",
    ),
    (
        "Saudi Crown Prince Mohammed bin Salman said the kingdom was “ready to act.”",
        "ready to act.",
        "Mohammed bin Salman",
        "Mohammed bin Salman",
        "said",
        "partial",
    ),
    (
        "“There is no deal,” warned Frans van Houten, the chief executive.",
        "There is no deal,",
        "Frans van Houten",
        "Frans van Houten",
        "warned",
        "direct",
    ),
    ("Trump tweeted that the debate was “rigged.”", "rigged.", "Trump", "Trump", "tweeted", "partial"),
    ("Obama added, “We have work to do.”", "We have work to do.", "Obama", "Obama", "added", "direct"),
    ("“Is this the end?” asked Marco Rubio.", "Is this the end?", "Marco Rubio", "Marco Rubio", "asked", "direct"),
]


@pytest.mark.parametrize(
    ("text", "words", "name", "mention", "cue", "qtype"), CONSTRUCTIONS, ids=[c[0][:40] for c in CONSTRUCTIONS]
)
def test_constructions(text: str, words: str, name: str, mention: str, cue: str, qtype: str) -> None:
    q = only(text)
    assert q.text == words
    assert q.speaker is not None
    # a description with no named person keeps its mention and gets no name (coref.py)
    assert (q.speaker.name or q.speaker.mention, q.speaker.mention) == (name, mention)
    assert q.cue is not None and q.cue.text == cue
    assert q.type == qtype


MORE_CONSTRUCTIONS = [
    ("“Chairman Gowdy tied these false allegations to him,” the suit reads.", "the suit", "reads"),
    ("“You work hard. You pay your taxes,” a narrator in the Clinton ad asks.", "a narrator", "asks"),
    ("Calling Trump “an orange buffoon,” Susan said as she turned around.", "Susan", "said"),
    ("“We will win,” Sen. Marco Rubio (R-Fla.) said Saturday night.", "Marco Rubio", "said"),
    ("“Donald is an amazing leader,” said the 46-year-old.", "the 46-year-old", "said"),
    ("“This is fantastic!” beamed Donald Hartley of Madison, Alabama.", "Donald Hartley", "beamed"),
    ("“There has been a constant drip,” the judge said, according to the Post.", "the Post", "according to"),
    (
        "DECATUR, Ill. — Sen. Ted Cruz weighed in on Monday, calling the behavior a “fireable offense.”",
        "Ted Cruz",
        "calling",
    ),
    (
        "Republicans were quick to react, with Donald Trump tweeting that it was a “disaster” for Clinton.",
        "Donald Trump",
        "tweeting",
    ),
    (
        "According to his longtime personal physician, the businessman had “excellent” results.",
        "his longtime personal physician",
        "According to",
    ),
    ("“They’re all here because he’s promising free things,” Bennett shot back with a laugh.", "Bennett", "shot back"),
]


@pytest.mark.parametrize(("text", "name", "cue"), MORE_CONSTRUCTIONS, ids=[c[0][:40] for c in MORE_CONSTRUCTIONS])
def test_more_constructions(text: str, name: str, cue: str) -> None:
    q = only(text)
    assert q.speaker is not None and (q.speaker.name or q.speaker.mention) == name  # unnamed: the mention
    assert q.cue is not None and q.cue.text == cue


def test_relative_clause_speaker_is_who_with_its_antecedent() -> None:
    q = only("Beck, who has in the past described Trump as “a narcissistic psychopath,” spoke on Monday.")
    assert (q.speaker.mention, q.speaker.name) == ("who", "Beck")


def test_inverted_cue_later_in_the_clause() -> None:
    text = "Clinton “drew quite well from white Democrats” in the 2008 primary, said professor Paul Beck."
    assert only(text).speaker.name == "Paul Beck"


def test_poll_results_belong_to_the_poll() -> None:
    q = only("In a national CNN/ORC poll released Monday, 31% of voters said they were “extremely enthusiastic.”")
    assert q.speaker.name == "a national CNN/ORC poll"


def test_possessive_speech_noun() -> None:
    q = only("Politifact checked Donald Trump’s claim that there have been “thousands of shootings” in Chicago.")
    assert q.speaker.mention == "Donald Trump’s"
    assert q.cue.text == "claim"


def test_colon_at_paragraph_end_introduces_the_quotation() -> None:
    text = "In a 1963 speech, George Wallace declared:\n\n“Segregation now, segregation tomorrow.”"
    q = only(text)
    assert q.speaker.name == "George Wallace"
    assert q.cue.text == "declared"


def test_signature_paragraph_after_quotation() -> None:
    text = "“Americans are worried about the future of their kids.”\n\n- Bernie Sanders.\n\nThe senator spoke."
    assert only(text).speaker.name == "Bernie Sanders"


def test_outer_report_wins_over_inner_thought() -> None:
    q = only("Cruz said he is certain Rubio will continue to be “a champion for opportunity.”")
    assert q.speaker.name == "Cruz"


def test_pronoun_takes_the_sentence_subject() -> None:
    text = "“We lost,” Bernie Sanders said.\n\nHillary Clinton says she appreciated what she calls a “war of words.”"
    quotes = run(text)
    assert quotes[1].speaker.mention == "she"
    assert quotes[1].speaker.name == "Hillary Clinton"


def test_role_from_apposition() -> None:
    q = only("“We will not sign,” Osama Abu Zaid, an opposition negotiator, told reporters.")
    assert q.speaker.name == "Osama Abu Zaid"
    assert q.speaker.role == "opposition negotiator"


def test_role_before_name() -> None:
    q = only("UN special envoy Staffan de Mistura said both sides were “not far” from a deal.")
    assert (q.speaker.name, q.speaker.role) == ("Staffan de Mistura", "UN special envoy")


def test_pronoun_resolves_to_recent_speaker_and_told_reporters() -> None:
    text = (
        "Hillary Clinton spoke in Iowa on Monday.\n\n“We will win,” Clinton said.\n\n"
        "“We will keep going,” she told reporters."
    )
    quotes = run(text)
    assert [q.speaker.name for q in quotes] == ["Hillary Clinton", "Hillary Clinton"]
    assert quotes[1].speaker.mention == "she"
    assert quotes[1].cue.text == "told reporters"


def test_pronoun_skips_incompatible_gender() -> None:
    text = "“We will win,” Mrs. Clinton said.\n\n“No, we will,” Mr. Sanders said.\n\n“It is close,” she added."
    quotes = run(text)
    assert quotes[2].speaker.name == "Clinton"


def test_second_quote_of_sentence_pair_keeps_speaker() -> None:
    text = "“We will win,” Trump said. “We will win so much.”"
    quotes = run(text)
    assert [q.text for q in quotes] == ["We will win,", "We will win so much."]
    assert [q.speaker.name for q in quotes] == ["Trump", "Trump"]
    assert quotes[1].cue is None


def test_quote_only_paragraph_keeps_previous_speaker_unless_another_intervenes() -> None:
    text = (
        "“We will win,” Donald Trump said.\n\n“And we will win big.”\n\n"
        "“That is nonsense,” Jeb Bush said.\n\n“Total nonsense.”"
    )
    quotes = run(text)
    assert [q.speaker.name for q in quotes] == ["Donald Trump", "Donald Trump", "Jeb Bush", "Jeb Bush"]


def test_quote_only_paragraph_inherits_across_a_short_beat() -> None:
    text = "“How are you today?” Miller said into the phone.\n\nShe pauses.\n\n“Well, thank you so much.”"
    quotes = run(text)
    assert [q.speaker.name for q in quotes] == ["Miller", "Miller"]


def test_multi_paragraph_quotation() -> None:
    text = (
        "“We have a plan for the economy,” Smith said. “It starts with taxes.\n\n"
        "“Then we fix the roads.\n\n“And then the schools.”\n\nThe crowd cheered."
    )
    quotes = run(text)
    assert [q.text for q in quotes] == [
        "We have a plan for the economy,",
        "It starts with taxes.",
        "Then we fix the roads.",
        "And then the schools.",
    ]
    assert {q.speaker.name for q in quotes} == {"Smith"}
    assert [q.paragraph for q in quotes] == [0, 0, 1, 2]


def test_surname_and_title_resolve_to_full_name() -> None:
    text = (
        "But rebel spokesman Yahya al-Aridi said “no agreements” would be signed.\n\n"
        "Mr Aridi added that it was hoped the meeting would “contribute” to the talks."
    )
    quotes = run(text)
    assert [q.speaker.name for q in quotes] == ["Yahya al-Aridi", "Yahya al-Aridi"]
    assert quotes[1].speaker.mention == "Aridi"
    assert quotes[1].speaker.role == "rebel spokesman"


def test_description_resolves_to_person_introduced_with_that_role() -> None:
    text = (
        "“We are reviewing it,” Josh Earnest, the White House spokesman, said.\n\n"
        "Asked again, “We have nothing to add,” the spokesman said."
    )
    quotes = run(text)
    assert quotes[1].speaker.name == "Josh Earnest"
    assert quotes[1].speaker.mention == "the spokesman"


def test_organisation_is_resolved_by_it() -> None:
    text = (
        "An initial draft communique was seen by journalists.\n\n"
        "The monitors would “observe and ensure full compliance”, the agency quoted it as saying."
    )
    q = only(text)
    assert q.speaker.mention == "it"
    assert "communique" in q.speaker.name


NEGATIVES = [
    "The so-called “Islamic State” group claimed the attack.",
    "He appeared on NBC’s “Meet the Press” on Sunday.",
    "Dwayne “The Rock” Johnson attended the rally.",
    "Mexican newspapers have studied his book, “Crippled America,” for clues.",
    '<tweet id="672157632032022528" author="GovernorPataki">Praying for the victims</tweet>',
    "Follow the link at “http://example.com/story” for more.",
    "The bill was labelled “HR 4521” in committee.",
    "The column ran under the headline “EVENTUALLY VOTERS MAKE GOOD DECISIONS” last week.",
    '—"Matthew Morrison is leaving the show," by Times\' Michael Paulson.',
    "Why vote for him, unless simply because “she” is a “he”?",
    "The posters read on: “Yes to minaret ban” (2009) — “Free pass for all? No.” (2007).",
    "The director makes this clear in her new documentary “13th.” The film debuts Friday.",
    "Marine John “Tig” Tiegen found both issues troubling.",
]


@pytest.mark.parametrize("text", NEGATIVES, ids=[t[:30] for t in NEGATIVES])
def test_not_quotations(text: str) -> None:
    assert run(text) == []


def test_scare_quote_has_no_invented_cue() -> None:
    for q in run("The “trilateral mechanism” would meet on Monday."):
        assert q.cue is None


@pytest.mark.parametrize(
    "text",
    [
        "We’re in Kazakhstan’s capital since the ’90s.",
        "We're in Kazakhstan's capital since the '90s.",
    ],
)
def test_apostrophes_yield_nothing(text: str) -> None:
    assert run(text) == []


def test_single_quotes_as_main_marks() -> None:
    q = only("‘We’re ready for Kazakhstan’s vote,’ the minister said.")
    assert q.text == "We’re ready for Kazakhstan’s vote,"
    assert q.speaker.mention == "the minister"


@pytest.mark.parametrize(
    "text",
    [
        'He said "we will win" on Monday.',
        "He said “we will win” on Monday.",
        "He said « we will win » on Monday.",
        "He said „we will win“ on Monday.",
        "He said ‘we will win’ on Monday.",
    ],
)
def test_quote_styles_attributed(text: str) -> None:
    q = only(text)
    assert q.text == "we will win"
    assert q.speaker.mention == "He"


@pytest.mark.parametrize("bad", [None, 42, b"bytes"])
def test_non_string_is_refused(bad: object) -> None:
    with pytest.raises(QuoteExtractionError):
        extract_quotes(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["", "\n\n", "No quotes here.", "“", "”", '"' * 5, "“ ”"])
def test_degenerate_inputs(text: str) -> None:
    run(text)


def test_quote_records_serialise() -> None:
    q = only("“We will win,” Clinton said.")
    d = q.to_dict()
    assert Quote.from_dict(d) == q
    assert d["speaker"]["name"] == "Clinton" and d["cue"]["text"] == "said"
    assert 0.0 <= q.confidence <= 1.0
