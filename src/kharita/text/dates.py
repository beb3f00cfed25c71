"""Publication dates: normalise metadata values to ISO 8601, find a clear date line.

Never guesses: a value that does not name a full calendar day (or an exact
moment) gives None, and relative expressions ("yesterday") are refused, so the
run date can never leak in as a publication date.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from kharita.text.chrome import DATE_LINE, is_sentence

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_DMY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3})[a-z]*\.?,?\s+(\d{4})\b", re.IGNORECASE)
_MDY = re.compile(r"\b([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.IGNORECASE)
_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_HEADER_LINES = 8
_HEADER_MAX = 60
_FOOTER_LINES = 4
# A wire-style dateline opening the first paragraph: "KABUL, May 14, 2022 (Reuters) -".
_DATELINE = re.compile(
    r"^[A-Z][A-Za-z.'’ -]{1,40}(?:,\s*[A-Z][A-Za-z.'’ -]{1,30})?,\s*"
    r"(?P<date>(?:\d{1,2}\s+[A-Za-z]{3,9}\.?|[A-Za-z]{3,9}\.?\s+\d{1,2}),?\s+\d{4})"
    r"\s*(?:\([^)]{1,30}\))?\s*[-–—:]"
)


def normalise_date(value: str | None) -> str | None:
    """An ISO 8601 date or datetime for a metadata value, or None when unclear."""
    if not value or not value.strip():
        return None
    value = value.strip()
    iso = _from_iso(value)
    if iso:
        return iso
    try:
        return parsedate_to_datetime(value).isoformat()  # RFC 2822 (feeds, HTTP)
    except (TypeError, ValueError, IndexError):
        pass
    day = _day_in(value)
    return day.isoformat() if day else None


def _from_iso(value: str) -> str | None:
    text = value.replace("Z", "+00:00") if value.endswith("Z") else value
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        return datetime.fromisoformat(text).isoformat()
    except ValueError:
        return None


def _day_in(text: str) -> date | None:
    """A full calendar day written with a month name, or as YYYY-MM-DD."""
    for pattern, order in ((_ISO_DAY, "ymd"), (_DMY, "dmy"), (_MDY, "mdy")):
        m = pattern.search(text)
        if not m:
            continue
        parts = dict(zip(order, m.groups()))
        month = parts["m"]
        month_num = int(month) if month.isdigit() else _MONTHS.get(month.lower()[:3])
        if month_num is None:
            continue
        try:
            return date(int(parts["y"]), month_num, int(parts["d"]))
        except ValueError:
            continue
    return None


def date_line(text: str) -> str | None:
    """The date of a stand-alone date line in a plain-text page's header or footer.

    Only lines that are nothing but a date (optionally "Published:" and a time)
    count; a "Published" line wins over an "Updated" one.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    header = _HEADER_LINES
    while header < min(len(lines), _HEADER_MAX) and not is_sentence(lines[header - 1]):
        header += 1  # the header runs to the first sentence (menus can be long)
    candidates = lines[:header] + lines[-_FOOTER_LINES:]
    found: list[tuple[int, date]] = []
    for line in candidates:
        if not DATE_LINE.match(line):
            continue
        day = _day_in(line)
        if day:
            rank = 1 if line.lower().startswith(("updated", "last updated")) else 0
            found.append((rank, day))
    if not found:
        return _dateline(lines[:_HEADER_LINES])
    return min(found, key=lambda x: x[0])[1].isoformat()


def _dateline(lines: list[str]) -> str | None:
    """The date of a wire-style dateline opening one of the first lines."""
    for line in lines:
        m = _DATELINE.match(line)
        if m:
            day = _day_in(m.group("date"))
            if day:
                return day.isoformat()
    return None
