"""Money, dates and totals shown back to people, in each locale's conventions (CLDR via Babel)."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_skeleton, get_timezone_location
from babel.numbers import format_currency

from handlers.languages import BABEL_LOCALE, READER_LOCALES


def _locale(language: str) -> str:
    return BABEL_LOCALE.get(language, "en")


def format_money(amount: Decimal, currency: str, language: str) -> str:
    """The amount as the language writes money: ``¥648.00`` in Simplified Chinese,
    ``CN¥648.00`` in English, ``12,50 €`` in French, ``NT$990.00`` in Traditional Chinese.

    The symbol, pattern and number of decimals are Babel's (CLDR) for the language, with one
    rule on top: no reader sees two currencies written alike (see :func:`_symbol`).
    """
    locale = Locale.parse(_locale(language))
    symbol = _symbol(currency, language)
    pattern = str(locale.currency_formats["standard"].pattern)
    if symbol == locale.currency_symbols.get(currency, currency):
        custom = None  # Babel writes it so itself
    elif symbol == currency:
        custom = "#,##0.00 ¤¤"  # the ISO code, after the amount as codes are written
    else:
        custom = pattern.replace("¤", "'" + symbol.replace("'", "''") + "'")
    return format_currency(amount, currency, format=custom, locale=locale, currency_digits=True)


@functools.cache
def _symbol(currency: str, language: str) -> str:
    """The sign a currency is written with for the language's readers.

    The language's own symbol, when every place it is read writes the currency the same way;
    otherwise the first of their symbols that names it (has letters: ``NT$`` where Taipei
    writes ``$``). Either way, one that no other currency has in any of those places —
    failing that, the ISO code.
    """
    locales = [Locale.parse(name) for name in READER_LOCALES.get(language, (_locale(language),))]
    forms = [loc.currency_symbols.get(currency, currency) for loc in locales]
    if len(set(forms)) > 1:
        forms = [form for form in forms if any(ch.isalpha() for ch in form)]
    for symbol in dict.fromkeys([*forms, currency]):
        taken = any(
            other != currency and sign == symbol
            for loc in locales
            for other, sign in loc.currency_symbols.items()
        )
        if not taken:
            return symbol
    return currency


def format_when(moment: datetime, timezone: str, language: str, *, with_time: bool = True) -> str:
    """A moment in the person's own time zone, in their language's medium style."""
    day, time = format_when_parts(moment, timezone, language)
    if not with_time:
        return day
    pattern = str(Locale.parse(_locale(language)).datetime_formats["medium"]).replace("'", "")
    return pattern.replace("{1}", day).replace("{0}", time)


def format_when_parts(moment: datetime, timezone: str, language: str) -> tuple[str, str]:
    """The day and the time of :func:`format_when`, apart: a time that is only a guess is shown
    after the part of the day it stands for ("Thu, Nov 19, 2026, in the evening, around 8:00 PM").
    """
    local = moment.astimezone(ZoneInfo(timezone)).replace(tzinfo=None)
    locale = Locale.parse(_locale(language))
    day = format_skeleton("yMMMEd", local, locale=locale)
    time = format_skeleton("hm" if language == "en" else "Hm", local, locale=locale)
    return day, time


def format_clock(moment: datetime, timezone: str, language: str, *, weekday: bool) -> str:
    """The time of day in a time zone ("4:00 AM", "04:00"), with the weekday ("Fri 4:00 AM")
    when it falls on another day than the one shown beside it."""
    local = moment.astimezone(ZoneInfo(timezone)).replace(tzinfo=None)
    skeleton = ("E" if weekday else "") + ("hm" if language == "en" else "Hm")
    return format_skeleton(skeleton, local, locale=Locale.parse(_locale(language)))


def zone_city(timezone: str, language: str) -> str:
    """A time zone as its city, in the language: "Paris", "巴黎", "New York"."""
    return get_timezone_location(ZoneInfo(timezone), locale=_locale(language), return_city=True)


def utc_offset(moment: datetime, timezone: str) -> str:
    """The zone's offset from UTC at that moment, as written after "UTC": "+1", "+5:30", "-5"."""
    offset = moment.astimezone(ZoneInfo(timezone)).utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    hours, rest = divmod(abs(minutes), 60)
    return ("-" if minutes < 0 else "+") + str(hours) + (f":{rest:02d}" if rest else "")


def format_totals(items: Iterable[tuple[Decimal, str]], language: str) -> str:
    """A running total per currency, e.g. ``CN¥648.00 + $30.00``."""
    totals: dict[str, Decimal] = {}
    for amount, currency in items:
        totals[currency] = totals.get(currency, Decimal(0)) + amount
    return " + ".join(format_money(total, cur, language) for cur, total in totals.items())
