"""Speaker resolution on invented mini-articles: agreement, salience, new people, unsure -> no
name, fullest names, page furniture, person over organisation, coordinated speakers.

Every article here is written for these tests; none comes from an evaluation corpus.
"""

from __future__ import annotations

import doctest
import importlib

import pytest

from newsstream.pipeline import quote_messages, quotes_only, summarise_speakers
from newsstream.quotes import extract_quotes
from newsstream.quotes.gender import first_name_gender
from newsstream.quotes.nonspeakers import not_a_speaker
from newsstream.quotes.registry import People
from newsstream.quotes.speakers import Mention
from newsstream.records import Quote
from newsstream.schemas import validate


def speaker_of(text: str, words: str) -> tuple[str | None, str | None]:
    """(name, mention) of the quotation that contains ``words``."""
    for q in extract_quotes(text):
        if words in q.text:
            assert q.speaker is not None, q
            return q.speaker.name, q.speaker.mention
    raise AssertionError(f"no quotation with {words!r} in {extract_quotes(text)}")


# ------------------------------------------------------------------ agreement
def test_she_goes_to_the_woman_and_he_to_the_man() -> None:
    text = (
        "Harbour master Colin Marsh and ferry captain Aisha Okoro inspected the damaged pier on Sunday.\n\n"
        "“We lost two moorings overnight,” she said.\n\n"
        "“The insurers will send someone tomorrow,” he said."
    )
    assert speaker_of(text, "moorings") == ("Aisha Okoro", "she")
    assert speaker_of(text, "insurers") == ("Colin Marsh", "he")


def test_title_gives_gender_when_the_first_name_does_not() -> None:
    text = (
        "Ms. Kim Varga chaired the hearing while Mr. Lee Tanaka took notes.\n\n"
        "“The minutes will be public by Friday,” she said."
    )
    assert speaker_of(text, "minutes") == ("Kim Varga", "she")


def test_a_womans_she_is_not_given_to_the_last_man_quoted() -> None:
    text = (
        "“The drains were cleared last spring,” said council engineer Peter Voss.\n\n"
        "Residents disagreed. Maria Estevez, who has lived on the street for thirty years, "
        "showed reporters the flooded cellar.\n\n"
        "“Nobody came,” she said."
    )
    assert speaker_of(text, "Nobody came") == ("Maria Estevez", "she")


# ------------------------------------------------------------------ salience
def test_subject_of_the_previous_sentence_beats_a_later_object() -> None:
    text = (
        "Coach Daniel Reyes praised goalkeeper Tomas Lindqvist after the match.\n\n"
        "“He kept us in the game for ninety minutes,” he said."
    )
    assert speaker_of(text, "ninety minutes") == ("Daniel Reyes", "he")


def test_a_person_newly_introduced_takes_the_pronoun_from_the_last_speaker() -> None:
    text = (
        "“The vote was fair,” said returning officer Graham Pike.\n\n"
        "Not everyone agreed. Samuel Adeyemi, a candidate who lost by forty votes, asked for a recount.\n\n"
        "“Two boxes were never opened,” he said."
    )
    assert speaker_of(text, "Two boxes") == ("Samuel Adeyemi", "he")


def test_a_chain_of_pronouns_keeps_its_person() -> None:
    text = (
        "Librarian Joan Whitfield has run the mobile library for a decade.\n\n"
        "“People wait for the van at the bus stop,” she said. “Some bring me cakes.”\n\n"
        "She drives it herself. She also mends the books.\n\n"
        "“It is the best job in the county,” she added."
    )
    assert speaker_of(text, "best job") == ("Joan Whitfield", "she")


# ------------------------------------------------------------------ unsure
def test_no_person_of_that_gender_gives_no_name() -> None:
    text = "The committee met behind closed doors on Tuesday.\n\n“We are not finished,” she said."
    assert speaker_of(text, "not finished") == (None, "she")


def test_a_description_nobody_was_introduced_as_keeps_only_its_mention() -> None:
    text = "Talks resumed on Monday.\n\n“There is a draft on the table,” a senior diplomat said."
    assert speaker_of(text, "draft") == (None, "a senior diplomat")


def test_the_pronoun_is_never_the_name() -> None:
    text = "“It will rain all week,” he said.\n\n“Bring a coat,” She added."
    for q in extract_quotes(text):
        assert q.speaker is None or (q.speaker.name or "").lower() not in ("he", "she", "it")


