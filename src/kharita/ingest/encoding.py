"""Turn raw bytes into text: declared charsets first, then detection.

Order of evidence, strongest first:

1. a byte-order mark;
2. valid UTF-8 (multi-byte UTF-8 almost never validates by accident, so it wins
   even over a wrong declaration — pages saved by editors often keep a stale
   ``<meta charset>``);
3. a declared charset (HTTP ``Content-Type`` header, then ``<meta>`` / XML
   declaration) — trusted as is unless it is a Latin-1 family charset, which
   decodes *any* byte string and is the classic wrong default: then the
   detector gets a say;
4. charset-normalizer on the bytes.

``decode`` raises :class:`DecodeError` (with a reason for the user) rather
than returning replacement-character soup.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

# Charsets that decode every byte sequence: a declaration of one of these does
# not prove anything about the bytes.
_PERMISSIVE = {"iso8859-1", "cp1252", "ascii", "iso8859-15"}

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.\-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class DecodeError(ValueError):
    """The bytes could not be turned into text; ``str(exc)`` is the user-facing reason."""


def canonical(name: str | None) -> str | None:
    """Python's codec name for a charset label, or None when unknown."""
    if not name:
        return None
    label = name.strip().strip("\"'").lower()
    # WHATWG: browsers decode these labels as windows-1252.
    if label in {"iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii", "iso_8859-1"}:
        label = "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def header_charset(content_type: str | None) -> str | None:
    """The charset parameter of an HTTP ``Content-Type`` value."""
    if not content_type:
        return None
    m = _HEADER_CHARSET.search(content_type)
    return m.group(1) if m else None


def declared_charset(head: bytes) -> str | None:
    """The charset a document declares in its first bytes (``<meta>`` or XML prolog)."""
    sample = head[:8192]
    m = _META_CHARSET.search(sample) or _XML_ENCODING.search(sample)
    return m.group(1).decode("ascii", "replace") if m else None


def looks_binary(head: bytes) -> bool:
    """True when the first bytes are clearly not text in any encoding.

    NUL bytes never occur in 8-bit or UTF-8 text; UTF-16/32 carry a BOM (checked
    by the caller first).  Many C0 control characters are the other tell.
    """
    sample = head[:4096]
    if not sample:
        return False
    if any(sample.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(sample) > 0.05


def decode(data: bytes, declared: list[str | None] | tuple[str | None, ...] = ()) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``; raise DecodeError when impossible."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise DecodeError(f"undecodable bytes: byte-order mark says {enc}: {exc}") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    names = [c for c in (canonical(d) for d in declared) if c and c != "utf-8"]
    for name in names:
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        if name not in _PERMISSIVE:
            return text, name
        detected = _detect(data)
        if detected is None or detected[1] in _PERMISSIVE:
            return text, name
        return detected
    detected = _detect(data)
    if detected is None:
        raise DecodeError("undecodable bytes: not UTF-8 and no text encoding could be detected")
    return detected


def _detect(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's best guess, as ``(text, python codec name)``."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[:200_000]))
    if not matches:
        return None
    best = _prefer_common(matches)
    name = canonical(best.encoding) or best.encoding
    try:
        return data.decode(name), name
    except (UnicodeDecodeError, LookupError):
        return None


# Legacy code pages of DOS, old Macs and HP printers: vanishingly rare on the
# web, yet they often tie with Windows-125x on short samples.
_EXOTIC = ("mac_", "cp437", "cp775", "cp85", "cp86", "hp_", "kz1048", "ptcp154")
_CLOSE = 0.03


def _prefer_common(matches: list[Any]) -> Any:
    """The detector's best match, unless a common web encoding is almost as good."""
    best = matches[0]
    for m in matches:
        if m.chaos > best.chaos + _CLOSE:
            break
        if m.encoding == "cp1252":
            return m
    if best.encoding.startswith(_EXOTIC):
        for m in matches:
            if m.chaos <= best.chaos + _CLOSE and not m.encoding.startswith(_EXOTIC):
                return m
    return best
