"""Article-level events on the project's own held-out articles (``training/reporting/heldout``).

    PYTHONPATH=src .venv/bin/python benchmarks/events_heldout.py [--out PATH]

The held-out files are written and annotated like the reporting corpus
(``training/reporting/GUIDE.md``) but never trained on: 40 long opinion, analysis,
letters, profile, feature, court and humanitarian articles (see the data card).  Each
article is run through the whole pipeline, as ``kharita extract`` runs it, and scored
with the article-level rule of ``kharita evaluate events --format articles``
(``kharita.evaluate.articles``): precision, recall and F1 over every codable event,
duplicates counted against precision, typed F1, and precision by confidence.  The
gold here names no coordinates, so place is not scored; actors are compared by the
writers' short names.

Figures per file and overall; writes ``benchmarks/results/events_heldout.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training" / "reporting"))
HELDOUT = ROOT / "training" / "reporting" / "heldout"
OUT = ROOT / "benchmarks" / "results" / "events_heldout.json"

import corpus

from kharita.evaluate.articles import Article, code_articles, score_documents

KEYS = ("precision", "recall", "f1", "typed_f1", "predicted_per_article", "gold_per_article")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(OUT))
    a = ap.parse_args(argv)
    t0 = time.time()
    arts = corpus.load(HELDOUT)
    if not arts:
        print(f"no held-out articles in {HELDOUT}")
        return 1
    gold = [Article(x.id, x.text, x.published, None, x.events) for x in arts]
    coded = code_articles(gold)
    by_file: dict[str, list[Article]] = {}
    for x, g in zip(arts, gold):
        by_file.setdefault(x.source_file, []).append(g)
    out: dict = {"command": "python benchmarks/events_heldout.py", "articles": len(gold)}
    for name, group in [("all", gold)] + sorted(by_file.items()):
        res = score_documents(group, {g.doc: coded[g.doc] for g in group})
        c = res["counts"]
        row = {k: round(res[k], 3) for k in KEYS}
        row.update(tp=c["tp"], fp=c["fp"], duplicates=c["dup"], required=c["req"],
                   precision_by_confidence=res.get("precision_by_confidence"))
        out[name] = row
        print(f"{name:24s} n={len(group):3d}  P {res['precision']:.3f}  R {res['recall']:.3f}  "
              f"F1 {res['f1']:.3f}  typed F1 {res['typed_f1']:.3f}  "
              f"(TP {c['tp']} FP {c['fp']} dup {c['dup']}; {c['req']} required)")
    out["seconds"] = round(time.time() - t0, 1)
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"({len(gold)} articles in {out['seconds']} s; written to {a.out})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
