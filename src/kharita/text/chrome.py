"""Drop page chrome from plain-text pages by general rules.

Plain-text copies of web pages keep the site's navigation, share buttons,
cookie notices and footers as short lines around the article.  These rules
recognise such lines by what they are, never by a list made for one page:

* **anywhere**: skip/jump links, "back to top", share/follow/subscribe calls,
  cookie notices, copyright lines, "advertisement", breadcrumbs (short items
  between separators), lines made only of navigation words, feed footers
  ("The post ... appeared first on ...");
* **in the header** (before the first real sentence): bylines, date lines and
  very short non-sentence lines (site names, section labels);
* **at the end**: very short non-sentence lines, tag/category lines, and a
  "related / more stories" heading with the headline list after it.

A line that reads like a sentence (enough words, ends in sentence
punctuation) is never removed by the header/end rules.
"""

from __future__ import annotations

import re

_NAV_TEXT = """
    home homepage news menu search login logout log in out sign up register account my
    subscribe subscription subscriptions subscriber newsletter newsletters share shares
    sharing tweet retweet facebook twitter x whatsapp linkedin telegram reddit pinterest
    instagram youtube tiktok flipboard messenger email e-mail mail print comment comments
    next previous prev back top skip jump go to main content navigation nav more related
    articles article story stories topics topic tags tag categories category section
    sections contact us about privacy policy terms of use conditions cookies cookie settings
    accept advertisement advertising advertise ad ads sponsored read also follow on the and
    this page site link copy copied open close toggle watch listen podcast podcasts video
    videos photo photos gallery galleries live latest popular most trending rss feed feeds
    world sport sports business opinion editions edition español français english العربية
    menu help faq careers jobs store shop donate support sitemap archive archives view all
    see full screen fullscreen show hide expand collapse more... »
"""
_NAV_WORDS = frozenset(_NAV_TEXT.split())

_ANYWHERE = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^(skip|jump)\s+(to|navigation)\b",
        r"^(back|return|go|scroll)\s+to\s+(the\s+)?top\b",
        r"^(share|tweet|pin|email|print)\b.{0,40}$",
        r"^(follow|like)\s+us\b",
        r"^(click|tap)\s+here\b",
        (
            r"^(subscribe|sign\s*up|join|register|get|receive|enter\s+your\s+e-?mail|don'?t\s+miss)\b"
            r".{0,120}\b(newsletter|inbox|e-?mail|updates|alerts|subscribe|subscription)\b"
        ),
        r"^(©|\(c\)|copyright\b)",
        r"\ball rights reserved\b",
        r"^advertisement\b.{0,20}$",
        r"^(sponsored|promoted)( content| stories)?$",
        r"^the post\b.{1,300}\bappeared first on\b",
        r"^(this|our) (web)?site uses cookies\b",
        r"^(read|see|watch|listen)\s+(more|also|next)\s*[:»›>-]?\s*$",
        r"^(image|media|photo|video|picture)\s+(caption|copyright|source|credit)\b",
    )
]
_COOKIE = re.compile(r"\bcookies?\b", re.IGNORECASE)
_COOKIE_CONTEXT = re.compile(
    r"\b(we use|uses|accept|consent|policy|settings|browsing|experience|continuing)\b", re.IGNORECASE
)
_BYLINE = re.compile(r"^(by|written by|reporting by|posted by|author:)\s+\S", re.IGNORECASE)
_TAGS = re.compile(r"^(tags?|topics?|categories|category|filed under|posted in|keywords)\s*:", re.IGNORECASE)
_RELATED = re.compile(
    r"^(related|more (from|on|in|stories|news|articles)|read (more|next|also)|see also|"
    r"you (may|might) also like|recommended( for you)?|most (read|popular|viewed)|"
    r"latest (news|stories)|also (read|on)|trending( now)?|what to read next)\b",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"\s*(?:\||»|›|>|•|·|/|\u2022)\s*")
_SENTENCE_END = re.compile(r"""[.!?…。！？]["”’')\]」』]*$""")
_WORD = re.compile(r"[\w'’-]+")
_MONTHS = (
    r"(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|"
    r"sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\.?"
)
DATE_LINE = re.compile(
    r"^((published|updated|posted|last updated|date|first published)\s*(on|:)?\s*)?"
    r"((mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    rf"(\d{{1,2}}(st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}}|{_MONTHS}\s+\d{{1,2}}(st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})"
    r"([\s,|at-]+\d{1,2}[:.]\d{2}(\s*[ap]\.?m\.?)?(\s*[a-z]{2,5})?)?\s*$",
    re.IGNORECASE,
)


def words(line: str) -> list[str]:
    return _WORD.findall(line)


def is_short(line: str) -> bool:
    """One or two words, not a sentence: a label (scripts without spaces count by length)."""
    return len(words(line)) <= 2 and len(line) <= 25 and not _SENTENCE_END.search(line)


def is_sentence(line: str) -> bool:
    """Reads like running prose: five words or more and sentence-final punctuation."""
    return len(words(line)) >= 5 and bool(_SENTENCE_END.search(line))


