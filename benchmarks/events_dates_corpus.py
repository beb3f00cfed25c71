"""Event-date accuracy on the project's own annotated corpus (``training/reporting/data``).

    PYTHONPATH=src .venv/bin/python benchmarks/events_dates_corpus.py [--errors N] [--out PATH]

Every article is coded with the reporting stage off (``training/reporting/train.py``'s
``code_corpus``, so every candidate is kept).  A candidate counts when its evidence
tells a gold event (the article-level rule) that has a day-precise gold date and is
neither background nor aggregate.  Its date is right when ``Event.date`` equals the
gold day; "day-precise" also asks for ``date_precision`` 1.

Figures, overall and by category:

* ``source``: where the date came from - the evidence sentence, an earlier sentence
  of its paragraph, another paragraph (a headline folded in), the article's news day
  (no date told for the event) or the publication default;
* ``expression``: the kind of date expression used (weekday, yesterday/today, last
  week, month, year, "ago", absolute day, counted from another date, a DATE entity);
* ``sentence_expression``: the kinds of date expression the evidence sentence holds
  (``none`` when it holds none: the date must come from context or publication);
* ``gold_gap``: publication day minus gold day (0, 1, 2-7, 8-31, more);
* ``sentence``: quoted speech, reported speech ("said", "according to"), a trigger
  in the present tense, a headline, a future / planned event.

Writes ``benchmarks/results/events_dates_corpus.json``; ``--errors N`` prints the
first N wrong dates (sentence, date expression, predicted and gold).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training" / "reporting"))
OUT = ROOT / "benchmarks" / "results" / "events_dates_corpus.json"

QUOTES = re.compile(r"[\"“”‘’]|(?<!\w)'|'(?!\w)")
REPORTED = re.compile(r"\b(?:said|says|say|told|tells|according\s+to|reported|reports|claimed|"
                      r"announced|added|stated|confirmed)\b", re.IGNORECASE)


def expression_kind(kind: str | None) -> str:
    """Coarser groups of ``kharita.events.dates`` pattern kinds."""
    if kind is None:
        return "none"
    return {"iso": "absolute", "dmy_num": "absolute", "dmy": "absolute", "mdy": "absolute",
            "dm_num": "absolute", "day_only": "absolute", "rel_year": "year", "year": "year",
            "dateparser": "entity"}.get(kind, kind)


def _kind_at(matches: list[Any], start: int, end: int) -> str | None:
    for m in matches:
        if m.start < end and start < m.end:
            return m.kind
    return None


def _gap(gold: str, pub: str | None) -> str:
    if not pub:
        return "no publication"
    days = (dt.date.fromisoformat(pub[:10]) - dt.date.fromisoformat(gold)).days
    if days < 0:
        return "after publication"
    if days <= 1:
        return str(days)
    if days <= 7:
        return "2-7"
    return "8-31" if days <= 31 else ">31"


def _present(tok: Any) -> bool:
    """The trigger is in the present tense ("are fighting", "kills", "has seized")."""
    if tok.tag_ in ("VBZ", "VBP"):
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") for c in tok.children)


def items(coded: list[Any]) -> list[dict[str, Any]]:
    from kharita.events.dates import find_dates, parse_published

    out = []
    for c in coded:
        doc, sdoc, art = c.doc, c.sdoc, c.art
        pub = parse_published(doc.published)
        all_dates = find_dates(doc.text, 0, pub)
        for ev, gi in c.events:
            if gi < 0:
                continue
            g = art.events[gi]
            if not g.get("date") or g.get("background") or g.get("aggregate"):
                continue
            s, e = ev.evidence.start, ev.evidence.end
            dtext = ev.date_text
            para = doc.text.rfind("\n", 0, s) + 1
            if dtext is None:
                source = "publication" if ev.date == (doc.published or "")[:10] else "news day"
            elif s <= dtext.start < e:
                source = "sentence"
            elif para <= dtext.start < s:
                source = "paragraph"
            else:
                source = "other paragraph"
            kind = _kind_at(all_dates, dtext.start, dtext.end) if dtext is not None else None
            if dtext is not None and kind is None:
                kind = "dateparser"
            in_sent = sorted({expression_kind(m.kind) for m in all_dates if s <= m.start and m.end <= e})
            sent_text = doc.text[s:e]
            tok = None
            if ev.trigger is not None:
                span = sdoc.char_span(ev.trigger.start, ev.trigger.end, alignment_mode="expand")
                tok = span.root if span is not None and len(span) else None
            marks = []
            if QUOTES.search(sent_text):
                marks.append("quoted")
            if REPORTED.search(sent_text):
                marks.append("reported speech")
            if tok is not None and _present(tok):
                marks.append("present tense")
            if art.title and s < len(art.title):
                marks.append("headline")
            if g.get("modality") in ("planned", "threatened"):
                marks.append("planned/threatened")
            out.append({
                "article": art.id, "published": doc.published, "sentence": sent_text,
                "trigger": ev.trigger.text if ev.trigger is not None else None,
                "date": ev.date, "precision": ev.date_precision,
                "date_text": dtext.text if dtext is not None else None,
                "gold": g["date"], "ok": ev.date == g["date"],
                "day_ok": ev.date == g["date"] and ev.date_precision == 1,
                "source": source, "expression": expression_kind(kind),
                "sentence_expression": in_sent or ["none"], "gold_gap": _gap(g["date"], doc.published),
                "marks": marks or ["plain"],
            })
    return out


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    def acc(sub: list[dict[str, Any]]) -> dict[str, Any]:
        n = len(sub)
        return {"n": n, "accuracy": round(sum(r["ok"] for r in sub) / n, 4) if n else None,
                "day_precise": round(sum(r["day_ok"] for r in sub) / n, 4) if n else None}

    out: dict[str, Any] = {"overall": acc(rows)}
    for field in ("source", "expression", "gold_gap"):
        groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in rows:
            groups[r[field]].append(r)
        out[field] = {k: acc(v) for k, v in sorted(groups.items(), key=lambda kv: -len(kv[1]))}
    for field in ("sentence_expression", "marks"):
        groups = defaultdict(list)
        for r in rows:
            for k in r[field]:
                groups[k].append(r)
        out["sentence" if field == "marks" else field] = {
            k: acc(v) for k, v in sorted(groups.items(), key=lambda kv: -len(kv[1]))}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--errors", type=int, default=0, help="print the first N wrong dates")
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args()
    import corpus
    from train import code_corpus

    t0 = time.time()
    articles = corpus.load()
    coded = code_corpus(articles)
    rows = items(coded)
    summary = summarise(rows)
    summary["articles"] = len(articles)
    summary["seconds"] = round(time.time() - t0, 1)
    o = summary["overall"]
    print(f"{o['n']} candidates telling a dated gold event in {len(articles)} articles: "
          f"date {o['accuracy']:.3f}, day-precise {o['day_precise']:.3f}")
    for section in ("source", "expression", "sentence_expression", "gold_gap", "sentence"):
        print(f"\n{section}:")
        for k, v in summary[section].items():
            print(f"   {k:<22} {v['accuracy']:.3f}  {v['day_precise']:.3f}  {v['n']:>5}")
    wrong = [r for r in rows if not r["ok"]]
    for r in wrong[:a.errors]:
        print(f"\n[{r['article']} pub {r['published']}] {r['sentence']}\n   trigger {r['trigger']!r} "
              f"date_text {r['date_text']!r} -> {r['date']} (p{r['precision']}), gold {r['gold']} "
              f"[{r['source']}; {', '.join(r['marks'])}]")
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    print(f"\nwritten to {a.out}")


if __name__ == "__main__":
    main()
