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
"""

from __future__ import annotations

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

__all__ = ["ATTRIBUTING", "REPORT", "SPEAKING", "STANCE"]
