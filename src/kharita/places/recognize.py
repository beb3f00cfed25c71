"""Recognition: find every toponym mention in a parsed document.

Sources, merged into one non-overlapping list of :class:`Mention`:

* gazetteer matches over capitalised token runs (longest match first), kept only
  where capitalisation, part of speech and the named-entity layer agree that the
  words are a name — this is what stops "Mobile home" or "Police said" from
  becoming towns;
* spaCy entities labelled GPE/LOC (any label when a locative cue supports it: the
  small English model calls many Arabic and African towns PERSON or ORG);
* syntactic cues: a place-type word after or before the name ("Idlib province",
  "the town of Oxford"), a locative preposition before it ("near Baghuz");
* abbreviations defined in the text ("the Middle Euphrates River Valley (MERV)").

Demonyms ("Syrian") are collected separately: they are evidence for the
document focus, not place mentions (see docs/places.md).

Why token runs and not an Aho-Corasick automaton over every gazetteer key: a
news text has a few hundred capitalised tokens, so a few hundred indexed,
memoised look-ups cost under a millisecond, need no start-up time and no memory
for millions of keys, and align with token boundaries by construction.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from kharita.places import lexicon as lx
from kharita.places.cues import apply_cues, is_initialism, link_qualifiers
from kharita.places.demonyms import demonym_code
from kharita.places.gazetteer import ARABIC_NAME_COUNTRIES
from kharita.places.landmarks import find_landmarks
from kharita.places.patterns import shape_mentions
from kharita.places.plausible import (
    ACRONYM,
    DIRECTION_WORDS,
    arabic_article,
    describes_not_names,
    dictionary,
    drop_typed_aliases,
    entity_is_place,
    is_cap,
    is_prominent,
    one_sense_per_discourse,
    plausible_match,
    surnames,
    titled,
    trim_entity,
)
from kharita.places.variants import VariantIndex

MAX_NAME_TOKENS = 7


@dataclass
class Mention:
    """A toponym mention before resolution; offsets are into Document.text."""

    start: int
    end: int
    text: str
    candidates: list[Any] = field(default_factory=list)  # GazEntry
    source: str = "gazetteer"  # gazetteer | ner | cue | abbreviation | variant
    label: str | None = None  # spaCy entity label covering the mention
    hint: str | None = None  # admin1 | admin2 | admin | city | area | physical
    near: bool = False  # "near X", "outside X": the event is close to, not at, X
    quality: float = 1.0  # name-match quality: 1 exact, lower for variants
    sent: int = 0  # sentence index
    qualifier: int | None = None  # index of the mention Y in "X, Y"
    abbreviation_of: int | None = None
    inner: list[Any] = field(default_factory=list)  # known places inside an unknown name
    weak: bool = False  # kept only if it resolves next to the document's other places
    outlier: bool = False  # resolved far from everything else; unknown now
    in_unit: bool = False  # "X district, Y": the text puts X inside its qualifier Y
    local: bool = False  # "the X area of Y": a locality, so fame abroad does not help X
    outlet: bool = False  # names a news outlet's seat ("NY Times"): contains nothing it says

    @property
    def known(self) -> bool:
        return bool(self.candidates)


@dataclass
class Recognition:
    mentions: list[Mention]
    demonyms: list[tuple[int, int, str]]  # (start, end, "ISO2" or "ISO2/admin1 name")
    landmarks: list[tuple[int, int, Any]] = field(default_factory=list)  # (start, end, Landmark)


class Recognizer:
    """Finds mentions; one instance per gazetteer (look-ups are memoised)."""

    def __init__(self, gazetteer: Any) -> None:
        self.gaz = gazetteer
        self.variants = VariantIndex(gazetteer)
        self._lookup = lru_cache(maxsize=200_000)(self._lookup_uncached)
        self._tokens: list[Any] = []

    def _lookup_uncached(self, text: str) -> tuple[Any, ...]:
        from kharita.places.gazetteer import normalize_name

        iso2 = lx.COUNTRY_ABBREVIATIONS.get(text)
        if iso2 is not None:
            country = self.gaz.country(iso2)
            return (country,) if country is not None else ()
        if "." in text and text[:1].isupper():  # "Ky.", "Calif.", "N.Y.", "W.Va"
            bare = text.rstrip(".")
            state = lx.us_state_abbreviations().get(bare)
            if state is not None and (not bare.isupper() or "." in bare):
                return tuple(c for c in self.gaz.lookup(state)
                             if c.feature_code == "ADM1" and c.country == "US")
        key = normalize_name(text)
        if len(key) < 2:
            return ()
        return tuple(self.gaz.lookup(key))

    def lookup(self, text: str) -> list[Any]:
        return list(self._lookup(text))

    def __call__(self, text: str, sdoc: Any) -> Recognition:
        tokens = self._tokens = list(sdoc)  # Token objects are costly: build them once
        sent_of = _sentence_index(sdoc)
        ents = _entity_map(sdoc)
        persons = surnames(tokens, ents)  # "Bob Ripley" makes a later "Ripley" a person
        chrome = _chrome_tokens(text, tokens)
        demonyms = _demonyms(tokens, ents, chrome)
        mentions = self._entity_mentions(text, sdoc, sent_of, chrome, persons)
        # "Saudi Arabia": a demonym inside a longer place name is part of that name
        demonyms = [(a, b, code) for a, b, code in demonyms
                    if not any(m.start <= a and b <= m.end and (m.start, m.end) != (a, b) for m in mentions)]
        mentions = [m for m in mentions if not any(a < m.end and m.start < b for a, b, _ in demonyms)]
        covered = _covered(tokens, [(a, b) for a, b, _ in demonyms])
        mentions = _merge_longer(mentions, self._gazetteer_mentions(text, tokens, ents, sent_of, chrome | covered, persons))
        mentions += self._unknown_mentions(text, sdoc, mentions, sent_of, chrome, persons)
        mentions += _shape_mentions(text, tokens, mentions, demonyms, sent_of, chrome)
        mentions.sort(key=lambda m: m.start)
        mentions += self._state_abbreviations(text, tokens, mentions, sent_of)
        mentions += _repeated_mentions(text, tokens, mentions, demonyms, sent_of, chrome, persons)
        mentions.sort(key=lambda m: m.start)
        apply_cues(text, tokens, mentions)
        link_qualifiers(text, mentions)
        linked = list(mentions)
        mentions = self._abbreviations(text, tokens, mentions, sent_of)
        landmarks = find_landmarks(text)
        whole = {(a, b) for a, b, _ in landmarks}
        mentions = [m for m in mentions if (m.start, m.end) not in whole  # "White House"
                    and not _OPERATION.search(text, max(0, m.start - 14), m.start)
                    # "Moscow and the West", "the North": a bloc or a vague part, not
                    # Cameroon's West region (compass parts of a place are read apart)
                    and m.text.lower() not in DIRECTION_WORDS]
        _relink(linked, mentions)
        return Recognition(mentions, demonyms, landmarks)

    # -- named entities the gazetteer knows (exactly or as a spelling variant) -------
    def _entity_mentions(
        self, text: str, sdoc: Any, sent_of: list[int], chrome: set[int], persons: set[str]
    ) -> list[Mention]:
        out: list[Mention] = []
        tokens = self._tokens
        for ent in sdoc.ents:
            if ent.label_ not in {"GPE", "LOC"} or ent.start in chrome:
                continue
            span = trim_entity(ent)
            if span is None:
                continue
            s, e = span
            if in_ezafe_compound(tokens, s, e):
                continue
            if _person_here(tokens, s, e, persons):
                continue
            if describes_not_names(tokens, s, e - 1):
                continue  # the model's GPE "an Islamic Republic": a kind of state, no name
            start, end = tokens[s].idx, tokens[e - 1].idx + len(tokens[e - 1].text)
            m = Mention(start, end, text[start:end], [], "ner", label=ent.label_, sent=sent_of[s])
            cands = self.lookup(m.text)
            if not cands and not ACRONYM.match(m.text):
                if _forename(tokens, e):
                    continue  # "Jamal Khashoggi": no spelling of a place
                last = tokens[e - 1]
                if last.dep_ == "compound" and last.head.lemma_.lower() in _WEAPON_KINDS:
                    continue  # "Katyusha rockets", "Grad launchers": a make of weapon, no place
                cands = self.variants.match(m.text)
                m.source, m.quality = "variant", 0.8
            if cands:
                m.candidates = cands
                # "Khwaja" (GPE) of "Khwaja Baha Wuddin district": part of a longer name
                m.weak = _typed_run_prefix(tokens, s, e - 1) and not any(is_prominent(c) for c in cands)
                out.append(m)
        return out

    # -- gazetteer matches over capitalised token runs -------------------------------
    def _gazetteer_mentions(
        self, text: str, tokens: list[Any], ents: list[Any], sent_of: list[int], chrome: set[int],
        persons: set[str],
    ) -> list[Mention]:
        out: list[Mention] = []
        rejected: list[tuple[Mention, int, int]] = []
        i, n = 0, len(tokens)
        while i < n:
            tok = tokens[i]
            if i in chrome or not _can_start(tok) or in_ezafe_compound(tokens, i, i + 1, after=False):
                i += 1
                continue
            best: tuple[int, list[Any]] | None = None
            j = i
            while j < n and j - i < MAX_NAME_TOKENS:
                tj = tokens[j]
                if j > i and (j in chrome or not _can_continue(tj, tokens[j - 1])):
                    break
                if _can_end(tj):
                    name = text[tok.idx : tj.idx + len(tj.text)]
                    after = f"{name} {tokens[j + 1].text}" if j + 1 < n else name  # "Donetsk oblast"
                    cands = drop_typed_aliases(self.lookup(name), after)
                    if cands:
                        best = (j, cands)
                j += 1
            if best is not None and best[0] + 1 < n and tokens[best[0] + 1].lower_ in lx.TYPE_WORDS:
                # "Kurdistan region": a curated region whose name carries its type word
                # in lower case, kharita's own alias (not Iran's Kurdistan province)
                nxt = tokens[best[0] + 1]
                longer = [c for c in self.lookup(text[tok.idx: nxt.idx + len(nxt.text)]) if c.geonameid < 0]
                if longer:
                    best = (best[0] + 1, longer)
            source = "gazetteer"
            link = _ezafe_end(tokens, i, j)
            start_at = _compound_start(tokens, i, link) if link is not None else i
            if start_at > i:  # "Hazar Asp of Nawa-e Barakzayi": the compound starts later
                if best is not None and best[0] >= start_at - 1:
                    best = None
                if best is None:
                    i += 1
                    continue
            elif link is not None and (best is None or best[0] < link):
                # "Sar-e Pol", "Pul-e-Charkhi": a Persian compound is one name; its
                # first word alone ("Sar", "Pul") is a different place
                stop = next((k for k in range(link, j) if tokens[k].text.islower()
                             and tokens[k].lower_ not in EZAFE), j)  # "... of Kash Rod"
                m = self._ezafe_compound(text, tokens, i, stop - 1, sent_of)
                if m is not None:
                    out.append(m)
                i = stop
                continue
            if (best is None or best[0] < j - 1) and (typed := self._typed_variant(text, tokens, i, j)):
                best, source = typed, "variant"  # "Kash Rod district": not "Kash" alone
            if best is None:
                best = self._variant_after_preposition(text, tokens, i, chrome)
                source = "variant"
            if best is None:
                i += 1
                continue
            j, cands = best
            start, end = tok.idx, tokens[j].idx + len(tokens[j].text)
            if arabic_article(tokens, i) and (
                    arab := [c for c in cands if c.country in ARABIC_NAME_COUNTRIES]):
                # "al-Bab": the article is part of the name, and an Arabic name is not
                # one of its namesakes' spellings elsewhere
                cands, start = arab, tokens[i - 2].idx
            m = Mention(start, end, text[start:end], cands, source, sent=sent_of[i],
                        quality=1.0 if source == "gazetteer" else 0.8)
            m.label = ents[i].label_ if ents[i] is not None else None
            if (j == i and tok.is_stop and not tok.text.isupper()) or (
                    source == "variant" and (m.label in _NOT_PLACE_LABELS or _forename(tokens, j + 1))):
                # "No 10 spokesman", "No action": a function word is no place; and a
                # name the parser calls a person or an organisation, or a forename
                # ("Jamal Khashoggi"), gets no fuzzy spelling match ("Putin" is not Putian)
                i += 1
                continue
            verdict = plausible_match(m, tokens, i, j, ents, persons)
            if verdict != "no" and j == i and _kin_named(tokens, i):
                verdict = "no"  # "his father, Paul,": a person, not Paul, Cape Verde
            if verdict == "no" and link is not None and j >= link:  # "Qasr-e Shirin": the model splits it
                verdict = "yes" if _locative(tokens, i, j) else "weak"
            if verdict == "yes" and j == i and self._prefix_of_unknown(tokens, j, chrome) and not any(
                    is_prominent(c) for c in cands):
                verdict = "weak"  # "Qaisar Kuhadanak": a small town's name opening a longer one
            if verdict == "yes" and _typed_run_prefix(tokens, i, j) and not any(is_prominent(c) for c in cands):
                verdict = "weak"  # "Khwaja" of "Khwaja Baha Wuddin district"
            if verdict != "no":
                m.weak = verdict == "weak"
                out.append(m)
                i = j + 1
            else:
                rejected.append((m, i, j))
                i += 1
        return out + one_sense_per_discourse(out, rejected, ents)

    def _prefix_of_unknown(self, tokens: list[Any], j: int, chrome: set[int]) -> bool:
        """Whether the match ending at token j is followed by a capitalised word of the
        same name that is neither a type word nor a place itself."""
        k = j + 1
        if k >= len(tokens) or k in chrome or tokens[j].whitespace_ != " ":
            return False
        if tokens[k].lower_ in lx.ARTICLES and k + 2 < len(tokens) and tokens[k + 1].text == "-":
            return tokens[k + 2].text.istitle()  # "Hawija al-Sakhr"
        nxt = tokens[k]
        if not (nxt.is_alpha and nxt.text.istitle()) or nxt.lower_ in lx.TYPE_WORDS:
            return False
        return not self.lookup(nxt.text) and nxt.pos_ == "PROPN"

    def _ezafe_compound(self, text: str, tokens: list[Any], i: int, j: int,
                        sent_of: list[int]) -> Mention | None:
        """The whole ezafe compound at tokens i..j as a spelling variant or an unknown
        name; unknown only with a place cue (type word after it or a locative
        preposition before it), else nothing."""
        while j > i and not _can_end(tokens[j]):
            j -= 1
        start, end = tokens[i].idx, tokens[j].idx + len(tokens[j].text)
        cands = self.variants.match(text[start:end])
        m = Mention(start, end, text[start:end], cands, "variant" if cands else "cue",
                    sent=sent_of[i], quality=0.8 if cands else 1.0)
        if cands:
            return m
        return m if _locative(tokens, i, j) else None

    def _typed_variant(self, text: str, tokens: list[Any], i: int, j: int) -> tuple[int, list[Any]] | None:
        """A run of two or more capitalised words before a type word ("Kash Rod
        district") may be a spelling variant of a known place as a whole."""
        if j - i < 2 or j >= len(tokens) or tokens[j].lower_ not in lx.TYPE_WORDS:
            return None
        if not all(_can_end(tokens[k]) for k in range(i, j)):
            return None
        cands = self.variants.match(text[tokens[i].idx : tokens[j - 1].idx + len(tokens[j - 1].text)])
        return (j - 1, cands) if cands else None

    def _variant_after_preposition(
        self, text: str, tokens: list[Any], i: int, skip: set[int]
    ) -> tuple[int, list[Any]] | None:
        """ "fled to Idleb", "the eastern town of Avdiivka": an unlabelled proper noun
        after a locative preposition, or after a place-type word and "of", may be a
        spelling variant of a known place."""
        if i == 0 or tokens[i].pos_ != "PROPN":
            return None
        prev = tokens[i - 1].lower_
        typed_of = prev == "of" and i >= 2 and tokens[i - 2].lower_ in lx.TYPE_WORDS
        if prev not in lx.LOC_PREPS - {"of"} and not typed_of:
            return None
        j = i
        while j + 1 < len(tokens) and j + 1 not in skip and _can_end(tokens[j + 1]) and (
                j + 1 - i < MAX_NAME_TOKENS):
            j += 1
        cands = self.variants.match(text[tokens[i].idx : tokens[j].idx + len(tokens[j].text)])
        return (j, cands) if cands else None

    # -- named entities not in the gazetteer: unknown toponyms -----------------------
    def _unknown_mentions(
        self, text: str, sdoc: Any, mentions: list[Mention], sent_of: list[int], chrome: set[int],
        persons: set[str],
    ) -> list[Mention]:
        tokens = self._tokens
        out: list[Mention] = []
        taken = [(m.start, m.end) for m in mentions]
        for ent in sdoc.ents:
            if ent.start in chrome:
                continue
            span = trim_entity(ent)
            if span is None:
                continue
            s, e = span
            start, end = tokens[s].idx, tokens[e - 1].idx + len(tokens[e - 1].text)
            if in_ezafe_compound(tokens, s, e) or not entity_is_place(ent, tokens, s, e) or \
                    describes_not_names(tokens, s, e - 1):
                continue
            if _person_here(tokens, s, e, persons) or _forename(tokens, e) or (
                    _forename(tokens, s) and tokens[s - 1].ent_type_ in ("GPE", "LOC", "PERSON")
                    and not self.lookup(tokens[s - 1].text)):
                continue  # "Jamal Khashoggi" read as two places: neither is one
            if titled(tokens, s):
                continue  # "the attack on Mr Okafor" (tagged GPE): a person, no place
            inner = [m for m in mentions if start <= m.start and m.end <= end]
            if any(a < end and start < b for a, b in taken if (a, b) not in
                   {(m.start, m.end) for m in inner}) or (inner and ent.label_ not in {"GPE", "LOC"}):
                continue
            if inner and (inner[0].start, inner[-1].end) == (start, end):
                continue
            m = Mention(start, end, text[start:end], [], "ner", label=ent.label_, sent=sent_of[s])
            if not inner and not ACRONYM.match(m.text):
                # a name the entity layer calls a person or an organisation but the text
                # puts beside a place-type word ("the clinic inside al-Hawl camp", "the town of
                # X"): the gazetteer's own entry, else a spelling variant
                cands = self.lookup(m.text) if ent.label_ in ("PERSON", "ORG") else []
                if cands:
                    m.candidates = cands
                elif cands := self.variants.match(m.text):
                    m.candidates, m.source, m.quality = cands, "variant", 0.8
            for x in inner:  # "Baghuz Fawqani" around a known "Baghuz": keep the whole name
                mentions.remove(x)
                m.inner = x.candidates
            out.append(m)
            taken.append((start, end))
        return out

    # -- "X, Okla." / "X, MS": US state abbreviations after a place ----------------
    def _state_abbreviations(
        self, text: str, tokens: list[Any], mentions: list[Mention], sent_of: list[int]
    ) -> list[Mention]:
        ends = {m.end for m in mentions}
        starts = {m.start for m in mentions}
        table = lx.us_state_abbreviations()
        out = []
        for i, tok in enumerate(tokens[2:], start=2):
            if tokens[i - 1].text != "," or tokens[i - 2].idx + len(tokens[i - 2].text) not in ends:
                continue
            if tok.idx in starts:
                continue
            word = tok.text.rstrip(".")
            name = table.get(word)
            if name is None or (word.isupper() and len(word) == 2 and tok.text.endswith(".")):
                continue
            cands = [c for c in self.lookup(name) if c.feature_code == "ADM1" and c.country == "US"]
            if cands:
                end = tok.idx + len(tok.text)
                out.append(Mention(tok.idx, end, text[tok.idx:end], cands, "abbreviation",
                                   hint="admin1", sent=sent_of[i]))
        return out

    # -- abbreviations defined in the text -------------------------------------------
    def _abbreviations(
        self, text: str, tokens: list[Any], mentions: list[Mention], sent_of: list[int]
    ) -> list[Mention]:
        defined: dict[str, int] = {}
        for k, m in enumerate(mentions):
            after = re.match(r"\s*\(([A-Z][A-Za-z]{1,7})\)", text[m.end : m.end + 12])
            if after and is_initialism(after.group(1), m.text):
                defined[after.group(1)] = k
        if not defined:
            return mentions
        taken = {(m.start, m.end) for m in mentions}
        out = list(mentions)
        for m in out:  # the abbreviation already found on its own: point it at its long form
            k = defined.get(m.text)
            if k is not None and out[k] is not m:
                m.candidates, m.source, m.abbreviation_of = list(out[k].candidates), "abbreviation", k
        for i, tok in enumerate(tokens):
            k = defined.get(tok.text)
            span = (tok.idx, tok.idx + len(tok.text))
            if k is None or any(a < span[1] and span[0] < b for a, b in taken):
                continue
            base = mentions[k]
            out.append(
                Mention(span[0], span[1], tok.text, list(base.candidates), "abbreviation",
                        hint=base.hint, sent=sent_of[i], abbreviation_of=k)
            )
        out.sort(key=lambda m: m.start)
        return out  # abbreviation_of still indexes ``mentions``: the caller relinks


def _repeated_mentions(text: str, tokens: list[Any], mentions: list[Mention],
                       demonyms: list[tuple[int, int, str]], sent_of: list[int], chrome: set[int],
                       persons: set[str]) -> list[Mention]:
    """Every later or earlier use of a name the text already took as a place.

    The entity layer labels the same word differently from sentence to sentence
    ("Residents of X said", "marched through X", "In X, 12 bodies were found"), so a
    town found once is missed elsewhere.  A name the document read as a place (not
    weak, not a news outlet's seat) is a place wherever it stands alone: the exact
    words at token boundaries, not inside a longer capitalised name ("X Road",
    "Mr X"), not a person's surname, not after an article of things ("a X"), not on
    page chrome.  Not repeated: a single English word ("Movement", "City"), nor a
    name the gazetteer does not know that the text never put after a place
    preposition or beside a place-type word (a person the entity layer once called
    a place would spread)."""
    names: dict[str, Mention] = {}
    for m in mentions:
        if m.weak or m.outlet or m.source in ("abbreviation", "shape") or len(m.text) < 3:
            continue
        if not m.text[:1].isupper() or m.text.isupper() or m.text in persons:
            continue
        if " " not in m.text and m.text.lower() in dictionary():
            continue  # an English word ("Movement", "City"): a place only where the text says so
        names.setdefault(m.text, m)
    # a name the gazetteer does not know is repeated only when the text once put it
    # after a place preposition or beside a place-type word ("near X", "the town of X")
    starts = {t.idx: k for k, t in enumerate(tokens)}
    cued = {m.text for m in mentions if _place_cue(tokens, starts, m)}
    names = {n: m for n, m in names.items() if m.candidates or n in cued}
    if not names:
        return []
    spans = [(m.start, m.end) for m in mentions] + [(a, b) for a, b, _ in demonyms]
    taken = _covered(tokens, spans)
    ends = {t.idx + len(t.text): k for k, t in enumerate(tokens)}
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
                         + r")(?![\w-])")
    out = []
    for hit in pattern.finditer(text):
        s, e = starts.get(hit.start()), ends.get(hit.end())
        if s is None or e is None or any(k in taken or k in chrome for k in range(s, e + 1)):
            continue
        if _part_of_longer_name(tokens, s, e) or _person_here(tokens, s, e + 1, persons):
            continue
        if s > 0 and tokens[s - 1].lower_ in THING_DETERMINERS:
            continue  # "a Taser", "each Hummer": a thing of that name, not the place
        base = names[hit.group()]
        m = Mention(hit.start(), hit.end(), hit.group(), list(base.candidates), base.source,
                    label=tokens[s].ent_type_ or None, quality=base.quality, sent=sent_of[s])
        m.inner = list(base.inner)
        out.append(m)
        taken.update(range(s, e + 1))
    return out


