"""The workspace end to end in a real browser: Playwright for Python driving Debian's Chromium.

One server and one browser for the module; each test gets a fresh page.  Every request
the page makes is recorded, and any to a host other than the test server fails the test.
Skipped, with the reason, only when Playwright or Chromium is absent (`make test`
installs both; `.ci/run` sets KHARITA_REQUIRE_BROWSER=1 so CI fails instead of skipping).
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import make_airstrike_document, make_protest_document
from kharita.model import Document, Event, Place, Span
from kharita.store import SQLiteStore

CHROMIUM = os.environ.get("KHARITA_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
STRIKE = "doc-yemen-1:e1"
EVIL_TEXT = ('Gunmen attacked <script>window.pwned = "script"</script> a market in Mogadishu '
             '<img src=x onerror="window.pwned = \'img\'"> and killed two people, police said.')


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[dev]')"
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        return f"chromium is not installed at {CHROMIUM} (apt-get install chromium; make setup does it)"
    return None


MISSING = _missing()
if MISSING and os.environ.get("KHARITA_REQUIRE_BROWSER"):
    raise RuntimeError(f"browser tests required (KHARITA_REQUIRE_BROWSER) but {MISSING}")
pytestmark = pytest.mark.skipif(MISSING is not None, reason=f"browser tests skipped: {MISSING}")


def evil_document() -> Document:
    """A stored page whose text carries a script and an onerror attribute."""
    t = EVIL_TEXT
    s, e = t.index("Mogadishu"), t.index("Mogadishu") + len("Mogadishu")
    mogadishu = Place("Mogadishu", s, e, name="Mogadishu", geonameid=53654, lat=2.0371,
                      lon=45.3438, country="SO", precision=1)
    ts = t.index("attacked")
    event = Event(id="doc-evil:e1", doc_id="doc-evil", type="ASSAULT",
                  acled_event_type="Violence against civilians", acled_sub_event_type="Attack",
                  location=mogadishu, date="2024-02-01", evidence=Span(t, 0, len(t)),
                  trigger=Span("attacked", ts, ts + len("attacked")), confidence=0.7)
    return Document(id="doc-evil", text=t, title='<img src=x onerror="window.pwned=\'title\'">',
                    url="javascript:window.pwned='link'", places=[mogadishu], events=[event],
                    published="2024-02-02")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from kharita.serve import Settings, create_app

    db = tmp_path_factory.mktemp("serve") / "browser.sqlite"
    with SQLiteStore(db) as store:
        store.save(make_airstrike_document())
        store.save(make_protest_document())
        store.save(make_protest_document("doc-sudan-2"))
        store.save(evil_document())
    port = _free_port()
    app = create_app(Settings(db=db, port=port, allow_review=True))
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM if Path(CHROMIUM).exists()
                              else shutil.which("chromium"), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server: str) -> Iterator[object]:
    """A fresh page; every request is recorded and a non-local one is refused and fails."""
    context = browser.new_context(viewport={"width": 1300, "height": 800}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20_000)  # generous: CI machines are shared
    foreign: list[str] = []
    errors: list[str] = []
    local = urlsplit(server).netloc

    def route(r) -> None:
        url = r.request.url
        if urlsplit(url).netloc == local or url.startswith(("data:", "blob:")):
            r.continue_()
        else:
            foreign.append(url)
            r.abort()

    context.route("**/*", route)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.server = server
    yield page
    context.close()
    assert foreign == [], f"requests left the machine: {foreign}"
    assert errors == [], f"errors in the page: {errors}"


def renders(page) -> int:
    return int(page.locator("body").get_attribute("data-renders") or 0)


def wait_render(page, after: int) -> None:
    """Wait until the page finished a redraw after ``after`` (selectors only: the CSP
    forbids the eval that Playwright's wait_for_function needs)."""
    deadline = time.monotonic() + 10
    while renders(page) <= after or page.locator("body[data-busy]").count():
        if time.monotonic() > deadline:
            raise AssertionError("the page did not redraw")
        page.wait_for_timeout(25)


def load(page, query: str = "") -> None:
    page.goto(page.server + "/" + query)
    wait_render(page, 0)


def test_load_shows_map_timeline_and_table(page) -> None:
    load(page)
    assert page.locator("#total").inner_text() == "7 events"
    assert page.locator("#events tbody tr").count() == 7
    # Yemen (strike + movement at Hodeidah), Khartoum (4 events), Mogadishu (one event)
    assert page.locator("#map").get_attribute("data-clusters") == "3"
    assert page.locator(".leaflet-marker-icon.cluster").count() == 2
    assert page.locator("#tl rect.bar").count() >= 4
    shots = os.environ.get("KHARITA_SCREENSHOT_DIR")
    if shots:
        loads = int(page.locator("#map").get_attribute("data-loads"))
        page.locator(f'#events tbody tr[data-id="{STRIKE}"]').click()
        page.wait_for_selector("#panel .article .current")
        # the map comes to the event, then loads its clusters there
        page.wait_for_selector(f'#map:not([data-loads="{loads}"])')
        page.wait_for_timeout(300)
        page.screenshot(path=str(Path(shots) / "serve.png"))


def test_filter_via_timeline_brush_and_back(page) -> None:
    load(page)
    box = page.locator("#tl").bounding_box()
    before = renders(page)
    y = box["y"] + box["height"] / 2
    # brush the right half of the timeline: the 2024 events only
    page.mouse.move(box["x"] + box["width"] * 0.5, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.75, y, steps=4)
    page.mouse.move(box["x"] + box["width"] - 1, y, steps=4)
    page.mouse.up()
    wait_render(page, before)
    query = parse_qs(urlsplit(page.url).query)
    assert query["since"][0].startswith("202") and "until" in query
    shown = int(page.locator("#total").inner_text().split()[0])
    assert 0 < shown < 7
    assert page.locator("#tl rect.brush").count() == 1
    assert page.locator("#filters input[name=since]").input_value() == query["since"][0]
    before = renders(page)
    page.go_back()
    wait_render(page, before)
    assert page.locator("#total").inner_text() == "7 events"
    assert "since" not in page.url


def test_click_cluster_then_event_shows_evidence(page) -> None:
    load(page)
    # the strike and the movement both start at Hodeidah: one cluster of two at any zoom
    yemen = page.locator(".leaflet-marker-icon.cluster", has_text="2").first
    before = renders(page)
    yemen.click()
    wait_render(page, before)
    assert "bbox=" in page.url
    assert page.locator("#events tbody tr").count() == 2
    page.locator(f'#events tbody tr[data-id="{STRIKE}"]').click()
    current = page.locator("#panel .article .m-evidence.current")
    current.first.wait_for()
    text = "".join(current.all_inner_texts())
    assert "An airstrike by the Saudi-led coalition killed five civilians" in text
    assert page.locator("#panel .article .m-trigger.current").first.inner_text() == "airstrike"
    assert page.locator("#panel .article .m-place").count() >= 2
    assert page.locator("#panel .article .m-actor").count() >= 2
    assert page.locator("#source-link").get_attribute("href") == "https://example.org/yemen"
    assert "event=" in page.url


def test_review_an_event_and_the_export_changes(page, tmp_path: Path) -> None:
    load(page, f"?event={STRIKE}")
    page.wait_for_selector("#panel .review-box")
    page.fill("#panel input[name=reviewer]", "amal")
    page.select_option("#panel select[name=field]", "fatalities")
    page.fill("#panel .review-box input[name=value]", "11")
    page.click("#save-correction")
    page.wait_for_selector("#review-history li:has-text('amal')")
    assert page.locator("#review-status").inner_text() == "corrected"
    assert "→ {\"low\":11" in page.locator("#review-history").inner_text()
    page.check("#apply-reviews")
    with page.expect_download() as download:
        page.click("#exports a[data-format=acled-csv]")
    path = tmp_path / "reviewed.csv"
    download.value.save_as(path)
    rows = {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(path.read_text()))}
    assert rows[STRIKE]["fatalities"] == "11"
    page.uncheck("#apply-reviews")
    with page.expect_download() as download:
        page.click("#exports a[data-format=acled-csv]")
    download.value.save_as(path)
    rows = {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(path.read_text()))}
    assert rows[STRIKE]["fatalities"] == "5"  # the machine's output is unchanged


