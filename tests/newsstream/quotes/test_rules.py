"""Table tests for attribution rules added from error analysis (sentences written for these tests)."""

from __future__ import annotations

import pytest

from newsstream.quotes import extract_quotes
from newsstream.quotes.cues import is_cue_verb
from newsstream.quotes.speakers import parse_np_left, parse_np_right, tokenize
from newsstream.records import Quote


def _quote(text: str, words: str) -> Quote:
    quotes = extract_quotes(text)
    for q in quotes:
        assert text[q.start : q.end] == q.text
        if q.speaker is not None and q.speaker.start is not None:
            assert text[q.speaker.start : q.speaker.end] == q.speaker.mention
    found = [q for q in quotes if q.text == words]
    assert len(found) == 1, quotes
    return found[0]


def _name(q: Quote) -> str | None:
    return (q.speaker.name or q.speaker.mention) if q.speaker is not None else None  # unnamed: the mention


# a cue-less partial quotation takes the subject of its sentence, also an organisation or a description
SUBJECT_GUESS = [
    ("The Red Cross described the camp as “overwhelmed.”", "overwhelmed.", "The Red Cross"),
    ("The county sheriff labelled the crash a “tragedy” on Friday.", "tragedy", "The county sheriff"),
    ("Over the weekend the storm was “historic.”", "historic.", None),
    ("In the end, nothing was “settled.”", "settled.", None),
]


@pytest.mark.parametrize(("text", "words", "name"), SUBJECT_GUESS, ids=[t[0][:40] for t in SUBJECT_GUESS])
def test_subject_guess_for_cueless_fragment(text: str, words: str, name: str | None) -> None:
    assert _name(_quote(text, words)) == name


# a speech word right after a preposition that takes a noun phrase is a noun, not a cue
NOUN_AFTER_PREPOSITION = [
    ("the former secretary of state arrived", "state", False),
    ("she does well in states along the coast", "states", False),
    ("voters hoped for the promise of change", "promise", False),
    ("he refused to state his position", "state", True),
    ("she was criticised for saying it", "saying", True),
    ("the mayor then states that", "states", True),
]


@pytest.mark.parametrize(("sentence", "word", "is_cue"), NOUN_AFTER_PREPOSITION)
def test_speech_word_after_preposition(sentence: str, word: str, is_cue: bool) -> None:
    toks = tokenize(sentence, 0, len(sentence))
    k = next(i for i, t in enumerate(toks) if t.text == word)
    assert is_cue_verb(toks, k) is is_cue


# after a closing mark, a clause opened by a conjunction is a new statement, not the quotation's attribution
CONJUNCTION_CLAUSE = [
    (
        "Governor Tom Reyes called the flood “a catastrophe,” but Senator Ann Cole said the damage was smaller.",
        "a catastrophe,",
        "Tom Reyes",
    ),
    (
        "Governor Tom Reyes told reporters that “the water is still rising,” and Senator Ann Cole said nothing.",
        "the water is still rising,",
        "Tom Reyes",
    ),
    ("“The water is still rising,” Senator Ann Cole said.", "The water is still rising,", "Ann Cole"),
    (
        "Tom Reyes called the referee “blind,” which is what some fans who they say are furious call him.",
        "blind,",
        "Tom Reyes",
    ),
]


@pytest.mark.parametrize(("text", "words", "name"), CONJUNCTION_CLAUSE, ids=[t[0][:40] for t in CONJUNCTION_CLAUSE])
def test_conjunction_clause_is_not_attribution(text: str, words: str, name: str) -> None:
    assert _name(_quote(text, words)) == name


# "the two", "one", "another" standing alone before a speech verb are speakers, not determiners
STANDALONE_HEADS = [
    ("The senators met on Monday. “We were ignored,” the two wrote.", "We were ignored,", "the two"),
    ("The crowd thinned out. “It went well,” one said.", "It went well,", "one"),
    ("“It went well,” another added.", "It went well,", "another"),
    ("Another said the deal was “dead.”", "dead.", "Another"),
    ("Some claims were “false,” Ann Lee said.", "false,", "Ann Lee"),
    ("The two talks were “useless,” Ann Lee said.", "useless,", "Ann Lee"),
]


@pytest.mark.parametrize(("text", "words", "mention"), STANDALONE_HEADS, ids=[t[0][:40] for t in STANDALONE_HEADS])
def test_standalone_number_or_quantifier_speaker(text: str, words: str, mention: str) -> None:
    q = _quote(text, words)
    assert q.speaker is not None and q.speaker.mention == mention


