"""Per-document context for actor resolution: countries in play, sentences, tokens.

The country a document is about comes from the places stage (``doc.focus``,
``doc.places``); when that is empty the actors stage counts the country names and
demonyms it finds itself.  Token and sentence lookups by character offset use
bisection over the spaCy parse, whose offsets equal ``Document.text`` offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from typing import Any

from kharita.actors.matcher import COUNTRY, Hit
from kharita.model import Document
from kharita.places.cues import beyond_border, named_as_measure, seat_of_outlet

# "Turkish-backed", "Iran-aligned": the country is a sponsor, not the actor.
SPONSOR_SUFFIX = re.compile(
    r"-(?:backed|allied|aligned|affiliated|supported|sponsored|funded|trained|armed|"
    r"led|based|linked|born|controlled|held|run|friendly|leaning)\b", re.IGNORECASE)

YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class DocContext:
    """Countries, sentences and token lookup for one document."""

    def __init__(self, doc: Document, sdoc: Any, hits: list[Hit], text: str | None = None):
        self.doc = doc
        self.sdoc = sdoc
        self.text = text if text is not None else (parsed_text(doc, sdoc) or "")
        self._tok_starts = _token_starts(sdoc)
        self.sents = _sentence_bounds(sdoc, self._tok_starts, len(self.text))
        self._sent_starts = [start for start, _ in self.sents]
        self.year = _year(doc.published)
        iso = bool(doc.published and ISO_DATE.match(doc.published))
        self.date: int | str | None = doc.published[:10] if iso else self.year
        self.focus = _focus_countries(doc)
        self.focus_score = {e["country"]: float(e.get("score") or 0.0)
                            for e in (doc.focus or {}).get("countries") or []
                            if isinstance(e, dict) and e.get("country")}
        self.mentioned = self._mentioned(hits)
        self.primary = self.focus[0] if self.focus else self._primary_from(hits)
        self.countries = [*self.focus, *(c for c in self.mentioned if c not in self.focus)]

    def token_at(self, char: int) -> Any:
        """The token containing character offset ``char`` (None without a parse)."""
        if not self._tok_starts:
            return None
        i = bisect_right(self._tok_starts, char) - 1
        return self.sdoc[max(i, 0)]

    def last_token(self, start: int, end: int) -> Any:
        return self.token_at(max(start, end - 1))

    def sent_index(self, char: int) -> int:
        if not self._sent_starts:
            return 0
        return max(bisect_right(self._sent_starts, char) - 1, 0)

    def sentence(self, char: int) -> tuple[int, int] | None:
        """(start, end) character offsets of the sentence containing ``char``."""
        return self.sents[self.sent_index(char)] if self.sents else None

    def sentence_countries(self, start: int) -> list[str]:
        """Countries of the places resolved in the sentence containing ``start``; a
        sponsor's ("Iran-backed", "US-led") is none: it says who backs or leads."""
        sent = self.sentence(start)
        if sent is None:
            return []
        found: list[str] = []
        for place in self.doc.places:
            inside = sent[0] <= place.start < sent[1]
            if inside and place.country and place.country not in found \
                    and not SPONSOR_SUFFIX.match(self.text, place.end):
                found.append(place.country)
        return found

    def rival_scene(self, country: str) -> bool:
        """Whether the document is about ``country`` nearly as much as about its main
        one (focus score at least half the main one's): a roundup's other scene, not
        a passing mention ("according to NY Times")."""
        if country == self.primary:
            return True
        main = self.focus_score.get(self.primary or "", 0.0)
        return self.focus_score.get(country, 0.0) >= 0.5 * main > 0.0

    def recent_country(self, start: int) -> str | None:
        """Country of the last place named before ``start`` in its paragraph or the
        one before (demonyms aside: "Russian shelling" names the attacker's country,
        not the scene; nor unknown names placed in a container, nor a news outlet's
        seat: "according to NY Times", nor a measure: "the size of Belgium").  Roundup articles change country by paragraph ("In
        neighbouring Niger, ..."); within a paragraph the scene is the last one set."""
        para_start = self.text.rfind("\n", 0, start)
        prev_para = self.text.rfind("\n", 0, max(para_start - 1, 0)) if para_start > 0 else -1
        lo = max(prev_para, 0) if para_start >= 0 else 0
        found = None
        best = -1
        for place in self.doc.places:
            if (lo <= place.start < start and place.start > best and place.country
                    and place.resolved_as not in ("demonym", "container")
                    and not beyond_border(self.text, place.start)
                    and not named_as_measure(self.text, place.start)
                    and not seat_of_outlet(self.text, place.end)):
                best, found = place.start, place.country
        return found

    def place_at(self, tok: Any) -> Any | None:
        """The place resolved at token ``tok`` (None if none is there)."""
        for place in self.doc.places:
            if place.start <= tok.idx < place.end:
                return place
        return None

    def place_country(self, tok: Any) -> str | None:
        """Country of a place resolved at token ``tok`` (None if none is there)."""
        place = self.place_at(tok)  # places never overlap: at most one holds the token
        return (place.country or None) if place is not None else None

    def _mentioned(self, hits: list[Hit]) -> list[str]:
        counts: Counter[str] = Counter()
        for place in self.doc.places:
            if place.country:
                counts[place.country] += 1
        for hit in hits:
            if hit.pattern.kind == COUNTRY and "," not in hit.pattern.ref:
                counts[hit.pattern.ref] += 1
        return [c for c, _ in counts.most_common()]

    def _primary_from(self, hits: list[Hit]) -> str | None:
        """Most-mentioned country, the title and first sentences counting double."""
        counts: Counter[str] = Counter()
        lead = len(self.doc.title or "") + 400
        for hit in hits:
            if hit.pattern.kind == COUNTRY and "," not in hit.pattern.ref:
                counts[hit.pattern.ref] += 2 if hit.start < lead else 1
        for place in self.doc.places:
            if place.country:
                counts[place.country] += 1
        if not counts:
            return None
        return counts.most_common(1)[0][0]

    def pick_country(self, options: list[str]) -> str | None:
        """The first of ``options`` that the document is about, by focus order."""
        for country in self.countries:
            if country in options:
                return country
        return None


