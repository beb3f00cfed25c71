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
from kharita.places.demonyms import demonym_country
from kharita.places.landmarks import find_landmarks
from kharita.places.patterns import shape_mentions
from kharita.places.variants import VariantIndex

MAX_NAME_TOKENS = 7
NER_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_ACRONYM = re.compile(r"^[A-Z][A-Z.&]{1,7}$")


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

    @property
    def known(self) -> bool:
        return bool(self.candidates)


@dataclass
class Recognition:
    mentions: list[Mention]
    demonyms: list[tuple[int, int, str]]  # (start, end, ISO2)
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
        chrome = _chrome_tokens(text, tokens)
        demonyms = _demonyms(tokens, ents, chrome)
        mentions = self._entity_mentions(text, sdoc, sent_of, chrome, known=True)
        mentions = [m for m in mentions if not any(a < m.end and m.start < b for a, b, _ in demonyms)]
        spans = [(m.start, m.end) for m in mentions] + [(a, b) for a, b, _ in demonyms]
        covered = _covered(tokens, spans)
        mentions += self._gazetteer_mentions(text, tokens, ents, sent_of, chrome | covered)
        mentions += self._unknown_mentions(text, sdoc, mentions, sent_of, chrome)
        mentions += _shape_mentions(text, tokens, mentions, demonyms, sent_of, chrome)
        mentions.sort(key=lambda m: m.start)
        mentions += self._state_abbreviations(text, tokens, mentions, sent_of)
        mentions.sort(key=lambda m: m.start)
        _apply_cues(text, tokens, mentions)
        _link_qualifiers(text, mentions)
        mentions = self._abbreviations(text, tokens, mentions, sent_of)
        landmarks = find_landmarks(text)
        whole = {(a, b) for a, b, _ in landmarks}
        mentions = [m for m in mentions if (m.start, m.end) not in whole]  # "White House"
        return Recognition(mentions, demonyms, landmarks)

    # -- named entities the gazetteer knows (exactly or as a spelling variant) -------
    def _entity_mentions(
        self, text: str, sdoc: Any, sent_of: list[int], chrome: set[int], known: bool
    ) -> list[Mention]:
        out: list[Mention] = []
        for ent in sdoc.ents:
            if ent.label_ not in {"GPE", "LOC"} or ent.start in chrome:
                continue
            span = _trim_entity(ent)
            if span is None:
                continue
            s, e = span
            tokens = self._tokens
            start, end = tokens[s].idx, tokens[e - 1].idx + len(tokens[e - 1].text)
            m = Mention(start, end, text[start:end], [], "ner", label=ent.label_, sent=sent_of[s])
            cands = self.lookup(m.text)
            if not cands and not _ACRONYM.match(m.text):
                cands = self.variants.match(m.text)
                m.source, m.quality = "variant", 0.8
            if cands:
                m.candidates = cands
                out.append(m)
        return out

    # -- gazetteer matches over capitalised token runs -------------------------------
    def _gazetteer_mentions(
        self, text: str, tokens: list[Any], ents: list[Any], sent_of: list[int], chrome: set[int]
    ) -> list[Mention]:
        out: list[Mention] = []
        rejected: list[tuple[Mention, int, int]] = []
        surnames = _surnames(tokens, ents)
        i, n = 0, len(tokens)
        while i < n:
            tok = tokens[i]
            if i in chrome or not _can_start(tok):
                i += 1
                continue
            best: tuple[int, list[Any]] | None = None
            j = i
            while j < n and j - i < MAX_NAME_TOKENS:
                tj = tokens[j]
                if j > i and (j in chrome or not _can_continue(tj, tokens[j - 1])):
                    break
                if _can_end(tj):
                    cands = _drop_typed_aliases(self.lookup(name := text[tok.idx : tj.idx + len(tj.text)]), name)
                    if cands:
                        best = (j, cands)
                j += 1
            source = "gazetteer"
            if best is None:
                best = self._variant_after_preposition(text, tokens, i, chrome)
                source = "variant"
            if best is None:
                i += 1
                continue
            j, cands = best
            start, end = tok.idx, tokens[j].idx + len(tokens[j].text)
            m = Mention(start, end, text[start:end], cands, source, sent=sent_of[i],
                        quality=1.0 if source == "gazetteer" else 0.8)
            m.label = ents[i].label_ if ents[i] is not None else None
            if _plausible_match(m, tokens, i, j, ents, surnames):
                out.append(m)
                i = j + 1
            else:
                rejected.append((m, i, j))
                i += 1
        return out + _one_sense_per_discourse(out, rejected, ents)

    def _variant_after_preposition(
        self, text: str, tokens: list[Any], i: int, skip: set[int]
    ) -> tuple[int, list[Any]] | None:
        """ "fled to Idleb": an unlabelled proper noun after a locative preposition
        may be a spelling variant of a known place."""
        if i == 0 or tokens[i - 1].lower_ not in lx.LOC_PREPS - {"of"} or tokens[i].pos_ != "PROPN":
            return None
        j = i
        while j + 1 < len(tokens) and j + 1 not in skip and _can_end(tokens[j + 1]) and (
                j + 1 - i < MAX_NAME_TOKENS):
            j += 1
        cands = self.variants.match(text[tokens[i].idx : tokens[j].idx + len(tokens[j].text)])
        return (j, cands) if cands else None

    # -- named entities not in the gazetteer: unknown toponyms -----------------------
    def _unknown_mentions(
        self, text: str, sdoc: Any, mentions: list[Mention], sent_of: list[int], chrome: set[int]
    ) -> list[Mention]:
        tokens = self._tokens
        out: list[Mention] = []
        taken = [(m.start, m.end) for m in mentions]
        for ent in sdoc.ents:
            if ent.start in chrome:
                continue
            span = _trim_entity(ent)
            if span is None:
                continue
            s, e = span
            start, end = tokens[s].idx, tokens[e - 1].idx + len(tokens[e - 1].text)
            if not _entity_is_place(ent, tokens, s, e):
                continue
            inner = [m for m in mentions if start <= m.start and m.end <= end]
            if any(a < end and start < b for a, b in taken if (a, b) not in
                   {(m.start, m.end) for m in inner}) or (inner and ent.label_ not in {"GPE", "LOC"}):
                continue
            if inner and (inner[0].start, inner[-1].end) == (start, end):
                continue
            m = Mention(start, end, text[start:end], [], "ner", label=ent.label_, sent=sent_of[s])
            if not inner and not _ACRONYM.match(m.text):
                cands = self.variants.match(m.text)
                if cands:
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
            if after and _is_initialism(after.group(1), m.text):
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
        for m in out:  # indices moved with the sort: re-point to the base mention
            if m.abbreviation_of is not None:
                base = mentions[m.abbreviation_of]
                m.abbreviation_of = out.index(base)
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