# a speech word modifying a speaker noun ("talk host", "press aide") stays inside the description
ROLE_WITH_SPEECH_WORD = [
    ("Late-night talk host Ann Lee said the menu was “inspired.”", "inspired.", "Ann Lee"),
    ("“It is inspired,” late-night talk host Ann Lee said.", "It is inspired,", "Ann Lee"),
]


@pytest.mark.parametrize(
    ("text", "words", "name"), ROLE_WITH_SPEECH_WORD, ids=[t[0][:40] for t in ROLE_WITH_SPEECH_WORD]
)
def test_speech_word_inside_role(text: str, words: str, name: str) -> None:
    assert _name(_quote(text, words)) == name


def test_subject_with_talk_host_role() -> None:
    text = "Late-night talk host Ann Lee used her slot to praise what she called an “inspired” choice."
    toks = tokenize(text, 0, len(text))
    m = parse_np_right(toks, 0, text)
    assert m is not None and m.text == "Ann Lee" and m.role == "host"


# "…, Ann Lee said, adding, “Q”": the speaker of the comment clause, not the sentence's first name
PARTICIPLE_AFTER_COMMENT = [
    ("Tom Reyes left early, Ann Lee said, adding, “He was tired.”", "He was tired.", "Ann Lee"),
    ("Tom Reyes left early, adding, “I was tired.”", "I was tired.", "Tom Reyes"),
    ("Tom Reyes told Ann Lee about it, adding that he was “tired.”", "tired.", "Tom Reyes"),
]


@pytest.mark.parametrize(
    ("text", "words", "name"), PARTICIPLE_AFTER_COMMENT, ids=[t[0][:40] for t in PARTICIPLE_AFTER_COMMENT]
)
def test_participle_after_comment_clause(text: str, words: str, name: str) -> None:
    assert _name(_quote(text, words)) == name


# "When X was asked …, he laughed and said, “Q”": the main clause's subject speaks, not the asker
SUBORDINATE_THEN_MAIN = [
    ("When Ann Lee asked Tom Reyes about the vote, he laughed and said, “We will see.”", "We will see.", "he"),
    ("Ann Lee said he would “win.”", "win.", "Ann Lee"),
    ("When asked about the vote, Ann Lee said he would “win.”", "win.", "Ann Lee"),
]


@pytest.mark.parametrize(
    ("text", "words", "mention"), SUBORDINATE_THEN_MAIN, ids=[t[0][:40] for t in SUBORDINATE_THEN_MAIN]
)
def test_main_clause_after_subordinate_clause(text: str, words: str, mention: str) -> None:
    q = _quote(text, words)
    assert q.speaker is not None and q.speaker.mention == mention


# "the journal’s review board wrote": the possessor's determiner belongs to the description
POSSESSOR_DETERMINER = [
    (
        "“She is selling snake oil,” the journal’s review board wrote.",
        "She is selling snake oil,",
        "the journal’s review board",
    ),
    (
        "“She is selling snake oil,” Denning’s campaign manager said.",
        "She is selling snake oil,",
        "Denning’s campaign manager",
    ),
]


@pytest.mark.parametrize(
    ("text", "words", "mention"), POSSESSOR_DETERMINER, ids=[t[0][:40] for t in POSSESSOR_DETERMINER]
)
def test_possessor_determiner_in_description(text: str, words: str, mention: str) -> None:
    q = _quote(text, words)
    assert q.speaker is not None and q.speaker.mention == mention


# a dot inside a word ("fivethirtyeight.com") does not end the sentence holding the attribution
DOT_IN_WORD = [
    ("“It is finished.” Ann Lee, who started example.org, tweeted at noon.", "It is finished.", "Ann Lee"),
    ("“It is over.” Ann Lee left. Tom Reyes said nothing.", "It is over.", None),
]


@pytest.mark.parametrize(("text", "words", "name"), DOT_IN_WORD, ids=[t[0][:40] for t in DOT_IN_WORD])
def test_dot_inside_word_is_no_sentence_end(text: str, words: str, name: str | None) -> None:
    assert _name(_quote(text, words)) == name


SUBORDINATE_THEN_MAIN_NAMED = [
    (
        "So when the bakery announced that it would close, Mr. Reyes said, “we were stunned.”",
        "we were stunned.",
        "Reyes",
    ),
    (
        "When Ann Lee noted that he skipped the vote ― as was true ― Tom Reyes boasted, “That is efficient.”",
        "That is efficient.",
        "Tom Reyes",
    ),
    ("Ann Lee noted that Tom Reyes said the plan was “smart.”", "smart.", "Ann Lee"),
]


@pytest.mark.parametrize(
    ("text", "words", "name"), SUBORDINATE_THEN_MAIN_NAMED, ids=[t[0][:40] for t in SUBORDINATE_THEN_MAIN_NAMED]
)
def test_named_main_clause_after_subordinate_clause(text: str, words: str, name: str) -> None:
    assert _name(_quote(text, words)) == name


