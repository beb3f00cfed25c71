"""Event-location selection accuracy on Halterman's event_location sentences.

    .venv/bin/python benchmarks/events_location.py [PATH] [--sample N] [--places auto|kharita|spacy]

PATH defaults to ../shared/eval/events/event_location_labeled.json (a JSON list of
sentences with one VERB span, the event trigger, and LOCATION spans where that event
happened).  Gold offsets: some records carry character offsets equal to their token indexes
(an export bug), so token offsets are used whenever a span has them.  A record with no usable LOCATION span means "the place is not in this
sentence".

Each sentence is parsed by kharita's spaCy model; places come from the kharita
places stage (``--places kharita``), from spaCy GPE/LOC/FAC entities
(``--places spacy``), or ``auto``: the places stage when it finds places, spaCy
entities otherwise.  The selection under test is
``kharita.events.location.event_location`` with the VERB token as trigger.

Scores: accuracy (a sentence is right when the chosen in-sentence place overlaps a
gold LOCATION span, or when the gold says "not in this sentence" and no
in-sentence place is chosen), and the same for a first-place-in-sentence baseline;
on the 496 adjudicated RELABEL items and a seeded sample of the rest.  Writes
benchmarks/results/events_location.json.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "eval" / "events" / "event_location_labeled.json"
OUT = ROOT / "benchmarks" / "results" / "events_location.json"
SPACY_PLACE_LABELS = {"GPE", "LOC", "FAC"}


def gold_spans(rec: dict[str, Any]) -> tuple[tuple[int, int] | None, list[tuple[int, int]]]:
    """(verb char span, location char spans), from token offsets when present.

    Some records' character offsets are token indexes (zero-length or a few wrong
    characters); their token offsets are right, so those are used whenever given.
    """
    toks = rec.get("tokens") or []
    verb, locs = None, []
    for s in rec.get("spans") or []:
        start, end = s.get("start", 0), s.get("end", 0)
        if "token_start" in s and s["token_start"] < len(toks):
            start = toks[s["token_start"]]["start"]
            end = toks[min(s.get("token_end", s["token_start"]), len(toks) - 1)]["end"]
        if end <= start:
            continue
        if s.get("label") == "VERB":
            verb = (start, end)
        elif s.get("label") == "LOCATION":
            locs.append((start, end))
    return verb, locs


def spacy_places(sdoc: Any) -> list[Any]:
    from kharita.model import Place

    return [Place(text=e.text, start=e.start_char, end=e.end_char, resolved_as="spacy")
            for e in sdoc.ents if e.label_ in SPACY_PLACE_LABELS]


class PlaceSource:
    """The kharita places stage, or spaCy entities when that stage is not available."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.geoparser = None
        self.used: dict[str, int] = {"kharita": 0, "spacy": 0}
        if mode in ("auto", "kharita"):
            try:
                from kharita.places import Geoparser

                self.geoparser = Geoparser()
            except Exception as exc:  # noqa: BLE001 - report and fall back
                print(f"places stage unavailable ({exc}); using spaCy entities", file=sys.stderr)

    def __call__(self, doc: Any, sdoc: Any) -> None:
        if self.geoparser is not None:
            try:
                self.geoparser(doc, sdoc)
            except Exception as exc:  # noqa: BLE001 - e.g. no gazetteer built: say so once
                print(f"places stage failed ({exc}); using spaCy entities", file=sys.stderr)
                self.geoparser = None
        if doc.places or self.mode == "kharita":
            self.used["kharita"] += 1
            return
        doc.places = spacy_places(sdoc)
        self.used["spacy"] += 1


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(records: list[dict[str, Any]], places: PlaceSource) -> dict[str, Any]:
    from kharita import nlp
    from kharita.events.location import event_location
    from kharita.model import Document

    parser = nlp.load()
    right = base_right = n = with_gold = 0
    for rec, sdoc in zip(records, parser.pipe([r["text"] for r in records], batch_size=64)):
        verb, gold = gold_spans(rec)
        trigger = next((t for t in sdoc if verb[0] <= t.idx < verb[1]), None)
        if trigger is None:
            continue
        doc = Document(id=str(rec.get("_id", n)), text=rec["text"])
        places(doc, sdoc)
        sent = trigger.sent
        pred = event_location(doc, sent, trigger)
        span = (pred.start, pred.end) if pred is not None and pred.start >= 0 and pred.resolved_as \
            not in ("context", "focus") else None
        first = next(((p.start, p.end) for p in doc.places if sent.start_char <= p.start < sent.end_char), None)
        n += 1
        with_gold += bool(gold)
        right += _correct(span, gold)
        base_right += _correct(first, gold)
    return {"n": n, "gold_in_sentence": with_gold, "accuracy": round(right / max(n, 1), 4),
            "baseline_first_place_accuracy": round(base_right / max(n, 1), 4)}


def _correct(span: tuple[int, int] | None, gold: list[tuple[int, int]]) -> bool:
    if not gold:
        return span is None
    return span is not None and any(overlaps(span, g) for g in gold)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", default=str(DEFAULT))
    ap.add_argument("--sample", type=int, default=1000, help="non-RELABEL sentences to score (seeded)")
    ap.add_argument("--places", choices=("auto", "kharita", "spacy"), default="auto")
    args = ap.parse_args(argv)
    path = Path(args.path)
    if not path.exists():
        print(f"{path}: not found (the evaluation data is not shipped with kharita)", file=sys.stderr)
        return 2
    data = [r for r in json.loads(path.read_text()) if gold_spans(r)[0] is not None]
    relabel = [r for r in data if r.get("source") == "RELABEL"]
    rest = [r for r in data if r.get("source") != "RELABEL"]
    sample = random.Random(0).sample(rest, min(args.sample, len(rest)))
    places = PlaceSource(args.places)
    t0 = time.perf_counter()
    result = {
        "command": "python benchmarks/events_location.py " + " ".join(argv or sys.argv[1:]),
        "relabel": score(relabel, places),
        "sample_of_rest": score(sample, places),
        "places_source_counts": places.used,
        "seconds": None,
    }
    result["seconds"] = round(time.perf_counter() - t0, 1)
    for name in ("relabel", "sample_of_rest"):
        r = result[name]
        print(f"{name:15s} n={r['n']:5d}  accuracy={r['accuracy']:.3f}  "
              f"first-place baseline={r['baseline_first_place_accuracy']:.3f}  "
              f"(gold place in sentence: {r['gold_in_sentence']})")
    print(f"places from: {places.used}  ({result['seconds']} s)")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
