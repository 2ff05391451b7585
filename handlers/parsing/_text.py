"""Text and locale normalisation shared by the amount and date parsers.

Parents type on phones with every keyboard imaginable: full-width digits from Chinese IMEs,
no-break spaces pasted from app-store receipts, French words with or without accents.  Both
parsers first fold all of that into one canonical form so their tables stay small.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Literal, cast

from handlers.languages import detect_language

Lang = Literal["en", "fr", "zh-Hans", "zh-Hant"]
DateOrder = Literal["MDY", "DMY", "YMD"]

#: English-speaking regions that write dates day-first.  Plain "en" and "en-US" stay US order.
_DMY_EN_REGIONS = {"gb", "uk", "ie", "au", "nz", "in", "za", "sg", "hk", "my", "001", "150"}

_DASHES = str.maketrans({"−": "-", "–": "-", "—": "-", "‐": "-", "‑": "-", "﹣": "-"})
_SPACES = re.compile(r"\s+")


def _subtags(locale: str) -> list[str]:
    return [part for part in re.split(r"[-_.@]", (locale or "").strip().casefold()) if part]


def normalize_locale(locale: str) -> Lang:
    """Map "zh_Hans", "zh-CN", "zh-TW", "fr-FR", "en-US"... onto the four supported locales
    (:func:`handlers.languages.detect_language`, the one mapping).

    Anything unknown falls back to English rather than raising: the parser is a convenience and
    must never break the conversation because a client sent an odd language code.
    """
    return cast(Lang, detect_language(locale, "en"))


def date_order(locale: str) -> DateOrder:
    """Field order for purely numeric dates such as ``2/3``: US order for plain English."""
    lang = normalize_locale(locale)
    if lang.startswith("zh"):
        return "YMD"
    if lang == "fr" or _DMY_EN_REGIONS.intersection(_subtags(locale)[1:]):
        return "DMY"
    return "MDY"


def normalize(text: str) -> str:
    """Fold width, case, dashes and every kind of space; keep accents (see :func:`strip_accents`).

    NFKC turns full-width digits and punctuation into ASCII and U+00A0 / U+202F / U+3000 into
    plain spaces, which is exactly what number and date matching want.
    """
    text = (text or "").replace("，", ", ")  # a Chinese comma separates, never groups digits
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_DASHES)
    return _SPACES.sub(" ", folded).strip()


def strip_accents(text: str) -> str:
    """Remove Latin diacritics ("après-midi" -> "apres-midi"); CJK text is left untouched."""
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", kept)


def alternation(words: Iterable[str]) -> str:
    """Regex matching any of ``words``, longest first ("nt$" before "$", "euros" before "euro").

    Latin words must not be glued to other letters, so "nt" never matches inside "cent".
    """
    parts = []
    for word in sorted(words, key=len, reverse=True):
        pattern = re.escape(word)
        if word[0].isascii() and word[0].isalpha():
            pattern = r"(?<![a-z])" + pattern
        if word[-1].isascii() and word[-1].isalpha():
            pattern += r"(?![a-z])"
        parts.append(pattern)
    return "(?:" + "|".join(parts) + ")"
