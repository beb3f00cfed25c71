"""Within-document coreference for the actors stage, deliberately conservative.

An anaphoric noun ("the jihadists", "the militants", "the group") or a pronoun
("they", "them") is resolved only when exactly one actor can be meant:

- a jihadist noun refers to the only jihadist-tagged named actor of the document;
  an armed-group noun to the only named non-state armed group; preceding mentions
  first, the whole document when none precedes ("Islamic State" named only later);
- "the group", "the organisation", ... need a definite determiner and no "of"
  ("a group of farmers" is not an anaphor);
- a pronoun refers back when the current sentence up to it and the previous one
  mention exactly one actor;
- before that, a subject pronoun of reported speech is its speaker: in "the army
  said it had repelled an attack" or "they were pushed back, the SDF said", *it* and
  *they* are the army and the SDF (the grammar of news reports; *it* never for a
  plural speaker); so is the owner of the reported subject ("Ukraine said *its*
  drones struck a refinery");
- "its"/"their" before a body's men or means ("its forces", "their fighters") is the
  subject of the clause when the noun is in its object ("Russia pulled its troops
  out"), else the one actor of the current and previous sentence.

Works on the resolution state of ``resolve._Run`` (its ``mentions``, ``add``,
``free``, ``ctx``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from kharita.speech import ATTRIBUTING, STANCE

if TYPE_CHECKING:
    from kharita.actors.kb import Actor
    from kharita.actors.resolve import Mention

PRONOUN = re.compile(r"\b(?:[Tt]hey|[Tt]hem|THEY|THEM)\b")
DEFINITE = {"the", "these", "those", "this", "that"}
NEEDS_DETERMINER = {"group", "organisation", "organization", "movement", "outfit", "faction"}


def fits(actor: Actor, cls: str) -> bool:
    """Can a noun of class ``cls`` ("jihadist" or "armed") denote ``actor``?"""
    if actor.kind != "named":
        return False
    return actor.jihadist if cls == "jihadist" else actor.armed


def resolve_anaphor(run: Any, tok: Any, cls: str, start: int, end: int) -> bool:
    """Add a coref/description mention for an anaphoric noun; False if ambiguous."""
    dets = {c.lower_ for c in tok.children if c.dep_ in {"det", "poss"}}
    definite = bool(dets & DEFINITE)
    has_of = any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
    if tok.lower_ in NEEDS_DETERMINER and (not definite or has_of):
        return False
    if dets - DEFINITE - {"no", "any"} and not definite:
        return False  # "a group", "some militants", "his fighters"
    candidates = [m for m in run.mentions if fits(m.actor, cls)]
    before = [m for m in candidates if m.start < start]
    pool = before or candidates
    if len({m.actor.id for m in pool}) != 1:
        return False
    antecedent = max(before, key=lambda m: m.start) if before else None
    first = antecedent or pool[0]
    mtype = "coref" if antecedent is not None and definite else "description"
    run.add(start, end, first.actor, mtype, first.country, None, antecedent)
    return True


SPEAKER_PRONOUN = re.compile(r"\b(?:[Tt]hey|[Ii]t|[Ww]e|THEY|IT|WE|[Ii]ts|[Tt]heir|[Oo]ur|[Hh]is|[Hh]er)\b")
_POSSESSIVE = {"its": "it", "their": "they", "our": "we", "his": "he", "her": "she"}
# who speaks for a body: "a spokesman for the LNA", "the head of the Wagner Group"
_SPOKESMEN = {"spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen", "head",
              "leader", "leaders", "commander", "commanders", "chief", "branch", "wing",
              "statement", "official", "officials", "representative", "member", "members",
              "officer", "officers", "minister", "founder", "boss"}
# who leads a body: "who leads the coalition", "who commands the brigade"
_LEADING = {"lead", "head", "command", "found", "run"}
# who speaks, vouches, takes a position or commits itself ("It said", "they vowed")
SPEECH = ATTRIBUTING | STANCE | {"vow", "pledge", "promise", "boast", "threaten"}


def _free_words(run: Any, pattern: re.Pattern[str]) -> Iterator[tuple[Any, int]]:
    """The tokens that start a match of ``pattern`` which no mention covers yet, each
    with the match's end (checked as the caller goes: its own mentions count)."""
    for match in pattern.finditer(run.text):
        tok = run.ctx.token_at(match.start())
        if tok is not None and tok.idx == match.start() and run.free(tok.idx, match.end()):
            yield tok, match.end()


