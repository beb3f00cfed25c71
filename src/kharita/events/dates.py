"""Event dates from the text, relative to the publication date (owner: events-context).

Rules (ACLED conventions, news reading):

* A date expression is resolved against ``Document.published``: "on Tuesday" is the
  most recent Tuesday on or before publication (a Tuesday article's "on Tuesday" is
  that day), "yesterday"/"last night"/"overnight" the day before, "today"/"early
  today"/"this morning" the publication day, "12 March"/"March 12"/"on 12/03" take
  the publication year (the previous year when that would fall after publication),
  "on the 5th" the publication month (the previous month likewise).  A bare weekday
  told in the clause of a future-tense trigger ("will meet on Tuesday", reported
  "said it would hold a march on Friday") is the coming one, and a day and month
  after publication this year's, not last year's.  "The next day", "two days
  later", "the day before" count from the last date before them in the same
  paragraph (unresolved when there is none, or when a happening follows: "the day
  after the attack"); a happening told in "a day after ..." / "two days before ..."
  of a dated clause is counted from that clause's day ("closed on Thursday, a day
  after soldiers raided the market": the raid was on Wednesday).
* ``time_precision``: 1 a day; 2 a week or a few days ("last week", "earlier this
  week", "recently", "in recent days", a day only known as a report date); 3 a month
  ("in March", "earlier this month", "last month") or a year ("in 2014", "since 2011",
  "last year", "earlier this year": the year's middle, or the publication day when
  that is earlier, with precision 3 - what matters is the year, for background).  Week spans resolve to the middle
  of the week (publication - 7 days for "last week", publication - 3 for "this week"),
  months to the 15th, or to the publication day when that is earlier - unless the
  article names a day inside the week or month ("last week" and, elsewhere, "last
  Wednesday"), which is then the day (the precision stays the week's or month's).
* Which expression: within the sentence, one told for the trigger or its own clause,
  then a day told elsewhere in the sentence, then a report's day, then a week, month
  or year of a governing clause (one of a clause that does not govern the trigger
  frames another happening and is left out), the closest on the dependency tree
  first; then the latest day in earlier sentences of the same paragraph;
  then the article's news day - its first day-precise date outside the sentence, at
  most a month before publication (a headline, or a later paragraph's undated
  happening, tells the news of the lede's day) - with precision 2 and no evidence
  span, as no date is told for the event; then a week, month or year of an earlier
  sentence of the paragraph (which frames what that sentence told, not the
  narrative after it); then the publication date with precision
  2 (ACLED: an article with no date reports an event from the last few days).  A
  date attached to a reporting verb ("as reported on 5 March", "said on Monday") dates
  the report, not the event, so it gets precision 2 unless it is the only verb.
* Without a publication date, only absolute dates (with a year) resolve; otherwise
  the result is ``(None, None, None)``.  Never the day the program ran.

Regexes do the common cases; spaCy DATE entities not matched by them go to
``dateparser`` (slow, so cached and only on those short spans) when they name a day
(a month or weekday name, a numeric date, "ago"): "within 45 days", "aged 31" are a
length and an age.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kharita.events.arrays import tree_distance
from kharita.model import Document, Span
from kharita.speech import REPORT

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
WEEKDAYS = {d: i for i, d in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1,
                "a few": 3, "several": 3}

_MON = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_MON2 = _MON.replace("?P<mon>", "?P<mon2>")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY2 = _DAY.replace("?P<day>", "?P<day2>")
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_YEAR2 = _YEAR.replace("?P<year>", "?P<year2>")
_WD = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_NUM = r"(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several|a|an)"

# Order matters: longer, more specific patterns first (alternation is leftmost-first).
PATTERNS: list[tuple[str, str]] = [
    ("iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
    ("dmy_num", r"\b(?P<day>[0-3]?\d)[/.](?P<mnum>[01]?\d)[/.](?P<year>(?:19|20)\d\d)\b"),
    ("dmy", rf"\b(?:{_WD},?\s+)?(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MON}(?:,?\s+{_YEAR})?\b"),
    ("mdy", rf"\b(?:{_WD},?\s+)?{_MON}\s+{_DAY}\b(?:,?\s+{_YEAR})?"),
    ("dm_num", r"\bon\s+(?P<day>[0-3]?\d)/(?P<mnum>[01]?\d)\b(?!/)"),
    ("ago", rf"\b{_NUM}\s+(?P<unit>days?|weeks?|months?|years?|decades?)\s+ago\b"),
    ("rel_day", (r"\b(?P<rel>the\s+day\s+before\s+yesterday|yesterday|last\s+night|overnight"
                r"|early\s+(?:today|this\s+morning)|earlier\s+today|this\s+(?:morning|afternoon|evening)"
                r"|today|tonight)\b")),
    ("weekday", (rf"\b(?P<mod>last\s+|this\s+|next\s+|on\s+|early\s+|late\s+)?{_WD}"
                r"(?:\s+(?:morning|afternoon|evening|night))?\b")),
    ("rel_week", (r"\b(?P<rel>(?:earlier\s+|late\s+|early\s+)?(?:last|this|past|previous)\s+week(?:end)?"
                 r"|in\s+recent\s+days|(?:in\s+)?the\s+past\s+(?:few\s+)?days|(?:over\s+)?the\s+weekend"
                 r"|a\s+few\s+days\s+ago|days\s+ago|recently)\b")),
    ("rel_month", (r"\b(?P<rel>(?:earlier|late|early)\s+this\s+month|this\s+month|last\s+month"
                  r"|(?:early|late)\s+last\s+month|the\s+past\s+month)\b")),
    ("month", rf"\b(?:in|during|since|early|late|mid|mid-)\s*(?:early\s+|late\s+)?{_MON}(?:\s+{_YEAR})?\b"),
    # "last April's attack", "this June": the month name capitalised ("this may take")
    ("rel_mon", (r"\b(?P<rmod>last|this|next)\s+(?-i:(?P<mon>January|February|March|April|May"
                 r"|June|July|August|September|October|November|December))\b")),
    ("day_only", r"\bon\s+the\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)\b"),
    ("rel_year", (r"\b(?P<rel>(?:earlier|late|early)\s+(?:this|last)\s+year|this\s+year|last\s+year"
                 r"|the\s+(?:previous|past)\s+year|a\s+year\s+ago)\b")),
    # "in the 1990s", "during the late 1980s": the decade's middle, a year's precision
    ("decade", (r"\b(?:in|during|since|throughout|of|by)\s+the\s+(?:early\s+|late\s+|mid-?\s*)?"
                r"(?P<dec>(?:19|20)\d0)s\b")),
    ("year", rf"\b(?:in|during|since|throughout|early|late|mid|mid-|of|the)\s*(?:early\s+|late\s+)?{_YEAR}\b(?![-/]\d)"),
    ("anchor", (r"\b(?P<rel>the\s+(?:next|following|previous)\s+day|the\s+day\s+(?:after|before)"
               r"|a\s+day\s+(?:later|earlier)|(?P<n>two|three|four|five|six|\d)\s+days\s+(?:later|earlier))\b")),
]


# The characters a match of each pattern can start with (initials of its first
# words, or a digit).  Compiled in as a lookahead, so the scan rejects most text
# positions at once; the matches are the same (a speed-up only).
_FIRST_CHARS = {
    "dmy": r"\dmtwfs", "mdy": "mtwfsjaond", "ago": r"\dotfsena", "rel_day": "tyleo",
    "weekday": "mtwfslneo", "rel_week": "elptioadr", "rel_month": "elt", "month": "idselm", "rel_mon": "ltn",
    "anchor": r"\dtafs", "rel_year": "eltpa", "year": "idstelmot", "decade": "idstob",
}


def _compile() -> list[tuple[str, re.Pattern[str]]]:
    return [(kind, re.compile((f"(?=[{_FIRST_CHARS[kind]}])" if kind in _FIRST_CHARS else "") + p,
                              re.IGNORECASE)) for kind, p in PATTERNS]


_COMPILED = _compile()
# A word every match of the pattern contains, under the same case rules: a text
# without it cannot match, so the costly scan is skipped (a speed-up only).
_REQUIRED = {
    kind: re.compile(word, re.IGNORECASE)
    for kind, word in (("ago", "ago"), ("rel_month", "month"), ("anchor", "day"),
                       ("weekday", "day"), ("rel_week", "week|day|recent"), ("rel_year", "year"),
                       ("year", "1[89]|20"))
}


@dataclass
class DateMatch:
    """A resolved date expression found in the text."""

    date: dt.date
    precision: int
    start: int
    end: int
    kind: str


@lru_cache(maxsize=1024)
def parse_published(published: str | None) -> dt.date | None:
    """The publication day from an ISO date/datetime (other formats via dateparser)."""
    if not published or not isinstance(published, str):
        return None
    text = published.strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    if not re.search(r"\b(?:19|20)\d\d\b", text):
        return None  # "yesterday", "5 hours ago": relative to when? never to today
    return _dateparser(text, None)


@lru_cache(maxsize=4096)
def _dateparser(text: str, base: dt.date | None) -> dt.date | None:
    """dateparser on one short span; cached because it is slow (~1 ms a call)."""
    try:
        import dateparser
    except ImportError:  # pragma: no cover - a pinned dependency
        return None
    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day"],
                                "STRICT_PARSING": False}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day, 12)
    try:
        result = dateparser.parse(text, languages=["en"], settings=settings)
    except Exception:  # noqa: BLE001 - dateparser raises many types; a failed parse is no date
        return None
    return result.date() if result else None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month(m: re.Match[str], name: str = "mon") -> int:
    return MONTHS[m.group(name).lower().rstrip(".")[:3]]


def _with_year(month: int, day: int, year: str | None, pub: dt.date | None) -> dt.date | None:
    """Day and month; the year from the text, else the publication's (previous if later)."""
    if year:
        return _safe_date(int(year), month, day)
    if pub is None:
        return None
    d = _safe_date(pub.year, month, day)
    if d is not None and d > pub + dt.timedelta(days=1):
        d = _safe_date(pub.year - 1, month, day)
    return d


