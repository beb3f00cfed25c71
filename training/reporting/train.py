"""Train kharita's reporting models on the project's own corpus (``make models``).

    .venv/bin/python training/reporting/train.py [--folds 5] [--out src/kharita/data/models/reporting.json]

1. Every article of ``training/reporting/data/*.jsonl`` (written and annotated for the
   project, see ``DATA_CARD.md``) is rendered to text (``corpus.py``) and coded by
   kharita with the reporting stage switched off, so every candidate event is kept.
2. Each ACLED-scope candidate is labelled from the gold: *coded* when its evidence
   sentence tells a gold event of a compatible type (the article-level scoring rule),
   and then *background* / *aggregate* as that gold event is.  Each article is labelled
   *relevant* or not.
3. Four logistic regressions (scikit-learn, liblinear) are fitted on the features of
   :mod:`kharita.reporting.features`: relevance (per document), coded, background and
   aggregate (per candidate).  Features seen in fewer than ``--min-docs`` articles are
   dropped, so no model learns one article's words.
4. ``--folds``-fold cross-validation by article (models fitted without the held-out
   articles, then the stage run on them) picks the thresholds and reports
   article-level precision/recall on the corpus; the final models are fitted on all
   articles and written with their provenance (data digest, counts, figures).

Deterministic: the same data gives the same file.  Needs the ``train`` extra
(scikit-learn); kharita itself only reads the JSON.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import corpus

from kharita.evaluate.articles import Article, score_documents, type_ok
from kharita.model import Document, RawDocument
from kharita.reporting import Reporter
from kharita.reporting.features import (
    doc_info,
    document_features,
    event_features,
    in_scope,
)
from kharita.reporting.model import LogisticModel, ReportingModels

DEFAULT_OUT = ROOT / "src" / "kharita" / "data" / "models" / "reporting.json"


@dataclass
class Coded:
    """One corpus article coded with every candidate kept."""

    art: corpus.CorpusArticle
    doc: Document  # as the events stage left it (reporting not applied)
    sdoc: Any
    dfeat: dict[str, float]
    dvec: np.ndarray
    # (features, dense, told, typed, background, aggregate) per ACLED-scope candidate
    cands: list[tuple[dict[str, float], np.ndarray, int, int, int, int]] = field(default_factory=list)
    # (event, index of the gold event it would be matched to, or -1) per candidate
    events: list[tuple[Any, int]] = field(default_factory=list)


def code_corpus(articles: list[corpus.CorpusArticle]) -> list[Coded]:
    from kharita import nlp
    from kharita.pipeline import Options, Pipeline

    pipe = Pipeline(Options(reporting=False, workers=1))
    parser = nlp.load()
    stages = pipe.stages()
    cleaned = []
    for a in articles:
        raw = RawDocument(input=a.id, text=a.text, id=a.id, published=a.published,
                          title=a.title, language="en")
        doc = pipe.clean(raw, dedup=False)
        if not isinstance(doc, Document):
            raise SystemExit(f"{a.id}: text stage failed: {doc}")
        cleaned.append(doc)
    out = []
    for a, doc, sdoc in zip(articles, cleaned, parser.pipe([d.text for d in cleaned], batch_size=16)):
        for _, stage in stages:
            doc = stage(doc, sdoc)
        info = doc_info(doc, sdoc)
        dfeat, dvec = document_features(doc, sdoc, info)
        c = Coded(a, doc, sdoc, dfeat, dvec)
        spans = [[s for s in (_find(doc.text, m) for m in g["mentions"]) if s] for g in a.events]
        for ev in doc.events:
            if not in_scope(ev) or ev.evidence is None:
                continue
            feats, dense = event_features(ev, doc, sdoc, info)
            labels, gold_i = _labels(ev, a.events, spans)
            c.cands.append((feats, dense, *labels))
            c.events.append((ev, gold_i))
        out.append(c)
    return out


@dataclass
class Snippet:
    """A short piece of a corpus article (a lede, a few body sentences), coded, for the
    relevance model: feeds and event notes are often one to three sentences long."""

    group: int  # the article's index, so cross-validation keeps it with its article
    dfeat: dict[str, float]
    dvec: np.ndarray
    relevant: bool


def snippet_texts(art: dict[str, Any]) -> list[tuple[str, bool]]:
    """Two snippets per article: the first two body sentences, and sentences 3-5.  An
    irrelevant article's snippets are irrelevant; a relevant article's are relevant
    when they tell one of its events, and are left out otherwise (an opinion piece's
    opening lines may say nothing of the war it is about)."""
    body = [s for p in art["paragraphs"][1:] for s in p]
    told = {m for e in art["events"] for m in e["mentions"]}
    out = []
    for lo, hi in ((0, 2), (2, 5)):
        part = body[lo:hi]
        if not part:
            continue
        if not art["relevant"]:
            out.append((" ".join(part), False))
        elif any(s in told for s in part):
            out.append((" ".join(part), True))
    return out


def code_snippets(articles: list[corpus.CorpusArticle]) -> list[Snippet]:
    from kharita import nlp
    from kharita.pipeline import Options, Pipeline

    pipe = Pipeline(Options(reporting=False, workers=1))
    parser = nlp.load()
    stages = pipe.stages()
    items = [(gi, text, rel, a.published) for gi, a in enumerate(articles)
             for text, rel in snippet_texts(a.raw or {})]
    docs = []
    for gi, text, rel, pub in items:
        doc = pipe.clean(RawDocument(input=f"snippet-{gi}", text=text, published=pub, language="en"),
                         dedup=False)
        docs.append(doc)
    out = []
    for (gi, _, rel, _), doc, sdoc in zip(items, docs, parser.pipe([d.text for d in docs], batch_size=16)):
        for _, stage in stages:
            doc = stage(doc, sdoc)
        info = doc_info(doc, sdoc)
        dfeat, dvec = document_features(doc, sdoc, info)
        out.append(Snippet(gi, dfeat, dvec, rel))
    return out


def _find(text: str, quote: str) -> tuple[int, int] | None:
    i = text.find(quote)
    return (i, i + len(quote)) if i >= 0 else None


def _labels(ev: Any, gold: list[dict[str, Any]],
            spans: list[list[tuple[int, int]]]) -> tuple[tuple[int, int, int, int], int]:
    """(told, typed, background, aggregate) and the gold event's index (-1: none), by the
    article-level rule: *told* when the evidence overlaps a mention of some gold event
    (a codable happening is told there), *typed* when that gold event's type is
    compatible with the candidate's; the gold event is the one the scorer would match
    (a compatible type first, then news before background/aggregate)."""
    rec = {"acled_event_type": ev.acled_event_type, "origin": ev.origin,
           "destinations": ev.destinations, "type": ev.type}
    s, e = ev.evidence.start, ev.evidence.end
    hits = [i for i, sp in enumerate(spans) if any(min(e, me) - max(s, ms) > 0 for ms, me in sp)]
    if not hits:
        return (0, 0, 0, 0), -1
    hits.sort(key=lambda i: (not type_ok(rec, gold[i]),
                             bool(gold[i].get("background") or gold[i].get("aggregate"))))
    g = gold[hits[0]]
    return (1, int(type_ok(rec, g)), int(bool(g.get("background"))),
            int(bool(g.get("aggregate")))), hits[0]


# ---------------------------------------------------------------------------- fitting


def _vocab(rows: list[dict[str, float]], groups: list[int], min_docs: int) -> list[str]:
    seen: dict[str, set[int]] = {}
    for f, g in zip(rows, groups):
        for k in f:
            seen.setdefault(k, set()).add(g)
    return sorted(k for k, gs in seen.items() if len(gs) >= min_docs or k == "bias")


def fit(rows: list[dict[str, float]], dense: list[np.ndarray], y: list[int], groups: list[int],
        min_docs: int, c: float, dense_weight: float, drop: tuple[str, ...] = (),
        balanced: bool = False) -> LogisticModel:
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression

    vocab = [k for k in _vocab(rows, groups, min_docs) if not k.startswith(drop) or k == "bias"]
    index = {k: i for i, k in enumerate(vocab)}
    data, ri, ci = [], [], []
    for r, f in enumerate(rows):
        for k, v in f.items():
            j = index.get(k)
            if j is not None:
                data.append(v)
                ri.append(r)
                ci.append(j)
    xs = sparse.csr_matrix((data, (ri, ci)), shape=(len(rows), len(vocab)), dtype="float64")
    width = min((len(d) for d in dense), default=0)
    mean = scale = None
    if width and dense_weight > 0:
        d = np.vstack([x[:width] for x in dense]).astype("float64")
        mean, scale = d.mean(axis=0), d.std(axis=0) + 1e-6
        xs = sparse.hstack([xs, sparse.csr_matrix((d - mean) / scale * dense_weight)]).tocsr()
    yv = np.asarray(y)
    if yv.min() == yv.max():  # one class only: a constant model
        p = float(np.clip(yv.mean(), 0.01, 0.99))
        return LogisticModel(float(np.log(p / (1 - p))), {})
    lr = LogisticRegression(C=c, solver="liblinear", max_iter=2000, fit_intercept=False,
                            class_weight="balanced" if balanced else None)
    lr.fit(xs, yv)
    coef = lr.coef_[0]
    weights = {k: float(coef[i]) for i, k in enumerate(vocab) if abs(coef[i]) > 1e-6}
    bias = weights.pop("bias", 0.0)
    dense_w = None
    if mean is not None:
        dense_w = coef[len(vocab):] * dense_weight
    return LogisticModel(bias, weights, None if dense_w is None else dense_w.astype("float32"),
                         None if mean is None else mean.astype("float32"),
                         None if scale is None else scale.astype("float32"))


@dataclass
class Settings:
    min_docs: int = 3
    c_coded: float = 0.3
    c_relevance: float = 0.5
    c_marks: float = 0.5
    c_same: float = 0.5
    dense_weight: float = 0.0
    drop_prefixes: tuple[str, ...] = ()  # feature families left out of every model


def fit_all(coded: list[Coded], s: Settings, snippets: list[Snippet] | None = None) -> ReportingModels:
    rel_rows, rel_dense, rel_y, rel_g = [], [], [], []
    for sn in snippets or []:
        rel_rows.append(sn.dfeat)
        rel_dense.append(sn.dvec)
        rel_y.append(int(sn.relevant))
        rel_g.append(10_000 + sn.group)
    rows, dense, told, typed, bg, agg, groups = [], [], [], [], [], [], []
    for gi, c in enumerate(coded):
        rel_rows.append(c.dfeat)
        rel_dense.append(c.dvec)
        rel_y.append(int(c.art.relevant))
        rel_g.append(gi)
        if not c.art.relevant:
            continue  # the relevance model judges these; the others learn tellings
        for f, d, y, t, b, a in c.cands:
            rows.append(f)
            dense.append(d)
            told.append(y)
            typed.append(t)
            bg.append(b)
            agg.append(a)
            groups.append(gi)

    def on(idx: list[int], y: list[int], c: float) -> LogisticModel:
        return fit([rows[i] for i in idx], [dense[i] for i in idx], [y[i] for i in idx],
                   [groups[i] for i in idx], s.min_docs, c, s.dense_weight, s.drop_prefixes)

    # balanced: a crawl is mostly pages that report no conflict, the corpus mostly ones that do
    relevance = fit(rel_rows, rel_dense, rel_y, rel_g, s.min_docs, s.c_relevance, s.dense_weight,
                    balanced=True)
    every = list(range(len(rows)))
    pos = [i for i in every if told[i]]
    return ReportingModels(relevance, on(every, told, s.c_coded), on(pos, bg, s.c_marks),
                           on(pos, agg, s.c_marks), typed=on(pos, typed, s.c_marks),
                           same=fit_same(coded, s))


def fit_same(coded: list[Coded], s: Settings) -> LogisticModel:
    """The same-happening model: pairs of candidates of one relevant article that tell
    gold events, labelled by whether they tell the same one."""
    from kharita.reporting.features import doc_info, pair_features

    rows, y, groups = [], [], []
    for gi, c in enumerate(coded):
        if not c.art.relevant:
            continue
        info = doc_info(c.doc, c.sdoc)
        told = [(ev, g) for ev, g in c.events if g >= 0]
        for i in range(len(told)):
            for j in range(i + 1, len(told)):
                rows.append(pair_features(told[i][0], told[j][0], info))
                y.append(int(told[i][1] == told[j][1]))
                groups.append(gi)
    return fit(rows, [np.zeros(0)] * len(rows), y, groups, s.min_docs, s.c_same, 0.0)


# ---------------------------------------------------------------------------- evaluation


def apply(models: ReportingModels, coded: list[Coded], thresholds: dict[str, float]) -> dict[str, dict]:
    models.thresholds = dict(thresholds)
    stage = Reporter(models)
    out = {}
    for c in coded:
        doc = copy.deepcopy(c.doc)
        doc = stage(doc, c.sdoc)
        out[c.art.id] = doc.to_dict()
    return out


def articles_of(coded: list[Coded]) -> list[Article]:
    return [Article(c.art.id, c.art.text, c.art.published, None, c.art.events) for c in coded]


# an F1 difference smaller than this is no reason to keep more doubtful events: about
# 14 of the corpus's 2,820 required events, inside its bootstrap noise
PRACTICAL_F1 = 0.005


def cross_validate(coded: list[Coded], s: Settings, folds: int, grid: list[dict[str, float]],
                   snippets: list[Snippet] | None = None,
                   incumbent: dict[str, float] | None = None) -> tuple[dict[str, float], list[dict[str, Any]]]:
    """Out-of-fold predictions for every threshold setting.  The relevance threshold is
    the one with the best balanced accuracy on the held-out articles and snippets (a
    crawl is mostly irrelevant pages, so both kinds of error count alike).  The others
    are chosen on article-level F1, but F1 is flat near its top: every setting is
    compared with the best one on the same bootstrap resamples of the articles
    (:func:`indistinguishable`), and every setting within :data:`PRACTICAL_F1` of it
    counts as tied too (settings that differ in one threshold are so correlated that
    the resamples call differences of a few events real); the number tied is recorded
    (``near_best``), and of those the most precise is installed.  The corpus is more
    lenient than real reporting (its candidates tell an event more often), so where it
    cannot choose, the setting that keeps fewer doubtful events is the safer one on
    unseen pages.  Two earlier rules took, of the indistinguishable settings, the one
    keeping the most events (it leaned to recall and cost real articles precision),
    then simply the best F1 (it flipped between tied settings as readily: the 16
    settings of 7 December 2026 spanned F1 0.727-0.730, precision 0.778-0.804).  The
    bootstrap alone, on a later retrain, left out a setting 0.001 below the best and
    more precise than any it kept, while keeping others 0.002 below.  Since the
    eleventh stop of 7 December 2026 the installed model's setting (``incumbent``)
    stays when it is among the tied: the most-precise rule alone moved the coded
    threshold from 0.8 to 0.9 when 36 articles were added, on a difference the corpus
    cannot tell from noise."""
    fold_of = [i % folds for i in range(len(coded))]
    relevance: list[tuple[float, bool]] = []  # out-of-fold (probability, label)
    fold_models = []
    for k in range(folds):
        train = [c for c, f in zip(coded, fold_of) if f != k]
        held = [c for c, f in zip(coded, fold_of) if f == k]
        models = fit_all(train, s, [sn for sn in snippets or [] if fold_of[sn.group] != k])
        fold_models.append((models, held))
        relevance += [(models.relevance.prob(c.dfeat, c.dvec), c.art.relevant) for c in held]
        relevance += [(models.relevance.prob(sn.dfeat, sn.dvec), sn.relevant)
                      for sn in snippets or [] if fold_of[sn.group] == k]
    gate = max((0.3, 0.4, 0.5, 0.6, 0.7), key=lambda t: _balanced_accuracy(relevance, t))
    grid = [{**th, "relevance": gate} for th in grid]
    preds: list[dict[str, dict]] = [{} for _ in grid]
    for models, held in fold_models:
        for gi, th in enumerate(grid):
            preds[gi].update(apply(models, held, th))
    arts = articles_of(coded)
    results, counts = [], []
    for th, p in zip(grid, preds):
        r = score_documents(arts, p)
        counts.append(np.array([[c[k] for k in ("tp", "fp", "dup", "req", "req_hit")]
                                for c in (score_documents([a], p)["counts"] for a in arts)], float))
        results.append({"thresholds": th, "precision": r["precision"], "recall": r["recall"],
                        "f1": r["f1"], "typed_f1": r["typed_f1"],
                        "relevance_accuracy": _relevance_accuracy(coded, p, th)})
    top, near, pick = choose_setting(results, counts, incumbent)
    best = results[pick]
    best["near_best"] = len(near)
    best["relevance_balanced_accuracy"] = round(_balanced_accuracy(relevance, gate), 4)
    best["best_f1"] = round(results[top]["f1"], 4)
    return best["thresholds"], results


# the thresholds a setting is known by when the installed one is looked for among the tied
SETTING_KEYS = ("coded", "same", "marked", "plan", "floor")


def choose_setting(results: list[dict[str, Any]], counts: list[np.ndarray],
                   incumbent: dict[str, float] | None = None) -> tuple[int, list[int], int]:
    """(best F1, the settings tied with it, the one installed): tied are those the
    bootstrap cannot tell from the best and those within :data:`PRACTICAL_F1` of it.
    Thresholds move only when the corpus says so: if the ``incumbent`` setting (the
    installed model's) is among the tied, it stays; otherwise the most precise of
    them is installed."""
    top = max(range(len(results)), key=lambda i: (round(results[i]["f1"], 4), results[i]["precision"]))
    near = sorted(set(indistinguishable(counts, top)) | {
        i for i, r in enumerate(results) if r["f1"] >= results[top]["f1"] - PRACTICAL_F1})
    pick = max(near, key=lambda i: (results[i]["precision"], round(results[i]["f1"], 4)))
    if incumbent:
        kept = [i for i in near if all(results[i].get("thresholds", {}).get(k) == incumbent.get(k)
                                       for k in SETTING_KEYS)]
        pick = kept[0] if kept else pick
    return top, near, pick


def installed_setting(path: Path) -> dict[str, float] | None:
    """The thresholds of the model at ``path`` (the one a retrain replaces), if any."""
    try:
        th = json.loads(path.read_text(encoding="utf-8")).get("thresholds") or {}
    except (OSError, ValueError):
        return None
    return {k: th[k] for k in SETTING_KEYS if k in th} or None


def _f1(c: np.ndarray) -> np.ndarray:
    """Article-level F1 from summed (tp, fp, dup, req, req_hit) rows."""
    p = c[..., 0] / np.maximum(1, c[..., 0] + c[..., 1] + c[..., 2])
    r = c[..., 4] / np.maximum(1, c[..., 3])
    return 2 * p * r / np.maximum(1e-9, p + r)


def indistinguishable(counts: list[np.ndarray], top: int, resamples: int = 200) -> list[int]:
    """The settings whose F1 is no worse than setting ``top``'s by more than the noise:
    on bootstrap resamples of the articles (the same resamples for every setting, a
    fixed seed), the mean of the paired difference is within one standard deviation
    of it.  ``counts[i]`` holds one row of (tp, fp, dup, req, req_hit) per article."""
    n = len(counts[top])
    rng = np.random.default_rng(0)
    weights = np.stack([np.bincount(rng.integers(0, n, n), minlength=n) for _ in range(resamples)])
    best = _f1(weights @ counts[top])
    out = []
    for i, c in enumerate(counts):
        diff = best - _f1(weights @ c)
        if diff.mean() <= diff.std():
            out.append(i)
    return out


def _balanced_accuracy(scored: list[tuple[float, bool]], cut: float) -> float:
    pos = [p >= cut for p, y in scored if y]
    neg = [p < cut for p, y in scored if not y]
    return (sum(pos) / max(1, len(pos)) + sum(neg) / max(1, len(neg))) / 2


def _relevance_accuracy(coded: list[Coded], preds: dict[str, dict], th: dict[str, float]) -> float:
    ok = sum(((preds[c.art.id].get("relevance") or 0) >= th["relevance"]) == c.art.relevant
             for c in coded)
    return ok / max(1, len(coded))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--min-docs", type=int, default=Settings.min_docs)
    a = ap.parse_args()
    s = Settings(min_docs=a.min_docs)
    t0 = time.time()
    files = corpus.data_files()
    articles = corpus.load()
    print(f"corpus: {len(articles)} articles from {len(files)} files", file=sys.stderr)
    coded = code_corpus(articles)
    snippets = code_snippets(articles)
    n_cand = sum(len(c.cands) for c in coded)
    n_pos = sum(c[2] for cc in coded for c in cc.cands)
    n_typed = sum(c[3] for cc in coded for c in cc.cands)
    print(f"coded in {time.time() - t0:.0f} s: {n_cand} in-scope candidates, {n_pos} tell a gold "
          f"event, {n_typed} with a compatible type", file=sys.stderr)
    # "plan": the threshold for a named party's plan or threat (at most the deeds'
    # one); "floor": the least P(type | told) an event keeps its place with
    grid = [{"relevance": 0.5, "coded": t, "background": 0.5, "aggregate": 0.5, "same": same,
             "marked": marked, "plan": plan, "floor": floor}
            for t in (0.7, 0.8, 0.9) for same in (0.3, 0.5) for marked in (0.9, 0.95)
            for plan in sorted({0.4, 0.5, t}) for floor in (0.0, 0.1, 0.2)]
    incumbent = installed_setting(a.out)
    best, results = cross_validate(coded, s, a.folds, grid, snippets, incumbent)
    for r in sorted(results, key=lambda r: -r["f1"])[:8]:  # the settings that came closest
        th = r["thresholds"]
        print(f"  coded {th['coded']} same {th['same']} marked {th['marked']} plan {th['plan']} "
              f"floor {th['floor']}: P {r['precision']:.3f} "
              f"R {r['recall']:.3f} F1 {r['f1']:.3f}", file=sys.stderr)
    cv = next(r for r in results if r["thresholds"] == best)
    print(f"cross-validated ({a.folds} folds by article): P {cv['precision']:.3f} R {cv['recall']:.3f} "
          f"F1 {cv['f1']:.3f} typed F1 {cv['typed_f1']:.3f} relevance acc {cv['relevance_accuracy']:.3f} "
          f"at {best}; {cv['near_best']} settings within the corpus's noise of it", file=sys.stderr)
    models = fit_all(coded, s, snippets)
    models.thresholds = best
    models.meta = {
        "trained_by": "training/reporting/train.py",
        "data_sha256": corpus.digest(files),
        "articles": len(articles), "candidates": n_cand, "told_candidates": n_pos,
        "typed_candidates": n_typed,
        "settings": s.__dict__, "folds": a.folds,
        "cross_validated": {k: round(v, 4) if isinstance(v, float) else v for k, v in cv.items()},
        "features": {k: len(getattr(models, k).weights)
                     for k in ("relevance", "coded", "typed", "background", "aggregate")},
    }
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(models.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n",
                     encoding="utf-8")
    print(f"written {a.out} ({a.out.stat().st_size // 1024} KB) in {time.time() - t0:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