# a cue-less fragment in a new sentence takes that sentence's subject, not the previous speaker
OWN_SENTENCE_SUBJECT = [
    (
        "“We cannot comment,” the tax office said. The agency refused to outline the audit’s “timeline.”",
        "timeline.",
        "The agency",
    ),
    (
        "Ann Lee said the budget was “a disgrace,” and Tom Reyes’ aides were “furious.”",
        "furious.",
        "Ann Lee",
    ),
]


@pytest.mark.parametrize(
    ("text", "words", "mention"), OWN_SENTENCE_SUBJECT, ids=[t[0][:40] for t in OWN_SENTENCE_SUBJECT]
)
def test_fragment_in_new_sentence_takes_its_subject(text: str, words: str, mention: str) -> None:
    q = _quote(text, words)
    assert q.speaker is not None and mention in (q.speaker.mention, q.speaker.name)


# sentence adverbs ("Moreover", "Given", "Somewhere") open a sentence but are never a speaker
SENTENCE_ADVERBS = [
    ("Moreover, Ann Lee referred to a report that “nothing was found.”", "nothing was found.", "Ann Lee"),
    ("Moreover, the plan was “a fraud from the start.”", "a fraud from the start.", None),
    ("Somewhere in the toast, she slipped in a “thank you.”", "thank you.", "she"),
]


@pytest.mark.parametrize(("text", "words", "mention"), SENTENCE_ADVERBS, ids=[t[0][:40] for t in SENTENCE_ADVERBS])
def test_sentence_adverb_is_no_speaker(text: str, words: str, mention: str | None) -> None:
    q = _quote(text, words)
    assert (q.speaker.mention if q.speaker is not None else None) == mention


# "HEADLINE - Jane Doe: “Q”": the name after the dash, not the headline
DASH_NAME_COLON = [
    ("THE FERRY RAN LATE AGAIN - Ann Lee: “The timetable is fiction.”", "The timetable is fiction.", "Ann Lee"),
    ("Ann Lee: “The timetable is fiction.”", "The timetable is fiction.", "Ann Lee"),
]


@pytest.mark.parametrize(("text", "words", "name"), DASH_NAME_COLON, ids=[t[0][:40] for t in DASH_NAME_COLON])
def test_name_after_dash_before_colon(text: str, words: str, name: str) -> None:
    assert _name(_quote(text, words)) == name


# "…, which an FBI inquiry said was “Q”": a description after a relative pronoun is the speaker
RELATIVE_DESCRIPTION = [
    (
        "Ann Lee criticised the fence permits, which a county report said was “sloppy.”",
        "sloppy.",
        "a county report",
    ),
    ("Ann Lee put out a statement saying the permits were “sloppy.”", "sloppy.", "Ann Lee"),
]


@pytest.mark.parametrize(
    ("text", "words", "mention"), RELATIVE_DESCRIPTION, ids=[t[0][:40] for t in RELATIVE_DESCRIPTION]
)
def test_description_after_relative_pronoun(text: str, words: str, mention: str) -> None:
    q = _quote(text, words)
    assert q.speaker is not None and q.speaker.mention == mention


def test_possessive_pronoun_takes_sentence_subject() -> None:
    text = "“We are leaving,” Tom Reyes said.\n\nAnn Lee afterwards defended her joke as being “playful.”"
    assert _name(_quote(text, "playful.")) == "Ann Lee"


# "…, Ann Lee said. “Q”": a cue-less quotation after a sentence ending in a cue takes that cue's speaker
PREVIOUS_SENTENCE_CUE = [
    (
        "The council may wait until the vote, Ann Lee said. “The other option is worse.”",
        "The other option is worse.",
        "Ann Lee",
    ),
    # no cue in the previous sentence: its subject is only a guess (low confidence)
    ("The council may wait until the vote. “The other option is worse.”", "The other option is worse.", "The council"),
]


@pytest.mark.parametrize(
    ("text", "words", "name"), PREVIOUS_SENTENCE_CUE, ids=[t[0][:40] for t in PREVIOUS_SENTENCE_CUE]
)
def test_previous_sentence_cue_speaker(text: str, words: str, name: str | None) -> None:
    assert _name(_quote(text, words)) == name


# "X in her budget speech called …": a short prepositional phrase between speaker and cue
SUBJECT_BEFORE_PP = [
    ("It was clear when Ann Lee in her budget speech called the bypass “a boondoggle.”", "a boondoggle.", "Ann Lee"),
    ("Tom Reyes during a Friday picnic thanked his volunteers “for all the pies.”", "for all the pies.", "Tom Reyes"),
    ("Ann Lee faulted Tom Reyes on zoning and called him “naive.”", "naive.", "Ann Lee"),
]


