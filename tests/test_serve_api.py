"""The workspace's JSON API and its safety rules, without a browser (FastAPI's TestClient)."""

from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from conftest import make_airstrike_document, make_protest_document, open_backend
from kharita.cli import app as cli
from kharita.model import Document
from kharita.serve import Settings, create_app
from kharita.serve.security import WRITE_HEADER
from kharita.store import StoreError, open_store

STRIKE = "doc-yemen-1:e1"
WRITE = {WRITE_HEADER: "1"}
EVIL = ('Attack <script>window.pwned = 1</script> on <img src=x onerror="window.pwned=2"> '
        "the town of Hodeidah killed 3 people.")


@pytest.fixture
def db(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> str:
    """The workspace's store, once per backend (a SQLite path or a PostgreSQL URL)."""
    with open_backend(request, backend, tmp_path) as s:
        s.save(make_airstrike_document())
        s.save(make_protest_document())
        evil = make_protest_document("doc-evil")
        evil.title = '<script>alert("title")</script>'
        evil.url = "javascript:alert(1)"
        s.save(evil)
        return s.target


def client(db: Path, **kw) -> TestClient:
    return TestClient(create_app(Settings(db=db, **kw)), base_url="http://127.0.0.1:8000")


@pytest.fixture
def api(db: Path) -> TestClient:
    return client(db)


@pytest.fixture
def reviewing(db: Path) -> TestClient:
    return client(db, allow_review=True)


def test_events_paginated_with_the_cli_filters(api: TestClient) -> None:
    all_ = api.get("/api/events").json()
    assert all_["total"] == 6 and len(all_["events"]) == 6
    page = api.get("/api/events", params={"limit": 2, "offset": 1}).json()
    assert [e["id"] for e in page["events"]] == [e["id"] for e in all_["events"][1:3]]
    yemen = api.get("/api/events", params={"country": "Yemen", "since": "2024-03-01"}).json()
    assert {e["id"] for e in yemen["events"]} == {STRIKE, "doc-yemen-1:e2"}
    boxed = api.get("/api/events", params={"bbox": "44,15,45,16"}).json()
    assert [e["id"] for e in boxed["events"]] == ["doc-yemen-1:e2"]
    by_deaths = api.get("/api/events", params={"order": "-fatalities"}).json()["events"]
    assert by_deaths[0]["fatalities"] == max(e["fatalities"] or 0 for e in all_["events"])


def test_events_as_geojson(api: TestClient) -> None:
    fc = api.get("/api/events", params={"format": "geojson", "country": "YE"}).json()
    assert fc["type"] == "FeatureCollection"
    assert {f["geometry"]["type"] for f in fc["features"]} == {"Point", "LineString"}


@pytest.mark.parametrize("params, message", [
    ({"since": "2024-13-01"}, "real date"),
    ({"bbox": "1,2"}, "WEST,SOUTH,EAST,NORTH"),
    ({"country": "Atlantis"}, "not a known"),
    ({"min_confidence": "x"}, "number"),
    ({"order": "colour"}, "choose one of"),
    ({"limit": "-4"}, "limit"),
    ({"format": "xml"}, "format"),
    ({"text": '"'}, "at least one word"),
])
def test_bad_filters_are_400_with_a_reason(api: TestClient, params, message) -> None:
    r = api.get("/api/events", params=params)
    assert r.status_code == 400 and message in r.json()["detail"]


def test_event_and_document_views(api: TestClient) -> None:
    e = api.get(f"/api/events/{STRIKE}").json()
    assert e["event"]["id"] == STRIKE and e["review"]["status"] == "unreviewed"
    assert e["event"]["url"] == "https://example.org/yemen"
    doc = api.get("/api/documents/doc-yemen-1").json()
    assert "".join(s["text"] for s in doc["segments"]) == make_airstrike_document().text
    evidence = [s for s in doc["segments"] if STRIKE in s["events"]]
    assert evidence and all("evidence" in s["kinds"] for s in evidence)
    assert any("trigger" in s["kinds"] for s in evidence)
    assert {x["id"] for x in doc["events"]} == {STRIKE, "doc-yemen-1:e2"}
    assert api.get("/api/events/nope").status_code == 404
    assert api.get("/api/documents/nope").status_code == 404


def test_stats_map_actors(api: TestClient) -> None:
    stats = api.get("/api/stats", params={"bucket": "week", "country": "YE"}).json()
    assert stats["total"] == 2 and stats["timeline"] == [{"key": "2024-03-11", "n": 2}]
    m = api.get("/api/map", params={"view": "-180,-90,180,90", "zoom": 3}).json()
    assert m["in_view"] == 6 and m["movements"][0]["destinations"]
    assert api.get("/api/map", params={"view": "a,b"}).status_code == 400
    assert api.get("/api/map", params={"zoom": 99}).status_code == 400
    found = api.get("/api/actors", params={"q": "civil"}).json()["actors"]
    assert found and all("civil" in a["name"].lower() for a in found)
    actor = api.get("/api/actor", params={"name": "Civilians (Yemen)"}).json()
    assert actor["stats"]["total"] >= 1 and actor["events"]


def test_openapi_documents_the_api(api: TestClient) -> None:
    spec = api.get("/openapi.json").json()
    for path in ("/api/events", "/api/events/{event_id}", "/api/documents/{doc_id}",
                 "/api/actors", "/api/stats", "/api/map", "/api/export",
                 "/api/events/{event_id}/reviews"):
        assert path in spec["paths"], path
    names = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"actor", "type", "country", "since", "until", "near", "bbox", "text",
            "min_confidence", "background", "aggregate", "review"} <= names


