"""Event-coding evaluation against PLOVER's gold standard and ACLED's CSV export.

Both scorers run the full pipeline (text -> places -> actors -> events) over the
gold texts, then compare one predicted event per gold item.  Plain functions; the
CLI (``kharita evaluate events``) only parses arguments and prints.

**PLOVER GSR** (``plover_gsr_cameo.json``: a JSON list, first record documentation).
Each record is one gold event on a short sentence (``text``); several records may
share a sentence.  Older PLOVER types are mapped onto the 16 current ones by
:data:`PLOVER_TYPE_MAP`.  Per record:

* ``type_accuracy`` (primary): the type of the predicted event with the highest
  confidence is one of the sentence's gold types;
* ``type_accuracy_any``: some predicted event of the sentence has the record's type;
* per-class precision/recall/F1 of the top-1 type;
* actor match on records with a gold source (target): the top event's ``actor1``
  (``actor2``) has a country equal to one of the gold actors' ISO3 codes, or is an
  IGO-sector actor where the gold code is IGO (``country``); or the same PLOVER
  sector (``sector``).  Records with no prediction count as misses.

**ACLED CSV** (modern column names).  Each row's ``notes`` is one document published on
its ``event_date``.  The event that represents the document is the highest-confidence
predicted event with an ACLED event type (in ACLED scope); none -> every field
misses.  Scores: event_type and sub_event_type accuracy, macro-F1 over the sub-types
present in the gold, actor1/actor2 match on normalised ACLED names (case, spacing and
the "(2014-)"-style period suffix ignored), location (geo_precision 1 rows: within
25 km; 2: within 25 km of the district centre or same admin1; 3: same admin1 — the
admin1 needs the gazetteer-resolved Place.admin1 name), date exact, fatalities exact
(no stated fatalities = 0, ACLED's convention); a secondary fatality figure leaves
out rows whose notes say ACLED overrode or split the stated count
(:data:`OVERRIDE_RX`), since no reading of the text can reproduce those.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kharita.model import Document, Event, EventActor, Failure, RawDocument
from kharita.places.resolve import haversine_km

# Older PLOVER (0.5, CAMEO-derived) types -> the 16 current ones (PLOVER 2 / POLECAT):
# DEMAND became part of REQUEST ("demand" is a mode of requesting); DISAPPROVE and
# INVESTIGATE became modes of ACCUSE (criticise/denounce; open an investigation into
# alleged wrongdoing); FIGHT (armed actors against each other) was folded into ASSAULT.
PLOVER_TYPE_MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
                   "FIGHT": "ASSAULT"}
WITHIN_KM = 25.0
# ACLED notes that say the coded fatalities differ from the text's ("Fatalities coded as
# 0 (VoJ reported 3)", "split across 2 events"): a source-reliability or splitting
# decision no text reader can reproduce.  Only used for a secondary, labelled figure.
OVERRIDE_RX = re.compile(r"fatalities\s+(?:are\s+)?(?:coded|split)", re.IGNORECASE)


class NoOpDedup:
    """Gold files repeat texts on purpose (one row per event); code every row."""

    def check(self, doc: Document) -> None:
        return None


@dataclass
class PRF:
    """Per-class counts for precision/recall/F1."""

    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)

    def add(self, gold: str | None, pred: str | None) -> None:
        if gold is not None and gold == pred:
            self.tp[gold] += 1
            return
        if pred is not None:
            self.fp[pred] += 1
        if gold is not None:
            self.fn[gold] += 1

    def table(self, classes: Iterable[str]) -> dict[str, dict[str, float]]:
        out = {}
        for c in sorted(classes):
            tp, fp, fn = self.tp[c], self.fp[c], self.fn[c]
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            out[c] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                      "support": tp + fn}
        return out


def run_pipeline(raws: Sequence[RawDocument], pipeline: Any | None = None) -> list[Document | Failure]:
    """The full kharita pipeline over ``raws``, in order, duplicates kept."""
    if pipeline is None:
        from kharita.pipeline import Pipeline

        pipeline = Pipeline(dedup=NoOpDedup())
    return list(pipeline.process(raws))


def top_event(doc: Document | Failure, acled_only: bool = False) -> Event | None:
    """The event with the highest confidence (ACLED-scope events only if asked)."""
    if not isinstance(doc, Document):
        return None
    events = [e for e in doc.events if not acled_only or e.acled_event_type]
    return max(events, key=lambda e: e.confidence, default=None)


def _actor(event: Event | None, role: str) -> EventActor | None:
    if event is None:
        return None
    return next((a for a in event.actors if a.role == role), None)


def _ratio(hits: int, n: int) -> float | None:
    return round(hits / n, 4) if n else None


# --------------------------------------------------------------------------- PLOVER


def load_plover(path: str | Path) -> list[dict[str, Any]]:
    """Gold PLOVER records (documentation records dropped)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a JSON list of PLOVER records")  # noqa: TRY004 - bad data, not a bad argument
    return [r for r in data if isinstance(r, dict) and r.get("text") and r.get("event") not in (None, "DOCUMENT")]


