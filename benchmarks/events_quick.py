"""Quick event-type scores while developing the coder (PLOVER GSR and ACLED CSV).

Runs spaCy, the actors stage (if it loads) and the EventCoder over each gold text and
scores the highest-confidence event (for ACLED, the highest-confidence ACLED-scope
event) -- the same choice as ``kharita evaluate events``, which is the full evaluation.

    .venv/bin/python benchmarks/events_quick.py plover PATH [--limit N] [--errors]
    .venv/bin/python benchmarks/events_quick.py acled PATH [--limit N] [--errors]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter
from pathlib import Path

from kharita import nlp
from kharita.events import EventCoder
from kharita.model import Document

OLD_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
             "FIGHT": "ASSAULT"}


def stages() -> list:
    out = []
    for mod, cls in (("kharita.places", "Geoparser"), ("kharita.actors", "ActorResolver")):
        try:
            stage = getattr(__import__(mod, fromlist=[cls]), cls)()
            out.append(stage)
        except Exception as exc:  # noqa: BLE001 - benchmark runs with what exists
            print(f"[{mod}.{cls} unavailable: {exc}]", file=sys.stderr)
    out.append(EventCoder())
    return out


def run(texts: list[tuple[str, str | None]]) -> list[Document]:
    parser = nlp.load()
    pipe = stages()
    docs = []
    for (text, published), sdoc in zip(texts, parser.pipe([t for t, _ in texts])):
        doc = Document(id=f"d{len(docs)}", text=text, published=published)
        for stage in pipe:
            try:
                doc = stage(doc, sdoc)
            except Exception as exc:  # noqa: BLE001
                doc.warnings.append(str(exc))
        docs.append(doc)
    return docs


def plover(path: Path, limit: int | None, errors: bool) -> dict:
    recs = [r for r in json.loads(path.read_text()) if r.get("event") != "DOCUMENT"][:limit]
    gold: dict[str, set[str]] = {}
    for r in recs:
        gold.setdefault(r["text"], set()).add(OLD_TYPES.get(r["event"], r["event"]))
    texts = list(gold)
    t0 = time.perf_counter()
    docs = run([(t, None) for t in texts])
    secs = time.perf_counter() - t0
    hits, conf = 0, Counter()
    for r in recs:
        doc = docs[texts.index(r["text"])]
        top = max(doc.events, key=lambda e: e.confidence, default=None)
        g = OLD_TYPES.get(r["event"], r["event"])
        pred = top.type if top else None
        ok = pred in gold[r["text"]]
        hits += ok
        conf[(g, pred)] += not ok
        if errors and not ok:
            print(f"{g:10} {pred!s:10} {r['text'][:150]}")
    if errors:
        print(conf.most_common(25))
    return {"records": len(recs), "type_accuracy": round(hits / len(recs), 3),
            "seconds": round(secs, 1)}


def acled(path: Path, limit: int | None, errors: bool) -> dict:
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))[:limit]
    texts = [(r["notes"], _iso(r["event_date"])) for r in rows]
    t0 = time.perf_counter()
    docs = run(texts)
    secs = time.perf_counter() - t0
    et = st = 0
    conf = Counter()
    for r, doc in zip(rows, docs):
        scoped = [e for e in doc.events if e.acled_event_type]
        top = max(scoped, key=lambda e: e.confidence, default=None)
        pt = top.acled_event_type if top else None
        ps = top.acled_sub_event_type if top else None
        et += pt == r["event_type"]
        st += ps == r["sub_event_type"]
        if ps != r["sub_event_type"]:
            conf[(r["sub_event_type"], ps)] += 1
            if errors:
                print(f"{r['sub_event_type'][:22]:22} {ps!s:22} {r['notes'][:160]}")
    if errors:
        print(conf.most_common(20))
    n = len(rows)
    return {"rows": n, "event_type_accuracy": round(et / n, 3),
            "sub_event_type_accuracy": round(st / n, 3), "seconds": round(secs, 1)}


def _iso(date: str) -> str | None:
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%m/%d/%Y"):
        try:
            import datetime as dt

            return dt.datetime.strptime(date, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("format", choices=["plover", "acled"])
    ap.add_argument("path", type=Path)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--errors", action="store_true")
    a = ap.parse_args()
    if not a.path.exists():
        sys.exit(f"{a.path}: not found (evaluation data is not shipped with kharita)")
    result = (plover if a.format == "plover" else acled)(a.path, a.limit, a.errors)
    print(json.dumps(result))
    out = Path(__file__).parent / "results" / f"events_quick_{a.format}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
