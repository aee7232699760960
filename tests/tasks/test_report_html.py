"""The HTML report on real warehouses: the sample corpus run once by the session's `sample_run`, an
empty one and one where every file was rejected (each a real flow run), and the page in a real,
offline headless Chromium."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest
from plotly.offline import get_plotlyjs

from depeche.tasks.report_html import (
    UnknownActor, build_report, cameo_labels, collect, resolve_scope, write_report,
)

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "out"
CHROMIUM, CHROMEDRIVER = shutil.which("chromium") or shutil.which("chromium-browser"), shutil.which("chromedriver")


@pytest.fixture(scope="module")
def sample(sample_run):
    settings, _ = sample_run
    return settings


@pytest.fixture(scope="module")
def labels(sample):
    return cameo_labels(sample.reference_dir)


def _connect(warehouse: Path):
    return duckdb.connect(str(warehouse / "depeche.duckdb"), read_only=True)


def _collect(settings, labels, **scope):
    con = _connect(settings.warehouse_dir)
    try:
        return collect(con, resolve_scope(con, **scope), labels)
    finally:
        con.close()


def _page(warehouse: Path, labels, **scope) -> str:
    con = _connect(warehouse)
    try:
        return build_report(con, resolve_scope(con, **scope), labels, source=str(warehouse))
    finally:
        con.close()


def test_the_run_writes_one_self_contained_page(sample):
    html = (sample.warehouse_dir / "report" / "index.html").read_text(encoding="utf-8")
    assert html.count(get_plotlyjs()[:300]) == 1  # Plotly's JavaScript embedded once
    ours = html.replace(get_plotlyjs(), "")
    assert "<script src" not in ours and "http://" not in ours and "https://" not in ours  # nothing fetched
    for title in ("1. Mentions over time", "2. The actor network", "3. Event timeline", "4. Quotes by speaker", "5. Data quality"):
        assert title in html
    assert "44 passed, 0 failed" in html or "passed, 0 failed" in html


def test_mentions_of_the_top_actors_by_week(sample, labels):
    mentions = _collect(sample, labels).mentions
    assert mentions.bucket == "week"  # the sample's dated articles span February to September 2023
    assert mentions.series["Wang Yi"] == [(date(2023, 2, 20), 4), (date(2023, 8, 28), 9)]
    assert list(mentions.series)[0] == "Wang Yi" and len(mentions.series) == 6
    assert mentions.undated_documents == 3


def test_putin_and_xi_are_the_most_co_mentioned_pair(sample, labels):
    network = _collect(sample, labels).network
    assert network.edges[0] == ("vladimir-putin", "xi-jinping", 12)
    assert ("sergey-lavrov", "wang-yi", 7) in network.edges
    countries = {node[0]: node[3] for node in network.nodes}
    assert countries["xi-jinping"] == "CHN" and countries["vladimir-putin"] == "RUS"


def test_wang_yi_meets_lavrov_in_moscow_in_february_2023(sample, labels):
    events = _collect(sample, labels).events
    meeting = [e for e in events if e.day == date(2023, 2, 22) and {e.actor_a, e.actor_b} == {"Sergey Lavrov", "Wang Yi"}]
    assert [(m.cameo_code, m.label, m.place, m.quad_class) for m in meeting] == [("040", "Consult", "Moscow", 1)]
    assert "Wang Yi" in meeting[0].sentence
    assert any(e.label == "Make a visit" and e.place == "Moscow" and e.day == date(2023, 2, 22) for e in events)
    assert all(e.label != f"CAMEO {e.cameo_code}" for e in events)  # every code has its words in cameo_codes.csv
    assert [e.day for e in events if e.day] == sorted(e.day for e in events if e.day)


def test_a_large_warehouse_shows_its_most_reported_events_and_says_how_many_there_are(sample, labels, monkeypatch):
    from depeche.tasks.report_html import queries

    everything = _collect(sample, labels)
    monkeypatch.setattr(queries, "MAX_EVENTS", 5)
    data = _collect(sample, labels)
    assert len(data.events) == 5 and data.events_total == len(everything.events) == everything.events_total
    assert min(e.articles for e in data.events) >= max(e.articles for e in everything.events if e not in data.events)
    assert f"the 5 reported by the most articles, of {data.events_total} events" in _page(sample.warehouse_dir, labels)


def test_every_code_the_coder_emits_has_a_label(labels):
    import csv

    with open(ROOT / "data" / "reference" / "event_triggers.csv", newline="", encoding="utf-8") as handle:
        assert {row["cameo_code"] for row in csv.DictReader(handle)} <= set(labels)


def test_actor_keeps_only_his_events_and_partners(sample, labels):
    data = _collect(sample, labels, actor="wang yi")
    assert data.scope.actor_id == "wang-yi" and "sergey-lavrov" in data.scope.partner_ids
    assert data.events and all("Wang Yi" in (e.actor_a, e.actor_b) for e in data.events)
    assert {e.actor_a for e in data.events} | {e.actor_b for e in data.events} == {"Wang Yi", "Sergey Lavrov", "Russia", "Vladimir Putin", "Jake Sullivan"}
    assert "wang-yi" in {node[0] for node in data.network.nodes}
    assert {name for name, _, _ in data.quotes} <= {"Wang Yi", "Sergey Lavrov", "Vladimir Putin", "Kremlin", "Jake Sullivan", "China"}  # « Pékin a qualifié … »: the capital speaks for its country


def test_an_actor_is_found_by_alias_and_an_unknown_one_is_refused(sample):
    con = _connect(sample.warehouse_dir)
    try:
        assert resolve_scope(con, actor="POUTINE").actor_id == "vladimir-putin"  # a surface form in the articles
        with pytest.raises(UnknownActor, match="Nobody"):
            resolve_scope(con, actor="Nobody")
    finally:
        con.close()


def test_dates_narrow_articles_and_events(sample, labels):
    data = _collect(sample, labels, since=date(2023, 3, 1), until=date(2023, 12, 31))
    assert {start for points in data.mentions.series.values() for start, _ in points} == {date(2023, 9, 1)}  # one day: by day
    assert data.events and all(date(2023, 3, 1) <= e.day <= date(2023, 12, 31) for e in data.events)
    assert data.quality.documents == 1 and data.mentions.bucket == "day"


def test_quotes_by_speaker_with_their_article(sample, labels):
    quotes = _collect(sample, labels).quotes
    name, count, shown = quotes[0]
    assert (name, count, len(shown)) == ("Vladimir Putin", 9, 3)
    assert shown[1] == ("Nous atteignons de nouveaux horizons", "Vers un rapprochement entre la Russie et la Chine ?")


def test_data_quality_counts(sample, labels):
    quality = _collect(sample, labels).quality
    assert (quality.documents, quality.dated_documents, quality.rejects, quality.without_model) == (5, 2, [], [])
    assert ("after_end_of_body", 10) in quality.chrome and ("reading_time", 4) in quality.chrome
    assert quality.runs[0][1:] == ("completed", 5, 5, 0, 0)


def test_hostile_text_is_escaped(sample, labels, tmp_path):
    warehouse = tmp_path / "wh"
    shutil.copytree(sample.warehouse_dir, warehouse, ignore=shutil.ignore_patterns(".run.lock", "report"))
    con = duckdb.connect(str(warehouse / "depeche.duckdb"))
    con.execute("update documents set title = '<script>alert(1)</script> & co'")
    con.execute("update quotes set text = '<img src=x onerror=alert(2)>'")
    con.execute("update entities set name = '<b>Vladimir</b> Putin' where entity_id = 'vladimir-putin'")
    con.close()
    html = _page(warehouse, labels)
    assert "<script>alert(1)" not in html and "<img src=x" not in html and "<b>Vladimir</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html and "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "&lt;b&gt;Vladimir&lt;/b&gt; Putin" in html  # in tables and inside the figures' data


@pytest.fixture(scope="module")
def unloaded(prefect_harness, tmp_path_factory):
    """Two real runs: on an empty raw folder, and on one whose every file is rejected."""
    from depeche.flows.etl import run_etl
    from depeche.tasks.settings import Settings

    runs = {}
    for name in ("empty", "rejected"):
        raw = tmp_path_factory.mktemp(f"raw-{name}")
        if name == "rejected":  # rejected while planning, so no worker process starts
            (raw / "big.txt").write_text("x" * 500)  # over max_file_bytes
            (raw / "gone.txt").symlink_to(raw / "nowhere.txt")  # unreadable
        settings = Settings(raw_dir=raw, warehouse_dir=tmp_path_factory.mktemp(f"wh-{name}"), workers=1, max_file_bytes=100)
        run_etl(settings)
        runs[name] = settings
    return runs


def test_an_empty_warehouse_gives_a_page_that_says_so(unloaded, labels):
    warehouse = unloaded["empty"].warehouse_dir
    html = (warehouse / "report" / "index.html").read_text(encoding="utf-8")
    assert "The warehouse holds no documents. Run `depeche run`" in html
    assert "No dated article mentions an actor" in html and "No event in this scope." in html and "No file was rejected." in html
    assert "plotly-graph-div" not in html  # no empty figure


def test_an_all_rejected_warehouse_gives_the_reasons(unloaded, labels):
    html = _page(unloaded["rejected"].warehouse_dir, labels)
    assert "every file was rejected (2 files; the reasons are under Data quality)" in html
    assert html.count("plotly-graph-div") == 1 and "chart-rejects" in html
    assert "<td>too_large</td>" in html and "<td>unreadable</td>" in html


def _browser():
    if not (CHROMIUM and CHROMEDRIVER):
        if os.environ.get("CI") == "true":
            pytest.fail("chromium and chromedriver are needed for the browser test (.ci/run installs them)")
        pytest.skip("chromium or chromedriver not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                 "--window-size=1280,1000", "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9",
                 "--proxy-bypass-list=<-loopback>"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def test_the_page_draws_offline_in_chromium(sample, labels):
    page = write_report(_page(sample.warehouse_dir, labels), OUT / "report.html")
    driver = _browser()
    try:
        driver.get(page.as_uri())
        charts = driver.execute_script(
            """return Array.from(document.querySelectorAll('.chart')).map(c => [c.dataset.chart,
                   c.querySelectorAll('.main-svg').length,
                   c.querySelectorAll('.scatterlayer .point, .scatterlayer path.js-line, .barlayer .point').length]);""")
        errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        height = driver.execute_script("return document.body.scrollHeight")
        driver.set_window_size(1280, min(height + 100, 16000))
        OUT.mkdir(exist_ok=True)
        driver.save_screenshot(str(OUT / "report.png"))
    finally:
        driver.quit()
    assert errors == []
    assert [name for name, _, _ in charts] == ["mentions", "network", "events", "quotes", "chrome"]
    assert all(svgs > 0 and marks > 0 for _, svgs, marks in charts), charts
    assert (OUT / "report.png").stat().st_size > 50_000


def test_a_report_that_cannot_be_drawn_is_a_warning_not_a_failed_run(sample_run, tmp_path, caplog):
    from prefect import flow

    from depeche.tasks.steps import report_run

    settings, totals = sample_run
    warehouse = tmp_path / "wh"
    shutil.copytree(settings.warehouse_dir, warehouse, ignore=shutil.ignore_patterns(".run.lock", "report"))
    broken = settings.model_copy(update={"warehouse_dir": warehouse, "reference_dir": tmp_path / "no-reference"})

    @flow
    def report_only():
        report_run(totals, broken, "completed")

    report_only()  # raises if the task failed
    assert not (warehouse / "report").exists()
    assert any(r.levelname == "WARNING" and "the HTML report could not be drawn" in r.getMessage() for r in caplog.records)


def test_while_a_run_holds_the_database_the_page_comes_from_parquet(sample, labels):
    from depeche.tasks.query import open_parquet_fallback, reader_config
    from depeche.tasks.warehouse import Warehouse

    con = open_parquet_fallback(Warehouse(sample.warehouse_dir), reader_config("1GB", 1))  # no rejects file: an empty stand-in
    try:
        html = build_report(con, resolve_scope(con, actor="Wang Yi"), labels)
    finally:
        con.close()
    assert "Consult" in html and "No file was rejected." in html and "Sergey Lavrov" in html
