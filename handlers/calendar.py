"""Working days and quiet hours: when a deadline falls, when a message may be sent.

Conventions (the support team's time zone ``tz`` decides what "a day" is):

* **Working day**: the ``holidays`` package decides, for the configured country — public
  holidays are off, and so are weekends *except* the adjusted working weekends China (and a
  few other countries) declare around long holidays (2025-09-28, a Sunday, was a working day).
* **Deadlines** (:meth:`WorkingCalendar.working_days_after`): a claim submitted at any time on
  day D is due at ``end_of_day`` (18:00 by default) of the Nth working day after D. A claim
  submitted on a non-working day counts as if submitted on the next working day. ``days=0``
  means the end of that same (or next) working day. Submitted on Friday 10:00 or 23:30 with 2
  working days: due Tuesday 18:00; submitted on Saturday: due Wednesday 18:00.
* **Local times that do not exist or happen twice** (DST changes) are resolved to the first
  instant the wall clock shows that time or later: 02:30 on the night clocks jump from 02:00
  to 03:00 is 03:00; 02:30 on the night they fall back is its first occurrence.
* Results are aware datetimes in ``tz`` (ready to show). Compare them as instants in UTC:
  Python compares two datetimes of one zone by wall clock, and an ambiguous local time never
  equals a time in another zone (PEP 495).

Years the ``holidays`` package has no announcement for yet (China publishes each year's
adjustments in the preceding autumn) count only the fixed public holidays and weekends.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

#: Holiday tables are built for a decade at a time, with one year of margin on each side so
#: that adjustments published under a neighbouring year are seen too.
_BLOCK = 10
#: No real calendar has this many consecutive days off; a longer search is a bug.
_MAX_DAYS_OFF = 60


@lru_cache(maxsize=32)
def _holidays_for(country: str, first_year: int, last_year: int) -> holidays.HolidayBase:
    # expand=False: the object never grows after construction, so sharing it is safe.
    return holidays.country_holidays(country, years=range(first_year, last_year + 1), expand=False)


def _utc(moment: datetime) -> datetime:
    # Two datetimes sharing a tzinfo compare and subtract by wall clock, ignoring ``fold``:
    # wrong across a DST change. Instants are compared in UTC.
    return moment.astimezone(UTC)


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"a timezone-aware datetime is needed, got {moment!r}")
    return moment


def local_moment(day: date, at: time, tz: str) -> datetime:
    """The first instant, in ``tz``, at which the wall clock on ``day`` shows ``at`` or later.

    An ambiguous time (clocks falling back) is its first occurrence; a time skipped by a DST
    jump is the instant of the jump.
    """
    zone = ZoneInfo(tz)
    wall = datetime.combine(day, at.replace(tzinfo=None))
    earlier = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if earlier.astimezone(zone).replace(tzinfo=None) == wall:
        return earlier.astimezone(zone)
    # ``wall`` falls in a gap: fold=1 reads it with the offset after the jump (an instant
    # before it), fold=0 with the offset before (an instant after). Bisect to the jump.
    low = int(wall.replace(tzinfo=zone, fold=1).timestamp())
    high = int(earlier.timestamp())
    while high - low > 1:
        middle = (low + high) // 2
        if datetime.fromtimestamp(middle, zone).replace(tzinfo=None) >= wall:
            high = middle
        else:
            low = middle
    return datetime.fromtimestamp(high, zone)


def next_allowed(
    moment: datetime, tz: str, start: time = time(21, 0), end: time = time(8, 0)
) -> datetime:
    """``moment`` (in ``tz``), or the end of the quiet hours it falls in.

    Quiet hours run from ``start`` to ``end`` local time and may span midnight (21:00–08:00);
    ``start == end`` means there are none. A night's quiet hours end once, at the first instant
    the clock shows ``end``, even when clocks fall back and that hour repeats.
    """
    local = _aware(moment).astimezone(ZoneInfo(tz))
    if start == end:
        return local
    spans_midnight = start > end
    instant = _utc(local)
    for night in (local.date() - timedelta(days=1), local.date()):
        quiet_from = local_moment(night, start, tz)
        quiet_until = local_moment(night + timedelta(days=int(spans_midnight)), end, tz)
        if _utc(quiet_from) <= instant < _utc(quiet_until):
            return quiet_until
    return local


class WorkingCalendar:
    """Working days of one country, from the ``holidays`` package (never a hand-kept list)."""

    def __init__(self, country: str = "CN") -> None:
        self.country = country.upper()
        if self.country not in holidays.list_supported_countries():
            raise ValueError(f"no public holiday calendar for country {country!r}")

    def _table(self, year: int) -> holidays.HolidayBase:
        first = year - year % _BLOCK
        return _holidays_for(self.country, first - 1, first + _BLOCK)

    def is_working_day(self, day: date) -> bool:
        """Not a public holiday, and not a weekend unless declared a working weekend."""
        return bool(self._table(day.year).is_working_day(day))

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        for offset in range(1, _MAX_DAYS_OFF + 1):
            candidate = day + timedelta(days=offset)
            if self.is_working_day(candidate):
                return candidate
        raise ValueError(f"no working day within {_MAX_DAYS_OFF} days after {day}")

    def add_working_days(self, day: date, days: int) -> date:
        """The ``days``-th working day after ``day`` (``day`` itself, or the next working day
        if it is not one, for ``days=0``)."""
        if days < 0:
            raise ValueError("days must not be negative")
        current = day if self.is_working_day(day) else self.next_working_day(day)
        for _ in range(days):
            current = self.next_working_day(current)
        return current

    def working_days_after(
        self, start: datetime, days: int, tz: str, end_of_day: time = time(18, 0)
    ) -> datetime:
        """The deadline ``days`` working days after ``start``, as an aware datetime in ``tz``.

        See the module docstring for the convention.
        """
        local_day = _aware(start).astimezone(ZoneInfo(tz)).date()
        return local_moment(self.add_working_days(local_day, days), end_of_day, tz)

    def next_working_moment(
        self,
        moment: datetime,
        tz: str,
        opens: time = time(9, 0),
        closes: time = time(18, 0),
    ) -> datetime:
        """``moment`` (in ``tz``) if it falls within working hours of a working day, otherwise
        the opening of the next working day's hours (today's, if it is still before them)."""
        local = _aware(moment).astimezone(ZoneInfo(tz))
        today = local.date()
        if self.is_working_day(today):
            opening = local_moment(today, opens, tz)
            if _utc(local) < _utc(opening):
                return opening
            if _utc(local) < _utc(local_moment(today, closes, tz)):
                return local
        return local_moment(self.next_working_day(today), opens, tz)