def _weekday(wd: str, mod: str, pub: dt.date) -> dt.date:
    target = WEEKDAYS[wd.lower()]
    mod = mod.strip().lower()
    if mod == "next":
        delta = (target - pub.weekday()) % 7 or 7
        return pub + dt.timedelta(days=delta)
    back = (pub.weekday() - target) % 7
    if mod == "last" and back == 0:
        back = 7
    return pub - dt.timedelta(days=back)


def _rel_day(rel: str, pub: dt.date) -> dt.date:
    rel = " ".join(rel.lower().split())
    if rel == "the day before yesterday":
        return pub - dt.timedelta(days=2)
    if rel in ("yesterday", "last night", "overnight"):
        return pub - dt.timedelta(days=1)
    return pub


def _rel_week(rel: str, pub: dt.date) -> dt.date:
    rel = rel.lower()
    if "last" in rel or "previous" in rel:
        return pub - dt.timedelta(days=7)
    if "weekend" in rel:  # the most recent Saturday
        return pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
    return pub - dt.timedelta(days=3) if pub.weekday() >= 3 or "day" in rel or "recent" in rel \
        else pub - dt.timedelta(days=pub.weekday())


def _mid_month(year: int, month: int, pub: dt.date | None) -> dt.date:
    d = dt.date(year, month, 15)
    return min(d, pub) if pub is not None else d