def test_script_in_a_stored_page_never_runs(page) -> None:
    load(page, "?event=doc-evil:e1")
    article = page.locator("#panel .article")
    article.wait_for()
    assert "<script>window.pwned" in article.inner_text()
    assert 'onerror="window.pwned' in article.inner_text()
    assert page.locator("#panel .article script, #panel .article img").count() == 0
    assert page.locator("#panel img").count() == 0
    assert "<img src=x" in page.locator("#panel").inner_text()  # the title, as text
    assert page.locator("#source-link").count() == 0  # a javascript: URL is not a link
    page.click("#close")
    page.locator('#events tbody tr[data-id="doc-evil:e1"]').click()  # opened again, from the table
    article.wait_for()
    page.wait_for_timeout(200)
    assert page.evaluate("typeof window.pwned") == "undefined"


def test_play_steps_the_window_through_time(page) -> None:
    load(page, "?since=2023-06-01&until=2023-06-10")
    assert page.locator("#total").inner_text() == "4 events"  # the Khartoum protests
    before = renders(page)
    page.click("#play")
    wait_render(page, before)
    deadline = time.monotonic() + 5
    while "since=2023-06-02" not in page.url and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert "since=2023-06-02" in page.url and "until=2023-06-11" in page.url
    page.click("#play")  # pause
    assert page.locator("#play").inner_text() == "▶"


def test_actor_view_and_autocomplete(page) -> None:
    load(page)
    page.fill("#filters input[name=actor]", "civil")
    page.wait_for_selector("#actor-list option[value='Civilians (Yemen)']", state="attached")
    load(page, "?actor_view=Civilians%20(Yemen)")
    page.wait_for_selector("#panel h2:has-text('Civilians (Yemen)')")
    assert "Military Forces of Saudi Arabia" in page.locator("#panel").inner_text()


def test_correct_a_place_by_a_click_on_the_map_then_mark_wrong(page) -> None:
    event = "doc-sudan-2:e1"
    load(page, f"?event={event}")
    page.wait_for_selector("#panel .review-box")
    page.fill("#panel input[name=reviewer]", "bo")
    page.select_option("#panel select[name=field]", "location")
    page.fill("#panel .review-box input[name=value]", "Omdurman")
    page.click("#panel button:has-text('pick on map')")
    page.wait_for_selector("#map.picking")
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector("#map:not(.picking)")  # the click reached the map: a place is chosen
    page.click("#save-correction")
    page.wait_for_selector("#review-history li:has-text('location')")
    assert "Omdurman" in page.locator("#panel h2").inner_text()
    assert page.locator("#review-status").inner_text() == "corrected"
    page.click("#mark-wrong")
    page.wait_for_selector("#review-history li:has-text('marked wrong')")
    assert page.locator("#review-status").inner_text() == "wrong"
    page.click("#close")
    row = page.locator(f'#events tbody tr[data-id="{event}"]')
    assert row.locator("td.status-wrong").inner_text() == "wrong"
