"""The pattern table of the cleaning stage: every kind of debris, as data.

Each :class:`LineRule` tests one whole, white-space-normalised line (a paragraph of
scraped text or of the HTML extraction). A rule is only tried on lines up to its
``max_chars``, so long body paragraphs are never touched by it, and every regex is
free of nested, overlapping quantifiers (each repetition is bounded or separated by a
character the repeated part cannot contain), so matching is linear in the line length.

=====================  =============================================================
kind                   what it removes
=====================  =============================================================
``credit``             image credits: ``Image copyright`` + ``Reuters``, ``Getty Images``,
                       ``AFP/Getty Images``, ``Image source, EPA``, ``Photo: ...``
``caption``            image captions: ``Image caption`` + sentence, text glued before
                       ``Image copyright`` (the lead-image description), a line ending in
                       ``(credit: ...)``; kept in ``captions``. HTML path: lines equal to a
                       ``figcaption``/caption element or an image ``alt`` text
``media_caption``      ``Media caption...``/``Video caption...`` (often glued to the sentence);
                       kept in ``captions``
``share_prompt``       ``Share this with``, ``Email``, ``Facebook``, ``Twitter``, ``Follow us on...``
``related``            ``Related Topics``, ``More on this story``, ``Read more:``, ``DON'T MISS``,
                       ``Most read in ...``, ``... [VIDEO]`` link lines, and the link titles under
                       those headers. HTML path: a line that is the whole text of one link
``newsletter``         ``Sign up for our ... newsletter``, ``... delivered to your inbox``
``byline``             ``By Jane Doe``, ``... contributed to this report``, ``Reporting by ...``,
                       ``SOURCE: News agencies``, ``Have a tip? ...``, ``Posted by ...``,
                       an author's e-mail or social-profile line, an author bio ending in
                       ``Follow him on Twitter ...``
``copyright``          ``© 2019 BBC``, ``Copyright ...``, ``... All rights reserved.``
``dateline``           ``Updated at 1:23 p.m.``, ``Published Monday, Nov. 18, 2019``, ``4 min read``
``dateline`` (dates)   a line that is only a date or time (:func:`is_date_line`)
``tags``               ``Tags: ...``, ``Categories: ...``, ``Filed under: ...``
``promo``              ``... Click here for more information.``, ``If you enjoyed this article, ...``,
                       ``Follow our full coverage at https://...``
``comments``           ``Comments``, ``12 comments``, ``Leave a reply``, ``Tell us what you think``
``advert``             ``Advertisement``, ``Story continues below``, ``Media playback is
                       unsupported on your device``
``markup``             leftover tags (``<p>``), shortcodes (``[button ...]``), HTML entities
                       (``&amp;`` is decoded, the entity is recorded)
``debris``             JSON escapes (``\\n``), lone ``}``/``]`` lines and glued trailing braces
``repeated_title``     the headline repeated in the body (text path: at the end)
=====================  =============================================================

The caption markers (``Image copyright``, ``Image caption``, ...) are handled by
:mod:`newsstream.cleaning.boilerplate` because they are glued to other text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import groupby
from typing import Any

IGNORE = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class LineRule:
    """One row of the pattern table.

    :param kind: the removal kind recorded for a matching line.
    :param pattern: compiled regex; ``fullmatch`` (the whole line) unless ``search`` is set.
    :param max_chars: lines longer than this are not tested.
    :param search: test with ``search`` (anywhere in the line) instead of ``fullmatch``.
    :param block: the line heads a block: the short link-title lines under it go too.
    :param note: an example of what it matches.
    :param hints: lower-case words one of which must occur in the line before the regex
        is tried (a cheap prefilter; required for ``search`` rules).
    :param requires: a character every match contains: a whole-line rule is not tried on a line
        without it (a cheap prefilter for a regex that scans the line before it can fail).
    """

    kind: str
    pattern: re.Pattern[str]
    max_chars: int
    search: bool = False
    block: bool = False
    note: str = ""
    hints: tuple[str, ...] = ()
    requires: str = ""

    def matches(self, line: str) -> bool:
        if len(line) > self.max_chars:
            return False
        if self.search:
            return self.pattern.search(line) is not None
        return self.pattern.fullmatch(line) is not None


def _rule(kind: str, regex: str, max_chars: int, note: str, *, flags: int = IGNORE, **kw: Any) -> LineRule:
    return LineRule(kind, re.compile(regex, flags), max_chars, note=note, **kw)


SOCIAL = r"(?:twitter|facebook|instagram|youtube|linkedin|pinterest|whatsapp|telegram|tiktok|flipboard|x)"
RELATED_WORDS = (
    r"(?:related(?: topics| stories| articles| content| coverage| posts| links| internet links| news| reading)?"
    r"|more on this story|more on this topic|more from [\w'’ ]{1,40}|you may also like|you might also like"
    r"|you may be interested in|recommended(?: for you| stories| articles)?|don['’]?t miss"
    r"|most (?:read|popular|viewed|shared)(?: in [\w ]{1,40})?"
    r"|trending(?: now| stories)?|top stories|more stories|read next|up next|also read|read also|see also"
    r"|read more|see more|more|leggi anche|leia também|leia mais|lea también|lire aussi|mehr zum thema"
    r"|читайте также)"
)

LINE_RULES: tuple[LineRule, ...] = (
    # share and follow prompts
    _rule(
        "share_prompt",
        r"(?:share(?: this| this with| this article| this story| this page| on " + SOCIAL + r"| via email)?"
        r"|e-?mail|print|tweet|pin it|copy this link|copy link|link copied|messenger|reddit|"
        + SOCIAL
        + r"|click to share on \w+(?: \(opens in new window\))?"
        r"|these are external links and will open in a new window)[.:]?",
        60,
        "Share this with / Email / Facebook",
    ),
    _rule(
        "share_prompt",
        r"^(?:follow|like us|join us|find us|connect with us)(?: [\w@.'’&-]{1,40}){0,8} on " + SOCIAL + r"\b",
        400,
        "Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.",
        search=True,
        hints=("follow", "like us", "join us", "find us", "connect with us"),
    ),
    _rule(
        "byline",
        r"\bfollow (?:him|her|them|us|me) (?:on|at) " + SOCIAL + r"\b",
        400,
        "Mike Wall's book ... is out now. Follow him on Twitter @michaeldwall.",
        search=True,
        hints=("follow",),
    ),
    _rule("promo", r"follow\b.{0,150}https?://\S{1,200}", 300,
          "Follow AP's full coverage of Brexit at https://www.apnews.com/Brexit"),
    # related-content headers and link lines
    _rule("related", RELATED_WORDS + r"\s?[:.…]{0,3}", 60, "Related Topics / More on this story", block=True),
    _rule("related", RELATED_WORDS + r"\s?:\s?\S.{0,200}", 240, "READ MORE: China plague outbreak confirmed"),
    _rule(
        "related",
        r".{1,200}\[(?:insight|video|pics|pictures|photos|reaction|news|warning|latest|revealed|analysis"
        r"|poll|exclusive|live|update|report|comment)\]\s?\|?",
        240,
        "Hong Kong 'threatened with Chinese military intervention' [REACTION]",
        hints=("]",),
    ),
    # newsletter and subscription prompts
    _rule(
        "newsletter",
        r"\b(?:sign up|sign-up|signup|subscrib(?:e|ing)|register|delivered)\b.{0,160}\b(?:newsletters?|inbox)\b",
        300,
        "Sign up for the free daily newsletter.",
        search=True,
        hints=("sign", "subscri", "regist", "delivered"),
    ),
    _rule(
        "newsletter",
        r"\b(?:newsletters?|inbox)\b.{0,80}\b(?:sign up|subscrib(?:e|ing))\b"
        r"|^get (?:the latest|our|the best).{0,120}\b(?:in|to) your inbox",
        400,
        "Get the latest updates right in your inbox.",
        search=True,
        hints=("newsletter", "inbox"),
    ),
    # bylines and contributor lines inside the body
    _rule(
        "byline",
        r"(?:by|By|BY) [A-Z][\w.'’-]{0,40}(?: [A-Z][\w.'’-]{0,40}){0,4}"
        r"(?:,? (?:and|&) [A-Z][\w.'’-]{0,40}(?: [A-Z][\w.'’-]{0,40}){0,4})?",
        100,
        "By Jane Doe",
        flags=0,
    ),
    _rule("byline", r"\bcontributed (?:to )?(?:this|the) (?:report|story|article)\.?$", 300,
          "Fox News’ Jessica Napoli contributed to this report.", search=True, hints=("contributed",)),
    _rule("byline", r"(?:additional )?(?:reporting|writing|editing) by\b.{0,300}", 400,
          "Reporting by Rodrigo Campos; Editing by Nick Zieminski"),
    _rule("byline", r"(?:source|sources)\s?:\s?\S.{0,60}", 80, "SOURCE: News agencies"),
    _rule(
        "byline",
        r"(?:e-?mail:? ?)?[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,4}"
        r"|(?:https?://)?(?:www\.)?(?:twitter|facebook|instagram|linkedin)\.com/[\w./?=&-]{1,100}",
        120,
        "paul.takahashi@chron.com / twitter.com/paultakahashi (an author's contact line)",
    ),
    _rule("byline", r"(?:have|got) a (?:news )?tip\?.{0,300}", 400, "Have a tip? Amy may be reached at ..."),
    _rule(
        "byline",
        r"(?:[\d/.,: -]{1,24})?(?:posted|published|publicado|publicada|pubblicato) (?:by|por|da)\b.{0,200}",
        250,
        "05/10/2018 - Publicado por: Clarissa Borba - Categoria: Saúde",
    ),
    _rule(
        "dateline",
        r"\(?(?:updated|last updated|published|posted|first published)(?: on| at)?:? "
        r"(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[\w ,:/.+-]{0,40}\)?",
        60,
        "Updated at 1:23 p.m.",
    ),
    _rule("tags", r"(?:tags?|categor(?:y|ies)|filed under|topics?|keywords?)\s?:.{0,200}", 250, "Tags: flood, weather"),
    _rule(
        "dateline",
        r"(?:reading time|read time|tempo de leitura|tiempo de lectura|lesezeit|temps de lecture)\s?:?\s?.{0,30}"
        r"|\d{1,3} ?(?:min|minute|minutes|mins)\.? read",
        50,
        "Tempo de leitura: 1 minuto / 4 min read",
    ),
    # promotion of the site itself
    _rule("promo", r".{0,200}\bclick here\b.{0,200}", 300, "12 issues for £11.99. Click here for more information.",
          hints=("click here",)),
    _rule("promo", r"if you (?:enjoyed|liked|value|appreciate)d? (?:this|our)\b.{0,500}", 600,
          "If you enjoyed this article, we have a proposition for you: Join ..."),
    # copyright footers
    _rule(
        "copyright",
        r"(?:copyright ?)?(?:©|\(c\)) ?.{0,200}|copyright ?\d{4}.{0,200}"
        r"|copyright [^.]{0,80}all rights reserved.{0,100}",
        200,
        "© 2019 BBC. / Copyright 2019 Fox News",
    ),
    _rule("copyright", r".{0,150}\ball rights reserved\.?", 200, "Condé Nast. All rights reserved.",
          hints=("reserved",)),
    # comment widgets
    _rule(
        "comments",
        r"(?:\d{1,6} )?comments?|leave a (?:comment|reply)|post a comment|add a comment|show comments"
        r"|view comments|join the (?:discussion|conversation)|tell us what you think[.…]{0,3}",
        60,
        "Tell us what YOU think...",
    ),
    # advertising and player debris
    _rule(
        "advert",
        r"advertisement|advertising|sponsored(?: content)?|story continues below(?: advertisement)?"
        r"|continue reading(?: below| the main story)?|skip (?:ad|advertisement)|scroll to continue(?: with content)?"
        r"|media playback is (?:unsupported|not supported) on your device|play video|watch video|loading[.…]{0,3}",
        80,
        "Media playback is unsupported on your device",
    ),
    # credits written out on their own line
    _rule(
        "credit",
        r"\(?(?:image|photo|picture|video|photograph|illustration)s?(?: credit| source| courtesy| by)?\s?[:|]\s?"
        r"[^()]{1,120}\)?",
        150,
        "(Image credit: All About Space) / Photo: Reuters",
    ),
    _rule("credit", r"\(?(?:credit|courtesy)\s?:\s?[^()]{1,100}\)?", 120, "Credit: NASA/JPL"),
    # a caption ending with its credit in brackets (kept in ``captions``)
    _rule(
        "caption",
        r"\|?[^()|]{10,400}\((?:(?:credit|photo|image|picture|source)s?:|(?:photo|image|picture)s? (?:by|courtesy)\b)"
        r"[^()]{1,100}\)\s?\|?",
        520,
        "The core stage at Michoud after the engines were installed. (credit: NASA/Jude Guidry)"
        " / Two riders cross the finish line together. (Photo by Jane Doe/Agency)",
        # the costliest whole-line row: it scans up to 400 characters for the bracket (measured on
        # the article-scope dev dumps: 6.1 of the 21 ms per pass of the whole-line regex)
        requires="(",
    ),
    # captions known by their credit or their newsroom opening (kept in ``captions``)
    _rule(
        "caption",
        r"[^|]{10,400}?[\w.!?)”\"'](?: ?\| ?| )?(?:image |photo |picture )?(?:credits?|photo|photograph|picture)"
        r"\s?:\s?[^.!?:]{1,80}",
        520,
        "A hunter skinned the hare by the roadCredit: Agency - Contributor",  # a credit glued to the caption
        hints=("credit", "photo", "picture"),
    ),
    _rule(
        "caption",
        r".{10,500}?(?:[.!?]\s|\(\s?)(?:[A-Z]{2,12}(?: Photo)?|Getty Images)/[A-Z][\w.'’-]{0,30}"
        r"(?:[ /][A-Z][\w.'’-]{0,30}){0,3}\s?\)?\.?",
        600,
        "Traders on the floor of the exchange. REUTERS/Jane Doe",  # agency/photographer credit at the end
        flags=0,
        hints=("/",),
    ),
    _rule(
        "caption",
        r"(?:file photo\s?:|in this [\w,.'’ -]{0,60}?(?:photo|photograph|image|picture|handout)"
        r"(?:,| (?:provided|released|taken|made|issued|shot|from|by|of|courtesy)\b)).{0,600}",
        700,
        "In this Monday, June 3, 2019, photo, a crane lifts a beam.",  # the news-agency caption opening
        hints=("in this", "file photo"),
    ),
    # markup shortcodes
    _rule("markup", r"\[[a-z_]{2,30}\s[^\[\]=]{0,40}=[^\[\]]{0,300}\]|\[/[a-z_]{2,30}\]", 2000,
          "[button link=...]Send us YOUR kit review[/button]", search=True, hints=("[",)),
    # lines of nothing but punctuation: JSON or template leftovers
    _rule("debris", r"[\s{}\[\]()<>;,.|\\/*#=+~^`'\"-]{1,40}", 40, "}", flags=0),
)



@dataclass(frozen=True)
class WholeLineChunk:
    """Consecutive whole-line rules as one alternation (a named group per rule), tried only on
    lines holding ``requires`` (empty: all lines)."""

    requires: str
    pattern: re.Pattern[str]
    rules: dict[str, LineRule]


def _combine() -> tuple[WholeLineChunk, ...]:
    """The whole-line rules in table order, as few alternations as their ``requires`` allow: a
    rule with ``requires`` is a chunk of its own. Trying the chunks in order finds the same first
    matching rule as one alternation of all of them (a skipped chunk cannot match)."""
    groups: list[tuple[str, list[tuple[int, LineRule]]]] = []
    for index, rule in enumerate(LINE_RULES):
        if rule.hints:
            continue
        if rule.requires or not groups or groups[-1][0]:
            groups.append((rule.requires, []))
        groups[-1][1].append((index, rule))
    chunks = []
    for requires, members in groups:
        parts = []
        for index, rule in members:
            flags = "i" if rule.pattern.flags & re.IGNORECASE else "-i"
            parts.append(f"(?P<r{index}>(?{flags}:{rule.pattern.pattern}))")
        chunks.append(WholeLineChunk(requires, re.compile("|".join(parts)), {f"r{i}": r for i, r in members}))
    return tuple(chunks)


# The whole-line rules without hints as a few regexes (one call each per line); the others are
# tried one by one, and only when one of their hint words occurs in the line.
WHOLE_LINE_CHUNKS = _combine()
WHOLE_LINE_RULES = {name: rule for chunk in WHOLE_LINE_CHUNKS for name, rule in chunk.rules.items()}
SEARCH_RULES = tuple(rule for rule in LINE_RULES if rule.hints)
MAX_RULE_CHARS = max(rule.max_chars for rule in LINE_RULES)
MAX_WHOLE_LINE_CHARS = max(rule.max_chars for rule in WHOLE_LINE_RULES.values())  # longer: no whole-line rule
SEARCH_HINTS = tuple(sorted({h for rule in SEARCH_RULES for h in rule.hints}))


def _literal_alternation(words: tuple[str, ...]) -> str:
    """A regex matching any of ``words``, grouped by first character (``c(?:lick here|redit)|...``):
    the regex engine then tries one branch per text position instead of every word (measured on
    the article-scope dev dumps: 15.6 -> 12.4 ms per pass over their 6181 lines)."""
    branches = []
    for first, group in groupby(sorted(set(words)), key=lambda word: word[0]):
        tails = [re.escape(word[1:]) for word in group]
        if "" in tails:  # the one-character word alone matches wherever its longer ones do
            branches.append(re.escape(first))
        else:
            branches.append(f"{re.escape(first)}(?:{'|'.join(tails)})")
    return "|".join(branches)


# The same test as ``any(h in lower for h in SEARCH_HINTS)`` in one C-speed search (literals only).
SEARCH_HINT = re.compile(_literal_alternation(SEARCH_HINTS))


def match_rule(line: str) -> LineRule | None:
    """A row of :data:`LINE_RULES` matching ``line`` (whole-line rules first), or None."""
    if len(line) > MAX_RULE_CHARS:
        return None
    rule = _whole_line_rule(line) if len(line) <= MAX_WHOLE_LINE_CHARS else None
    if rule is not None:
        if len(line) <= rule.max_chars:
            return rule
        return _first_match(line, LINE_RULES)  # matched a rule above its length bound
    lower = line.lower()
    if SEARCH_HINT.search(lower) is None:
        return None
    for rule in SEARCH_RULES:
        if any(h in lower for h in rule.hints) and rule.matches(line):
            return rule
    return None


def _whole_line_rule(line: str) -> LineRule | None:
    """The first whole-line rule (in table order) whose regex matches all of ``line``, whatever
    its length bound, or None."""
    for chunk in WHOLE_LINE_CHUNKS:
        if chunk.requires and chunk.requires not in line:
            continue
        m = chunk.pattern.fullmatch(line)
        if m is not None and m.lastgroup is not None:
            return chunk.rules[m.lastgroup]
    return None


def _first_match(line: str, rules: tuple[LineRule, ...]) -> LineRule | None:
    for rule in rules:
        if rule.matches(line):
            return rule
    return None


# Caption and credit markers glued to other text in scraped BBC-style pages.
CAPTION_MARKERS = {
    "Image copyright": "credit",
    "Image source": "credit",
    "Image caption": "caption",
    "Media caption": "media_caption",
    "Video caption": "media_caption",
}
MARKER = re.compile("|".join(re.escape(m) for m in CAPTION_MARKERS))
# What may follow a marker: end of line, ", " or ": ", or (optionally one space and) a
# capital, digit, quote or bracket, as in ``Media captionNegotiations are...``.
MARKER_FOLLOW = re.compile(r"$|[,:]\s?|\s?[A-Z0-9\"'“‘(\[À-Þ]")

# Stray HTML and escapes.
TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,15}(?:\s[^<>]{0,500})?/?>|<!--[^<>]{0,500}-->")
ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
JSON_ESCAPE = re.compile(r"\\(?:r\\n|n|r|t|\"|/|u[0-9a-fA-F]{4})")
TRAILING_BRACES = re.compile(r"[\"']?[}\]]{1,20}$")
# A link title or date under a related-content header: short and without a sentence end.
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]{0,3}$")
STATEMENT_END = re.compile(r"[.…][\"'”’)\]]{0,3}$")
CREDIT_SPLIT = re.compile(r"\s?(?:/|,|&|\+|;|\bvia\b|\band\b)\s?", IGNORE)


@cache
def credit_names() -> frozenset[str]:
    """Picture agency names from ``newsstream/data/cleaning_credits.txt`` (casefolded)."""
    text = resources.files("newsstream").joinpath("data", "cleaning_credits.txt").read_text("utf-8")
    return frozenset(
        line.strip().casefold() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


@cache
def date_words() -> frozenset[str]:
    """Month, weekday and connector words from ``newsstream/data/cleaning_dates.txt``."""
    text = resources.files("newsstream").joinpath("data", "cleaning_dates.txt").read_text("utf-8")
    return frozenset(
        line.strip().casefold() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


DATE_TOKEN = re.compile(r"[^\W\d_]+|\d+")
TIME_ZONE = re.compile(r"[A-Z]{2,5}")
DIGIT = re.compile(r"\d")  # a date line has a digit token: most lines are ruled out without tokenising


def is_date_line(line: str) -> bool:
    """True for a line that is only a date or time: ``November 20, 2019 - 11:28 AMT``."""
    if len(line) > 70 or DIGIT.search(line) is None:
        return False
    tokens = DATE_TOKEN.findall(line)
    if not any(t.isdigit() for t in tokens):
        return False
    words = date_words()
    return any(t.casefold() in words for t in tokens if not t.isdigit()) and all(
        t.isdigit() or t.casefold() in words or TIME_ZONE.fullmatch(t) for t in tokens
    )


def is_agency_credit(line: str) -> bool:
    """True for a line made only of picture-agency names: ``AFP/Getty Images``, ``Reuters``."""
    if len(line) > 80:
        return False
    names = credit_names()
    first = CREDIT_SPLIT.split(line, maxsplit=1)[0].strip(" .")
    if first and first.casefold() not in names:  # most lines: the first part already is no agency
        return False
    parts = [p.strip(" .") for p in CREDIT_SPLIT.split(line)]
    return all(p.casefold() in names for p in parts if p) and any(parts)


def is_short_credit(line: str) -> bool:
    """A credit-like line after an ``Image copyright`` marker: short, no sentence end."""
    return is_agency_credit(line) or (
        len(line) <= 60 and len(line.split()) <= 6 and not SENTENCE_END.search(line)
    )


def is_link_title(line: str) -> bool:
    """A line that can sit under a related-content header: short, not ending with a full stop
    (headlines may end with ``?`` or ``!``)."""
    return len(line) <= 160 and len(line.split()) <= 20 and not STATEMENT_END.search(line)
