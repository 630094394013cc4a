"""Remove scraping debris line by line, driven by the table in :mod:`.patterns`.

:func:`strip_boilerplate` walks the lines once, left to right. Caption markers
(``Image copyright``, ``Image caption``, ``Media caption``...) are found with one
alternation of literals and may be glued to the text around them; every other rule
tests whole lines of bounded length. Each removed span is recorded with its kind
in a :class:`Recorder`, captions are kept apart. Work is linear in the input size.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from newsstream.cleaning import patterns as P
from newsstream.cleaning.unicode import normalize_space
from newsstream.records import Removal

Mode = Literal["text", "html"]
BLOCK_TAGS = frozenset({"p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section"})
WRAP_MIN_WORDS = 5  # a hard-wrapped prose line has at least this many words
JSON_UNESCAPED = {"\\n": "\n", "\\r": "\n", "\\r\\n": "\n", "\\t": " ", '\\"': '"', "\\/": "/"}


@dataclass(slots=True)
class Recorder:
    """Collects :class:`Removal` records, at most ``limit`` of them (the rest are counted)."""

    limit: int = 1000
    items: list[Removal] = field(default_factory=list)
    unrecorded: int = 0

    def add(self, kind: str, text: str) -> None:
        if len(self.items) < self.limit:
            self.items.append(Removal(kind, text))
        else:
            self.unrecorded += 1


HEADER_KINDS = frozenset({"byline", "dateline"})  # kinds that close an article's header


@dataclass(slots=True)
class Stripped:
    """What :func:`strip_boilerplate` keeps: body paragraphs and captions, in order."""

    paragraphs: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    # indexes of the paragraphs right before a line a caption was taken from (an image's alt text
    # is printed there by scrapers that keep alt text: the line classifier reads them)
    before_caption: set[int] = field(default_factory=set)
    # indexes of the paragraphs right after a byline or a dateline (the end of an article's header:
    # the line classifier reads them)
    header_marks: set[int] = field(default_factory=set)
    # for each paragraph, how many lines were removed right before it (the classifier weighs them
    # as furniture in its densest-run search)
    gaps: list[int] = field(default_factory=list)
    # the lines removed, each with the index of the paragraph after it (the classifier looks for
    # the header of a widget of other stories among them)
    dropped: list[tuple[int, str]] = field(default_factory=list)


# HTML5 elements missing from lxml's list (lxml.html.defs.tags predates them).
HTML5_EXTRA_ELEMENTS = frozenset(
    {"main", "picture", "template", "dialog", "data", "bdi", "slot", "nobr", "frame", "noframes"}
)


@cache
def html_element_names() -> frozenset[str]:
    """The names of HTML elements (lxml's list plus HTML5 additions): only these are stray tags."""
    from lxml.html import defs

    return frozenset(defs.tags) | HTML5_EXTRA_ELEMENTS


def unescape_debris(text: str, rec: Recorder) -> str:
    """Undo JSON escapes, strip leftover tags and decode HTML entities, recording each kind once."""
    seen: set[str] = set()

    def note(kind: str, span: str) -> None:
        if span not in seen:
            seen.add(span)
            rec.add(kind, span)

    if "\\" in text:

        def json_escape(m: P.re.Match[str]) -> str:
            note("debris", m.group())
            s = m.group()
            return JSON_UNESCAPED.get(s) or chr(int(s[2:], 16))

        text = P.JSON_ESCAPE.sub(json_escape, text)
    if "<" in text:

        def tag(m: P.re.Match[str]) -> str:
            if m.group().startswith("<!--"):
                note("markup", m.group()[:200])
                return ""
            name = m.group()[1:].lstrip("/").split(None, 1)[0].rstrip("/>").lower()
            if name not in html_element_names():  # "<Songs of the Harbour>" is a title in angle brackets
                return m.group()
            note("markup", m.group()[:200])
            return "\n" if name in BLOCK_TAGS else ""

        text = P.TAG.sub(tag, text)
    if "&" in text:

        def entity(m: P.re.Match[str]) -> str:
            decoded = html.unescape(m.group())
            if decoded != m.group():
                note("markup", m.group())
            return decoded

        text = P.ENTITY.sub(entity, text)
    return text


def split_lines(text: str) -> list[str]:
    """Split already normalised text into stripped, non-empty lines, re-joining hard-wrapped
    prose: a line continues the previous one (no blank line between) when that one has at
    least ``WRAP_MIN_WORDS`` words, no sentence end and no caption marker, and this one
    starts with a lower-case letter."""
    out: list[str] = []
    joinable = False
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            joinable = False
            continue
        if joinable and line[0].islower():
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        last = out[-1]
        joinable = (
            last.count(" ") >= WRAP_MIN_WORDS - 1
            and not P.SENTENCE_END.search(last)
            and not last.endswith(":")
            and P.MARKER.search(last) is None
        )
    return out


def clean_lines(text: str) -> list[str]:
    """Normalise white space once for the whole text, then split into non-empty lines."""
    text = normalize_space(text)
    return [line.strip() for line in text.split("\n") if line and not line.isspace()]


def _cut_trailing_braces(line: str, rec: Recorder) -> str:
    """Cut unbalanced closing braces glued to the end of a line (``...truce}``)."""
    if line[-1] in "}]" and (line.count("{") < line.count("}") or line.count("[") < line.count("]")):
        m = P.TRAILING_BRACES.search(line)
        if m is not None:
            rec.add("debris", m.group())
            return line[: m.start()].rstrip()
    return line


# "* Share", "+ Twitter": the bullets HTML-to-text renderers print before a list item (inscriptis
# prints "* " and "+ " for nested lists; "• " is common too). A share bar rendered as a list is read
# without them.
LIST_BULLETS = frozenset({"* ", "+ ", "• "})
BULLET_CHARS = "*+•"
BULLETED_KINDS = frozenset({"share_prompt"})  # the rule read through a bullet (share and follow labels)
# the whole-line rows of those kinds (share labels: "Twitter", "Email", "Share this"), and the
# longest line they can match with its bullet: longer list items are not read again
BULLETED_RULES = tuple(rule for rule in P.LINE_RULES if rule.kind in BULLETED_KINDS and not rule.hints)
MAX_BULLETED_CHARS = max(rule.max_chars for rule in BULLETED_RULES) + 3


def _bulleted_rule(item: str) -> P.LineRule | None:
    """The share label rule matching a list item's text, or None."""
    return next((r for r in BULLETED_RULES if len(item) <= r.max_chars and r.matches(item)), None)


def match_rule(line: str) -> P.LineRule | None:
    """The row of the pattern table matching ``line``, or None."""
    return P.match_rule(line)


def same_title(line: str, title: str | None) -> bool:
    """Whether ``line`` repeats the headline (case and outer punctuation ignored)."""
    if not title or abs(len(line) - len(title)) > 3:
        return False
    return line.strip(" .:;|-").casefold() == title.strip(" .:;|-").casefold()


def _split_markers(line: str) -> list[tuple[str, str]] | None:
    """Split a line at its caption markers: ``[(marker or "", text), ...]``; None if it has none."""
    if "Image" not in line and "caption" not in line:
        return None
    parts: list[tuple[str, str]] = []
    pos = 0
    marker = ""
    for m in P.MARKER.finditer(line):
        if not marker and m.start() > 0 and line[m.start() - 1] == " " and m.end() != len(line):
            continue  # "the Image caption says": a word in a sentence (unless markers precede it)
        if P.MARKER_FOLLOW.match(line, m.end()) is None:
            continue  # "Image copyright laws": followed by a lower-case word
        parts.append((marker, line[pos : m.start()]))
        marker, pos = m.group(), m.end()
    if not marker:
        return None
    parts.append((marker, line[pos:]))
    return parts


def strip_boilerplate(lines: list[str], *, title: str | None, rec: Recorder, mode: Mode = "text") -> Stripped:
    """Remove credits, captions, prompts and debris from clean, non-empty lines.

    :param lines: white-space-normalised, non-empty lines (paragraphs), in order.
    :param title: the headline, whose repetitions are removed.
    :param rec: where removals are recorded.
    :param mode: ``"text"`` for scraped text: the link titles under a related-content
        header go with it; ``"html"``: only list items and ``[TAG]`` lines go (sub-headings stay).
    :returns: the kept paragraphs and the captions.
    """
    out = Stripped()
    pending = ""  # "credit" or "caption": what the next line is expected to be
    in_block = False
    # before_caption: counts of captions and paragraphs before the previous line, and the
    # paragraph the line before that one became (-1: removed); read at the top of each iteration
    counts, kept_before = (0, 0), -1
    last = -1  # the index of the line that became the last paragraph
    for number, line in enumerate(lines):
        line = _cut_trailing_braces(line, rec)
        if not line:
            continue
        if len(out.captions) != counts[0] or len(out.paragraphs) != counts[1]:  # the previous line did something
            counts, kept_before = _note_caption(out, counts, kept_before)
        else:
            kept_before = -1
        if pending == "credit":
            pending = ""
            if P.is_short_credit(line) and _split_markers(line) is None:
                rec.add("credit", line)
                continue
        elif pending in ("caption", "media_caption"):
            kind, pending = pending, ""
            if _split_markers(line) is None:
                out.captions.append(line)
                rec.add(kind, line)
                continue
        if in_block:
            if _block_member(line, mode):
                rec.add("related", line)
                continue
            in_block = False
        parts = _split_markers(line)
        if parts is not None:
            pending = _take_markers(parts, out, rec)
            continue
        if same_title(line, title):
            rec.add("repeated_title", line)
            continue
        if P.is_agency_credit(line):
            rec.add("credit", line)
            continue
        if P.is_date_line(line):
            rec.add("dateline", line)
            out.header_marks.add(len(out.paragraphs))
            continue
        rule = match_rule(line)
        if (rule is None and line[0] in BULLET_CHARS and len(line) <= MAX_BULLETED_CHARS and mode == "text"
                and line[:2] in LIST_BULLETS):
            rule = _bulleted_rule(line[2:].lstrip())
        if rule is not None:
            rec.add(rule.kind, line)
            if rule.kind in HEADER_KINDS:
                out.header_marks.add(len(out.paragraphs))
            in_block = rule.block
            if rule.kind == "caption":
                out.captions.append(line.strip("| "))
            continue
        gap = number - last - 1
        if gap:
            at = len(out.paragraphs)
            out.dropped.extend([(at, removed) for removed in lines[last + 1 : number]])
        out.paragraphs.append(line)
        out.gaps.append(gap)
        last = number
    at = len(out.paragraphs)
    out.dropped.extend((at, lines[k]) for k in range(last + 1, len(lines)))
    _note_caption(out, counts, kept_before)
    return out


def _note_caption(out: Stripped, counts: tuple[int, int], kept_before: int) -> tuple[tuple[int, int], int]:
    """After a line: when it gave a caption and no paragraph, and the line before it was kept,
    that paragraph is noted in ``out.before_caption``. ``counts`` are the captions and paragraphs
    before the line; returns the counts after it and the paragraph it became (-1: none)."""
    captions, paragraphs = len(out.captions), len(out.paragraphs)
    if captions > counts[0] and paragraphs == counts[1] and kept_before >= 0:
        out.before_caption.add(kept_before)
    return (captions, paragraphs), (paragraphs - 1 if paragraphs > counts[1] else -1)


def _block_member(line: str, mode: Mode) -> bool:
    if mode == "html":
        return (line.startswith("- ") and P.is_link_title(line[2:])) or line.endswith(("]", "]|"))
    return P.is_link_title(line)


def _take_markers(parts: list[tuple[str, str]], out: Stripped, rec: Recorder) -> str:
    """Handle one line split at caption markers; return what the next line is expected to be."""
    pending = ""
    for index, (marker, raw_text) in enumerate(parts):
        text = raw_text.strip(" ,:")
        if not marker:
            # text before the first marker: the lead-image description when a credit follows
            # ("...in SyriaImage copyright"), else a body paragraph glued to a caption.
            if text:
                if P.CAPTION_MARKERS[parts[1][0]] == "credit" or not P.SENTENCE_END.search(text):
                    out.captions.append(text)
                    rec.add("caption", text)
                else:
                    out.paragraphs.append(text)
            continue
        kind = P.CAPTION_MARKERS[marker]
        last = index == len(parts) - 1
        if kind == "credit":
            rec.add("credit", marker + raw_text.rstrip())
            pending = "credit" if last and not text else ""
        elif text:
            out.captions.append(text)
            rec.add(kind, marker + raw_text.rstrip())
            pending = ""
        else:
            rec.add(kind, marker)
            pending = kind if last else ""
    return pending
