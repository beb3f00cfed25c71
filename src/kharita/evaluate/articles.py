"""Article-level event scoring: every codable event of whole articles, precision and recall.

The gold is a directory of articles, each as three files (the format of the public
article set kharita is developed against, and of the project's own corpus):

* ``N.txt`` - the article text;
* ``N.meta.json`` - ``{"doc": "N", "published": "YYYY-MM-DD", "source": ...}``;
* ``N.json`` - ``{"doc", "published", "events": [...]}``, one object per codable
  event with ``mentions`` (exact sentences of ``N.txt``), ``acled_event_type``,
  ``acled_sub_event_type``, ``actor1``/``actor2`` (``{"text", "name"}``),
  ``location`` (``{"lat", "lon", "precision", ...}``), ``date``,
  ``date_precision``, ``fatalities`` (``[low, high]``), ``aggregate``,
  ``background``.

Scoring rule (identical to the reference scorer that ships with such gold, so the
figures agree to the last decimal):

* predictions in scope are events with an ACLED event type, or with an origin or
  destinations (movements);
* a prediction is a candidate for a gold event when its ``evidence`` span overlaps
  one of the event's mention sentences located in the stored text; among
  candidates a type-compatible one is preferred, then a required one (neither
  aggregate nor background);
* per gold event the most confident type-compatible prediction is the match; more
  predictions on the same gold event are duplicates; a prediction whose candidates
  are all aggregate/background gold is neutral; one with no candidate is a false
  positive;
* precision = TP / (TP + FP + duplicates); recall = matched required gold /
  required gold; "typed" counts a match only when its type is compatible;
* attributes are scored on matched required events (type, sub-type, place within
  50/25 km where the gold is precise to a town or district, actor1/actor2 by
  normalised name, alias or the article's words, day-precise date, fatalities in the
  gold range).

Plain functions; ``kharita evaluate events --format articles DIR`` prints the report.
"""

from __future__ import annotations

import json
import re
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kharita.geo import haversine_km

MOVE = "Movement"
ATTRIBUTES = ("event_type", "sub_event_type", "location<=50km", "location<=25km", "actor1",
              "actor2", "date", "fatalities")

# normalised gold name -> substrings accepted in a predicted actor's name/text/id
ALIASES = {
    "islamic state": ["islamic state", "isis", "isil", "daesh", " is "],
    "syrian democratic forces": ["syrian democratic forces", "sdf"],
    "people s protection units": ["people s protection units", "ypg", "syrian democratic forces", "sdf"],
    "hayat tahrir al sham": ["tahrir al sham", "hts"],
    "military forces of syria": ["military forces of syria", "syrian army", "regime", "government of syria",
                                 "syrian government", "assad"],
    "military forces of russia": ["military forces of russia", "russia"],
    "military forces of the united states": ["military forces of the united states",
                                             "military forces of united states", "united states", "us ",
                                             "american", "coalition"],
    "military forces of turkey": ["military forces of turkey", "turk"],
    "military forces of iraq": ["military forces of iraq", "iraq"],
    "military forces of israel": ["military forces of israel", "israel"],
    "military forces of iran": ["military forces of iran", "iran"],
    "syrian national army": ["syrian national army", "free syrian army", "turkish backed", "rebels", "opposition"],
    "syrian rebels": ["rebel", "opposition", "free syrian army", "syrian national army"],
}


@dataclass
class Article:
    """One gold article: its text, publication date and gold events."""

    doc: str
    text: str
    published: str | None
    source: str | None
    events: list[dict[str, Any]]


@dataclass
class Outcome:
    """What happened to each prediction and gold event of one article (for -v)."""

    misses: list[dict[str, Any]] = field(default_factory=list)
    false_positives: list[dict[str, Any]] = field(default_factory=list)
    duplicates: list[dict[str, Any]] = field(default_factory=list)