def resolve_reported_speakers(run: Any) -> None:
    """A subject pronoun of a clause reported by a speech verb -> the speaker."""
    for tok, end in _free_words(run, SPEAKER_PRONOUN):
        subject = tok
        if tok.lower_ in _POSSESSIVE:  # "Ukraine said its drones struck ...": the owner
            if tok.dep_ != "poss":
                continue
            subject = tok.head
        if subject.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        clause = subject.head
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        speech = clause.head
        if clause.dep_ == "acl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children) \
                and speech.dep_ == "pobj" and speech.head.dep_ == "prep":
            # "vowed in a video on Monday that his forces would ...": the parser hangs
            # the reported clause on the medium the speech verb was told in
            clause, speech = speech.head, speech.head.head
            if speech.pos_ not in ("VERB", "AUX"):
                continue
        elif clause.dep_ != "ccomp":
            continue
        if speech.lemma_.lower() not in SPEECH:
            continue
        speaker = next((c for c in speech.children if c.dep_ == "nsubj"), None)
        if speaker is None and (speech.dep_ == "conj" or (
                speech.dep_ == "advcl" and speech.tag_ == "VBG")):
            # "the GNA rejected the remarks and said its forces would ...", "the
            # group issued a statement, saying its fighters had ...": the speaker is
            # the subject the coordinated verbs or the participle's host share
            speaker = next((c for c in speech.head.children if c.dep_ == "nsubj"), None)
        if speaker is None or speaker.pos_ == "PRON":
            continue
        if _POSSESSIVE.get(tok.lower_, tok.lower_) == "it" and speaker.tag_ in {"NNS", "NNPS"}:
            continue
        mention = run.covering(speaker.idx) or _spoken_for(run, speaker)
        if mention is None:
            continue
        if tok.lower_ in ("his", "her") and (mention.actor.kind not in ("named", "state")
                                             or subject.tag_ != "NNS"):
            continue  # "his fighters" of a group's leader are the group's, "his forces" of
            # a minister the state's; "his car" is his
        run.add(tok.idx, end, mention.actor, "coref", mention.country, mention.sector,
                mention)


def _spoken_for(run: Any, speaker: Any) -> Mention | None:
    """The body a spokesman, leader or branch speaks for ("a spokesman for the LNA",
    "the head of the Wagner Group", "the armed wing of Hamas"): the actor of its
    for/of phrase, or of its possessor ("Hamas's armed wing")."""
    for c in speaker.children:  # "Ali Musa, the leader of the group, said": the title
        if c.dep_ == "appos" and c.lower_ in _SPOKESMEN:
            mention = run.covering(c.idx) or _spoken_for(run, c)
            if mention is not None and mention.actor.kind != "generic":
                return mention
        if c.dep_ == "appos":  # "X, a former officer who leads the Viv Ansanm coalition,"
            for rel in c.subtree:
                if rel.dep_ == "relcl" and rel.lemma_.lower() in _LEADING:
                    for o in (t for d in rel.children if d.dep_ == "dobj" for t in d.subtree):
                        mention = run.covering(o.idx)
                        if mention is not None and mention.actor.kind != "generic":
                            return mention
    titles: list[Any] = []
    stack = [c for c in speaker.children if c.dep_ == "compound"]  # "an RSF field commander"
    while stack:
        c = stack.pop()
        titles.append(c)
        stack.extend(g for g in c.children if g.dep_ == "compound")
    # a name with its title before it: "army spokesman Colonel Santo Deng"
    if speaker.lower_ not in _SPOKESMEN and not any(t.lower_ in _SPOKESMEN for t in titles):
        return None
    owners = [c for c in speaker.children if c.dep_ == "poss"] + titles
    owners += [o for c in speaker.children if c.dep_ == "prep" and c.lower_ in ("for", "of")
               for o in c.children if o.dep_ == "pobj"]
    for owner in owners:
        mention = run.covering(owner.idx)
        if mention is None and owner.lower_ in _SPOKESMEN:
            mention = _spoken_for(run, owner)  # "the Lebanese branch of Hamas's armed wing"
        if mention is not None and mention.actor.kind != "generic":
            return mention
    return None


