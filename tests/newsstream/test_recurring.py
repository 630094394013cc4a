"""The recurring-line memory (newsstream/cleaning/recurring.py) and its pipeline stage."""

from __future__ import annotations

import pytest

from newsstream.cleaning.recurring import (
    LineMemory,
    RecurringOptions,
    article_hash,
    fingerprint,
    pack_ids,
    source_key,
)
from newsstream.errors import CleaningError
from newsstream.pipeline import drop_recurring
from newsstream.records import CleanArticle, Removal

# a recurring line the per-line classifier has no reason to drop (a sign-up prompt would go before
# the recurring memory sees it), so these tests measure the memory alone
FOOTER = "The Riverside Gazette is printed at the old mill by the harbour."
FOLLOW = "Follow our harbour desk on Mastodon."


def article(article_id: str, *paragraphs: str, source: str | None = "gazette",
            url: str | None = None) -> CleanArticle:
    return CleanArticle(id=article_id, title=None, paragraphs=paragraphs, text="\n\n".join(paragraphs),
                        source=source, url=url)


def body(n: int) -> tuple[str, str]:
    return (f"The ferry timetable changed for the {n}th time this spring.",
            f"Council member number {n} declined to give a reason.")


def run(memory: LineMemory, *articles: CleanArticle) -> list[CleanArticle]:
    return [drop_recurring(a, memory) for a in articles]


# -- fingerprints and sources -----------------------------------------------------------
def test_fingerprint_ignores_case_and_spacing_but_not_words():
    assert fingerprint("Share  this\tStory") == fingerprint("share this story ")
    assert fingerprint("Share this story") != fingerprint("Share this page")
    assert 0 <= fingerprint("x") < 2**64


@pytest.mark.parametrize(("source", "url", "expected"), [
    ("Riverside Gazette ", "https://www.other.example/a", "riverside gazette"),
    (None, "https://news.gazette.co.uk/world/1", "gazette.co.uk"),
    (None, "http://WWW.Gazette.COM:8080/x?y=1", "gazette.com"),
    (None, "gazette.com.br/path", "gazette.com.br"),
    (None, "https://city.blogspot.com/2020/post", "city.blogspot.com"),  # a private suffix: one blog
    (None, "http://127.0.0.1:9000/a", "127.0.0.1"),
    (None, "http://localhost/a", "localhost"),
    ("  ", None, None),
    (None, "not a url at all", None),
    (None, None, None),
])
def test_source_is_the_field_else_the_registered_domain(source, url, expected):
    assert source_key(source, url) == expected


# -- the threshold ------------------------------------------------------------------------
@pytest.mark.parametrize("threshold", [2, 3, 5])
def test_a_line_is_kept_in_the_first_n_minus_1_articles_and_dropped_from_the_nth(threshold):
    memory = LineMemory(RecurringOptions(min_articles=threshold))
    outs = run(memory, *(article(f"a{i}", *body(i), FOOTER) for i in range(threshold + 2)))
    for i, out in enumerate(outs):
        if i < threshold - 1:
            assert out.paragraphs == (*body(i), FOOTER)
            assert out.removed == ()
        else:
            assert out.paragraphs == body(i)
            assert out.removed == (Removal("recurring", FOOTER),)
            assert out.text == "\n\n".join(body(i))


def test_distinct_articles_count_not_occurrences():
    memory = LineMemory(RecurringOptions(min_articles=3))
    # one article repeating its own line many times is not affected, and a replay of it
    # (same id) does not count again
    repeated = article("self", FOOTER, *body(1), FOOTER, FOOTER)
    assert run(memory, repeated, repeated, repeated) == [repeated] * 3
    assert memory.count("gazette", FOOTER) == 1
    second = article("other", FOOTER, *body(2))
    assert run(memory, second) == [second]
    assert memory.count("gazette", FOOTER) == 2
    third = run(memory, article("third", *body(3), FOOTER, FOOTER))[0]
    assert third.paragraphs == body(3)
    assert [r.text for r in third.removed] == [FOOTER, FOOTER]


def test_sources_are_counted_apart():
    memory = LineMemory(RecurringOptions(min_articles=2))
    outs = run(memory, article("a", *body(1), FOOTER, source="gazette"),
               article("b", *body(2), FOOTER, source="courier"),
               article("c", *body(3), FOOTER, source=None, url="https://www.gazette.example/c"),
               article("d", *body(4), FOOTER, source="gazette"))
    assert [FOOTER in o.paragraphs for o in outs] == [True, True, True, False]


