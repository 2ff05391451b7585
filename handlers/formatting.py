"""Money, dates and totals shown back to people, in each locale's conventions (CLDR via Babel)."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_skeleton
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


def format_totals(items: Iterable[tuple[Decimal, str]], language: str) -> str:
    """A running total per currency, e.g. ``CN¥648.00 + $30.00``."""
    totals: dict[str, Decimal] = {}
    for amount, currency in items:
        totals[currency] = totals.get(currency, Decimal(0)) + amount
    return " + ".join(format_money(total, cur, language) for cur, total in totals.items())
