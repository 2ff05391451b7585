"""Supported languages and how a Telegram client's language code maps onto them."""

from __future__ import annotations

SUPPORTED = ("en", "fr", "zh-Hans", "zh-Hant")

_SIMPLIFIED = ("zh-hans", "zh-cn", "zh-sg", "zh-my", "zh")
_TRADITIONAL = ("zh-hant", "zh-tw", "zh-hk", "zh-mo")

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
#: Chinese serves Taiwan, Hong Kong and Macau, which differ in time zone and currency.
#: Region subtag of the client's code (``zh-HK``, ``zh-Hant-HK``) -> (time zone, currency).
REGIONAL_DEFAULTS: dict[str, tuple[str, str]] = {
    "TW": ("Asia/Taipei", "TWD"),
    "HK": ("Asia/Hong_Kong", "HKD"),
    "MO": ("Asia/Macau", "MOP"),
}


def detect_language(language_code: str | None, default: str) -> str:
    """Pick the supported language for a client's IETF code (``zh-TW``, ``fr-CA``, ``en``…).

    Telegram clients send codes such as ``zh-hans``, ``zh-hant``, ``zh-tw`` or plain ``zh``;
    plain ``zh`` means Simplified (mainland clients), the commonest case.
    """
    if not language_code:
        return default
    code = language_code.strip().lower().replace("_", "-")
    if code.startswith("zh"):
        if any(code == c or code.startswith(c + "-") for c in _TRADITIONAL):
            return "zh-Hant"
        if "hant" in code:
            return "zh-Hant"
        return "zh-Hans"
    if code == "fr" or code.startswith("fr-"):
        return "fr"
    if code == "en" or code.startswith("en-"):
        return "en"
    return default


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
