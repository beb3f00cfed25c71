"""`kharita watch` and `kharita feeds` through the CLI, against a local site on 127.0.0.1.

What the user sees: one line per feed, failures named with their reason, exit codes
(0, 1 when a feed or page failed, 2 for unusable arguments), text from the network
made safe for the terminal, and the feed states `kharita feeds` lists.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kharita.cli import app
from kharita.watch import parse_every
from kharita.watch.feeds import FeedListError
from newsserver import (
    NewsServer,
    Reply,
    article,
    local_only,  # noqa: F401 - autouse: no proxy, 127.0.0.1 only
    rfc822,
    rss,
)

runner = CliRunner()
T0 = 1_710_230_400.0


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def site():
    with NewsServer() as server:
        server.route("/news/1", article("Airstrike hits market in Gao", [
            ("An airstrike hit a crowded market in Gao on Monday, killing five civilians, local "
            "health officials said.")]))
        server.route("/news/2", article("Police fire tear gas at protesters in Kano", [
            ("Police fired tear gas at hundreds of protesters who marched through Kano on "
            "Wednesday, witnesses said.")]))
        server.route("/feed.xml", rss([
            {"guid": "n1", "link": server.url("/news/1"), "title": "Airstrike hits market in Gao",
             "date": rfc822(T0)},
            {"guid": "n2", "link": server.url("/news/2?utm_source=rss"),
             "title": "Police fire tear gas at protesters in Kano", "date": rfc822(T0 + 60)},
        ], title="Example Wire"))
        yield server


def test_watch_once_then_feeds_lists_each_feeds_state(site, tmp_path: Path) -> None:
    db = tmp_path / "w.sqlite"
    r = run("watch", site.url("/feed.xml"), "--once", "--db", db, "--delay", "0")
    assert r.exit_code == 0, r.output
    assert "kharita: Example Wire: 2 new, " in r.stderr and ", 0 failed" in r.stderr
    assert "kharita: 1 cycle: 2 new items, 2 stored" in r.stderr
    r = run("watch", site.url("/feed.xml"), "--once", "--db", db, "--delay", "0")
    assert r.exit_code == 0 and "Example Wire: 0 new, 0 events, 0 failed; feed not modified" in r.stderr

    r = run("feeds", "--db", db)
    assert r.exit_code == 0, r.output
    assert "Example Wire" in r.stdout and "2 seen: 2 stored" in r.stdout
    r = run("feeds", "--db", db, "--format", "jsonl")
    record = json.loads(r.stdout)
    assert (record["url"], record["items"], record["stored"]) == (site.url("/feed.xml"), 2, 2)
    assert record["last_success"] and record["last_error"] is None and record["etag"]


def test_failures_are_named_and_make_once_exit_1(site, tmp_path: Path) -> None:
    site.route("/news/2", Reply(b"down", status=500))
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# example feeds file\n{site.url('/feed.xml')}  Example Wire  lang=en\n"
                     f"{site.url('/missing.xml')}  Gone Daily\n", encoding="utf-8")
    r = run("watch", feeds, "--once", "--db", tmp_path / "w.sqlite", "--delay", "0")
    assert r.exit_code == 1, r.output
    assert (f"kharita: failed: {site.url('/news/2')}: HTTP 500 Internal Server Error "
            "(will try again next cycle)") in r.stderr
    assert "kharita: Gone Daily: 0 new, 0 events, 0 failed; feed failed: HTTP 404 Not Found " \
           "(next poll after" in r.stderr
    assert "Traceback" not in r.output
    r = run("feeds", "--db", tmp_path / "w.sqlite", "--format", "jsonl")
    states = {s["name"]: s for s in map(json.loads, r.stdout.splitlines())}
    assert states["Gone Daily"]["last_error"] == "HTTP 404 Not Found"
    assert states["Example Wire"]["failed"] == 1 and states["Example Wire"]["language"] == "en"


def test_text_from_the_network_is_made_safe_for_the_terminal(site, tmp_path: Path) -> None:
    site.route("/evil.xml", rss([], title="Wire\u202e\u2066 reversed"))
    db = tmp_path / "w.sqlite"
    r = run("watch", site.url("/evil.xml"), "--once", "--db", db)
    assert r.exit_code == 0, r.output
    assert "\u202e" not in r.stderr and "Wire\ufffd\ufffd reversed: 0 new" in r.stderr
    r = run("feeds", "--db", db)
    assert "\u202e" not in r.stdout and "Wire\ufffd\ufffd" in r.stdout


@pytest.mark.parametrize("args, message", [
    (["nofile.txt"], "kharita: error: nofile.txt: no such feeds file"),
    (["ftp://example.org/feed"], "kharita: error: 'ftp://example.org/feed' is not an http(s) feed URL"),
    (["https://example.org/feed", "--every", "15x"], "--every '15x': give a duration like 15m"),
    (["https://example.org/feed", "--every", "10s"], "--every '10s': at least 1m"),
])
def test_unusable_arguments_are_one_line_errors(args: list[str], message: str, tmp_path: Path) -> None:
    r = run("watch", *args, "--once", "--db", tmp_path / "w.sqlite")
    assert r.exit_code == 2
    assert message in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "w.sqlite").exists()  # nothing fetched, no store made


def test_a_bad_line_in_the_feeds_file_is_named(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("https://example.org/feed\nexample.org/rss Example\n", encoding="utf-8")
    r = run("watch", feeds, "--once", "--db", tmp_path / "w.sqlite")
    assert r.exit_code == 2
    assert f"kharita: error: {feeds}:2: 'example.org/rss' is not an http(s) feed URL" in r.stderr


def test_feeds_needs_an_existing_store(tmp_path: Path) -> None:
    r = run("feeds", "--db", tmp_path / "none.sqlite")
    assert r.exit_code == 2 and "no kharita database" in r.stderr
    r = run("feeds", "--db", tmp_path / "none.sqlite", "--format", "csv")
    assert r.exit_code == 2 and "--format 'csv': choose table or jsonl" in r.stderr


def test_durations() -> None:
    assert [parse_every(v) for v in ("15m", "1h", "90s", "1h30m", "2d", "120")] == \
        [900, 3600, 90, 5400, 172_800, 120]
    with pytest.raises(FeedListError):
        parse_every("m15")