@pytest.mark.parametrize(("text", "words", "name"), SUBJECT_BEFORE_PP, ids=[t[0][:40] for t in SUBJECT_BEFORE_PP])
def test_subject_before_prepositional_phrase(text: str, words: str, name: str) -> None:
    assert _name(_quote(text, words)) == name


# "Someone called it …": an indefinite pronoun standing alone is the speaker
def test_indefinite_pronoun_speaker() -> None:
    q = _quote("Someone called this a “slow earthquake,” and I agree.", "slow earthquake,")
    assert q.speaker is not None and q.speaker.mention == "Someone"


# "the board put out a notice calling …": the organisation that issued it, not the statement
def test_statement_of_organisation() -> None:
    text = "After the vote, the school board put out a notice calling the closure “hasty.”"
    q = _quote(text, "hasty.")
    assert q.speaker is not None and q.speaker.mention == "the school board"


# "21 percent said “Q”", "63% said": a share of those polled is the speaker
PERCENT_SPEAKERS = [
    ("Asked about the plan, 21 percent said “not likely” and 14 percent said “never.”", "never.", "14 percent"),
    ("Asked about the plan, 21 percent said “not likely” and 14 percent said “never.”", "not likely", "21 percent"),
    ("However, 63% said the mayor was “justified.”", "justified.", "63%"),
]


@pytest.mark.parametrize(("text", "words", "mention"), PERCENT_SPEAKERS, ids=[t[1] for t in PERCENT_SPEAKERS])
def test_percent_speaker(text: str, words: str, mention: str) -> None:
    q = _quote(text, words)
    assert q.speaker is not None and q.speaker.mention == mention


# "He’s predicting …": a pronoun contraction is a speaker and its verb a cue; "Reyes’s remarks" stays a noun
CONTRACTED_PRONOUN = [
    ("Tom Reyes spoke on Monday. He’s predicting the vote will go “his way.”", "his way.", "He", "predicting"),
    ("Tom Reyes spoke on Monday. She’s saying the vote was “rigged.”", "rigged.", "She", "saying"),
    ("Tom Reyes’s remarks were “ugly,” Ann Lee said.", "ugly,", "Ann Lee", "said"),
]


@pytest.mark.parametrize(
    ("text", "words", "mention", "cue"), CONTRACTED_PRONOUN, ids=[t[0][:40] for t in CONTRACTED_PRONOUN]
)
def test_contracted_pronoun_speaker(text: str, words: str, mention: str, cue: str) -> None:
    q = _quote(text, words)
    assert q.speaker is not None and q.speaker.mention == mention
    assert q.cue is not None and q.cue.text == cue


# ", says X, …": a parenthetical cue names the speaker after it
PARENTHETICAL_CUE = [
    (
        "The irony, says Ann Lee, a curator at the museum, is that the mural was “never finished.”",
        "never finished.",
        "Ann Lee",
    ),
    ("The plan, said Ann Lee, was “a disaster.”", "a disaster.", "Ann Lee"),
]


@pytest.mark.parametrize(("text", "words", "name"), PARENTHETICAL_CUE, ids=[t[0][:40] for t in PARENTHETICAL_CUE])
def test_parenthetical_cue(text: str, words: str, name: str) -> None:
    assert _name(_quote(text, words)) == name


# "When X later referred to … and said …": with no comma, the subordinate clause's subject is the speaker
def test_subordinate_clause_subject_without_comma() -> None:
    text = (
        "“Hi,” Tom Reyes said.\n\n"
        "When Ann Lee then mentioned the flood and said she would “repair every bridge,” the hall applauded."
    )
    assert _name(_quote(text, "repair every bridge,")) == "Ann Lee"


def test_possessor_phrase_with_adjectives() -> None:
    text = "Citing “a sore knee,” the retired admiral’s spokesman told reporters she would skip the parade."
    q = _quote(text, "a sore knee,")
    assert q.speaker is not None and q.speaker.mention == "the retired admiral’s spokesman"


# the “artisan” category: a short label between a determiner and a noun, with no cue, is a scare quote
SCARE_MODIFIERS = [
    (
        "The delay could set off the “rolling blackout” scenario that grid managers dread.",
        "rolling blackout",
        False,
    ),
    ("The baker won the “artisan” category at the fair.", "artisan", False),
    ("She called it the “worst” deal, Ann Lee said.", "worst", True),
    ("Ann Lee said it was a “disaster” for the party.", "disaster", True),
    ("Ann Lee said it was the “outsider” bid that failed.", "outsider", True),
    # no cue beside it, but a speech verb in the sentence and a person it names: maybe her words
    (
        "Ann Lee, the harbour master, pitched herself as a “steady hand” leader and then spent a long, wet"
        " week touring every pier, dock and slipway on the coast to win over the pilots, as she explained.",
        "steady hand",
        True,
    ),
]