THING_DETERMINERS = frozenset({"a", "an", "each", "every", "another", "any"})
UNKNOWN_CUES = lx.STRONG_LOC_PREPS | lx.NEAR_PREPS | frozenset({"through", "into", "from"})


def _place_cue(tokens: list[Any], starts: dict[int, int], m: Mention) -> bool:
    """A place preposition before the mention ("near X", "through X") or a place-type
    word beside it ("the town of X", "X village"); ``starts`` maps offsets to tokens."""
    s = starts.get(m.start)
    if s is None:
        return False
    e = s
    while e + 1 < len(tokens) and tokens[e + 1].idx < m.end:
        e += 1
    before = tokens[s - 1].lower_ if s > 0 else ""
    typed_of = before == "of" and s > 1 and tokens[s - 2].lower_ in lx.OF_TYPE_WORDS
    after = tokens[e + 1].lower_ if e + 1 < len(tokens) else ""
    return before in UNKNOWN_CUES or typed_of or after in lx.TYPE_WORDS


def _part_of_longer_name(tokens: list[Any], s: int, e: int) -> bool:
    """Tokens s..e (inclusive) sit inside a longer capitalised name: a title-case
    word joined before ("Mr X", "Lake X") or after ("X Road", "X Province")."""
    if s > 0 and tokens[s - 1].is_alpha and tokens[s - 1].text[:1].isupper() and tokens[s - 1].whitespace_ \
            and tokens[s - 1].pos_ == "PROPN" and not tokens[s - 1].is_sent_start:
        return True
    return bool(e + 1 < len(tokens) and tokens[e].whitespace_ and tokens[e + 1].is_alpha
                and tokens[e + 1].text[:1].isupper() and tokens[e + 1].pos_ == "PROPN")