# ------------------------------------------------------------------ descriptions
def test_the_description_goes_to_the_person_introduced_with_that_role() -> None:
    text = (
        "The plant will close, said Rosa Delgado, a spokeswoman for the company.\n\n"
        "“Every worker will be offered a transfer,” the spokeswoman added."
    )
    assert speaker_of(text, "transfer") == ("Rosa Delgado", "the spokeswoman")


def test_the_senator_is_the_person_with_that_title() -> None:
    text = "Sen. Harriet Oyelaran questioned the budget on Tuesday.\n\n“The numbers do not add up,” the senator said."
    assert speaker_of(text, "numbers") == ("Harriet Oyelaran", "the senator")


def test_the_age_finds_the_person_given_that_age() -> None:
    text = (
        "Ivan Petrov, 46, has fished these waters since he was a boy.\n\n"
        "“The cod have gone north,” said the 46-year-old."
    )
    assert speaker_of(text, "cod") == ("Ivan Petrov", "the 46-year-old")


# ------------------------------------------------------------------ names
def test_the_name_is_the_fullest_form_without_honorific() -> None:
    text = (
        "Yusuf Demir, the head of the traders' association, called the tax unfair.\n\n"
        "“Half the stalls will close,” Mr Demir said."
    )
    assert speaker_of(text, "stalls") == ("Yusuf Demir", "Demir")


def test_a_role_before_the_name_goes_to_role() -> None:
    q = extract_quotes("“We will rebuild the bridge,” said county engineer Hana Kowalski.")[0]
    assert q.speaker is not None and q.speaker.name == "Hana Kowalski"
    assert q.speaker.role == "county engineer"


def test_the_person_beats_the_organisation_named_with_them() -> None:
    name, _ = speaker_of("“Prices will rise,” said Northwind Energy’s Lena Holm.", "Prices")
    assert name == "Lena Holm"
    q = extract_quotes("“Prices will rise,” said the union’s spokeswoman, Lena Holm.")[0]
    assert q.speaker is not None and q.speaker.name == "Lena Holm"
    assert q.speaker.role == "the union’s spokeswoman"


# ------------------------------------------------------------------ coordination
@pytest.mark.parametrize(
    "text",
    [
        "“We will appeal,” Omar Haddad and Ingrid Solberg said in a joint statement.",
        "“We will appeal,” said Omar Haddad and Ingrid Solberg.",
        "Omar Haddad and Ingrid Solberg replied: “We will appeal.”",
    ],
)
def test_coordinated_speakers_come_out_as_one(text: str) -> None:
    assert speaker_of(text, "appeal") == ("Omar Haddad and Ingrid Solberg", "Omar Haddad and Ingrid Solberg")


def test_between_x_and_y_is_not_a_coordinated_speaker() -> None:
    q = extract_quotes("The feud between Omar Haddad and Ingrid Solberg said “nothing good” about the club.")
    for quote in q:
        assert quote.speaker is None or " and " not in (quote.speaker.name or "")


# ------------------------------------------------------------------ page furniture
@pytest.mark.parametrize(
    ("text", "words", "rule"),
    [
        ("OSLO — Ferries stopped on Monday.", "OSLO", "dateline"),
        ("LIMA (Wire) — The strike ended.", "LIMA", "dateline"),
        ("Analysis: the vote that was not", "Analysis", "section label"),
        ("Exclusive Report\nThe mayor resigned.", "Exclusive Report", "section label"),
        ("JANE ROE via Getty Images\nThe crowd gathered.", "JANE ROE", "credit"),
        ("Transcript\nThe crowd gathered.", "Transcript", "section label"),
        ("Transcript: the crowd gathered.", "Transcript", "section label"),
    ],
)
def test_furniture_is_never_a_speaker(text: str, words: str, rule: str) -> None:
    start = text.index(words)
    m = Mention(words, start, start + len(words), "name", words.split()[-1].lower(), 0, 0)
    assert not_a_speaker(text, m) == rule


@pytest.mark.parametrize("words", ["Lena Holm", "NATO"])
def test_real_speakers_are_not_furniture(words: str) -> None:
    text = f"{words} said the talks would go on."
    m = Mention(words, 0, len(words), "name", words.split()[-1].lower(), 0, 0)
    assert not_a_speaker(text, m) is None


def test_a_dateline_is_not_taken_as_the_speaker() -> None:
    text = "KRAKOW — “The river is still rising,” the fire chief warned on Sunday."
    q = extract_quotes(text)[0]
    assert q.speaker is not None and q.speaker.mention == "the fire chief"


