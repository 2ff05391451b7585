"""Supported languages and how a Telegram client's language code maps onto them."""

from __future__ import annotations

import re

SUPPORTED = ("en", "fr", "zh-Hans", "zh-Hant")

#: Chinese (Mandarin, Cantonese); a subtag of these regions or script is Traditional.
_CHINESE = frozenset({"zh", "cmn", "yue"})
_TRADITIONAL = frozenset({"hant", "tw", "hk", "mo"})

#: Babel locale identifiers used for formatting numbers, money and dates.
BABEL_LOCALE = {"en": "en", "fr": "fr", "zh-Hans": "zh_Hans_CN", "zh-Hant": "zh_Hant_TW"}

#: Where a language's readers live, as Babel locales (BABEL_LOCALE's first), when it serves
#: several places with money of their own: a symbol one of them writes bare for its own
#: currency ("$" for the Taiwan dollar in Taipei) would read as the local one elsewhere (the
#: Hong Kong dollar in Hong Kong), so money is written as every one of them reads it.
READER_LOCALES: dict[str, tuple[str, ...]] = {
    "zh-Hant": ("zh_Hant_TW", "zh_Hant_HK", "zh_Hant_MO"),
}

#: Regions whose people get their own defaults rather than their language's: Traditional
#: Chinese serves Taiwan, Hong Kong and Macau, which differ in time zone and currency; English
#: and Simplified Chinese are written in Britain or Singapore too.
#: Region subtag of the client's code (``zh-HK``, ``zh-Hant-HK``) -> (time zone, currency).
REGIONAL_DEFAULTS: dict[str, tuple[str, str]] = {
    "TW": ("Asia/Taipei", "TWD"),
    "HK": ("Asia/Hong_Kong", "HKD"),
    "MO": ("Asia/Macau", "MOP"),
    # English has no place of its own: a region with one time zone gives it (``en-GB``), and a
    # bare ``en`` (or ``en-US``, several zones) is asked where they are (handlers/intake/zone.py).
    "GB": ("Europe/London", "GBP"),
    "IE": ("Europe/Dublin", "EUR"),
    "NZ": ("Pacific/Auckland", "NZD"),
    "SG": ("Asia/Singapore", "SGD"),
    "IN": ("Asia/Kolkata", "INR"),
}


def detect_language(language_code: str | None, default: str) -> str:
    """Pick the supported language for a client's IETF code (``zh-TW``, ``fr-CA``, ``en``…),
    or a locale name (``zh_TW.UTF-8``). The one place a code becomes a language: the
    parsers read theirs here too (``handlers/parsing/_text.normalize_locale``).

    Telegram clients send codes such as ``zh-hans``, ``zh-hant``, ``zh-tw`` or plain ``zh``;
    plain ``zh`` means Simplified (mainland clients), the commonest case; Cantonese (``yue``)
    is written in Traditional characters.
    """
    tags = _subtags(language_code or "")
    if not tags:
        return default
    if tags[0] in _CHINESE:  # the script decides, else the region (or Cantonese)
        if "hans" in tags[1:]:
            return "zh-Hans"
        traditional = tags[0] == "yue" or _TRADITIONAL.intersection(tags[1:])
        return "zh-Hant" if traditional else "zh-Hans"
    if tags[0] in ("fr", "en"):
        return tags[0]
    return default


def _subtags(code: str) -> list[str]:
    return [part for part in re.split(r"[-_.@]", code.strip().casefold()) if part]


def client_region(language_code: str | None) -> str | None:
    """The region a client's IETF code names, as a key of :data:`REGIONAL_DEFAULTS`, or None.

    ``zh-HK``, ``zh_hk`` and ``zh-Hant-HK`` name Hong Kong; ``zh-Hant`` and ``zh`` no region.
    """
    if not language_code:
        return None
    for part in language_code.strip().replace("_", "-").split("-")[1:]:
        if len(part) == 2 and part.upper() in REGIONAL_DEFAULTS:
            return part.upper()
    return None


def normalize_language(value: str) -> str | None:
    """Return the supported language matching ``value`` exactly (case-insensitive), or None."""
    for lang in SUPPORTED:
        if lang.lower() == value.strip().lower():
            return lang
    return None
