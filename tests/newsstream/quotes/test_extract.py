"""Quote extraction and speaker attribution on news-style sentences (invented for these tests)."""

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
        "“We will carry this county,” Marlow said on Tuesday.",
        "We will carry this county,",
        "Marlow",
        "Marlow",
        "said",
        "direct",
    ),
    (
        "“We will carry this county,” said Sen. Edith Calloway of Oregon.",
        "We will carry this county,",
        "Edith Calloway",
        "Edith Calloway",
        "said",
        "direct",
    ),
    ("Marlow said: “We will carry this county.”", "We will carry this county.", "Marlow", "Marlow", "said", "direct"),
    (
        "Marlow said that the new ferry timetable was “going to be a lifesaver” for commuters.",
        "going to be a lifesaver",
        "Marlow",
        "Marlow",
        "said",
        "partial",
    ),
    (
        "According to Gideon Pratt, “the harvest is ruined.”",
        "the harvest is ruined.",
        "Gideon Pratt",
        "Gideon Pratt",
        "According to",
        "direct",
    ),
    (
        "“The harvest is ruined,” Gideon Pratt, the Farm Bureau spokesman, said.",
        "The harvest is ruined,",
        "Gideon Pratt",
        "Gideon Pratt",
        "said",
        "direct",
    ),
    (
        "Calloway, who spoke in Tacoma on Friday, said “the fares are unfair.”",
        "the fares are unfair.",
        "Calloway",
        "Calloway",
        "said",
        "direct",
    ),
    (
        "“The fares are unfair,” the Transport Ministry said in a statement.",
        "The fares are unfair,",
        "the Transport Ministry",
        "the Transport Ministry",
        "said in a statement",
        "direct",
    ),
    (
        "“We are close to a settlement,” a senior official told reporters.",
        "We are close to a settlement,",
        "a senior official",
        "a senior official",
        "told reporters",
        "direct",
    ),
    (
        "“We are close to a settlement,” Liesel von der Brugge said.",
        "We are close to a settlement,",
        "Liesel von der Brugge",
        "Liesel von der Brugge",
        "said",
        "direct",
    ),
    (
        "Zarovian Crown Prince Karim bin Tarek said the kingdom was “ready to help.”",
        "ready to help.",
        "Karim bin Tarek",
        "Karim bin Tarek",
        "said",
        "partial",
    ),
    (
        "“There is no merger,” warned Pieter van Dalen, the chief executive.",
        "There is no merger,",
        "Pieter van Dalen",
        "Pieter van Dalen",
        "warned",
        "direct",
    ),
    ("Marlow tweeted that the recount was “crooked.”", "crooked.", "Marlow", "Marlow", "tweeted", "partial"),
    ("Pratt added, “We have roads to fix.”", "We have roads to fix.", "Pratt", "Pratt", "added", "direct"),
    (
        "“Is this the last ferry?” asked Dora Finch.",
        "Is this the last ferry?",
        "Dora Finch",
        "Dora Finch",
        "asked",
        "direct",
    ),
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
    ("“The landlord ignored every repair request,” the complaint reads.", "the complaint", "reads"),
    ("“You rise early. You mend the fences,” a narrator in the Marlow ad asks.", "a narrator", "asks"),
    ("Calling the mayor “a walking traffic jam,” Greta said as she left the hall.", "Greta", "said"),
    ("“We will prevail,” Sen. Hal Denning (D-Ore.) said Friday evening.", "Hal Denning", "said"),
    ("“Greta is a fine neighbour,” said the 52-year-old.", "the 52-year-old", "said"),
    ("“This is wonderful!” beamed Amos Whitcombe of Dunmore, Nebraska.", "Amos Whitcombe", "beamed"),
    ("“The pipes have leaked for years,” the inspector said, according to the Gazette.", "the Gazette", "according to"),
    (
        "SALINA, Kan. — Sen. Rhoda Pike weighed in on Tuesday, calling the remark a “cheap shot.”",
        "Rhoda Pike",
        "calling",
    ),
    (
        "Growers were quick to respond, with Otto Brandt tweeting that it was a “windfall” for orchards.",
        "Otto Brandt",
        "tweeting",
    ),
    (
        "According to her family lawyer, the heiress kept a “spotless” record.",
        "her family lawyer",
        "According to",
    ),
    (
        "“They only came because she’s handing out free pies,” Dufresne shot back over the noise.",
        "Dufresne",
        "shot back",
    ),
]