def _is_cap(tok: Any) -> bool:
    t = tok.text
    return bool(t) and t[0].isupper()


def _can_start(tok: Any) -> bool:
    return _is_cap(tok) and (tok.is_alpha or "." in tok.text or "'" in tok.text)


def _can_continue(tok: Any, prev: Any) -> bool:
    if "\n" in tok.text or "\n" in prev.whitespace_:
        return False
    if _is_cap(tok) and (tok.is_alpha or tok.text.endswith(".")):
        return True
    low = tok.text.lower()
    return low in lx.JOINERS or tok.text in {"-", "'", "’"}


def _can_end(tok: Any) -> bool:
    return _is_cap(tok) and (tok.is_alpha or tok.text.endswith("."))


def _dateline(tokens: list[Any], i: int, j: int) -> bool:
    """ "BEIRUT (AP) —", "CHARLESTON, W.Va. --": an upper-case place opening a line."""
    first = tokens[i]
    at_line_start = i == 0 or "\n" in tokens[i - 1].text or "\n" in tokens[i - 1].whitespace_
    nxt = tokens[j + 1].text if j + 1 < len(tokens) else ""
    return at_line_start and len(first.text) >= 3 and nxt[:1] in {",", "(", "—", "–", "-", ":"}


def _surnames(tokens: list[Any], ents: list[Any]) -> set[str]:
    """Last words of multi-word person names: "Bob Ripley" makes a later "Ripley" a person."""
    out = set()
    for ent in {e for e in ents if e is not None and e.label_ == "PERSON" and len(e) > 1}:
        last = ent[-1]
        if last.text[:1].isupper() and last.is_alpha:
            out.add(last.text)
    return out


