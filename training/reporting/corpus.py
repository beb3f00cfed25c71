"""The reporting corpus as texts and gold: read, render, write as gold article directories.

Each article of ``data/*.jsonl`` (format in ``GUIDE.md``) is rendered to the text
kharita would store for it, in one of two layouts chosen by a hash of its id (so
the choice is stable): the headline on its own line and one line per paragraph (an
extracted web page), or the body as a single paragraph without the headline (a feed
or archive text).  Gold events become the article-level gold format
(``acled_event_type``, ``mentions``, ``background``, ``aggregate``, ...), so
``kharita evaluate events --format articles`` can score the project on its own
corpus (``python training/reporting/corpus.py OUT_DIR`` writes it).
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"


@dataclass
class CorpusArticle:
    id: str
    genre: str
    published: str
    relevant: bool
    text: str
    title: str | None
    events: list[dict[str, Any]]  # gold events in the article-level format
    source_file: str
    raw: dict[str, Any] | None = None  # the article as written in data/*.jsonl


def data_files(data_dir: Path = DATA) -> list[Path]:
    return sorted(data_dir.glob("*.jsonl"))


def digest(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def layout(article_id: str) -> str:
    """"page" (headline + paragraph lines) or "flat" (one paragraph, no headline)."""
    return "flat" if int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % 3 == 0 else "page"


def render(art: dict[str, Any]) -> tuple[str, str | None]:
    paras = [" ".join(p) for p in art["paragraphs"]]
    if layout(art["id"]) == "flat":
        return " ".join(paras[1:]), None
    return "\n".join(paras), paras[0]


def gold_event(ev: dict[str, Any], text: str) -> dict[str, Any] | None:
    mentions = [m for m in ev["mentions"] if m in text]
    if not mentions:
        return None
    move = ev["type"] == "Movement"
    return {
        "id": ev["id"], "what": mentions[0][:120], "mentions": mentions,
        "acled_event_type": ev["type"], "acled_sub_event_type": None if move else ev["sub_type"],
        "actor1": {"text": None, "name": ev.get("actor1")} if ev.get("actor1") else None,
        "actor2": {"text": None, "name": ev.get("actor2")} if ev.get("actor2") else None,
        "location": None, "date": ev.get("date"), "date_precision": None,
        "modality": ev.get("modality"), "aggregate": bool(ev.get("aggregate")),
        "background": bool(ev.get("background")),
    }


def load(data_dir: Path = DATA) -> list[CorpusArticle]:
    out = []
    for path in data_files(data_dir):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            art = json.loads(line)
            text, title = render(art)
            events = [g for g in (gold_event(e, text) for e in art["events"]) if g is not None]
            out.append(CorpusArticle(art["id"], art["genre"], art["published"], art["relevant"],
                                     text, title, events, path.name, art))
    return out


def write_gold_dir(articles: list[CorpusArticle], out: Path) -> None:
    """The articles as a gold directory (N.txt, N.meta.json, N.json)."""
    out.mkdir(parents=True, exist_ok=True)
    for a in articles:
        (out / f"{a.id}.txt").write_text(a.text, encoding="utf-8")
        (out / f"{a.id}.meta.json").write_text(json.dumps(
            {"doc": a.id, "published": a.published, "source": "illustrative"}), encoding="utf-8")
        (out / f"{a.id}.json").write_text(json.dumps(
            {"doc": a.id, "published": a.published, "events": a.events}, ensure_ascii=False,
            indent=1), encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python training/reporting/corpus.py OUT_DIR")
    arts = load()
    write_gold_dir(arts, Path(sys.argv[1]))
    print(f"{len(arts)} articles written to {sys.argv[1]}")