@pytest.mark.parametrize(("text", "name", "cue"), MORE_CONSTRUCTIONS, ids=[c[0][:40] for c in MORE_CONSTRUCTIONS])
def test_more_constructions(text: str, name: str, cue: str) -> None:
    q = only(text)
    assert q.speaker is not None and (q.speaker.name or q.speaker.mention) == name  # unnamed: the mention
    assert q.cue is not None and q.cue.text == cue


def test_relative_clause_speaker_is_who_with_its_antecedent() -> None:
    q = only("Quill, who has for years described Dunn as “a one-man circus,” spoke on Monday.")
    assert (q.speaker.mention, q.speaker.name) == ("who", "Quill")


def test_inverted_cue_later_in_the_clause() -> None:
    text = "Marlow “did very well among orchard workers” in the 2010 race, said professor Ines Okafor."
    assert only(text).speaker.name == "Ines Okafor"


def test_poll_results_belong_to_the_poll() -> None:
    q = only("In a statewide WXRT/Millbrook poll released Tuesday, 42% of residents said they were “very worried.”")
    assert q.speaker.name == "a statewide WXRT/Millbrook poll"


def test_possessive_speech_noun() -> None:
    q = only("The fact-checkers examined Rhoda Pike’s claim that there have been “hundreds of break-ins” in Salina.")
    assert q.speaker.mention == "Rhoda Pike"  # the possessor, without its "’s"
    assert q.cue.text == "claim"


def test_colon_at_paragraph_end_introduces_the_quotation() -> None:
    text = "In a 1971 speech, Edna Voss declared:\n\n“Bridges now, bridges tomorrow.”"
    q = only(text)
    assert q.speaker.name == "Edna Voss"
    assert q.cue.text == "declared"


def test_signature_paragraph_after_quotation() -> None:
    text = "“Farmers want the rain to come soon.”\n\n- Hal Denning.\n\nThe senator spoke."
    assert only(text).speaker.name == "Hal Denning"


def test_outer_report_wins_over_inner_thought() -> None:
    q = only("Pike said she is sure Denning will continue to be “a voice for the valley.”")
    assert q.speaker.name == "Pike"


def test_pronoun_takes_the_sentence_subject() -> None:
    text = "“We lost,” Hal Denning said.\n\nRhoda Pike says she enjoyed what she calls a “battle of wits.”"
    quotes = run(text)
    assert quotes[1].speaker.mention == "she"
    assert quotes[1].speaker.name == "Rhoda Pike"


def test_role_from_apposition() -> None:
    q = only("“We will not sign,” Tariq Abu Samra, an opposition negotiator, told reporters.")
    assert q.speaker.name == "Tariq Abu Samra"
    assert q.speaker.role == "opposition negotiator"


def test_role_before_name() -> None:
    q = only("UN special envoy Anneke de Vries said both sides were “very close” to a truce.")
    assert (q.speaker.name, q.speaker.role) == ("Anneke de Vries", "UN special envoy")


def test_pronoun_resolves_to_recent_speaker_and_told_reporters() -> None:
    text = (
        "Rhoda Pike spoke in Salina on Monday.\n\n“We will win,” Pike said.\n\n"
        "“We will keep going,” she told reporters."
    )
    quotes = run(text)
    assert [q.speaker.name for q in quotes] == ["Rhoda Pike", "Rhoda Pike"]
    assert quotes[1].speaker.mention == "she"
    assert quotes[1].cue.text == "told reporters"


def test_pronoun_skips_incompatible_gender() -> None:
    text = "“We will win,” Mrs. Pike said.\n\n“No, we will,” Mr. Denning said.\n\n“It is close,” she added."
    quotes = run(text)
    assert quotes[2].speaker.name == "Pike"


def test_second_quote_of_sentence_pair_keeps_speaker() -> None:
    text = "“We will win,” Denning said. “We will win so much.”"
    quotes = run(text)
    assert [q.text for q in quotes] == ["We will win,", "We will win so much."]
    assert [q.speaker.name for q in quotes] == ["Denning", "Denning"]
    assert quotes[1].cue is None


def test_quote_only_paragraph_keeps_previous_speaker_unless_another_intervenes() -> None:
    text = (
        "“We will win,” Otto Brandt said.\n\n“And we will win big.”\n\n"
        "“That is nonsense,” Greta Lund said.\n\n“Total nonsense.”"
    )
    quotes = run(text)
    assert [q.speaker.name for q in quotes] == ["Otto Brandt", "Otto Brandt", "Greta Lund", "Greta Lund"]


