"""The event lexicon file: well formed, one meaning per word, valid types."""

from __future__ import annotations

from pathlib import Path

import yaml

from kharita.events.lexicon import load_lexicon
from kharita.model import PLOVER_TYPES

LEXICON = Path(__file__).resolve().parents[1] / "src" / "kharita" / "data" / "event_lexicon.yaml"
ACLED_CLASSES = {"violence", "clash", "explosion", "air", "shelling", "grenade", "chemical",
                 "capture", "abduct", "sexual", "arrest", "protest", "riot", "agreement",
                 "defuse", "loot", "base", "transfer", "change", "none"}


def test_every_word_has_one_meaning_per_part_of_speech():
    data = yaml.safe_load(LEXICON.read_text(encoding="utf-8"))
    seen: dict[tuple[str, str], str] = {}
    dupes = []
    for group in data["groups"]:
        for pos in ("verbs", "nouns", "phrases"):
            for word in group.get(pos) or []:
                key = (pos, word)
                if key in seen:
                    dupes.append((key, seen[key], group["type"]))
                seen[key] = group["type"]
    assert not dupes


def test_groups_use_known_types_and_classes():
    data = yaml.safe_load(LEXICON.read_text(encoding="utf-8"))
    for group in data["groups"]:
        assert group["type"] in PLOVER_TYPES
        assert group.get("cls", "none") in ACLED_CLASSES
        assert 0 < float(group.get("strength", 0.7)) <= 1


def test_compiled_lexicon_knows_core_words():
    lex = load_lexicon()
    assert lex.verbs["attack"].type == "ASSAULT"
    assert lex.verbs["flee"].move == "flight"
    assert lex.nouns["redeployment"].move == "deployment"
    assert any(words == ("air", "strike") for words, _ in lex.phrases["strike"])
    assert "to" not in lex.phrases  # phrases hang on content words


def test_the_to_of_according_to_does_not_complete_a_phrase():
    from kharita import nlp

    lex = load_lexicon()
    parser = nlp.load()

    def matched(text: str, word: str):
        tok = next(t for t in parser(text) if t.lower_ == word)
        m = lex.match(tok)
        return None if m is None else " ".join(tok.doc[i].lower_ for i in m.tokens)

    assert matched("The city will fall by March, according to the envoy.", "fall") is None
    assert matched("The town fell to the rebels on Monday.", "fell") == "fell to"
    assert matched("Rebels set fire to the police station.", "set").startswith("set fire")
