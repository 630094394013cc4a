"""Limits and switches of the cleaning stage, in one frozen options object.

Every function of the stage takes the same :class:`CleaningOptions`; the
defaults are chosen so that a normal news page passes untouched and a pathological
one is refused quickly with a :class:`~newsstream.errors.CleaningError`.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsstream.cleaning.lines import DEFAULT_LINE_SETTINGS, LineSettings


@dataclass(frozen=True, slots=True)
class CleaningOptions:
    """What the cleaning stage accepts and how hard it works.

    :param max_html_chars: HTML longer than this is refused (default 5,000,000; the largest
        page of the dev set is about 1.2 million characters, and a 10 MB page is refused
        before any parsing).
    :param max_html_elements: a parsed page with more elements than this is refused
        (default 30,000; the dev pages have at most about 1,600, and trafilatura needs
        about 0.1 ms per element, so this bounds a page at a few seconds).
    :param max_text_chars: scraped text longer than this is refused (default 2,000,000;
        a long-read article is about 100,000 characters).
    :param max_binary_ratio: share of control characters (other than tab and newlines)
        or U+FFFD replacement characters in the first ``binary_sample_chars`` characters
        above which the input counts as binary or badly decoded (default 0.05).
    :param binary_sample_chars: how much of the input the binary check reads (default 65,536).
    :param max_removals: at most this many removed spans are recorded; further removals
        still happen but are not listed (default 1,000, keeps adversarial input bounded).
    :param min_text_chars: an article body shorter than this is refused as having no
        article text (default 1).
    :param min_html_text_chars: an HTML page whose cleaned body is shorter than this has no
        article text (default 20: navigation debris like ``Home`` is refused; the shortest
        dev-set gold body is over 100 characters).
    :param merge_split_bodies: HTML path: add the paragraphs of sibling containers with
        the same tag and class as the extracted body (bodies split across containers;
        default True).
    :param min_merge_chars: a container is merged only when it holds at least this many
        characters of new paragraph text (default 150).
    :param repair_unicode: run ftfy on text that shows mojibake (default True).
    :param line_settings: thresholds of the scraped-text line classifier (:mod:`.lines`).
    """

    max_html_chars: int = 5_000_000
    max_html_elements: int = 30_000
    max_text_chars: int = 2_000_000
    max_binary_ratio: float = 0.05
    binary_sample_chars: int = 65_536
    max_removals: int = 1_000
    min_text_chars: int = 1
    min_html_text_chars: int = 20
    merge_split_bodies: bool = True
    min_merge_chars: int = 150
    repair_unicode: bool = True
    line_settings: LineSettings = DEFAULT_LINE_SETTINGS


DEFAULT_OPTIONS = CleaningOptions()
