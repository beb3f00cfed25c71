"""Offline language identification (py3langid, restricted and guarded for short texts).

py3langid alone misjudges short or headline-style English (it sees a handful of
character n-grams), so two cheap checks come first:

* the script: text mostly in Arabic, Cyrillic, CJK ... letters cannot be English;
* English function words: running English text is about a fifth "the", "of",
  "and", "was" ...; when they are frequent the answer is English without asking
  the classifier.

Otherwise the classifier decides among the languages that conflict news comes
in (``LANGUAGES``); on a short text it must be confident to overrule English
when some English function words are present.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from kharita.text.english import FUNCTION_WORDS, WORDS

# Languages news about armed conflict is commonly published in.
LANGUAGES = (
    "en", "ar", "fr", "es", "pt", "de", "it", "nl", "ru", "uk", "tr", "fa", "ur", "ps", "ku",
    "he", "zh", "ja", "ko", "hi", "bn", "id", "ms", "sw", "am", "so", "ha", "pl", "ro",
    "sv", "el", "hr", "sr", "bs", "az", "ka", "hy", "vi", "th", "my", "ne", "ta", "tl",
)

_LATIN_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
_SAMPLE = 3000
SHORT = 200  # characters: below this the classifier is unreliable


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """One py3langid model restricted to LANGUAGES (loaded once, ~0.2 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    known = set(ident.labels)
    ident.set_languages([code for code in LANGUAGES if code in known])
    return ident


def normalise_code(value: str | None) -> str | None:
    """``en-US`` / ``EN`` / ``eng`` / ``English`` -> ``en``; None for empty."""
    if not value or not value.strip():
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return _NAMES.get(code, code)


_NAMES = {
    "eng": "en", "english": "en", "ara": "ar", "arabic": "ar", "fra": "fr", "fre": "fr",
    "french": "fr", "spa": "es", "spanish": "es", "rus": "ru", "russian": "ru", "deu": "de",
    "ger": "de", "german": "de", "fas": "fa", "per": "fa", "persian": "fa", "farsi": "fa",
    "tur": "tr", "turkish": "tr", "ukr": "uk", "ukrainian": "uk", "por": "pt",
    "portuguese": "pt", "zho": "zh", "chi": "zh", "chinese": "zh", "urd": "ur", "urdu": "ur",
}


def english_share(text: str) -> tuple[float, int]:
    """Share of Latin-script words that are English function words, and the word count."""
    found = _LATIN_WORD.findall(text)
    if not found:
        return 0.0, 0
    hits = sum(1 for w in found if w.lower() in FUNCTION_WORDS)
    return hits / len(found), len(found)


def latin_share(text: str) -> float:
    """Share of letters written in the Latin script."""
    if text.isascii():
        return 1.0 if any(c.isalpha() for c in text) else 0.0
    letters = [c for c in text[:1000] if c.isalpha()]
    if not letters:
        return 0.0
    latin = sum(1 for c in letters if c < "\u0250" or "LATIN" in unicodedata.name(c, ""))
    return latin / len(letters)


def lexicon_share(text: str) -> float:
    """Share of a short text's common words that are English news words.

    Capitalised words are names in running text, so when the text is not in
    title case only lower-case words (and the first word) are counted.
    """
    found = _LATIN_WORD.findall(text)
    if not found:
        return 0.0
    lower = [w for w in found[1:] if w[0].islower()]
    counted = [found[0], *lower] if lower else found
    return sum(1 for w in counted if w.lower() in WORDS) / len(counted)


def detect(text: str) -> tuple[str | None, float]:
    """``(ISO 639-1 code, confidence)``; ``(None, 0.0)`` for text without letters."""
    sample = text[:_SAMPLE]
    if not any(c.isalpha() for c in sample):
        return None, 0.0
    latin = latin_share(sample) > 0.9
    short = len(sample) < SHORT
    if latin:
        share, n_words = english_share(sample)
        if n_words >= 4 and share >= 0.12:
            return "en", min(1.0, 0.6 + share)
        if short:
            known = lexicon_share(sample)
            if known >= 0.34:
                return "en", 0.5 + known / 2
    lang, prob = _identifier().classify(sample)
    lang, prob = str(lang), float(prob)
    if lang != "en" and latin and short and prob < 0.5:
        return "en", 0.5  # no real evidence either way: names only, e.g. "Kabul"
    return lang, prob