@pytest.mark.parametrize(("text", "words", "kept"), SCARE_MODIFIERS, ids=[t[1] for t in SCARE_MODIFIERS])
def test_scare_modifier_is_not_a_quotation(text: str, words: str, kept: bool) -> None:
    assert any(q.text == words for q in extract_quotes(text)) is kept


def test_yet_another_said() -> None:
    text = "“It is done,” added one shopper. Yet another said, “The baker is running late” as usual."
    q = _quote(text, "The baker is running late")
    assert q.speaker is not None and q.speaker.mention == "another"


# "X, when asked …, responded …": a parenthetical clause between the speaker and the cue
PARENTHETICAL_CLAUSE = [
    (
        "Ted Reyes, when asked what is wrong with the budget, responded that it “will never balance.”",
        "will never balance.",
        "Ted Reyes",
    ),
    ("Ann Lee, asked about the vote, said it was “fair.”", "fair.", "Ann Lee"),
]


@pytest.mark.parametrize(("text", "words", "name"), PARENTHETICAL_CLAUSE, ids=[t[0][:40] for t in PARENTHETICAL_CLAUSE])
def test_parenthetical_clause_before_cue(text: str, words: str, name: str) -> None:
    assert _name(_quote(text, words)) == name


def test_absolute_with_clause_ends_that_clause() -> None:
    text = "Farmers who agree that the dam should go were annoyed, with Ann Lee calling it a “pipe dream.”"
    assert _name(_quote(text, "pipe dream.")) == "Ann Lee"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Ann Lee turned on Bo Chen, with the campaign saying Chen was “not ready.”", "the campaign"),
        ("Ann Lee turned on Bo Chen, with her spokesman saying Chen was “not ready.”", "her spokesman"),
    ],
)
def test_absolute_with_clause_description_speaks(text: str, speaker: str) -> None:
    """``with`` + a description + an -ing cue: the description speaks, not the sentence subject
    (left.object_description no longer undoes the absolute clause left.object_of_preposition keeps)."""
    assert _quote(text, "not ready.").speaker.mention == speaker


def test_opening_preposition_is_no_speaker() -> None:
    text = "Outside the stadium, about 300 fans waited, chanting “Open the gates.”"
    q = _quote(text, "Open the gates.")
    assert q.speaker is None or q.speaker.mention != "Outside"


def test_colon_takes_name_near_it_not_far_sentence_opener() -> None:
    text = (
        "Signs of a late rally in ticket sales showed up early in the figures - More from Ann Lee: “Crowds came back.”"
    )
    assert _name(_quote(text, "Crowds came back.")) == "Ann Lee"


# "X told “Morning Show,” …": a Title Case name right after "told" is the programme spoken to
TOLD_PROGRAMME = [
    ("“We will win,” Ann Lee told “Good Day Live,” adding that polls were wrong.", "Good Day Live,", False),
    ("“We will win,” Ann Lee told “Good Day Live,” adding that polls were wrong.", "We will win,", True),
    ("Ann Lee told reporters the vote was “a sham.”", "a sham.", True),
]


@pytest.mark.parametrize(("text", "words", "kept"), TOLD_PROGRAMME, ids=[t[1] for t in TOLD_PROGRAMME])
def test_programme_after_told(text: str, words: str, kept: bool) -> None:
    assert any(q.text == words for q in extract_quotes(text)) is kept


# a word or three in marks, no cue and nobody to attribute it to: a scare quote, not a quotation
BARE_LABELS = [
    ("The samples are grown in glass jars, “cultures” kept for later tests.", "cultures", False),
    ("It was a long way from handing out “apple pie” to neighbours.", "apple pie", False),
    ("It was a “disaster” for the party.", "disaster", False),
    ("Ann Lee said the cells were “lines” used for research.", "lines", True),
    ("The crowd shouted “Go home!” at the convoy.", "Go home!", True),
    (
        "The report was “a long and careful look at the evidence” by any measure.",
        "a long and careful look at the evidence",
        True,
    ),
]


@pytest.mark.parametrize(("text", "words", "kept"), BARE_LABELS, ids=[t[1] for t in BARE_LABELS])
def test_bare_label_is_not_a_quotation(text: str, words: str, kept: bool) -> None:
    assert any(q.text == words for q in extract_quotes(text)) is kept


def test_conjunction_clause_closing_on_inverted_cue() -> None:
    text = "Put a “coach who shouts at children” in the league and parents get wary, said Ann Lee, a referee."
    assert _name(_quote(text, "coach who shouts at children")) == "Ann Lee"