def test_quoted_paragraphs_are_never_dropped_but_short_lines_are():
    quoted = "“We will reopen the pier in May,” the harbour master said."
    memory = LineMemory(RecurringOptions(min_articles=2))
    outs = run(memory, *(article(f"q{i}", *body(i), quoted, "Photo", FOLLOW) for i in range(3)))
    assert outs[2].paragraphs == (*body(2), quoted)
    assert [r.text for r in outs[2].removed] == ["Photo", FOLLOW]
    unprotected = LineMemory(RecurringOptions(min_articles=2, protect_quotes=False))
    assert quoted not in run(unprotected, *(article(f"q{i}", *body(i), quoted) for i in range(2)))[1].paragraphs


def test_an_article_of_recurring_lines_only_is_refused_not_emptied():
    memory = LineMemory(RecurringOptions(min_articles=2))
    run(memory, article("a", *body(1), FOOTER, FOLLOW))
    with pytest.raises(CleaningError, match="every paragraph recurs") as info:
        drop_recurring(article("b", FOLLOW, FOOTER), memory)
    assert info.value.stage == "clean"


def test_no_memory_no_source_or_threshold_zero_change_nothing():
    a = article("a", FOOTER, *body(1), source=None, url=None)
    memory = LineMemory(RecurringOptions(min_articles=1))
    assert drop_recurring(a, None) is a
    assert drop_recurring(a, memory) is a and len(memory) == 0
    off = LineMemory(RecurringOptions(min_articles=0))
    b = article("b", FOOTER)
    assert run(off, b, b, b) == [b] * 3 and len(off) == 0


def test_content_hash_and_removed_follow_the_new_text():
    memory = LineMemory(RecurringOptions(min_articles=2))
    first = article("a", *body(1), FOOTER)
    prior = Removal("credit", "Picture: the archive")
    second = CleanArticle(id="b", title="t", paragraphs=(*body(2), FOOTER), text="x", source="gazette",
                          removed=(prior,), content_hash="old")
    run(memory, first)
    out = drop_recurring(second, memory)
    assert out.removed == (prior, Removal("recurring", FOOTER))
    assert out.content_hash not in ("", "old") and out.text == "\n\n".join(body(2))


# -- bounds -------------------------------------------------------------------------------
def test_per_source_lru_forgets_the_oldest_fingerprints_first():
    memory = LineMemory(RecurringOptions(min_articles=2, max_lines_per_source=4))
    memory.observe("s", "a1", [fingerprint(FOOTER), fingerprint("one"), fingerprint("two")])
    memory.observe("s", "a2", [fingerprint(FOOTER), fingerprint("three"), fingerprint("four")])
    # FOOTER was touched again by a2, so 'one', the least recently seen, went first
    assert len(memory) == 4
    assert memory.count("s", "one") == 0 and memory.count("s", "two") == 1
    assert memory.count("s", FOOTER) == 2


def test_eviction_under_counts_never_over_counts():
    memory = LineMemory(RecurringOptions(min_articles=2, max_lines_per_source=3))
    memory.observe("s", "a1", [fingerprint(FOOTER)])
    memory.observe("s", "a2", [fingerprint(f"body {i}") for i in range(3)])  # pushes FOOTER out
    assert memory.observe("s", "a3", [fingerprint(FOOTER)]) == set()  # counted afresh: 1 article
    assert memory.count("s", FOOTER) == 1


def test_sources_lru_and_total_bound():
    memory = LineMemory(RecurringOptions(max_sources=3, max_lines=10, max_lines_per_source=8))
    for s in range(5):
        memory.observe(f"src{s}", "a", [fingerprint(f"line {i}") for i in range(3)])
    assert memory.sources == 3 and len(memory) == 9
    memory.observe("src4", "b", [fingerprint(f"more {i}") for i in range(4)])  # 13 > 10
    assert len(memory) == 10
    assert memory.count("src2", "line 0") == 0  # the least recently seen source lost lines first
    assert memory.count("src4", "more 3") == 1 and memory.count("src4", "line 0") == 1


def test_options_are_checked():
    with pytest.raises(ValueError):
        LineMemory(RecurringOptions(max_lines=0))
    with pytest.raises(ValueError):
        LineMemory(RecurringOptions(min_articles=-1))


