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
    # characters before an opening mark read for a colon or a wording verb and the word before it:
    # the longest verb of wording_verbs.txt ("proclaiming", 11) and a long word before it, with a
    # comma and spaces (extract.py)
    intro_chars: int = 40
    # words of a page label before a colon ("Read more:", "See it here:"): at most this many words
    # open the paragraph; general web-page furniture, three words or fewer (extract.py)
    page_label_words: int = 3
    # characters before an opening mark read for "headlined"/"titled": the word, a comma and spaces
    long_title_chars: int = 12
    # characters before an opening mark searched for a roundup's byline ending in a colon ("…," by the
    # Harbour Post's Ann Lee: "…"): a credit of an outlet and a writer, about 40 characters, with room
    # for a long outlet name (general press-roundup layout; extract.py)
    byline_chars: int = 80
    # words allowed between a naming verb and the mark: "call the old bridge", "refer to the crane as"
    # (not_quotations.py)
    naming_object_words: int = 4
    # characters between a listed term and the previous item's comma ("“a,” “b”", "“a”, “b”")
    list_gap_chars: int = 4
    # characters after the closing mark read by the not-quotation rules: a copula, up to four words
    # and a term noun ("is the highest level of …"), or a share "(34%)" / "with 6 percent" (about
    # one clause)
    after_mark_chars: int = 60
    # a share right before an answer is matched on this many last characters ("100.00 per cent" is 15)
    share_tail_chars: int = 16
    # blanks, a comma or a closing mark between an answer's marks and its share
    share_gap_chars: int = 4
    # a credit is one short line (a name, "via", an agency) (nonspeakers.py)
    credit_line_max_chars: int = 200
    # blank characters allowed before a dateline or label at a line start (nonspeakers.py)
    line_start_chars: int = 3
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
    # speaker, and of an appositive role between commas in speakers.py (v1 value)
    appositive_gap_tokens: int = 14
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
    # the participle of a passive cue must sit this close to the opening mark (tokens, past the
    # agent links "as"/"a"/"the" and adverbs): "has been called a “Q”" has 2; chosen by grammar,
    # not fitted to dev (rules/agent.py)
    participle_reach: int = 4
    # characters searched for "by" on each side before the tokens are read (the passive agent's quick
    # test): longer than the longest agent phrase the rules accept before the mark ("seen by the
    # harbour board's pilots as a") and than the dash and "as described" after it
    agent_quick_chars: int = 80
    # blanks allowed between a closing mark and a relative "who" that relates to the quoted words
    relative_mark_chars: int = 4
    # ---- the people of an article (registry.People) and speaker coreference (coref.Resolver)
    # a canonical name keeps at most this many words (registry and coref alike)
    name_max_words: int = 4
    # closing marks allowed after a sentence's final period (”) or .”’) or ."])
    closers_max: int = 3
    # lowercase words read before a name for its role ("former campaign manager"), within
    # role_before_chars characters (four words of up to about 15 characters)
    role_words_before: int = 4
    role_before_chars: int = 60
    # How far back a pronoun looks for its antecedent, in sentences. News paragraphs are one to
    # three sentences; five reaches the paragraph before the previous one. Dev (bench/quotes.py
    # name score, pronoun subset, lenient accuracy / precision when named), 2026-11-29:
    # 2: 0.460/0.654, 3: 0.528/0.622, 5: 0.558/0.601, 8: 0.564/0.592 - past 5 a sentence adds
    # little and costs precision.
    antecedent_sentences_back: int = 5
    # Characters read back from a pronoun: five news sentences (about 25 words of 6 characters
    # each) with a margin of two; sentences are then counted inside this window.
    antecedent_window_chars: int = 1500
    # capitalised runs read per article (bounded work on pathological input)
    name_runs_max: int = 3000
    # A role word sits within a few words of the name it describes ("spokesman for the county
    # council, Ann Lee," is about 40 characters); 100 covers an appositive of ~15 words.
    role_reach_chars: int = 100
    # earlier occurrences of one role word looked at (bounded work)
    role_max_hits: int = 8
    # a region read around a role word is widened to a clause end at most this far
    region_widen_chars: int = 60
    # a first name before a lone surname is read this far back at most
    first_name_max_chars: int = 20
    # "Tulov said he" / "Tulov, who lost her seat": a pronoun among the next few words gives a person
    # known by one name a gender (five words: the speech verb or "who", one or two more, the
    # pronoun), read within pronoun_gender_chars characters
    pronoun_gender_words: int = 5
    pronoun_gender_chars: int = 60
    # characters read before a person for "asked" (and a title) right before the name
    asked_chars: int = 40
    # words allowed between the asking subject and the person asked ("Lee then asked Chen", "Lee, the
    # host, asked Chen"): the verb, an adverb and a short appositive
    asked_max_words: int = 5
    # characters read before a name for ", " or ", said " (a sentence-final reporting clause; the
    # words allowed after its verb are clause_final_tail_tokens)
    reporter_before_chars: int = 24
    # characters read back for an inverted cue before a name ("said" .. "acknowledged")
    speech_verb_chars: int = 16
    # characters read before a capitalised run for a place preposition ("in", "across"): one
    # short word and its blanks
    place_preposition_chars: int = 12
    # "Lee campaign manager Bo Chen": words (within modifier_chars characters) read after a name for
    # a role noun and another name; a role of up to three words and the next name's first word
    modifier_words: int = 5
    modifier_chars: int = 60
    # occurrences of a lone surname looked at to find who bears it
    surname_max_hits: int = 20
    # lone surnames searched for in the whole text per article (bounded work on hostile input;
    # as full_name_max_lookups; a news article has a few dozen)
    surname_max_searches: int = 200
    # terminators looked at while finding one sentence start (abbreviations, decimals, "...");
    # a real sentence has a handful, hostile text ("........") must not cost more
    sentence_max_steps: int = 64
    # capitalised words read before a surname for its full name, and the characters searched back
    # for them (four words of about 20 characters)
    pre_name_max_words: int = 4
    pre_name_chars: int = 80
    # a word longer than this before a surname is no first name
    pre_name_word_chars: int = 40
    # new one-word names looked up per article (bounded work)
    full_name_max_lookups: int = 200
    # surname occurrences looked at per new speaker
    full_name_max_hits: int = 50
    # people sharing one surname compared by mentions (a family: two or three)
    bearers_compared: int = 4
    # recently quoted entities a pronoun or description can refer to
    recent_max: int = 64
    # characters read after an appositive name for its closing comma or speech verb
    appositive_after_chars: int = 20
    # how far back an "it" looks for a document or organisation
    document_lookback_chars: int = 800
    # ---- noun-phrase parsing (speakers.py, read from the default settings)
    # words between a determiner and a possessor ("the retired harbour pilot’s")
    possessor_words: int = 4
    # words after "of" in a role's complement ("the head of the port authority")
    of_complement_words: int = 3
    # a stop word this short is never read as a surname ("In", "At", "As")
    surname_stop_word_min_chars: int = 3
    # occurrences of a capitalised stop word looked at for a first name before it
    surname_stop_word_max_hits: int = 20
    # confidence given to a quotation by how its speaker was found
    confidence_adjacent: float = 0.9  # cue right beside the quotation
    confidence_cue: float = 0.75  # cue elsewhere in the sentence
    confidence_inherited: float = 0.6  # speaker of the previous quotation
    confidence_guess: float = 0.45  # subject of the sentence, no cue
    confidence_none: float = 0.3  # no speaker found


SETTINGS = QuoteSettings()
