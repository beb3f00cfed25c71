"""Actor1/actor2 agreement on the project's own annotated corpus (training/reporting/data).

    PYTHONPATH=src .venv/bin/python benchmarks/events_actors_corpus.py [--show N] [--errors N]

Every corpus article is coded with the reporting stage off (``training/reporting/train.py``'s
``code_corpus``, so every candidate is kept).  A candidate is scored when its evidence
sentence tells a gold event of a compatible type (the article-level rule) that is
neither background nor aggregate; actor1 is scored when that gold event names an
actor1, actor2 when it names an actor2.  When the sentence tells several such gold
events, the candidate is scored against the one its actors agree with best (kind
``shared``; ``single`` otherwise).

The gold actors are short free text ("Russian military", "Malian military and Wagner
Group", "civilians").  Both sides are read into keys with the actors stage's own phrase
matcher (``kharita.actors.matcher``): a named actor's id (and its parent's), a
country (name or demonym), a state organ kind (military, police, government: "troops",
"forces", "authorities") and a generic kind ("civilians", "gunmen", "protesters").
The candidate's side is its ``actor_id`` (a state actor ``military_ru`` gives the
country RU and the kind military; a generic ``civilians_sy`` the kind civilians)
and its name and text.  The sides agree when they share

* a named actor, or
* a country with a state kind on both sides and the same kind (a gold "Israeli
  military" against the candidate's "Government of Israel" disagrees: kind
  ``state_kind``), a bare country on one side counting as any kind, or
* a generic kind, or
* failing all keys, a content word (stop words such as "forces" left out).

The candidate's actor1 side is its actor1 and assoc_actor1 (for a gold Movement also
its mover: who moves); its actor2 side its actor2 and assoc_actor2.

Error kinds: ``none`` (no actor in the role), ``swapped`` (the candidate's actor1 is
the gold actor2 or the other way round), ``state_kind`` (right country, other state
organ), ``other``.

Prints the figures and writes benchmarks/results/events_actors_corpus.json (figures
and the first ``--errors`` wrong candidates); ``--show N`` prints N wrong candidates
(a seeded sample).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "results" / "events_actors_corpus.json"
sys.path.insert(0, str(ROOT / "training" / "reporting"))

STOP = {"the", "of", "and", "a", "an", "in", "forces", "force", "military", "army", "government",
        "group", "groups", "fighters", "security", "troops", "police", "armed", "state", "militants",
        "unidentified", "unknown", "s", "al", "el", "men", "people", "members", "led", "backed",
        "pro", "local", "national", "its", "their"}
STATE_KINDS = ("military", "police", "government")


class Keys:
    """What a piece of text names, read with the actors stage's phrase matcher."""

    def __init__(self) -> None:
        from kharita.actors.kb import load_kb
        from kharita.actors.matcher import PhraseMatcher

        self.kb = load_kb()
        self.matcher = PhraseMatcher.for_kb(self.kb)

    def _ids(self, actor_id: str) -> set[str]:
        out = {"id:" + actor_id}
        actor = self.kb.get(actor_id)
        if actor is not None and actor.parent:
            out.add("id:" + actor.parent)
        return out

    @cache  # noqa: B019 - one instance per run
    def of_text(self, text: str) -> frozenset[str]:
        keys: set[str] = set()
        hits = self.matcher.find(text)
        named = [(h.start, h.end) for h in hits if h.pattern.kind in ("alias", "desc")]
        for hit in hits:
            p = hit.pattern
            if p.kind in ("alias", "desc"):
                keys |= self._ids(p.ref)
            elif any(s <= hit.start and hit.end <= e for s, e in named):
                continue  # "Forces" inside "Rapid Support Forces"
            elif p.kind == "role" and any(h.start <= hit.start and hit.end <= h.end
                                          and h.end - h.start > hit.end - hit.start for h in hits):
                continue  # "forces" inside "police forces"
            elif p.kind == "country" and p.extra != "capital":
                keys |= {"c:" + c for c in p.ref.split(",")}
            elif p.kind == "role":
                parts = p.ref.split(":")
                if parts[0] in ("state", "bare"):
                    keys.add("s:" + parts[1])
                elif parts[0] == "generic":
                    keys.add("g:" + parts[1])
        countries = [k[2:] for k in keys if k.startswith("c:")]
        kinds = [k[2:] for k in keys if k.startswith("s:")]
        if len(countries) == 1 and len(kinds) == 1:  # "Russian forces": military_ru
            keys |= self._ids(f"{kinds[0]}_{countries[0].lower()}")
        return frozenset(keys)

    def of_actor(self, a: Any) -> frozenset[str]:
        keys = set(self.of_text(a.text or "")) | set(self.of_text(a.name or ""))
        aid = a.actor_id or ""
        actor = self.kb.get(aid) if aid else None
        if actor is not None and actor.kind == "state":
            kind = aid.split("_")[0]
            keys = {k for k in keys if not k.startswith("s:")}
            keys |= {"s:" + kind, "id:" + aid} | {"c:" + c for c in actor.country}
        elif actor is not None and actor.kind == "named":
            keys |= self._ids(aid)
        elif aid:
            m = re.match(r"([a-z_]+?)_([a-z]{2})$", aid)
            kind = m.group(1) if m else aid
            if kind in (self.kb.roles.get("generic") or {}):
                keys = {k for k in keys if not k.startswith("g:")} | {"g:" + kind}
            if m:
                keys.add("c:" + m.group(2).upper())
        return frozenset(keys)