def _one_sense_per_discourse(
    accepted: list[Mention], rejected: list[tuple[Mention, int, int]], ents: list[Any]
) -> list[Mention]:
    """A name the text uses as a place elsewhere is a place here too.

    Recovers "Charleston" inside "the United Bank Charleston Market" or a
    politician's "D-Charleston" once the article has said "in Charleston";
    never inside a person's name.
    """
    from kharita.places.gazetteer import normalize_name

    keys = {normalize_name(m.text) for m in accepted if m.source == "gazetteer"}
    spans = [(m.start, m.end) for m in accepted]
    out = []
    for m, i, _ in rejected:
        ent = ents[i]
        if normalize_name(m.text) not in keys or (ent is not None and ent.label_ == "PERSON"):
            continue
        if any(a < m.end and m.start < b for a, b in spans):
            continue
        spans.append((m.start, m.end))
        out.append(m)
    return out


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    """English nouns and adjectives (the parser's lemmatizer tables), lower-case.

    A capitalised dictionary word ("Street", "Officer", "March", "Hope") that is
    also a small town needs more than capitalisation to count as a place.
    """
    try:
        from kharita import nlp

        table = nlp.load().get_pipe("lemmatizer").lookups.get_table("lemma_index")
        return frozenset(w for pos in ("noun", "adj", "verb") for w in table[pos])
    except (KeyError, ValueError, RuntimeError, OSError):  # no lookup tables: no filter
        return frozenset()


def _plausible_match(m: Mention, tokens: list[Any], i: int, j: int, ents: list[Any],
                     surnames: set[str] = frozenset()) -> bool:  # type: ignore[assignment]
    """Reject gazetteer hits that are common words or parts of other names."""
    ent = ents[i]
    first = tokens[i]
    best = max(m.candidates, key=_prominence)
    prev = tokens[i - 1].lower_ if i else ""
    if j == i and not _is_prominent(best) and prev not in lx.STRONG_LOC_PREPS and (
        first.text in surnames
        or (first.lower_ in _dictionary() and (ent is None or ent.label_ not in {"GPE", "LOC"}))
    ):
        return False
    if _ACRONYM.match(m.text) and _dateline(tokens, i, j):
        return True
    if ent is not None and ent.label_ in _NON_PLACE_LABELS:
        return ent.label_ == "LANGUAGE" and prev in lx.LOC_PREPS
    if _ACRONYM.match(m.text) and not any(_is_major(c) for c in m.candidates):
        return False  # "IS", "ISIS": only countries/regions/admin units are acronyms
    if ent is not None and (_trim_entity(ent) or (i, j + 1)) != (i, j + 1):
        return _inside_entity(ent, tokens, i, j, best)
    if ent is not None and ent.label_ in NER_PLACE_LABELS:
        return True
    if ent is not None and ent.label_ == "NORP":
        # "Islamic", "Kurdish" are not places; a name the model mislabels is
        # ("fighting in Homs and Aleppo", Aleppo tagged NORP).
        adjective = re.search(r"(an|ish|ese|ic|i|ist|ite)s?$", m.text) is not None
        return not adjective and (_is_prominent(best) or prev in lx.LOC_PREPS | {"and"})
    if _person_context(tokens, i, j) and not _is_prominent(best):
        return False
    if j == i:  # single word without a place label: needs a proper-noun tag
        if first.pos_ != "PROPN" and not (first.is_sent_start and first.pos_ in {"NOUN", "X"}
                                           and _is_prominent(best)):
            return False
        if ent is not None and ent.label_ in {"PERSON", "ORG"} and prev not in lx.LOC_PREPS:
            return _is_prominent(best)
        if first.is_sent_start and not _is_prominent(best) and best.population < 50_000:
            return False
    return True


_NON_PLACE_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL",
                               "QUANTITY", "LAW", "LANGUAGE"})
# Words that, after a place name inside an organisation's name, show the place is
# the organisation's seat ("Alexandria Police Department", "Minnesota House").
_ORG_HEADS = lx.words("police sheriff fire city county public school schools high university college hospital "
    "board council house senate department state community city's chamber times post herald "
    "news tribune daily courier journal gazette airport station library museum church club "
    "district parish area regional national international federal court jail prison center "
    "centre zoo port harbor harbour water transit metro bureau office army guard")
_TITLES = lx.words("mr mr. mrs mrs. ms ms. dr dr. sen sen. rep rep. gov gov. president secretary sheriff "
    "officer judge justice mayor senator representative governor deputy sgt sgt. lt lt. "
    "capt capt. coach pastor rev rev. attorney chief commissioner minister prince king queen "
    "sir lord lady st.")
_SPEECH = lx.words("said says told added explained wrote asked stated noted")


def _trim_start(ent: Any) -> int:
    s = ent.start
    while s < ent.end and ent.doc[s].lower_ in {"the", "a", "an"}:
        s += 1
    return s


