"""Untrusted text made safe to print on a terminal.

Article text, titles, ids, URLs and file names come from the outside world: an
escape sequence in them (``ESC]0;…`` to retitle the window, ``ESC[2J`` to clear
it, OSC-8 links) would reach the user's terminal raw, and a newline in a file
name would forge a ``kharita: failed:`` line of its own.  Every printer passes
such text through :func:`terminal_safe` (or :func:`markup_safe` for rich markup
strings).

Each control character becomes exactly one visible character (its Unicode
"control picture", ␛ for ESC), so character offsets into a document's text stay
valid and ``kharita show`` highlights the right words.
"""

from __future__ import annotations

import re

from rich.markup import escape

# C0 controls, DEL, C1 controls, and the bidi overrides/isolates that reorder
# what is displayed ("Trojan source"); tab and newline are kept in multi-line text.
_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_IN_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟ (␛ for ESC, ␊ for a newline)
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # C1 controls and bidi overrides: no picture of their own


def terminal_safe(text: str | None, *, lines: bool = False) -> str:
    """``text`` with every control character replaced by one visible character.

    ``lines=True`` keeps newlines and tabs (a document's text); otherwise the
    result is one line (a name in a message, a table cell).
    """
    if not text:
        return ""
    return (_IN_TEXT if lines else _IN_LINE).sub(_picture, text)


def markup_safe(text: object) -> str:
    """Untrusted text for a rich markup string: one line, controls and ``[`` escaped."""
    return escape(terminal_safe(str(text)))
