"""People known by a name the first-name lexicon does not hold (issue 9, name resolution).

A capitalised run doing the talking (a speech verb after it or just before it, or a ``, who``
clause after it) is a person whatever its first name; a nearby he/she gives such a person a
gender; a body's name before a person's name does not hide the person. Sentences invented.
"""

from __future__ import annotations

from newsstream.quotes import extract_quotes
from newsstream.quotes.cues import compatible
from newsstream.quotes.registry import People
from newsstream.quotes.speakers import parse_np_right, tokenize


def _antecedent(text: str, pronoun: str, gender: str) -> str | None:
    person = People(text).antecedent(text.index(pronoun), gender)
    return person.name if person is not None else None


def test_a_surname_alone_that_speaks_is_a_person() -> None:
    text = "Tulvaar, who runs the ferry, said the fares would rise. Later he spoke of the winter."
    assert _antecedent(text, "he spoke", "m") == "Tulvaar"


def test_an_unknown_first_name_and_surname_that_speak_are_a_person() -> None:
    text = "Ozrik Penhallow said the pier was safe. In the evening he closed the gate."
    assert _antecedent(text, "he closed", "m") == "Ozrik Penhallow"


def test_an_inverted_cue_before_the_name_also_speaks() -> None:
    text = "The gate is shut, said Penhallow. At dawn he opened it again."
    assert _antecedent(text, "he opened", "m") == "Penhallow"


def test_a_pronoun_after_the_cue_gives_the_gender() -> None:
    text = "Ozrik Penhallow said she would stay. Brannoc Vell waved. Later she left the quay."
    # Vell has no gender; Penhallow is a "she" from "said she": the she goes to her, the subject
    # of the nearest sentence (Vell) stays a possible antecedent only if compatible
    people = People(text)
    people.antecedent(text.index("she left"), "f")
    assert people.persons["penhallow"][0].gender == "f"


def test_a_capitalised_common_word_opening_a_sentence_is_no_person() -> None:
    text = "Moss Tarrant met the board. Cost estimates, he added, were low, and the cost fell."
    # "Cost estimates": a speech verb follows "Cost", but the article writes "cost" in lowercase
    people = People(text)
    people.antecedent(text.index("he added"), "m")
    assert "cost" not in people.persons


def test_a_word_that_does_not_speak_stays_no_person() -> None:
    text = "Tulvaar grew in the spring. Later he spoke of the winter."
    assert _antecedent(text, "he spoke", "m") is None


def test_a_body_before_a_name_does_not_hide_the_person() -> None:
    text = "Harbour Council Democrat Nadia Lund backed the plan. Later she left early."
    assert _antecedent(text, "she left", "f") == "Nadia Lund"


def test_a_body_alone_is_no_person() -> None:
    text = "Harbour Council Finance met on Monday. Later she left early."
    assert _antecedent(text, "she left", "f") is None


def test_the_pronoun_speaker_takes_the_full_name_of_a_person_met_by_surname() -> None:
    text = (
        "The ferry operator Ozrik Penhallow opened the new pier on Monday.\n\n"
        "Penhallow said the fares would stay low.\n\n"
        "“Nobody should pay more to cross the bay,” he said."
    )
    (quote,) = extract_quotes(text)
    assert quote.speaker is not None and quote.speaker.name == "Ozrik Penhallow"


def test_the_person_a_pronoun_speaks_to_is_not_its_antecedent() -> None:
    text = "Peter Penhallow met Tomas Ekberg at the pier.\n\n“They turn at noon,” he told Penhallow."
    assert _antecedent(text, "he told", "m") == "Tomas Ekberg"


def test_without_an_object_the_subject_stays_the_antecedent() -> None:
    text = "Peter Penhallow met Tomas Ekberg at the pier.\n\n“They turn at noon,” he said."
    assert _antecedent(text, "he said", "m") == "Peter Penhallow"


def test_the_reporter_of_the_previous_sentence_beats_its_subject() -> None:
    text = "Tomas Ekberg rebuilt the harbour wall, Ozrik Penhallow said.\n\n“It took a year,” he said."
    assert _antecedent(text, "he said", "m") == "Ozrik Penhallow"
    text = "Tomas Ekberg rebuilt the harbour wall, said Ozrik Penhallow.\n\n“It took a year,” he said."
    assert _antecedent(text, "he said", "m") == "Ozrik Penhallow"


def test_a_name_closing_a_sentence_without_a_cue_is_no_reporter() -> None:
    text = "Tomas Ekberg rebuilt the harbour wall for Ozrik Penhallow.\n\n“It took a year,” he said."
    assert _antecedent(text, "he said", "m") == "Tomas Ekberg"