def _inside_entity(ent: Any, tokens: list[Any], i: int, j: int, best: Any) -> bool:
    """A gazetteer hit inside a longer entity: a place only in a few positions.

    Leading an organisation's name ("the Alexandria Police Department") or after
    "of"/"in" inside it ("University of Mississippi"); never inside a person's name.
    """
    if ent.label_ in NER_PLACE_LABELS:
        return True
    start = _trim_start(ent)
    nxt = tokens[j + 1].lower_ if j + 1 < len(tokens) else ""
    if ent.label_ == "PERSON":
        return start == i and nxt in _ORG_HEADS
    if start == i:
        return nxt in _ORG_HEADS or _is_prominent(best)
    return tokens[i - 1].lower_ in {"of", "in", "at"}


def _person_context(tokens: list[Any], i: int, j: int) -> bool:
    """ "Mr. Jones", "Sheriff Smith", "Hopkins said": a surname, not a town."""
    prev = tokens[i - 1] if i else None
    if prev is not None and (prev.lower_ in _TITLES or (
            prev.ent_type_ == "PERSON" and prev.text[:1].isupper() and j == i)):
        return True
    nxt = tokens[j + 1] if j + 1 < len(tokens) else None
    return nxt is not None and nxt.lower_ in _SPEECH and j == i


def _is_prominent(c: Any) -> bool:
    """Famous enough to be meant even where the syntax is ambiguous."""
    code = c.feature_code or ""
    return code.startswith("PCL") or code in {"ADM1", "CONT", "RGN", "PPLC"} or (
        c.population >= 100_000
    ) or c.feature_class in {"L"}


def _drop_typed_aliases(cands: list[Any], text: str) -> list[Any]:
    """Without its type word a name does not mean the county: "Smith" is not Smith County.

    GeoNames indexes "Smith County" under "Smith" too; in running text a bare
    surname is far more often a person, and a bare "Mobile" the city.
    """
    from kharita.places.gazetteer import normalize_name

    out = []
    key = normalize_name(text)
    for c in cands:
        words = normalize_name(c.name).split()
        if c.feature_class == "A" and len(words) > 1 and words[-1] not in key.split() and words[-1] in lx.ADMIN2_WORDS | lx.ADMIN1_WORDS:
            continue
        out.append(c)
    return out


def _prominence(c: Any) -> float:
    return float(c.population) + (1e7 if _is_major(c) else 0.0)


def _is_major(c: Any) -> bool:
    code = c.feature_code or ""
    return code.startswith("PCL") or code in {"ADM1", "ADM2", "CONT", "RGN", "TERR"} or (
        c.feature_class in {"L", "H", "T"}
    )


def _trim_entity(ent: Any) -> tuple[int, int] | None:
    """Token range of an entity without a leading "the" or a trailing possessive."""
    s, e = ent.start, ent.end
    doc = ent.doc
    while s < e and doc[s].lower_ in {"the", "a", "an"}:
        s += 1
    while e > s and (doc[e - 1].text in {"'s", "’s", "'", "’"} or doc[e - 1].is_punct):
        e -= 1
    return (s, e) if s < e else None


def _entity_is_place(ent: Any, sdoc: Any, s: int, e: int) -> bool:
    """Unknown (non-gazetteer) entities kept as toponyms, by label and cue."""
    if not any(sdoc[t].text[:1].isupper() for t in range(s, e)):
        return False
    nxt = sdoc[e].lower_ if e < len(sdoc) else ""
    prev = sdoc[s - 1].lower_ if s > 0 else ""
    prev2 = sdoc[s - 2].lower_ if s > 1 else ""
    type_after = nxt in lx.TYPE_WORDS and nxt not in {"state", "states"}
    type_before = prev == "of" and prev2 in lx.OF_TYPE_WORDS
    last = sdoc[e - 1]
    if last.dep_ == "compound" and last.head.pos_ == "NOUN" and last.head.lower_ not in lx.TYPE_WORDS:
        return False  # "Daesh jihadists", "Isis militiamen": a modifier, not a location
    if ent.label_ in {"GPE", "LOC"}:
        return True
    if ent.label_ == "FAC":
        return type_after or any(sdoc[t].lower_ in lx.TYPE_WORDS for t in range(s, e))
    if ent.label_ in {"PERSON", "ORG"}:
        loc_prep = prev in lx.STRONG_LOC_PREPS - {"in", "between"} or (
            prev == "the" and prev2 in lx.STRONG_LOC_PREPS
        )
        return type_after or type_before or (loc_prep and type_after) or (
            prev in lx.NEAR_PREPS
        )
    return False