def plover_type(value: str) -> str:
    return PLOVER_TYPE_MAP.get(value.upper(), value.upper())


def _iso3_to_iso2(code: str | None) -> str | None:
    if not code or len(code) != 3:
        return None
    from kharita.store.countries import to_iso2

    return to_iso2(code)


def _gold_actors(record: dict[str, Any], side: str) -> list[dict[str, Any]]:
    """The record's actor dicts on one side (a few records hold a bare string there)."""
    value = record.get(side)
    return [a for a in value if isinstance(a, dict)] if isinstance(value, list) else []


def _actor_match(gold: list[dict[str, Any]], pred: EventActor | None) -> tuple[bool, bool]:
    """(country match, sector match) between gold actor list and one predicted actor."""
    if pred is None:
        return False, False
    countries = {_iso3_to_iso2(a.get("code")) for a in gold} - {None}
    igo = any(str(a.get("code") or "").upper().startswith("IGO") for a in gold)
    sectors = {str(a.get("sector")).upper() for a in gold if a.get("sector")}
    # An international organisation has no country: code IGO matches an IGO-sector actor.
    return ((pred.country is not None and pred.country.upper() in countries)
            or (igo and (pred.sector or "").upper() == "IGO"),
            pred.sector is not None and pred.sector.upper() in sectors)


def score_plover(path: str | Path, limit: int | None = None, pipeline: Any | None = None) -> dict[str, Any]:
    """Score event type, actors, location name and deaths on the PLOVER GSR."""
    records = load_plover(path)[: limit or None]
    texts = list(dict.fromkeys(r["text"] for r in records))
    gold_types: dict[str, set[str]] = {}
    for r in records:
        gold_types.setdefault(r["text"], set()).add(plover_type(r["event"]))
    t0 = time.perf_counter()
    raws = [RawDocument(input=f"{path}#{i}", text=t, language="en") for i, t in enumerate(texts)]
    docs = dict(zip(texts, run_pipeline(raws, pipeline)))
    seconds = time.perf_counter() - t0
    prf = PRF()
    c = Counter()
    for r in records:
        doc = docs[r["text"]]
        gold = plover_type(r["event"])
        top = top_event(doc)
        pred = top.type if top else None
        c["n"] += 1
        c["top1"] += pred in gold_types[r["text"]]
        c["any"] += isinstance(doc, Document) and any(e.type == gold for e in doc.events)
        c["no_event"] += top is None
        prf.add(gold, pred)  # strict: per record, top-1 against that record's type
        for side, role in (("source", "actor1"), ("target", "actor2")):
            gold_actors = _gold_actors(r, side)
            if gold_actors:
                cm, sm = _actor_match(gold_actors, _actor(top, role))
                c[f"{side}_n"] += 1
                c[f"{side}_country"] += cm
                c[f"{side}_sector_n"] += any(a.get("sector") for a in gold_actors)
                c[f"{side}_sector"] += sm
        _plover_extras(r, top, c)
    classes = set(prf.tp) | set(prf.fn) | set(prf.fp)
    return {
        "dataset": str(path), "records": c["n"], "sentences": len(texts),
        "type_accuracy": _ratio(c["top1"], c["n"]), "type_accuracy_any": _ratio(c["any"], c["n"]),
        "no_event_share": _ratio(c["no_event"], c["n"]),
        "source_country_match": _ratio(c["source_country"], c["source_n"]),
        "source_sector_match": _ratio(c["source_sector"], c["source_sector_n"]),
        "target_country_match": _ratio(c["target_country"], c["target_n"]),
        "target_sector_match": _ratio(c["target_sector"], c["target_sector_n"]),
        "location_name_match": _ratio(c["loc_ok"], c["loc_n"]),
        "dead_exact": _ratio(c["dead_ok"], c["dead_n"]),
        "per_class": prf.table(classes), "type_map": PLOVER_TYPE_MAP,
        "seconds": round(seconds, 1),
    }