def _mid_year(year: int, pub: dt.date | None) -> dt.date:
    """A year known only as a year: its middle, or the publication day if earlier
    (ACLED's time_precision 3 says the day is not known)."""
    d = dt.date(year, 7, 1)
    return min(d, pub) if pub is not None else d


def _resolve(kind: str, m: re.Match[str], pub: dt.date | None) -> tuple[dt.date, int] | None:
    """One regex match -> (date, precision) or None when it cannot be resolved."""
    g = m.groupdict()
    if kind in ("iso", "dmy_num"):
        d = _safe_date(int(g["year"]), int(g["mnum"]), int(g["day"]))
        return (d, 1) if d else None
    if kind in ("dmy", "mdy"):
        d = _with_year(_month(m), int(g["day"]), g.get("year"), pub)
        return (d, 1) if d else None
    if kind == "dm_num":
        day, mon = int(g["day"]), int(g["mnum"])
        if mon > 12 >= day:
            day, mon = mon, day
        d = _with_year(mon, day, None, pub)
        return (d, 1) if d else None
    if kind == "year":
        return _mid_year(int(g["year"]), pub), 3
    if kind == "decade":
        return _mid_year(int(g["dec"]) + 5, pub), 3
    if pub is None:
        if kind == "month" and g.get("year"):
            return _mid_month(int(g["year"]), _month(m), None), 3
        return None
    return _resolve_relative(kind, m, g, pub)


