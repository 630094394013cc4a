"""Thresholds of the quote stage, each with where it came from.

All are set from reading news conventions and checked on the dev set with
``bench/quotes.py``; rerun the bench after changing one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class QuoteSettings:
    # names of attribution rules switched off (``newsstream.quotes.rules.TABLE``): for ablation in
    # ``bench/quotes.py --rules``; empty in production
    disabled_rules: frozenset[str] = frozenset()
    # characters of context read on each side of a quotation (a long sentence)
    window_chars: int = 400
    # characters tokenised first; the full window only when no sentence end is found in them
    quick_chars: int = 160
    # characters before an opening mark searched for a title trigger word
    trigger_chars: int = 40
    # a stretch this short after a title trigger ("titled", "so-called") is a name, not speech
    short_words: int = 8
    # a stretch up to this long between a first name and a surname is a nickname
    nickname_words: int = 3
    # a Title Case stretch up to this long is a name or title, not speech
    title_words: int = 8
    # words before an opening mark that announce a name or a title, not speech ("the word",
    # "the term", "dubbed" are left out: somebody is usually reported as using the words)
    title_triggers: tuple[str, ...] = (
        "so-called",
        "so called",
        "titled",
        "entitled",
        "nicknamed",
        "the nickname",
        "the pseudonym",
        "the alias",
        "the pen name",
        "the stage name",
        "the slogan",
        "the hashtag",
        "the headline",
        "the book",
        "the film",
        "the movie",
        "the song",
        "the show",
        "the program",
        "the album",
        "the series",
        "the article",
        "the column",
        "the op-ed",
        "the essay",
        "the documentary",
    )
    # cues that name something: a Title Case stretch after them is a name, not speech
    naming_cues: tuple[str, ...] = (
        "called",
        "calls",
        "calling",
        "dubbed",
        "labeled",
        "labelled",
        "named",
        "titled",
        "nicknamed",
        "branded",
        "termed",
    )
    # a Title Case stretch right after one of these is a programme or work ("on “This Week”",
    # "told “Good Day Live”": the programme spoken to)
    title_prepositions: tuple[str, ...] = ("on", "in", "of", "for", "from", "told")
    # verbs of making or presenting a work: a Title Case stretch right after one is the work's name
    # ("she edits “The Quay Column”", "he hosted “Harbour Nights”"); general English, issue 9
    work_verbs: tuple[str, ...] = (
        *("edit", "edits", "edited", "host", "hosts", "hosted", "co-hosts", "co-hosted"),
        *("anchor", "anchors", "anchored", "direct", "directs", "directed", "produce", "produces", "produced"),
    )
    # nouns for works and programmes: a Title Case stretch right after one is its name
    work_nouns: tuple[str, ...] = (
        "show",
        "program",
        "programme",
        "book",
        "film",
        "movie",
        "podcast",
        "series",
        "documentary",
        "column",
        "commentary",
        "editorial",
        "op-ed",
        "play",
        "song",
        "album",
        "ad",
        "advert",
        "newsletter",
        "magazine",
        "memo",
        "report",
        "essay",
        "article",
        "headline",
        "novel",
        "musical",
        "sitcom",
        "segment",
        "video",
        "campaign",
        "initiative",
        "slogan",
        "hashtag",
        "bill",
        "act",
        "plan",
        "titled",
        "entitled",
    )
    # tokens after a closing mark searched for the clause's first cue: a cue past a 30-token stretch
    # belongs to another clause (v1 value, set by reading news sentences, kept unchanged)
    right_max_tokens: int = 30
    # words allowed after a sentence-closing cue before the sentence ends ("…, the board said on
    # Monday." / "…, Lee told the Harbour Gazette."): a short time phrase or an object; set by
    # reading news sentences (a weekday phrase is 2, "told The Daily Post" 3)
    clause_final_tail_tokens: int = 3
    # tokens allowed between a closing mark and the speaker phrase, for a role ("“Q,” Senate
    # Majority Leader Ann Lee said"); v1 value from the longest job titles read, kept unchanged
    role_gap_tokens: int = 8
    # tokens of an appositive (", a historian at the city library,") after a parenthetical cue's
    # speaker; matches speakers.APPOSITIVE_MAX_TOKENS (v1 value)
    appositive_gap_tokens: int = 14
    # tokens between "with" and an -ing cue ("with the office of the county clerk saying"); v1 value
    absolute_max_tokens: int = 12
    # a sentence-opening name more than this many characters before a colon is no speaker name
    # (a long sentence that merely starts with a name); v1 value, about one short clause
    colon_name_gap_chars: int = 60
    # blank characters allowed between a paragraph edge and a quotation mark (a signature line, a
    # quotation opening its paragraph); v1 value: a few spaces or a stray tab from scraping
    signature_gap_chars: int = 8
    # tokens of a "CITY, St. —" dateline skipped before a sentence's subject (a city, a state
    # abbreviation and an agency name fit; v1 value, kept unchanged)
    dateline_max_tokens: int = 12
    # tokens searched past an opening phrase for the sentence's subject ("In a long speech to the
    # harbour board on Monday, Lee …"); same horizon as right_max_tokens (v1 value)
    subject_search_tokens: int = 30
    # words of a short description closing an inverted cue ("said the 52-year-old."); v1 value:
    # a determiner, two modifiers and a head
    short_description_words: int = 4
    # tokens after an inverted cue within which the speaker's name may start ("said former state
    # Gov. and party chairman Ann Lee"); v1 value, kept unchanged
    verb_first_max_tokens: int = 12
    # tokens of a short prepositional phrase between a speaker and a cue ("Lee in her weekly
    # column called …"); v1 value
    pp_max_tokens: int = 6
    # tokens of a poll phrase ("a statewide county-level phone poll"); v1 value
    poll_phrase_tokens: int = 8
    # an uncued, unattributed fragment this short (no end punctuation) is a scare quote
    label_words: int = 4
    # a paragraph this short after a quotation can be its signature ("- Ann Lee, Institute of Tides.")
    signature_chars: int = 90
    # short paragraphs ("She pauses.") a quotation-only paragraph can inherit across
    beat_chars: int = 40
    beat_paragraphs: int = 2
    # confidence given to a quotation by how its speaker was found
    confidence_adjacent: float = 0.9  # cue right beside the quotation
    confidence_cue: float = 0.75  # cue elsewhere in the sentence
    confidence_inherited: float = 0.6  # speaker of the previous quotation
    confidence_guess: float = 0.45  # subject of the sentence, no cue
    confidence_none: float = 0.3  # no speaker found


SETTINGS = QuoteSettings()