# -- cues -----------------------------------------------------------------------------
def _apply_cues(text: str, sdoc: Any, mentions: list[Mention]) -> None:
    """Type words and prepositions around each mention set hint / near / span."""
    tok_at = {t.idx: t.i for t in sdoc}
    for k, m in enumerate(mentions):
        first = tok_at.get(m.start)
        if first is None:
            continue
        last = first
        while last + 1 < len(sdoc) and sdoc[last + 1].idx < m.end:
            last += 1
        _type_word_cue(text, sdoc, m, last)
        _before_cues(sdoc, m, first)
        if m.hint and m.hint.endswith("s"):  # plural type word: spread over conjuncts
            m.hint = m.hint[:-1]
            _spread_hint(text, mentions, k, m.hint)


def _type_word_cue(text: str, sdoc: Any, m: Mention, last: int) -> None:
    if last + 1 >= len(sdoc):
        return
    nxt = sdoc[last + 1]
    low = nxt.lower_
    kind = None
    if low in lx.ADMIN1_WORDS:
        kind = "admin1"
    elif low in lx.ADMIN2_WORDS:
        kind = "admin2"
    elif low in lx.CITY_WORDS:
        kind = "city"
    elif low in lx.AREA_WORDS:
        kind = "area"
    elif low in lx.PHYSICAL_WORDS:
        kind = "physical"
    if kind is None:
        return
    plural = low.endswith("s") and low[:-1] in lx.TYPE_WORDS | {"countie", "parishe"}
    if low in {"counties", "parishes", "cities", "municipalities"}:
        plural = True
    if low in {"state", "states"} and kind == "admin1":
        kind = "admin1"
    if nxt.text[0].isupper() and m.source != "gazetteer" or (
        nxt.text[0].isupper() and not plural
    ):
        m.end = nxt.idx + len(nxt.text)  # "Rapides Parish", "Aleppo Governorate"
        m.text = text[m.start : m.end]
    m.hint = kind + ("s" if plural else "")


def _before_cues(sdoc: Any, m: Mention, first: int) -> None:
    k = first - 1
    if k >= 0 and sdoc[k].lower_ == "the":
        k -= 1
    if k < 0:
        return
    prev = sdoc[k].lower_
    if prev in lx.NEAR_PREPS or (prev == "of" and k > 0 and sdoc[k - 1].lower_ in
                                 {"north", "south", "east", "west", "outskirts", "northeast",
                                  "northwest", "southeast", "southwest", "suburbs"}):
        m.near = True
    if prev == "of" and k > 0 and sdoc[k - 1].lower_ in lx.OF_TYPE_WORDS and not m.hint:
        m.hint = lx.OF_TYPE_WORDS[sdoc[k - 1].lower_]


def _spread_hint(text: str, mentions: list[Mention], k: int, hint: str) -> None:
    j = k - 1
    while j >= 0:
        gap = text[mentions[j].end : mentions[j + 1].start].strip().lower()
        if gap not in {",", "and", ", and", "or", ", or", "&"}:
            break
        if mentions[j].hint is None:
            mentions[j].hint = hint
        j -= 1


def _link_qualifiers(text: str, mentions: list[Mention]) -> None:
    """ "X, Y": Y (a state, province or country) qualifies X."""
    for k in range(len(mentions) - 1):
        a, b = mentions[k], mentions[k + 1]
        if text[a.end : b.start] in {", ", ","} and any(_is_major(c) for c in b.candidates):
            a.qualifier = k + 1


def _is_initialism(abbr: str, name: str) -> bool:
    words = [w for w in re.split(r"[\s\-]+", name) if w and w[0].isupper()]
    initials = "".join(w[0] for w in words)
    return abbr.upper() == initials.upper() and len(abbr) >= 2


def _demonyms(tokens: list[Any], ents: list[Any], chrome: set[int]) -> list[tuple[int, int, str]]:
    """Demonyms and adjectives of place ("Syrian", "Sri Lankan"), longest first.

    Not inside a person's or an organisation's name ("Mr. German", "the Syrian
    Democratic Forces" still counts: the adjective says where the group is from).
    """
    out = []
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        if i in chrome or not _is_cap(tok) or (ents[i] is not None and ents[i].label_ == "PERSON"):
            i += 1
            continue
        hit = None
        for k in (2, 1):
            if i + k > n:
                continue
            last = tokens[i + k - 1]
            words = " ".join(t.text for t in tokens[i : i + k])
            code = demonym_country(words)
            if code is not None:
                hit = (tok.idx, last.idx + len(last.text), code, k)
                break
        if hit is None:
            i += 1
            continue
        out.append(hit[:3])
        i += hit[3]
    return out