# -- safety ------------------------------------------------------------------


def test_read_only_by_default(api: TestClient) -> None:
    r = api.post(f"/api/events/{STRIKE}/reviews", json={"reviewer": "a", "verdict": "right"},
                 headers=WRITE)
    assert r.status_code == 403 and "--allow-review" in r.json()["detail"]


def test_writes_refuse_cross_site_requests(reviewing: TestClient) -> None:
    body = {"reviewer": "amal", "verdict": "right"}
    url = f"/api/events/{STRIKE}/reviews"
    assert reviewing.post(url, json=body).status_code == 403  # no custom header: a form post
    evil = {**WRITE, "Origin": "http://evil.example"}
    assert reviewing.post(url, json=body, headers=evil).status_code == 403
    ok = reviewing.post(url, json=body, headers={**WRITE, "Origin": "http://127.0.0.1:8000"})
    assert ok.status_code == 201 and ok.json()["state"]["status"] == "right"


def test_host_header_must_be_loopback(api: TestClient) -> None:
    """A page on another site cannot read the API by pointing its own name at 127.0.0.1."""
    r = api.get("/api/events", headers={"Host": "attacker.example:8000"})
    assert r.status_code == 403
    assert api.get("/api/events", headers={"Host": "localhost:8000"}).status_code == 200