def test_quote_only_paragraph_inherits_across_a_short_beat() -> None:
    text = "“Is the bakery open?” Keller said into the phone.\n\nShe waits.\n\n“Good, I will come by at noon.”"
    quotes = run(text)
    assert [q.speaker.name for q in quotes] == ["Keller", "Keller"]


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
        "But union spokesman Samir al-Haddad said “no concessions” would be made.\n\n"
        "Mr Haddad added that it was hoped the meeting would “contribute” to a deal."
    )
    quotes = run(text)
    assert [q.speaker.name for q in quotes] == ["Samir al-Haddad", "Samir al-Haddad"]
    assert quotes[1].speaker.mention == "Haddad"
    assert quotes[1].speaker.role == "union spokesman"


def test_description_resolves_to_person_introduced_with_that_role() -> None:
    text = (
        "“We are looking into it,” Marta Iglesias, the harbour board spokeswoman, said.\n\n"
        "Asked again, “We have nothing to add,” the spokeswoman said."
    )
    quotes = run(text)
    assert quotes[1].speaker.name == "Marta Iglesias"
    assert quotes[1].speaker.mention == "the spokeswoman"


def test_organisation_is_resolved_by_it() -> None:
    text = (
        "An early draft communique was leaked to reporters.\n\n"
        "The envoys would “meet again within a month”, the wire service quoted it as saying."
    )
    q = only(text)
    assert q.speaker.mention == "it"
    assert "communique" in q.speaker.name


NEGATIVES = [
    "The so-called “Harbour Guard” militia claimed the fire.",
    "He appeared on KXLY’s “Morning Table” on Sunday.",
    "Lionel “The Hammer” Okoro attended the fair.",
    "Danish critics have pored over her book, “Salt and Iron,” for hints.",
    '<tweet id="100000000000000001" author="MayorQuill">Thinking of the families tonight</tweet>',
    "Follow the link at “http://example.com/story” for more.",
    "The bill was labelled “HR 9012” in committee.",
    "The column ran under the headline “SLOW TRAINS NEVER ARRIVE LATE” last week.",
    '—"Nadia Berg is leaving the orchestra," by Herald\'s Tom Oakes.',
    "Why hire him, if only because “he” is not a “she”?",
    "The banners read on: “No to toll roads” (2011) — “Parks for all? Yes.” (2013).",
    "The filmmaker spells this out in his latest documentary “22nd.” The film premieres Thursday.",
    "Sergeant Paul “Moose” Halvorsen found both answers wanting.",
]


@pytest.mark.parametrize("text", NEGATIVES, ids=[t[:30] for t in NEGATIVES])
def test_not_quotations(text: str) -> None:
    assert run(text) == []


def test_scare_quote_has_no_invented_cue() -> None:
    for q in run("The “joint committee” would meet on Friday."):
        assert q.cue is None


@pytest.mark.parametrize(
    "text",
    [
        "We’re in Norway’s capital since the ’80s.",
        "We're in Norway's capital since the '80s.",
    ],
)
def test_apostrophes_yield_nothing(text: str) -> None:
    assert run(text) == []


def test_single_quotes_as_main_marks() -> None:
    q = only("‘We’re ready for Norway’s vote,’ the minister said.")
    assert q.text == "We’re ready for Norway’s vote,"
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
    q = only("“We will win,” Marlow said.")
    d = q.to_dict()
    assert Quote.from_dict(d) == q
    assert d["speaker"]["name"] == "Marlow" and d["cue"]["text"] == "said"
    assert 0.0 <= q.confidence <= 1.0