def is_chrome(line: str) -> bool:
    """Page furniture that never belongs to an article, wherever it appears."""
    stripped = line.strip(" \t-–—*#|:")
    if not stripped:
        return True
    if any(p.search(stripped) for p in _ANYWHERE):
        return True
    ws = words(stripped)
    if _COOKIE.search(stripped) and _COOKIE_CONTEXT.search(stripped) and len(ws) <= 80:
        return True
    if _is_breadcrumb(line.strip()):
        return True
    if 0 < len(ws) <= 12 and not _SENTENCE_END.search(stripped):
        nav = sum(1 for w in ws if w.lower() in _NAV_WORDS)
        return nav == len(ws)
    return False


def _is_breadcrumb(line: str) -> bool:
    """Two or more separators between short items: ``Home > World > Middle East``."""
    if line.startswith("|") or line.endswith("|"):
        return False  # a table row, not navigation
    parts = [p for p in _SEPARATORS.split(line) if p.strip()]
    if len(parts) < 3:
        return False
    return all(len(words(p)) <= 3 and not any(c.isdigit() for c in p) for p in parts)


def _is_header_furniture(line: str) -> bool:
    """Bylines, date lines and one- or two-word labels above the headline."""
    if is_sentence(line):
        return False
    if _BYLINE.match(line) and len(words(line)) <= 8:
        return True
    if DATE_LINE.match(line.strip()):
        return True
    return is_short(line)


def _is_footer_furniture(line: str) -> bool:
    if is_sentence(line):
        return False
    if _TAGS.match(line) or DATE_LINE.match(line.strip()):
        return True
    return is_short(line)


def strip_chrome(text: str, edges: bool = True) -> str:
    """The text without chrome lines; paragraph structure (blank lines) kept.

    ``edges=False`` applies only the anywhere-rules (for extractor output whose
    edges were already judged from the page structure).
    """
    lines = [" ".join(line.split()) for line in text.splitlines()]
    keep = [bool(line) and not is_chrome(line) for line in lines]
    if edges:
        _drop_link_lists(lines, keep)
        _trim_header(lines, keep)
        _trim_footer(lines, keep)
    out: list[str] = []
    for line, kept in zip(lines, keep):
        if kept:
            out.append(line)
        elif not line and out and out[-1]:
            out.append("")  # keep paragraph breaks
    return "\n".join(out).strip()


def _trim_header(lines: list[str], keep: list[bool]) -> None:
    """Drop furniture before the first sentence-like line."""
    for i, line in enumerate(lines):
        if not keep[i]:
            continue
        if is_sentence(line) and len(words(line)) >= 8:
            return
        if _is_header_furniture(line):
            keep[i] = False


def _trim_footer(lines: list[str], keep: list[bool]) -> None:
    """Drop trailing furniture and a trailing "related stories" block."""
    present = [i for i, line in enumerate(lines) if line]
    # A related-stories heading followed only by non-sentences: cut from there.
    tail = len(present)
    while tail > 0 and not (keep[present[tail - 1]] and is_sentence(lines[present[tail - 1]])):
        tail -= 1
    for pos in range(tail, len(present)):
        if _RELATED.match(lines[present[pos]]):
            for i in present[pos:]:
                keep[i] = False
            break
    for i in reversed(present):
        if not keep[i]:
            continue
        if _is_footer_furniture(lines[i]):
            keep[i] = False
        else:
            return


LIST_RUN = 4  # consecutive label-like lines that make a menu or a headline list
MENU_WORDS = 4  # above the article, menu items are this short (a headline is longer)
LINK_WORDS = 12  # below it, linked headlines of other stories up to this long


def _is_label(line: str, max_words: int) -> bool:
    """A menu item or a linked headline: short and not a sentence."""
    return len(words(line)) <= max_words and not _SENTENCE_END.search(line)


def _drop_link_lists(lines: list[str], keep: list[bool]) -> None:
    """Drop runs of LIST_RUN or more label-like lines before the first or after the last prose.

    Such runs at a page's edges are menus (items of at most MENU_WORDS words,
    so a headline ends the run) and "more stories" lists; between
    paragraphs they are as often the article's own lists, so those stay.  The
    last line of a leading run stays when prose follows it directly and it is
    long enough to be the article's headline.
    """
    present = [i for i, line in enumerate(lines) if line and keep[i]]
    prose = [i for i in present if is_sentence(lines[i])]
    if not prose:
        return
    first, last = prose[0], prose[-1]
    run: list[int] = []
    for i in [*present, -1]:
        if i >= 0 and _is_label(lines[i], MENU_WORDS if i < first else LINK_WORDS):
            run.append(i)
            continue
        at_edge = run and (run[-1] < first or run[0] > last)
        if len(run) >= LIST_RUN and at_edge:
            headline = i >= 0 and is_sentence(lines[i]) and len(words(lines[run[-1]])) >= 4
            for j in run[:-1] if headline else run:
                keep[j] = False
        run = []
