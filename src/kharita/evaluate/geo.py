"""Geoparsing evaluation on corpora in the LGL / GeoWebNews / TR-News XML format.

The format (Gritta et al.'s cleaned corpora): ``<articles><article><text>`` with
``<toponyms><toponym><start/><end/><phrase/><gaztag geonameid=..><lat/><lon/>``.

Scores, following the usual geoparsing practice:

* recognition — a gold toponym is *found* when a predicted place overlaps its span;
  precision is the share of predicted places that overlap some gold toponym;
* resolution — over gold toponyms with coordinates that were found: exact GeoNames
  id, share within 161 km (100 miles), mean and median error in km, and the area
  under the log-error curve (AUC, lower is better).  ``end_to_end_within_161km``
  counts missed toponyms as failures too.  A predicted place with the gold GeoNames
  id counts as 0 km (``within_161km_raw_coordinates`` does not: country and admin
  centroids differ between gazetteer versions).  A compass part of a unit ("northern
  Illinois", resolved_as ``direction``) is scored as the unit, which is what these
  corpora annotate inside it.
"""

from __future__ import annotations

import math
import statistics
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kharita.places.resolve import haversine_km

WITHIN_KM = 161.0
MAX_ERROR_KM = 20039.0  # half the Earth's circumference, for AUC


@dataclass
class GoldToponym:
    start: int
    end: int
    phrase: str
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass
class GoldArticle:
    id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


class GoldFormatError(ValueError):
    """The file is not in the expected XML format."""


def read_gritta_xml(path: str | Path, limit: int | None = None) -> Iterator[GoldArticle]:
    """Articles of an LGL/GeoWebNews/TR-News XML file, in file order."""
    try:
        tree = ET.parse(str(path))
    except (ET.ParseError, OSError) as exc:
        raise GoldFormatError(f"{path}: cannot read as XML ({exc})") from exc
    root = tree.getroot()
    articles = root.findall("article")
    if not articles:
        raise GoldFormatError(f"{path}: no <article> elements (expected the LGL/GeoWebNews format)")
    for n, art in enumerate(articles):
        if limit is not None and n >= limit:
            return
        text = art.findtext("text") or ""
        gold = GoldArticle(art.get("docid") or str(n), text)
        for top in art.iter("toponym"):
            gold.toponyms.append(_toponym(top))
        yield gold


def _toponym(top: ET.Element) -> GoldToponym:
    t = GoldToponym(int(top.findtext("start") or 0), int(top.findtext("end") or 0),
                    top.findtext("phrase") or "")
    tag = top.find("gaztag")
    if tag is not None:
        gid = tag.get("geonameid")
        t.geonameid = int(gid) if gid and gid.isdigit() else None
        lat, lon = tag.findtext("lat"), tag.findtext("lon")
        if lat and lon:
            t.lat, t.lon = float(lat), float(lon)
    return t


@dataclass
class _Tally:
    gold: int = 0
    found: int = 0
    predicted: int = 0
    correct_pred: int = 0
    resolvable: int = 0  # found gold toponyms with coordinates
    resolvable_all: int = 0  # gold toponyms with coordinates, found or not
    exact_id: int = 0
    errors: list[float] = field(default_factory=list)
    raw_errors: list[float] = field(default_factory=list)


def evaluate_geo(path: str | Path, limit: int | None = None, geoparser: Any | None = None,
                 batch_size: int = 16) -> dict[str, Any]:
    """Run the geoparser over every article and score it; returns the figures."""
    from kharita import nlp
    from kharita.places import Geoparser

    gp = geoparser or Geoparser()
    parser = nlp.load()
    articles = list(read_gritta_xml(path, limit))
    tally = _Tally()
    t0 = time.perf_counter()
    parse_s = 0.0
    texts = (a.text for a in articles)
    it = iter(parser.pipe(texts, batch_size=batch_size))
    for art in articles:
        t1 = time.perf_counter()
        sdoc = next(it)
        t2 = time.perf_counter()
        parse_s += t2 - t1
        places, _ = gp.parse(art.text, sdoc)
        score_article(art, places, tally)
    total_s = time.perf_counter() - t0
    return _summary(path, len(articles), tally, total_s, parse_s)


def score_article(art: GoldArticle, places: list[Any], tally: _Tally) -> None:
    """Add one article's recognition and resolution counts to ``tally``."""
    tally.gold += len(art.toponyms)
    tally.predicted += len(places)
    for p in places:
        if any(t.start < p.end and p.start < t.end for t in art.toponyms):
            tally.correct_pred += 1
    for t in art.toponyms:
        hits = [p for p in places if t.start < p.end and p.start < t.end]
        if t.lat is not None:
            tally.resolvable_all += 1
        if not hits:
            continue
        tally.found += 1
        if t.lat is None or t.lon is None:
            continue
        tally.resolvable += 1
        best = max(hits, key=lambda p: min(p.end, t.end) - max(p.start, t.start))
        same_id = _unit_id(best) is not None and _unit_id(best) == t.geonameid
        tally.exact_id += same_id
        if best.lat is None or best.lon is None:
            raw = MAX_ERROR_KM
        else:
            raw = haversine_km(t.lat, t.lon, best.lat, best.lon)
        tally.raw_errors.append(raw)
        # The same GeoNames id is the same place: centroids of countries and admin
        # units differ between gazetteer versions by up to a few hundred km.
        tally.errors.append(0.0 if same_id else raw)


def _unit_id(p: Any) -> int | None:
    """The gazetteer id a place is scored as.  A compass part ("eastern Syria",
    resolved_as "direction") has no id of its own; these corpora annotate the unit
    ("Syria") inside it, so it is scored as its unit."""
    if p.geonameid is None and p.resolved_as == "direction":
        return p.within
    return p.geonameid


def _auc(errors: list[float]) -> float:
    """Area under the curve of log(1 + error) / log(1 + max error) (Gritta et al. 2018)."""
    if not errors:
        return float("nan")
    scale = math.log(MAX_ERROR_KM + 1)
    return sum(math.log(e + 1) / scale for e in errors) / len(errors)


def _summary(path: str | Path, n: int, t: _Tally, total_s: float, parse_s: float) -> dict:
    errs = t.errors
    within = sum(1 for e in errs if e <= WITHIN_KM)
    rec = t.found / t.gold if t.gold else 0.0
    prec = t.correct_pred / t.predicted if t.predicted else 0.0
    return {
        "corpus": str(path),
        "articles": n,
        "gold_toponyms": t.gold,
        "predicted_places": t.predicted,
        "toponym_recall": round(rec, 4),
        "toponym_precision": round(prec, 4),
        "toponym_f1": round(2 * rec * prec / (rec + prec), 4) if rec + prec else 0.0,
        "resolved_scored": t.resolvable,
        "exact_geonameid": round(t.exact_id / t.resolvable, 4) if t.resolvable else 0.0,
        "within_161km": round(within / len(errs), 4) if errs else 0.0,
        "within_161km_raw_coordinates": round(
            sum(1 for e in t.raw_errors if e <= WITHIN_KM) / len(errs), 4) if errs else 0.0,
        "end_to_end_within_161km": round(within / t.resolvable_all, 4) if t.resolvable_all else 0.0,
        "mean_error_km": round(statistics.fmean(errs), 1) if errs else None,
        "median_error_km": round(statistics.median(errs), 1) if errs else None,
        "auc": round(_auc(errs), 4) if errs else None,
        "seconds_total": round(total_s, 1),
        "seconds_spacy_parse": round(parse_s, 1),
        "docs_per_second_geoparse_only": round(n / (total_s - parse_s), 1) if total_s > parse_s else None,
    }