def _resolve_relative(kind: str, m: re.Match[str], g: dict[str, Any], pub: dt.date) -> tuple[dt.date, int] | None:
    if kind == "ago":
        n = g["n"].lower()
        count = int(n) if n.isdigit() else NUMBER_WORDS.get(n, 1)
        unit = g["unit"].lower()
        if unit.startswith("day"):
            return pub - dt.timedelta(days=count), 1 if count <= 3 else 2
        if unit.startswith("week"):
            return pub - dt.timedelta(days=7 * count), 2
        if unit.startswith(("year", "decade")):  # "four years ago": that year
            return _mid_year(pub.year - count * (10 if unit.startswith("decade") else 1), pub), 3
        month_back = (pub.month - 1 - count) % 12 + 1
        year = pub.year + (pub.month - 1 - count) // 12
        return _mid_month(year, month_back, pub), 3
    if kind == "rel_day":
        return _rel_day(g["rel"], pub), 1
    if kind == "weekday":
        return _weekday(g["wd"], g.get("mod") or "", pub), 1
    if kind == "rel_week":
        return _rel_week(g["rel"], pub), 2
    if kind == "rel_month":
        if "last" in g["rel"].lower():
            first = pub.replace(day=1) - dt.timedelta(days=1)
            return _mid_month(first.year, first.month, pub), 3
        return _mid_month(pub.year, pub.month, pub), 3
    if kind == "rel_year":
        rel = g["rel"].lower()
        back = 1 if ("last" in rel or "previous" in rel or "past" in rel or "ago" in rel) else 0
        return _mid_year(pub.year - back, pub), 3
    if kind == "month":
        month = _month(m)
        year = int(g["year"]) if g.get("year") else (pub.year if month <= pub.month else pub.year - 1)
        return _mid_month(year, month, pub), 3
    if kind == "rel_mon":
        month, mod = _month(m), g["rmod"].lower()
        if mod == "last":  # the latest such month before this one
            year = pub.year if month < pub.month else pub.year - 1
        elif mod == "next":
            year = pub.year if month > pub.month else pub.year + 1
        else:
            year = pub.year
        return _mid_month(year, month, pub), 3
    if kind == "day_only":
        d = _safe_date(pub.year, pub.month, int(g["day"]))
        if d is not None and d > pub:
            prev = pub.replace(day=1) - dt.timedelta(days=1)
            d = _safe_date(prev.year, prev.month, int(g["day"]))
        return (d, 1) if d else None
    return None


def find_dates(text: str, offset: int, pub: dt.date | None) -> list[DateMatch]:
    """All resolvable date expressions in ``text`` (``offset`` = its start in the doc)."""
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    anchors: list[re.Match[str]] = []
    for kind, rx in _COMPILED:
        need = _REQUIRED.get(kind)
        if need is not None and need.search(text) is None:
            continue
        for m in rx.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            mon = m.groupdict().get("mon")
            if mon and mon[0].islower() and not text.islower():
                continue  # "troops may 5 ...", "a march": news capitalises month names
            taken.append((s, e))
            if kind == "anchor":
                anchors.append(m)
                continue
            resolved = _resolve(kind, m, pub)
            if resolved is None:
                continue
            s, e = _trim(text, s, e)
            found.append(DateMatch(resolved[0], resolved[1], offset + s, offset + e, kind))
    found.sort(key=lambda d: d.start)
    return _anchored(text, offset, found, anchors) if anchors else found


def _anchored(text: str, offset: int, found: list[DateMatch], anchors: list[re.Match[str]]) -> list[DateMatch]:
    """'On 12 March ... The next day ...': days counted from the last date before,
    in the same paragraph; with none, the expression stays unresolved."""
    out = list(found)
    for m in anchors:
        if re.match(r"\s*[A-Za-z]", text[m.end():m.end() + 3]) and re.search(r"(?:after|before)$", m.group(0)):
            continue  # "the day after the attack": counted from that happening, not a date
        before = [d for d in out if d.end <= offset + m.start() and "\n" not in text[d.end - offset:m.start()]]
        if not before:
            continue
        base = max(before, key=lambda d: d.end)
        rel = m.group("rel").lower()
        n = m.group("n")
        days = (int(n) if n.isdigit() else NUMBER_WORDS.get(n.lower(), 1)) if n else 1
        sign = -1 if any(w in rel for w in ("previous", "before", "earlier")) else 1
        out.append(DateMatch(base.date + dt.timedelta(days=sign * days), base.precision,
                             offset + m.start(), offset + m.end(), "anchor"))
    out.sort(key=lambda d: d.start)
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Drop a leading preposition ("on", "in") so the evidence is the date itself."""
    m = re.match(r"(?:on|in|during|since)\s+", text[s:e], re.IGNORECASE)
    if m and m.end() < e - s:
        s += m.end()
    return s, e


def _doc_date_ents(sdoc: Any) -> list[tuple[int, int, str]]:
    """The parse's DATE entities as (start, end, text), once per spaCy Doc."""
    user_data = getattr(sdoc, "user_data", None)
    if isinstance(user_data, dict) and "kharita.date_ents" in user_data:
        return user_data["kharita.date_ents"]
    ents = [(e.start_char, e.end_char, e.text) for e in getattr(sdoc, "ents", ()) if e.label_ == "DATE"]
    if isinstance(user_data, dict):
        user_data["kharita.date_ents"] = ents
    return ents