def _surname_here(tokens: list[Any], s: int, e: int, person_names: set[str]) -> bool:
    """One word the text uses as a person's surname ("Hoda Muthana ... Muthana fled"),
    not after a locative preposition ("in Muthana"): the person, not a place the
    entity layer guessed (the gazetteer path has the same rule)."""
    if e - s != 1 or tokens[s].text not in person_names:
        return False
    prev = tokens[s - 1].lower_ if s else ""
    if prev == "of":  # "the town of Muthana" is a place; "the transfer of Kotey" a person
        return not (s >= 2 and tokens[s - 2].lower_ in lx.OF_TYPE_WORDS)
    return prev not in lx.LOC_PREPS


def _relink(before: list[Mention], after: list[Mention]) -> None:
    """Re-point the index links (``qualifier``, ``abbreviation_of``) from positions in
    ``before`` to positions in ``after``, once mentions were added, sorted or dropped.

    Left stale, a link pointed at the wrong mention, or past the end of the list
    (an IndexError that cost the document its places).  A link to a dropped
    mention (a landmark such as "White House") is cut.
    """
    where = {id(m): i for i, m in enumerate(after)}
    for m in after:
        for attr in ("qualifier", "abbreviation_of"):
            k = getattr(m, attr)
            if k is not None:
                setattr(m, attr, where.get(id(before[k])) if 0 <= k < len(before) else None)


