"""Places stage: recognise toponyms, resolve them to the gazetteer, document focus.

    reads    Document.text, the spaCy parse of it
    assigns  Document.places  one Place per mention (repeats included), sorted by start
             Document.focus   {"countries": [...], "admin1": [...]}, CLIFF-style

Modules, in flow order: :mod:`.recognize` (mentions), :mod:`.resolve` (candidate
ranking, precision), :mod:`.focus` (document focus).  Demonyms ("Syrian") are not
places: they vote for the focus only.  Other stages can build a Place for a known
gazetteer id with :func:`place_for`.  See docs/places.md.
"""

from __future__ import annotations

from typing import Any

from kharita.model import Document, Place


class Geoparser:
    """The places stage.  ``Geoparser()`` opens the default gazetteer on first use."""

    def __init__(self, gazetteer: Any | None = None) -> None:
        self._gaz = gazetteer
        self._recognizer: Any = None
        self._resolver: Any = None

    @property
    def gazetteer(self) -> Any:
        if self._gaz is None:
            from kharita.places.gazetteer import Gazetteer

            self._gaz = Gazetteer.open()
        return self._gaz

    def _parts(self) -> tuple[Any, Any]:
        if self._recognizer is None:
            from kharita.places.recognize import Recognizer
            from kharita.places.resolve import Resolver

            self._recognizer = Recognizer(self.gazetteer)
            self._resolver = Resolver(self.gazetteer)
        return self._recognizer, self._resolver

    def __call__(self, doc: Document, sdoc: Any) -> Document:
        from kharita.places.focus import DESCRIBING, compute_focus

        places, demonyms = self.parse(doc.text, sdoc)
        doc.places = places
        # "US-backed rebels", "a London-based monitor": a place that describes a backer
        # or a base says who, not where the story is; it votes as a demonym does
        describing: list[Place] = []
        votes: list[Place] = []
        for p in places:
            (describing if p.country and DESCRIBING.match(doc.text, p.end) else votes).append(p)
        doc.focus = compute_focus(votes, demonyms + [(p.start, p.end, p.country) for p in describing],
                                  self.gazetteer)
        return doc

    def parse(self, text: str, sdoc: Any) -> tuple[list[Place], list[tuple[int, int, str]]]:
        """Places and demonyms ``(start, end, ISO2)`` of one text and its parse."""
        from kharita.places.containers import build_places
        from kharita.places.directions import directional_places

        recognizer, resolver = self._parts()
        from kharita.places.landmarks import landmark_entry

        rec = recognizer(text, sdoc)
        landmarks = [e for _, _, lm in rec.landmarks if (e := landmark_entry(self.gazetteer, lm))]
        choices = resolver.resolve(rec.mentions, rec.demonyms, landmarks)
        places = build_places(self.gazetteer, text, rec.mentions, choices, rec.demonyms)
        places = directional_places(self.gazetteer, text, places)
        return places, rec.demonyms


_DEFAULT: Geoparser | None = None


def place_for(geonameid: int, text: str, start: int, end: int, precision: int | None = None,
              gazetteer: Any | None = None) -> Place | None:
    """A Place for gazetteer id ``geonameid`` at a text span, or None if the id is unknown.

    For stages that learn a location some other way (an actor's home base, a
    "from X to Y" route).  ``precision`` overrides the ACLED precision derived from
    the feature code; where_prec follows the feature code.
    """
    global _DEFAULT
    if gazetteer is None:
        if _DEFAULT is None:
            _DEFAULT = Geoparser()
        gazetteer = _DEFAULT.gazetteer
    entry = gazetteer.get(geonameid)
    if entry is None:
        return None
    from kharita.places.resolve import make_place

    return make_place(text, start, end, entry, precision=precision)
