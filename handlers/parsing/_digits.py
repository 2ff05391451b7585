"""Arabic-digit numbers as typed in each locale: "1 280,50", "1,280.50", "1.280,50", "1,5"."""

from __future__ import annotations

import re
from decimal import Decimal

from handlers.parsing._text import Lang


def parse_digits(raw: str, lang: Lang) -> tuple[Decimal, int] | None:
    """Arabic digits with the locale's separators: "1 280,50" (fr), "1,280.50" (en), "1.280,50".

    With both separators the last one is the decimal point.  A lone separator followed by
    exactly three digits groups thousands when it is the locale's grouping sign ("1,500" in
    English, "1.280" in French); otherwise it is a decimal point, so "1,5" is 1.5 everywhere.
    """
    body = re.sub(r"[ '’]", "", raw)
    seps = [c for c in body if c in ".,"]
    if not seps:
        return Decimal(body), 0
    if body[0] in ".,":  # ",50" and ".99" are cents: never 50 or 99, and ",500" is unclear
        frac = body[1:]
        return (Decimal("0." + frac), len(frac)) if frac.isdigit() and len(frac) <= 2 else None
    if len(set(seps)) == 2:
        point = body[max(body.rfind("."), body.rfind(","))]
        group = "." if point == "," else ","
        whole, frac = body.rsplit(point, 1)
        if seps.count(point) != 1 or not grouped(whole, group):
            return None
        return Decimal(whole.replace(group, "") + "." + frac), len(frac)
    sep = seps[0]
    if len(seps) > 1:
        return (Decimal(body.replace(sep, "")), 0) if grouped(body, sep) else None
    whole, frac = body.split(sep)
    grouping = "." if lang == "fr" else ","
    if sep == grouping and len(frac) == 3 and grouped(body, sep) and whole != "0":
        return Decimal(whole + frac), 0
    return Decimal(whole + "." + frac), len(frac)


def grouped(text: str, sep: str) -> bool:
    head, *groups = text.split(sep)
    return 1 <= len(head) <= 3 and all(len(g) == 3 for g in groups)


def tidy(value: Decimal) -> tuple[Decimal, int]:
    """Drop the noise decimals of multiplied values: 1.5万 is 15000, not 15000.0."""
    if value == value.to_integral_value():
        return Decimal(int(value)), 0
    value = value.normalize()
    return value, -int(value.as_tuple().exponent)