def _merge_longer(ents: list[Mention], runs: list[Mention]) -> list[Mention]:
    """Entity mentions plus gazetteer-run mentions; a run that strictly contains
    entity mentions replaces them ("Shirin Tagab" over an entity "Tagab"), a run
    overlapping an entity mention otherwise yields to it."""
    out = list(ents)
    for r in runs:
        inside = [m for m in ents if r.start <= m.start and m.end <= r.end]
        other = [m for m in ents if m.start < r.end and r.start < m.end and m not in inside]
        if other or any((m.start, m.end) == (r.start, r.end) for m in inside):
            continue
        for m in inside:
            out.remove(m)
        out.append(r)
    return out


def _shape_mentions(text: str, sdoc: Any, mentions: list[Mention], demonyms: list[tuple[int, int, str]],
                    sent_of: list[int], chrome: set[int]) -> list[Mention]:
    """Streets and physical features (see :mod:`kharita.places.patterns`)."""
    spans = [(m.start, m.end) for m in mentions] + [(a, b) for a, b, _ in demonyms]
    tokens = list(sdoc) if not isinstance(sdoc, list) else sdoc
    taken = _covered(tokens, spans)
    out = []
    for i, j, kind in shape_mentions(tokens, taken, chrome):
        start, end = tokens[i].idx, tokens[j].idx + len(tokens[j].text)
        out.append(Mention(start, end, text[start:end], [], "shape", hint=kind, sent=sent_of[i]))
    return out