def test_a_group_word_is_never_the_subject_a_he_refers_to() -> None:
    text = "Americans waited. Bo Chen waited. He said so."
    he = parse_np_right(tokenize(text, text.index("He"), len(text)), 0, text)
    group = parse_np_right(tokenize(text, 0, text.index(" waited")), 0, text)
    person = parse_np_right(tokenize(text, text.index("Bo"), text.index(" waited. He")), 0, text)
    assert he is not None and group is not None and person is not None
    assert compatible(he, person)
    assert not compatible(he, group)


def test_a_description_names_its_person_in_the_appositive_after_it() -> None:
    text = "“The ferry will run all winter,” said the harbour master, Ozrik Penhallow, on Monday."
    (quote,) = extract_quotes(text)
    assert quote.speaker is not None and quote.speaker.name == "Ozrik Penhallow"
    text = "“The ferry will run all winter,” another pilot, Nadia Lund told the radio."
    (quote,) = extract_quotes(text)
    assert quote.speaker is not None and quote.speaker.name == "Nadia Lund"


def test_a_description_followed_by_a_place_or_a_body_stays_unnamed() -> None:
    text = "“The ferry will run all winter,” said the harbour master, Harbour Authority officials added."
    (quote,) = extract_quotes(text)
    assert quote.speaker is not None and quote.speaker.name is None


def test_the_person_after_a_bodys_possessive_is_the_name() -> None:
    text = "“The ferry will run all winter,” said the Harbour Gazette’s Ozrik Penhallow."
    (quote,) = extract_quotes(text)
    assert quote.speaker is not None and quote.speaker.name == "Ozrik Penhallow"


def test_a_possessive_before_a_body_keeps_the_body() -> None:
    text = "“The ferry will run all winter,” said the council’s Harbour Office."
    (quote,) = extract_quotes(text)
    assert quote.speaker is not None and quote.speaker.name != "Harbour Office"


def test_a_person_introduced_with_a_role_takes_the_next_pronoun_from_a_known_subject() -> None:
    text = (
        "Tomas Ekberg spoke at noon.\n\n"
        "While Ekberg talked, the new tolls worried Ozrik Penhallow, a ferry pilot from the north.\n\n"
        "“Nobody will pay that,” he said."
    )
    assert _antecedent(text, "he said", "m") == "Ozrik Penhallow"


def test_a_name_after_and_or_a_known_person_is_no_newcomer() -> None:
    text = (
        "Tomas Ekberg spoke at noon.\n\n"
        "Ekberg thanked the crew, the mayor and Ozrik Penhallow, who runs the pier.\n\n"
        "“Nobody will pay that,” he said."
    )
    assert _antecedent(text, "he said", "m") == "Tomas Ekberg"


def test_a_headline_in_capitals_does_not_spell_the_name() -> None:
    text = "HARBOUR VOTE: TOMAS EKBERG WINS\n\nTomas Ekberg won on Monday.\n\nEkberg thanked all. Later he went home."
    assert _antecedent(text, "he went", "m") == "Tomas Ekberg"


def test_the_person_asked_answers() -> None:
    text = "Peter Penhallow then asked Tomas Ekberg when the tide turns.\n\n“At noon,” he said."
    assert _antecedent(text, "he said", "m") == "Tomas Ekberg"


def test_asking_about_someone_leaves_the_subject_the_speaker() -> None:
    text = "Peter Penhallow asked about the tides after Tomas Ekberg left.\n\n“At noon,” he said."
    assert _antecedent(text, "he said", "m") == "Peter Penhallow"


def test_a_role_noun_before_a_name_makes_it_a_person_whatever_the_first_name() -> None:
    text = "The ferry pilot Ozrik Penhallow waited at the pier. Later he closed the gate."
    assert _antecedent(text, "he closed", "m") == "Ozrik Penhallow"


def test_a_capitalised_pair_after_a_plain_word_is_no_person() -> None:
    text = "The ferry reached Ozrik Harbour at dawn. Later he closed the gate."
    assert _antecedent(text, "he closed", "m") is None


def test_a_surname_that_is_also_a_stop_word_speaks() -> None:
    text = "Tom Early runs the pier.\n\nEarly described the new tolls as “news to me.”"
    (quote,) = extract_quotes(text)
    assert quote.speaker is not None and quote.speaker.name == "Tom Early"


def test_a_stop_word_no_one_bears_stays_a_word() -> None:
    text = "The board met at dawn.\n\nEarly reports described the new tolls as “news to me.”"
    (quote,) = extract_quotes(text)
    assert quote.speaker is None or quote.speaker.mention != "Early"
