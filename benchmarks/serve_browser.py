"""The workspace on a 100,000-event store, measured in a real browser (Chromium).

    .venv/bin/python benchmarks/serve_browser.py [--events 100000] [--db PATH] [--changes 40]

Generates a store of synthetic coded documents (four events each: places spread over
~400 towns in 40 countries, three years of dates, every ACLED type, some movements and
district/province-precision places; deterministic), serves it with ``kharita serve``'s
app on loopback, and drives Debian's Chromium with Playwright:

* **first useful paint**: from navigation to the first complete redraw (country
  outlines, map clusters, timeline and first table page in the DOM, then one painted
  frame), a fresh browser context each time (target <= 2 s);
* **filter change**: from the change (a type, modality, country, words, a timeline
  brush, a map move is not counted) to map + timeline + table redrawn and painted, as
  the page itself times it (``body[data-render-ms]``; target p95 <= 500 ms).

``--db PATH`` keeps the generated store for the next run (it is reused when it holds
the asked number of events).  Prints the figures and writes
``benchmarks/results/serve_browser.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

from kharita.model import Document, Event, EventActor, Place, Quantity, Span
from kharita.store import Store

RESULTS = Path(__file__).resolve().parent / "results" / "serve_browser.json"
CHROMIUM = os.environ.get("KHARITA_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# (country, lat, lon): centres of the synthetic towns' regions
REGIONS = [
    ("YE", 15.4, 44.2), ("SY", 35.0, 38.5), ("IQ", 33.3, 44.4), ("SD", 15.5, 32.5),
    ("SS", 6.9, 31.3), ("SO", 2.0, 45.3), ("ET", 9.0, 38.7), ("ML", 14.0, -4.0),
    ("BF", 12.4, -1.5), ("NE", 14.0, 6.0), ("NG", 10.5, 7.4), ("CM", 6.0, 12.0),
    ("CF", 5.5, 20.0), ("CD", -2.5, 28.8), ("MZ", -13.0, 39.0), ("LY", 31.0, 17.0),
    ("EG", 30.0, 31.2), ("PS", 31.4, 34.4), ("LB", 33.9, 35.8), ("IL", 31.8, 35.0),
    ("AF", 34.5, 69.2), ("PK", 33.7, 73.0), ("IN", 28.6, 77.2), ("MM", 19.8, 96.1),
    ("PH", 7.1, 125.6), ("UA", 48.5, 35.0), ("RU", 51.7, 36.2), ("AM", 40.2, 44.5),
    ("AZ", 40.4, 49.9), ("CO", 7.1, -70.8), ("MX", 24.8, -107.4), ("VE", 10.5, -66.9),
    ("HT", 18.5, -72.3), ("BR", -22.9, -43.2), ("PE", -12.0, -77.0), ("KE", -1.3, 36.8),
    ("UG", 2.8, 32.3), ("BI", -3.4, 29.4), ("TD", 12.1, 15.0), ("IR", 35.7, 51.4),
]
TYPES = [
    ("ASSAULT", "Explosions/Remote violence", "Air/drone strike"),
    ("ASSAULT", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("ASSAULT", "Battles", "Armed clash"),
    ("ASSAULT", "Violence against civilians", "Attack"),
    ("PROTEST", "Protests", "Peaceful protest"),
    ("PROTEST", "Riots", "Violent demonstration"),
    ("COERCE", "Strategic developments", "Arrests"),
    ("MOBILIZE", "Strategic developments", "Headquarters or base established"),
]
ACTORS = ["Military Forces", "Police Forces", "Rebel Group", "Militia", "Protesters",
          "Civilians", "Unidentified Armed Group", "Islamic State", "Rioters", "Government"]
MODALITIES = ["asserted"] * 8 + ["negated", "planned", "ongoing", "historical"]


def towns(rng: random.Random) -> list[tuple[str, str, float, float, str]]:
    out = []
    for country, lat, lon in REGIONS:
        for k in range(10):
            out.append((f"Town {country}{k}", country, round(lat + rng.uniform(-3, 3), 4),
                        round(lon + rng.uniform(-3, 3), 4), f"Province {country}{k % 4}"))
    return out


def make_document(i: int, rng: random.Random, places: list, start: date) -> Document:
    """One synthetic article with four events, every span pointing into its text."""
    doc_id = f"bench-{i:06d}"
    text = f"Synthetic report {i}\n\n"
    events: list[Event] = []
    doc_places: list[Place] = []
    for j in range(4):
        name, country, lat, lon, admin1 = rng.choice(places)
        plover, acled, sub = rng.choice(TYPES)
        actor = rng.choice(ACTORS)
        killed = rng.choice([0, 0, 0, 1, 2, 3, 5, 8, 12, 30])
        day = start + timedelta(days=rng.randrange(3 * 365))
        movement = plover == "MOBILIZE" and rng.random() < 0.6
        dest = rng.choice(places) if movement else None
        sentence_start = len(text)
        sentence = f"{actor} {'moved from' if movement else 'attacked'} {name}"
        place_start = sentence_start + sentence.index(name)
        trigger_word = "moved" if movement else "attacked"
        trigger_start = sentence_start + sentence.index(trigger_word)
        if dest:
            sentence += f" to {dest[0]}"
        sentence += f" on {day.isoformat()}, killing {killed}. "
        text += sentence
        precision = rng.choices([1, 2, 3], [7, 2, 1])[0]
        place = Place(name, place_start, place_start + len(name), name=name, lat=lat, lon=lon,
                      country=country, admin1=admin1, precision=precision)
        doc_places.append(place)
        dest_place = None
        if dest:
            ds = sentence_start + sentence.index(dest[0], len(f"{actor} moved from {name}"))
            dest_place = Place(dest[0], ds, ds + len(dest[0]), name=dest[0], lat=dest[2],
                               lon=dest[3], country=dest[1], admin1=dest[4], precision=1)
            doc_places.append(dest_place)
        end = sentence_start + len(sentence) - 1
        events.append(Event(
            id=f"{doc_id}:e{j}", doc_id=doc_id, type=plover, acled_event_type=acled,
            acled_sub_event_type=sub, kind="movement" if movement else "event",
            actors=[EventActor("mover" if movement else "actor1", None, f"{actor} ({country})",
                               actor, sentence_start, sentence_start + len(actor), inter=1)],
            location=None if movement else place, origin=place if movement else None,
            destinations=[dest_place] if dest_place else [], date=day.isoformat(),
            date_precision=1, modality=rng.choice(MODALITIES),
            fatalities=Quantity(killed, killed, killed) if killed else None,
            evidence=Span(text[sentence_start:end], sentence_start, end),
            trigger=Span(trigger_word, trigger_start, trigger_start + len(trigger_word)),
            confidence=round(rng.uniform(0.3, 1.0), 3), background=rng.random() < 0.05,
            aggregate=rng.random() < 0.03,
        ))
    return Document(id=doc_id, text=text, title=f"Synthetic report {i}",
                    url=f"https://example.org/report/{i}", published=events[0].date,
                    language="en", places=doc_places, events=events, content_hash=doc_id)


def build_store(path: Path, n_events: int) -> float:
    rng = random.Random(9)
    places = towns(rng)
    start = date(2022, 1, 1)
    t = time.perf_counter()
    with Store(path) as store:
        for i in range(n_events // 4):
            store.save(make_document(i, rng, places, start))
    return time.perf_counter() - t


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: Path) -> tuple[str, object]:
    import uvicorn

    from kharita.serve import Settings, create_app

    port = _free_port()
    app = create_app(Settings(db=db, port=port))
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=srv.run, daemon=True).start()
    while not srv.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", srv


def wait_render(page, after: int, timeout: float = 30.0) -> float:
    deadline = time.monotonic() + timeout
    while True:
        n = int(page.locator("body").get_attribute("data-renders") or 0)
        if n > after and not page.locator("body[data-busy]").count():
            return float(page.locator("body").get_attribute("data-render-ms") or "nan")
        if time.monotonic() > deadline:
            raise RuntimeError("the page did not redraw")
        time.sleep(0.005)


# filter fields the benchmark changes, and the values it picks from (towns and actors:
# words analysts search for)
FIELDS = {
    "type": ("#filters input[name=type]", lambda: [t[1] for t in TYPES] + [t[2] for t in TYPES]),
    "modality": ("#filters select[name=modality]",
                 lambda: ["", "asserted", "negated", "planned"]),
    "country": ("#filters input[name=country]", lambda: [r[0] for r in REGIONS]),
    "text": ("#filters input[name=text]",
             lambda: [f"{r[0]}{k}" for r in REGIONS for k in range(10)]
             + ["militia", "police", "rebel"]),
}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--db", type=Path, help="keep (and reuse) the generated store here")
    ap.add_argument("--changes", type=int, default=40, help="filter changes to time")
    ap.add_argument("--loads", type=int, default=5, help="fresh page loads to time")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    tmp = tempfile.TemporaryDirectory()
    db = args.db or Path(tmp.name) / "bench.sqlite"
    build_s = None
    if db.exists():
        with Store(db, create=False) as s:
            if s.counts()["events"] != args.events:
                sys.exit(f"{db} holds {s.counts()['events']} events, not {args.events}: remove it")
    else:
        print(f"generating {args.events} events into {db} ...", file=sys.stderr)
        build_s = build_store(db, args.events)
    base, srv = serve(db)
    out: dict[str, object] = {
        "command": " ".join(["python benchmarks/serve_browser.py", *sys.argv[1:]]),
        "events": args.events, "build_store_s": round(build_s, 1) if build_s else None,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores (shared), Chromium headless",
    }
    rng = random.Random(11)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        loads = []
        for _ in range(args.loads):
            context = browser.new_context(viewport={"width": 1400, "height": 850})
            page = context.new_page()
            t = time.perf_counter()
            page.goto(base + "/")
            wait_render(page, 0)
            page.wait_for_selector("body[data-basemap]", state="attached")
            loads.append((time.perf_counter() - t) * 1000)
            context.close()
        out["first_useful_paint_ms"] = {"median": round(statistics.median(loads), 1),
                                        "max": round(max(loads), 1),
                                        "runs": [round(x, 1) for x in loads]}
        context = browser.new_context(viewport={"width": 1400, "height": 850})
        page = context.new_page()
        page.goto(base + "/")
        wait_render(page, 0)
        changes = []
        kinds = ["type", "brush", "modality", "clear", "country", "text", "clear"]
        for i in range(args.changes):
            kind = kinds[i % len(kinds)]
            before = int(page.locator("body").get_attribute("data-renders"))
            if kind in FIELDS:  # a value other than the current one: a real change
                selector, choices = FIELDS[kind]
                current = page.locator(selector).input_value()
                value = rng.choice([c for c in choices() if c != current])
                if kind == "modality":
                    page.select_option(selector, value)
                else:
                    page.fill(selector, value)
                    page.press(selector, "Enter")
            elif kind == "brush":
                box = page.locator("#tl").bounding_box()
                a, b = sorted(rng.uniform(0.05, 0.95) for _ in range(2))
                y = box["y"] + box["height"] / 2
                page.mouse.move(box["x"] + box["width"] * a, y)
                page.mouse.down()
                page.mouse.move(box["x"] + box["width"] * max(b, a + 0.05), y, steps=3)
                page.mouse.up()
            else:
                page.click("#clear")
            t = time.perf_counter()
            try:
                in_page = wait_render(page, before)
            except RuntimeError:
                raise RuntimeError(f"no redraw after change {i} ({kind}) at {page.url}") from None
            changes.append({"kind": kind, "in_page_ms": in_page,
                            "seen_ms": round((time.perf_counter() - t) * 1000, 1)})
        values = [c["in_page_ms"] for c in changes]
        out["filter_change_ms"] = {
            "p50": round(percentile(values, 50), 1), "p95": round(percentile(values, 95), 1),
            "max": round(max(values), 1), "n": len(values),
            "by_kind_p95": {k: round(percentile([c["in_page_ms"] for c in changes
                                                 if c["kind"] == k], 95), 1)
                            for k in dict.fromkeys(kinds)},
        }
        out["targets"] = {"first_useful_paint_ms": 2000, "filter_change_p95_ms": 500}
        browser.close()
    srv.should_exit = True
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