def parsed_text(doc: Document, sdoc: Any) -> str | None:
    """The part of ``doc.text`` the parse covers (the pipeline parses a prefix);
    None when the parse is not of this text.  Read from the document, not
    ``sdoc.text``, which rebuilds the string token by token and costs more than
    the whole stage."""
    if sdoc is None or len(sdoc) == 0:
        return doc.text
    first, last = sdoc[0], sdoc[-1]
    for tok in (first, last):
        if doc.text[tok.idx:tok.idx + len(tok.text)] != tok.text:
            return None
    return doc.text[:last.idx + len(last.text_with_ws)]


def _token_starts(sdoc: Any) -> list[int]:
    """Character offset of every token, read as one array (iterating Token objects
    costs more than the whole actors stage otherwise)."""
    if sdoc is None or len(sdoc) == 0:
        return []
    from spacy.attrs import IDX

    return sdoc.to_array([IDX]).ravel().tolist()


def _sentence_bounds(sdoc: Any, tok_starts: list[int], length: int) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets from the parser's sentence starts, as one array."""
    if sdoc is None or not tok_starts:
        return []
    from spacy.attrs import SENT_START

    flags = sdoc.to_array([SENT_START]).ravel().tolist()
    starts = [tok_starts[i] for i, flag in enumerate(flags) if flag == 1 or i == 0]
    return [(a, b) for a, b in zip(starts, [*starts[1:], length], strict=True)]


def _year(published: str | None) -> int | None:
    """Year of an ISO date, or the first plausible year in another date format."""
    if not published:
        return None
    if len(published) >= 4 and published[:4].isdigit():
        return int(published[:4])
    found = YEAR.search(published)
    return int(found.group(0)) if found else None


def _focus_countries(doc: Document) -> list[str]:
    out: list[str] = []
    for entry in (doc.focus or {}).get("countries") or []:
        code = entry.get("country") if isinstance(entry, dict) else entry
        if isinstance(code, str) and code and code not in out:
            out.append(code)
    return out