def _covered(tokens: list[Any], spans: list[tuple[int, int]]) -> set[int]:
    """Indices of the tokens that overlap any of the character spans."""
    starts = [t.idx for t in tokens]
    out: set[int] = set()
    for a, b in spans:
        k = max(0, bisect.bisect_right(starts, a) - 1)
        while k < len(tokens) and starts[k] < b:
            if starts[k] + len(tokens[k].text) > a:
                out.add(k)
            k += 1
    return out


# -- token helpers --------------------------------------------------------------------
def _sentence_index(sdoc: Any) -> list[int]:
    idx = [0] * len(sdoc)
    try:
        for k, sent in enumerate(sdoc.sents):
            for t in range(sent.start, sent.end):
                idx[t] = k
    except ValueError:  # no sentence boundaries (parser disabled)
        pass
    return idx


def _entity_map(sdoc: Any) -> list[Any]:
    ents: list[Any] = [None] * len(sdoc)
    for ent in sdoc.ents:
        for t in range(ent.start, ent.end):
            ents[t] = ent
    return ents


def _chrome_tokens(text: str, tokens: list[Any]) -> set[int]:
    """Tokens on page-chrome lines: short lines with no sentence in them.

    "skip to Main Content", "Back To Top", "Home | World | Syria": a line of at
    most five words with no final punctuation, or one made of menu separators.
    Headlines are longer or carry a place the NER layer also sees, so they stay.
    """
    out: set[int] = set()
    line_start = 0
    for line in text.split("\n"):
        words = line.split()
        is_menu = line.count("|") >= 2 or line.count("»") >= 1
        short = 0 < len(words) <= 5 and not re.search(r"[.!?:\"”]\s*$", line)
        if is_menu or (short and not any(w[0].isdigit() for w in words)):
            lo, hi = line_start, line_start + len(line)
            out.update(i for i, t in enumerate(tokens) if lo <= t.idx < hi)
        line_start += len(line) + 1
    return out