# ------------------------------------------------------------------ registry and gender
def test_first_name_gender_from_the_package_lexicon() -> None:
    assert first_name_gender("Margaret") == "f"
    assert first_name_gender("Robert") == "m"
    assert first_name_gender("Zzyzx") == "-"


def test_registry_knows_people_not_places() -> None:
    text = "Ana Silva spent a week in Santa Clara with Rui Costa. Later she spoke to reporters."
    people = People(text)
    assert people.antecedent(text.index("she"), "f").name == "Ana Silva"
    assert people.antecedent(text.index("she"), "m").name == "Rui Costa"  # the only man of the sentence
    people._read_to(len(text))
    assert {p.name for ps in people.persons.values() for p in ps} == {"Ana Silva", "Rui Costa"}


def test_registry_skips_names_inside_quotations() -> None:
    text = "Ann Fry spoke first. “I met Tom Hale yesterday,” she said. Later he left."
    masked = [(text.index("“"), text.index("”") + 1)]
    people = People(text, masked)
    assert people.antecedent(text.index("he left"), "m") is None


@pytest.mark.parametrize("name", ["registry", "gender", "nonspeakers", "coref"])
def test_module_examples(name: str) -> None:
    module = importlib.import_module(f"newsstream.quotes.{name}")
    result = doctest.testmod(module)
    assert result.failed == 0 and result.attempted > 0


# ------------------------------------------------------------------ records
UNNAMED = "The board met on Monday.\n\n“We will vote again in June,” she said."


def test_unnamed_speaker_is_schema_valid_and_keyed_by_article() -> None:
    enriched = quotes_only("a1", UNNAMED)
    assert enriched.quotes and enriched.quotes[0].speaker is not None
    assert enriched.quotes[0].speaker.name is None
    validate("articles.enriched", enriched.to_dict())
    for key, value in quote_messages(enriched):
        validate("quotes", value)
        assert key == "a1"


def test_summary_leaves_out_unnamed_speakers() -> None:
    quotes = tuple(extract_quotes(UNNAMED + "\n\n“Fine,” said Carla Munt."))
    assert [s.name for s in summarise_speakers(quotes)] == ["Carla Munt"]
    assert all(isinstance(q, Quote) for q in quotes)


def test_an_indefinite_description_is_someone_new() -> None:
    text = (
        "Rosa Delgado, a spokeswoman for the company, announced the closure.\n\n"
        "“Nobody told us anything,” a spokeswoman for the workers said."
    )
    assert speaker_of(text, "Nobody told") == (None, "a spokeswoman")


def test_the_description_prefers_the_holder_just_talked_about() -> None:
    text = (
        "Gov. Bea Lindqvist and Gov. Aaron Pike signed the water pact.\n\n"
        "Later Pike toured the dam with engineers.\n\n"
        "“This will last fifty years,” the governor said."
    )
    assert speaker_of(text, "fifty years") == ("Aaron Pike", "the governor")


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Organiser Wren Castell said the queue had been “longer than ever”.", "Wren Castell", "Organiser"),
        ("Spokeswoman Ida Marsh said: “The depot stays open.”", "Ida Marsh", "Spokeswoman"),
        # counter-example: a capitalised run whose first word is no person noun stays whole
        ("Harbour Master Ida Marsh said: “The tide is late.”", None, None),
    ],
)
def test_capitalised_person_noun_before_a_name_is_the_role(text: str, name: str | None, role: str | None) -> None:
    [q] = extract_quotes(text)
    assert q.speaker is not None
    if name is None:
        assert q.speaker.role != "Harbour"
    else:
        assert (q.speaker.name, q.speaker.role) == (name, role)


# ------------------------------------------------------------------ description subjects
def test_a_description_opening_the_previous_sentence_blocks_a_possessor_name() -> None:
    # the subject of the sentence before "He" is a description nobody was introduced with; the
    # only name in it is a possessor: unsure, so no name rather than the wrong man
    text = (
        "Councillor Piet Varga ended his campaign on Tuesday.\n\n"
        "The veteran trawlerman thanked his crew and mocked the crowds at Tomas Brill’s rallies.\n\n"
        "He said he would “sleep for a week” before deciding anything."
    )
    assert speaker_of(text, "sleep for a week") == (None, "He")


def test_a_description_opening_the_previous_sentence_goes_to_its_holder() -> None:
    text = (
        "Mayor Ines Tavora opened the new lock gates on Friday with engineer Bo Lund.\n\n"
        "The mayor thanked the crews for finishing early.\n\n"
        "She said the town had “waited forty years for this.”"
    )
    assert speaker_of(text, "waited forty years") == ("Ines Tavora", "She")