# a DATE entity names a day only with a month or weekday name, a numeric date or "ago"
_NAMES_A_DAY = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)"
                          r"[a-z]*\.?(?:\s|$|,)|\d[/.-]\d|\bago\b", re.IGNORECASE)


def _entity_dates(sent: Any, pub: dt.date | None, known: list[DateMatch]) -> list[DateMatch]:
    """spaCy DATE entities the regexes missed, parsed by dateparser (only with a base)."""
    extra: list[DateMatch] = []
    if pub is None:
        return extra
    for start, end, text in _doc_date_ents(getattr(sent, "doc", None)):
        if not (sent.start_char <= start < sent.end_char):
            continue
        if any(k.start < end and start < k.end for k in known):
            continue
        if not re.search(r"\d", text) or re.fullmatch(r"(?:19|20)\d\d", text.strip()):
            continue  # bare years and vague words are not event days
        if not _NAMES_A_DAY.search(text):
            continue  # "12 days", "within 30 days", "aged 24 and 27": a length or an age
        d = _dateparser(text, pub)
        if d is not None and d <= pub + dt.timedelta(days=1):
            extra.append(DateMatch(d, 1, start, end, "dateparser"))
    return extra


def _token_at(sent: Any, char: int) -> Any | None:
    for tok in sent:
        if tok.idx <= char < tok.idx + len(tok.text) or tok.idx >= char:
            return tok
    return None


def _report_dated(sent: Any, match: DateMatch, trigger: Any | None) -> bool:
    """True when the date hangs off a reporting verb that is not the trigger itself."""
    tok = _token_at(sent, match.start)
    if tok is None:
        return False
    for anc in tok.ancestors:
        if anc.pos_ in ("VERB", "AUX"):
            return anc.lemma_.lower() in REPORT and (trigger is None or anc.i != trigger.i)
    return False


def _same_branch(sent: Any, match: DateMatch, trigger: Any | None) -> bool:
    """The date may date the trigger unless it sits in a relative clause on another
    noun: "the blockade angered the traders' union, which called a strike on Tuesday"
    dates the strike ("the attack, which took place on Sunday" still dates the attack)."""
    if trigger is None:
        return True
    tok = _token_at(sent, match.start)
    if tok is None:
        return True
    verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None or verb.i == trigger.i or verb.dep_ != "relcl":
        return True
    return verb in trigger.ancestors or trigger in verb.ancestors or verb.head.i == trigger.i


_TIME_WORDS = {"night", "morning", "evening", "afternoon", "day", "dawn", "hour", "week",
               "weekend", "month", "year", "early", "late", "eve", "time", "midnight", "noon"}


def _verb_of(tok: Any) -> Any | None:
    """The verb whose clause holds ``tok`` (itself when a verb)."""
    if tok.pos_ in ("VERB", "AUX"):
        return tok
    return next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)


def _compared_since(sent: Any, match: DateMatch) -> bool:
    """A date inside "the heaviest since ...", "the worst attack since 2016", "the first
    time since the war of 1967": the yardstick of a comparison, not the happening's day."""
    tok = _token_at(sent, match.start)
    for _ in range(6):
        if tok is None or tok.head.i == tok.i:
            return False
        if tok.dep_ == "prep" and tok.lower_ == "since":
            # the words just before "since": "the worst assault since", "the first time
            # since", "the heaviest since" (the parser hangs it on the verb or the noun)
            before = tok.doc[max(tok.sent.start, tok.i - 3):tok.i]
            return any(t.tag_ in ("JJS", "RBS") or t.lower_ in ("first", "time") for t in before)
        tok = tok.head
    return False


def _attached_to(sent: Any, match: DateMatch) -> Any | None:
    """The word a date phrase tells the time of: up from the phrase through
    prepositions and time words ("on the night of 30 July") to a verb or a noun."""
    tok = _token_at(sent, match.start)
    if tok is None:
        return None
    while tok.head.i != tok.i and (match.start <= tok.head.idx < match.end
                                   or tok.head.pos_ == "ADP" or tok.head.ent_type_ in ("DATE", "TIME")
                                   or tok.head.lemma_.lower() in _TIME_WORDS):
        tok = tok.head
    return None if tok.head.i == tok.i else tok.head


