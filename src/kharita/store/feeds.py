"""What `kharita watch` remembers between runs: feeds and the items they listed.

The watch loop keeps nothing about the past in memory: every decision ("is this
item new?", "was this story already stored from another feed?", "may this feed be
polled yet?") is a query here, so a restart, a cron run or a crash picks up
exactly where the last run stopped, and a run of months holds no growing set.

Times are ISO 8601 UTC strings made from the caller's clock (the watch loop's
clock is injected, so tests can run a thousand cycles in a second).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from kharita.store.base import Store

# What became of a feed item.
STORED = "stored"  # its page was coded into the store (doc_id)
DUPLICATE = "duplicate"  # the same story as doc_id (same link or canonical URL, same text)
RETRY = "retry"  # its page failed for a reason that may pass; tried again next cycle
FAILED = "failed"  # its page failed for good (or too many times); reason says why
DISALLOWED = "disallowed"  # robots.txt of its site disallows fetching it

# Items whose story is in the store: another feed's item with the same URL is a duplicate.
_HOLDS_STORY = (STORED, DUPLICATE)
_CHUNK = 500  # keys per IN (...) query, well below SQLite's variable limit


def iso(seconds: float | None) -> str | None:
    """Unix seconds as the ISO 8601 UTC text the store keeps."""
    if seconds is None:
        return None
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="seconds")


def seconds(text: str | None) -> float | None:
    """Stored ISO text back to Unix seconds."""
    return None if not text else datetime.fromisoformat(text).timestamp()


@dataclass
class FeedState:
    """One feed as the store knows it, with counts of its items."""

    pk: int
    url: str
    name: str | None = None
    language: str | None = None
    title: str | None = None  # the feed's own title
    etag: str | None = None
    last_modified: str | None = None
    last_polled: str | None = None
    last_success: str | None = None
    last_error: str | None = None
    last_error_at: str | None = None
    errors: int = 0  # failed polls in a row (drives the back-off)
    retry_at: str | None = None  # not polled before this time (back-off, Retry-After)
    items: int = 0
    stored: int = 0
    duplicates: int = 0
    failed: int = 0  # failed, disallowed, or waiting for a retry
    events: int = 0

    @property
    def label(self) -> str:
        """How the feed is named in messages: the user's name, its own title, its URL."""
        return self.name or self.title or self.url


@dataclass
class ItemRecord:
    """A feed item and what became of it."""

    key: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    status: str = RETRY
    doc_id: str | None = None
    canonical_url: str | None = None
    events: int = 0
    reason: str | None = None
    attempts: int = 0
    feed: str | None = None  # label of the feed that listed it (lookups only)


_FEED_COLUMNS = ("pk, url, name, language, title, etag, last_modified, last_polled, "
                 "last_success, last_error, last_error_at, errors, retry_at")
_ITEM_COLUMNS = ("key, url, title, published, status, doc_id, canonical_url, events, reason, "
                 "attempts")


