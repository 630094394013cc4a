"""The live quote tracker on the real broker: quotation identities across articles, the
``quotations`` topic, the tables and the API after a worker restart, and the page in a real
(headless Chromium) browser."""

from __future__ import annotations

import json
import os
import shutil
import time
import urllib.request
from dataclasses import replace
from pathlib import Path

import orjson
import pytest

from newsstream.schemas import validate
from tests.kafka_helpers import REPO, collect, produce

pytestmark = pytest.mark.kafka

FULL = ("We will rebuild every footbridge along the Marrow canal before the autumn floods arrive, and no "
        "household on the east bank will be left without a crossing,")
EDITED = FULL.replace("arrive", "come").replace("Marrow canal", "Marrow Canal")
OTHER = ("The footbridges along the Marrow canal were neglected for a decade, and the autumn floods will "
         "expose every one of those decisions,")
FERRY = "The ferry loses money every single winter and nobody wants to admit it,"
ARTICLES = {
    "t1": ("harbourdaily.example", f"Canal footbridges to be rebuilt\n\nThe county will spend four million on "
           f"crossings.\n\n\"{FULL}\" said Maria Okafor, the county's transport chief.\n\n\"{FERRY}\" said Piet "
           "Lindqvist, who runs the ferry company."),
    "t2": ("valepost.example", f"Bridges promised before floods\n\nResidents have waited years for new "
           f"crossings.\n\n\"{EDITED}\" Okafor said on Tuesday.\n\nShe did not say how the work would be paid for."),
    "t3": ("eastbanknews.example", f"Council split on crossings\n\nThe council debated the plan for three "
           f"hours.\n\n\"{OTHER}\" said Maria Okafor.\n\nThe vote is expected next month."),
    "t4": ("riverwire.example", f"Wire: canal plan\n\nA short wire copy.\n\n\"{FULL.upper()}\" said Maria "
           "Okafor.\n\nMore follows."),
}


def _message(article_id: str) -> tuple[bytes, bytes]:
    source, text = ARTICLES[article_id]
    return article_id.encode(), orjson.dumps({"id": article_id, "text": text, "source": source,
                                              "url": f"https://{source}/news/{article_id}"})


def _get(port: int, path: str) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as answer:
        return json.loads(answer.read())


def _latest(settings, done) -> dict[str, dict]:
    """The latest record of every key on the ``quotations`` topic, once ``done(latest)``."""
    def finished(got):
        return done({k.decode(): v for k, v in got[settings.topic_quotations]})

    got = collect(settings, [settings.topic_quotations], done=finished, timeout=120)
    latest = {k.decode(): v for k, v in got[settings.topic_quotations]}
    for _k, v in got[settings.topic_quotations]:
        validate("quotations", v)
    return latest


def _wait_enriched(settings, ids) -> None:
    collect(settings, [settings.topic_enriched],
            done=lambda got: {v["id"] for _k, v in got[settings.topic_enriched]} >= set(ids), timeout=120)


def _poll(port: int, path: str, ok, timeout: float = 60.0) -> dict:
    deadline = time.monotonic() + timeout
    answer: dict = {}
    while time.monotonic() < deadline:
        try:
            answer = _get(port, path)
            if ok(answer):
                return answer
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{path} never satisfied the test; last answer {answer}")


def _run_tracker(worker_factory, guarantee: str = "at_least_once"):
    """Start a tracker worker, send t1, then t2 + t3; return (worker, port, id of FULL)."""
    from agents.broker import free_port

    port = free_port()
    worker = worker_factory(tracker="on", web_port=port, processing_guarantee=guarantee)
    s = worker.settings
    produce(s, [_message("t1")])
    _wait_enriched(s, ["t1"])  # "Maria Okafor" before the surname-only "Okafor" of t2
    produce(s, [_message("t2"), _message("t3")])
    _wait_enriched(s, ["t1", "t2", "t3"])
    latest = _latest(s, lambda q: len(q) == 3 and max(v["occurrences"] for v in q.values()) == 2)
    (full_id,) = [k for k, v in latest.items() if v["occurrences"] == 2]
    return worker, port, full_id, latest


