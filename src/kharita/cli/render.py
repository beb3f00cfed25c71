"""Terminal rendering (rich) for ``kharita events`` and ``kharita show``.

Kept apart from the commands so the commands stay thin and the look can change
without touching argument handling.  On a non-terminal rich drops the styles
and the text stays readable.  Everything shown comes from articles and callers,
so every string goes through :func:`~kharita.cli.terminal.terminal_safe`.
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from kharita.cli.terminal import terminal_safe as safe
from kharita.highlight import marks
from kharita.model import Document, Event, Place
from kharita.store.feeds import FeedState
from kharita.store.types import EventRow

STYLES = {
    "evidence": "on grey23",
    "place": "bold green",
    "actor": "bold cyan",
    "trigger": "bold red",
    "attribution": "italic magenta",
    "date": "yellow",
}


def place_label(p: Place | None) -> str:
    if p is None:
        return ""
    name = p.name or p.text
    where = ", ".join(x for x in (p.admin1, p.country) if x and x != name)
    prec = f" [p{p.precision}]" if p.precision else ""
    return f"{name} ({where}){prec}" if where else f"{name}{prec}"


def event_where(e: Event) -> str:
    if e.kind == "movement" or e.origin or e.destinations:
        parts = []
        if e.origin:
            parts.append(place_label(e.origin))
        dests = " + ".join(place_label(d) for d in e.destinations)
        where = " -> ".join(x for x in (" -> ".join(parts), dests) if x)
        if e.location and not where:
            where = place_label(e.location)
        return where
    return place_label(e.location)


def event_actors(e: Event) -> str:
    by_role: dict[str, list[str]] = {}
    for a in e.actors:
        by_role.setdefault(a.role, []).append(a.name or a.text)
    return "; ".join(f"{role}: {', '.join(names)}" for role, names in by_role.items())


def event_type(e: Event) -> str:
    acled = e.acled_sub_event_type or e.acled_event_type
    return f"{e.type} / {acled}" if acled else e.type


def fatalities(e: Event) -> str:
    f = e.fatalities
    if f is None:
        return ""
    return str(f.best) if f.low == f.high else f"{f.best} ({f.low}-{f.high})"


def events_table(rows: list[EventRow]) -> Table:
    """One line per event: when, what, who, where, deaths, how sure, and the evidence."""
    table = Table(show_lines=False, header_style="bold", expand=False)
    for name in ("date", "type", "actors", "where", "deaths", "modality", "conf", "evidence", "doc"):
        table.add_column(name, overflow="fold")
    for row in rows:
        e = row.event
        evidence = e.evidence.text if e.evidence else ""
        cells = (e.date or "", event_type(e), event_actors(e), event_where(e), fatalities(e),
                 e.modality, f"{e.confidence:.2f}", _shorten(evidence, 120), e.doc_id)
        table.add_row(*(Text(safe(c)) for c in cells))
    if not rows:
        table.caption = "no events match"
    return table


def feeds_table(feeds: list[FeedState]) -> Table:
    """One line per followed feed: its last success and error, its items, its next poll."""
    table = Table(show_lines=False, header_style="bold", expand=False)
    for name in ("feed", "last success", "last error", "items", "next poll"):
        table.add_column(name, overflow="fold")
    for f in feeds:
        name = f.url if not (f.name or f.title) else f"{f.name or f.title}\n{f.url}"
        error = f"{_when(f.last_error_at)} {f.last_error}" if f.last_error else ""
        items = (f"{f.items} seen: {f.stored} stored ({f.events} events), "
                 f"{f.duplicates} duplicate, {f.failed} failed")
        cells = (name, _when(f.last_success) or "never", _shorten(error, 160), items,
                 _when(f.retry_at) or "next cycle")
        table.add_row(*(Text(safe(c, lines=True)) for c in cells))
    if not feeds:
        table.caption = "no feeds followed yet (kharita watch FEEDS...)"
    return table


def _when(iso_time: str | None) -> str:
    return (iso_time or "").replace("T", " ").replace("+00:00", " UTC")


def _shorten(s: str, n: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def highlighted_text(doc: Document) -> Text:
    """The clean text with every annotation styled at its character offsets.

    Control characters are replaced one for one (never dropped), so the offsets
    still fall on the annotated words.
    """
    text = Text(safe(doc.text, lines=True))
    for m in marks(doc):
        text.stylize(STYLES[m.kind], m.start, m.end)
    return text


def legend() -> Text:
    out = Text("legend: ")
    for name, style in STYLES.items():
        out.append(f" {name} ", style=style)
        out.append(" ")
    return out


def event_list(doc: Document) -> Group:
    lines: list[Text] = []
    for i, e in enumerate(doc.events, 1):
        head = Text(f"[{i}] ", style="bold")
        head.append(safe(event_type(e)), style="bold")
        details = [e.date or "undated", event_where(e), event_actors(e),
                   f"deaths {fatalities(e)}" if e.fatalities else "",
                   e.modality, f"confidence {e.confidence:.2f}"]
        head.append(safe("  " + " | ".join(d for d in details if d)))
        lines.append(head)
        if e.evidence:
            quote = safe(_shorten(e.evidence.text, 300))
            lines.append(Text(f"    \u201c{quote}\u201d", style="dim"))
    if not lines:
        lines.append(Text("no events coded in this document", style="dim"))
    return Group(*lines)


def render_document(doc: Document, console: Console) -> None:
    """Header, highlighted text, legend, then the numbered events."""
    meta = [doc.title or "(untitled)", doc.url or "", doc.published or "", doc.language or "",
            f"id {doc.id}"]
    console.print(Text(safe(" | ".join(m for m in meta if m)), style="bold"))
    if doc.duplicate_of:
        console.print(Text(safe(f"near-duplicate of {doc.duplicate_of}"), style="yellow"))
    if not doc.coded:
        console.print(Text("not coded (not English, or empty)", style="yellow"))
    for w in doc.warnings:
        console.print(Text(safe(f"warning: {w}"), style="yellow"))
    console.rule()
    console.print(highlighted_text(doc))
    console.rule()
    console.print(legend())
    console.print(Text(f"{len(doc.places)} places, {len(doc.actors)} actor mentions, "
                       f"{len(doc.events)} events"))
    console.print(event_list(doc))
