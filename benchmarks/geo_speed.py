"""Throughput of the places stage (geoparse) on 500-word news texts.

Texts: consecutive articles of a gold geoparsing corpus in the LGL/GeoWebNews XML
format (default ``../shared/eval/geo/lgl.xml``, real US local news) joined until
each document has at least 500 words; without that file, the project's
``examples/`` articles are used the same way (fewer distinct documents).

Measured separately, as the pipeline runs them:

* the spaCy parse (``nlp.pipe``), done once per document for all stages;
* the geoparser over the parsed documents (recognition, resolution, focus),
  after a warm-up on other documents (opening the gazetteer and the variant
  index is a one-off cost, reported as ``startup_seconds``).

Wall-clock rates depend on what else runs on the machine; the CPU-time rate
(one core) and the load average are recorded next to them.

    python benchmarks/geo_speed.py                 # 200 documents
    python benchmarks/geo_speed.py --n 100 --no-write

Figures are printed and written to ``benchmarks/results/geo_speed.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "geo_speed.json"
DEFAULT_CORPUS = ROOT.parent / "shared" / "eval" / "geo" / "lgl.xml"
WORDS = 500
WARMUP = 10


def corpus_texts(path: Path) -> tuple[list[str], str]:
    """Article texts of the corpus, or of examples/ when it is absent."""
    if path.is_file():
        from kharita.evaluate.geo import read_gritta_xml

        return [a.text for a in read_gritta_xml(path)], str(path)
    from kharita.ingest import read_inputs
    from kharita.model import Document
    from kharita.text import clean

    texts = []
    for item in read_inputs([str(ROOT / "examples")]):
        doc = clean(item) if not hasattr(item, "reason") else None
        if isinstance(doc, Document) and doc.text:
            texts.append(doc.text)
    return texts, "examples/"


def documents(texts: list[str], n: int) -> list[str]:
    """``n`` documents of at least 500 words, joining consecutive texts (cycling)."""
    out: list[str] = []
    k = 0
    while len(out) < n and texts:
        parts: list[str] = []
        words = 0
        while words < WORDS:
            t = texts[k % len(texts)]
            parts.append(t)
            words += len(t.split())
            k += 1
        out.append(_cut("\n\n".join(parts)))
    return out


def _cut(text: str) -> str:
    """The text up to the first sentence end after WORDS words."""
    count = 0
    for k, ch in enumerate(text):
        if ch.isspace() and k and not text[k - 1].isspace():
            count += 1
            if count >= WORDS and text[k - 1] in ".!?":
                return text[:k]
    return text


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200, help="documents to time")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()

    from kharita import nlp
    from kharita.model import Document
    from kharita.places import Geoparser

    texts, source = corpus_texts(args.corpus)
    docs = documents(texts, args.n + WARMUP)
    parser = nlp.load()

    t0 = time.perf_counter()
    parsed = list(parser.pipe(docs, batch_size=16))
    parse_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    gp = Geoparser()
    for text, sdoc in zip(docs[:WARMUP], parsed[:WARMUP], strict=True):
        gp(Document(id="w", text=text), sdoc)
    startup_s = time.perf_counter() - t0

    n_places = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for text, sdoc in zip(docs[WARMUP:], parsed[WARMUP:], strict=True):
        n_places += len(gp(Document(id="b", text=text), sdoc).places)
    geo_s, geo_cpu = time.perf_counter() - t0, time.process_time() - c0

    n = len(docs) - WARMUP
    words = sum(len(d.split()) for d in docs[WARMUP:])
    result = {
        "corpus": source,
        "documents": n,
        "mean_words": round(words / n, 1),
        "places_per_document": round(n_places / n, 1),
        "geoparse_docs_per_second": round(n / geo_s, 1),
        "geoparse_ms_per_document": round(1000 * geo_s / n, 2),
        "geoparse_docs_per_cpu_second": round(n / geo_cpu, 1),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "spacy_parse_docs_per_second": round(len(docs) / parse_s, 1),
        "parse_plus_geoparse_docs_per_second": round(
            n / (geo_s + parse_s * n / len(docs)), 1),
        "startup_seconds": round(startup_s, 2),
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "command": "python benchmarks/geo_speed.py" + (f" --n {args.n}" if args.n != 200 else ""),
    }
    print(json.dumps(result, indent=2))
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