@pytest.mark.xfail(strict=False, reason=(
    "known flake (issue 12, open): failed once in four fresh-clone CI runs of the merged tree, passed in the "
    "other three; the tracker's restart recovery is under investigation"))
def test_quotations_and_tables_survive_a_worker_restart(worker_factory):
    worker, port, full_id, latest = _run_tracker(worker_factory)
    s = worker.settings
    full = latest[full_id]
    assert full["text"] == FULL  # the longest form ("arrive" vs "come": one word longer)
    assert full["speaker"] == {"name": "Maria Okafor", "names": {"Maria Okafor": 1, "Okafor": 1}}
    assert {a["source"] for a in full["articles"]} == {"harbourdaily.example", "valepost.example"}
    texts = sorted(v["text"] for v in latest.values())
    assert texts == sorted([FULL, OTHER, FERRY]), "the same speaker's other quotation must stay apart"

    speakers = _poll(port, "/api/speakers?window=1h", lambda a: a["speakers"])
    assert [(x["name"], x["quotes"]) for x in speakers["speakers"]] == [("Maria Okafor", 3), ("Piet Lindqvist", 1)]
    assert speakers["speakers"][0]["co_quoted"] == [{"name": "Piet Lindqvist", "quotes": 1}]
    worker.stop()

    second = worker_factory(settings=s)  # same app id: the tables come back from their changelogs
    produce(s, [_message("t4")])
    _wait_enriched(s, ["t1", "t2", "t3", "t4"])
    latest = _latest(s, lambda q: q.get(full_id, {}).get("occurrences") == 3)
    assert len(latest) == 3 and latest[full_id]["first_seen"] == full["first_seen"]
    one = _poll(port, f"/api/quotations/{full_id}", lambda a: a.get("occurrences") == 3)
    assert one["articles"][0]["source"] == "riverwire.example" and one["text"] == FULL
    day = _poll(port, "/api/speakers?window=1d", lambda a: a["speakers"] and a["speakers"][0]["quotes"] == 4)
    assert day["speakers"][0]["name"] == "Maria Okafor", second.log()[-3000:]
    mine = _get(port, "/api/quotations?speaker=Maria%20Okafor&limit=5")["quotations"]
    assert {q["id"] for q in mine} >= {full_id} and len(mine) == 2
    assert "Tracker: 3 quotations recovered" in second.log()


def _chromium() -> tuple[str, str] | None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


def test_page_in_headless_chromium(worker_factory):
    """Opens ``/`` and a speaker page in headless Chromium after articles went through the broker;
    saves a screenshot to ``test-output/tracker-page.png`` (or ``$NEWSSTREAM_TEST_OUTPUT``)."""
    found = _chromium()
    if found is None:
        pytest.skip("Chromium or chromedriver not installed (apt-get install -y chromium chromium-driver)")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.common.by import By
    except ImportError:
        pytest.skip("selenium not installed (pip install -e '.[test]')")
    worker, port, _full_id, _latest_records = _run_tracker(worker_factory)
    _poll(port, "/api/speakers?window=1h", lambda a: a["speakers"])
    options = webdriver.ChromeOptions()
    options.binary_location = found[0]
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,1000"):
        options.add_argument(arg)
    browser = webdriver.Chrome(service=Service(found[1]), options=options)
    out = Path(os.environ.get("NEWSSTREAM_TEST_OUTPUT", REPO / "test-output"))
    out.mkdir(parents=True, exist_ok=True)
    try:
        browser.get(f"http://127.0.0.1:{port}/")
        first_row = browser.find_element(By.CSS_SELECTOR, "#speakers-1h tr td a")
        assert first_row.text == "Maria Okafor"
        quotations = browser.find_element(By.ID, "quotations").text
        assert "We will rebuild every footbridge along the Marrow canal" in quotations
        assert "without a crossing" in quotations and "without a crossing," not in quotations  # display only
        assert "2 articles" in quotations and "valepost.example" in quotations
        assert browser.find_element(By.TAG_NAME, "h1").text == "Who is quoted, saying what"
        # live refresh: one more copy goes through the broker; the open page polls and shows it
        produce(worker.settings, [_message("t4")])
        deadline = time.monotonic() + 60
        while "3 articles" not in browser.find_element(By.ID, "quotations").text:
            assert time.monotonic() < deadline, "the page did not refresh"
            time.sleep(0.5)
        assert "riverwire.example" in browser.find_element(By.ID, "quotations").text
        assert browser.find_element(By.CSS_SELECTOR, "#speakers-1h tr td:nth-child(2)").text == "4"
        shot = out / "tracker-page.png"
        browser.save_screenshot(str(shot))
        browser.find_element(By.CSS_SELECTOR, "#speakers-1h tr td a").click()  # the rows were re-rendered
        assert browser.find_element(By.TAG_NAME, "h1").text == "Maria Okafor"
        assert "Piet Lindqvist" in browser.find_element(By.TAG_NAME, "main").text
        browser.save_screenshot(str(out / "tracker-speaker.png"))
        print(f"screenshots: {shot} and {out / 'tracker-speaker.png'}")
    finally:
        browser.quit()
        worker.stop()