# "she, yet again, promised …": an adverbial aside between a pronoun and its cue
def test_pronoun_with_adverbial_aside() -> None:
    text = "Tom Reyes spoke. He, yet again, promised a “clean slate” to the harbour."
    q = _quote(text, "clean slate")
    assert q.speaker is not None and q.speaker.mention == "He"


def test_pronoun_aside_with_role_is_no_adverbial() -> None:
    text = "she , the mayor , said"
    toks = tokenize(text, 0, len(text))
    assert parse_np_left(toks, 4, text) is None


# "their chants of “Q”": chants, cries and shouts are things said; the possessor said them
def test_possessive_chant() -> None:
    text = "Dozens of fans cheered.\n\nBut their chants of “Lena! Lena!” soon faded."
    q = _quote(text, "Lena! Lena!")
    assert q.speaker is not None and q.speaker.mention == "their"
    assert q.cue is not None and q.cue.text == "chants"


# "“Q,” as a memo put it": the clause after "as" attributes the quotation
AS_CLAUSE = [
    (
        "The key test is a “steady job for two years,” as a bank memo put it.",
        "steady job for two years,",
        "a bank memo",
    ),
    ("“We will win,” as Ann Lee said on Monday.", "We will win,", "Ann Lee"),
]


@pytest.mark.parametrize(("text", "words", "mention"), AS_CLAUSE, ids=[t[0][:40] for t in AS_CLAUSE])
def test_as_clause_attribution(text: str, words: str, mention: str) -> None:
    q = _quote(text, words)
    assert q.speaker is not None and q.speaker.mention == mention


# "Retired Navy Capt. Ann Lee opened …": a capitalised role word opening a name is no participle opener
def test_role_word_opening_a_name_is_subject() -> None:
    text = "Retired Navy Capt. Ann Lee opened the hearing and later said, “It is not only the pilots.”"
    assert _name(_quote(text, "It is not only the pilots.")) == "Ann Lee"


def test_sentence_adverb_after_closing_mark() -> None:
    text = "Admitting that the coach “makes plenty of odd choices,” though, Ann Lee did suggest that it works."
    assert _name(_quote(text, "makes plenty of odd choices,")) == "Ann Lee"


# "“Q,” it now says": now / still / already sit between a speaker and a cue like other adverbs
SKIPPED_ADVERBS = [
    ("The poster changed. “This is your harbour,” it now says.", "This is your harbour,", "it"),
    ("“We are not done,” she still says.", "We are not done,", "she"),
    ("“We are not done,” Ann Lee already said.", "We are not done,", "Ann Lee"),
]


@pytest.mark.parametrize(("text", "words", "mention"), SKIPPED_ADVERBS, ids=[t[0][:40] for t in SKIPPED_ADVERBS])
def test_adverb_between_speaker_and_cue(text: str, words: str, mention: str) -> None:
    q = _quote(text, words)
    assert q.speaker is not None and q.speaker.mention == mention


def test_ampersand_inside_a_name_token() -> None:
    text = "one R&D engineer, Salt & Pepper"
    assert [t.text for t in tokenize(text, 0, len(text))] == ["one", "R&D", "engineer", ",", "Salt", "&", "Pepper"]
    q = _quote("“She was a mentor,” one R&D engineer told a local paper.", "She was a mentor,")
    assert q.speaker is not None and q.speaker.mention == "one R&D engineer"


# "As Ann Lee, the No. 2 in the party, put it: “Q”": a noun-phrase appositive without a role noun
def test_noun_phrase_appositive() -> None:
    text = "Few agreed. As Ann Lee, the No. 3 on the city council, put it: “This budget is dead.”"
    q = _quote(text, "This budget is dead.")
    assert _name(q) == "Ann Lee"
    assert q.speaker is not None and q.speaker.role == "No. 3 on the city council"


# "Asked if X was “Q,” the commuters said no": the wording of a survey question is nobody's quotation
QUESTION_WORDING = [
    (
        "“The line is busy,” Ann Lee said.\n\nAsked if the tram was “worth the long wait,” the commuters said no.",
        "worth the long wait,",
        None,
    ),
    ("Asked about the vote, Ann Lee said, “We will win.”", "We will win.", "Ann Lee"),
]


@pytest.mark.parametrize(("text", "words", "name"), QUESTION_WORDING, ids=[t[1][:30] for t in QUESTION_WORDING])
def test_question_wording_has_no_speaker(text: str, words: str, name: str | None) -> None:
    assert _name(_quote(text, words)) == name


