"""Check reporting-corpus files against training/reporting/GUIDE.md.

    python training/reporting/validate.py training/reporting/data/*.jsonl

Prints one line per problem (file:line: article id: what) and a summary; exits 1 when
any problem is found.  Standard library only, so it runs before the set-up.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter

SUBTYPES = {
    "Battles": {"Armed clash", "Government regains territory",
                "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack",
                                   "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention",
                 "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity",
                               "Disrupted weapons use", "Headquarters or base established",
                               "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
    "Movement": {None},
}
GENRES = {"wire", "feature", "analysis", "opinion", "letters", "profile", "humanitarian",
          "politics", "protest", "crime", "court", "disaster", "sports", "tech", "business",
          "culture", "science", "travel", "lifestyle", "health", "other"}
MODALITIES = {"asserted", "claimed", "denied", "planned", "threatened", "uncertain"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def check_article(art: dict, seen: set[str]) -> list[str]:
    errs: list[str] = []
    for key in ("id", "genre", "published", "relevant", "paragraphs", "events"):
        if key not in art:
            errs.append(f"missing field {key!r}")
    if errs:
        return errs
    if art["id"] in seen:
        errs.append("duplicate id")
    seen.add(art["id"])
    if art["genre"] not in GENRES:
        errs.append(f"unknown genre {art['genre']!r}")
    if not isinstance(art["published"], str) or not DATE.match(art["published"]):
        errs.append("published is not YYYY-MM-DD")
    if not isinstance(art["relevant"], bool):
        errs.append("relevant is not true/false")
    paras = art["paragraphs"]
    if not isinstance(paras, list) or not paras or not all(
            isinstance(p, list) and p and all(isinstance(s, str) and s.strip() for s in p)
            for p in paras):
        return errs + ["paragraphs must be a non-empty list of non-empty lists of sentences"]
    sents = [s for p in paras for s in p]
    if len(sents) < 5:
        errs.append(f"only {len(sents)} sentences")
    for s in sents:
        if "\n" in s:
            errs.append(f"sentence holds a line break: {s[:60]!r}")
    dup = [s for s, n in Counter(sents).items() if n > 1]
    if dup:
        errs.append(f"sentence written twice: {dup[0][:60]!r}")
    ids = set()
    for ev in art["events"]:
        eid = ev.get("id")
        where = f"event {eid}"
        if eid in ids:
            errs.append(f"{where}: duplicate event id")
        ids.add(eid)
        typ, sub = ev.get("type"), ev.get("sub_type")
        if typ not in SUBTYPES:
            errs.append(f"{where}: unknown type {typ!r}")
        elif sub not in SUBTYPES[typ]:
            errs.append(f"{where}: sub_type {sub!r} is not one of {typ}'s")
        if ev.get("modality") not in MODALITIES:
            errs.append(f"{where}: modality {ev.get('modality')!r}")
        for flag in ("background", "aggregate"):
            if not isinstance(ev.get(flag), bool):
                errs.append(f"{where}: {flag} is not true/false")
        if ev.get("date") is not None and not DATE.match(str(ev["date"])):
            errs.append(f"{where}: date is not YYYY-MM-DD or null")
        ments = ev.get("mentions")
        if not isinstance(ments, list) or not ments:
            errs.append(f"{where}: no mentions")
            continue
        for m in ments:
            if m not in sents:
                errs.append(f"{where}: mention is not one of the sentences: {str(m)[:70]!r}")
    if art["relevant"] is False and any(
            not (e.get("background") or e.get("aggregate")) for e in art["events"]):
        errs.append("relevant is false but a news event is annotated")
    return errs


def main(paths: list[str]) -> int:
    seen: set[str] = set()
    problems = articles = events = 0
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    art = json.loads(line)
                except json.JSONDecodeError as exc:
                    print(f"{path}:{n}: not JSON: {exc}")
                    problems += 1
                    continue
                articles += 1
                events += len(art.get("events") or [])
                for err in check_article(art, seen):
                    print(f"{path}:{n}: {art.get('id')}: {err}")
                    problems += 1
    print(f"{articles} articles, {events} events, {problems} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