KIN = frozenset({"daughter", "son", "wife", "husband", "brother", "sister", "mother", "father",
                 "cousin", "uncle", "aunt", "nephew", "niece", "grandson", "granddaughter",
                 "widow", "widower", "fiancee", "fiancée", "fiance", "fiancé", "stepson",
                 "stepdaughter", "child", "baby", "girlfriend", "boyfriend",
                 "grandfather", "grandmother", "stepfather", "stepmother", "sons", "daughters",
                 "brothers", "sisters", "parents", "children"})


def _person_here(tokens: list[Any], s: int, e: int, person_names: set[str]) -> bool:
    """The entity at tokens s..e is a person's name by the text's own evidence: the
    surname of someone named in full, or a name after a kinship noun."""
    return _surname_here(tokens, s, e, person_names) or _kin_named(tokens, s)


def _kin_named(tokens: list[Any], s: int) -> bool:
    """ "his daughter Yulia", "her son, Adam,": the name after a kinship noun is a
    person's, whatever the entity layer called it."""
    k = s - 1
    if k >= 0 and tokens[k].text == ",":
        k -= 1
    return k >= 0 and tokens[k].lower_ in KIN


# "Operation Olive Branch", "operation “Euphrates Shield”": a military operation's
# name is no place (Olive Branch, Mississippi)
_OPERATION = re.compile(r"\b[Oo]peration\s*[\"“‘']?\s*$")

