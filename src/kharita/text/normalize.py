"""Unicode repair and normalisation, and the content hash that identifies a text.

The clean text produced here is the reference every later span points into, so
all changes to characters happen here, once, before any offset is taken.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import ftfy

# Keep typographic quotes as written (they are not mojibake); fix everything
# else ftfy knows (mis-decoded UTF-8, HTML entities in plain text, ligatures,
# full-width Latin, control characters) and compose to NFC.
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, normalization="NFC", explain=False)

# Invisible characters that only get in the way of matching.  ZWNJ / ZWJ
# (U+200C/U+200D) are kept: Persian and Indic scripts need them.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"), None)
_SENTENCE_END = re.compile(r"""[.!?…:;,"”’')\]]$""")
_WORDS = re.compile(r"\w+")
WRAP_MIN = 40  # characters: shorter lines are never taken for hard-wrapped prose


def repair(text: str) -> str:
    """Fix mojibake and compose Unicode (NFC)."""
    if text.isascii():
        return text
    return ftfy.fix_text(text, _FTFY)


def normalise_whitespace(text: str, lines_are_paragraphs: bool = False) -> str:
    """Collapse spaces inside lines and blank-line runs, keeping paragraph breaks.

    Paragraphs come out separated by one blank line.  With
    ``lines_are_paragraphs`` (extractor output) every line is a paragraph;
    otherwise blank lines separate paragraphs and a hard-wrapped line is joined
    to the next when it clearly continues the sentence (next starts lowercase).
    """
    text = text.translate(_INVISIBLE).replace("\r\n", "\n").replace("\r", "\n")
    paragraphs: list[str] = []
    current: list[str] = []
    for raw_line in text.split("\n"):
        line = " ".join(raw_line.split())
        if not line:
            if current:
                paragraphs.append(_join_lines(current))
                current = []
            continue
        if lines_are_paragraphs:
            paragraphs.append(line)
        else:
            current.append(line)
    if current:
        paragraphs.append(_join_lines(current))
    return "\n\n".join(paragraphs)


def _join_lines(lines: list[str]) -> str:
    """Join a paragraph's lines: a space for wrapped prose, else keep the break."""
    out = lines[0]
    previous = lines[0]
    for line in lines[1:]:
        # a wrapped line nearly fills the width; a short one is a label or a list item
        wraps = len(previous) >= WRAP_MIN and not _SENTENCE_END.search(previous)
        out += (" " if wraps and line[:1].islower() else "\n") + line
        previous = line
    return out


def hash_key(text: str) -> str:
    """The text reduced to lower-case words: what two copies of one article share.

    Case, punctuation style (curly vs straight quotes, dashes), whitespace and
    compatibility forms are dropped, so trivial re-encodings compare equal.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_WORDS.findall(folded))


def content_hash(text: str) -> str:
    """sha256 hex of :func:`hash_key` — the document's content identity."""
    return hashlib.sha256(hash_key(text).encode("utf-8")).hexdigest()


def short_id(digest: str) -> str:
    """The stable short document id derived from a content hash."""
    return digest[:16]
