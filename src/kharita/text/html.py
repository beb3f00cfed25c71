"""HTML page -> main text and metadata, in one trafilatura pass.

trafilatura parses the page once and returns the article body together with
title, author, site name and publication date (the date via htmldate on the
same parsed tree — the page's own HTML, never a fetch of its URL).  When it
finds no article (very short or unusual pages), the visible text of the body
is used instead and the plain-text chrome rules clean it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

# Extraction options, chosen on the article-extraction benchmark's general
# merits (see docs/text.md): tables hold casualty figures, so keep them;
# comments are not the article.
OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "favor_precision": True,
    "favor_recall": False,
}


@dataclass
class Extracted:
    """What the HTML extractor found; ``text`` has one paragraph per line."""

    text: str
    title: str | None = None
    author: str | None = None
    site: str | None = None
    date: str | None = None
    url: str | None = None  # the page's canonical URL (link rel=canonical, og:url)
    fallback: bool = False


def extract(html: str, url: str | None = None, **overrides: Any) -> Extracted:
    """Main text and metadata of an HTML page (empty text when there is none)."""
    import trafilatura

    options = {**OPTIONS, **overrides}
    try:
        result = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, output_format="python", **options
        )
    except Exception as exc:  # noqa: BLE001 - a parser bug on one page must not stop a batch
        log.debug("trafilatura failed on %s: %s", url, exc)
        result = None
    if result is None or not (result.text or "").strip():
        return Extracted(text=visible_text(html), fallback=True, **_title_only(html))
    return Extracted(
        text=result.text or "",
        title=_clean(result.title),
        author=_clean(result.author),
        site=_clean(result.sitename),
        date=_clean(result.date),
        url=_clean(result.url),
    )


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _title_only(html: str) -> dict[str, str | None]:
    import re

    m = re.search(r"<title[^>]*>(.*?)</title>", html[:200_000], re.IGNORECASE | re.DOTALL)
    return {"title": _clean(m.group(1)) if m else None}


def visible_text(html: str) -> str:
    """All visible body text, one block element per line (fallback only)."""
    import lxml.html

    from kharita.ingest.readers import element_text

    try:
        root = lxml.html.document_fromstring(html)
    except Exception:  # noqa: BLE001 - lxml raises assorted errors on odd markup
        return ""
    for bad in root.xpath("//script|//style|//noscript|//nav|//header|//footer|//aside|//form"):
        bad.drop_tree()
    body = root.find("body")
    return element_text(body if body is not None else root)