# what a name before it makes a make or model of ("Katyusha rockets")
_WEAPON_KINDS = frozenset({"rocket", "missile", "drone", "launcher", "rifle", "tank", "jet",
                           "helicopter", "gun", "shell", "bomb", "munition", "howitzer", "system"})
_NOT_PLACE_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT",
                               "DATE", "TIME"})  # "Sunday's abduction" is no misspelt town


def _can_start(tok: Any) -> bool:
    return is_cap(tok) and (tok.is_alpha or "." in tok.text or "'" in tok.text or "’" in tok.text)


# Persian/Dari ezafe and linking particles in hyphenated names: "Sar-e Pol",
# "Mazar-i-Sharif", "Sangi-ye Pain".
EZAFE = frozenset(("e", "i", "ye", "yi", "e'", "o"))


def _ezafe_end(tokens: list[Any], i: int, j: int) -> int | None:
    """Index of the first word after the last ezafe link in the run i..j-1, if any."""
    out = None
    for k in range(i + 1, min(j, len(tokens) - 1)):
        if tokens[k].lower_ in EZAFE and tokens[k - 1].text == "-" and not tokens[k - 1].whitespace_:
            out = k + 1 if tokens[k + 1].text != "-" else k + 2
    return out


def _compound_start(tokens: list[Any], i: int, link: int) -> int:
    """First token of the ezafe compound ending the run i..link: after the last
    plain lower-case joiner ("of", "and") before the link."""
    start = i
    for k in range(i + 1, link):
        if tokens[k].text.islower() and tokens[k].lower_ not in EZAFE:
            start = k + 1
    return start