# -- the journal the worker mirrors into its table ----------------------------------------
def test_journal_reports_updates_and_evictions_and_load_restores():
    memory = LineMemory(RecurringOptions(min_articles=2, max_lines_per_source=2), journal=True)
    memory.observe("s", "a1", [fingerprint(FOOTER), fingerprint("x")])
    memory.observe("s", "a2", [fingerprint(FOOTER)])
    changes = memory.drain_changes()
    assert changes == [("s", fingerprint(FOOTER), [article_hash("a1")]),
                       ("s", fingerprint("x"), [article_hash("a1")]),
                       ("s", fingerprint(FOOTER), [article_hash("a2"), article_hash("a1")])]
    assert memory.drain_changes() == []
    memory.observe("s", "a3", [fingerprint("y")])  # evicts 'x'
    assert ("s", fingerprint("x"), None) in memory.drain_changes()
    restored = LineMemory(RecurringOptions(min_articles=2))
    for source, fp, ids in changes:
        restored.load(source, fp, ids)
    assert restored.count("s", FOOTER) == 2
    assert restored.observe("s", "a1", [fingerprint(FOOTER)]) == {fingerprint(FOOTER)}


def test_load_merges_ids_as_a_set_and_caps_them():
    memory = LineMemory(RecurringOptions(min_articles=3))
    fp = fingerprint(FOOTER)
    memory.load("s", fp, [5, 6])
    memory.load("s", fp, [6, 7, 8])
    assert memory.count("s", FOOTER) == 3
    assert pack_ids([1, 1, 2]) == pack_ids([1, 2])


# -- newsstream extract keeps one memory across its input ----------------------------------
def _extract(tmp_path, rows, *flags):
    import orjson

    from newsstream.cli import main

    (tmp_path / "in.jsonl").write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))
    code = main(["extract", "-i", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "out.jsonl"),
                 "--stages", "clean", "--no-progress", *flags])
    return code, [orjson.loads(line) for line in (tmp_path / "out.jsonl").read_bytes().splitlines()]


def _rows():
    rows = []
    for i in range(4):
        text = "\n\n".join([f"Harbour news number {i}", *body(i), FOOTER])
        rows.append({"id": f"g{i}", "url": f"https://www.gazette.example/story-{i}", "text": text})
    rows.append({"id": "other", "url": "https://courier.example/x", "text": "\n\n".join([*body(9), FOOTER])})
    return rows


def test_extract_drops_lines_recurring_across_its_input(tmp_path):
    code, records = _extract(tmp_path, _rows())
    assert code == 0
    assert [FOOTER in r["paragraphs"] for r in records] == [True, True, False, False, True]
    assert records[2]["paragraphs"] == list(body(2))
    assert {"kind": "recurring", "text": FOOTER} in records[2]["removed"]
    from newsstream.schemas import validate

    for record in records:
        validate("articles.clean", record)


def test_extract_no_recurring_flag_and_threshold_setting(tmp_path, monkeypatch):
    _, records = _extract(tmp_path, _rows(), "--no-recurring")
    assert all(FOOTER in r["paragraphs"] for r in records)
    monkeypatch.setenv("NEWSSTREAM_RECURRING_MIN_ARTICLES", "2")
    _, records = _extract(tmp_path, _rows())
    assert [FOOTER in r["paragraphs"] for r in records] == [True, False, False, False, True]


def test_extract_help_documents_the_flag(capsys):
    from newsstream.cli import parse_args

    with pytest.raises(SystemExit):
        parse_args(["extract", "--help"])
    assert "--no-recurring" in capsys.readouterr().out


def test_settings_carry_the_threshold_and_bounds():
    from newsstream.config import ConfigError, Settings

    settings = Settings.from_env({"NEWSSTREAM_RECURRING_MIN_ARTICLES": "4", "NEWSSTREAM_RECURRING_MAX_LINES": "50"})
    assert settings.recurring_options() == RecurringOptions(min_articles=4, max_lines=50)
    assert Settings().recurring_options() == RecurringOptions()  # one set of defaults
    with pytest.raises(ConfigError, match="RECURRING"):
        Settings.from_env({"NEWSSTREAM_RECURRING_MIN_ARTICLES": "-1"})
    with pytest.raises(ConfigError, match="RECURRING"):
        Settings.from_env({"NEWSSTREAM_RECURRING_MAX_SOURCES": "0"})
