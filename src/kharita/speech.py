"""Verbs of speech: one list, read by every rule that needs to know someone is talking.

Rules ask different questions of a speech verb, so the list has a core and three
widenings; each rule names the one it means:

- :data:`REPORT` — verbs that report what a source said or published ("said",
  "announced", "tweeted").  A date or place hanging off one belongs to the report, not
  to the happening it tells ("said on Tuesday that ...", "told reporters in London").
- :data:`SPEAKING` — REPORT and the verbs of speaking somewhere ("speaking to
  reporters in London", "briefed", "testified"): where someone spoke sets no scene.
- :data:`ATTRIBUTING` — REPORT and the verbs by which a source vouches for a fact
  ("revealed", "estimated", "documented", "showed"): who says so (``Event.attribution``).
- :data:`STANCE` — REPORT and the verbs of taking a position ("accused", "urged",
  "condemned", "believes"): a sentence governed by one is talk about acts, so its
  subject is not carried to the next sentence as a doer.

And where a quotation is and who is named as its speaker (:func:`quotation_at`,
:func:`quote_speaker`), for rules that must know whose words a sentence is.
"""

from __future__ import annotations

import re

REPORT = frozenset({
    "say", "tell", "report", "announce", "state", "confirm", "claim", "add", "declare",
    "publish", "quote", "write", "tweet", "post", "speak",
})
SPEAKING = REPORT | {"talk", "brief", "address", "testify", "interview", "comment"}
ATTRIBUTING = REPORT | {
    "reveal", "note", "allege", "inform", "disclose", "indicate", "explain", "insist",
    "warn", "believe", "estimate", "cite", "suggest", "acknowledge", "admit", "assert",
    "stress", "affirm", "maintain", "recount", "describe", "testify", "broadcast", "show",
    "document", "record", "signal",
}
STANCE = REPORT | {
    "warn", "argue", "insist", "accuse", "blame", "deny", "call", "urge", "demand", "ask",
    "believe", "think", "suggest", "describe", "estimate", "express", "condemn",
    "criticise", "criticize",
}

__all__ = ["ATTRIBUTING", "REPORT", "SPEAKING", "STANCE", "quotation_at", "quote_speaker"]


# --------------------------------------------------------------------- quotations

_OPEN, _CLOSE = "“", "”"
QUOTE_REACH = 1500  # characters a quotation may run on either side of a word in it
_VERB_FORMS = r"(?:said|says|added|adds|told|tells|warned|warns|wrote|writes|explained|insisted|argued|predicted|cautioned)"
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|al-\w+|bin|de|van|von))*"
_AFTER = [
    re.compile(r"\s*,?\s*" + _VERB_FORMS + r"\s+(?P<who>(?:a|an|the)\s+[^,.;:“”\"]{2,80}|" + _NAME + r")"),
    re.compile(r"\s*,?\s*(?P<who>" + _NAME + r"|he|she|they|it)\s+" + _VERB_FORMS + r"\b"),
]
_BEFORE = re.compile(r"(?P<who>" + _NAME + r"|[Hh]e|[Ss]he|[Tt]hey|[Ii]t)\s+" + _VERB_FORMS
                     + r"(?:\s+\w+){0,3}\s*[:,]\s*$")


def quotation_at(text: str, pos: int) -> tuple[int, int] | None:
    """The (start, end) of the quotation holding character ``pos`` (curly or straight
    double quotes, the marks included), or None."""
    lo = max(0, pos - QUOTE_REACH)
    opened = text.rfind(_OPEN, lo, pos)
    if opened >= 0 and text.rfind(_CLOSE, opened, pos) < 0:
        closed = text.find(_CLOSE, pos, pos + QUOTE_REACH)
        return (opened, closed + 1) if closed >= 0 else None
    para = text.rfind("\n", lo, pos) + 1
    marks = [i for i in range(max(para, lo), pos) if text[i] == '"']
    if len(marks) % 2 == 1:
        end = text.find('"', pos, pos + QUOTE_REACH)
        return (marks[-1], end + 1) if end >= 0 else None
    return None


def quote_speaker(text: str, quote: tuple[int, int]) -> tuple[int, int] | None:
    """Where the speaker of a quotation is named: after it ("…,” said Laura Grant, a
    former official") or before it ("Grant said: “…”"); None when no name is told."""
    start, end = quote
    tail = text[end:end + 240]
    for rx in _AFTER:
        m = rx.match(tail)
        if m:
            who_end = m.end("who")
            # with the description that follows the name (", Turkey's defence minister")
            appos = re.match(r",\s*([^.;“”\"]{2,120})", tail[who_end:])
            if appos:
                who_end += appos.end()
            return end + m.start("who"), end + who_end
    head_from = max(0, start - 160)
    m = _BEFORE.search(text[head_from:start])
    if m:
        return head_from + m.start("who"), head_from + m.end("who")
    return None