def _own(sent: Any, match: DateMatch, trigger: Any) -> bool:
    """The date is told for the trigger itself ("the attack on Monday") or for the
    verb whose clause holds it ("militants attacked the base on Monday")."""
    head = _attached_to(sent, match)
    return head is not None and (head.i == trigger.i or head.i == getattr(_verb_of(trigger), "i", -1))


def _rank(sent: Any, match: DateMatch, trigger: Any) -> int:
    """How surely a date of the sentence dates the trigger: one told for it or its own
    clause (0); a day told elsewhere in the sentence (1); the day of a report
    ("officials said on Monday that ...", 2: the happening is often the day before);
    a week, month or year of a governing clause (3: a time frame, not a day)."""
    if _own(sent, match, trigger):
        return 0
    if _report_dated(sent, match, trigger):
        return 2
    return 1 if match.precision == 1 else 3


def _elsewhere_frame(sent: Any, match: DateMatch, trigger: Any | None) -> bool:
    """A week, month or year told in a clause that neither holds nor governs the
    trigger is the time frame of another happening ("the worst attack since a truce
    signed last year", "came days after the army announced an offensive this month"),
    not a date of this one - unless that clause is an adverbial of the trigger, which
    places it in time ("was moved a few weeks after her son was born")."""
    if trigger is None or match.precision == 1 or _own(sent, match, trigger):
        return False
    head = _attached_to(sent, match)
    verb = _verb_of(head) if head is not None else None
    if verb is None or verb.i == trigger.i or verb in trigger.ancestors:
        return False
    up = verb.head.head if verb.head.pos_ == "ADP" else verb.head  # "after giving": after's head
    return not (verb.dep_ in ("advcl", "pcomp") and up.i == trigger.i)


def _pick(sent: Any, matches: list[DateMatch], trigger: Any | None) -> DateMatch:
    if trigger is None or len(matches) == 1:
        return matches[0]

    def key(m: DateMatch) -> tuple[int, int, int]:
        tok = _token_at(sent, m.start)
        dist = tree_distance(tok, trigger, unconnected=99) if tok is not None else 99
        return _rank(sent, m, trigger), dist, abs(m.start - trigger.idx)

    return min(matches, key=key)


def _future(trigger: Any | None) -> bool:
    """The trigger is in the future tense ("will attack", "is to meet", "plans to hold"),
    also told in reported speech ("said it would hold a march") and a noun trigger by
    its verb ("will hold a rally on Friday")."""
    if trigger is None:
        return False
    verb = _verb_of(trigger)
    for tok in (trigger, verb) if verb is not None and verb.i != trigger.i else (trigger,):
        if any(c.dep_ == "aux" and c.lemma_ in ("will", "shall", "would") for c in tok.children):
            return True
        if tok.dep_ == "xcomp" and tok.head.lemma_ in ("plan", "schedule", "expect", "intend", "be", "set"):
            return True
    return False


def _counted_from(sent: Any, match: DateMatch, trigger: Any | None) -> int:
    """Days to add when the trigger is told in "a day after ..." / "two days before
    ..." hanging off a clause the date belongs to: "protested on Thursday, a day after
    police fired on a crowd" - the firing was the day before Thursday."""
    if trigger is None:
        return 0
    date_tok = _token_at(sent, match.start)
    for tok in (trigger, *trigger.ancestors):
        word = next((c for c in tok.children if c.dep_ in ("mark", "prep")
                     and c.lemma_.lower() in ("after", "before")), None)
        day = next((c for c in tok.children if c.lemma_.lower() == "day" and c.dep_ == "npadvmod"), None)
        if word is None or day is None:
            continue
        if date_tok is not None and (date_tok.i == tok.i or tok in date_tok.ancestors):
            return 0  # the date is told inside the counted clause itself
        count = next((c.lower_ for c in day.children if c.dep_ in ("nummod", "det")), "")
        n = int(count) if count.isdigit() else NUMBER_WORDS.get(count, 0)
        if 0 < n <= 10:
            return -n if word.lemma_.lower() == "after" else n
        return 0
    return 0