def _state(settings, port: int, done_count: int | None = None, timeout: float = 120.0):
    """(latest record per quotation id on ``quotations``, the API's speakers of the last day)."""
    def finished(latest):
        return done_count is not None and sum(v["occurrences"] for v in latest.values()) >= done_count

    got = collect(settings, [settings.topic_quotations], done=lambda g: finished(
        {k.decode(): v for k, v in g[settings.topic_quotations]}), timeout=timeout)
    latest = {k.decode(): (v["occurrences"], v["text"], v["speaker"]["names"])
              for k, v in got[settings.topic_quotations]}
    speakers = {s["name"]: s["quotes"] for s in _get(port, "/api/speakers?window=1d")["speakers"]}
    return latest, speakers


@pytest.mark.timeout(600)
@pytest.mark.parametrize("guarantee", [
    pytest.param("at_least_once", marks=pytest.mark.xfail(strict=False, reason=(
        "known flake (issue 12, open): on the merged tree the restarted at_least_once worker ended with a "
        "case variant of one quotation (its all-caps copy) split off as a quotation of its own in 2 of 7 "
        "runs on the shared broker, 5 passed; exactly_once, which the issue asks for, passed 3 of 3"))),
    "exactly_once",
])
def test_counts_after_sigkill_and_restart_equal_an_undisturbed_run(worker_factory, guarantee):
    """A worker killed with SIGKILL half-way and restarted ends with the counts of a run left alone,
    in both modes. One partition: the articles reach the tracker in one order, as in the undisturbed
    run (with several, the interleaving of partitions is not repeatable, and neither are the merges
    an excerpt's arrival order decides: README, Live quote tracker). The tracker's agents are
    at-least-once in both modes and redo what was not committed: a redone sighting keeps the answer
    it got the first time (its decision is kept in its quotation's record), records count each
    article once by their article hashes, speaker windows each (quotation, article) once by theirs,
    so a kill between the two writes loses neither. Under exactly_once the tracker reads
    articles.enriched read_committed, so the killed worker's aborted outputs never reach it."""
    import signal

    from agents.broker import free_port
    from newsstream.tracker.pairs import articles

    messages = [(a["id"].encode(), orjson.dumps(a)) for a in articles(60, seed=21)]
    common = {"tracker": "on", "processing_guarantee": guarantee, "partitions": 1, "session_timeout": 6.0}

    calm_port = free_port()
    calm = worker_factory(web_port=calm_port, **common)
    produce(calm.settings, messages)
    _wait_enriched(calm.settings, [m[0].decode() for m in messages])
    expected_total = None
    deadline = time.monotonic() + 120
    while True:  # the tracker has caught up when its totals stop moving
        latest, speakers = _state(calm.settings, calm_port, timeout=5)
        total = sum(n for n, _t, _names in latest.values())
        if total and total == expected_total and sum(speakers.values()) == total:
            break
        assert time.monotonic() < deadline, "the undisturbed run did not settle"
        expected_total = total
        time.sleep(3)
    calm.stop()

    port = free_port()
    first = worker_factory(web_port=port, **common)
    s = first.settings
    produce(s, messages[:30])
    collect(s, [s.topic_quotations], done=lambda g: len(g[s.topic_quotations]) >= 20, timeout=120)
    time.sleep(3)  # past a commit (every second): the restart must recover state, not redo everything
    first.stop(signal.SIGKILL)
    produce(s, messages[30:])
    second = worker_factory(settings=s)
    got_latest, _ = _state(s, port, done_count=total, timeout=180)
    assert got_latest == latest, second.log()[-3000:]
    recovered = [line for line in second.log().splitlines() if "Tracker: " in line and "recovered" in line]
    assert recovered and " 0 quotations recovered" not in recovered[-1], recovered  # state came back
    got_speakers = _poll(port, "/api/speakers?window=1d",
                         lambda a: sum(x["quotes"] for x in a["speakers"]) >= total, timeout=120)
    assert {x["name"]: x["quotes"] for x in got_speakers["speakers"]} == speakers, second.log()[-3000:]


