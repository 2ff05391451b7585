"""Money, dates and totals shown back to people, in each locale's conventions (CLDR via Babel)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_skeleton
from babel.numbers import format_currency, get_currency_precision

from handlers.languages import BABEL_LOCALE


def _locale(language: str) -> str:
    return BABEL_LOCALE.get(language, "en")


def format_money(amount: Decimal, currency: str, language: str) -> str:
    """``648.00 CNY`` style: the amount in the locale's digits, then the unambiguous ISO code.

    Symbols are ambiguous across the audience (¥ is both CNY and JPY, $ is USD, TWD, HKD…), so
    the code is always shown.
    """
    digits = get_currency_precision(currency)
    return format_currency(
        amount,
        currency,
        format="#,##0.00 ¤¤" if digits == 2 else "#,##0 ¤¤",
        locale=_locale(language),
        currency_digits=True,
    )


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
    """A running total per currency, e.g. ``648.00 CNY + 30.00 USD``."""
    totals: dict[str, Decimal] = {}
    for amount, currency in items:
        totals[currency] = totals.get(currency, Decimal(0)) + amount
    return " + ".join(format_money(total, cur, language) for cur, total in totals.items())
