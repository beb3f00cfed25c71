"""Counts of the reporting corpus, for its data card.

    python training/reporting/stats.py
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def main() -> None:
    files, genres, types, mods = Counter(), Counter(), Counter(), Counter()
    arts = rel = sents = events = bg = agg = 0
    for path in sorted(DATA.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            a = json.loads(line)
            arts += 1
            files[path.name] += 1
            genres[a["genre"]] += 1
            rel += a["relevant"]
            sents += sum(len(p) for p in a["paragraphs"])
            for e in a["events"]:
                events += 1
                types[e["type"]] += 1
                mods[e["modality"]] += 1
                bg += e["background"]
                agg += e["aggregate"]
    print(f"articles {arts} ({rel} relevant), sentences {sents}, events {events} "
          f"(background {bg}, aggregate {agg})")
    print("files:", dict(files))
    print("genres:", dict(genres.most_common()))
    print("event types:", dict(types.most_common()))
    print("modalities:", dict(mods.most_common()))


if __name__ == "__main__":
    main()