def load_articles(directory: str | Path, docs: Iterable[str] | None = None) -> list[Article]:
    """The articles of a gold directory (``N.txt``, ``N.meta.json``, ``N.json``)."""
    root = Path(directory)
    if not root.is_dir():
        raise ValueError(f"{root}: not a directory of gold articles")
    names = list(docs) if docs else sorted(
        p.name[:-5] for p in root.glob("*.json") if not p.name.endswith(".meta.json"))
    if not names:
        raise ValueError(f"{root}: no gold files (N.json beside N.txt and N.meta.json)")
    out = []
    for name in names:
        gold = json.loads((root / f"{name}.json").read_text(encoding="utf-8"))
        meta_path = root / f"{name}.meta.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        text = (root / f"{name}.txt").read_text(encoding="utf-8")
        out.append(Article(name, text, meta.get("published") or gold.get("published"),
                           meta.get("source"), list(gold.get("events") or [])))
    return out


def code_articles(articles: list[Article], pipeline: Any | None = None) -> dict[str, dict[str, Any]]:
    """Run kharita over the articles exactly as ``kharita extract --documents`` does on
    JSON Lines ``{"id", "text", "published", "source"}``; documents as dicts by name."""
    from kharita.pipeline import Options, Pipeline
    from kharita.runner import extract

    own = pipeline is None
    pipeline = pipeline or Pipeline(Options(workers=1))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "articles.jsonl"
        with open(path, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps({"id": f"a{a.doc}", "text": a.text, "published": a.published,
                                     "source": a.source}) + "\n" for a in articles)
        out: dict[str, dict[str, Any]] = {}
        try:
            for result in extract([str(path)], pipeline=pipeline):
                if hasattr(result, "to_dict"):
                    rec = result.to_dict()
                    out[str(rec["id"])[1:]] = rec
        finally:
            if own:
                pipeline.close()
    return out


def in_scope(e: dict[str, Any]) -> bool:
    return bool(e.get("acled_event_type")) or bool(e.get("origin")) or bool(e.get("destinations"))


def type_ok(e: dict[str, Any], g: dict[str, Any]) -> bool:
    if g["acled_event_type"] == MOVE:
        return bool(e.get("origin")) or bool(e.get("destinations")) or e.get("type") in (
            "MOBILIZE", "RETREAT")
    return e.get("acled_event_type") == g["acled_event_type"]


def _norm(s: str | None) -> str:
    return re.sub(r"[^a-z0-9 ]+", " ", (s or "").lower()).strip()


def actor_ok(pred: dict[str, Any], gold_actor: dict[str, Any] | None) -> bool | None:
    if not gold_actor:
        return None
    got = " " + " | ".join(
        _norm(a.get("name")) + " " + _norm(a.get("actor_id")) + " " + _norm(a.get("text"))
        for a in pred.get("actors") or []) + " "
    g = _norm(gold_actor.get("name"))
    keys = ALIASES.get(g, [g])
    if g.startswith("civilians"):
        keys = ["civilian"]
    txt = _norm(gold_actor.get("text"))
    return any(k and k in got for k in keys) or (len(txt) > 3 and txt in got)