def _told_for(sent: Any, match: DateMatch, trigger: Any | None) -> bool:
    """The date is told in the trigger's clause, and not as a possessive ("Saturday's
    battle will not be the last" names a past day)."""
    if trigger is None:
        return True
    tok = _token_at(sent, match.start)
    if tok is None or tok.dep_ == "poss":
        return False
    head = _attached_to(sent, match)
    verb = _verb_of(head) if head is not None else None
    return head is not None and (head.i == trigger.i or verb == _verb_of(trigger))


def _coming(text: str, match: DateMatch, day: dt.date, pub: dt.date) -> dt.date:
    """The day of a future happening: "will meet on Tuesday" is the coming Tuesday,
    "will march on 2 May" (said in March) this year's 2 May, not last year's."""
    if match.kind == "weekday" and not text.lower().startswith("last"):
        return day + dt.timedelta(days=7)
    if match.kind in ("dmy", "mdy") and not re.search(r"(?:19|20)\d\d", text) and day.year < pub.year:
        return _safe_date(pub.year, day.month, day.day) or day
    return day


def _paragraph_start(text: str, pos: int) -> int:
    cut = text.rfind("\n", 0, pos)
    return cut + 1 if cut >= 0 else 0


def _cache(sent: Any) -> dict[Any, Any]:
    """Per-parse cache (spaCy ``Doc.user_data``): every event of a sentence shares its dates."""
    user_data = getattr(getattr(sent, "doc", None), "user_data", None)
    return user_data.setdefault("kharita.dates", {}) if isinstance(user_data, dict) else {}


def _doc_dates(doc: Document, sent: Any, pub: dt.date | None) -> list[DateMatch]:
    """One regex pass over the whole text per parse; sentences filter from it."""
    cache = _cache(sent)
    key = ("doc", len(doc.text), pub)
    if key not in cache:
        cache[key] = find_dates(doc.text, 0, pub)
    return cache[key]


def _sent_dates(doc: Document, sent: Any, pub: dt.date | None) -> list[DateMatch]:
    cache = _cache(sent)
    key = ("sent", sent.start_char, sent.end_char, pub)
    if key not in cache:
        lo, hi = sent.start_char, sent.end_char
        found = [m for m in _doc_dates(doc, sent, pub) if lo <= m.start and m.end <= hi]
        cache[key] = sorted(found + _entity_dates(sent, pub, found), key=lambda d: d.start)
    return cache[key]


def _earlier_dates(doc: Document, sent: Any, para: int, pub: dt.date | None) -> list[DateMatch]:
    lo, hi = para, sent.start_char
    return [m for m in _doc_dates(doc, sent, pub) if lo <= m.start and m.end <= hi]


