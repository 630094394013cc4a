"""Gender evidence for people in an article: titles, gendered nouns, first names.

First names come from the ``nomquamgender`` package (MIT; Van Buskirk et al.,
name-gender data aggregated from 36 sources, several hundred thousand names).
Its ``name_data.json`` maps a lowercase name to ``[sources, count, p(female), ...]``;
we read that file directly (its module imports pandas, which we do not need)
and keep the names that are clearly gendered, once per process, on first use.

Example::

    >>> first_name_gender("Mary"), first_name_gender("John"), first_name_gender("Kim")
    ('f', 'm', '-')
"""

from __future__ import annotations

import importlib.util
import re
from functools import cache
from pathlib import Path

from newsstream.quotes.lexicon import _lines

NAME_DATA_PACKAGE = "nomquamgender"
NAME_DATA_FILE = "name_data.json"
# nomquamgender's own default: a name is classified when p(female) is within 0.1 of 0 or 1
# (its NBGC ``threshold``); anything more mixed (Kim, Pat, Jordan) stays unknown.
UNCERTAINTY_MAX = 0.1
# Names seen fewer times than this in the package's sources are left out: rare spellings carry
# noisy ratios, and a news subject's first name is almost always a common one.
MIN_COUNT = 100
# A name attested by fewer of the package's 36 sources is left out: words that are rarely
# names but common capitalised words ("North", "Court", "November", "White") sit in 7-10
# sources, real first names in 13 or more (Jeb 13, Kellyanne 13, Ann 32).
MIN_SOURCES = 13
# one entry of name_data.json: "name": [sources, count, p_female, ...]; bounded, no nesting
ENTRY_RE = re.compile(r'"([a-z][a-z\-]{1,24})": \[(\d{1,4}), (\d{1,12}), ([0-9.]{1,8})')


@cache
def first_names() -> dict[str, str]:
    """Lowercase first name -> ``m``, ``f`` or ``-`` (a common name of mixed use: Kim, Pat);
    empty if the package is not installed (gender then comes from titles and nouns alone)."""
    spec = importlib.util.find_spec(NAME_DATA_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / NAME_DATA_FILE
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError:
        return {}
    out: dict[str, str] = {}
    for m in ENTRY_RE.finditer(raw):
        sources, count, p_female = int(m.group(2)), int(m.group(3)), float(m.group(4))
        if count < MIN_COUNT or sources < MIN_SOURCES:
            continue
        if p_female >= 1 - UNCERTAINTY_MAX:
            out[m.group(1)] = "f"
        elif p_female <= UNCERTAINTY_MAX:
            out[m.group(1)] = "m"
        else:
            out[m.group(1)] = "-"
    return out


def is_first_name(word: str) -> bool:
    """True for a common first name (of either or mixed gender)."""
    return word.lower().strip(".’'") in first_names()


def first_name_gender(word: str) -> str:
    """``m``, ``f`` or ``-`` (unknown or mixed) for a first name."""
    return first_names().get(word.lower().strip(".’'"), "-")


@cache
def gendered_nouns() -> dict[str, str]:
    """Role nouns that say a person's gender (``spokeswoman`` -> f), from ``data/quotes/gendered_nouns.txt``."""
    out = {}
    for line in _lines("gendered_nouns.txt"):
        word, gender = line.split()
        out[word.lower()] = gender
    return out