def _typed_run_prefix(tokens: list[Any], i: int, j: int) -> bool:
    """Whether the match i..j is only the start of capitalised words that a lower-case
    type word follows ("Khwaja" of "Khwaja Baha Wuddin district"): the type word
    belongs to the whole name."""
    k = j + 1
    while k < len(tokens) and _can_end(tokens[k]) and tokens[k - 1].whitespace_ == " ":
        k += 1
    return k > j + 1 and k < len(tokens) and tokens[k].lower_ in lx.TYPE_WORDS and tokens[k].text.islower()


def _locative(tokens: list[Any], i: int, j: int) -> bool:
    """A locative preposition before tokens i..j or a type word after them."""
    prev = tokens[i - 1].lower_ if i else ""
    prev = tokens[i - 2].lower_ if prev == "the" and i > 1 else prev
    nxt = tokens[j + 1].lower_ if j + 1 < len(tokens) else ""
    return prev in lx.LOC_PREPS or nxt in lx.TYPE_WORDS


def in_ezafe_compound(tokens: list[Any], s: int, e: int, after: bool = True) -> bool:
    """Whether tokens s..e-1 are only part of a hyphenated ezafe compound ("Mazar"
    in "Mazar-e Sharif", "Sharif" in it)."""
    follows = e + 1 < len(tokens) and tokens[e].text == "-" and not tokens[e - 1].whitespace_ \
        and tokens[e + 1].lower_ in EZAFE
    before = s >= 2 and tokens[s - 1].lower_ in EZAFE and tokens[s - 2].text == "-" and (
        not tokens[s - 2].whitespace_)
    before = before or (s >= 3 and tokens[s - 1].text == "-" and tokens[s - 2].lower_ in EZAFE
                        and tokens[s - 3].text == "-")
    return (after and follows) or before


def _can_continue(tok: Any, prev: Any) -> bool:
    if "\n" in tok.text or "\n" in prev.whitespace_:
        return False
    if tok.lower_ in EZAFE and prev.text == "-" and not prev.whitespace_:
        return True  # "Sar-e Pol"
    if is_cap(tok) and (tok.is_alpha or tok.text.endswith(".")):
        return True
    low = tok.text.lower()
    return low in lx.JOINERS or tok.text in {"-", "'", "’"}


# one word with an inner apostrophe: "N'Djamena", "Sa'dah", "Ma'rib"
_APOSTROPHE_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)+")


def _can_end(tok: Any) -> bool:
    return is_cap(tok) and (tok.is_alpha or tok.text.endswith(".")
                            or _APOSTROPHE_WORD.fullmatch(tok.text) is not None)


def _demonyms(tokens: list[Any], ents: list[Any], chrome: set[int]) -> list[tuple[int, int, str]]:
    """Demonyms and adjectives of place ("Syrian", "Sri Lankan"), longest first.

    Not inside a person's or an organisation's name ("Mr. German", "the Syrian
    Democratic Forces" still counts: the adjective says where the group is from).
    """
    out = []
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        if i in chrome or not is_cap(tok) or (ents[i] is not None and ents[i].label_ == "PERSON"):
            i += 1
            continue
        hit = None
        for k in (2, 1):
            if i + k > n:
                continue
            last = tokens[i + k - 1]
            words = " ".join(t.text for t in tokens[i : i + k])
            code = demonym_code(words)
            if code is not None:
                hit = (tok.idx, last.idx + len(last.text), code, k)
                break
        if hit is None:
            i += 1
            continue
        out.append(hit[:3])
        i += hit[3]
    return out


def _forename(tokens: list[Any], end: int) -> bool:
    """The name ending before token ``end`` is directly followed by another proper
    name that is no place-type word ("Jamal Khashoggi", which the tagger may read as
    two places): read as a forename, it is no spelling variant of a place, nor an
    unknown one (and the name after an unknown forename is none either)."""
    if end <= 0 or end >= len(tokens):
        return False
    nxt, last = tokens[end], tokens[end - 1]
    return (nxt.pos_ == "PROPN" and nxt.is_title and nxt.idx == last.idx + len(last.text) + 1
            and nxt.lower_ not in lx.TYPE_WORDS)