def test_a_description_before_a_parenthetical_pronoun_is_not_its_antecedent() -> None:
    # "The ferry pilot, he said, …": "he" is the one talking, not the pilot
    text = (
        "Ruben Ashby spoke to the harbour club on Monday.\n\n"
        "The ferry pilot, he said, had “never once been late.”"
    )
    assert speaker_of(text, "never once been late") == ("Ruben Ashby", "he")


def test_a_description_inside_a_quotation_is_not_a_subject() -> None:
    text = (
        "Ruben Ashby spoke to the harbour club on Monday.\n\n"
        "“The ferry pilot was never late. We owe him a dinner,” he said."
    )
    assert speaker_of(text, "owe him a dinner") == ("Ruben Ashby", "he")


def test_the_object_of_told_is_never_the_speaker() -> None:
    from newsstream.quotes.rules.right import inverted_later_cue, window
    from newsstream.quotes.settings import SETTINGS
    from newsstream.quotes.speakers import tokenize

    text = "“The ferry is late” on the winter route, told the Harbour Ledger."
    toks = tokenize(text, text.index("”") + 1, len(text))
    assert inverted_later_cue(window(text, toks, SETTINGS)) is None
    said = text.replace("told", "said")
    attr = inverted_later_cue(window(said, tokenize(said, said.index("”") + 1, len(said)), SETTINGS))
    assert attr is not None and attr.mention.text == "the Harbour Ledger"


# ------------------------------------------------------------------ canonical names
def test_a_first_name_alone_takes_the_surname_it_is_given_in_the_article() -> None:
    text = (
        "Harbour master Tilda Brennan opened the new quay on Monday.\n\n"
        "Tilda said, “We waited nine years for this.”"
    )
    assert speaker_of(text, "nine years") == ("Tilda Brennan", "Tilda")


def test_a_first_name_shared_by_two_people_stays_alone() -> None:
    text = (
        "Tilda Brennan and Tilda Osei opened the new quay on Monday.\n\n"
        "Tilda said, “We waited nine years for this.”"
    )
    assert speaker_of(text, "nine years") == ("Tilda", "Tilda")


def test_a_headline_in_title_case_is_not_part_of_the_name() -> None:
    text = "Tomas Ekberg On Why Harbours Must Stay Open.\n\nLater he spoke to the club."
    assert People(text).antecedent(text.index("he spoke"), "m").name == "Tomas Ekberg"


def test_a_name_that_ends_with_a_function_word_is_kept() -> None:
    people = People("Lena May said the quay was finished. Later she went home.")
    assert people.antecedent(40, "f").name == "Lena May"


def test_the_person_after_a_possessor_and_a_role_speaks() -> None:
    text = (
        "The vote was close.\n\n"
        "Ilse Marrow’s campaign manager Bo Chen told reporters the count was fair and then said "
        "“we will not ask for a recount.”"
    )
    name, _ = speaker_of(text, "recount")
    assert name == "Bo Chen"


def test_a_document_introducing_the_quotation_is_no_section_label() -> None:
    text = "Transcript as follows:\n\n“We opened the sluices at dawn and the water came up fast.”"
    assert not_a_speaker(text, Mention("Transcript", 0, 10, "name", "transcript", 0, 0)) is None
    assert speaker_of(text, "sluices") == ("Transcript", "Transcript")


# ------------------------------------------------------------------ modifiers, months, asides
def test_a_surname_modifying_a_role_is_not_the_antecedent() -> None:
    text = (
        "Tomas Marrow toured the docks in the morning.\n\n"
        "Marrow campaign manager Tobin Reyes spoke to reporters afterwards.\n\n"
        "“We expect a long night,” he said."
    )
    assert speaker_of(text, "long night") == ("Tobin Reyes", "he")


def test_a_month_before_a_surname_is_no_first_name() -> None:
    text = (
        "At a June Marrow rally in the harbour town, retired pilot Greta Holm spoke first.\n\n"
        "“They should fix the lighthouse,” she said."
    )
    assert speaker_of(text, "fix the lighthouse") == ("Greta Holm", "she")


def test_a_parenthetical_pronoun_does_not_refer_to_the_word_before_it() -> None:
    text = (
        "Tobin Reyes spoke at the harbour club.\n\n"
        "Patience, he noted, is “the first thing a pilot learns.”"
    )
    assert speaker_of(text, "first thing a pilot") == ("Tobin Reyes", "he")


