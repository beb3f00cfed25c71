"""Who says so: the source an event is reported on the authority of.

An event gets an attribution when it sits in the reported clause of a speech or
cognition verb ("local sources reveal that ...", "the SDF said ...", "officials told
Reuters ..."), in a sentence framed by "according to X", or when it is the thing a
source "claimed responsibility for".  The attribution is the source's noun phrase,
as a Span of the document text.
"""

from __future__ import annotations

from typing import Any

from kharita.events.roles import ARRESTING, accusing_verb, doc_text
from kharita.model import Span
from kharita.speech import ATTRIBUTING

# Nouns whose own "of X"/"by X" names a source ("a statement by the ministry").
SOURCE_NOUNS = {"statement", "report", "source", "spokesman", "spokesperson", "official"}


def attribution(trigger: Any, governor: Any | None = None, sent: Any | None = None) -> Span | None:
    """The source phrase for the event at ``trigger``, or None (``sent``: the trigger's
    sentence, passed to spare spaCy's costly ``Token.sent``)."""
    sent = sent if sent is not None else trigger.sent
    tok = governor if governor is not None else trigger
    for _ in range(6):
        if tok.dep_ in ("ccomp", "parataxis") or (tok.dep_ == "ROOT" and tok != trigger):
            head = tok.head if tok.dep_ != "ROOT" else tok
            src = _speaker(head) if head != trigger else None
            if src is not None:
                return src
        if tok.head == tok:
            break
        tok = tok.head
    # "according to X" anywhere in the sentence frames every event in it
    has_according = "according" in doc_text(trigger.doc)[sent.start_char:sent.end_char].lower()
    for t in sent if has_according else ():
        if t.lower_ == "according" and t.dep_ == "prep":
            for c in t.children:
                if c.lower_ == "to":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            return _span(p)
    # a speech verb governing the sentence root ("..., the SDF said.")
    root = sent.root
    if (root != trigger and root != governor and root.lemma_.lower() in ATTRIBUTING
            and _dominates(root, trigger)):
        return _speaker(root)
    return accuser(trigger)


def accuser(trigger: Any) -> Span | None:
    """Who accuses: the subject of "X accused Y of *shelling*" (or the ``by`` agent of
    a passive accusation); the act is X's claim about Y, not a fact the article states."""
    verb = accusing_verb(trigger)
    if verb is None or verb.lemma_.lower() in ARRESTING:
        return None  # an arrest for a killing reports the killing, it is no allegation
    for c in verb.children:
        if c.dep_ == "nsubj" and c.pos_ != "PRON":
            return _span(c)
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return _span(p)
    return None



def _dominates(head: Any, tok: Any) -> bool:
    while tok.head != tok:
        if tok.head == head:
            return True
        tok = tok.head
    return False


def _speaker(verb: Any) -> Span | None:
    """The subject of a speech verb, or the ``by`` agent of a passive one."""
    if verb.lemma_.lower() not in ATTRIBUTING:
        return None
    # the subject nearest the verb: a misparse can give "said" two subjects ("Israeli
    # strikes killed 20, local officials said" -> strikes and officials)
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if subjects:
        nearest = min(subjects, key=lambda c: abs(verb.i - c.i))
        return _span(nearest) if nearest.pos_ != "PRON" else None
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return _span(p)
    return None


def _span(tok: Any) -> Span:
    """The noun phrase headed by ``tok`` without trailing relative clauses."""
    toks = [tok] + [t for t in tok.subtree if t != tok and t.dep_ not in ("relcl", "punct")
                    and not any(a.dep_ in ("relcl", "acl", "appos") for a in _path(t, tok))]
    start = min(t.idx for t in toks)
    end = max(t.idx + len(t) for t in toks)
    text = doc_text(tok.doc)[start:end]
    return Span(text=text, start=start, end=end)


def _path(tok: Any, top: Any) -> list[Any]:
    out = []
    while tok != top and tok.head != tok:
        out.append(tok)
        tok = tok.head
    return out