def _span_of(match: DateMatch, text: str, pub: dt.date) -> tuple[dt.date, dt.date] | None:
    """The days a week or month expression covers (up to publication); None for
    years and days."""
    text = text.lower()
    if match.kind == "rel_week" and "weekend" not in text:
        monday = pub - dt.timedelta(days=pub.weekday())
        if "last" in text or "previous" in text:
            return monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)
        if "this" in text:
            return monday, pub
        return pub - dt.timedelta(days=7), pub
    if match.kind in ("rel_month", "month", "rel_mon"):
        first = match.date.replace(day=1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        return first, min(last, pub)
    return None  # a year is background; "two weeks ago" counts its own day


def _refined(doc: Document, sent: Any, match: DateMatch, pub: dt.date) -> dt.date | None:
    """A day the article names inside a week or month told for the event ("last
    week" when the article tells of "last Wednesday"): the day of the sentence, else
    the latest one before it, else the first after it.  The precision stays the
    told span's; the day is the best guess inside it."""
    span = _span_of(match, doc.text[match.start:match.end], pub)
    if span is None:
        return None
    days = [m for m in _doc_dates(doc, sent, pub)
            if m.precision == 1 and m.kind != "anchor" and span[0] <= m.date <= span[1]]
    inside = [m for m in days if sent.start_char <= m.start < sent.end_char]
    before = [m for m in days if m.end <= sent.start_char]
    after = [m for m in days if m.start >= sent.end_char]
    best = inside[0] if inside else before[-1] if before else after[0] if after else None
    return best.date if best is not None else None


def _news_day(doc: Document, sent: Any, pub: dt.date | None) -> DateMatch | None:
    """The day of the news the article reports: its first day-precise date outside the
    sentence (whose own dates were rejected for the event), on or before publication
    and at most a month before it (an older day is history)."""
    if pub is None:
        return None
    for m in _doc_dates(doc, sent, pub):
        if m.precision == 1 and pub - dt.timedelta(days=31) <= m.date <= pub \
                and not sent.start_char <= m.start < sent.end_char:
            return m
    return None


def event_date(doc: Document, sent: Any, trigger: Any | None = None) -> tuple[str | None, int | None, Span | None]:
    """Return (ISO date, ACLED time_precision 1/2/3, evidence span) or (None, None, None).

    ``sent`` is the spaCy sentence holding the event (char offsets equal
    ``doc.text`` offsets); ``trigger`` its trigger token, used to prefer the date
    attached to the event in the same clause.
    """
    pub = parse_published(doc.published)
    matches = [m for m in _sent_dates(doc, sent, pub)
               if _same_branch(sent, m, trigger) and not _elsewhere_frame(sent, m, trigger)
               and not _compared_since(sent, m)]
    if matches:
        best = _pick(sent, matches, trigger)
        precision = best.precision
        if precision == 1 and _report_dated(sent, best, trigger):
            precision = 2
        day = best.date
        if pub is not None and day < pub and _future(trigger) and _told_for(sent, best, trigger):
            day = _coming(doc.text[best.start:best.end], best, day, pub)
        if precision > 1 and pub is not None:
            day = _refined(doc, sent, best, pub) or day
        elif precision == 1:
            day += dt.timedelta(days=_counted_from(sent, best, trigger))
        return day.isoformat(), precision, doc.span(best.start, best.end)
    para = _paragraph_start(doc.text, sent.start_char)
    earlier = _earlier_dates(doc, sent, para, pub) if para < sent.start_char else []
    days = [m for m in earlier if m.precision == 1]
    if days:
        best = days[-1]
        precision = best.precision
        # "the coalition said on Tuesday that ... . Officers said the attackers were
        # fighting": a report's day dates the report, not the happenings after it
        span = sent.doc.char_span(best.start, best.end, alignment_mode="expand")
        if precision == 1 and span is not None and _report_dated(span.sent, best, None):
            precision = 2
        return best.date.isoformat(), precision, doc.span(best.start, best.end)
    # no day in the paragraph: the happening belongs to the news the article reports,
    # dated like an undated happening (precision 2, no date told for it) but on the
    # article's news day rather than the publication day.  A week, month or year of
    # an earlier sentence frames what that sentence told ("In 2017 ...", "Last month
    # ..."), not the narrative after it, so it comes only after the news day.
    lede = _news_day(doc, sent, pub)
    if lede is not None:
        return lede.date.isoformat(), 2, None
    # a week, month or year an earlier sentence told frames this one, unless it starts a
    # span ("held by the group since 2015") or this one is told as now ("Turkey has
    # threatened to extend ...", "the army is advancing"), which the news day dates
    framing = [m for m in earlier if not _SINCE.search(doc.text, max(0, m.start - 8), m.start)]
    if framing and not (pub is not None and _told_now(trigger)):
        best = framing[-1]
        return best.date.isoformat(), best.precision, doc.span(best.start, best.end)
    if pub is not None:
        return pub.isoformat(), 2, None
    return None, None, None


_SINCE = re.compile(r"\b(?:since|until|till)\s+(?:the\s+)?$", re.IGNORECASE)


def _told_now(trigger: Any | None) -> bool:
    """The trigger's clause is told in the present or the present perfect ("has
    threatened", "is advancing", "warns"), or the future: it is news of now."""
    if trigger is None:
        return False
    verb = _verb_of(trigger)
    while verb is not None and (verb.dep_ == "xcomp" or (verb.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children))) and verb.head.pos_ in (
                "VERB", "AUX", "ADJ"):
        verb = verb.head  # "has threatened to extend": the tense is the threat's
        if verb.pos_ == "ADJ" and verb.dep_ == "acomp":
            verb = verb.head  # "are poised to storm": the tense is "are"
    if verb is None:
        return False
    if verb.tag_ in ("VBZ", "VBP"):
        return True
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VBN" and any(a.lower_ in ("has", "have", "'ve", "'s", "is", "are", "am", "'re")
                                  for a in aux):
        return True  # "has threatened", "are poised to", "is besieged"
    if verb.tag_ == "VBG" and any(a.lower_ in ("is", "are", "'re", "am") for a in aux):
        return True
    if any(a.lower_ in _MODALS_NOW for a in aux) and not any(a.lower_ in ("have", "'ve") for a in aux):
        return True  # "might equally hold for the pull-out": said of now
    return _future(trigger)


_MODALS_NOW = {"can", "could", "may", "might", "must", "should", "ca"}
