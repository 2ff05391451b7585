"""Rule-based extraction of date and time pieces from folded text.

Each rule is a regex plus a handler that records what it understood in a :class:`Found` and
blanks the matched span, so later, looser rules (a bare "à 9") never re-read the digits of an
earlier, stricter one ("2/3/2025").  Rules run in a fixed order, most specific first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from handlers.parsing._text import DateOrder, alternation
from handlers.parsing._when_words import (
    AGO_UNITS,
    DAY_WORDS,
    FUTURE_DAY_WORDS,
    JUST_NOW,
    MONTH_UNITS,
    MONTHS,
    NUMBER_WORDS,
    PERIODS,
    WEEKDAYS,
    ZH_WEEK,
    ZH_WEEKDAYS,
)
from handlers.parsing.numerals import to_int


@dataclass(frozen=True)
class Clock:
    hour: int
    minute: int
    meridiem: str | None = None  # "a" or "p" when am/pm was typed
    midnight: bool = False  # "minuit": the 00:00 that closes the named day


@dataclass
class Found:
    today: date
    now: datetime
    order: DateOrder
    dates: list[date] = field(default_factory=list)
    clocks: list[Clock] = field(default_factory=list)
    periods: list[str] = field(default_factory=list)
    instants: list[datetime] = field(default_factory=list)  # "2 hours ago", "just now"
    invalid: bool = False  # something date-like that cannot be a date: 32/13, 99:99
    #: Moments named with a future word ("tomorrow", "下周一", "lundi prochain", "in 2 days").
    future: list[datetime] = field(default_factory=list)
    #: Months named relatively, for a day number ("the 15th of last month" -> -1, 本月 -> 0).
    month_offsets: list[int] = field(default_factory=list)
    month_used: bool = False  # a day number took its month from month_offsets

    def anything(self) -> bool:
        return bool(
            self.dates
            or self.clocks
            or self.periods
            or self.instants
            or self.future
            or self.month_offsets
        )


_CN = r"[〇零一二两兩三四五六七八九十]{1,3}"
_NUM = rf"(?:\d{{1,2}}|{_CN})"
_MONTH = alternation(MONTHS)
_WEEKDAY = alternation(WEEKDAYS)
_NUMWORD = alternation([*NUMBER_WORDS, "a couple of", "a few"])
_AMPM = r"\s?([ap])\.?\s?m\b\.?"
#: How far back "N days/weeks/hours ago" may reach; further is read as no date at all.
AGO_LIMIT = timedelta(days=3660)


def _on_date(found: Found, year: int | None, month: int, day: int) -> bool:
    """Record a calendar date; a missing year is this year unless that is > 1 day ahead."""
    limit = found.today + timedelta(days=1)
    years = [year] if year is not None else [found.today.year - k for k in range(5)]
    for candidate in years:
        try:
            value = date(candidate, month, day)
        except (ValueError, OverflowError):  # 31 February, the year 99999
            continue
        if year is not None or value <= limit:
            found.dates.append(value)
            return True
    return False


def _year(text: str | None) -> int | None:
    if not text:
        return None
    value = to_int(text)
    if value is None:
        return None
    return value + 2000 if value < 100 else value


def _ymd(m: re.Match[str], found: Found) -> None:
    year, month, day = _year(m[1]), to_int(m[2]), to_int(m[3])
    if year is None or month is None or day is None or not _on_date(found, year, month, day):
        found.invalid = True


def _zh_md(m: re.Match[str], found: Found) -> None:
    month, day = to_int(m[2]), to_int(m[3])
    if month is None or day is None or not _on_date(found, _year(m[1]), month, day):
        found.invalid = True


def _numeric(m: re.Match[str], found: Found) -> None:
    """2/3, 16/07, 2/3/2025, 16.07.2025: order from the locale, swapped only if impossible."""
    a, b, year = int(m[1]), int(m[3]), _year(m[4])
    day_first = found.order == "DMY" or (m[2] in ".-" and found.order == "MDY")
    order = [(b, a), (a, b)] if day_first else [(a, b), (b, a)]
    for month, day in order:
        if 1 <= month <= 12 and _on_date(found, year, month, day):
            return
    if m[2] == "/" or year is not None:  # "9.90" is more likely a price than a bad date
        found.invalid = True


def _named_dmy(m: re.Match[str], found: Found) -> None:
    day = 1 if m[1] == "1er" else int(m[1])
    if not _on_date(found, _year(m[3]), MONTHS[m[2]], day):
        found.invalid = True


def _named_mdy(m: re.Match[str], found: Found) -> None:
    if not _on_date(found, _year(m[3]), MONTHS[m[1]], int(m[2])):
        found.invalid = True


def _add_months(day: date, months: int) -> date:
    """The same day ``months`` later (earlier when negative), clamped to the month's end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def _day_only(m: re.Match[str], found: Found) -> None:
    """Day only ("le 2", "the 2nd", "2号"): this month, or last month if still to come.

    With a relative month said ("of last month", 上个月, "du mois dernier"), that month.
    """
    raw = (m[1] or m[2] or m[3] or m[4]).rstrip("号號日 ")
    day = 1 if raw == "1er" else to_int(raw)
    month_start = found.today.replace(day=1)
    if found.month_offsets:
        found.month_used = True
        try:
            found.dates.append(
                _add_months(month_start, found.month_offsets[0]).replace(day=day or 0)
            )
        except ValueError:  # the 31st of a 30-day month
            found.invalid = True
        return
    for start in (month_start, (month_start - timedelta(days=1)).replace(day=1)):
        try:
            value = start.replace(day=day or 0)
        except ValueError:
            continue
        if value <= found.today + timedelta(days=1):
            found.dates.append(value)
            return
    found.invalid = True


