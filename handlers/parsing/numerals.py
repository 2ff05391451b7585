"""Chinese numerals, Simplified and Traditional, as people type them in chat.

Handles the positional forms (一百二十八, 兩千零五十, 三萬), the colloquial elisions where the
last unit is implied (两千五 = 2500, 一万二 = 12000, 三百五 = 350), digit-by-digit years
(二〇二五), financial capitals (壹佰), and mixes with Arabic digits (3万, 1.5万, 3万5).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "壹": 1,
    "幺": 1,
    "二": 2,
    "贰": 2,
    "貳": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "叁": 3,
    "參": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "陸": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}

_CN_CHARS = "".join([*DIGITS, *SMALL_UNITS, *BIG_UNITS])
#: A run of Chinese numeral characters, possibly starting with Arabic digits ("3万5千"), and
#: the one digit of a colloquial elision after a unit ("3萬2" = 32000, "1千5" = 1500).
CN_NUMBER = (
    rf"(?:\d+(?:\.\d+)?[{_CN_CHARS}]+(?:\d[{_CN_CHARS}]+)*(?:\d(?![\d.,]))?|[{_CN_CHARS}]+)"
)
_TOKEN = re.compile(rf"\d+(?:\.\d+)?|[{_CN_CHARS}]")


def _tokens(text: str) -> list[str] | None:
    tokens = _TOKEN.findall(text)
    return tokens if "".join(tokens) == text else None


def parse_cn_number(text: str) -> Decimal | None:
    """Value of a Chinese (or mixed Arabic/Chinese) numeral, or None if it is not one.

    >>> parse_cn_number("一百二十八"), parse_cn_number("两千五"), parse_cn_number("1.5万")
    (Decimal('128'), Decimal('2500'), Decimal('15000.0'))
    """
    tokens = _tokens(text)
    if not tokens:
        return None
    if not any(t in SMALL_UNITS or t in BIG_UNITS for t in tokens):
        # Digit by digit: 二〇二五 -> 2025, 六 -> 6.
        if any(not t.isdigit() and t not in DIGITS for t in tokens):
            return None
        try:
            return Decimal("".join(t if t[0].isdigit() else str(DIGITS[t]) for t in tokens))
        except InvalidOperation:
            return None
    return _positional(tokens)


def _positional(tokens: list[str]) -> Decimal | None:
    total = Decimal(0)  # everything already multiplied by 万/亿
    section = Decimal(0)  # the part below the current 万
    pending: Decimal | None = None  # a digit waiting for its unit
    last_unit = 0  # last unit applied, for the colloquial elision 两千五
    last_small = 10**5  # units inside a section must decrease: 三百四十, not 三十四百
    last_big = 10**9
    zero_since_unit = False
    for tok in tokens:
        if tok in SMALL_UNITS or tok in BIG_UNITS:
            unit = SMALL_UNITS.get(tok) or BIG_UNITS[tok]
            if unit in SMALL_UNITS.values():
                if unit >= last_small:
                    return None
                section += (pending if pending is not None else Decimal(1)) * unit
                last_small = unit
            else:
                if unit >= last_big:
                    return None
                value = section + (pending or 0)
                if value == 0:
                    return None
                total += value * unit
                section, last_small, last_big = Decimal(0), 10**5, unit
            pending, last_unit, zero_since_unit = None, unit, False
        elif tok in ("零", "〇", "○"):
            zero_since_unit = True
        else:
            if pending is not None:
                return None  # 三四百: a range, not a number
            pending = Decimal(tok) if tok[0].isdigit() else Decimal(DIGITS[tok])
    if pending is not None:
        if last_unit and not zero_since_unit and "." not in str(pending) and pending < 10:
            pending *= last_unit // 10  # 两千五 -> 2000 + 500
        section += pending
    return total + section


def to_int(text: str) -> int | None:
    """Integer value of Arabic digits or a Chinese numeral; None for anything else."""
    if text.isdecimal():  # not isdigit(): "²" is a digit that int() refuses
        return int(text)
    value = parse_cn_number(text)
    if value is None or value != value.to_integral_value():
        return None
    return int(value)
