"""What each part of the reporting stage contributes: switch one off at a time.

    .venv/bin/python benchmarks/reporting_ablation.py [--articles DIR] [--aeb DIR]

Every document is parsed and coded once with the reporting stage off; each variant
then runs the reporting stage (the installed models) on copies of the same documents,
so the figures differ only by the part switched off:

* ``candidates``: no reporting stage (every candidate the events stage codes);
* ``no relevance gate``: the document model never removes a document's events;
* ``no coded model``: every ACLED-scope candidate is kept (relevance gate and
  folding still on);
* ``no plan threshold``: plans and threats need the deeds' threshold;
* ``no type floor``: a told happening is kept however unlikely its type;
* ``no background/aggregate rule``: marked events need no more than the others, and
  recalled summaries (statistics) are kept;
* ``no folding``: every telling stays an event of its own;
* ``rule folding``: tellings folded by the hand rule instead of the pair model;
* ``full``: the stage as installed.

Figures: article-level precision/recall/F1 on the gold articles (the reference
rule, :mod:`kharita.evaluate.articles`) and ACLED-scope events per English page on
the AEB web pages outside the ones that report violence (benchmarks/aeb_events.py).
Writes benchmarks/results/reporting_ablation.json.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
OUT = ROOT / "benchmarks" / "results" / "reporting_ablation.json"
sys.path.insert(0, str(ROOT / "benchmarks"))


def coded_documents(items: list[Any]) -> list[tuple[Any, Any]]:
    """(document, parse) pairs with the reporting stage off."""
    from kharita import nlp
    from kharita.model import Document
    from kharita.pipeline import Options, Pipeline

    pipe = Pipeline(Options(reporting=False, workers=1))
    docs = [d for d in pipe.process(items) if isinstance(d, Document)]
    parser = nlp.load()
    return list(zip(docs, parser.pipe([d.text for d in docs], batch_size=16)))


def variants() -> dict[str, Any]:
    from kharita.reporting import DOUBTFUL_BAND, Reporter
    from kharita.reporting.model import load_models

    def make(**changes: Any) -> Any:
        models = copy.deepcopy(load_models())
        fold = changes.pop("fold", True)
        band = changes.pop("band", DOUBTFUL_BAND)
        stats = changes.pop("drop_statistics", True)
        unreal = changes.pop("drop_unreal", True)
        if changes.pop("rule_fold", False):
            models.same = None
        models.thresholds.update(changes)
        return Reporter(models, fold_tellings=fold, doubtful_band=band, drop_statistics=stats,
                        drop_unreal=unreal)

    return {
        "candidates": None,
        "no relevance gate": make(relevance=0.0),
        "hard relevance gate (no doubtful band)": make(band=0.0),
        "no coded model": make(coded=0.0, marked=0.0, plan=0.0, floor=0.0),
        "no plan threshold (plans judged as deeds)": make(
            plan=load_models().thresholds.get("coded", 0.5)),
        "no type floor": make(floor=0.0),
        "no background/aggregate rule": make(marked=load_models().thresholds.get("coded", 0.5),
                                             drop_statistics=False),
        "hypotheticals and negations judged (kept when surely told)": make(drop_unreal=False),
        "no folding": make(fold=False),
        "rule folding": make(rule_fold=True),
        "full": make(),
    }


def apply(stage: Any, pairs: list[tuple[Any, Any]]) -> list[Any]:
    if stage is None:
        return [d for d, _ in pairs]
    return [stage(copy.deepcopy(d), s) for d, s in pairs]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=Path, default=EVAL / "events" / "articles")
    ap.add_argument("--aeb", type=Path, default=EVAL / "web" / "aeb")
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args(argv)
    if not a.articles.is_dir() or not (a.aeb / "html").is_dir():
        print(f"reporting_ablation: {a.articles} or {a.aeb}/html missing (the evaluation data is "
              "not here?)", file=sys.stderr)
        return 2
    from aeb_events import VIOLENT

    from kharita.evaluate.articles import load_articles, score_documents
    from kharita.ingest import read_inputs
    from kharita.model import RawDocument
    from kharita.reporting.features import in_scope

    t0 = time.perf_counter()
    arts = load_articles(a.articles)
    art_pairs = coded_documents([RawDocument(input=x.doc, text=x.text, id=f"a{x.doc}",
                                             published=x.published, source=x.source)
                                 for x in arts])
    web_pairs = [(d, s) for d, s in coded_documents(list(read_inputs([str(a.aeb / "html")])))
                 if d.language == "en"]
    rows = {}
    for name, stage in variants().items():
        docs = apply(stage, art_pairs)
        r = score_documents(arts, {d.id[1:]: d.to_dict() for d in docs})
        web = apply(stage, web_pairs)
        other = [d for d in web if Path(d.input or "").name[:16] not in VIOLENT]
        kept = [d for d in web if Path(d.input or "").name[:16] in VIOLENT]
        rows[name] = {
            "precision": round(r["precision"], 3), "recall": round(r["recall"], 3),
            "f1": round(r["f1"], 3), "typed_f1": round(r["typed_f1"], 3),
            "tp": r["counts"]["tp"], "fp": r["counts"]["fp"], "duplicates": r["counts"]["dup"],
            "aeb_other_events_per_page": round(
                sum(len([e for e in d.events if in_scope(e)]) for d in other) / max(1, len(web)), 3),
            "aeb_violent_pages_with_events": sum(1 for d in kept if any(in_scope(e) for e in d.events)),
        }
        x = rows[name]
        print(f"{name:30s} P {x['precision']:.3f} R {x['recall']:.3f} F1 {x['f1']:.3f} "
              f"(TP {x['tp']} FP {x['fp']} dup {x['duplicates']})  AEB other/page "
              f"{x['aeb_other_events_per_page']:.3f}, violent pages kept {x['aeb_violent_pages_with_events']}/"
              f"{len(kept)}", flush=True)
    result = {"command": "python benchmarks/reporting_ablation.py " + " ".join(argv or sys.argv[1:]),
              "articles": len(arts), "english_pages": len(web_pairs), "variants": rows,
              "seconds": round(time.perf_counter() - t0, 1)}
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
