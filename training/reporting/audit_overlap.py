"""Check that no corpus sentence copies or closely paraphrases a text it must not use.

    python training/reporting/audit_overlap.py --against ../shared/eval/events/articles \
        --against ../shared/eval/events/guardian_pool.jsonl [training/reporting/data/*.jsonl]

The corpus is written for the project (GUIDE.md); the evaluation articles and the
unlabelled pool must never leak into it.  Every corpus sentence is compared with every
sentence of the ``--against`` texts (``.txt`` files in a directory, or the ``text``
field of a JSON Lines file) by the Jaccard overlap of their word trigrams.  Pairs at or
above ``--report`` (0.2) are printed; any pair at or above ``--fail`` (0.5, a
near-copy) that shares at least ``--min-shared`` (8) trigrams makes the exit status 1
(a stock phrase, "did not respond to a request for comment", shares fewer).
Standard library only.
"""

from __future__ import annotations

import argparse
import glob
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
_WORD = re.compile(r"[a-z0-9]+")
_SENT = re.compile(r"(?<=[.!?”\"])\s+")


def trigrams(sentence: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(sentence.lower())
    return {tuple(words[i:i + 3]) for i in range(len(words) - 2)}


def reference_sentences(paths: list[str]) -> list[str]:
    texts: list[str] = []
    for p in map(Path, paths):
        if p.is_dir():
            texts += [f.read_text(encoding="utf-8", errors="replace") for f in sorted(p.glob("*.txt"))]
        elif p.suffix == ".jsonl":
            with p.open(encoding="utf-8", errors="replace") as fh:
                for line in fh:
                    try:
                        texts.append(str(json.loads(line).get("text") or ""))
                    except (ValueError, AttributeError):
                        continue
        elif p.is_file():
            texts.append(p.read_text(encoding="utf-8", errors="replace"))
        else:
            print(f"{p}: not found, skipped", file=sys.stderr)
    return [s for t in texts for s in _SENT.split(t) if len(trigrams(s)) >= 4]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*", help="corpus files (default: data/*.jsonl and heldout/*.jsonl)")
    ap.add_argument("--against", action="append", required=True, help="a directory of .txt, a .jsonl or a text file")
    ap.add_argument("--report", type=float, default=0.2)
    ap.add_argument("--fail", type=float, default=0.5)
    ap.add_argument("--min-shared", type=int, default=8)
    a = ap.parse_args(argv)
    refs = reference_sentences(a.against)
    ref_grams = [trigrams(s) for s in refs]
    index: dict[tuple[str, ...], list[int]] = {}
    for i, g in enumerate(ref_grams):
        for x in g:
            index.setdefault(x, []).append(i)
    files = a.files or sorted(glob.glob(str(HERE / "data" / "*.jsonl"))
                              + glob.glob(str(HERE / "heldout" / "*.jsonl")))
    checked = reported = failed = 0
    worst = 0.0
    for f in files:
        with open(f, encoding="utf-8") as fh:
            arts = [json.loads(line) for line in fh]
        for art in arts:
            for sent in (s for p in art["paragraphs"] for s in p):
                g = trigrams(sent)
                checked += 1
                if len(g) < 4:
                    continue
                shared: dict[int, int] = {}
                for x in g:
                    for i in index.get(x, ()):
                        shared[i] = shared.get(i, 0) + 1
                if not shared:
                    continue
                i = max(shared, key=lambda k: shared[k] / len(g | ref_grams[k]))
                j = shared[i] / len(g | ref_grams[i])
                worst = max(worst, j)
                if j >= a.report:
                    reported += 1
                    failed += j >= a.fail and shared[i] >= a.min_shared
                    print(f"{art['id']}: overlap {j:.2f}\n  corpus: {sent[:150]}\n  other:  {refs[i][:150]}")
    print(f"{checked} corpus sentences against {len(refs)} sentences: {reported} at >= {a.report}, "
          f"{failed} near-copies (>= {a.fail}); highest overlap {worst:.2f}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