def test_names_after_the_persons_own_pronoun_in_a_clause_are_others() -> None:
    # "…, which he said split evenly between Lee and Chen": Lee and Chen are not who "he" is
    text = (
        "County chairman Piet Varga counted the applications on Monday.\n\n"
        "The district saw thirty applicants, which he said were split evenly between Tomas Lee and Bo Chen.\n\n"
        "“Both men have real support here,” he said."
    )
    assert speaker_of(text, "real support") == ("Piet Varga", "he")


def test_a_name_after_a_fronted_clause_with_its_pronoun_is_the_subject() -> None:
    text = (
        "Tomas Lee and Greta Holm toured the docks.\n\n"
        "When she reached the pier, Holm stopped to talk to the crews.\n\n"
        "“The pilings look sound,” she said."
    )
    assert speaker_of(text, "pilings look sound") == ("Greta Holm", "she")


# ------------------------------------------------------------------ descriptions with modifiers, groups
def test_a_description_with_a_place_goes_only_to_a_holder_named_there() -> None:
    text = (
        "Sen. Tomas Lee (D-Ore.) and Sen. Bo Chen spoke at the port.\n\n"
        "“The channel must be dredged,” the Oregon senator said."
    )
    assert speaker_of(text, "dredged") == ("Tomas Lee", "the Oregon senator")
    other = text.replace("the Oregon senator", "the Nevada senator")
    assert speaker_of(other, "dredged") == (None, "the Nevada senator")


def test_a_plural_description_is_never_one_person() -> None:
    text = (
        "Delegate Piet Varga walked out of the hall.\n\n"
        "“We will not be silenced,” the delegates said."
    )
    assert speaker_of(text, "silenced") == (None, "the delegates")


# ------------------------------------------------------------------ same surname, other person
def test_mr_surname_is_not_the_woman_with_that_surname() -> None:
    text = (
        "Greta Okafor opened the exhibition. Her husband had opened the harbour in 1990.\n\n"
        "“I have never seen the town so full,” Mr. Okafor said."
    )
    name, mention = speaker_of(text, "never seen the town")
    assert mention == "Okafor" and name != "Greta Okafor"


def test_the_fullest_name_starts_at_the_first_name_not_at_a_headline_verb() -> None:
    text = (
        "Council Refuses to Disavow Tomas Lindqvist Plan.\n\n"
        "“The plan is sound,” Lindqvist said."
    )
    assert speaker_of(text, "plan is sound") == ("Tomas Lindqvist", "Lindqvist")


# ------------------------------------------------------------------ the person, not the organisation
@pytest.mark.parametrize(
    "text",
    [
        "“We will appeal the ruling,” said ferry company spokesman Tobin Reyes.",
        "“We will appeal the ruling,” the company’s spokesman, Tobin Reyes, said on Monday.",
        "The company’s spokesman, Tobin Reyes, said “we will appeal the ruling.”",
        "The company will “appeal the ruling” within a week, according to operations chief Tobin Reyes.",
    ],
)
def test_the_spokesperson_named_with_the_organisation_speaks(text: str) -> None:
    quotes = extract_quotes(text)
    assert len(quotes) == 1 and quotes[0].speaker is not None
    assert quotes[0].speaker.name == "Tobin Reyes"


def test_a_lone_surname_goes_to_the_quoted_family_member_named_most() -> None:
    text = (
        "“The festival is back,” said Mayor Tomas Okafor. Tomas Okafor has led the town since 2010, "
        "and Tomas Okafor plans to run again.\n\n"
        "The crowd also heard his daughter, Lina Okafor, who described the festival as “the best week of the year.”\n\n"
        "“We will build a second pier,” Okafor said."
    )
    assert speaker_of(text, "second pier") == ("Tomas Okafor", "Okafor")


def test_coordinated_speakers_with_roles_come_out_as_one() -> None:
    text = "Harbour master Anna Price and ferry captain Bo Chen said the new timetable was “reckless”."
    name, _ = speaker_of(text, "reckless")
    assert name == "Anna Price and Bo Chen"


def test_a_description_with_a_comma_closed_name_appositive_gives_the_person() -> None:
    text = "The club’s captain, Tomas Lee, released a statement: “We will play on.”"
    assert speaker_of(text, "We will play on.")[0] == "Tomas Lee"


def test_the_councillor_is_the_person_titled_cllr() -> None:
    text = (
        "Cllr Greta Holm visited the flooded streets on Tuesday.\n\n"
        "“We will not leave anyone behind,” the councillor said."
    )
    assert speaker_of(text, "leave anyone behind") == ("Greta Holm", "the councillor")
