"""Done-when of issue 11: a watch codes exactly what `kharita ingest` codes.

A local site (tests/newsserver.py, 127.0.0.1) publishes 200 short illustrative
articles, 20 per cycle, in a feed that shows the latest 30.  `kharita watch
--once` runs ten times (ten cycles, each a fresh process-like run that only the
store connects) and `kharita ingest` codes the same 200 pages saved as files;
the two stores must hold the same documents and exactly the same events.

The pages are written for this test (illustrative, not real reporting): one
event each, from ten kinds of report in twenty places.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kharita.cli import app
from newsserver import (
    NewsServer,
    article,
    local_only,  # noqa: F401 - autouse: no proxy, 127.0.0.1 only
    rfc822,
    rss,
)

PLACES = ["Kismayo", "Baidoa", "Gao", "Timbuktu", "Mopti", "Goma", "Bunia", "Kharkiv", "Sumy",
          "Hodeidah", "Taiz", "Marib", "Kandahar", "Herat", "Maiduguri", "Kano", "Nyala",
          "Kadugli", "Beni", "Kidal"]
REPORTS = [
    ("Airstrike hits market in {place}",
     ("An airstrike hit a crowded market in {place} on Monday, killing {n} civilians, "
     "local health officials said.")),
    ("Gunmen kill {n} villagers near {place}",
     ("Unidentified gunmen attacked a village near {place} on Tuesday night and killed {n} "
     "people, residents told reporters.")),
    ("Police fire tear gas at protesters in {place}",
     ("Police fired tear gas at hundreds of protesters who marched through {place} on "
     "Wednesday to demand the release of detained students, witnesses said.")),
    ("Roadside bomb hits army convoy outside {place}",
     ("A roadside bomb struck an army convoy outside {place} on Thursday, killing {n} "
     "soldiers, a military spokesman said.")),
    ("Shelling damages hospital in {place}",
     ("Artillery shelling damaged the main hospital in {place} on Friday and wounded {n} "
     "patients, the regional governor said.")),
    ("Thousands flee fighting around {place}",
     ("About {n},000 people fled their homes around {place} on Saturday as fighting between "
     "government forces and rebels spread, the United Nations said.")),
    ("Armed men abduct {n} aid workers in {place}",
     ("Armed men abducted {n} aid workers from a clinic in {place} on Sunday, the charity that "
     "employs them said in a statement.")),
    ("Soldiers arrest {n} suspects in {place} raid",
     ("Soldiers arrested {n} suspected militants during a raid on a house in {place} on Monday, "
     "the army said.")),
    ("Clashes between rival militias kill {n} in {place}",
     ("Clashes between two rival militias in {place} killed {n} fighters on Tuesday, according "
     "to a local official.")),
    ("Drone strike destroys weapons depot near {place}",
     ("A drone strike destroyed a weapons depot near {place} on Wednesday, killing {n} "
     "militants, the defence ministry said.")),
]
T0 = 1_710_230_400.0  # 2024-03-12 08:00 UTC
PER_CYCLE, CYCLES, WINDOW = 20, 10, 30


def story(k: int) -> tuple[str, list[str], str]:
    """Title, paragraphs and publication time of article ``k`` (0-199)."""
    place = PLACES[k % len(PLACES)]
    title, lede = REPORTS[(k // len(PLACES)) % len(REPORTS)]
    n = 3 + k % 9
    values = {"place": place, "n": n}
    second = (f"It was the {k + 2}th such report from the {place} district this year, and "
              f"officials said reference number {1000 + k} had been given to the case.")
    return title.format(**values), [lede.format(**values), second], rfc822(T0 + 3600 * k)


def test_a_watch_codes_exactly_what_ingest_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    pages = tmp_path / "pages"
    pages.mkdir()
    with NewsServer() as site:
        items = []
        for k in range(PER_CYCLE * CYCLES):
            title, paragraphs, date = story(k)
            page = article(title, paragraphs, canonical=site.url(f"/news/{k}"),
                           published=date.replace(" GMT", "").replace(",", ""), site="Example Wire")
            site.route(f"/news/{k}", page)
            (pages / f"{k:03d}.html").write_bytes(page.body)
            items.append({"guid": f"urn:example:news:{k}", "link": site.url(f"/news/{k}"),
                          "title": title, "date": date})
        watched = tmp_path / "watch.sqlite"
        for cycle in range(CYCLES):
            published = items[: PER_CYCLE * (cycle + 1)]
            site.route("/feed.xml", rss(list(reversed(published[-WINDOW:]))))
            r = runner.invoke(app, ["watch", site.url("/feed.xml"), "--once", "--db", str(watched),
                                    "--delay", "0"])
            assert r.exit_code == 0, r.output
            assert f": {PER_CYCLE} new," in r.stderr
        assert [site.hits(f"/news/{k}") for k in range(len(items))] == [1] * len(items)
    ingested = tmp_path / "ingest.sqlite"
    r = runner.invoke(app, ["ingest", str(pages), "--db", str(ingested), "--quiet"])
    assert r.exit_code == 0, r.output

    def events(db: Path) -> list[dict]:
        r = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl"])
        assert r.exit_code == 0, r.output
        records = [json.loads(line) for line in r.stdout.splitlines()]
        for record in records:
            # the feed gives the time of day, the page's own date only the day; the
            # events' dates, resolved against it, are compared with everything else
            record.pop("published")
        return sorted(records, key=lambda x: x["id"])

    from_watch, from_ingest = events(watched), events(ingested)
    assert len(from_watch) >= 150
    assert from_watch == from_ingest
