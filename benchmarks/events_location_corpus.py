"""Event-location accuracy on the project's own annotated corpus (training/reporting/data).

    .venv/bin/python benchmarks/events_location_corpus.py [--errors N]

Every corpus article is coded with the reporting stage off (``training/reporting/train.py``'s
``code_corpus``, about 70 s), so every candidate event is kept with the index of the
gold event its evidence sentence tells.  A candidate is scored when that gold event
has a ``location`` note ("Sake (central market)", "Tawila -> Shangil Tobaya",
"northern Syria", "Mae Sot to Myawaddy").

Matching (names only, no coordinates): the note is cut into place names at commas,
"->", " to ", " and ", "/", ";" and parentheses; leading prepositions and direction
words ("near", "towards", "north of", "northern", "north-eastern") and place-type words
("city", "camp", "province", "district" ...) are dropped, and names are compared
accent-, case-, hyphen- and article-folded ("al-", "el-").  The candidate's place
names are ``location.text`` and ``location.name`` (and for a movement also the
origin's and destinations').  A candidate is right when one of its names equals
one of the note's names, or either contains the other as whole words (so "Marib
city" matches "Marib", and "Sharg el-Nil district of Khartoum" matches "Khartoum").

Kinds: *sentence* (the chosen mention lies in the evidence sentence) vs *context*
(another sentence, the dateline, the document focus, or none); *movement* (gold type
Movement) vs *act*; *country* (the note's first name is a country in the gazetteer,
also "northern Syria") vs *below* (towns, provinces, sites); *note in sentence* (a
name of the note occurs in the evidence sentence) vs not.

Prints the figures and writes benchmarks/results/events_location_corpus.json
(figures and the wrong candidates, for reading).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "results" / "events_location_corpus.json"
sys.path.insert(0, str(ROOT / "training" / "reporting"))

_SPLIT = re.compile(r"\s*(?:->|→|,|;|/|\(|\)|\bto\b|\band\b|\bor\b)\s*", re.IGNORECASE)
_LEAD = re.compile(r"^(?:(?:near|towards?|toward|outside|around|in|at|into|from|across|along|between|"
                   r"inside|the|of|on|off|"
                   r"(?:north|south|east|west|central|northern|southern|eastern|western|"
                   r"north[- ]?(?:east|west)(?:ern)?|south[- ]?(?:east|west)(?:ern)?|"
                   r"upper|lower|greater|outskirts|parts?|areas?)(?:\s+of)?)\s+)+", re.IGNORECASE)
TYPE_WORDS = {"city", "town", "village", "villages", "camp", "camps", "province", "district", "districts",
              "region", "state", "governorate", "county", "area", "areas", "neighbourhood", "neighborhood",
              "capital", "municipality", "border", "front", "countryside", "outskirts", "refugee",
              "prefecture", "department", "territory", "island", "islands", "the", "of"}
# a name of only these words names no particular place ("(central market)")
GENERIC = {"market", "road", "bridge", "hospital", "airport", "prison", "base", "school", "mosque",
           "checkpoint", "fence", "square", "street", "highway", "port", "station", "church", "frontline",
           "positions", "homes", "office", "headquarters", "compound", "university", "embassy"}
ARTICLES = ("al ", "el ", "ad ", "an ", "ar ", "as ", "ash ", "at ", "az ")


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[\-‐‑’'`ʼ‘.]", " ", s)
    s = re.sub(r"[^a-z0-9 ]", " ", s)
    words = [w for w in s.split() if w not in TYPE_WORDS]
    s = " ".join(words)
    for a in ARTICLES:
        s = s.replace(" " + a, " ")
        s = s.removeprefix(a)
    return s.strip()


def note_names(note: str) -> list[str]:
    out = []
    for part in _SPLIT.split(note):
        part = _LEAD.sub("", part.strip())
        f = fold(part)
        if f and f not in out and not set(f.split()) <= GENERIC:
            out.append(f)
    return out


def place_names(p: Any) -> list[str]:
    if p is None:
        return []
    return [f for f in {fold(p.text or ""), fold(p.name or "")} if f]


def _contains(a: str, b: str) -> bool:
    return re.search(r"\b" + re.escape(b) + r"\b", a) is not None


def matches(names: list[str], gold: list[str]) -> bool:
    return any(n == g or _contains(n, g) or _contains(g, n) for n in names for g in gold)


def country_note(gold: list[str], gaz: Any) -> bool:
    if not gold or gaz is None:
        return False
    try:
        return any((e.feature_code or "").startswith("PCL") for e in gaz.lookup(gold[0]))
    except Exception:  # noqa: BLE001 - a lookup failure counts as not a country
        return False


def rate(xs: list[bool]) -> dict[str, Any]:
    return {"n": len(xs), "accuracy": round(sum(xs) / len(xs), 3) if xs else None}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", type=int, default=100, help="wrong candidates written to the JSON")
    args = ap.parse_args(argv)
    import corpus
    from train import code_corpus

    from kharita.places.gazetteer import Gazetteer

    try:
        gaz = Gazetteer.open()
    except Exception:  # noqa: BLE001 - the country kind needs it, the score does not
        gaz = None
    t0 = time.perf_counter()
    coded = code_corpus(corpus.load())
    seconds = round(time.perf_counter() - t0, 1)
    kinds: dict[str, list[bool]] = defaultdict(list)
    errors = []
    for c in coded:
        raw = {e["id"]: e for e in (c.art.raw or {}).get("events", [])}
        text = c.doc.text
        for ev, gi in c.events:
            if gi < 0:
                continue
            g = raw.get(c.art.events[gi]["id"]) or {}
            note = g.get("location")
            if not note:
                continue
            gold = note_names(note)
            places = [ev.location] + ([ev.origin] if ev.origin else []) + list(ev.destinations)
            names = [n for p in places for n in place_names(p)]
            ok = matches(names, gold)
            loc = ev.location
            ev_span = ev.evidence
            in_sent = loc is not None and ev_span is not None and ev_span.start <= loc.start < ev_span.end
            sent_text = fold(ev_span.text) if ev_span is not None else ""
            told = any(_contains(sent_text, n) for n in gold)
            move = g.get("type") == "Movement"
            country = country_note(gold, gaz)
            keys = ["all", "sentence" if in_sent else "context", "movement" if move else "act",
                    "country" if country else "below", "note_in_sentence" if told else "note_elsewhere",
                    "background" if g.get("background") else "foreground"]
            for k in keys:
                kinds[k].append(ok)
            kinds[("sentence" if in_sent else "context") + "/" + ("note_in_sentence" if told else "note_elsewhere")
                  ].append(ok)
            if not ok:
                errors.append({
                    "article": c.art.id, "note": note, "kinds": keys[1:],
                    "sentence": ev_span.text if ev_span else None,
                    "trigger": ev.trigger.text if ev.trigger else None,
                    "location": None if loc is None else {
                        "text": loc.text, "name": loc.name, "country": loc.country,
                        "feature_code": loc.feature_code, "resolved_as": loc.resolved_as,
                        "context": text[max(loc.start - 60, 0):loc.end + 20] if loc.start >= 0 and not in_sent
                        else None},
                    "origin": ev.origin.text if ev.origin else None,
                    "destinations": [d.text for d in ev.destinations],
                })
    result = {
        "command": "python benchmarks/events_location_corpus.py " + " ".join(argv or sys.argv[1:]),
        "articles": len(coded),
        "kinds": {k: rate(v) for k, v in sorted(kinds.items())},
        "code_seconds": seconds,
        "errors": errors[: args.errors],
    }
    for k, v in result["kinds"].items():
        print(f"{k:36s} n={v['n']:5d}  accuracy={v['accuracy']}")
    print(f"({len(coded)} articles coded in {seconds} s)")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
