"""Parse when a purchase happened: "hier vers 21h", "March 2 at 2:10 pm", "昨晚10点半".

A rule-based parser (``_when_rules``) picks out date, clock time and part-of-day pieces; this
module resolves them against the user's clock.  Relative words point to the past ("Monday" is
the latest Monday, "à 21h" is today at 21:00) but nothing here rejects a future result: the
caller decides what to do with it.  Words that name the future ("tomorrow", "next Monday",
"lundi prochain", 下周一, "in 2 days") are flagged (``future``) rather than bent into a past
date.  A time given only as a part of the day ("hier soir", 昨晚) keeps that part (``period``)
so it can be shown back as vague.  Anything ambiguous - two different dates, "32/13",
"99:99", a month without its day - gives None so the flow can ask again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from handlers.parsing._text import date_order, normalize, strip_accents
from handlers.parsing._when_rules import Clock, Found, extract
from handlers.parsing._when_words import DEFAULT_HOUR, PERIOD_START

_MAX_TEXT = 300
_ALTERNATIVES = re.compile(r"(?<![a-z])(?:or|ou)(?![a-z])|还是|還是|或者")
#: Periods that run past midnight: "晚上12点", "last night at 2am" belong to the next day.
_NIGHT = {"evening", "night", "late"}


@dataclass(frozen=True)
class ParsedWhen:
    dt: datetime  # aware, in the requested time zone; 00:00 when has_time is False
    has_time: bool  # a clock time or a part of the day was given
    has_date: bool  # a date or relative day was given (otherwise the date is today)
    #: Only a part of the day was given ("yesterday evening", 昨晚): dt holds its usual hour
    #: (DEFAULT_HOUR), a guess to show back as one.  A period name of ``_when_words.PERIODS``.
    period: str | None = None
    future: bool = False  # said with a future word: dt is a moment to come, never a past one

    @property
    def vague(self) -> bool:
        return self.period is not None


def parse_when(text: str, locale: str, tz: str, now: datetime) -> datetime | None:
    """The moment described by ``text`` as an aware datetime in ``tz``, or None."""
    detail = parse_when_detail(text, locale, tz, now)
    return detail.dt if detail else None


def parse_when_detail(text: str, locale: str, tz: str, now: datetime) -> ParsedWhen | None:
    """Like :func:`parse_when`, also telling whether the text gave a date and a time.

    ``now`` should be aware; a naive ``now`` is taken to be wall-clock time in ``tz`` (never
    the machine's local time, which would make results depend on the server).
    """
    zone = ZoneInfo(tz)
    local_now = now.astimezone(zone) if now.tzinfo else now.replace(tzinfo=zone)
    folded = strip_accents(normalize(text)).replace("’", "'").replace("`", "'")
    if not folded or len(folded) > _MAX_TEXT:
        return None
    if _ALTERNATIVES.search(folded):  # "hier ou avant-hier", "昨天还是前天": let the flow ask
        return None
    found = Found(today=local_now.date(), now=local_now, order=date_order(locale))
    try:
        extract(f" {folded} ", found)
        if found.invalid or not found.anything():
            return None
        return _compose(found, zone)
    except (OverflowError, ValueError):  # a date at the calendar's very edge: ask again
        return None


def _compose(found: Found, zone: ZoneInfo) -> ParsedWhen | None:
    if found.future:  # whatever else was said, "next Monday" is not a purchase date
        moment = min(found.future)
        return ParsedWhen(moment, moment.time() != time(0), has_date=True, future=True)
    if found.month_offsets and not found.month_used:  # "last month" without its day: ask
        return None
    dates = set(found.dates)
    clocks = set(found.clocks)
    if len(dates) > 1 or len(clocks) > 1 or len(set(found.instants)) > 1:
        return None
    if found.instants:  # "2 hours ago" is a full moment; any other piece contradicts it
        if dates or clocks:
            return None
        return ParsedWhen(found.instants[0].replace(second=0, microsecond=0), True, True)
    day = next(iter(dates)) if dates else found.today
    period = found.periods[0] if found.periods else None
    if clocks:
        hour, minute, next_day = _resolve(next(iter(clocks)), period)
        if next_day and dates:
            day += timedelta(days=1)
    elif period:
        at = _at(day, DEFAULT_HOUR[period], 0, zone)
        if at > found.now >= _at(day, PERIOD_START[period], 0, zone):  # "ce matin" at 8:30
            at = found.now.replace(second=0, microsecond=0)
        return ParsedWhen(at, has_time=True, has_date=bool(dates), period=period)
    else:
        return ParsedWhen(_at(day, 0, 0, zone), has_time=False, has_date=True)
    return ParsedWhen(_at(day, hour, minute, zone), has_time=True, has_date=bool(dates))


def _resolve(clock: Clock, period: str | None) -> tuple[int, int, bool]:
    """24-hour time from a clock reading and an am/pm or part-of-day hint.

    Returns (hour, minute, next_day).  next_day marks times after midnight that belong to
    the night of the named day: "hier à minuit", "晚上12点", "last night at 2am".
    """
    hour = clock.hour
    if clock.meridiem == "a" and hour == 12:
        hour = 0
    elif clock.meridiem == "p" and hour < 12:
        hour += 12
    elif clock.meridiem is None and hour <= 12:
        if (period in ("afternoon", "dusk") and hour < 12) or (period == "noon" and hour < 6):
            hour += 12
        elif period in _NIGHT and hour == 12:
            hour = 0
        elif period in _NIGHT and hour >= 5:
            hour += 12
        elif period == "dawn" and hour == 12:
            hour = 0
    next_day = clock.midnight or (period in _NIGHT and hour < 5)
    return hour, clock.minute, next_day


def _at(day: date, hour: int, minute: int, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=zone)