# not quotations (issue 9): titles of works, nicknames, terms, scare quotes after verbs of thinking or naming
NOT_QUOTATION_CLASSES = [
    # a work's title after "<work noun> is/was"
    "Ms Lund said her favourite novel is “The Salt Road.”",
    "His favorite album was “Blue Harbour Nights,” he told the class.",
    # a programme's name after a possessive, also with a long function word ("with")
    "Pike said on the station’s “Midday with Lena Ortiz” that fares would rise.",
    # a nickname after a naming verb and its object
    "Locals call the old bridge “the Iron Lady.”",
    "Fans nicknamed the goalkeeper “the Wall” years ago.",
    "Dockers refer to the crane as “the Giraffe.”",
    # a name given to a plan: Title Case after a naming verb
    "The mayor unveiled a plan he called “Project Lighthouse” on Friday.",
    # a term being named
    "The cove, known as “the smugglers’ door,” drew tourists.",
    "He coined the phrase “silent spring tide” in 1990.",
    "The so-called “harbour tax” was repealed.",
    # scare quotes on an opinion
    "What she thinks is “fair” is not what the union wants.",
    "Brandt thinks that “freedom” means lower ferry fees.",
    "Lund believes that “fairness” matters more than speed.",
    # a term defined: it opens its sentence, then a copula and a noun for words (or "means")
    "“Dry run” is a harbour term for a rehearsal with empty boats.",
    "“Slack water” means the short calm between two tides.",
    # terms listed after a noun for words
    "The archive search flagged words such as “quay,” “berth” and “slipway” in the logs.",
    # the wording of a poll's answer beside its share
    "Support was higher among older riders (41% “strongly agree”) than among students.",
    "Rebuilding the pier leads with “somewhat likely” with 38 percent of the vote.",
    # a headline with its byline, also after "the" and with a nested title
    "READING LIST: “Tides are rising on the east quay,” by the Harbour Post’s Ann Lee.",
    "“Lee stars in ‘Low Water,’” by Bo Chen of the Evening Star.",
    # titles listed after a title ("roles in “A,” “B” and “C”")
    "Lee, who has starred in “Low Water” and “High Tide at the Quay,” opened the festival.",
    # a title with a long lowercase function word
    "Lee is now host of “The Night Desk with Ann Lee.”",
    # a lasting name given (named, dubbed, nicknamed), not an epithet used in speech
    "Fans nicknamed the goalkeeper “The Wall” years ago.",
    # a name somebody goes by: after "the pseudonym", "the nickname", "the alias"
    "He wrote under the pseudonym “Captain Brine,” but readers guessed.",
    # a work's name after "commentary" / "editorial"
    "Bo Chen’s editorial, “Let the ferry sail,” was widely shared.",
    # a button's label
    "To renew, enter your card number and click “Renew now.”",
    # a person reading a work: "read" shows a thing's words only ("a sign that read …")
    "Ann Lee read “The Long Tide” aloud on the ferry.",
    # a link's title after a page label and a colon
    "Read more: “Ferry Fares Rise Again”",
    # an all-capitals line alone in its paragraph: a subheading
    "The ferry was late again.\n“TIDES WAIT FOR NO ONE”\nAcross the bay, the pier stayed shut.",
    # a nickname between a first name written with a combining accent (decomposed text) and a surname
    "After a bruising campaign, the mayor beat Jose\u0301 “Pepe” Alvarez in a runoff.",
    # an exclamation named by a work noun is the work's title, not a chant
    "Critics said Ann Lee was superb in the musical “Ahoy Harbour!” last spring.",
    # a long Title Case headline named by "titled"
    "Readers shared an essay titled “Why The Harbour Board Keeps Raising Ferry Fares Every Single Spring.”",
    # a Title Case name right after a verb of making or presenting a work
    "Ann Lee edits “The Quay Column” for the Harbour Post.",
    "Bo Chen hosted “Night Tides” on the harbour radio for a decade.",
    # a press roundup's item: a headline, its byline, an excerpt of the article and its address
    'DOCKSIDE—"Night ferries return to the bay," by the Harbour Post\'s Ann Lee: "The first boat left'
    ' the east quay at ten, half empty." http://example.org/ferries',
]


@pytest.mark.parametrize("text", NOT_QUOTATION_CLASSES, ids=[t[:40] for t in NOT_QUOTATION_CLASSES])
def test_not_quotation_classes_yield_nothing(text: str) -> None:
    assert run(text) == []