def words(text: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", (text or "").lower()) if w not in STOP and len(w) > 1}


def agree(gold_text: str, gk: frozenset[str], pred: list[tuple[Any, frozenset[str]]]) -> tuple[bool, str]:
    """(right, why wrong) of a candidate side against a gold actor text."""
    if not pred:
        return False, "none"
    kind_clash = False
    for a, pk in pred:
        if {k for k in gk if k.startswith(("id:", "g:"))} & pk:
            return True, ""
        common = {k for k in gk if k.startswith("c:")} & pk
        if common:
            gs = {k for k in gk if k.startswith("s:")}
            ps = {k for k in pk if k.startswith("s:")}
            bare_g = gk <= common
            bare_p = {k for k in pk if not k.startswith("id:")} <= common | ps and not ps
            if (bare_g and ps) or (bare_p and gs):
                return True, ""  # "Russia" for the Russian military
            if gs and ps and not gs & ps:
                kind_clash = True
        if not gk and words(gold_text) & (words(a.name) | words(a.text)):
            return True, ""
    return False, "state_kind" if kind_clash else "other"


def gold_name(v: Any) -> str | None:
    if isinstance(v, dict):
        return v.get("name") or v.get("text")
    return v


def rate(xs: list[bool]) -> dict[str, Any]:
    return {"n": len(xs), "accuracy": round(sum(xs) / len(xs), 3) if xs else None}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", type=int, default=0, help="wrong candidates printed (a seeded sample)")
    ap.add_argument("--errors", type=int, default=200, help="wrong candidates written to the JSON")
    ap.add_argument("--role", choices=("actor1", "actor2", "both"), default="both",
                    help="which role's errors --show prints")
    args = ap.parse_args(argv)
    import corpus
    from train import code_corpus, type_ok

    keys = Keys()
    t0 = time.perf_counter()
    coded = code_corpus(corpus.load())
    seconds = round(time.perf_counter() - t0, 1)
    kinds: dict[str, list[bool]] = defaultdict(list)
    why: dict[str, dict[str, int]] = {"actor1": defaultdict(int), "actor2": defaultdict(int)}
    errors: list[dict[str, Any]] = []
    for c in coded:
        raw_types = {e["id"]: e.get("type") for e in (c.art.raw or {}).get("events", [])}
        spans = [[(m.start(), m.end()) for q in g["mentions"] for m in [re.search(re.escape(q), c.doc.text)] if m]
                 for g in c.art.events]
        for ev, gi in c.events:
            if gi < 0 or ev.evidence is None:
                continue
            rec = {"acled_event_type": ev.acled_event_type, "origin": ev.origin,
                   "destinations": ev.destinations, "type": ev.type}
            s, e = ev.evidence.start, ev.evidence.end
            pool = [i for i, g in enumerate(c.art.events)
                    if not (g.get("background") or g.get("aggregate")) and type_ok(rec, g)
                    and any(min(e, me) - max(s, ms) > 0 for ms, me in spans[i])]
            if not pool:
                continue
            acts = [(a, keys.of_actor(a)) for a in ev.actors]
            best = None
            for i in pool:
                g = c.art.events[i]
                move = raw_types.get(g["id"]) == "Movement"
                side1 = [(a, k) for a, k in acts if a.role in ("actor1", "assoc_actor1")
                         or (move and a.role == "mover")]
                side2 = [(a, k) for a, k in acts if a.role in ("actor2", "assoc_actor2")]
                res = {}
                for role, side, other in (("actor1", side1, side2), ("actor2", side2, side1)):
                    gt = gold_name(g.get(role))
                    if not gt:
                        continue
                    ok, w = agree(gt, keys.of_text(gt), side)
                    if not ok and w != "none":
                        ot = gold_name(g.get("actor2" if role == "actor1" else "actor1"))
                        if ot and agree(ot, keys.of_text(ot), side)[0]:
                            w = "swapped"
                    res[role] = (ok, w, gt)
                score = sum(r[0] for r in res.values())
                if best is None or score > best[0]:
                    best = (score, i, res, move)
            assert best is not None
            _, i, res, move = best
            share = "shared" if len(pool) > 1 else "single"
            for role, (ok, w, gt) in res.items():
                for k in ("all", share, "movement" if move else "act",
                          "attributed" if ev.attribution else "unattributed"):
                    kinds[f"{role}/{k}"].append(ok)
                if not ok:
                    why[role][w] += 1
                    errors.append({
                        "article": c.art.id, "role": role, "why": w, "gold": gt,
                        "gold_other": gold_name(c.art.events[i].get("actor2" if role == "actor1" else "actor1")),
                        "pred": [(a.role, a.name, a.text) for a in ev.actors],
                        "type": ev.type, "acled": ev.acled_event_type,
                        "trigger": ev.trigger.text if ev.trigger else None,
                        "sentence": ev.evidence.text,
                    })
    result = {
        "command": "python benchmarks/events_actors_corpus.py " + " ".join(argv if argv is not None
                                                                           else sys.argv[1:]),
        "articles": len(coded),
        "kinds": {k: rate(v) for k, v in sorted(kinds.items())},
        "why_wrong": {r: dict(sorted(v.items())) for r, v in why.items()},
        "code_seconds": seconds,
        "errors": errors[: args.errors],
    }
    for k, v in result["kinds"].items():
        print(f"{k:28s} n={v['n']:5d}  accuracy={v['accuracy']}")
    for r, v in result["why_wrong"].items():
        print(f"{r} wrong: " + ", ".join(f"{k} {n}" for k, n in v.items()))
    print(f"({len(coded)} articles coded in {seconds} s)")
    if args.show:
        pick = [x for x in errors if args.role in ("both", x["role"])]
        random.Random(7).shuffle(pick)
        for x in pick[: args.show]:
            print(f"\n[{x['role']} {x['why']}] gold={x['gold']!r} other={x['gold_other']!r} "
                  f"{x['type']}/{x['acled']} trigger={x['trigger']!r}")
            print("  pred:", x["pred"])
            print("  ", x["sentence"][:300])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
