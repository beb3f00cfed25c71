"""The event lexicon: trigger words -> PLOVER type/mode, CAMEO root, ACLED class.

The YAML (``kharita/data/event_lexicon.yaml``) is compiled once per process into
plain dicts keyed by lemma, so matching a token is one or two dict look-ups; the
coder walks each sentence's tokens once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from kharita.model import PLOVER_TYPES

_FUNCTION_WORDS = {"to", "on", "of", "in", "into", "up", "down", "out", "off", "for", "with",
                   "by", "at", "over", "away", "back", "upon", "across"}
_QUANTITY_HEADS = {"thousands", "hundreds", "dozens", "scores", "tens", "millions", "group",
                   "groups", "number", "members", "member", "some", "many", "most", "all",
                   "dozen", "hundred", "thousand", "couple", "band", "unit", "units", "team",
                   "squad", "crowd", "convoy", "batch", "wave", "column"}
# Universal POS tags read as nouns or verbs for trigger look-up.
_NOUN_POS = {"NOUN"}
_VERB_POS = {"VERB"}


@dataclass(frozen=True)
class Sense:
    """What a trigger word means: one lexicon group plus the words that matched."""

    type: str
    mode: str | None
    cameo: str
    cls: str
    move: str | None
    strength: float
    words: tuple[str, ...]


@dataclass(frozen=True)
class Match:
    """A trigger found in the parse: its sense and the token indexes it covers."""

    sense: Sense
    head: int  # token index (doc-level) of the trigger word the event hangs on
    tokens: tuple[int, ...]


class Lexicon:
    """Compiled event lexicon; build with :func:`load_lexicon`."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.verbs: dict[str, Sense] = {}
        self.nouns: dict[str, Sense] = {}
        # phrase words -> sense, indexed by every word of the phrase
        self.phrases: dict[str, list[tuple[tuple[str, ...], Sense]]] = {}
        for group in data.get("groups", []):
            self._add_group(group)
        self.light_verbs = frozenset(data.get("light_verbs", []))
        self.agent_sector: dict[str, str] = {}
        for sector, words in (data.get("agent_nouns") or {}).items():
            for w in words:
                self.agent_sector.setdefault(w, sector)
        self.weapon_cues: list[tuple[str, frozenset[str]]] = [
            (name, frozenset(words)) for name, words in (data.get("weapon_cues") or {}).items()
        ]
        self.facilitators = frozenset(data.get("facilitator_nouns", []))
        self.manner_nouns = frozenset(data.get("manner_nouns", []))
        self.manner_verbs = frozenset(data.get("manner_verbs", []))

    def _add_group(self, group: dict[str, Any]) -> None:
        ptype = group["type"]
        if ptype not in PLOVER_TYPES:
            raise ValueError(f"event lexicon: unknown PLOVER type {ptype!r}")

        def sense(words: tuple[str, ...]) -> Sense:
            return Sense(
                type=ptype,
                mode=group.get("mode"),
                cameo=str(group.get("cameo", "")),
                cls=group.get("cls", "none"),
                move=group.get("move"),
                strength=float(group.get("strength", 0.7)),
                words=words,
            )

        for w in group.get("verbs") or []:
            self.verbs.setdefault(w.lower(), sense((w.lower(),)))
        for w in group.get("nouns") or []:
            self.nouns.setdefault(w.lower(), sense((w.lower(),)))
        for p in group.get("phrases") or []:
            words = tuple(p.lower().split())
            s = sense(words)
            # index by content words only: a phrase hangs on its verb or head noun,
            # never on "to", "on", "of" (which would be looked at on every token)
            for w in set(words) - _FUNCTION_WORDS:
                self.phrases.setdefault(w, []).append((words, s))

    # ------------------------------------------------------------------ matching
    @property
    def known_words(self) -> frozenset[str]:
        """Every word that can start a match (trigger words, phrase content words):
        a token whose lemma and lower-case form are both absent is no trigger."""
        known = self.__dict__.get("_known")
        if known is None:
            known = (frozenset(self.verbs) | frozenset(self.nouns) | frozenset(self.phrases)
                     | {w.rsplit("-", 1)[1] for w in self.nouns if "-" in w})  # "pull-back"
            self.__dict__["_known"] = known
        return known

    def match(self, tok: Any) -> Match | None:
        """The trigger sense of ``tok`` if it heads a phrase or is a trigger word."""
        key = _key(tok)
        if key in self.phrases:
            m = self._match_phrase(tok, key)
            if m is not None:
                return m
        pos = tok.pos_
        if pos in _VERB_POS or (pos == "ADJ" and tok.tag_ == "VBN"):
            s = self.verbs.get(key) or self.verbs.get(tok.lower_)
            if s is not None:
                return Match(s, tok.i, (tok.i,))
            if pos == "VERB" and tok.tag_ in {"VBG"} and tok.dep_ in {"pobj", "dobj", "nsubj"}:
                s = self.nouns.get(tok.lower_)
                if s is not None:
                    return Match(s, tok.i, (tok.i,))
        elif pos in _NOUN_POS or (pos == "ADJ" and key in self.nouns and key not in self.verbs):
            # the tagger sometimes reads a predicate noun as an adjective ("is redeployment")
            s = self.nouns.get(key) or self.nouns.get(tok.lower_)
            if s is not None:
                return Match(s, tok.i, (tok.i,))
            return self._hyphenated(tok)
        return None

    def _hyphenated(self, tok: Any) -> Match | None:
        """"the pull-back", "a draw-down": a noun written with a hyphen is split by the
        tokenizer ("pull", "-", "back"); joined, it is the lexicon's noun."""
        i = tok.i
        if i < 2 or tok.doc[i - 1].text != "-" or tok.doc[i - 1].whitespace_:
            return None
        first = tok.doc[i - 2]
        if first.whitespace_ or first.head.i != i:
            return None
        key = _key(tok)
        s = (self.nouns.get(first.lower_ + key) or self.nouns.get(first.lower_ + tok.lower_)
             or self.nouns.get(f"{first.lower_}-{tok.lower_}"))
        return Match(s, tok.i, (i - 2, i - 1, i)) if s is not None else None

    def _match_phrase(self, tok: Any, key: str) -> Match | None:
        """A phrase matches when its other words hang below ``tok`` (2 arcs at most)."""
        near: dict[str, int] = {}
        under: dict[str, tuple[int, str]] = {}  # "home"/"back" below a preposition
        for child in tok.children:
            if child.dep_ == "prep" and any(g.dep_ == "pobj" and g.ent_type_ in _TIME_ENTS
                                            for g in child.children):
                continue  # "fired rockets ... on Wednesday" is no "fire on"
            # a fronted preposition is no particle: "in the corner sat a man" is no
            # "sit in" (its object still counts: "on Monday shells fall")
            if not (child.dep_ == "prep" and child.i < tok.i and tok.pos_ in ("VERB", "AUX")):
                near.setdefault(_key(child), child.i)
                near.setdefault(child.lower_, child.i)
            if child.lower_ == "according":
                continue  # "will fall by May, according to the envoy" is no "fall to"
            for grand in child.children:
                if child.dep_ == "prep" and _key(grand) in _ADVERB_WORDS:
                    under.setdefault(_key(grand), (grand.i, child.lower_))
                else:
                    near.setdefault(_key(grand), grand.i)
        best: Match | None = None
        for words, sense in self.phrases[key]:
            if key not in words:
                continue
            others = [w for w in words if w != key]
            # a word below a preposition counts only with it: "took the teacher from his
            # home" is no "take home"
            found = {w: near[w] if w in near else under[w][0] for w in others
                     if w in near or (w in under and under[w][1] in words)}
            if len(found) < len(others):
                continue
            idx = tuple(sorted({tok.i, *found.values()}))
            if best is None or len(idx) > len(best.tokens):
                best = Match(sense, tok.i, idx)
        return best

    def sector_of(self, tok: Any) -> str | None:
        """A role's sector from its head noun when no actor mention covers it."""
        low = tok.lower_
        if low in _QUANTITY_HEADS:  # "thousands of civilians", "a group of people"
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            inner = self.sector_of(p)
                            if inner is not None:
                                return inner
        return (self.agent_sector.get(_key(tok)) or self.agent_sector.get(low)
                or (low.endswith("s") and self.agent_sector.get(low[:-1]))
                # "Militiamen" opening a sentence keeps its plural as its lemma
                or (low.endswith("men") and self.agent_sector.get(low[:-3] + "man")) or None)

    def weapon_of(self, tokens: Any) -> str | None:
        """The first weapon class whose cue word occurs among ``tokens``."""
        return self.weapon_in({t.lower_ for t in tokens} | {_key(t) for t in tokens})

    def weapon_in(self, words: set[str]) -> str | None:
        """The first weapon class whose cue word is in ``words`` (lemmas and forms)."""
        for name, cues in self.weapon_cues:
            if words & cues:
                return name
        return None


_TIME_ENTS = {"DATE", "TIME"}
# phrase words that say where to as adverbs ("bring them home", "fly back"): below a
# preposition they are its object, and count only when the phrase has that preposition
_ADVERB_WORDS = {"home", "back"}


def _key(tok: Any) -> str:
    return tok.lemma_.lower() if tok.lemma_ else tok.lower_


def _default_path() -> Path:
    return Path(str(resources.files("kharita") / "data" / "event_lexicon.yaml"))


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """Load and compile the lexicon once per process (``path`` for tests/overrides)."""
    p = Path(path) if path else _default_path()
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise RuntimeError(f"cannot read event lexicon {p}: {exc}") from exc
    return Lexicon(data)
