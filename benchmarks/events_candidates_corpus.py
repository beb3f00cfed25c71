"""Candidate recall of the events stage on the project's own annotated corpus (training/reporting/data).

    .venv/bin/python benchmarks/events_candidates_corpus.py [--show N] [--modality M]

Every corpus article is coded with the reporting stage off (``training/reporting/train.py``'s
``code_corpus``, about 2 min), so every candidate event is kept.  The reporting stage can
only keep what the events stage proposes: a *required* gold event (neither background nor
aggregate) is *covered* when some in-scope candidate (an ACLED type, or a movement with an
origin or destinations: ``kharita.reporting.features.in_scope``) has an evidence sentence
overlapping one of its mentions, and *typed* when such a candidate also has a compatible
type (the article-level scoring rule, ``kharita.evaluate.articles.type_ok``).

Figures: the covered and typed shares overall, per gold modality (asserted - also when
none is given - planned, threatened, claimed) and per gold type; and the cost, the number
of in-scope candidates overall, of those telling no gold event at all (in relevant
articles, and in the articles written as not relevant: every one of those is false).

Writes benchmarks/results/events_candidates_corpus.json (figures and the misses, for
reading); ``--show N`` prints N misses with the candidates (in scope or not) whose
evidence overlaps the mention.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "results" / "events_candidates_corpus.json"
sys.path.insert(0, str(ROOT / "training" / "reporting"))


def _overlaps(ev: Any, spans: list[tuple[int, int]]) -> bool:
    s = ev.evidence
    return s is not None and any(min(s.end, me) - max(s.start, ms) > 0 for ms, me in spans)


def _rec(ev: Any) -> dict[str, Any]:
    return {"acled_event_type": ev.acled_event_type, "origin": ev.origin,
            "destinations": ev.destinations, "type": ev.type}


def rate(rows: list[dict[str, Any]]) -> dict[str, Any]:
    n = len(rows)
    return {"n": n,
            "covered": round(sum(r["covered"] for r in rows) / n, 3) if n else None,
            "typed": round(sum(r["typed"] for r in rows) / n, 3) if n else None}


def items(coded: list[Any]) -> tuple[list[dict[str, Any]], dict[str, int]]:
    from kharita.evaluate.articles import find_span, type_ok
    from kharita.reporting.features import in_scope

    rows = []
    cost = {"in_scope": 0, "in_scope_untold_relevant": 0, "in_scope_irrelevant": 0, "articles": len(coded)}
    for c in coded:
        doc = c.doc
        scoped = [e for e in doc.events if in_scope(e) and e.evidence is not None]
        cost["in_scope"] += len(scoped)
        if not c.art.relevant:
            cost["in_scope_irrelevant"] += len(scoped)
        else:
            cost["in_scope_untold_relevant"] += sum(1 for _, gi in c.events if gi < 0)
        for g in c.art.events:
            if g.get("background") or g.get("aggregate"):
                continue
            spans = [s for s in (find_span(doc.text, q) for q in g["mentions"]) if s]
            if not spans:
                continue
            over = [e for e in scoped if _overlaps(e, spans)]
            modality = g.get("modality") or "asserted"
            row = {"article": c.art.id, "type": g["acled_event_type"],
                   "sub_type": g.get("acled_sub_event_type"), "modality": modality,
                   "mention": g["mentions"][0], "covered": bool(over),
                   "typed": any(type_ok(_rec(e), g) for e in over)}
            if not row["typed"]:
                row["candidates"] = [
                    {"type": e.type, "acled": e.acled_event_type, "modality": e.modality,
                     "trigger": e.trigger.text if e.trigger else None,
                     "origin": e.origin.text if e.origin else None,
                     "destinations": [d.text for d in e.destinations]}
                    for e in doc.events if _overlaps(e, spans)]
            rows.append(row)
    return rows, cost


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", type=int, default=0, help="print N uncovered gold events")
    ap.add_argument("--modality", default=None, help="only show misses of this gold modality")
    ap.add_argument("--untyped", action="store_true", help="show covered but untyped misses too")
    args = ap.parse_args(argv)
    import corpus
    from train import code_corpus

    t0 = time.perf_counter()
    coded = code_corpus(corpus.load())
    seconds = round(time.perf_counter() - t0, 1)
    rows, cost = items(coded)
    by_mod: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_mod[r["modality"]].append(r)
        by_type[r["type"]].append(r)
    misses = [r for r in rows if not r["covered"] or (args.untyped and not r["typed"])]
    result = {
        "command": "python benchmarks/events_candidates_corpus.py " + " ".join(argv or sys.argv[1:]),
        "overall": rate(rows),
        "modality": {k: rate(v) for k, v in sorted(by_mod.items(), key=lambda kv: -len(kv[1]))},
        "type": {k: rate(v) for k, v in sorted(by_type.items(), key=lambda kv: -len(kv[1]))},
        "cost": cost,
        "code_seconds": seconds,
        "misses": [r for r in rows if not r["typed"]],
    }
    o = result["overall"]
    print(f"{o['n']} required gold events: covered {o['covered']}, typed {o['typed']}")
    for section in ("modality", "type"):
        print(f"\n{section}:")
        for k, v in result[section].items():
            print(f"   {k:<28} covered {v['covered']:.3f}  typed {v['typed']:.3f}  n={v['n']:4d}")
    print(f"\nin-scope candidates {cost['in_scope']}; telling no gold event in relevant articles "
          f"{cost['in_scope_untold_relevant']}; in not-relevant articles {cost['in_scope_irrelevant']}")
    print(f"({len(coded)} articles coded in {seconds} s)")
    shown = [r for r in misses if args.modality is None or r["modality"] == args.modality]
    for r in shown[:args.show]:
        print(f"\n[{r['article']}] {r['type']} / {r['sub_type']} ({r['modality']}"
              f"{', covered' if r['covered'] else ''}): {r['mention'][:200]}")
        for cand in r.get("candidates") or []:
            print(f"     {cand}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