def _count(raw: str) -> float | None:
    count = 0.5 if raw in ("半", "half an", "half a") else NUMBER_WORDS.get(raw)
    if count is None:
        count = 3 if raw == "a few" else 2 if raw == "a couple of" else to_int(raw)
    return count


def _ago(m: re.Match[str], found: Found) -> None:
    count, unit = _count(m["n"].strip()), m["unit"].strip()
    seconds = AGO_UNITS[unit] * (count or 0)
    if seconds > AGO_LIMIT.total_seconds():  # "1000000 days ago": no date to build
        found.invalid = True
    elif unit in MONTH_UNITS and count and count == int(count):  # "a month ago": 20 Oct
        found.dates.append(_add_months(found.today, -int(count)))
    elif seconds >= 86400:
        found.dates.append(found.today - timedelta(days=int(seconds // 86400)))
    elif seconds:
        found.instants.append(found.now - timedelta(seconds=seconds))


def _future_in(m: re.Match[str], found: Found) -> None:
    """ "in 2 days", "dans une semaine", "3天后": a moment to come."""
    seconds = AGO_UNITS[m["unit"].strip()] * (_count(m["n"].strip()) or 0)
    if seconds > AGO_LIMIT.total_seconds():
        found.invalid = True
    else:
        found.future.append(found.now + timedelta(seconds=max(seconds, 60)))


def _future_day(m: re.Match[str], found: Found) -> None:
    ahead, period = FUTURE_DAY_WORDS[m[0]]
    found.future.append(_midnight(found, found.today + timedelta(days=ahead)))
    if period:
        found.periods.append(period)


def _future_word(m: re.Match[str], found: Found) -> None:
    """ "next Monday", "lundi prochain", 下周一, "next week", 下个月, "next month": to come."""
    weekday = m["day"] or m["jour"]
    monday = found.today - timedelta(days=found.today.weekday())
    if weekday:  # the coming one, after today
        ahead = (WEEKDAYS[weekday] - found.today.weekday()) % 7 or 7
        day = found.today + timedelta(days=ahead)
    elif m["zh"]:
        later = 2 if m["zh"].startswith("下下") else 1
        if m["zh"].endswith(("月", "月份")):
            day = _add_months(found.today.replace(day=1), later)
        else:  # 下周, 下周一, 下周末
            target = 5 if m["zhday"] == "末" else ZH_WEEKDAYS.get(m["zhday"] or "一", 0)
            day = monday + timedelta(weeks=later, days=target)
    else:
        unit = m["unit"] or m["unite"] or m[0]
        if unit in ("month", "mois"):
            day = _add_months(found.today.replace(day=1), 1)
        elif unit in ("year", "annee", "明年"):
            day = date(found.today.year + 1, 1, 1)
        else:  # next week, la semaine prochaine
            day = monday + timedelta(weeks=1)
    found.future.append(_midnight(found, day))


def _midnight(found: Found, day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=found.now.tzinfo)


def _month_offset(offset: int) -> Handler:
    def handler(m: re.Match[str], found: Found) -> None:
        found.month_offsets.append(offset)

    return handler


def _zh_month(m: re.Match[str], found: Found) -> None:
    found.month_offsets.append({"上上": -2, "上": -1}.get(m[1], 0))


def _just_now(m: re.Match[str], found: Found) -> None:
    found.instants.append(found.now)


def _day_word(m: re.Match[str], found: Found) -> None:
    back, period = DAY_WORDS[m[0]]
    found.dates.append(found.today - timedelta(days=back))
    if period:
        found.periods.append(period)


def _last_week(m: re.Match[str], found: Found) -> None:
    found.dates.append(found.today - timedelta(days=7))


def _weekday(m: re.Match[str], found: Found) -> None:
    """Bare weekday: the latest one, today included; "last"/"dernier": the latest before today."""
    if found.dates:  # "mardi 3 novembre": the explicit date already says it
        return
    target = WEEKDAYS[m["day"]]
    strict = bool(m["last"] or m["after"])
    back = (found.today.weekday() - target) % 7 or (7 if strict else 0)
    found.dates.append(found.today - timedelta(days=back))


def _zh_weekday(m: re.Match[str], found: Found) -> None:
    """上周一 is Monday of the previous calendar week; a bare 周一 the latest Monday."""
    if found.dates:
        return
    target, which = ZH_WEEKDAYS[m[2]], m[1] or ""
    monday = found.today - timedelta(days=found.today.weekday())
    if which.startswith("上"):
        weeks = 2 if which.startswith("上上") else 1
        found.dates.append(monday - timedelta(weeks=weeks) + timedelta(days=target))
    elif which:
        found.dates.append(monday + timedelta(days=target))
    else:
        found.dates.append(found.today - timedelta(days=(found.today.weekday() - target) % 7))


def _period(m: re.Match[str], found: Found) -> None:
    found.periods.append(PERIODS[m[0].strip()])


def _clock(found: Found, hour: int | None, minute: int | None, **kw: object) -> None:
    if hour is None or minute is None or not (0 <= hour <= 23 and 0 <= minute <= 59):
        found.invalid = True
    else:
        found.clocks.append(Clock(hour, minute, **kw))  # type: ignore[arg-type]


def _colon(m: re.Match[str], found: Found) -> None:
    _clock(found, int(m[1]), int(m[2]), meridiem=m[3])


def _fr_hour(m: re.Match[str], found: Found) -> None:
    hour = int(m[1])
    minute = int(m[2]) if m[2] else {"demi": 30, "demie": 30, "quart": 15}.get(m[3] or "", 0)
    if m[4]:  # "10h moins le quart"
        hour, minute = hour - 1, 45
    _clock(found, hour, minute)


def _ampm(m: re.Match[str], found: Found) -> None:
    hour = int(m[1])
    if not 1 <= hour <= 12:
        found.invalid = True
        return
    _clock(found, hour, int(m[2] or 0), meridiem=m[3])


def _bare_hour(m: re.Match[str], found: Found) -> None:
    if int(m[1]) <= 23:
        _clock(found, int(m[1]), 0)


def _noon(m: re.Match[str], found: Found) -> None:
    minute = {"demi": 30, "demie": 30, "quart": 15}.get(m[2] or "", int(m[3] or 0))
    midnight = m[1] in ("minuit", "midnight")
    _clock(found, 0 if midnight else 12, minute, midnight=midnight)


def _zh_clock(m: re.Match[str], found: Found) -> None:
    quarters = to_int(m[3]) if m[3] else None
    minute = 30 if m[2] else quarters * 15 if quarters else to_int(m[4]) if m[4] else 0
    _clock(found, to_int(m[1]), minute)


_HALF_HOUR = r"(?:et\s+(demie?|quart))"
_AGO_N = rf"(?P<n>\d+|{_NUMWORD}|{_CN}|半|half an)"
_AGO_UNIT = rf"(?P<unit>{alternation(AGO_UNITS)})"
_YMD = (
    r"(?<![\d.,])(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*[日号號]?(?!\d)"
)
_ZH_YEAR = r"(?:(\d{4,}|[〇零○一二三四五六七八九]{4,})\s*年\s*)?"
_AT = r"(?<![a-z])(?:at|around|about|vers|a|@|by|autour de)"
_FUTURE_WORD = (
    rf"(?<![a-z])(?:next|this coming|coming)\s+(?:(?P<day>{_WEEKDAY})|(?P<unit>week|month|year))"
    r"(?![a-z])"
    rf"|(?<![a-z])(?:(?:la|le|l')\s*)?(?:(?P<jour>{_WEEKDAY})|(?P<unite>semaine|mois|annee))"
    r"\s+(?:prochaine?|qui vient)(?![a-z])"
    r"|(?P<zh>下下?(?:个|個)?(?:周|週|星期|礼拜|禮拜|月份?))(?P<zhday>[一二三四五六日天七末])?|明年"
)
Handler = Callable[[re.Match[str], Found], None]
RULES: list[tuple[str, Handler]] = [
    # Future words first, so that "next Monday" is never read as last Monday, nor 下周一 as 周一.
    (rf"(?<![a-z])(?:in|dans)\s+{_AGO_N}\s*{_AGO_UNIT}(?![a-z])", _future_in),
    (rf"{_AGO_N}\s*{_AGO_UNIT}\s*(?:后|後|以后|以後|之后|之後)", _future_in),
    (alternation(FUTURE_DAY_WORDS), _future_day),
    (_FUTURE_WORD, _future_word),
    # Relative months, for the day number read below: "the 15th of last month", 上个月15号.
    (
        r"(?<![a-z])(?:(?:of|in|from)\s+)?(?:the\s+)?month\s+before\s+last(?![a-z])",
        _month_offset(-2),
    ),
    (
        r"(?<![a-z])(?:(?:of|in|from)\s+)?(?:the\s+)?(?:last|past|previous|this past)\s+month"
        r"(?![a-z])|(?<![a-z])(?:du|le|au)\s+mois\s+(?:dernier|passe|precedent)(?![a-z])",
        _month_offset(-1),
    ),
    (
        r"(?<![a-z])(?:(?:of|in|earlier)\s+)?this\s+month(?![a-z])"
        r"|(?<![a-z])(?:de\s+)?ce\s+mois(?:[\s-]?ci)?(?![a-z])|(?<![a-z])du\s+mois(?!\s+d)",
        _month_offset(0),
    ),
    (r"(上上|上|这|這|本)(?:个|個)?月(?:份)?(?:\s*的)?", _zh_month),
    (rf"{_AGO_N}\s*{_AGO_UNIT}\s*(?:ago|前|以前|之前)", _ago),
    (rf"(?<![a-z])(?:il\s+)?(?:y\s*'?\s*a|ya)\s+(?P<n>\d+|{_NUMWORD})\s*{_AGO_UNIT}", _ago),
    (alternation(JUST_NOW), _just_now),
    (_YMD, _ymd),
    (rf"{_ZH_YEAR}({_NUM})\s*月\s*({_NUM})\s*[日号號]?", _zh_md),
    (
        r"(?<![\d.,/:-])(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{4}|\d{2}))?"
        r"(?![\d/:]|[.,-]\d|\s?[ap]\.?m(?![a-z])|\s?h)",
        _numeric,
    ),
    (
        rf"(?<!\d)(1er|\d{{1,2}})(?:st|nd|rd|th|er|e)?\s+(?:of\s+|de\s+)?({_MONTH})\.?"
        r"(?:\s*,?\s*(\d{4,})(?![\d:h]))?",
        _named_dmy,
    ),
    (
        rf"({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?![\d:h])(?:\s*,?\s*(\d{{4,}})(?![\d:h]))?",
        _named_mdy,
    ),
    (
        r"(?<![a-z])le\s+(1er|\d{1,2})(?!\d|\s*(?:h(?![a-z])|:|heures?)|\s*[/.]\d)"
        r"|the\s+(\d{1,2})(?:st|nd|rd|th)(?![a-z])"
        rf"|(?<![\d月])({_NUM}\s*[号號]|\d{{1,2}}\s*日)"
        r"|(?<![\d/.:a-z])(\d{1,2})(?:st|nd|rd|th)(?![a-z])",
        _day_only,
    ),
    (alternation(DAY_WORDS), _day_word),
    (
        r"(?<![a-z])(?:last week|la semaine derniere|la semaine passee)(?![a-z])"
        rf"|(?:上个|上個|上){ZH_WEEK}(?![一二三四五六日天七末])",
        _last_week,
    ),
    (
        rf"(?:(?P<last>last|this past|past)\s+)?(?:on\s+)?(?P<day>{_WEEKDAY})"
        r"(?:\s+(?P<after>dernier|passe|last))?(?![a-z])",
        _weekday,
    ),
    (rf"(上上|上|这|這|本)?(?:个|個)?{ZH_WEEK}([一二三四五六日天七])", _zh_weekday),
    (alternation(p for p in PERIODS if p not in "早晚") + rf"|[早晚](?=\s*{_NUM})", _period),
    (rf"(?<![\d:])(\d{{1,2}})\s*[:h]\s*(\d{{2}})(?::\d{{2}})?(?!\d)(?:{_AMPM})?", _colon),
    (rf"(?<![\d:])(\d{{1,2}})(?:[.:](\d{{2}}))?{_AMPM}", _ampm),
    (
        r"(?<![\d:])(\d{1,2})\s*(?:h|heures?)(?:\s*(\d{2})|\s+et\s+(demie?|quart))?"
        r"(?:\s+(moins le quart))?(?![a-z\d])",
        _fr_hour,
    ),
    (rf"(?<![a-z])(midi|minuit|noon|midnight)(?:\s+{_HALF_HOUR}|\s+(\d{{2}}))?", _noon),
    (
        rf"({_NUM})\s*[点點时時](?:\s*(半)|\s*([一三])\s*刻|\s*({_NUM})\s*分?)?(?:\s*整)?",
        _zh_clock,
    ),
    (r"(\d{1,2})\s*o'?\s?clock", _bare_hour),
    (rf"{_AT}\s+(\d{{1,2}})(?![\d:.,/]|\s*(?:%|[€$¥£]|{_AGO_UNIT}))", _bare_hour),
]


_COMPILED = [(re.compile(pattern), handler) for pattern, handler in RULES]


def extract(text: str, found: Found) -> Found:
    """Apply every rule in order; each match is recorded in ``found`` and blanked out."""
    for pattern, handler in _COMPILED:

        def run(m: re.Match[str], handler: Handler = handler) -> str:
            handler(m, found)
            return " ¦ "

        text = pattern.sub(run, text)
    return found
