"""Working days (China's holidays and working weekends, France for contrast), deadlines, and
quiet hours, including nights when the clocks change in Europe/Paris."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from handlers.calendar import WorkingCalendar, _holidays_for, local_moment, next_allowed

SHANGHAI = "Asia/Shanghai"
PARIS = "Europe/Paris"
CN = WorkingCalendar()
FR = WorkingCalendar("fr")


def at(tz: str, year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(tz))


def _hours_between(start: datetime, end: datetime) -> float:
    # Real elapsed time: subtracting two datetimes of one zone would give wall-clock hours.
    return (end.astimezone(UTC) - start.astimezone(UTC)) / timedelta(hours=1)


# --- working days ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "china", "france"),
    [
        (date(2025, 11, 14), True, True),  # a Friday
        (date(2025, 11, 15), False, False),  # Saturday
        (date(2025, 11, 16), False, False),  # Sunday
        (date(2025, 10, 1), False, True),  # National Day
        (date(2025, 10, 8), False, True),  # golden week, substituted day off
        (date(2025, 9, 28), True, False),  # a Sunday worked in China before golden week
        (date(2025, 10, 11), True, False),  # a Saturday worked in China after it
        (date(2025, 11, 11), True, False),  # Armistice Day in France
        (date(2026, 1, 4), True, False),  # a Sunday worked in China after New Year 2026
    ],
)
def test_working_days_follow_each_countrys_calendar(day, china, france):
    assert CN.is_working_day(day) is china
    assert FR.is_working_day(day) is france


def test_golden_week_is_eight_days_off_in_china():
    week = [date(2025, 10, d) for d in range(1, 9)]
    assert not any(CN.is_working_day(d) for d in week)
    assert CN.next_working_day(date(2025, 9, 30)) == date(2025, 10, 9)


def test_an_unknown_country_is_refused_at_construction():
    with pytest.raises(ValueError, match="XX"):
        WorkingCalendar("XX")


def test_holiday_tables_are_built_once_per_country_and_decade():
    before = _holidays_for.cache_info()
    for day in range(1, 29):
        WorkingCalendar("CN").is_working_day(date(2025, 2, day))
    after = _holidays_for.cache_info()
    assert after.misses - before.misses <= 1 and after.hits - before.hits >= 28


# --- deadlines ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("submitted", "days", "due"),
    [
        # across a weekend: any time on Friday counts from Friday
        (at(SHANGHAI, 2025, 11, 14, 10, 0), 2, at(SHANGHAI, 2025, 11, 18, 18, 0)),
        (at(SHANGHAI, 2025, 11, 14, 23, 30), 2, at(SHANGHAI, 2025, 11, 18, 18, 0)),
        # on Saturday: counts from Monday
        (at(SHANGHAI, 2025, 11, 15, 9, 0), 2, at(SHANGHAI, 2025, 11, 19, 18, 0)),
        (at(SHANGHAI, 2025, 11, 14, 10, 0), 7, at(SHANGHAI, 2025, 11, 25, 18, 0)),
        # across golden week, the working Saturday 10-11 included
        (at(SHANGHAI, 2025, 9, 30, 10, 0), 2, at(SHANGHAI, 2025, 10, 10, 18, 0)),
        (at(SHANGHAI, 2025, 9, 30, 10, 0), 7, at(SHANGHAI, 2025, 10, 16, 18, 0)),
        (at(SHANGHAI, 2025, 10, 3, 12, 0), 2, at(SHANGHAI, 2025, 10, 11, 18, 0)),
        # the working Sunday before it counts too
        (at(SHANGHAI, 2025, 9, 26, 15, 0), 2, at(SHANGHAI, 2025, 9, 29, 18, 0)),
        # 0 days: the end of this working day, or of the next one
        (at(SHANGHAI, 2025, 11, 14, 10, 0), 0, at(SHANGHAI, 2025, 11, 14, 18, 0)),
        (at(SHANGHAI, 2025, 10, 5, 10, 0), 0, at(SHANGHAI, 2025, 10, 9, 18, 0)),
        # across the new year, into the working Sunday 2026-01-04
        (at(SHANGHAI, 2025, 12, 31, 11, 0), 1, at(SHANGHAI, 2026, 1, 4, 18, 0)),
    ],
)
def test_deadlines_count_working_days_in_china(submitted, days, due):
    deadline = CN.working_days_after(submitted, days, SHANGHAI)
    assert deadline == due
    assert deadline.utcoffset() == timedelta(hours=8)


def test_the_day_of_submission_is_the_teams_day_not_utcs():
    # 17:00 UTC on Sep 30 is 01:00 on National Day in Shanghai: counts from Oct 9.
    submitted = datetime(2025, 9, 30, 17, 0, tzinfo=UTC)
    assert CN.working_days_after(submitted, 2, SHANGHAI) == at(SHANGHAI, 2025, 10, 11, 18, 0)
    assert CN.working_days_after(submitted, 2, "UTC") == datetime(2025, 10, 10, 18, tzinfo=UTC)


def test_the_end_of_the_working_day_is_configurable():
    submitted = at(SHANGHAI, 2025, 11, 14, 10, 0)
    due = CN.working_days_after(submitted, 1, SHANGHAI, end_of_day=time(17, 30))
    assert due == at(SHANGHAI, 2025, 11, 17, 17, 30)


def test_french_deadlines_skip_french_holidays_not_chinese_ones():
    friday = at(PARIS, 2025, 11, 7, 10, 0)
    assert FR.working_days_after(friday, 2, PARIS) == at(PARIS, 2025, 11, 12, 18, 0)
    assert FR.working_days_after(at(PARIS, 2025, 9, 30, 10, 0), 2, PARIS) == at(
        PARIS, 2025, 10, 2, 18, 0
    )


def test_a_deadline_across_a_dst_change_keeps_the_local_end_of_day():
    due = FR.working_days_after(at(PARIS, 2025, 10, 24, 10, 0), 1, PARIS)
    assert due == at(PARIS, 2025, 10, 27, 18, 0)
    assert due.astimezone(UTC) == datetime(2025, 10, 27, 17, 0, tzinfo=UTC)  # now CET


def test_naive_times_are_refused():
    with pytest.raises(ValueError):
        CN.working_days_after(datetime(2025, 11, 14, 10), 2, SHANGHAI)
    with pytest.raises(ValueError):
        next_allowed(datetime(2025, 11, 14, 22), SHANGHAI)
    with pytest.raises(ValueError):
        CN.add_working_days(date(2025, 11, 14), -1)


# --- working hours --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(SHANGHAI, 2025, 11, 18, 10, 0), at(SHANGHAI, 2025, 11, 18, 10, 0)),
        (at(SHANGHAI, 2025, 11, 18, 7, 0), at(SHANGHAI, 2025, 11, 18, 9, 0)),
        (at(SHANGHAI, 2025, 11, 14, 19, 0), at(SHANGHAI, 2025, 11, 17, 9, 0)),
        (at(SHANGHAI, 2025, 11, 15, 12, 0), at(SHANGHAI, 2025, 11, 17, 9, 0)),
        (at(SHANGHAI, 2025, 9, 28, 10, 0), at(SHANGHAI, 2025, 9, 28, 10, 0)),
        (at(SHANGHAI, 2025, 10, 2, 10, 0), at(SHANGHAI, 2025, 10, 9, 9, 0)),
    ],
)
def test_next_working_moment(moment, expected):
    assert CN.next_working_moment(moment, SHANGHAI) == expected


# --- quiet hours ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(SHANGHAI, 2025, 11, 18, 20, 59), at(SHANGHAI, 2025, 11, 18, 20, 59)),
        (at(SHANGHAI, 2025, 11, 18, 21, 0), at(SHANGHAI, 2025, 11, 19, 8, 0)),
        (at(SHANGHAI, 2025, 11, 18, 23, 45), at(SHANGHAI, 2025, 11, 19, 8, 0)),  # before 0:00
        (at(SHANGHAI, 2025, 11, 19, 3, 0), at(SHANGHAI, 2025, 11, 19, 8, 0)),  # after 0:00
        (at(SHANGHAI, 2025, 11, 19, 8, 0), at(SHANGHAI, 2025, 11, 19, 8, 0)),
        # given in UTC, judged in the parent's zone: 14:00 UTC is 22:00 in Shanghai
        (datetime(2025, 11, 18, 14, 0, tzinfo=UTC), at(SHANGHAI, 2025, 11, 19, 8, 0)),
    ],
)
def test_quiet_hours_span_midnight(moment, expected):
    assert next_allowed(moment, SHANGHAI) == expected


def test_quiet_hours_within_one_day_and_none_at_all():
    lunch = {"start": time(12, 0), "end": time(14, 0)}
    assert next_allowed(at(PARIS, 2025, 6, 2, 13, 0), PARIS, **lunch) == at(PARIS, 2025, 6, 2, 14)
    assert next_allowed(at(PARIS, 2025, 6, 2, 23, 0), PARIS, **lunch) == at(PARIS, 2025, 6, 2, 23)
    never = {"start": time(8, 0), "end": time(8, 0)}
    assert next_allowed(at(PARIS, 2025, 6, 2, 8, 0), PARIS, **never) == at(PARIS, 2025, 6, 2, 8)


def test_quiet_hours_on_the_night_clocks_go_forward_in_paris():
    # 23:00 CET on Mar 29 to 08:00 CEST on Mar 30 is 8 real hours, not 9.
    moved = next_allowed(at(PARIS, 2025, 3, 29, 23, 0), PARIS)
    assert moved == at(PARIS, 2025, 3, 30, 8, 0) and moved.utcoffset() == timedelta(hours=2)
    assert _hours_between(at(PARIS, 2025, 3, 29, 23, 0), moved) == 8
    # Quiet hours ending at 02:30, a time that does not exist that night: they end at the jump.
    late = {"start": time(22, 0), "end": time(2, 30)}
    moved = next_allowed(datetime(2025, 3, 30, 0, 30, tzinfo=UTC), PARIS, **late)
    assert moved == datetime(2025, 3, 30, 1, 0, tzinfo=UTC) == at(PARIS, 2025, 3, 30, 3, 0)


def test_quiet_hours_on_the_night_clocks_go_back_in_paris():
    moved = next_allowed(at(PARIS, 2025, 10, 25, 22, 0), PARIS)
    assert moved == at(PARIS, 2025, 10, 26, 8, 0) and moved.utcoffset() == timedelta(hours=1)
    assert _hours_between(at(PARIS, 2025, 10, 25, 22, 0), moved) == 11
    # Quiet hours ending at 02:30, a time that happens twice: they end at the first one, and
    # the repeated 02:00-02:30 (CET) is not quiet again.
    late = {"start": time(22, 0), "end": time(2, 30)}
    first_0215 = datetime(2025, 10, 26, 0, 15, tzinfo=UTC)  # 02:15 CEST
    second_0215 = datetime(2025, 10, 26, 1, 15, tzinfo=UTC)  # 02:15 CET
    # (compared in UTC: an ambiguous local time never equals another zone's time, PEP 495)
    moved = next_allowed(first_0215, PARIS, **late).astimezone(UTC)
    assert moved == datetime(2025, 10, 26, 0, 30, tzinfo=UTC)
    assert next_allowed(second_0215, PARIS, **late).astimezone(UTC) == second_0215


def test_local_moment_resolves_missing_and_repeated_times():
    assert local_moment(date(2025, 3, 30), time(2, 30), PARIS) == at(PARIS, 2025, 3, 30, 3, 0)
    repeated = local_moment(date(2025, 10, 26), time(2, 30), PARIS)
    assert repeated.astimezone(UTC) == datetime(2025, 10, 26, 0, 30, tzinfo=UTC)
    assert local_moment(date(2025, 6, 2), time(9, 0), SHANGHAI) == at(SHANGHAI, 2025, 6, 2, 9)