def _plover_extras(r: dict[str, Any], top: Event | None, c: Counter) -> None:
    """Location name and death-count agreement where the gold gives them."""
    loc = r.get("eventLoc")
    if isinstance(loc, dict) and loc.get("name"):
        c["loc_n"] += 1
        pred = top.location if top else None
        names = {(pred.text or "").lower(), (pred.name or "").lower()} - {""} if pred else set()
        gold = str(loc["name"]).lower()
        c["loc_ok"] += any(n and (n in gold or gold in n) for n in names)
    if r.get("dead") not in (None, ""):
        c["dead_n"] += 1
        pred_dead = top.fatalities.best if top and top.fatalities else 0
        try:
            c["dead_ok"] += int(r["dead"]) == pred_dead
        except (TypeError, ValueError):
            pass


# --------------------------------------------------------------------------- ACLED


def load_acled(path: str | Path) -> list[dict[str, str]]:
    """ACLED rows (modern column names); rows without notes are dropped."""
    with open(path, newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        missing = {"notes", "event_date", "event_type", "sub_event_type"} - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"{path}: not an ACLED CSV (missing columns: {', '.join(sorted(missing))})")
        return [row for row in reader if (row.get("notes") or "").strip()]


def acled_date(value: str) -> str | None:
    """'21 March 2020' / '2020-03-21' -> '2020-03-21'."""
    value = (value or "").strip()
    for fmt in ("%d %B %Y", "%Y-%m-%d", "%d-%B-%Y", "%d %b %Y", "%m/%d/%Y"):
        try:
            return dt.datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def normalise_actor(name: str | None) -> str:
    """'Military Forces of Afghanistan (2014-)' -> 'military forces of afghanistan'."""
    name = re.sub(r"\(\s*\d{4}\s*-\s*(?:\d{4})?\s*\)", "", name or "")
    return " ".join(name.lower().split())


def _location_ok(row: dict[str, str], event: Event | None) -> tuple[str, bool, bool]:
    """(precision level, location right at that level, admin1 right)."""
    level = (row.get("geo_precision") or "1").strip() or "1"
    place = event.location if event else None
    admin_ok = bool(place and place.admin1 and row.get("admin1")
                    and normalise_actor(place.admin1).replace(" province", "") ==
                    normalise_actor(row["admin1"]).replace(" province", ""))
    near = False
    if place is not None and place.lat is not None and place.lon is not None:
        try:
            near = haversine_km(float(row["latitude"]), float(row["longitude"]), place.lat, place.lon) <= WITHIN_KM
        except (KeyError, ValueError):
            near = False
    if level == "1":
        return level, near, admin_ok
    if level == "2":
        return level, near or admin_ok, admin_ok
    return level, admin_ok, admin_ok


