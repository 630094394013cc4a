"""Classify the lines of scraped text as body or debris, by features that transfer across sites.

The pattern table (:mod:`.patterns`) removes the markers whose meaning is known (credits, caption
labels, media captions, bylines written as ``By ...``). What is left goes through this classifier,
modelled on jusText (Pomikálek, 2011) but for plain text, where there are no links or tags:

1. **features** per line (:func:`line_features`): length, words, sentence shape (terminal
   punctuation), stop-word density (jusText's own stop lists; English unless the article's first
   words hit another list more), capitals (headline and name shapes), digits, URL or ``@handle``
   shape, hits in the page-furniture vocabulary (``newsstream/data/cleaning_debris_words.txt``);
2. **rules** (:data:`DEBRIS_RULES`, first match wins) name a debris kind from the shape: photo
   credit (and the caption line above it), url, handle, furniture vocabulary, numbers, dateline,
   byline; a label right above a caption the pattern table took is the image's alt text;
3. **similarity**: the headline repeated (alone or with up to three words more), a line said
   twice (repeated captions, gallery text, teaser lists: every copy goes; but the first copy of
   the article printed twice, a block of prose lines said again in order, stays), a copy of a caption
   the pattern table removed, a line inside a longer one (a pull quote; a near-whole copy is an
   alt text beside its caption: both go);
4. **content class** as jusText: ``good`` (long with stop words), ``near`` (some stop words),
   ``short`` (a short sentence), ``heading`` (a label that may be a sub-heading), ``bad``; items
   after a line ending with ``:`` form a list; two or more headline-shaped labels in a row are
   related-story links;
5. **context**, as jusText's revision (:func:`_revise`): a short sentence next to good text is
   good, a heading needs good text on both sides, a near-good line needs good text on one side;
   lines removed by a rule are transparent;
6. **position**: the densest run of body text (a maximum-sum segment over the lines, good text
   counting for and debris against, and a block of lines the pattern table removed, a footer or a
   menu, against too) is the article; good lines outside it are debris; a comments header or the
   header of a widget of other stories (``More from the Gazette``, :data:`END_MARKERS`; also one the
   pattern table removed) after the first paragraphs ends the article; a run of item-shaped lines (a table's
   rows, a list's items, ``key: value`` lines, rows of number cells) right between two body lines of the article is
   body unless a furniture rule fired on it (block level, as jusText and trafilatura keep
   in-body lists and tables), and it weighs nothing in the densest-run search;
7. **attachment**: an embedded post's signature line (``— Name (@handle) date``), a roundup's
   source citation (``[The Valley Courier]``) and the name under a quotation (``— Jane Doe``) go or
   stay with the text before them;
8. **header**: one or two kept lines before the article's first byline or dateline, with more body
   after it, are the headline's summary (a standfirst) and its photo's caption.

Shapes with a known meaning are read before the classes: an author's bio (``Name is a staff
writer ...``) is a byline, a label opened by a site name (``On Example.com: ...``) a related link.

Every removed line gets a kind. All steps are linear in the number of lines and their length;
the regexes are alternations of literals or bounded classes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import accumulate, chain, pairwise

from newsstream.cleaning import patterns as P

# ---------------------------------------------------------------------------- settings


@dataclass(frozen=True, slots=True)
class LineSettings:
    """Thresholds of the line classifier; each says where its value came from.

    :param enabled: run the classifier on scraped text (False: pattern table only; the ablation).
    :param length_low: chars; a shorter line is ``short`` or a label (jusText's default is 70; 90 was
        chosen on every held-out fold of ``bench/scraped.py --folds 5 --sweep length_low=70,90,110``
        for both renderers: leak 0.064 -> 0.047 (walker), 0.092 -> 0.056 (inscriptis), recall -0.006).
    :param length_high: chars; a longer line with enough stop words is ``good`` (jusText default 200).
    :param stopwords_low: stop-word density for ``near`` (jusText default 0.30).
    :param stopwords_high: stop-word density for ``good`` (jusText default 0.32).
    :param max_label_words: a label (no sentence end) with furniture vocabulary is debris up to this
        many words (12: share bars and prompts are short; the sweep 8/12/16 is flat on walker
        dumps, 8 leaks 0.001 more on inscriptis ones).
    :param max_prompt_words: a sentence starting with a furniture phrase (``Sign up for ...``) is
        debris up to this many words (25: the sweep 15/25/35: 15 leaks 0.001 more, 35 the same).
    :param min_heading_words: a label of at least this many words between body lines may be a
        sub-heading (2: ``--sweep min_heading_words=1,2``: 1 gains 0.011 recall but leaks 0.004
        (walker) and 0.039 (inscriptis) more; one-word labels are widget text as often as headings).
    :param max_heading_words: and at most this many (16: a sub-heading is a phrase, not a sentence;
        the sweep 6/8/10/14 moved leak by under 0.01 once ``max_heading_run`` was 1; then
        ``--folds 5 --sweep max_heading_words=14,16,18`` chose 16 on 4 of 5 held-out folds (walker)
        and 5 of 5 (inscriptis): recall +0.003 on both, leak +0.002 / +0.001; 18 is the same).
    :param gap_chars: in the densest-run search a body line counts ``+chars``, a debris line
        ``-(chars + gap_chars)`` and a line a rule removed ``-gap_chars`` (30: chosen on 9 of 10
        held-out folds of ``bench/scraped.py --folds 5 --sweep gap_chars=30,60,120``).
    :param max_weight_chars: a line counts with at most this many chars in that search (300: one
        very long paragraph or debris line must not outweigh several others; the sweep
        200/300/1000 is flat on dev).
    :param pull_quote_min_words: a line of at least this many words found inside one longer line
        is a pull quote (5: chosen on every held-out fold of the sweep 4/5/7; 4 loses body lines).
    :param max_repeat_words: lines up to this many words are looked for inside others (80: pull
        quotes are one or two sentences; bounds the substring search).
    :param min_furniture_share: a label of more than three words is furniture when vocabulary
        phrases cover at least this share of its words (0.3: ``Back to the gallery``, not a list
        item that mentions a video; the sweep 0.2/0.3/0.5 is flat on dev).
    :param max_heading_run: a label between body lines is a sub-heading only in a run of at most
        this many labels (1: the sweep 1/2/3 of bench/scraped.py: 2 leaks 0.027 more debris, same recall).
    :param inner_one_word: a one-word line right between two ``good`` lines is judged as a
        sub-heading (``Summary``, ``Ingredients``), not as debris (True: ``--folds 5 --sweep
        inner_one_word=False,True`` chose True on every held-out fold of both renderers: recall
        +0.004, leak unchanged; the ``min_heading_words`` sweep above shows that one-word lines
        elsewhere are widget text as often as headings).
    :param one_word_sentences: a one-word line ending a sentence (``Rivers.`` in a quoted post),
        unless cut off with an ellipsis (``Loading ...``), is ``short``: body when good text is
        on both sides (True: ``--folds 5 --sweep one_word_sentences=False,True``: recall +0.001
        on both renderers, leak unchanged, every fold equal or better; with ellipses counted
        inscriptis leaked 0.012 more, a page's ``Loading ...`` widget).
    :param embed_signatures: the signature line of an embedded post (``— Jane Doe (@janedoe) March
        3, 2021``, :data:`EMBED_SIGNATURE`) takes the final decision of the line before it, the
        post's text, instead of going as a handle; it weighs as furniture in the densest-run search
        (True: ``bench/scraped.py --folds 5 --sweep embed_signatures=False,True`` chose True on every
        held-out fold of both renderers and scopes: recall +0.006 (article), +0.004-0.006 (page),
        leak unchanged; every line of that shape in the dev dumps is gold body).
    :param author_bios: a line opening with a name that "is a / is the" newsroom job
        (:data:`AUTHOR_BIO`: ``Jane Doe is a staff writer at the Gazette.``) is the author's bio, a
        byline, whatever its length (True: ``bench/scraped.py --folds 5 --sweep author_bios=False,True``;
        the shape matches 9 debris lines of the dev dumps (page scope) and no body line).
    :param comments_after_chars: a comments header (``Comments``, ``12 Comments``, ``Leave a
        comment``) that comes after at least this many chars of kept text ends the article; every
        line after it goes as ``comments``; negative: off (1000, a few paragraphs: ``bench/scraped.py
        --folds 5 --sweep comments_after_chars=-1,0,100,300,1000``: 300 and 1000 give the same
        figures, page leak 0.0248 -> 0.0215 (walker) and 0.0539 -> 0.0482 (inscriptis), recall and
        article dumps unchanged; 100 cut a body whose comment counter follows 100-300 chars of kept
        captions (inscriptis page recall -0.022), 0 cuts every body under a counter, so the larger
        value, for margin).
    :param end_header_after_chars: the header of a widget of other stories (``More from the
        Gazette``, ``Most popular``, ``You may also like``: ``newsstream/data/cleaning_end_headers.txt``)
        that comes after at least this many chars of kept text ends the article like a comments
        header; negative: off (1000, as ``comments_after_chars``: ``bench/scraped.py --folds 5 --sweep
        end_header_after_chars=-1,300,1000,2000``: 300, 1000 and 2000 give the same figures, page leak
        0.0210 -> 0.0194 (walker) and 0.0481 -> 0.0461 (inscriptis), recall and article dumps
        unchanged; the list's phrases head such widgets after the body on 30 dev pages of both
        scopes and never inside a body; "Related", "Read more", "Most read" and "Trending" do
        head widgets inside bodies on dev pages, so they are not in the list).
    :param enclosed_structures: a run of item-shaped lines (:func:`_enclosed_structures`: a table's
        rows, a list's items, ``key: value`` lines) right between two body lines is body unless a
        furniture rule fired on it; it weighs nothing in the densest-run search (True:
        ``bench/scraped.py --folds 5 --sweep enclosed_structures=False,True`` chose True on every
        held-out fold of the four dumps: recall +0.003 (walker), +0.013 (inscriptis), leak unchanged
        but inscriptis article +0.0013 through ``quantity_items``).
    :param quantity_items: a line opening with a quantity in lower case (``1 tsp salt``) or with two
        number cells (a table row) is not headline-shaped, so a list of them is no related-links
        list (True: the same sweep with ``quantity_items`` chose True on every held-out fold: the
        ingredients of a recipe and the spec rows of a product are no longer related links).
    :param structure_share: the share of a run's lines that must be item-shaped (0.5: a list's
        heading and sub-headings sit among its items; ``--folds 5 --sweep structure_share=0.34,0.5,0.75``:
        0.34 and 0.5 give the same figures, 0.75 loses 0.01 recall on both inscriptis dumps).
    :param structure_min_lines: the fewest lines of such a run (2: one line between paragraphs is
        judged by the context revision alone; the sweep 2/3 chose 2 on every held-out fold).
    :param structure_min_items: the fewest item-shaped lines in it (2: ``--folds 5 --sweep
        structure_min_items=1,2,3`` picks 1 on most held-out folds by a hair, recall +0.003 for leak
        +0.0022 (walker article), +0.0008 (walker page), +0.0007 (inscriptis page); 2 is kept because
        it adds no leaked line in any dump: at 1 a heading and a one-line promo under it (``Deal
        Alert: Save $50 ...``) count as a list; 3 loses short lists, recall -0.001 to -0.0016).
    :param structure_allow_repeats: a repeated line may sit in such a run without vetoing it (a
        table's header row said twice, a cell said in several rows), but never counts as an item
        (True: the sweep False/True chose True on 4 of 5 held-out folds of the inscriptis dumps,
        recall +0.004, leak unchanged; walker dumps unchanged).
    :param structure_counts_bounds: when the run is one line, the body lines around it that are
        themselves short items (rows of the same table, kept as paragraphs) count among its lines
        and items, so one terse row between two kept rows stays (True: ``--folds 5 --sweep
        structure_counts_bounds=False,True``: recall +0.0015 to +0.003 in every dump, leak
        unchanged; True on 18 of 20 held-out folds. Counting them for longer runs kept a caption
        and its label under a paragraph with a number, dev page dumps).
    :param structure_trims_debris: lines a furniture rule removed at the edges of such a run (an
        image's alt text, a share bar between the last paragraph and a recipe card) stay removed
        and are no part of it, so they do not veto the table or list; the body text around it is
        then the nearest line no rule removed (True: ``--folds 5 --sweep
        structure_trims_debris=False,True``: walker recall +0.008 (article) and +0.005 (page), one
        page's recipe card; leak unchanged in all four dumps; the gain lies in one fold, so the
        held-out choice there is the flat value of the other folds).
    :param number_rows: a line the digit rule removed that is a table row (``2  Jane Roe  5035  7``:
        at least ``MIN_ROW_CELLS`` number cells and a word, as renderers that keep a table's rows on
        one line print it) is an item of such a run rather than furniture that vetoes it, so a
        results table between the body's paragraphs stays with them and no longer cuts the article
        (True: ``bench/scraped.py --folds 5 --sweep number_rows=True,False``: inscriptis recall
        0.8857 -> 0.9085 (article) and 0.8818 -> 0.9045 (page), leak unchanged; walker dumps
        unchanged, as the walker prints one cell per line. The gain lies in one dev page (so in one
        fold; the other folds are equal either way): kept because it is the block rule's own test
        for tables whose cells are numbers. Without the word a ranking's ``1. 1`` rows in a page's
        footer joined the body; without the two cells an archive menu's ``March (12)`` lines did).
    :param copied_block_lines: the first copy of a block of at least this many consecutive lines
        that the text says again in the same order stays (the article printed twice: a no-script,
        print or app copy on the same page), when the block is not a list (most lines without a
        bullet) and its prose outweighs all the prose said once; other repeated lines still lose
        every copy; 0: off (5: ``bench/scraped.py --folds 5 --sweep copied_block_lines=0,3,5,8,12``:
        3 to 12 give the same figures, walker page recall 0.8572 -> 0.8824, leak 0.0194 -> 0.0189,
        perfect 22.8 -> 23.9%, the other dumps unchanged; the gain is one dev page holding its
        article three times, so one fold, the others equal. Without the list and the outweigh
        tests a news ticker shown twice beside the article kept its first copy: leak +0.014
        (walker article) and +0.028 (inscriptis article). 5 lines is more than a photo's caption,
        credit and alt text said twice make.)
    :param alt_text_before_caption: a label (no sentence end, not a list's introduction, at most
        ``max_heading_words`` words) right before a line the pattern table took a caption from is
        the image's alt text, as renderers that print alt text put it above the caption; kind
        ``alt-text`` (True: ``bench/scraped.py --folds 5 --sweep alt_text_before_caption=False,True``:
        walker leak 0.0371 -> 0.0342 (article; perfect 52.2 -> 54.3%) and 0.0189 -> 0.0186 (page;
        perfect 23.9 -> 25.0%), recall unchanged, inscriptis unchanged (it prints no alt text). On
        the dev dumps every kept label before a caption is debris (6 lines, 5 outlets, none body);
        the article-scope gains lie in one fold, whose held-out choice is the other folds' tie).
    :param source_citations: a roundup's citation of its source on its own line under a quoted
        paragraph (``[The Valley Courier]``, ``[via Example News]``: :data:`SOURCE_CITATION`, no
        furniture word, no digit) takes the final decision of the line before it, as an embedded
        post's signature does (kind ``credit`` when it goes), instead of going as a short label or
        a repeat when two quotes cite one outlet; the sub-heading after it then has body text on
        both sides (True: ``bench/scraped.py --folds 5 --sweep source_citations=False,True``: recall
        +0.0058 (walker article, page), +0.0057 (inscriptis article, page), leak unchanged but
        inscriptis page +0.0003 (four lines of a page footer, the run's weights moved), perfect
        +1 article in both article dumps; one dev outlet prints citations this way, so one fold;
        kept as the signature rule's twin for a format aggregators share).
    :param quote_attributions: the name under a quotation (``— Jane Doe`` on the line after a
        closing quotation mark: :data:`QUOTE_ATTRIBUTION`) takes the final decision of the quotation,
        as an embedded post's signature does (kind ``byline`` when it goes): it stays under a quoted
        epigraph and goes with a pull quote (True: ``bench/scraped.py --folds 5 --sweep
        quote_attributions=False,True``: walker leak 0.0335 -> 0.0328 (article; perfect 56.5 -> 57.6%),
        page perfect 26.1 -> 27.2%, inscriptis unchanged (it glues the name to the quote); one
        dev line has the shape, under a pull quote; kept because the shape is the typographic
        convention for an attribution, and hyphen bullets (menus) are not read).
    :param standfirst_lines: the kept lines before the article's first byline or dateline (one the
        pattern table removed, ``By Jane Doe``, or one the classifier did), when at most this many
        come before it and more kept text after it, are the article's header: the headline's summary
        (a standfirst) and its photo's caption; kind ``standfirst``. A lead paragraph under the
        byline or above a captioned photo stays; 0: off (2: ``bench/scraped.py --folds 5 --sweep
        standfirst_lines=0,1,2``: 2 chosen on every held-out fold of both page dumps; walker page
        leak 0.0184 -> 0.0174, perfect 27.2 -> 33.7%; inscriptis page 0.0463 -> 0.0452, 26.1 -> 29.3%;
        recall and the article dumps unchanged; the lines it takes are the summaries of 10 dev
        outlets and two photo captions, no body line; 3 takes nothing more).
    :param removed_block_lines: a run of at least this many lines that the pattern table removed
        (a footer, a menu, a list of related links: lines the classifier never sees) counts in the
        densest-run search before the line after it, so teasers and site notes beyond a footer no
        longer join the body; shorter runs (a caption and its credit, a share bar, a box of a few
        links inside the body) weigh nothing, as before; 0: off (5: fixture 16 holds a box of four
        such lines before the body's one-line last paragraph; ``bench/scraped.py --sweep`` with
        thresholds 3-8 at 120 chars: 5 and 6 give the same page figures, 8 leaks more).
    :param removed_block_chars: what such a run weighs (120, one long debris line: ``bench/scraped.py
        --folds 5 --sweep removed_block_chars=0,60,90,120,150`` chose 120 on 4 of 5 held-out folds of
        the inscriptis article dump and 3 of 5 of the walker page dump (90 or 150 on the others),
        150 on every inscriptis page fold; 150 loses a deals post's product cards (walker recall
        -0.0095, one page), so 120. Walker page leak 0.0174 -> 0.0156, perfect 33.7 -> 35.9%;
        inscriptis page 0.0452 -> 0.0437, 29.3 -> 32.6%; inscriptis article leak 0.0455 -> 0.0441;
        recall unchanged in all four dumps).
    :param removed_end_headers: the header of a widget of other stories that the pattern table
        removed (``You may also like...``: it never reaches the classifier) ends the article as
        ``end_header_after_chars`` says, like one the classifier reads (True: ``bench/scraped.py
        --folds 5 --sweep removed_end_headers=False,True``: True on 4 of 5 held-out folds (walker page;
        the fifth is a tie) and 5 of 5 (inscriptis page); page leak 0.0156 -> 0.0144 (walker, perfect
        35.9 -> 37.0%) and 0.0437 -> 0.0349 (inscriptis), recall and the article dumps unchanged).
    :param removed_comment_headers: so does a comments header the pattern table removed (``Comments``,
        ``View Comments``), as ``comments_after_chars`` says, unless the page says it more than
        once: a counter printed above and below the last paragraph is a button, not the header of
        the comments section (True: ``bench/scraped.py --folds 5 --sweep
        removed_comment_headers=False,True``: True on every held-out fold of both page dumps; page
        leak 0.0144 -> 0.0124 (walker, perfect 37.0 ->
        38.0%) and 0.0349 -> 0.0290 (inscriptis, 32.6 -> 33.7%), recall and article dumps unchanged.
        Without the "said once" test one dev page's button above its last paragraph cut that
        paragraph in all four dumps).
    :param unended_as_label: a line of ``length_low``..``length_high`` chars without a sentence end
        is judged as a label (kept only between body lines), not as prose (False: the ablation
        in ``bench/scraped.py --sweep unended_as_label=False,True`` costs 0.02 recall for 0.005 leak).
    :param repeat_keeps_prose: a prose paragraph (a sentence of at least ``length_low`` chars) said
        twice keeps its first copy; other repeated lines lose every copy (False: chosen on every
        held-out fold of ``bench/scraped.py --folds 5 --sweep repeat_keeps_prose=False,True`` for
        article dumps; True leaks 0.013 (walker) and 0.025 (inscriptis) more for no recall).
    :param min_headline_words: two or more labels in a row with at least this many words, starting
        with a capital, are a list of links to other stories (4: shorter labels are menu items
        and sub-headings; the held-out choice of the sweep 3/4/5 was 4 or 5 on dev, within 0.001).
    :param near_copy_share: a line inside a longer one that holds at least this share of its words
        is a near copy (alt text + caption): both go (0.6: the sweep 0.4/0.6/0.8 prefers 0.4 on
        dev (walker leak 0.042 -> 0.039), but 0.4 also drops a paragraph whose pull quote is half
        of it, as in fixture 30; 0.8 leaks 0.003 more).
    """

    enabled: bool = True
    length_low: int = 90
    length_high: int = 200
    stopwords_low: float = 0.30
    stopwords_high: float = 0.32
    max_label_words: int = 12
    max_prompt_words: int = 25
    min_heading_words: int = 2
    max_heading_words: int = 16
    gap_chars: int = 30
    max_weight_chars: int = 300
    pull_quote_min_words: int = 5
    max_repeat_words: int = 80
    near_copy_share: float = 0.6
    min_headline_words: int = 4
    repeat_keeps_prose: bool = False
    max_heading_run: int = 1
    unended_as_label: bool = False
    min_furniture_share: float = 0.3
    inner_one_word: bool = True
    one_word_sentences: bool = True
    comments_after_chars: int = 1000
    end_header_after_chars: int = 1000
    embed_signatures: bool = True
    author_bios: bool = True
    enclosed_structures: bool = True
    quantity_items: bool = True
    structure_share: float = 0.5
    structure_min_lines: int = 2
    structure_min_items: int = 2
    structure_allow_repeats: bool = True
    structure_counts_bounds: bool = True
    structure_trims_debris: bool = True
    number_rows: bool = True
    copied_block_lines: int = 5
    alt_text_before_caption: bool = True
    source_citations: bool = True
    quote_attributions: bool = True
    standfirst_lines: int = 2
    removed_block_lines: int = 5
    removed_end_headers: bool = True
    removed_comment_headers: bool = True
    removed_block_chars: int = 120


DEFAULT_LINE_SETTINGS = LineSettings()

# ---------------------------------------------------------------------------- vocabularies

WORD = re.compile(r"\w+")
LETTER_SHARE_MAX_CHARS = 120  # the digit-shape rule looks at lines up to length_low and this (keep >= it)
GLUED = re.compile(r"([a-z])([A-Z][a-z])")  # a lower-case letter glued to a capitalised word
NOT_LETTER = re.compile(r"[\W\d_]+")
MAX_GHOSTS = 500  # removed captions compared with the kept lines (bounds work on hostile input)
TERMINALS = frozenset(".!?…。！？")  # a line ending with one of these (before closing quotes) is a sentence
CLOSERS = "\"'”’»)]"
URL = re.compile(r"(?:https?://|www\.)\S{1,500}|[\w-]{1,63}(?:\.[\w-]{1,63}){0,4}\.(?:com|org|net|co\.uk|gov)/\S{0,300}")
HANDLE = re.compile(r"[@#][\w.]{1,40}")
ELLIPSES = ("...", "…")  # a line ending with one is cut off ("Loading ..."), not a one-word sentence
BULLET = re.compile(r"(?:[-–—•*·▪►]|\d{1,2}[.)])\s")
SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+")
PROMPTS = frozenset({"share", "follow", "subscribe", "cookie"})  # vocabulary kinds that open a prompt
HEADER_KINDS = frozenset({"subscribe", "related"})  # kinds whose single words head a widget label
DATE_TIME = re.compile(r"\d{1,2}:\d{2}|\b(?:19|20)\d\d\b|\d{1,2}/\d{1,2}/\d{2,4}")  # a time, a year 1900-2099, a date
# A label introduced by a site's name with its domain: a cross-promotion link to another story
# (``On Example.com: Rail fares to rise in May``, ``More at news.example.org: ...``). Anchored,
# bounded pieces; the text after the colon is read by the rule (a label, not a sentence).
SITE_PREFIX_WORDS = 5  # "More at news.example.org" is 5 words ("more at news example org")
SITE_PREFIX = re.compile(r"[^:.!?]{0,40}\b[\w-]{1,63}\.(?:com|org|net|co\.uk|news)\b[^:.!?]{0,20}: ")
# An author's bio, as sites print it under an article: a name (a handle or an e-mail in brackets
# may follow) that "is a / is the" newsroom job (``Jane Doe is a staff writer at the Gazette.``,
# ``Ann Lee (@annlee) is the paper's science editor``). Anchored; every piece bounded, and the words
# of the name cannot hold the space that separates them.
NEWSROOM_JOB = r"(?i:reporter|correspondent|writer|contributor|columnist|editor|journalist|author|producer|blogger)s?"
AUTHOR_BIO = re.compile(
    r"(?:[A-Z][\w.'’-]{0,30} |\([^()\s]{1,60}\) ){1,6}(?:is|was) (?:a|an|the)\b(?: [\w,’'-]{1,30}){0,6}? "
    + NEWSROOM_JOB + r"\b"
)
# The signature line that closes an embedded social-media post, as the networks' standard embed
# code renders it: a dash, the author's name, the ``(@handle)`` and the date ending with a year
# (``— Jane Doe (@janedoe) March 3, 2021``). Bounded pieces only; the name may hold emoji.
# The name under a quotation (an epigraph, a pull quote, a quoted verse): a dash (em or en, not a
# list's hyphen) and up to four capitalised words, on the line after a closing quotation mark.
QUOTE_ATTRIBUTION = re.compile(r"[—–] ?[A-Z][\w.'’-]{0,30}(?: [A-Z][\w.'’-]{0,30}){0,3}")
QUOTE_CLOSERS = "\"”’»"
# A roundup's citation of its source under a quoted paragraph (``[The Daily Courier]``, ``[via
# Example News]``): a name in square brackets, on its own line. No digit (``[ 12 comments ]``).
SOURCE_CITATION = re.compile(r"\[(?:via )?[A-Z][^\[\]\d]{0,40}\]")
MAX_CITATION_WORDS = 5  # "[The New York Review of Books]" is 6 words; outlet names are shorter
EMBED_SIGNATURE = re.compile(r"[—–-] ?[^()\n]{1,100}\(@\w{1,30}\) [^()\n]{0,40}\b(?:19|20)\d\d")


@cache
def furniture() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """The page-furniture vocabulary: phrases (as word tuples) and their kinds, by first word."""
    text = resources.files("newsstream").joinpath("data", "cleaning_debris_words.txt").read_text("utf-8")
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            kind, _, phrase = line.partition("\t")
            words = tuple(WORD.findall(phrase.lower()))
            if words:
                index.setdefault(words[0], []).append((words, kind.strip()))
    return {first: tuple(sorted(entries, key=lambda e: -len(e[0]))) for first, entries in index.items()}


@cache
def furniture_first_words() -> frozenset[str]:
    """The first words of the vocabulary's phrases: a line with none of them has no phrase."""
    return frozenset(furniture())


@cache
def stoplists() -> dict[str, frozenset[str]]:
    """jusText's stop lists (about 100 languages), read once."""
    import justext  # a dependency of trafilatura

    return {name: frozenset(justext.get_stoplist(name)) for name in sorted(justext.get_stoplists())}


@cache
def _stop_index() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for name, words in stoplists().items():
        for word in words:
            index.setdefault(word, []).append(name)
    return {word: tuple(names) for word, names in index.items()}


MAX_REPEAT_SEARCH_WORK = 100_000_000  # candidate lines x chars searched for pull quotes (~50 ms; a long read
# of 1,000 lines and 100k chars is this size; above it only exact repeats are found)
def preload() -> None:
    """Read the stop lists and the vocabulary now (about 1 s once) rather than on the first
    article that needs them; a worker may call this at start."""
    _stop_index()
    furniture_first_words()


ENGLISH_SHARE = 0.3  # dev: English samples score 0.21-0.55 on the English list, other languages <= 0.16
ENGLISH_MARGIN = 0.85  # dev: English pages have >= 0.92 of the best list's hits, other languages <= 0.3
LANGUAGE_SAMPLE_WORDS = 80  # words read to choose the stop list (three or four sentences give a clear winner)


def choose_stoplist(words: Sequence[str]) -> frozenset[str]:
    """The stop list for the article's language, from its first words (lower case).

    English when its list covers ``ENGLISH_SHARE`` of the sample. Else the list with the most
    hits wins, but English still wins when it has ``ENGLISH_MARGIN`` of the best count: raw hits
    favour the largest lists, some of which (Marathi, Sundanese, Uzbek) hold many English words.
    English when nothing hits.
    """
    lists = stoplists()
    sample = words[:LANGUAGE_SAMPLE_WORDS]
    if sum(map(lists["English"].__contains__, sample)) >= ENGLISH_SHARE * len(sample) > 0:
        return lists["English"]  # clearly English: no need to count every list
    hits = Counter(chain.from_iterable(_stop_index().get(word, ()) for word in sample))
    if not hits:
        return lists["English"]
    best, count = hits.most_common(1)[0]
    return lists["English"] if hits["English"] >= ENGLISH_MARGIN * count else lists[best]


# ---------------------------------------------------------------------------- features


@dataclass(slots=True)
class LineFeatures:
    """What the classifier knows about one line."""

    text: str
    words: list[str]
    chars: int
    sentence: bool  # ends with terminal punctuation
    stop_density: float = 0.0
    url: bool = False
    handles: int = 0
    bullet: bool = False
    furniture: tuple[str, ...] = ()  # kinds of the vocabulary phrases found
    furniture_phrases: tuple[str, ...] = ()  # the phrases themselves
    starts_furniture: str = ""  # kind of a phrase at the very start of the line


TRAILING_LINK = re.compile(r"\s?(?:https?://|pic\.twitter\.com/)\S{1,300}$")  # a link closing a post


def _ends_sentence(line: str) -> bool:
    """Terminal punctuation at the end, before closing quotes and before a link that closes a
    post (``... is working. https://t.co/AbC123``)."""
    if line.rstrip(CLOSERS)[-1:] in TERMINALS:
        return True
    if "http" not in line and "pic.twitter" not in line:
        return False
    head = TRAILING_LINK.sub("", line)
    return head != line and head.rstrip(CLOSERS)[-1:] in TERMINALS


def line_features(line: str, lower: list[str], stop: frozenset[str], max_furniture_words: int = 25) -> LineFeatures:
    """The features of one line; ``lower`` are its lower-cased words. The vocabulary is looked up
    only in lines of at most ``max_furniture_words`` words (no rule reads it in longer ones)."""
    f = LineFeatures(line, lower, len(line), _ends_sentence(line))
    if lower:
        f.stop_density = sum(map(stop.__contains__, lower)) / len(lower)
    f.url = " " not in line and URL.fullmatch(line) is not None  # a URL line has no spaces
    f.handles = len(HANDLE.findall(line)) if ("@" in line or "#" in line) else 0
    f.bullet = BULLET.match(line) is not None
    if len(lower) <= max_furniture_words and not furniture_first_words().isdisjoint(lower):
        phrases = furniture()
        kinds: list[str] = []
        found: list[str] = []
        for k, word in enumerate(lower):
            for words, kind in phrases.get(word, ()):
                if len(words) == 1 or tuple(lower[k : k + len(words)]) == words:
                    kinds.append(kind)
                    found.append(" ".join(words))
                    if k == 0:
                        f.starts_furniture = kind
                    break
        if kinds:
            f.furniture, f.furniture_phrases = tuple(kinds), tuple(found)
    return f


# ---------------------------------------------------------------------------- debris rules


@dataclass(frozen=True, slots=True)
class DebrisRule:
    """A named shape of debris: ``test`` says whether the line has it; ``kind`` is recorded."""

    kind: str
    test: Callable[[LineFeatures, LineSettings], bool]
    note: str


def _furniture_label(f: LineFeatures, s: LineSettings) -> bool:
    """A label (no sentence end) with furniture vocabulary, or a short prompt sentence."""
    if not f.furniture:
        return False
    if not f.sentence:
        covered = sum(p.count(" ") + 1 for p in f.furniture_phrases)
        # a label opening with a furniture phrase heads a widget ("Related coverage from ...:"),
        # unless the phrase is one generic word ("Close the lane ..." is a list item)
        prompt = f.starts_furniture in HEADER_KINDS or " " in (f.furniture_phrases[0] if f.starts_furniture else "")
        return len(f.words) <= s.max_label_words and (
            len(f.words) <= 3 or prompt or covered >= s.min_furniture_share * len(f.words)
        )
    if len(f.words) > s.max_prompt_words:
        return False
    if "notice" in f.furniture:  # "This slideshow requires JavaScript."
        return True
    return f.starts_furniture in PROMPTS or (
        any(k in PROMPTS for k in f.furniture) and _a_sentence_starts_with_prompt(f.text)
    )


def _a_sentence_starts_with_prompt(text: str) -> bool:
    """``Need more space? Subscribe to our magazine.``: a later sentence is the prompt."""
    phrases = furniture()
    for sentence in SENTENCE_SPLIT.split(text)[1:]:
        words = words_of(sentence)
        for phrase, kind in phrases.get(words[0], ()) if words else ():
            if kind in PROMPTS and tuple(words[: len(phrase)]) == phrase:
                return True
    return False


def _furniture_kind(f: LineFeatures) -> str:
    return f.starts_furniture or f.furniture[0]


def _numbers(f: LineFeatures, s: LineSettings) -> bool:
    """Mostly digits and punctuation: scores, counters (``1 / 9``), table cells, prices."""
    return f.chars <= s.length_low and f.chars <= LETTER_SHARE_MAX_CHARS and letter_share(f.text) < 0.5


def letter_share(line: str) -> float:
    """The share of letters among the non-space characters (computed only where a rule reads it)."""
    compact = len(line) - line.count(" ")
    return len(NOT_LETTER.sub("", line)) / compact if compact else 0.0


def _dateline(f: LineFeatures, s: LineSettings) -> bool:
    """A short label carrying a time or a year: ``Published 3:45 PM ET Nov 18, 2019``."""
    return (
        not f.sentence and not f.text.endswith(":") and len(f.words) <= 10
        and f.stop_density < 0.3 and DATE_TIME.search(f.text) is not None
    )


def _byline(f: LineFeatures, s: LineSettings) -> bool:
    """A name with a newsroom job (``Jane Doe, Senior Reporter``)."""
    return "byline" in f.furniture and not f.sentence and len(f.words) <= 12


CREDIT_BY = re.compile(  # one credit sentence, its full stop cut off; bounded
    r"\(?(?i:photo illustration|photograph|photo|picture|image|illustration)s? (?i:by|courtesy of) "
    r"[A-Z][^.!?()]{0,60}\)?"
)
MAX_CREDIT_BY_WORDS = 12  # "Photo illustration by the Desk. Photo by Jane Doe." is 10 words


def credit_written_out(f: LineFeatures) -> bool:
    """``Photo by Jane Doe`` / ``Photo illustration by the Desk. Photo by Jane Doe.``"""
    return len(f.words) <= MAX_CREDIT_BY_WORDS and f.text[:1] in "PpIi(" and all(
        CREDIT_BY.fullmatch(part.strip().rstrip(".")) for part in f.text.split(". ")
    )


def _photo_credit(f: LineFeatures, s: LineSettings) -> bool:
    """A photographer and an agency: ``Jane Doe, AP`` / ``Jane Doe/Getty Images`` / ``Jane Doe | Example
    Wire | Getty Images`` (a pipe, as some outlets print their credit line); or credits
    written out: ``Photo by Jane Doe`` / ``Photo illustration by the Desk. Photo by Jane Doe.``"""
    if credit_written_out(f):
        return True
    if f.sentence or len(f.words) > 8 or ("," not in f.text and "/" not in f.text and "|" not in f.text):
        return False
    # "Jane Doe, AP", "Jane Doe/Getty Images", "Jane Doe | Example Wire | Getty Images"
    head, _, tail = f.text.replace("/", ",").replace("|", ",").rpartition(",")
    names = head.replace(",", " ").split()
    return 0 < len(names) <= 4 and all(n[0].isupper() for n in names) and P.is_agency_credit(tail.strip())


def _site_prefixed_label(f: LineFeatures, s: LineSettings) -> bool:
    """A label opened by a site name with its domain (``On Example.com: Rail fares to rise``)."""
    # a headline (at most max_heading_words) after a prefix of up to SITE_PREFIX_WORDS words
    if f.sentence or ": " not in f.text or len(f.words) > s.max_heading_words + SITE_PREFIX_WORDS:
        return False
    return SITE_PREFIX.match(f.text) is not None


MAX_VIA_SOURCE_WORDS = 4  # "via Example Picture Agency Ltd": a source's name after "via"


def _credited_via(f: LineFeatures, s: LineSettings) -> bool:
    """A caption closed by its source (``The new keyboard inside the laptop via Example Labs``): a
    label (no sentence end) whose last words, after ``via``, are a name (each word holds a capital)."""
    if f.sentence or " via " not in f.text or len(f.words) > s.max_heading_words + MAX_VIA_SOURCE_WORDS:
        return False
    head, _, source = f.text.rpartition(" via ")
    names = source.split()
    return bool(head.strip()) and 0 < len(names) <= MAX_VIA_SOURCE_WORDS and all(
        any(ch.isupper() for ch in name) for name in names
    )


def _url(f: LineFeatures, s: LineSettings) -> bool:
    return f.url


def _handle(f: LineFeatures, s: LineSettings) -> bool:
    """Mostly ``@handles`` or ``#hashtags`` (embedded posts, author contacts)."""
    return f.handles > 0 and (len(f.words) <= 3 * f.handles or (not f.sentence and len(f.words) <= 8))


DEBRIS_RULES: tuple[DebrisRule, ...] = (
    DebrisRule("credit", _photo_credit, "Jane Doe, AP"),
    DebrisRule("url", _url, "https://example.org/news/2019/story"),
    DebrisRule("handle", _handle, "@newsdesk / #breaking #news"),
    DebrisRule("related", _site_prefixed_label, "On Example.com: Rail fares to rise in May"),
    DebrisRule("furniture", _furniture_label, "Share this article / Sign up for our newsletter."),
    DebrisRule("caption", _credited_via, "The new keyboard inside the laptop via Example Labs"),
    DebrisRule("short-debris", _numbers, "1 / 9"),
    DebrisRule("dateline", _dateline, "Updated 3:45 PM ET, Mon November 18, 2019"),
    DebrisRule("byline", _byline, "Jane Doe, Senior Reporter"),
)


def debris_kind(f: LineFeatures, s: LineSettings) -> str | None:
    """The kind of the first rule of :data:`DEBRIS_RULES` the line matches, or None."""
    if f.sentence and not (f.url or f.handles or f.furniture) and (
        f.chars > min(s.length_low, LETTER_SHARE_MAX_CHARS) or letter_share(f.text) >= 0.5
    ):
        return None  # a sentence: the credit, dateline and byline rules need a label, the others their feature
    for rule in DEBRIS_RULES:
        if rule.test(f, s):
            return _furniture_kind(f) if rule.kind == "furniture" else rule.kind
    return None


# ---------------------------------------------------------------------------- classification

GOOD, NEAR, SHORT, HEADING, BAD = "good", "near", "short", "heading", "bad"
LIST = "list"  # an item of a list introduced by a line ending with ":"
ATTACHED = "attached"  # belongs to the line before it (an embedded post's signature): takes its class
RULE = "rule"  # removed by a debris rule or as a repeat: transparent to the context revision


def content_class(f: LineFeatures, s: LineSettings) -> str:
    """jusText's context-free class, with the sentence shape standing in for link density."""
    if f.chars < s.length_low:
        if f.sentence and (len(f.words) >= 2 or (s.one_word_sentences and f.words and not f.text.endswith(ELLIPSES))):
            return SHORT
        if f.bullet:
            return SHORT
        if s.min_heading_words <= len(f.words) <= s.max_heading_words:
            return HEADING
        return BAD
    if not f.sentence and f.chars <= s.length_high and not f.text.endswith(":") and s.unended_as_label:
        # prose ends with punctuation; a long line without it is a caption, teaser or headline
        return HEADING if f.stop_density >= s.stopwords_low else BAD
    if f.stop_density >= s.stopwords_high:
        return GOOD if f.chars > s.length_high or f.sentence else NEAR
    if f.stop_density >= s.stopwords_low:
        return NEAR
    return BAD if not f.sentence else NEAR


@dataclass(slots=True)
class Decision:
    """The classifier's answer for one line: keep it, or remove it as ``kind``."""

    keep: bool
    kind: str = ""


def words_of(line: str) -> list[str]:
    """Lower-cased word tokens."""
    return WORD.findall(line.lower())


def classify_lines(lines: Sequence[str], *, title: str | None = None, removed: Sequence[str] = (),
                   settings: LineSettings = DEFAULT_LINE_SETTINGS,
                   before_caption: Collection[int] = (), header_marks: Collection[int] = (),
                   gaps: Sequence[int] = (), dropped: Sequence[tuple[int, str]] = ()) -> list[Decision]:
    """Decide for each line whether it is article body; removed lines carry their kind.

    :param lines: the lines left by the pattern table, in order.
    :param title: the headline (a line repeating it is debris).
    :param removed: texts the pattern table removed as captions or credits: a line repeating one
        of them is a repeated caption.
    :param before_caption: indexes of the lines that came right before a line the pattern table
        took a caption from: a label there is the image's alt text (``alt_text_before_caption``).
    :param header_marks: indexes of the lines that came right after a byline or a dateline the
        pattern table removed (``By Jane Doe``, ``Published 3:45 PM``): the article's header ends
        there (``standfirst_lines``).
    :param gaps: for each line, how many lines the pattern table removed right before it
        (``removed_block_lines``).
    :param dropped: the lines the pattern table removed, each with the index of the line after
        it: the header of a widget of other stories among them ends the article there
        (``removed_end_headers``).
    """
    s = settings
    n = len(lines)
    if n == 0:
        return []
    lowered = [words_of(line) for line in lines]
    stop = choose_stoplist([w for ws in sorted(lowered, key=len, reverse=True)[:20] for w in ws])
    most = max(s.max_prompt_words, s.max_label_words)
    feats = [line_features(line, words, stop, most) for line, words in zip(lines, lowered, strict=True)]
    # lines that belong to the line before them: a post's signature, a source citation, a quote's name
    attach = [
        _attachment(line, feats[i], lines[i - 1] if i else "", s) if line[:1] in ATTACH_OPENERS else None
        for i, line in enumerate(lines)
    ]
    attached = [a is not None for a in attach]
    kinds: list[str | None] = [None if a else debris_kind(f, s) for f, a in zip(feats, attached, strict=True)]
    if s.author_bios:
        for i, line in enumerate(lines):
            if (kinds[i] is None and not attached[i] and line[:1].isupper()
                    and (" is " in line or " was " in line) and AUTHOR_BIO.match(line)):
                kinds[i] = "byline"
    # the line before a photo credit is its caption; but a credit written out may also sit under
    # a photo without a caption, so a longer line before it stays a paragraph (long captions are
    # a news agency's, which credits with its name: "Jane Doe, AP")
    for i in range(1, n):
        if (kinds[i] == "credit" and kinds[i - 1] is None and not lines[i - 1].endswith(":")
                and not (feats[i - 1].chars > s.length_low and credit_written_out(feats[i]))):
            kinds[i - 1] = "caption"
    if s.alt_text_before_caption:
        for i in before_caption:
            if 0 <= i < n and kinds[i] is None and not attached[i] and _label_shaped(feats[i], s):
                kinds[i] = "alt-text"
    # a removed caption may carry its credit glued on ("...treatmentCredit: Agency"): split it
    ghosts = [words_of(GLUED.sub(r"\1 \2", text)) for text in removed[:MAX_GHOSTS]]
    _mark_repeats(feats, kinds, title, ghosts, s)
    classes = [
        ATTACHED if a else RULE if k else content_class(f, s) for f, k, a in zip(feats, kinds, attached, strict=True)
    ]
    _mark_lists(feats, classes, s)
    _mark_headline_runs(feats, classes, kinds, s)
    if GOOD not in classes:  # no body anchor (a few short lines): keep what reads as prose
        classes = [GOOD if c in (SHORT, NEAR, LIST) else c for c in classes]
    if s.inner_one_word:
        _mark_inner_words(feats, classes)
    revised = _revise(classes, feats, s)
    keep = [c == GOOD for c in revised]
    items = _enclosed_structures(feats, revised, _row_kinds(feats, kinds, s), s) if s.enclosed_structures else []
    _keep_densest_run(feats, revised, kinds, keep, s, attached, items, gaps if s.removed_block_lines > 0 else ())
    for start, end in items:  # a table or list stays when the body text around it does
        if _kept_before(keep, kinds, start) and _kept_after(keep, kinds, end):
            for k in range(start, end):
                keep[k], kinds[k] = True, None
    for i in range(1, n):  # a signature or citation takes the final decision of the line before it
        if attached[i]:
            keep[i] = keep[i - 1]
    if s.standfirst_lines > 0:
        _drop_standfirst(feats, kinds, keep, header_marks, s)
    ends = _removed_end_headers(dropped, stop, n, s.removed_comment_headers) if s.removed_end_headers else {}
    _cut_at_end_marker(feats, kinds, keep, s, ends)
    if not any(keep):  # no body found at all: the classifier abstains, the pattern table stands
        return [Decision(True) for _ in range(n)]
    out = []
    for i in range(n):
        if keep[i]:
            out.append(Decision(True))
        else:
            kind = attach[i] or kinds[i]  # a signature goes with its post, a citation with its quote
            out.append(Decision(False, kind or _default_kind(feats[i], classes[i], revised[i])))
    return out


ATTACH_OPENERS = "—–-["  # the first characters of the lines _attachment reads (a quick test)


def _attachment(line: str, f: LineFeatures, before: str, s: LineSettings) -> str | None:
    """The kind of a line that belongs to the line before it (``before``), or None: an embedded
    post's signature (``handle``), a source citation under a quoted paragraph (``credit``), the
    name under a quotation (``byline``)."""
    if s.embed_signatures and "(@" in line and EMBED_SIGNATURE.fullmatch(line) is not None:
        return "handle"
    if (s.quote_attributions and line[:1] in "—–" and before.rstrip()[-1:] in QUOTE_CLOSERS
            and QUOTE_ATTRIBUTION.fullmatch(line) is not None):
        return "byline"
    if (s.source_citations and line[:1] == "[" and len(f.words) <= MAX_CITATION_WORDS and not f.furniture
            and SOURCE_CITATION.fullmatch(line) is not None):
        return "credit"
    return None


def _label_shaped(f: LineFeatures, s: LineSettings) -> bool:
    """A label: no sentence end, no list introduction, at most ``max_heading_words`` words."""
    return not f.sentence and not f.text.endswith(":") and 0 < len(f.words) <= s.max_heading_words


def _default_kind(f: LineFeatures, before: str, after: str) -> str:
    if before in (GOOD, NEAR) and after in (GOOD, NEAR):
        return "outside-body"
    if before in (SHORT, HEADING) or f.chars < 70:
        return "short-debris"
    return "low-content"


def _norm(words: list[str]) -> str:
    return " ".join(words)


TITLE_SUFFIX_WORDS = 3  # "Headline 2", "Headline (2019, November 18)": alt texts and citations


def _title_with_suffix(key: str, title_key: str) -> bool:
    """The headline followed by a few more words (an image's alt text, a citation line)."""
    return key.startswith(title_key + " ") and key.count(" ") - title_key.count(" ") <= TITLE_SUFFIX_WORDS


def _mark_repeats(feats: list[LineFeatures], kinds: list[str | None], title: str | None,
                  ghosts: list[list[str]], s: LineSettings) -> None:
    """Repeated lines (all copies: captions and gallery text), title repeats, copies of removed
    captions, and pull quotes (a line inside one longer line)."""
    title_key = _norm(words_of(title)) if title else ""
    ghost_keys = {_norm(g) for g in ghosts}
    keys = [_norm(f.words) for f in feats]
    seen: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        if key:
            seen.setdefault(key, []).append(i)
    for key, where in seen.items():
        if title_key and key.startswith(title_key) and (key == title_key or _title_with_suffix(key, title_key)):
            for i in where:
                kinds[i] = kinds[i] or "repeated_title"
        elif key.count(" ") >= 2 and (len(where) > 1 or key in ghost_keys):
            # every copy goes (captions, gallery text, teaser lists), except that a paragraph of
            # prose said twice keeps its first copy (a pull quote of a one-sentence paragraph)
            first = feats[where[0]]
            prose = s.repeat_keeps_prose and first.sentence and first.chars >= s.length_low
            for i in where[1:] if prose and key not in ghost_keys else where:
                kinds[i] = kinds[i] or "repeated"
    if s.copied_block_lines > 0 and "repeated" in kinds:
        for i in _first_copy_of_blocks(keys, seen, feats, s):
            if kinds[i] == "repeated":
                kinds[i] = None
    # pull quotes and near copies: a line found inside another one (word-bounded substring search
    # in one joined text, at C speed; the join is bounded so hostile input stays linear)
    n = len(feats)
    keys += [_norm(g) for g in ghosts]
    sizes = [len(f.words) for f in feats] + [len(g) for g in ghosts]
    joined = " " + " \n ".join(keys) + " \n"  # each key as " key \n"
    starts: list[int] = []  # where each key's entry begins in ``joined``, built on first need
    candidates = [i for i in range(n) if not kinds[i] and s.pull_quote_min_words <= sizes[i] <= s.max_repeat_words]
    if len(candidates) * len(joined) > MAX_REPEAT_SEARCH_WORK:
        return
    for i in candidates:
        needle, at, host = f" {keys[i]} ", 0, -1
        if joined.count(needle) == 1:  # only its own line (lines cannot overlap across the newlines)
            continue
        if not starts:
            starts = list(accumulate((len(key) + 3 for key in keys[:-1]), initial=0))
        while (found := joined.find(needle, at)) >= 0:
            j = bisect_right(starts, found) - 1
            if j != i and (host < 0 or sizes[j] > sizes[host]):
                host = j
            at = found + 1
        if host < 0 or (host < n and sizes[host] <= sizes[i]):
            continue
        if host >= n:
            kinds[i] = "repeated"  # a copy of a caption the pattern table removed
        elif sizes[i] >= s.near_copy_share * sizes[host]:
            # nearly the whole line again: an image's alt text and its caption
            kinds[i] = "repeated"
            kinds[host] = kinds[host] or "repeated"
        else:
            kinds[i] = "pull-quote"


def _first_copy_of_blocks(keys: list[str], seen: dict[str, list[int]], feats: list[LineFeatures],
                          s: LineSettings) -> list[int]:
    """The lines of the first copy of a block of at least ``copied_block_lines`` consecutive lines
    that the page says again in the same order (the article printed twice: a print or no-script
    copy), when most of them are prose; captions and gallery text said twice are short labels."""
    n = len(keys)
    step = [0] * n  # how far ahead the next copy of each line is (0: none)
    for where in seen.values():
        for a, b in pairwise(where):
            step[a] = b - a
    out: list[int] = []
    blocks: list[tuple[int, int]] = []
    i = 0
    while i < n:
        j = i + 1
        while step[i] and j < n and step[j] == step[i] and j < i + step[i]:
            j += 1
        if step[i] and j - i >= s.copied_block_lines:
            blocks.append((i, j))
        i = j
    # the copy must outweigh the prose said once: then the page holds its article only in copies
    # (a teaser list shown twice beside an article said once is no article)
    once = sum(f.chars for f, k in zip(feats, keys, strict=True) if _prose(f, s) and len(seen.get(k, ())) == 1)
    for i, j in blocks:
        listed = sum(1 for f in feats[i:j] if f.bullet)  # a ticker or teaser list shown twice
        if 2 * listed < j - i and sum(f.chars for f in feats[i:j] if _prose(f, s)) >= once:
            out.extend(range(i, j))
    return out


def _prose(f: LineFeatures, s: LineSettings) -> bool:
    return f.sentence and f.chars >= s.length_low


def _mark_lists(feats: list[LineFeatures], classes: list[str], s: LineSettings) -> None:
    """Lines after an introduction ending with ``:`` (``The plan has three parts:``) are list
    items until a paragraph or a debris line ends the list; the introduction reads as a sentence."""
    in_list = False
    for i, f in enumerate(feats):
        c = classes[i]
        if c in (RULE, GOOD):  # debris or a paragraph ends the list
            in_list = False
        elif in_list:
            classes[i] = LIST
        if c != RULE and f.text.endswith(":"):
            in_list = True
            if c in (HEADING, BAD):
                classes[i] = SHORT


# A list item that opens with a quantity and goes on in lower case (``8-9 ripe pears``, ``1/2 tsp
# cloves``, ``2 x 10 ml doses``): an ingredient or a spec, not a headline, whose words after a
# number are capitalised (``10 Strangest Medical Cases``). Bounded pieces.
DOMAIN = re.compile(r"\b[\w-]{1,63}\.(?:com|org|net|co\.uk|news|io)\b")  # a site's name: link metadata
QUANTITY_ITEM = re.compile(r"\d{1,4}(?:[.,/-]\d{1,4})?(?: \d{1,2}/\d{1,2})?(?: ?x)? [a-z]")


NUMBER_CELL = re.compile(r"(?<!\S)[$€£]?\d[\d.,:]{0,12}%?(?!\S)")  # a cell of a row: "420", "85%", "$1,200"


def _item_not_headline(text: str) -> bool:
    """A quantity item (``1 tsp salt``) or a table row with two or more number cells
    (``North 420 1998 roof repaired``); a line naming a site is link metadata (``3 diggs example.com``)."""
    if DOMAIN.search(text):
        return False
    return QUANTITY_ITEM.match(text) is not None or len(NUMBER_CELL.findall(text)) >= 2


def _headline_shaped(f: LineFeatures, s: LineSettings) -> bool:
    """A label of several words starting with a capital (a bullet before it is ignored). A line
    ending with ``:`` introduces a list and is not a link (all folds of ``bench/scraped.py``: the
    sub-heading and list introduction of a body section were removed as a related-story pair)."""
    text = f.text[BULLET.match(f.text).end():] if f.bullet else f.text  # type: ignore[union-attr]
    return (
        bool(text)
        and not text.endswith(":")
        and (not f.sentence or text.endswith(("?", "...", "…")))  # a question or a cut teaser
        and s.min_headline_words <= len(f.words) <= s.max_heading_words + 2
        and (text[0].isupper() or text[0] in "\"'“‘«0123456789")
        and not (s.quantity_items and _item_not_headline(text))  # last: the regexes cost most
    )


def _mark_headline_runs(feats: list[LineFeatures], classes: list[str], kinds: list[str | None],
                        s: LineSettings) -> None:
    """Two or more headline-shaped labels in a row are a list of links to other stories."""
    n = len(feats)
    # an image's alt text may be one of the links' labels (a teaser's picture): it counts in the run
    shaped = [(classes[k] in (HEADING, SHORT, BAD) or kinds[k] == "alt-text") and _headline_shaped(feats[k], s)
              for k in range(n)]
    i = 0
    while i < n:
        j = i
        while j < n and shaped[j]:
            j += 1
        if j - i >= 2:
            for k in range(i, j):
                classes[k] = RULE
                kinds[k] = kinds[k] or "related"
        i = max(j, i + 1)


def _mark_inner_words(feats: list[LineFeatures], classes: list[str]) -> None:
    """A one-word line right between two paragraphs (their context-free class ``good``, with no
    line between) is a sub-heading: jusText's smoothing of short lines inside good text. So is
    one between a paragraph and a list's introduction (``Summary`` / ``This post covers:``; dev: one
    line gained in each of the four dumps, no debris line kept)."""
    for i in range(1, len(feats) - 1):
        if classes[i] == BAD and len(feats[i].words) == 1 and classes[i - 1] == GOOD and (
            classes[i + 1] == GOOD or (classes[i + 1] == SHORT and feats[i + 1].text.endswith(":"))
        ):
            classes[i] = HEADING


def _run_lengths(classes: list[str], members: tuple[str, ...]) -> list[int]:
    """For each line, the length of the run of consecutive ``members`` lines it belongs to."""
    out = [0] * len(classes)
    i = 0
    while i < len(classes):
        j = i
        while j < len(classes) and classes[j] in members:
            j += 1
        for k in range(i, j):
            out[k] = j - i
        i = max(j, i + 1)
    return out


def _neighbours(classes: list[str], skip: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """For each line, the class of the nearest line before and after it that is not in ``skip``
    (lines a rule removed are always skipped; the ends of the text count as ``bad``). Two
    passes, so linear however long the runs of skipped lines are."""
    n = len(classes)
    before, after = [BAD] * n, [BAD] * n
    last = BAD
    for i in range(n):
        before[i] = last
        if classes[i] not in skip and classes[i] != RULE:
            last = classes[i]
    last = BAD
    for i in range(n - 1, -1, -1):
        after[i] = last
        if classes[i] not in skip and classes[i] != RULE:
            last = classes[i]
    return before, after


def _revise(classes: list[str], feats: list[LineFeatures], s: LineSettings) -> list[str]:
    """jusText's context revision, adapted to plain text.

    A short sentence is body when body text is next to it on either side (jusText asks for
    both, which drops one-line paragraphs at the ends); a heading or list label is body when
    body text is on both sides and it is not one of a run of labels (a table, a menu); a
    near-good line is body unless debris is on both sides. Lines that a debris rule removed
    are transparent: a share bar between two paragraphs does not make the short sentence
    after it debris.
    """
    new = [BAD if c == RULE else c for c in classes]
    label_runs = _run_lengths(classes, (HEADING, BAD))
    before, after = _neighbours(classes, (SHORT, HEADING, NEAR, LIST, ATTACHED))
    before_near, after_near = _neighbours(classes, (SHORT, HEADING, ATTACHED))
    for i, c in enumerate(classes):
        if c not in (SHORT, HEADING, NEAR):  # list items follow their introduction, below
            continue
        prev, nxt = before[i], after[i]
        if c == SHORT:
            near_good = GOOD in (prev, nxt) or NEAR in (before_near[i], after_near[i])
            # at the edge of the body only a statement stays (not a teaser question or a label)
            one_sided = near_good and not (prev == GOOD and nxt == GOOD)
            text = feats[i].text
            # a list's introduction that leads into a paragraph states something whatever its
            # stop words (``Here's why:``); a footer's ``Follow us:`` leads into more labels
            intro = text.endswith(":") and _list_leads_to_paragraph(classes, i)
            # a question is a teaser, also inside closing quotes ('Who Fed The Geese?')
            asks = text.rstrip(CLOSERS).endswith("?")
            statement = (feats[i].stop_density > 0 or intro) and not asks
            new[i] = GOOD if near_good and (statement or not one_sided) else BAD
        elif c == HEADING:
            new[i] = GOOD if prev == GOOD and nxt == GOOD and label_runs[i] <= s.max_heading_run else BAD
        else:
            new[i] = BAD if (prev, nxt) == (BAD, BAD) else GOOD
    intro = BAD
    for i, c in enumerate(classes):
        if c in (LIST, ATTACHED):  # list items and signatures follow the line they belong to
            new[i] = intro
        else:
            intro = new[i]
    return new


ROW = "row"  # stands for the digit rule's kind on a table row with number cells (see number_rows)
MIN_ROW_CELLS = 2  # "2  Jane Roe  5035  7": number cells a row needs, as _item_not_headline counts them;
# an archive menu's "March (12)" has none (dev: such a menu between a post and its comments joined the body)
# Kinds a rule may give a line of an in-body table or list: a cell of digits (``short-debris``),
# a date cell (``dateline``); any other kind is furniture and vetoes the run.
STRUCTURE_KINDS = frozenset({"dateline", ROW})
# "Price: $20", "VIP : 60,000", "Prep time: 10 min": a key of up to 3 words, a value of up to 4
KEY_VALUE = re.compile(r"[^\W\d_][\w&/.'-]{0,20}(?: [\w&/.'-]{1,20}){0,2} ?: ?\S{1,30}(?: \S{1,30}){0,3}")


# "of", "and", "the", "with", "de", "para": the lower-case words of a title-cased label are short
# (English and Romance function words are at most 4 letters; a lower-case content word such as
# "tackles" or "minutes" makes a row or an item). Dev: a footer menu "* Política de Privacidade"
# counted as items with the earlier test "every word capitalised".
FUNCTION_WORD_CHARS = 4


def _item_shaped(f: LineFeatures) -> bool:
    """A ``key: value`` line, or a table row or list item (a digit or a bullet) that is not a
    menu label (title case: ``Apple Watch``, ``Terms of Use``, ``Política de Privacidade``); never
    a line naming a site (a link's metadata: ``3 comments example.com``)."""
    if DOMAIN.search(f.text):
        return False
    if KEY_VALUE.fullmatch(f.text) is not None:
        return True
    words = (f.text[BULLET.match(f.text).end():] if f.bullet else f.text).split()  # type: ignore[union-attr]
    label = bool(words) and words[0][:1].isupper() and not any(
        w[:1].islower() and len(w) > FUNCTION_WORD_CHARS for w in words[1:]
    )
    return not label and (f.bullet or any(ch.isdigit() for ch in f.text))


def _row_kinds(feats: Sequence[LineFeatures], kinds: list[str | None], s: LineSettings) -> list[str | None]:
    """``kinds`` with :data:`ROW` for the lines the digit rule removed that are table rows (at least
    ``MIN_ROW_CELLS`` number cells: ``3  Jane Roe  5033  4``), when ``number_rows`` is on."""
    if not s.number_rows or "short-debris" not in kinds:
        return kinds
    return [ROW if k == "short-debris" and _number_row(f) else k for f, k in zip(feats, kinds, strict=True)]


def _number_row(f: LineFeatures) -> bool:
    """A table row: ``MIN_ROW_CELLS`` number cells and a word of letters, the row's subject
    (``2  Jane Roe  5035  7``; a ranking's ``1. 1`` or a score ``0 : 0`` names nothing)."""
    return len(NUMBER_CELL.findall(f.text)) >= MIN_ROW_CELLS and any(w.isalpha() for w in f.words)


def _structured(feats: Sequence[LineFeatures], kinds: Sequence[str | None], s: LineSettings,
                bounds: int = 0) -> bool:
    """Whether a run of lines is a table or a list: no furniture, no prose paragraph, and at least
    ``structure_share`` of its lines item-shaped. A repeated line (a table's header row said
    twice, a cell such as ``None`` in several rows) may be in it, but does not count as an item:
    two copies of an alt text with a digit are no table. ``bounds``: how many of the body lines
    around the run are rows of the same table (they count as its lines and items)."""
    allowed = STRUCTURE_KINDS | ({"repeated"} if s.structure_allow_repeats else set())
    if any(k is not None and k not in allowed for k in kinds):
        return False
    if any(f.furniture or f.chars > s.length_high for f in feats):
        return False
    if len(feats) + bounds < s.structure_min_lines:
        return False
    items = sum(1 for f, k in zip(feats, kinds, strict=True) if k == ROW or (k is None and _item_shaped(f)))
    return items >= s.structure_share * len(feats) and items + bounds >= s.structure_min_items


ARTICLE_HEADER_KINDS = frozenset({"byline", "dateline"})  # the lines that close an article's header
MAX_HEADER_DATE_WORDS = 14  # "PUBLISHED: 10:48, Tue, Nov 19, 2019 | UPDATED: 11:05, Tue, Nov 19, 2019"


def _header_mark(f: LineFeatures, kind: str | None) -> bool:
    """A byline or a dateline, also one the digit rule took (``PUBLISHED: 10:48, Tue, Nov 19, 2019``)."""
    return kind in ARTICLE_HEADER_KINDS or (
        kind == "short-debris" and len(f.words) <= MAX_HEADER_DATE_WORDS and DATE_TIME.search(f.text) is not None
    )


def _drop_standfirst(feats: list[LineFeatures], kinds: list[str | None], keep: list[bool],
                     header_marks: Collection[int], s: LineSettings) -> None:
    """The kept lines before the article's byline or dateline, when at most ``standfirst_lines``
    of them come before it and more kept text after it, are the headline's summary (a standfirst):
    the body starts after the byline. A lead paragraph under the byline, or above a photo, stays."""
    kept: list[int] = []  # the first standfirst_lines + 1 kept lines
    for i, k in enumerate(keep):
        if k:
            kept.append(i)
            if len(kept) > s.standfirst_lines:
                break
    if len(kept) <= s.standfirst_lines:
        return
    limit = kept[-1]  # a mark must come before this kept line
    mark = next((j for j in range(kept[0] + 1, limit + 1) if j in header_marks or _header_mark(feats[j], kinds[j])),
                None)
    if mark is None:
        return
    before = [i for i in kept if i < mark]
    after = sum(feats[i].chars for i in range(mark, len(keep)) if keep[i])
    if after <= sum(feats[i].chars for i in before):
        return
    for i in before:
        keep[i], kinds[i] = False, "standfirst"


def _kept_before(keep: list[bool], kinds: list[str | None], start: int) -> bool:
    """Whether the nearest line before ``start`` that no rule removed is kept."""
    k = start - 1
    while k >= 0 and not keep[k] and kinds[k] is not None and kinds[k] not in STRUCTURE_KINDS:
        k -= 1
    return k >= 0 and keep[k]


def _kept_after(keep: list[bool], kinds: list[str | None], end: int) -> bool:
    """Whether the nearest line from ``end`` on that no rule removed is kept."""
    k = end
    while k < len(keep) and not keep[k] and kinds[k] is not None and kinds[k] not in STRUCTURE_KINDS:
        k += 1
    return k < len(keep) and keep[k]


def _enclosed_structures(feats: list[LineFeatures], revised: list[str], kinds: list[str | None],
                         s: LineSettings) -> list[tuple[int, int]]:
    """The runs of item-shaped lines (a table's rows, a list's items, ``key: value`` lines) with
    body text right before and after them, as ``(start, end)`` (end excluded): jusText and
    trafilatura keep such in-body lists and tables. A run where a furniture rule fired is none."""
    n, i, out = len(revised), 0, []
    while i < n:
        if revised[i] == GOOD:
            i += 1
            continue
        j = i
        while j < n and revised[j] != GOOD:
            j += 1
        if i > 0 and j < n:
            a, b = i, j
            if s.structure_trims_debris:  # furniture between the body and the table (a caption, a
                while a < b and kinds[a] is not None and kinds[a] not in STRUCTURE_KINDS:  # share bar)
                    a += 1  # stays removed, and is no part of the table
                while b > a and kinds[b - 1] is not None and kinds[b - 1] not in STRUCTURE_KINDS:
                    b -= 1
            # one line between two body lines that are themselves short items: a row of the same table
            bounds = 0
            if s.structure_counts_bounds and (a, b) == (i, j) and j - i == 1:
                bounds = sum(feats[k].chars <= s.length_high and _item_shaped(feats[k]) for k in (i - 1, j))
            if a < b and _structured(feats[a:b], kinds[a:b], s, bounds):
                out.append((a, b))
        i = j
    return out


def _list_leads_to_paragraph(classes: list[str], i: int) -> bool:
    """Whether the first line after the list items following line ``i`` is a paragraph."""
    j = i + 1
    while j < len(classes) and classes[j] == LIST:
        j += 1
    return j < len(classes) and classes[j] == GOOD


COMMENT_WORDS = frozenset({"comment", "comments"})
MAX_COMMENTS_HEADER_WORDS = 3  # "Comments", "12 Comments", "Leave a comment", "Add your comment"
# "More from the Daily Gazette", "More from Science and Nature": a widget header may name the site
# or section after its phrase (up to this many words more; the longest seen on the dev pages is 4,
# "More from the <site of three words>"; a longer line is a headline that merely starts so). A
# one-word phrase takes at most 2 ("Recommended for you"), so that "Recommended reading for the
# long weekend" is no header.
MAX_END_HEADER_EXTRA_WORDS = 5
MAX_ONE_WORD_HEADER_EXTRA_WORDS = 2


@cache
def end_headers() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The headers of the widgets after an article (``cleaning_end_headers.txt``), by first word."""
    text = resources.files("newsstream").joinpath("data", "cleaning_end_headers.txt").read_text("utf-8")
    index: dict[str, list[tuple[str, ...]]] = {}
    for line in text.splitlines():
        words = tuple(WORD.findall(line.lower())) if not line.startswith("#") else ()
        if words:
            index.setdefault(words[0], []).append(words)
    return {first: tuple(entries) for first, entries in index.items()}


def _comments_header(f: LineFeatures) -> bool:
    """``Comments``, ``12 Comments``, ``Leave a comment``."""
    return len(f.words) <= MAX_COMMENTS_HEADER_WORDS and not COMMENT_WORDS.isdisjoint(f.words)


def _widget_header(f: LineFeatures) -> bool:
    """``More from the Gazette``, ``Most popular``, ``You may also like:``: a label (no sentence
    end) opened by a phrase of :func:`end_headers`, with at most a few words more."""
    if f.sentence or not f.words or f.words[0] not in end_headers():
        return False
    return any(
        tuple(f.words[: len(p)]) == p
        and len(f.words) - len(p) <= (MAX_END_HEADER_EXTRA_WORDS if len(p) > 1 else MAX_ONE_WORD_HEADER_EXTRA_WORDS)
        for p in end_headers()[f.words[0]]
    )


@dataclass(frozen=True, slots=True)
class EndMarker:
    """A line that ends the article when it comes after enough kept text: what follows goes as ``kind``."""

    kind: str
    test: Callable[[LineFeatures, str | None], bool]
    setting: str  # the LineSettings field with the kept chars it needs before it (negative: off)
    note: str


END_MARKERS: tuple[EndMarker, ...] = (
    EndMarker("comments", lambda f, k: k == "comments" and _comments_header(f), "comments_after_chars",
              "12 Comments"),
    EndMarker("related", lambda f, k: _widget_header(f), "end_header_after_chars", "More from the Gazette"),
)


FIRST_WORD_CHARS = 40  # enough for any first word of end_headers (and far more)
PUNCTUATION = "\"'“”‘’«»()[]:.,;!?…-"


def _removed_end_headers(dropped: Sequence[tuple[int, str]], stop: frozenset[str], n: int,
                         comments: bool = False) -> dict[int, str]:
    """The lines (by index) right after a comments header or the header of a widget of other
    stories that the pattern table removed (``You may also like...``, ``View Comments``), with
    the marker's kind; comments headers only when ``comments``."""
    heads = end_headers()
    out: dict[int, str] = {}
    said: Counter[str] = Counter(text for _, text in dropped) if comments else Counter()
    for at, text in dropped:
        if at >= n or at in out:
            continue
        # quick test on the first word (every header opens with one of end_headers' first words)
        first = text[:FIRST_WORD_CHARS].split(None, 1)
        if not first or (first[0].lower().strip(PUNCTUATION) not in heads and "omment" not in text):
            continue
        f = line_features(text, words_of(text), stop)
        if _widget_header(f):
            out[at] = "related"
        elif comments and _comments_header(f) and said[text] == 1:  # said twice: a button above and below
            out[at] = "comments"
    return out


def _cut_at_end_marker(feats: list[LineFeatures], kinds: list[str | None], keep: list[bool],
                       s: LineSettings, removed: dict[int, str] | None = None) -> None:
    """The first line of :data:`END_MARKERS` (a comments header, the header of a list of other
    stories) after its setting's chars of kept text ends the article: every line after it goes.
    ``removed``: such headers the pattern table removed, by the index of the line after them."""
    markers = [(m, getattr(s, m.setting)) for m in END_MARKERS if getattr(s, m.setting) >= 0]
    if not markers:
        return
    heads = end_headers()
    removed = removed or {}
    kept_chars = 0
    for i, f in enumerate(feats):
        if i in removed:  # a header the pattern table took ends the article before this line
            chars = next((c for m, c in markers if m.kind == removed[i]), -1)
            if 0 <= chars <= kept_chars:
                _drop_from(keep, kinds, i, removed[i])
                return
        # quick test: every marker is a ``comments`` line or opens with a header's first word
        if kinds[i] == "comments" or (f.words and f.words[0] in heads):
            marker = next((m for m, chars in markers if kept_chars >= chars and m.test(f, kinds[i])), None)
            if marker is not None:
                if keep[i]:
                    keep[i], kinds[i] = False, marker.kind
                _drop_from(keep, kinds, i + 1, marker.kind)
                return
        if keep[i]:
            kept_chars += f.chars


def _drop_from(keep: list[bool], kinds: list[str | None], start: int, kind: str) -> None:
    """Drop every kept line from ``start`` on, as ``kind`` unless it already has a kind."""
    for j in range(start, len(keep)):
        if keep[j]:
            keep[j] = False
            kinds[j] = kinds[j] or kind


def _keep_densest_run(feats: list[LineFeatures], revised: list[str], kinds: list[str | None],
                      keep: list[bool], s: LineSettings, furniture_like: Sequence[bool] = (),
                      neutral: Sequence[tuple[int, int]] = (), gaps: Sequence[int] = ()) -> None:
    """Keep good lines only inside the maximum-sum run of lines (good text +chars, debris -gap).
    ``furniture_like`` lines (embedded-post signatures) weigh as known furniture whatever their
    class: they are no evidence of body text, so they do not move the run. ``neutral`` runs of
    lines (an in-body table, as ``(start, end)``) weigh nothing: a long table neither splits
    the body around it nor makes a body of its own. ``gaps``: for each line, how many lines the
    pattern table removed right before it; a run of ``removed_block_lines`` or more weighs
    ``-removed_block_chars`` there."""
    best, best_start, best_end = 0.0, 0, -1
    run, start = 0.0, 0
    zero = set(chain.from_iterable(range(a, b) for a, b in neutral))
    for i, c in enumerate(revised):
        if i < len(gaps) and gaps[i] >= s.removed_block_lines:  # a block the pattern table removed
            run -= s.removed_block_chars
        chars = float(min(feats[i].chars, s.max_weight_chars))
        if i in zero:
            w = 0.0
        elif i < len(furniture_like) and furniture_like[i]:
            w = -float(s.gap_chars)
        elif c == GOOD:
            w = chars
        elif kinds[i]:  # known furniture (captions, share bars) sits inside bodies too
            w = -float(s.gap_chars)
        else:
            w = -(chars + s.gap_chars)
        if run <= 0:
            run, start = 0.0, i
        run += w
        if run > best:
            best, best_start, best_end = run, start, i
    for i in range(len(keep)):
        if keep[i] and not (best_start <= i <= best_end):
            keep[i] = False
            kinds[i] = kinds[i] or "outside-body"