def test_description_ending_of_number() -> None:
    text = "Asked about the fair, the 71-year-old father of three replied, “It brings the town together.”"
    q = _quote(text, "It brings the town together.")
    assert q.speaker is not None and q.speaker.mention == "the 71-year-old father of three"
    assert q.cue is not None and q.cue.text == "replied"


WHILE_CLAUSE = [
    (
        "Ann Lee hinted that the coach cannot win, while Tom Reyes said that the “risks are far too great.”",
        "risks are far too great.",
        "Tom Reyes",
    ),
    (
        "Ann Lee said that Tom Reyes, a friend, told her the “risks are far too great.”",
        "risks are far too great.",
        "Ann Lee",
    ),
]


@pytest.mark.parametrize(("text", "words", "name"), WHILE_CLAUSE, ids=[t[0][:40] for t in WHILE_CLAUSE])
def test_while_clause_ends_outer_report(text: str, words: str, name: str) -> None:
    assert _name(_quote(text, words)) == name


def test_conjunction_clause_closing_on_name_and_cue() -> None:
    text = "“She has sided with the builders many times” and against the park plan, Ann Lee said.\n\n“She chose that.”"
    assert _name(_quote(text, "She has sided with the builders many times")) == "Ann Lee"
    assert _name(_quote(text, "She chose that.")) == "Ann Lee"


def test_sang_is_a_cue() -> None:
    text = "As the village choir sang at its spring concert, “Every river finds the sea.”"
    q = _quote(text, "Every river finds the sea.")
    assert q.cue is not None and q.cue.text == "sang"
    assert q.speaker is not None and q.speaker.mention == "the village choir"


# a fragment quoted inside the writer's own sentence, in a later paragraph, is nobody's by carry
PARTIAL_ACROSS_PARAGRAPHS = [
    (
        "“The mill will reopen,” Wendel Oakes said.\n\nBy autumn the plan looked like “a long shot at best” to crews.",
        "a long shot at best",
        None,
    ),
    ("“The mill will reopen,” Wendel Oakes said.\n\n“We have the orders.”", "We have the orders.", "Wendel Oakes"),
    ("“The mill will reopen,” Wendel Oakes said, calling it “a fresh start.”", "a fresh start.", "Wendel Oakes"),
]


@pytest.mark.parametrize(
    ("text", "words", "name"), PARTIAL_ACROSS_PARAGRAPHS, ids=[t[1][:30] for t in PARTIAL_ACROSS_PARAGRAPHS]
)
def test_partial_quote_does_not_carry_across_paragraphs(text: str, words: str, name: str | None) -> None:
    assert _name(_quote(text, words)) == name


# a middle initial that is also a stop word ("A.", "I.") stays inside the name
MIDDLE_INITIAL = [
    ("“The tide is late,” said Nell A. Ortiz, a ferry clerk.", "The tide is late,", "Nell A. Ortiz"),
    ("“The tide is late.” ― Bo I. Chen", "The tide is late.", "Bo I. Chen"),
    ("Greta A. Marsh said “the tide is late.”", "the tide is late.", "Greta A. Marsh"),
]


@pytest.mark.parametrize(("text", "words", "name"), MIDDLE_INITIAL, ids=[t[2] for t in MIDDLE_INITIAL])
def test_middle_initial_stays_in_the_name(text: str, words: str, name: str) -> None:
    assert _name(_quote(text, words)) == name


# a description after "as"/"while"/", and" is the subject of its own clause, not an object
CLAUSE_SUBJECT = [
    ("Reyes spoke for an hour as the crowd chanted “Fix the pier!”", "Fix the pier!", "the crowd"),
    (
        "The council met on Monday, and the treasurer warned that the plan was “a slow disaster.”",
        "a slow disaster.",
        "the treasurer",
    ),
    ("Tobin Reyes posted a message saying “the pier is fixed.”", "the pier is fixed.", "Tobin Reyes"),
]


@pytest.mark.parametrize(("text", "words", "mention"), CLAUSE_SUBJECT, ids=[t[2] for t in CLAUSE_SUBJECT])
def test_description_opening_a_clause_is_its_subject(text: str, words: str, mention: str) -> None:
    q = _quote(text, words)
    assert q.speaker is not None and q.speaker.mention == mention


# role nouns head a description that can be a clause's subject ("the justice …, saying …")
ROLE_NOUN_SUBJECT = [
    ("In two interviews, the justice spoke at length about the docket, saying it was “far too long.”", "the justice"),
    ("The farmers met in the barn, arguing that the levee was “never finished.”", "The farmers"),
]


@pytest.mark.parametrize(("text", "mention"), ROLE_NOUN_SUBJECT, ids=[t[1] for t in ROLE_NOUN_SUBJECT])
def test_role_noun_heads_the_subject(text: str, mention: str) -> None:
    quotes = extract_quotes(text)
    assert len(quotes) == 1 and quotes[0].speaker is not None and quotes[0].speaker.mention == mention