def _sole_actor_before(run: Any, ordered: list[Mention], starts: list[int], pos: int,
                       named_only: bool = False) -> Mention | None:
    """The last mention before ``pos`` in its sentence and the previous one, when all
    the mentions there are of one actor (generic ones left out with ``named_only``)."""
    si = run.ctx.sent_index(pos)
    lo = run.ctx.sents[si - 1][0] if si > 0 else 0
    near = ordered[bisect_left(starts, lo):bisect_left(starts, pos)]
    if named_only:
        near = [m for m in near if m.actor.kind != "generic"]
    return near[-1] if len({m.actor.id for m in near}) == 1 else None


def resolve_pronouns(run: Any) -> None:
    """"they"/"them" -> the one actor of the current and previous sentence."""
    ordered: list[Mention] = sorted(run.mentions, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    for tok, end in _free_words(run, PRONOUN):
        antecedent = _sole_actor_before(run, ordered, starts, tok.idx)
        if antecedent is None:
            continue
        run.add(tok.idx, end, antecedent.actor, "coref", antecedent.country,
                antecedent.sector, antecedent)


OWNER_PRONOUN = re.compile(r"\b(?:[Ii]ts|[Tt]heir|ITS|THEIR)\b")
# the men and means a body commands: "its forces", "their fighters", "its jets"
FORCE_NOUNS = {"force", "troop", "soldier", "fighter", "man", "unit", "militia", "militiaman",
               "commander", "garrison", "army", "contingent", "battalion", "brigade", "personnel",
               "jet", "warplane", "aircraft", "drone", "artillery", "navy", "gunman", "militant",
               "officer", "policeman", "peacekeeper", "marine", "convoy", "patrol"}
_SUBJECTS = {"nsubj", "nsubjpass"}


def _clause_subject(tok: Any) -> Any | None:
    """The subject of the clause whose object or adjunct holds ``tok`` (up through
    prepositions and coordinated verbs), or None when ``tok`` is in the subject."""
    node = tok
    while node.head.i != node.i and node.pos_ not in ("VERB", "AUX"):
        if node.dep_ in _SUBJECTS:
            return None
        node = node.head
    verb = node
    while True:
        subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
        if subject is not None or verb.dep_ not in ("conj", "xcomp") or verb.head.i == verb.i:
            return subject
        verb = verb.head


def resolve_owners(run: Any) -> None:
    """"its"/"their" before the men or means of a body: in "Russia pulled its troops
    out", "the rebels sent their fighters into the town" the owner is the subject of
    the clause (a possessive in the object is bound by the subject); in "its forces
    attacked" (the subject itself) the one actor of the current and previous
    sentence, as for "they"."""
    ordered: list[Mention] = sorted(run.mentions, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    for tok, end in _free_words(run, OWNER_PRONOUN):
        if tok.dep_ != "poss" or tok.head.lemma_.lower() not in FORCE_NOUNS:
            continue
        subject = _clause_subject(tok.head)
        antecedent = None
        if subject is not None:
            if subject.pos_ == "PRON":
                continue
            antecedent = run.covering(subject.idx)
            if antecedent is None or antecedent.actor.kind == "generic":
                continue
            if tok.lower_ == "its" and subject.tag_ in {"NNS", "NNPS"}:
                continue
        else:
            antecedent = _sole_actor_before(run, ordered, starts, tok.idx, named_only=True)
            if antecedent is None:
                continue
        run.add(tok.idx, end, antecedent.actor, "coref", antecedent.country,
                antecedent.sector, antecedent)