def find_span(text: str, quote: str) -> tuple[int, int] | None:
    """Where a gold mention sits in the stored text (whitespace may differ after cleaning)."""
    i = text.find(quote)
    if i >= 0:
        return i, i + len(quote)
    words = quote.split()
    if not words:
        return None
    m = re.search(r"\s+".join(re.escape(w) for w in words), text)
    if m:
        return m.start(), m.end()
    m = re.search(r"\s+".join(re.escape(w) for w in words[: max(4, len(words) // 2)]), text)
    return (m.start(), m.end()) if m else None


def score_documents(articles: list[Article], coded: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Score coded documents (as dicts, by article name) against the gold articles."""
    t = {k: 0 for k in ("tp", "fp", "dup", "neutral", "req", "req_hit", "req_typed", "pred",
                        "gold_all")}
    attr = {k: [0, 0] for k in ATTRIBUTES}
    outcome = Outcome()
    judged: list[tuple[float, bool]] = []  # (confidence, right) per non-neutral prediction
    for art in articles:
        doc = coded.get(art.doc) or {}
        text = doc.get("text") or ""
        gevs = art.events
        t["gold_all"] += len(gevs)
        spans = [[s for s in (find_span(text, q) for q in g["mentions"]) if s] for g in gevs]
        preds = [e for e in doc.get("events") or [] if in_scope(e)]
        t["pred"] += len(preds)
        assigned: dict[int, list[dict[str, Any]]] = {}
        for e in preds:
            ev = e.get("evidence") or {}
            s, end = ev.get("start"), ev.get("end")
            cands = []
            for gi, g in enumerate(gevs):
                if s is not None and any(min(end, me) - max(s, ms) > 0 for ms, me in spans[gi]):
                    opt = g.get("aggregate") or g.get("background")
                    cands.append((not type_ok(e, g), bool(opt), gi))
            if not cands:
                t["fp"] += 1
                outcome.false_positives.append({"doc": art.doc, **e})
                judged.append((e.get("confidence") or 0.0, False))
                continue
            cands.sort()
            gi = cands[0][2]
            if gevs[gi].get("aggregate") or gevs[gi].get("background"):
                t["neutral"] += 1
                continue
            assigned.setdefault(gi, []).append(e)
        for gi, g in enumerate(gevs):
            if g.get("aggregate") or g.get("background"):
                continue
            t["req"] += 1
            es = assigned.get(gi)
            if not es:
                outcome.misses.append({"doc": art.doc, **g})
                continue
            t["req_hit"] += 1
            es.sort(key=lambda e, g=g: (not type_ok(e, g), -(e.get("confidence") or 0)))
            t["tp"] += 1
            t["dup"] += len(es) - 1
            outcome.duplicates.extend({"doc": art.doc, **e} for e in es[1:])
            judged.append((es[0].get("confidence") or 0.0, True))
            judged.extend((e.get("confidence") or 0.0, False) for e in es[1:])
            t["req_typed"] += type_ok(es[0], g)
            _attributes(es[0], g, attr)
    result = _figures(t, attr, len(articles), outcome)
    result["precision_by_confidence"] = {
        f">={cut}": {"precision": round(sum(ok for _, ok in sel) / len(sel), 3), "n": len(sel)}
        for cut in (0.5, 0.7, 0.9)
        if (sel := [(c, ok) for c, ok in judged if c >= cut])}
    return result


def _attributes(e: dict[str, Any], g: dict[str, Any], attr: dict[str, list[int]]) -> None:
    def score(k: str, ok: Any) -> None:
        if ok is None:
            return
        attr[k][0] += bool(ok)
        attr[k][1] += 1

    if g["acled_event_type"] != MOVE:
        score("event_type", e.get("acled_event_type") == g["acled_event_type"])
        score("sub_event_type", e.get("acled_sub_event_type") == g["acled_sub_event_type"])
    gl, pl = g.get("location"), e.get("location") or {}
    if gl and gl.get("precision", 9) <= 2 and gl.get("lat") is not None:
        d = haversine_km(pl["lat"], pl["lon"], gl["lat"], gl["lon"]) if pl.get("lat") is not None else None
        score("location<=50km", d is not None and d <= 50)
        score("location<=25km", d is not None and d <= 25)
    score("actor1", actor_ok(e, g.get("actor1")))
    score("actor2", actor_ok(e, g.get("actor2")))
    if g.get("date") and g.get("date_precision") == 1:
        score("date", e.get("date") == g["date"])
    gf, pf = g.get("fatalities"), (e.get("fatalities") or {}).get("best")
    if gf is not None or pf:
        score("fatalities", gf is not None and pf is not None and gf[0] <= pf <= gf[1])


def _figures(t: dict[str, int], attr: dict[str, list[int]], n_articles: int,
             outcome: Outcome) -> dict[str, Any]:
    def f1(p: float, r: float) -> float:
        return 2 * p * r / max(1e-9, p + r)

    denom = max(1, t["tp"] + t["fp"] + t["dup"])
    p, r = t["tp"] / denom, t["req_hit"] / max(1, t["req"])
    pt, rt = t["req_typed"] / denom, t["req_typed"] / max(1, t["req"])
    return {
        "articles": n_articles, "precision": p, "recall": r, "f1": f1(p, r),
        "typed_precision": pt, "typed_recall": rt, "typed_f1": f1(pt, rt),
        "predicted_per_article": t["pred"] / max(1, n_articles),
        "gold_per_article": t["gold_all"] / max(1, n_articles),
        "counts": t,
        "attributes": {k: {"accuracy": v[0] / v[1], "n": v[1]} for k, v in attr.items() if v[1]},
        "outcome": outcome,
    }


def score_articles(directory: str | Path, docs: Iterable[str] | None = None,
                   pipeline: Any | None = None,
                   predictions: str | Path | None = None) -> dict[str, Any]:
    """Code the gold articles with kharita (or read ``predictions``: ``kharita extract
    --documents`` output whose ids are ``a<N>``) and score them."""
    articles = load_articles(directory, docs)
    t0 = time.perf_counter()
    if predictions is not None:
        coded = {}
        for line in Path(predictions).read_text(encoding="utf-8").splitlines():
            if line.startswith("{"):
                rec = json.loads(line)
                coded[str(rec.get("id", ""))[1:]] = rec
    else:
        coded = code_articles(articles, pipeline)
    result = score_documents(articles, coded)
    result["seconds"] = round(time.perf_counter() - t0, 1)
    result["dataset"] = str(directory)
    return result


def format_article_report(result: dict[str, Any], verbose: bool = False) -> str:
    """The reference scorer's summary lines (and, verbose, misses and false positives)."""
    t = result["counts"]
    lines: list[str] = []
    if verbose:
        for g in result["outcome"].misses:
            lines.append(f"  MISS {g.get('id')}: {g.get('what') or (g.get('mentions') or [''])[0][:110]}")
        for e in result["outcome"].false_positives:
            loc = (e.get("location") or {}).get("name")
            ev_text = (e.get("evidence") or {}).get("text", "")[:110]
            lines.append(f"  FP {e['doc']}: {e.get('type')}/{e.get('acled_sub_event_type')} @{loc} | {ev_text}")
        for e in result["outcome"].duplicates:
            ev_text = (e.get("evidence") or {}).get("text", "")[:110]
            lines.append(f"  DUP {e['doc']}: {e.get('type')}/{e.get('acled_sub_event_type')} | {ev_text}")
    n = result["articles"]
    lines.append(
        f"articles {n}; gold events {t['gold_all']} ({t['req']} required); predicted in scope "
        f"{t['pred']} ({t['pred'] / max(1, n):.1f}/article vs gold {t['gold_all'] / max(1, n):.1f}); "
        f"TP {t['tp']} FP {t['fp']} duplicates {t['dup']} neutral {t['neutral']}")
    lines.append("attributes on matched: " + ", ".join(
        f"{k} {v['accuracy']:.2f} (n={v['n']})" for k, v in result["attributes"].items()))
    lines.append(f"typed (type-compatible match): P {result['typed_precision']:.3f} "
                 f"R {result['typed_recall']:.3f} F1 {result['typed_f1']:.3f}")
    lines.append(f"article events: precision {result['precision']:.3f} recall {result['recall']:.3f} "
                 f"F1 {result['f1']:.3f}")
    by_conf = result.get("precision_by_confidence") or {}
    if by_conf:
        lines.append("precision by confidence: " + ", ".join(
            f"{k} {v['precision']:.3f} (n={v['n']})" for k, v in by_conf.items()))
    return "\n".join(lines)


def result_json(result: dict[str, Any]) -> dict[str, Any]:
    """The figures, for the results file.  Misses and false positives are named by
    gold event id and by document, type and character offsets, never by their text:
    results files are kept with the project, and the evaluated articles' text may
    not be (``--verbose`` prints it)."""
    out = {k: v for k, v in result.items() if k != "outcome"}
    o = result["outcome"]
    out["misses"] = [str(g.get("id") or g["doc"]) for g in o.misses]
    out["false_positives"] = [
        f"{e['doc']}: {e.get('acled_sub_event_type') or e.get('acled_event_type') or e.get('type')} @ "
        f"{(e.get('evidence') or {}).get('start')}-{(e.get('evidence') or {}).get('end')}"
        for e in o.false_positives]
    return out
