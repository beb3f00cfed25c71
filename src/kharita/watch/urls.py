"""One address per story: links without tracking parameters, the page's canonical URL.

The same article reaches a watcher under many addresses: with ``?utm_source=rss``
from one feed and ``?utm_source=twitter`` from another, as an AMP copy, or
republished by a partner site whose page names the original in ``<link
rel="canonical">``.  Comparing cleaned addresses lets the watcher fetch and code
the story once; the near-duplicate detector catches the copies no address gives
away.
"""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

# Query parameters that only say how the reader arrived, never which article it is.
# Kept to names that are tracking everywhere: stripping a parameter that does name
# the article (``?id=``, ``?cid=`` on some sites) would merge two stories into one.
_TRACKING_PREFIXES = ("utm_", "mtm_", "hsa_", "oly_", "ns_")
_TRACKING = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
    "igshid", "mc_cid", "mc_eid", "mkt_tok", "_ga", "_gl", "_hsenc", "_hsmi", "ocid", "cmpid",
    "xtor", "wt_mc", "wt.mc_id", "s_cid", "sr_share", "ref_src", "smid", "icid",
    "__twitter_impression", "at_medium", "at_campaign", "at_source", "at_custom1",
    "pk_campaign", "pk_kwd", "pk_source", "pk_medium", "pk_content",
})
_DEFAULT_PORTS = {"http": 80, "https": 443}

_LINK_TAG = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_META_TAG = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""")
_HEAD_CHARS = 200_000  # canonical links live in <head>; never scan a whole huge page


def is_web_url(url: str | None) -> bool:
    """An absolute http(s) URL with a host: the only kind the watcher fetches."""
    if not url:
        return False
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in _DEFAULT_PORTS and bool(parts.hostname)


def clean_url(url: str) -> str | None:
    """``url`` without tracking parameters or fragment, scheme and host in lower case and
    the default port dropped; None when it is not an http(s) URL."""
    if not is_web_url(url):
        return None
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:
        return None
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    if ":" in host:  # an IPv6 literal keeps its brackets
        netloc = f"[{host}]" + netloc[len(host):]
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not _is_tracking(k)]
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


def _is_tracking(name: str) -> bool:
    lower = name.lower()
    return lower in _TRACKING or lower.startswith(_TRACKING_PREFIXES)


def page_canonical(page: str, base: str) -> str | None:
    """The cleaned canonical URL a page declares (``<link rel="canonical">``, else
    ``og:url``), resolved against the URL it was fetched from; None when it declares
    none, or only its site's home page (a common misconfiguration that would make
    every article of the site one story)."""
    head = page[:_HEAD_CHARS]
    found = _canonical_link(head) or _og_url(head)
    if not found:
        return None
    url = clean_url(urljoin(base, found))
    if url is None:
        return None
    if urlsplit(url).path in ("", "/") and urlsplit(base).path not in ("", "/"):
        return None
    return url


def _attributes(tag: str) -> dict[str, str]:
    return {k.lower(): html.unescape(v.strip("\"'")).strip() for k, v in _ATTR.findall(tag)}


def _canonical_link(head: str) -> str | None:
    for tag in _LINK_TAG.findall(head):
        attrs = _attributes(tag)
        if "canonical" in attrs.get("rel", "").lower().split() and attrs.get("href"):
            return attrs["href"]
    return None


def _og_url(head: str) -> str | None:
    for tag in _META_TAG.findall(head):
        attrs = _attributes(tag)
        if attrs.get("property", attrs.get("name", "")).lower() == "og:url" and attrs.get("content"):
            return attrs["content"]
    return None


def origin(url: str) -> str:
    """``scheme://host[:port]`` of a URL: the unit of robots.txt and of politeness."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    return f"{scheme}://{host}" if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{scheme}://{host}:{port}"
