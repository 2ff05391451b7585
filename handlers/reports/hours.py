"""Working hours between two instants: what "time to decision" means to a desk that works
09:00–18:00 on working days (weekends, public holidays and adjusted working weekends from
:class:`handlers.calendar.WorkingCalendar`).

A case submitted on Friday at 17:00 and decided on Monday at 10:00 took 2 working hours, not
65 hours: the evenings and the weekend are nobody's delay.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Protocol
from zoneinfo import ZoneInfo

from handlers.calendar import local_moment

#: A span longer than this many days is counted day by day all the same, but is certainly a
#: data error (a clock far off): capped so one bad row cannot stall a report.
_MAX_SPAN_DAYS = 3660


class WorkingDays(Protocol):
    """What :func:`working_hours` needs of a calendar (``WorkingCalendar``, or a report's
    rules, which remember the days they looked up)."""

    def is_working_day(self, day: date) -> bool: ...


def working_hours(
    start: datetime,
    end: datetime,
    *,
    calendar: WorkingDays,
    tz: str,
    opens: time = time(9, 0),
    closes: time = time(18, 0),
) -> float:
    """Hours of ``[start, end)`` that fall within ``opens``–``closes`` on working days in
    ``tz``; 0 when ``end`` is not after ``start``."""
    if end <= start:
        return 0.0
    zone = ZoneInfo(tz)
    first = start.astimezone(zone).date()
    last = min(end.astimezone(zone).date(), first + timedelta(days=_MAX_SPAN_DAYS))
    begin, finish = start.astimezone(UTC), end.astimezone(UTC)
    seconds = 0.0
    day = first
    while day <= last:
        if calendar.is_working_day(day):
            day_open, day_close = _day_hours(day, opens, closes, tz)
            overlap = (min(finish, day_close) - max(begin, day_open)).total_seconds()
            if overlap > 0:
                seconds += overlap
        day += timedelta(days=1)
    return seconds / 3600


@lru_cache(maxsize=4096)
def _day_hours(day: date, opens: time, closes: time, tz: str) -> tuple[datetime, datetime]:
    return local_moment(day, opens, tz).astimezone(UTC), local_moment(day, closes, tz).astimezone(
        UTC
    )
