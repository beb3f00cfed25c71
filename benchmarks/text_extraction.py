"""Article-extraction accuracy of kharita's text stage.

Runs the real reader + text stage (``read_inputs`` then ``clean``) over the
pages of the Zyte/Scrapinghub article-extraction benchmark and scores the
clean text against the gold article body the way that benchmark does: word
4-gram shingles (tokens are ``\\w+`` runs), true/false positives and negatives
counted with multiplicity and normalised per page, precision and recall
macro-averaged over pages, F1 the harmonic mean of the two averages.

    python benchmarks/text_extraction.py ../shared/eval/web/aeb/
    python benchmarks/text_extraction.py PATH --limit 40 --favor precision
    python benchmarks/text_extraction.py PATH --plain

``--plain`` measures the plain-text path instead: each page becomes a
plain-text copy (all visible text, one block per line, navigation and sidebars
included, as when a page is saved as text) and goes through the chrome rules;
the score of the uncleaned copy is printed beside it.

PATH holds ``ground-truth.json`` (``{sha256: {url, articleBody}}``) and
``html/<sha256>.html.gz``.  Figures are printed and written to
``benchmarks/results/text_extraction.json`` (unless ``--no-write``).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from kharita.ingest import read_path
from kharita.model import Document, RawDocument
from kharita.text import clean, html

RESULTS_DIR = Path(__file__).resolve().parent / "results"
_TOKEN = re.compile(r"\w+")
NGRAM = 4


def shingles(text: str, n: int = NGRAM) -> Counter[tuple[str, ...]]:
    """Word n-grams with counts; a text shorter than n words is one short shingle."""
    tokens = _TOKEN.findall(text or "")
    grams = [tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1))]
    return Counter(g for g in grams if g)


def page_counts(gold: str, predicted: str) -> tuple[float, float, float]:
    """(tp, fp, fn) over shingles, normalised to sum to 1 so every page weighs the same."""
    g, p = shingles(gold), shingles(predicted)
    tp = sum((g & p).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def macro(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    """Macro precision/recall over pages (pages with nothing to score are left out)."""
    p = statistics.mean(precision(*c) for c in counts if c[0] + c[1] > 0)
    r = statistics.mean(recall(*c) for c in counts if c[0] + c[2] > 0)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def extract_page(path: Path) -> tuple[str, str | None]:
    """The text stage's clean text for one page file, and a failure reason if any."""
    items = list(read_path(str(path)))
    if len(items) != 1 or not isinstance(items[0], RawDocument):
        return "", getattr(items[0], "reason", "no document") if items else "no document"
    result = clean(items[0])
    if isinstance(result, Document):
        return result.text, None
    return "", result.reason


def plain_copy(path: Path) -> str:
    """A page as a plain-text copy: every visible block, chrome included."""
    import gzip

    import lxml.html
    from lxml import etree

    from kharita.ingest.readers import html_fragment_text

    if path.suffix == ".gz":
        with gzip.open(path) as fh:
            data = fh.read()
    else:
        data = path.read_bytes()
    root = lxml.html.document_fromstring(data.decode("utf-8", "replace"))
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    body = root.find("body")
    return html_fragment_text(etree.tostring(body if body is not None else root, encoding="unicode"))


def score_plain(root: Path, truth: dict[str, dict[str, str]], keys: list[str]) -> dict[str, float]:
    """Macro scores of the uncleaned plain copies (the baseline for ``--plain``)."""
    from kharita.text.normalize import normalise_whitespace

    counts = [page_counts(truth[k].get("articleBody", ""),
                          normalise_whitespace(plain_copy(root / "html" / f"{k}.html.gz")))
              for k in keys]
    return {k: round(v, 4) for k, v in macro(counts).items()}


def extract_plain(path: Path) -> tuple[str, str | None]:
    """The text stage's clean text for a plain-text copy of one page."""
    result = clean(RawDocument(input=str(path), text=plain_copy(path)))
    if isinstance(result, Document):
        return result.text, None
    return "", result.reason


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="benchmark folder (ground-truth.json, html/)")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N pages")
    parser.add_argument("--favor", choices=["precision", "recall"], help="trafilatura bias")
    parser.add_argument("--no-tables", action="store_true", help="drop tables from the text")
    parser.add_argument("--plain", action="store_true", help="score the plain-text chrome rules")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)

    truth_file = args.path / "ground-truth.json"
    if not truth_file.exists():
        print(f"no ground-truth.json in {args.path}", file=sys.stderr)
        return 2
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    if args.favor:
        html.OPTIONS[f"favor_{args.favor}"] = True
    if args.no_tables:
        html.OPTIONS["include_tables"] = False
    keys = sorted(truth)[: args.limit or None]
    counts, failures = [], {}
    start = time.perf_counter()
    for key in keys:
        page = args.path / "html" / f"{key}.html.gz"
        text, reason = extract_plain(page) if args.plain else extract_page(page)
        if reason:
            failures[key] = reason
        counts.append(page_counts(truth[key].get("articleBody", ""), text))
    elapsed = time.perf_counter() - start
    figures = {k: round(v, 4) for k, v in macro(counts).items()}
    report = {
        "command": " ".join(["python", "benchmarks/text_extraction.py", *(argv or sys.argv[1:])]),
        "dataset": "scrapinghub article-extraction-benchmark",
        "pages": len(keys),
        **figures,
        "failures": failures,
        **({"uncleaned_plain_copy": score_plain(args.path, truth, keys)} if args.plain else {}),
        "seconds": round(elapsed, 2),
        "pages_per_second": round(len(keys) / elapsed, 1),
        "mode": "plain-text copies through the chrome rules" if args.plain else "HTML",
        "trafilatura_options": None if args.plain else dict(html.OPTIONS),
    }
    print(json.dumps({k: v for k, v in report.items() if k != "failures"}, indent=2))
    if failures:
        print(f"{len(failures)} pages gave no text", file=sys.stderr)
    if not args.no_write:
        name = "text_extraction_plain.json" if args.plain else "text_extraction.json"
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        (RESULTS_DIR / name).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
