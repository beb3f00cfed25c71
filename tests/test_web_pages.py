"""General web pages (the Zyte article-extraction benchmark in ../shared/eval/web/aeb):
sport, gadget and market pages keep no ACLED-scope event; pages that report political
violence or protest keep theirs.  Skipped when the evaluation data is absent.

The pages are named by the first 16 hex digits of their file name
(``benchmarks/aeb_events.py`` measures the whole benchmark).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
AEB = ROOT.parent / "shared" / "eval" / "web" / "aeb" / "html"
sys.path.insert(0, str(ROOT / "benchmarks"))

from aeb_events import VIOLENT

# Pages the reporting stage does not yet keep events for (see the closing note;
# a strict expected failure: fixing it must remove it).  None now: the teachers' rally
# (7de5241947a5f714), lost below the relevance gate with the retrain of the tenth stop
# of 7 December 2026 (0.387), is kept since the corpus has calm labour protests
# (training/reporting/DATA_CARD.md: the brief for them came from that page, so it is
# no independent test of them).  The fact-check in analysis prose (1ee91d1fce65e09b)
# has one event close to the coded threshold, kept or lost from one retrain to the next.
KNOWN_MISSES: set[str] = set()

QUIET = {
    "0d46122928b6f468": "Nadal keeps Spain alive against Russia in Davis Cup Finals",
    "9a440270bf8625d5": "UEFA Euro 2020 qualifying ... as Wales punches ticket",
    "65bf3048b500bbd8": "16-inch MacBook Pro review",
    "63db31a161b3c5b6": "Star Wars Jedi: Fallen Order review",
    "57d46c9d751e3fd3": "Oversupply angst drags oil lower, stocks drift near highs",
    "08f793762792bd25": "Browns player on Mason Rudolph's role in fight with Myles Garrett",
    "ecb46e3e489d2aac": "Nelson's OT goal lifts Isles",
    "702d1da63b8e064c": "Trump's Made-for-TV Trade War Keeps World Guessing",
}


@pytest.fixture(scope="module")
def pages():
    if not AEB.is_dir():
        pytest.skip(f"evaluation data absent: {AEB}")
    from kharita import settings

    if not Path(settings.gazetteer_path()).exists():
        pytest.skip("gazetteer not built: run `kharita gazetteer build`")
    from kharita.pipeline import Options, Pipeline
    from kharita.runner import extract

    keys = set(VIOLENT) | set(QUIET)
    files = sorted(str(p) for p in AEB.iterdir() if p.name[:16] in keys)
    with Pipeline(Options(workers=1)) as pipe:
        return {Path(d.input).name[:16]: d for d in extract(files, pipeline=pipe) if hasattr(d, "events")}


def _scoped(doc):
    from kharita.reporting.features import in_scope

    return [e for e in doc.events if in_scope(e)]


@pytest.mark.parametrize("key", sorted(QUIET))
def test_sport_gadget_and_market_pages_keep_no_acled_scope_event(pages, key):
    assert _scoped(pages[key]) == [], [e.evidence.text for e in _scoped(pages[key])]


@pytest.mark.parametrize("key", [
    pytest.param(k, marks=pytest.mark.xfail(strict=True, reason="known miss")) if k in KNOWN_MISSES else k
    for k in sorted(VIOLENT)])
def test_pages_that_report_violence_or_protest_keep_events(pages, key):
    assert _scoped(pages[key]), VIOLENT[key]