class FeedLog:
    """The feeds and feed items of one store (its SQL, through the store's ``execute``,
    which both backends run)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._sql = store.execute

    # -- feeds -----------------------------------------------------------

    def add_feed(self, url: str, name: str | None, language: str | None, now: float) -> FeedState:
        """Remember a feed to follow (its name and language as the feeds file says now)."""
        self._sql(
            "INSERT INTO feeds(url, name, language, added_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(url) DO UPDATE SET name=excluded.name, language=excluded.language",
            (url, name, language, iso(now)),
        )
        state = self.feed(url)
        assert state is not None
        return state

    def feed(self, url: str) -> FeedState | None:
        """The stored state of the feed at ``url`` (without item counts)."""
        rows = self._sql(f"SELECT {_FEED_COLUMNS} FROM feeds WHERE url = ?", (url,))
        return FeedState(*rows[0]) if rows else None

    def feeds(self) -> list[FeedState]:
        """Every feed ever followed, in the order it was added, with its item counts."""
        sql = (
            f"SELECT {_FEED_COLUMNS}, "
            "(SELECT count(*) FROM feed_items i WHERE i.feed_pk = f.pk), "
            "(SELECT count(*) FROM feed_items i WHERE i.feed_pk = f.pk AND status = ?), "
            "(SELECT count(*) FROM feed_items i WHERE i.feed_pk = f.pk AND status = ?), "
            "(SELECT count(*) FROM feed_items i WHERE i.feed_pk = f.pk AND status IN (?, ?, ?)), "
            "(SELECT coalesce(sum(events), 0) FROM feed_items i WHERE i.feed_pk = f.pk) "
            "FROM feeds f ORDER BY pk"
        )
        rows = self._sql(sql, (STORED, DUPLICATE, FAILED, DISALLOWED, RETRY))
        return [FeedState(*row) for row in rows]

    def polled(self, pk: int, now: float, *, etag: str | None, last_modified: str | None,
               title: str | None) -> None:
        """A poll that worked: keep the validators for the next conditional request."""
        self._sql(
            "UPDATE feeds SET etag = ?, last_modified = ?, title = coalesce(?, title), "
            "last_polled = ?, last_success = ?, errors = 0, retry_at = NULL WHERE pk = ?",
            (etag, last_modified, title, iso(now), iso(now), pk),
        )

    def poll_failed(self, pk: int, now: float, reason: str, retry_at: float | None) -> int:
        """A poll that failed: the reason, and when to try again; returns failures in a row."""
        rows = self._sql(
            "UPDATE feeds SET last_polled = ?, last_error = ?, last_error_at = ?, "
            "errors = errors + 1, retry_at = ? WHERE pk = ? RETURNING errors",
            (iso(now), reason, iso(now), iso(retry_at), pk),
        )
        return int(rows[0][0])

    # -- items -----------------------------------------------------------

    def items(self, pk: int, keys: Iterable[str]) -> dict[str, ItemRecord]:
        """The items of this feed already recorded among ``keys``, by key."""
        keys = list(keys)
        out: dict[str, ItemRecord] = {}
        for i in range(0, len(keys), _CHUNK):
            chunk = keys[i : i + _CHUNK]
            marks = ", ".join("?" for _ in chunk)
            rows = self._sql(
                f"SELECT {_ITEM_COLUMNS} FROM feed_items WHERE feed_pk = ? AND key IN ({marks})",
                (pk, *chunk),
            )
            out.update((row[0], ItemRecord(*row)) for row in rows)
        return out

    def to_retry(self, pk: int) -> list[ItemRecord]:
        """This feed's items whose page failed for a reason that may pass, oldest first."""
        rows = self._sql(
            f"SELECT {_ITEM_COLUMNS} FROM feed_items WHERE feed_pk = ? AND status = ? ORDER BY pk",
            (pk, RETRY),
        )
        return [ItemRecord(*row) for row in rows]

    def story_at(self, url: str, pk: int, key: str) -> ItemRecord | None:
        """Another item whose story, at this URL (its link or its page's canonical URL),
        is already in the store: the same article syndicated in several feeds."""
        rows = self._sql(
            f"SELECT {', '.join('i.' + c.strip() for c in _ITEM_COLUMNS.split(','))}, "
            "coalesce(f.name, f.title, f.url) FROM feed_items i JOIN feeds f ON f.pk = i.feed_pk "
            "WHERE (i.url = ? OR i.canonical_url = ?) AND i.status IN (?, ?) "
            "AND NOT (i.feed_pk = ? AND i.key = ?) AND i.doc_id IS NOT NULL ORDER BY i.pk LIMIT 1",
            (url, url, *_HOLDS_STORY, pk, key),
        )
        return ItemRecord(*rows[0]) if rows else None

    def claimed(self, doc_id: str) -> bool:
        """Whether an item already records ``doc_id`` as its stored story."""
        rows = self._sql(
            "SELECT 1 FROM feed_items WHERE doc_id = ? AND status = ? LIMIT 1", (doc_id, STORED)
        )
        return bool(rows)

    def events_of(self, doc_id: str) -> int:
        """How many events the stored document ``doc_id`` has."""
        rows = self._sql(
            "SELECT count(*) FROM events e JOIN documents d ON d.pk = e.doc_pk WHERE d.id = ?",
            (doc_id,),
        )
        return int(rows[0][0])

    def record_item(self, pk: int, item: ItemRecord, now: float, attempted: bool = True) -> None:
        """Write what became of an item (one row per feed and key; ``attempted`` counts
        a fetch of its page towards the retry limit)."""
        self._sql(
            "INSERT INTO feed_items(feed_pk, key, url, canonical_url, title, published, status, "
            "doc_id, events, reason, attempts, first_seen, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(feed_pk, key) DO UPDATE SET url=excluded.url, "
            "canonical_url=excluded.canonical_url, status=excluded.status, "
            "doc_id=excluded.doc_id, events=excluded.events, reason=excluded.reason, "
            "attempts=feed_items.attempts + ?, updated_at=excluded.updated_at",
            (pk, item.key, item.url, item.canonical_url, item.title, item.published,
             item.status, item.doc_id, item.events, item.reason, int(attempted), iso(now),
             iso(now), int(attempted)),
        )