def score_acled(path: str | Path, limit: int | None = None, pipeline: Any | None = None) -> dict[str, Any]:
    """Score ACLED event/sub-event type, actors, location, date and fatalities."""
    rows = load_acled(path)[: limit or None]
    raws = [RawDocument(input=f"{path}:{i + 2}", text=row["notes"], published=acled_date(row["event_date"]),
                        language="en") for i, row in enumerate(rows)]
    t0 = time.perf_counter()
    docs = run_pipeline(raws, pipeline)
    seconds = time.perf_counter() - t0
    c: Counter = Counter()
    sub_prf, type_prf = PRF(), PRF()
    for row, doc in zip(rows, docs):
        ev = top_event(doc, acled_only=True)
        c["n"] += 1
        c["no_event"] += ev is None
        c["event_type"] += ev is not None and ev.acled_event_type == row["event_type"]
        c["sub_event_type"] += ev is not None and ev.acled_sub_event_type == row["sub_event_type"]
        type_prf.add(row["event_type"], ev.acled_event_type if ev else None)
        sub_prf.add(row["sub_event_type"], ev.acled_sub_event_type if ev else None)
        _acled_actors(row, ev, c)
        level, ok, admin_ok = _location_ok(row, ev)
        c[f"loc{level}_n"] += 1
        c[f"loc{level}_ok"] += ok
        c["admin1_ok"] += admin_ok
        c["date_ok"] += ev is not None and ev.date == acled_date(row["event_date"])
        c["time_precision_ok"] += ev is not None and str(ev.date_precision) == (row.get("time_precision") or "").strip()
        c["geo_precision_ok"] += ev is not None and ev.location is not None and \
            str(ev.location.precision) == (row.get("geo_precision") or "").strip()
        pred_dead = ev.fatalities.best if ev is not None and ev.fatalities else 0
        dead_ok = str(pred_dead) == (row.get("fatalities") or "0").strip()
        c["fatalities_ok"] += dead_ok
        if not OVERRIDE_RX.search(row["notes"]):
            c["fatalities_plain_n"] += 1
            c["fatalities_plain_ok"] += dead_ok
    present = {r["sub_event_type"] for r in rows}
    sub_table = sub_prf.table(present)
    n = c["n"]
    return {
        "dataset": str(path), "rows": n, "no_acled_event_share": _ratio(c["no_event"], n),
        "event_type_accuracy": _ratio(c["event_type"], n),
        "sub_event_type_accuracy": _ratio(c["sub_event_type"], n),
        "sub_event_type_macro_f1": round(sum(v["f1"] for v in sub_table.values()) / max(len(sub_table), 1), 4),
        "actor1_match": _ratio(c["actor1"], n), "actor2_match": _ratio(c["actor2"], c["actor2_n"]),
        "actors_any_order_match": _ratio(c["actors_any"], n),
        "location_within_25km_precision1": _ratio(c["loc1_ok"], c["loc1_n"]),
        "location_precision2_district_or_admin1": _ratio(c["loc2_ok"], c["loc2_n"]),
        "location_precision3_admin1": _ratio(c["loc3_ok"], c["loc3_n"]),
        "admin1_match": _ratio(c["admin1_ok"], n),
        "date_exact": _ratio(c["date_ok"], n), "time_precision_exact": _ratio(c["time_precision_ok"], n),
        "geo_precision_exact": _ratio(c["geo_precision_ok"], n),
        "fatalities_exact": _ratio(c["fatalities_ok"], n),
        "fatalities_exact_where_acled_kept_the_stated_count": _ratio(c["fatalities_plain_ok"],
                                                                     c["fatalities_plain_n"]),
        "rows_where_acled_kept_the_stated_count": c["fatalities_plain_n"],
        "rows_by_geo_precision": {k: c[f"loc{k}_n"] for k in ("1", "2", "3")},
        "event_type_per_class": type_prf.table({r["event_type"] for r in rows}),
        "sub_event_type_per_class": sub_table, "seconds": round(seconds, 1),
    }


def _acled_actors(row: dict[str, str], ev: Event | None, c: Counter) -> None:
    a1 = _actor(ev, "actor1")
    a2 = _actor(ev, "actor2")
    p1, p2 = normalise_actor(a1.name if a1 else None), normalise_actor(a2.name if a2 else None)
    g1, g2 = normalise_actor(row.get("actor1")), normalise_actor(row.get("actor2"))
    c["actor1"] += bool(g1) and p1 == g1
    if g2:
        c["actor2_n"] += 1
        c["actor2"] += p2 == g2
    c["actors_any"] += {p1, p2} - {""} == {g1, g2} - {""}


# --------------------------------------------------------------------------- output


def format_report(result: dict[str, Any]) -> str:
    """A plain-text table of the headline figures (per-class tables last)."""
    lines = []
    per_class = {k: v for k, v in result.items() if k.endswith("per_class") or k == "per_class"}
    for key, value in result.items():
        if key in per_class or isinstance(value, dict):
            continue
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        lines.append(f"{key:52s} {shown}")
    for key, table in per_class.items():
        lines.append("")
        lines.append(f"{key}:  {'class':32s} {'P':>6s} {'R':>6s} {'F1':>6s} {'n':>5s}")
        for cls, v in sorted(table.items(), key=lambda kv: -kv[1]["support"]):
            lines.append(f"   {cls:42s} {v['precision']:6.3f} {v['recall']:6.3f} {v['f1']:6.3f} {v['support']:5d}")
    return "\n".join(lines)


def write_result(result: dict[str, Any], out: str | Path, command: str) -> Path:
    """Write the figures with the command that produced them."""
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"command": command, **result}, indent=2, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    return path


def evaluate_events(fmt: str, path: str | Path, limit: int | None = None, pipeline: Any | None = None) -> dict[str, Any]:
    """Dispatch on the gold format: ``plover-gsr`` or ``acled-csv``."""
    if fmt == "plover-gsr":
        return score_plover(path, limit, pipeline)
    if fmt == "acled-csv":
        return score_acled(path, limit, pipeline)
    raise ValueError(f"unknown format {fmt!r}: use plover-gsr or acled-csv")
