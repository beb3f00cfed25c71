"""Text stage: RawDocument -> Document with clean text, metadata, language, identity.

    reads    RawDocument (html or text, caller metadata)
    assigns  Document.text (the reference for every later span), title, author,
             site, published, language, coded, content_hash, id, input, warnings

HTML goes through trafilatura (main text + metadata in one parse); plain text
through the general chrome rules of :mod:`kharita.text.chrome`.  Both then get
mojibake repair, NFC and whitespace normalisation (paragraphs kept, separated
by a blank line).  Caller metadata (JSONL fields, feed items) wins over what
the page says about itself.
"""

from __future__ import annotations

from kharita.model import Document, Failure, RawDocument
from kharita.text import chrome, dates, html, language
from kharita.text.dedup import Deduplicator
from kharita.text.normalize import content_hash, normalise_whitespace, repair, short_id

__all__ = ["CODED_LANGUAGES", "NOT_A_DATE", "Deduplicator", "clean", "content_hash"]

# Languages the later stages (English lexicons and parser) can code.
CODED_LANGUAGES = frozenset({"en"})
# Wording of the warning for a caller's publication date that is not a date.
NOT_A_DATE = "is not a date"


def clean(raw: RawDocument) -> Document | Failure:
    """The text stage for one raw document; Failure when there is no article text."""
    if raw.html is not None and raw.html.strip():
        text, meta = _from_html(raw)
    else:
        text, meta = _from_text(raw.text or ""), {}
    if not text:
        return Failure(raw.input, "no article text found", stage="text")
    digest = content_hash(text)
    doc = Document(
        id=raw.id or short_id(digest),
        text=text,
        url=raw.url or meta.get("url"),
        title=_first(raw.title, meta.get("title"), _headline(text) if raw.html is None else None),
        source=_first(raw.source, meta.get("site")),
        author=meta.get("author"),
        site=meta.get("site"),
        content_hash=digest,
        input=raw.input,
    )
    doc.published = _published(raw, meta, text)
    if raw.published and raw.published.strip() and not dates.normalise_date(raw.published):
        # the caller said when it was published, but not as a date: say so, don't drop it silently
        doc.warnings.append(f"published {raw.published[:80]!r} {NOT_A_DATE} "
                            "(give ISO 8601, e.g. 2024-03-12, or Unix seconds); ignored")
    if meta.get("fallback"):
        doc.warnings.append(meta["fallback"] or "")
    _set_language(doc, raw.language)
    return doc


def _first(*values: str | None) -> str | None:
    for value in values:
        if value and value.strip():
            return " ".join(repair(value).split())
    return None


def _headline(text: str) -> str | None:
    """A plain-text page's first paragraph when it reads like a headline, not a sentence."""
    first = text.split("\n", 1)[0]
    n_words = len(chrome.words(first))
    if 3 <= n_words <= 25 and not chrome.is_sentence(first) and not first.endswith((".", ":")):
        return first
    return None


def _from_html(raw: RawDocument) -> tuple[str, dict[str, str | None]]:
    found = html.extract(raw.html or "", raw.url)
    body = normalise_whitespace(repair(found.text), lines_are_paragraphs=not found.fallback)
    text = normalise_whitespace(chrome.strip_chrome(body, edges=found.fallback))
    meta = {
        "title": found.title,
        "author": found.author,
        "site": found.site,
        "date": found.date,
        "url": found.url,
        "fallback": "no article block found in the HTML; used the page's visible text"
        if found.fallback
        else None,
    }
    return text, meta


def _from_text(raw_text: str) -> str:
    # unwrap hard-wrapped lines first, so the line rules see whole paragraphs
    body = normalise_whitespace(repair(raw_text))
    return normalise_whitespace(chrome.strip_chrome(body))


def _published(raw: RawDocument, meta: dict[str, str | None], text: str) -> str | None:
    """Caller metadata, else the page's own date (htmldate), else a clear date line."""
    for value in (raw.published, meta.get("date")):
        iso = dates.normalise_date(value)
        if iso:
            return iso
    # plain text: look before chrome removal (date lines are furniture, removed later)
    return dates.date_line(raw.text if raw.html is None and raw.text else text)


def _set_language(doc: Document, declared: str | None) -> None:
    """Declared language (JSONL) wins; otherwise identify it; mark non-English not coded."""
    code = language.normalise_code(declared)
    if code is None:
        code, _ = language.detect(doc.text)
    doc.language = code
    if code not in CODED_LANGUAGES:
        doc.coded = False
        shown = code or "unknown"
        doc.warnings.append(f"language '{shown}' is not coded (only English is); text kept")