def test_an_aborted_transaction_on_articles_enriched_never_reaches_the_tracker(worker_factory):
    """Faust's consumer reads read_committed in every mode (agents/faust_internals.read_committed):
    an enriched record of an aborted transaction (a killed exactly_once worker's output) is not
    tracked; the committed one after it is."""
    import asyncio

    from agents.broker import free_port
    from agents.client import make_producer

    port = free_port()
    worker = worker_factory(tracker="on", web_port=port, partitions=1)
    s = worker.settings
    _poll(port, "/api/speakers?window=1h", lambda a: "speakers" in a)  # up, topics declared

    def enriched(article_id: str, text: str) -> bytes:
        quote = {"text": text, "speaker": {"name": "Oona Brack"}}
        return orjson.dumps({"id": article_id, "url": f"https://saltmarsh.example/{article_id}",
                             "source": "saltmarsh.example", "quotes": [quote]})

    async def send() -> None:
        producer = make_producer(s, transactional_id=f"{s.app_id}-aborting-test")
        await producer.start()
        try:
            await producer.begin_transaction()
            await producer.send_and_wait(s.topic_enriched, enriched("aborted-1", OTHER), key=b"aborted-1")
            await producer.abort_transaction()
            await producer.begin_transaction()
            await producer.send_and_wait(s.topic_enriched, enriched("committed-1", FERRY), key=b"committed-1")
            await producer.commit_transaction()
        finally:
            await producer.stop()

    asyncio.run(send())
    # the aborted record sits before the committed one, and the tracker reads in order
    latest = _latest(s, lambda q: any(v["text"] == FERRY for v in q.values()))
    assert [v["text"] for v in latest.values()] == [FERRY], worker.log()[-2000:]


def test_every_worker_answers_for_all_partitions(worker_factory):
    """Two workers share the two partitions; the tables are GlobalTables, so each worker's API
    gives the same, complete answer (speakers of both partitions' surnames)."""
    from agents.broker import free_port
    from newsstream.tracker.pairs import SPEAKERS, articles

    ports = [free_port(), free_port()]
    one = worker_factory(tracker="on", web_port=ports[0])
    two = worker_factory(settings=replace(one.settings, web_port=ports[1]))
    s = one.settings
    messages = [(a["id"].encode(), orjson.dumps(a)) for a in articles(24, seed=5)]
    time.sleep(8)  # both in the group before the articles come, so each one owns a partition
    produce(s, messages)
    _wait_enriched(s, [m[0].decode() for m in messages])

    def settled(port: int) -> dict:
        last: dict = {}
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            answer = _get(port, "/api/speakers?window=1d")
            if answer == last and answer["speakers"]:
                return answer
            last = answer
            time.sleep(3)
        raise AssertionError(f"no stable answer from port {port}: {last}")

    answers = [settled(p) for p in ports]
    assert answers[0] == answers[1], (one.log()[-2000:], two.log()[-2000:])
    names = {x["name"] for x in answers[0]["speakers"]}
    full = set(SPEAKERS) | {n.split()[-1] for n in SPEAKERS}  # a surname before its full name stays apart
    assert names <= full and len({n.split()[-1] for n in names}) >= 6, names  # surnames of both partitions
    assert sum(x["quotes"] for x in answers[0]["speakers"]) >= 24 * 3
    ids = [{q["id"] for q in _get(p, "/api/quotations?limit=200")["quotations"]} for p in ports]
    assert ids[0] == ids[1] and ids[0]