# the same shapes with somebody's words: still quotations
STILL_QUOTATIONS = [
    ("Ms Lund said her favourite novel was “a slog at first.”", "a slog at first."),
    ("Lund’s “We will rebuild the pier” pledge drew cheers.", "We will rebuild the pier"),
    ("Brandt told the paper’s “Weekend Desk” that the pier was “a wreck.”", "a wreck."),
    ("Locals said the old bridge was “an eyesore.”", "an eyesore."),
    ("She called the bridge “an eyesore,” Pike said.", "an eyesore,"),
    ("He said the cove was “the smugglers’ door.”", "the smugglers’ door."),
    ("Brandt said that “freedom” means lower ferry fees.", "freedom"),
    ("Brandt thinks that the ferry deal is “terrible,” he said.", "terrible,"),
    ("What she said is “not fair to the night shift.”", "not fair to the night shift."),
    ("Rhoda Pike says she enjoyed what she calls a “battle of wits.”", "battle of wits."),
    # the words of a sign, message or chant, however cased: after a wording verb or a colon
    ("Ann Lee posted a note reading “Back Soon Harbour Friends” at noon.", "Back Soon Harbour Friends"),
    ("The dockers’ banner had one message: “Save Pier Nine.”", "Save Pier Nine."),
    ("Bo Chen, 12, held up a sign that read “40%!” as the vote closed.", "40%!"),
    ("Bo Chen’s cap, which read “Harbour Boys Forever,” drew stares.", "Harbour Boys Forever,"),
    ("The paper used her words as its headline: “Never again. Not on my quay.”", "Never again. Not on my quay."),
    # the same shapes as the rows above with somebody's words
    ("“Dry run” was all Ann Lee said about the first crossing.", "Dry run"),
    ("Lee said “not yet,” and 41% of riders agreed.", "not yet,"),
    ("The crowd chanted “I’m with you” as Ann Lee spoke.", "I’m with you"),
    ("Ann Lee said: “WE WILL NOT MOVE.”", "WE WILL NOT MOVE."),
    # words followed by an address, with no roundup byline before them
    ("Ann Lee wrote: “The first boat leaves at ten.” http://example.org/ferries", "The first boat leaves at ten."),
    ("The timetable was posted by Ann Lee: “Boats leave at ten.” www.example.org", "Boats leave at ten."),
    # a long sentence-case stretch after "titled" is still somebody's words
    (
        "The board answered with a note titled “We hear you, and the fares will stay where they are for now.”",
        "We hear you, and the fares will stay where they are for now.",
    ),
    # an exclamation without a work noun is chanted; a wording verb after "edits" still gives words
    ("The crowd on the quay chanted “Ferry Now!” until dusk.", "Ferry Now!"),
    ("Ann Lee, who edits the paper, said: “We Print What Is True.”", "We Print What Is True."),
    # a stretch ending in a comma before "by" inside a running sentence: no headline
    ("Lee said the “harbour stays shut,” by Council order, until spring.", "harbour stays shut,"),
]


@pytest.mark.parametrize(("text", "words"), STILL_QUOTATIONS, ids=[t[0][:40] for t in STILL_QUOTATIONS])
def test_same_shape_with_speech_is_still_a_quotation(text: str, words: str) -> None:
    assert [q.text for q in run(text)] == [words]


@pytest.mark.parametrize("text", NOT_QUOTATION_CLASSES + [t for t, _ in STILL_QUOTATIONS], ids=lambda t: t[:40])
def test_span_decisions_agree_with_extract_quotes(text: str) -> None:
    # every quotation returned is a stretch span_decisions keeps; every stretch it drops is named
    from newsstream.quotes.extract import span_decisions

    decisions = span_decisions(text)
    kept = {(s.start, s.end) for s, why in decisions if why is None}
    assert {(q.start, q.end) for q in run(text)} <= kept
    assert all(why is None or (isinstance(why, str) and why) for _, why in decisions)


@pytest.mark.parametrize(
    ("text", "check"),
    [
        ("Lee is now host of “The Night Desk with Ann Lee.”", "title_after_preposition"),
        ("Lee, who has starred in “Low Water” and “High Tide at the Quay,” opened the festival.", "title_in_list"),
        ("The ferry was late again.\n“TIDES WAIT FOR NO ONE”\nAcross the bay, the pier stayed shut.", "crosshead"),
        ("READING LIST: “Tides are rising on the east quay,” by the Harbour Post’s Ann Lee.", "headline_byline"),
        ('—"Quay reopens," by Bo Chen: "Crews cleared the crane." https://example.org/q', "linked_excerpt"),
        ("Ann Lee edits “The Quay Column” for the Harbour Post.", "title_after_work_verb"),
        ("Critics said Ann Lee was superb in the musical “Ahoy Harbour!” last spring.", "title_after_work_noun"),
    ],
)
def test_span_decisions_name_the_check(text: str, check: str) -> None:
    from newsstream.quotes.extract import span_decisions

    assert [why for _, why in span_decisions(text)][-1] == check
