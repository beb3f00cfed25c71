"""The spaCy speed-ups change how fast the parse is made, never what it says."""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG

from kharita import nlp
from kharita.nlp_speed import IndexedRulerMatch, use_matmul_ops
from kharita.settings import SPACY_MODEL

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ARRAY = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START]

TEXTS = [
    "Islamic State fighters slipped out of Deir Ezzor at night, paying smugglers, local sources said.",
    "I ain't gonna do nothin' y'all didn't do. Don't you think? We're here; they've gone, haven't they?",
    "The SDF said it wouldn't negotiate.\n\nTwo soldiers were killed on Tuesday near Kunduz.",
    "",
    "   ",
]


def _stock() -> spacy.language.Language:
    """en_core_web_sm exactly as spaCy loads it, plus kharita's line-break component."""
    stock = spacy.load(SPACY_MODEL)
    nlp._register_line_breaks()
    stock.add_pipe("kharita_line_breaks", before="parser")
    return stock


def test_fast_pipeline_annotates_exactly_like_the_stock_one() -> None:
    texts = TEXTS + [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    fast, stock = nlp.load(), _stock()
    assert fast.get_pipe("attribute_ruler").match.__self__.__class__ is IndexedRulerMatch
    for text, a, b in zip(texts, fast.pipe(texts), stock.pipe(texts), strict=True):
        assert numpy.array_equal(a.to_array(ARRAY), b.to_array(ARRAY)), text[:60]


def _ruler(patterns: list[dict]) -> tuple[spacy.language.Language, object]:
    blank = spacy.blank("en")
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)
    return blank, ruler


def test_indexed_match_equals_the_matcher_on_every_supported_test() -> None:
    patterns = [
        {"patterns": [[{"LOWER": "the"}]], "attrs": {"LEMMA": "THE"}},
        {"patterns": [[{"LOWER": {"IN": ["a", "an"]}}]], "attrs": {"POS": "DET"}},
        {"patterns": [[{"LOWER": {"REGEX": "^n'?t$"}}]], "attrs": {"LEMMA": "not"}},
        {"patterns": [[{"LOWER": "do"}, {"LOWER": {"REGEX": "^n'?t$"}}]], "attrs": {"LEMMA": "do"}},
        {"patterns": [[{"LOWER": "in"}, {"LOWER": "the"}]], "attrs": {"POS": "ADP"}, "index": 1},
        {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE"}},
        {"patterns": [[{"LOWER": {"NOT_IN": ["the", "a", "in"]}, "IS_SPACE": False}]], "attrs": {"MORPH": "X=Y"}},
        # a later rule on the same token wins
        {"patterns": [[{"LOWER": "the"}]], "attrs": {"LEMMA": "the-last"}},
    ]
    blank, ruler = _ruler(patterns)
    fast = IndexedRulerMatch.build(ruler)
    assert fast is not None
    doc = blank("In the town a man didn't  do n't go in the   end.")
    assert fast.match(doc) == ruler.match(doc)
    assert fast.match(blank("")) == ruler.match(blank("")) == []
    ruler.match = fast.match
    doc = ruler(blank("the end in the town"))
    assert [t.lemma_ for t in doc][:1] == ["the-last"]
    assert doc[3].pos_ == "ADP" and doc[2].pos_ == ""  # "index": 1 is the pattern's second token


@pytest.mark.parametrize("pattern", [
    [{"LOWER": "a", "OP": "?"}],
    [{"ORTH": {"FUZZY": "town"}}],
    [{"SHAPE": "Xxxx"}],
    [{"LOWER": {">=": 3}}],
])
def test_a_ruler_with_a_pattern_it_cannot_index_is_left_alone(pattern: list[dict]) -> None:
    _blank, ruler = _ruler([{"patterns": [[{"LOWER": "the"}]], "attrs": {"LEMMA": "x"}},
                            {"patterns": [pattern], "attrs": {"LEMMA": "y"}}])
    assert IndexedRulerMatch.build(ruler) is None


def test_matmul_ops_give_the_same_vectors_as_the_default_ops() -> None:
    texts = ["Turkish warplanes struck Kurdish positions near Kobani on Monday."]
    plain = spacy.load(SPACY_MODEL, exclude=["parser", "ner", "attribute_ruler", "lemmatizer", "tagger"])
    before = [d.tensor.copy() for d in plain.pipe(texts)]
    use_matmul_ops(plain)
    after = [d.tensor for d in plain.pipe(texts)]
    assert type(plain.get_pipe("tok2vec").model.ops).__name__ == "MatmulOps"
    for a, b in zip(before, after, strict=True):
        assert numpy.allclose(a, b, atol=1e-4)


@pytest.mark.parametrize("text,first", [
    ("GAZA, Oct 3 (Reuters) - Israeli air strikes killed 20 people.", "Israeli"),
    ("KYIV, Ukraine (AP) — Russian drones hit Kharkiv overnight.", "Russian"),
    ("Headline here\nKHARTOUM (AFP) -- The army said it retook the bridge.", "The"),
])
def test_a_wire_dateline_is_not_part_of_the_first_sentence(text, first):
    sents = list(nlp.load()(text).sents)
    assert any(s[0].text == first for s in sents), [s.text for s in sents]


def test_dashes_inside_a_sentence_are_no_dateline():
    doc = nlp.load()("US-backed forces - the SDF - said they advanced on Raqqa.")
    assert len(list(doc.sents)) == 1


def test_a_mistagged_past_form_gets_past_tag_morphology_and_lemma():
    # the model tags "retook" as a present form; the tense rules read the morphology
    doc = nlp.load()("Rebels retook the ridge at dawn.")
    (verb,) = [t for t in doc if t.lower_ == "retook"]
    assert (verb.tag_, verb.morph.get("Tense"), verb.lemma_) == ("VBD", ["Past"], "retake")
