"""Shared fixtures: hand-built documents with places, actors and events, and a tmp data dir.

Every test runs with ``KHARITA_DATA_DIR`` (and ``KHARITA_DB``) pointing into its own
tmp directory so nothing is ever written to the real user data directory.
The gazetteer path is left alone when CI has built one, so tests that need it can use it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kharita.model import (
    ActorMention,
    Document,
    Event,
    EventActor,
    Place,
    Quantity,
    Span,
)


def _real_gazetteer() -> Path | None:
    """Where a built gazetteer lives, worked out before tests override the data dir.

    Mirrors ``settings.gazetteer_path()`` without its mkdir, so collecting tests
    never creates the real user data directory.
    """
    import platformdirs

    env = os.environ.get("KHARITA_GAZETTEER")
    if env:
        return Path(env)
    data = os.environ.get("KHARITA_DATA_DIR") or platformdirs.user_data_dir("kharita")
    return Path(data) / "gazetteer.sqlite"


_REAL_GAZETTEER = _real_gazetteer()


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path_factory.mktemp("kharita-data")
    monkeypatch.setenv("KHARITA_DATA_DIR", str(data))
    monkeypatch.setenv("KHARITA_DB", str(data / "kharita.sqlite"))
    monkeypatch.setenv("KHARITA_WORKERS", "1")  # CLI runs code in-process; tests/test_pipeline.py covers workers
    if _REAL_GAZETTEER is not None and _REAL_GAZETTEER.exists():
        monkeypatch.setenv("KHARITA_GAZETTEER", str(_REAL_GAZETTEER))
    return data


def _span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


AIRSTRIKE_TEXT = (
    "Airstrike kills five in Hodeidah\n\n"
    "An airstrike by the Saudi-led coalition killed five civilians in Hodeidah on Tuesday, "
    "residents said. The port has been contested for years. Houthi fighters later moved from Hodeidah to Sanaa."
)


def make_airstrike_document(doc_id: str = "doc-yemen-1") -> Document:
    """A document with a place, two actor mentions, an event and a movement, all hand-made."""
    t = AIRSTRIKE_TEXT
    hs, he = _span(t, "Hodeidah", t.index("civilians"))
    hodeidah = Place("Hodeidah", hs, he, name="Al Hudaydah", geonameid=79415, lat=14.7978,
                     lon=42.9545, feature_code="PPLA", country="YE", admin1="Al Hudaydah",
                     precision=1, score=0.9, where_prec=1)
    ms, me = _span(t, "Hodeidah", t.index("moved"))
    ss, se = _span(t, "Sanaa")
    origin = Place("Hodeidah", ms, me, name="Al Hudaydah", geonameid=79415, lat=14.7978,
                   lon=42.9545, country="YE", precision=1)
    sanaa = Place("Sanaa", ss, se, name="Sanaa", geonameid=71137, lat=15.3547, lon=44.2066,
                  country="YE", precision=1, feature_code="PPLC")
    cs, ce = _span(t, "Saudi-led coalition")
    vs, ve = _span(t, "civilians")
    fs, fe = _span(t, "Houthi fighters")
    coalition = ActorMention("Saudi-led coalition", cs, ce, actor_id="saudi_coalition",
                             name="Military Forces of Saudi Arabia", type="named", sector="MIL",
                             country="SA", inter=8)
    civilians = ActorMention("civilians", vs, ve, name="Civilians (Yemen)", type="generic",
                             sector="CVL", country="YE", inter=7)
    houthis = ActorMention("Houthi fighters", fs, fe, actor_id="houthi", name="Ansar Allah",
                           type="named", sector="REB", country="YE", inter=2)
    s1 = t.index("An airstrike")
    e1 = t.index("said.") + len("said.")
    ts, te = _span(t, "airstrike", s1)
    ks, ke = _span(t, "five")
    strike = Event(
        id=f"{doc_id}:e1", doc_id=doc_id, type="ASSAULT", mode="aerial",
        acled_event_type="Explosions/Remote violence", acled_sub_event_type="Air/drone strike",
        actors=[
            EventActor("actor1", "saudi_coalition", "Military Forces of Saudi Arabia",
                       "Saudi-led coalition", cs, ce, sector="MIL", country="SA", inter=8),
            EventActor("actor2", None, "Civilians (Yemen)", "civilians", vs, ve,
                       sector="CVL", country="YE", inter=7),
        ],
        location=hodeidah, date="2024-03-12", date_precision=1, modality="asserted",
        attribution=Span("residents said", *_span(t, "residents said")),
        fatalities=Quantity(5, 5, 5, "five", ks, ke),
        evidence=Span(t[s1:e1], s1, e1), confidence=0.82, cameo="19",
        trigger=Span("airstrike", ts, te), date_text=Span("on Tuesday", *_span(t, "on Tuesday")),
    )
    s2 = t.index("Houthi fighters")
    move = Event(
        id=f"{doc_id}:e2", doc_id=doc_id, type="MOBILIZE", kind="movement",
        acled_event_type="Strategic developments", acled_sub_event_type="Headquarters or base established",
        actors=[EventActor("mover", "houthi", "Ansar Allah", "Houthi fighters", fs, fe,
                           sector="REB", country="YE", inter=2)],
        origin=origin, destinations=[sanaa], date="2024-03-13", date_precision=1,
        evidence=Span(t[s2:], s2, len(t)), confidence=0.6,
        trigger=Span("moved", *_span(t, "moved")),
    )
    return Document(
        id=doc_id, text=t, url="https://example.org/yemen", title="Airstrike kills five in Hodeidah",
        source="example.org", published="2024-03-13", language="en",
        places=[hodeidah, origin, sanaa], actors=[coalition, civilians, houthis],
        events=[strike, move], content_hash="hash-" + doc_id, author="Staff", site="Example",
        input="examples/yemen.txt", focus={"countries": ["YE"], "admin1": ["Al Hudaydah"]},
        warnings=["a hand-made warning"],
    )


PROTEST_TEXT = (
    "Police fire tear gas at Khartoum protest\n\n"
    "Police fired tear gas at thousands of protesters in Khartoum on 4 June, witnesses said."
)


def make_protest_document(doc_id: str = "doc-sudan-1") -> Document:
    t = PROTEST_TEXT
    ks, ke = _span(t, "Khartoum", t.index("protesters"))
    khartoum = Place("Khartoum", ks, ke, name="Khartoum", geonameid=379252, lat=15.5518,
                     lon=32.5324, country="SD", precision=1, feature_code="PPLC")
    ps, pe = _span(t, "Police", 10)
    qs, qe = _span(t, "protesters")
    s = t.index("Police fired")
    ev = Event(
        id=f"{doc_id}:e1", doc_id=doc_id, type="PROTEST",
        acled_event_type="Protests", acled_sub_event_type="Protest with intervention",
        actors=[
            EventActor("actor1", None, "Protesters (Sudan)", "protesters", qs, qe, sector="CVL",
                       country="SD", inter=6),
            EventActor("actor2", "sudan_police", "Police Forces of Sudan", "Police", ps, pe,
                       sector="GOV", country="SD", inter=1),
        ],
        location=khartoum, date="2023-06-04", date_precision=1,
        evidence=Span(t[s:], s, len(t)), confidence=0.7,
    )
    planned = Event(
        id=f"{doc_id}:e2", doc_id=doc_id, type="PROTEST", modality="planned",
        acled_event_type="Protests", acled_sub_event_type="Peaceful protest",
        location=khartoum, evidence=Span(t[s:], s, len(t)), confidence=0.3,
    )
    return Document(
        id=doc_id, text=t, title="Police fire tear gas at Khartoum protest",
        published="2023-06-05T08:00:00Z", language="en", places=[khartoum],
        events=[ev, planned], content_hash="hash-" + doc_id, input="feed.jsonl:2",
    )


@pytest.fixture
def airstrike_doc() -> Document:
    return make_airstrike_document()


@pytest.fixture
def protest_doc() -> Document:
    return make_protest_document()


BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def pg_cluster():
    """One throwaway PostgreSQL + PostGIS cluster for the whole test session.

    Skipped, saying why, where the server binaries or PostGIS are missing, unless
    ``KHARITA_REQUIRE_POSTGRES=1`` (CI sets it: there a skip would hide a broken set-up).
    """
    from pgcluster import PgCluster, PgUnavailable

    try:
        cluster = PgCluster.start()
    except PgUnavailable as exc:
        if os.environ.get("KHARITA_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL is required here (KHARITA_REQUIRE_POSTGRES=1): {exc}")
        pytest.skip(f"PostgreSQL tests skipped: {exc}")
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster):
    """A fresh database on the session's cluster, dropped afterwards."""
    url = pg_cluster.new_database()
    yield url
    pg_cluster.drop_database(url)


def open_backend(request: pytest.FixtureRequest, backend: str, tmp_path: Path):
    """A new empty store of the given backend (SQLite file or PostgreSQL database)."""
    from kharita.store import open_store

    if backend == "sqlite":
        return open_store(tmp_path / "test.sqlite")
    return open_store(request.getfixturevalue("pg_url"))


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def store(request: pytest.FixtureRequest, backend: str, tmp_path: Path):
    """An empty store, once per backend: the store tests give the same answers on both."""
    with open_backend(request, backend, tmp_path) as s:
        yield s


@pytest.fixture(scope="module")
def gp():
    """A Geoparser on the built gazetteer; tests using it skip when none is built."""
    from kharita.places import Geoparser
    from kharita.places.gazetteer import Gazetteer, GazetteerMissing

    try:
        gaz = Gazetteer.open(_REAL_GAZETTEER)
    except GazetteerMissing as exc:
        pytest.skip(f"built gazetteer needed: {exc}")
    return Geoparser(gaz)