def test_security_headers_forbid_remote_origins(api: TestClient, db: Path) -> None:
    h = api.get("/").headers
    csp = h["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert "http" not in csp and "unsafe" not in csp
    assert h["x-content-type-options"] == "nosniff" and h["x-frame-options"] == "DENY"
    tiled = client(db, tiles="http://tiles.local:8080/{z}/{x}/{y}.png")
    assert "img-src 'self' data: http://tiles.local:8080" in tiled.get("/").headers["content-security-policy"]


def test_token_required_off_loopback(db: Path) -> None:
    with pytest.raises(StoreError, match="--token"):
        create_app(Settings(db=db, host="0.0.0.0"))
    c = TestClient(create_app(Settings(db=db, host="0.0.0.0", token="s3cret-token")),
                   base_url="http://10.0.0.5:8000")
    assert c.get("/api/events").status_code == 401
    assert c.get("/api/events", headers={"Authorization": "Bearer s3cret-token"}).status_code == 200
    first = c.get("/?token=s3cret-token", follow_redirects=False)
    assert first.status_code == 303 and "token" not in first.headers["location"]
    assert c.get("/api/events").status_code == 200  # the cookie now carries it
    c.cookies.clear()
    assert c.get("/api/events", headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_page_escapes_config_and_loads_only_local_files(api: TestClient) -> None:
    html = api.get("/").text
    assert "<script src=\"/static/app.js\">" in html
    assert "http://" not in html and "https://" not in html
    for asset in ("/static/app.js", "/static/vendor/leaflet.js",
                  "/static/vendor/countries-50m.json"):
        assert api.get(asset).status_code == 200


def test_article_html_is_data_never_markup(reviewing: TestClient, db: Path) -> None:
    with open_store(db) as s:
        s.save(Document(id="doc-xss", text=EVIL, title="<img src=x onerror=alert(1)>"))
    doc = reviewing.get("/api/documents/doc-xss")
    assert doc.headers["content-type"].startswith("application/json")
    assert "".join(s["text"] for s in doc.json()["segments"]) == EVIL  # kept as text


# -- reviews and exports --------------------------------------------------------


def test_review_changes_the_export_not_the_machine_output(reviewing: TestClient) -> None:
    url = f"/api/events/{STRIKE}/reviews"
    r = reviewing.post(url, json={"reviewer": "amal", "field": "fatalities", "new": 11}, headers=WRITE)
    assert r.status_code == 201 and r.json()["event"]["fatalities"]["best"] == 11
    view = reviewing.get(f"/api/events/{STRIKE}").json()
    assert view["event"]["fatalities"]["best"] == 11 and view["machine"]["fatalities"]["best"] != 11
    assert view["reviews"][0]["old"]["best"] == view["machine"]["fatalities"]["best"]
    plain = reviewing.get("/api/export", params={"format": "acled-csv", "country": "YE"}).text
    applied = reviewing.get("/api/export", params={"format": "acled-csv", "country": "YE",
                                                   "reviewed": "true"}).text
    deaths = {r["event_id_cnty"]: r["fatalities"] for r in csv.DictReader(io.StringIO(applied))}
    assert deaths[STRIKE] == "11"
    assert {r["event_id_cnty"]: r["fatalities"] for r in csv.DictReader(io.StringIO(plain))}[STRIKE] != "11"
    gold = [json.loads(x) for x in reviewing.get("/api/export", params={"format": "reviews"}).text.splitlines()]
    assert [g["id"] for g in gold] == [STRIKE] and gold[0]["review"]["history"][0]["reviewer"] == "amal"
    assert reviewing.get("/api/events", params={"review": "corrected"}).json()["total"] == 1


@pytest.mark.parametrize("body, message", [
    ({"reviewer": "amal", "verdict": "maybe"}, "right or wrong"),
    ({"reviewer": "amal", "field": "date", "new": "yesterday"}, "real day"),
    ({"verdict": "right"}, "reviewer"),
    ({"reviewer": "amal", "verdict": "right", "extra": 1}, "unknown review keys"),
])
def test_bad_reviews_are_400(reviewing: TestClient, body, message) -> None:
    r = reviewing.post(f"/api/events/{STRIKE}/reviews", json=body, headers=WRITE)
    assert r.status_code == 400 and message in r.json()["detail"]


def test_review_of_unknown_event_is_404(reviewing: TestClient) -> None:
    r = reviewing.post("/api/events/nope/reviews", json={"reviewer": "a", "verdict": "right"},
                       headers=WRITE)
    assert r.status_code == 404


def test_export_formats(api: TestClient) -> None:
    for fmt, head in (("jsonl", "{"), ("geojson", '{"type": "FeatureCollection"'),
                      ("acled-csv", "event_id_cnty")):
        r = api.get("/api/export", params={"format": fmt})
        assert r.status_code == 200 and r.text.startswith(head)
        assert "attachment" in r.headers["content-disposition"]


# -- the command ------------------------------------------------------------------


def test_serve_command_refuses_bad_options_without_traceback(db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    cases = [
        (["serve", "--db", str(tmp_path / "none.sqlite")], "no kharita database"),
        (["serve", "--db", str(db), "--host", "0.0.0.0"], "--token"),
        (["serve", "--db", str(db), "--tiles", "file:///etc/passwd"], "--tiles"),
        (["serve", "--db", str(db), "--host", "0.0.0.0", "--token", "short"], "8 characters"),
    ]
    for args, message in cases:
        r = runner.invoke(cli, args)
        assert r.exit_code == 2, (args, r.output)
        assert message in r.output and "Traceback" not in r.output


def test_stats_parts_and_automatic_weeks(api: TestClient) -> None:
    from kharita.serve.app import auto_bucket

    only = api.get("/api/stats", params={"bucket": "auto", "parts": "timeline"}).json()
    assert only["bucket"] == "day"  # June 2023 to March 2024: under 18 months
    assert set(only) == {"bucket", "total", "fatalities", "timeline"}
    assert api.get("/api/stats", params={"parts": "colours"}).status_code == 400
    days = [{"key": "2022-01-03", "n": 1}, {"key": "2022-01-09", "n": 2},
            {"key": "2024-01-01", "n": 4}]
    assert auto_bucket(days) == {"bucket": "week", "timeline": [
        {"key": "2022-01-03", "n": 3}, {"key": "2024-01-01", "n": 4}]}
    assert auto_bucket(days[:2])["bucket"] == "day"
    assert auto_bucket([{"key": "2024-03", "n": 1}, {"key": "2021-01-01", "n": 1}])["bucket"] == "day"


def test_places_from_the_gazetteer_for_a_correction(db: Path, tmp_path: Path) -> None:
    from kharita.places.gazetteer import GazEntry, Gazetteer

    gaz_path = tmp_path / "gaz.sqlite"
    Gazetteer.from_entries([
        GazEntry(75337, "Zabid", 14.195, 43.315, "P", "PPL", "YE", "08", None, "Al Hudaydah",
                 None, 52000, 3),
        GazEntry(79415, "Al Hudaydah", 14.798, 42.954, "A", "ADM1", "YE", "08", None,
                 "Al Hudaydah", None, 0, 5),
    ], path=gaz_path).close()
    api = client(db, gazetteer=gaz_path)
    found = api.get("/api/places", params={"q": "zabid"}).json()["places"]
    assert found[0]["name"] == "Zabid" and found[0]["precision"] == 1 and found[0]["country"] == "YE"
    assert api.get("/api/places", params={"q": "al hudaydah"}).json()["places"][0]["precision"] == 3
    assert api.get("/api/places", params={"q": "nowhere"}).json() == {"places": []}
    missing = client(db, gazetteer=tmp_path / "absent.sqlite").get("/api/places", params={"q": "x"})
    assert missing.status_code == 503 and "gazetteer build" in missing.json()["detail"]


def test_serve_command_serves_and_refuses_a_taken_port(db: Path) -> None:
    """The real command in a child process: it listens on 127.0.0.1, answers, and a
    second server on the same port is a usage error, not a traceback."""
    import socket
    import subprocess

    import httpx

    from processes import KHARITA, run_kharita

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([*KHARITA, "serve", "--db", str(db), "--port", str(port)],
                            stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
        assert f"http://127.0.0.1:{port}/" in line and "read-only" in line, line
        for _ in range(100):
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/events", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert r.status_code == 200 and r.json()["total"] == 6
        assert "default-src 'none'" in r.headers["content-security-policy"]
        second = run_kharita("serve", "--db", db, "--port", port, timeout=60)
        assert second.returncode == 2 and "cannot listen" in second.stderr
        assert "Traceback" not in second.stderr
    finally:
        proc.terminate()
        proc.wait(20)
        proc.stderr.close()