def test_speech_noun_before_of_is_no_cue_of_the_subject() -> None:
    """``loud chants of “Q”``: *chants* is a noun here, not the subject's cue (a guess may still name
    the subject)."""
    text = "The crowd outside the hall broke into loud chants of “Fix the pier!”"
    q = _quote(text, "Fix the pier!")
    assert q.cue is None
    text = "Ilse Marrow last spring described the route as “a slow disaster.”"
    assert _name(_quote(text, "a slow disaster.")) == "Ilse Marrow"


# a passive cue: its subject is what is named, so nobody is quoted; an outer report still wins
PASSIVE_CUE = [
    ("By spring the ferry plan was widely described as “a slow disaster.”", "a slow disaster.", None),
    ("The old pier is often called “the long finger” in town.", "the long finger", None),
    ("Ilse Marrow said the crossing is now being called “a slow disaster.”", "a slow disaster.", "Ilse Marrow"),
    ("Ilse Marrow was quoted as saying “the ferry is late.”", "the ferry is late.", "Ilse Marrow"),
]


@pytest.mark.parametrize(("text", "words", "name"), PASSIVE_CUE, ids=[t[1][:30] for t in PASSIVE_CUE])
def test_passive_cue_quotes_nobody(text: str, words: str, name: str | None) -> None:
    assert _name(_quote(text, words)) == name


# a quotation that ends its sentence ("…”.” then a capital): the next sentence's cue is its own, unless
# that sentence is a bare attribution ("Ann Lee said.")
CLOSED_SENTENCE = [
    (
        "The harbour board reviewed the repairs and rated the work “sound and safe.” The inspectors pointed "
        "to the new pilings as proof.",
        "sound and safe.",
        "The harbour board",
    ),
    (
        "“We will rebuild the pier before the summer crowds arrive.” Ann Lee said.",
        "We will rebuild the pier before the summer crowds arrive.",
        "Ann Lee",
    ),
    (
        "Ann Lee opened the meeting on Monday. “We will rebuild the pier before summer.” Bo Chen added: "
        "“And the slipway too.”",
        "We will rebuild the pier before summer.",
        "Ann Lee",
    ),
]


@pytest.mark.parametrize(("text", "words", "name"), CLOSED_SENTENCE, ids=[t[2] or "none" for t in CLOSED_SENTENCE])
def test_a_closed_sentence_keeps_the_next_sentences_cue(text: str, words: str, name: str | None) -> None:
    assert _name(_quote(text, words)) == name


# a role noun with an "of" complement is one description ("the head of the port authority said")
OF_COMPLEMENT = [
    (
        "At the hearing the director of the port authority said “the dredging starts in May.”",
        "the director of the port authority",
    ),
    ("At the hearing the director of planning said “the dredging starts in May.”", "the director of planning"),
    (
        "At the hearing Ann Lee, the director of the port authority said “the dredging starts in May.”",
        "Ann Lee",
    ),
]


@pytest.mark.parametrize(("text", "mention"), OF_COMPLEMENT, ids=[t[1] for t in OF_COMPLEMENT])
def test_a_role_with_an_of_complement_is_one_description(text: str, mention: str) -> None:
    q = _quote(text, "the dredging starts in May.")
    assert q.speaker is not None and q.speaker.mention == mention


# a relative pronoun for a thing or a body right before the cue is its subject, never the sentence's
RELATIVE_WHICH = [
    ("Ann Lee pointed to the county report, which notes “the pier has not been inspected since 2009.”", "which"),
    ("The crowd waved placards, which said “Save the ferry!”", "which"),
]


@pytest.mark.parametrize(("text", "mention"), RELATIVE_WHICH, ids=["document", "placards"])
def test_relative_which_before_the_cue_speaks(text: str, mention: str) -> None:
    q = extract_quotes(text)[0]
    assert q.speaker is not None and q.speaker.mention == mention
    assert q.speaker.name is None or "Lee" not in q.speaker.name


def test_which_after_a_preposition_is_no_subject() -> None:
    q = extract_quotes("Ann Lee wrote the report in which she said “the pier has not been inspected since 2009.”")[0]
    assert q.speaker is not None and q.speaker.mention != "which"


def test_portray_is_a_characterising_cue() -> None:
    text = "Ilse Marrow, who portrayed the ferry company as “a slow, careless monopoly,” left early."
    q = _quote(text, "a slow, careless monopoly,")
    assert q.cue is not None and q.cue.text == "portrayed"
    assert q.speaker is not None and q.speaker.name == "Ilse Marrow"
