"""Throughput of the ingest + text stage over generated mixed documents.

Generates N documents (default 1,000) in a temporary folder — a third full
HTML pages with navigation, sidebars, scripts and footers, a third plain-text
pages with chrome lines, a third JSON Lines records (half text, half HTML) —
then times ``read_inputs`` -> ``clean`` -> ``Deduplicator.check`` over them,
the way the pipeline runs the text stage.

    python benchmarks/text_speed.py            # 1,000 documents
    python benchmarks/text_speed.py --n 300 --no-write

Figures are printed and written to ``benchmarks/results/text_speed.json``.
The articles are synthetic (random sentences from a small vocabulary of made-up
places and actors); sizes are typical of news pages (about 3-6 kB of article
text, 25-40 kB of HTML).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

from kharita.ingest import read_inputs
from kharita.model import Document
from kharita.text import Deduplicator, clean

RESULTS = Path(__file__).resolve().parent / "results" / "text_speed.json"

ACTORS = ["Government forces", "Rebel fighters", "Police", "Protesters", "The army",
          "Unidentified gunmen", "Local militia members", "Border guards", "Villagers"]
VERBS = ["attacked", "clashed with", "arrested", "shelled", "negotiated with",
         "marched towards", "withdrew from", "accused", "detained"]
TARGETS = ["a checkpoint", "the district office", "civilians", "a convoy", "the opposition",
           "the garrison", "a market", "students", "the local council"]
PLACES = ["Varnok", "Esselby", "Qaradun", "Mirwala", "Tolbeck", "Saint Aurel", "Nuhayr",
          "Kestrow", "Balsamo", "Ferrat"]
TAILS = ["on Monday", "late on Friday", "overnight", "early on Sunday", "last week",
         "according to a local official", "witnesses said", "the ministry said"]
NAV = ["Home", "World", "Politics", "Business", "Sport", "Opinion", "Video", "Live",
       "Subscribe", "Sign in", "Newsletters", "Podcasts", "Weather", "Culture"]


def sentence(rng: random.Random) -> str:
    killed = rng.choice(["", f", leaving {rng.randint(2, 40)} people dead",
                         f" and wounded {rng.randint(2, 90)} others", ""])
    return (f"{rng.choice(ACTORS)} {rng.choice(VERBS)} {rng.choice(TARGETS)} near "
            f"{rng.choice(PLACES)} {rng.choice(TAILS)}{killed}.")


def article(rng: random.Random) -> tuple[str, list[str]]:
    title = f"{rng.choice(ACTORS)} {rng.choice(VERBS)} {rng.choice(TARGETS)} in {rng.choice(PLACES)}"
    paragraphs = [" ".join(sentence(rng) for _ in range(rng.randint(2, 5)))
                  for _ in range(rng.randint(4, 9))]
    return title, paragraphs


def html_page(rng: random.Random, i: int) -> str:
    title, paragraphs = article(rng)
    nav = "".join(f'<li><a href="/{n.lower()}">{n}</a></li>' for n in NAV * 2)
    related = "".join(f'<li><a href="/s/{i}/{k}">{article(rng)[0]}</a></li>' for k in range(10))
    script = "<script>var cfg = {" + ",".join(f'"k{k}": {k}' for k in range(400)) + "};</script>"
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} | Daily"
        f" Sample</title><meta property=\"article:published_time\" content=\"2021-0{1 + i % 9}-1"
        f"{i % 9}T10:00:00Z\"><meta name=\"author\" content=\"Staff\">{script}</head><body>"
        f"<header><nav><ul>{nav}</ul></nav></header><main><article><h1>{title}</h1>{body}"
        f"</article><aside><h2>Related</h2><ul>{related}</ul></aside></main><footer><p>"
        f"Copyright 2021 Daily Sample. All rights reserved.</p><ul>{nav}</ul></footer>"
        f"</body></html>"
    )


def text_page(rng: random.Random) -> str:
    title, paragraphs = article(rng)
    lines = ["Skip to main content", " | ".join(rng.sample(NAV, 5)), title,
             f"Published: {rng.randint(1, 28)} March 2021", ""]
    for p in paragraphs:
        lines += [p, ""]
    lines += ["Share this article", "Related stories", article(rng)[0], "Back to top"]
    return "\n".join(lines)


def generate(folder: Path, n: int, seed: int = 7) -> list[str]:
    """Write n mixed documents; return the inputs to read, in order."""
    rng = random.Random(seed)
    inputs: list[str] = []
    records: list[str] = []
    for i in range(n):
        kind = i % 3
        if kind == 0:
            path = folder / f"page{i:05d}.html"
            path.write_text(html_page(rng, i), encoding="utf-8")
            inputs.append(str(path))
        elif kind == 1:
            path = folder / f"page{i:05d}.txt"
            path.write_text(text_page(rng), encoding="utf-8")
            inputs.append(str(path))
        else:
            field = "html" if (i // 3) % 2 else "text"
            body = html_page(rng, i) if field == "html" else text_page(rng)
            records.append(json.dumps({"id": f"rec{i}", field: body, "published": "2021-03-01"}))
    jsonl = folder / "records.jsonl"
    jsonl.write_text("\n".join(records) + "\n", encoding="utf-8")
    return [*inputs, str(jsonl)]


def run(inputs: list[str]) -> tuple[int, int, float, float]:
    """(documents, failures, seconds total, seconds in clean + dedup)."""
    dedup = Deduplicator()
    docs = fails = 0
    in_text = 0.0
    start = time.perf_counter()
    for item in read_inputs(inputs):
        t0 = time.perf_counter()
        result = clean(item) if not hasattr(item, "reason") else item
        if isinstance(result, Document):
            dedup.check(result)
            docs += 1
        else:
            fails += 1
        in_text += time.perf_counter() - t0
    return docs, fails, time.perf_counter() - start, in_text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="documents to generate")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kharita-speed-") as tmp:
        inputs = generate(Path(tmp), args.n)
        clean(next(iter(read_inputs(inputs[:1]))))  # warm-up: imports, language model
        docs, fails, total, in_text = run(inputs)
    report = {
        "command": " ".join(["python", "benchmarks/text_speed.py", *(argv or sys.argv[1:])]),
        "documents": docs,
        "failures": fails,
        "seconds": round(total, 2),
        "documents_per_second": round(docs / total, 1),
        "text_stage_documents_per_second": round(docs / in_text, 1) if in_text else None,
        "mix": "1/3 HTML pages, 1/3 plain-text pages, 1/3 JSONL records (half HTML)",
        "machine": f"{platform.machine()} {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "load_average_1min": round(os.getloadavg()[0], 2),
    }
    print(json.dumps(report, indent=2))
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
