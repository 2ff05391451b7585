"""The supervisors' figures against hand-computed expectations on the desk of
tests/handlers/report_desk.py (working days, holidays, an appeal, a reopened case, an erased
case that keeps its statistics, another team's case, a case after the period)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from handlers.calendar import WorkingCalendar
from handlers.reports.figures import Period, ReportRules, Share, Timing, load_report
from handlers.reports.hours import working_hours
from tests.handlers.report_desk import NOW, SHANGHAI, at, seed

RULES = ReportRules(calendar=WorkingCalendar("CN"), timezone="Asia/Shanghai")
PERIOD = Period(date(2026, 9, 24), date(2026, 9, 30))


async def _report(database, team: str | None = "main"):
    await seed(database)
    async with database.unit_of_work() as session:
        return await load_report(session, period=PERIOD, rules=RULES, now=NOW, team=team)


def test_working_hours_skip_evenings_weekends_and_holidays():
    def hours(start: datetime, end: datetime) -> float:
        return working_hours(start, end, calendar=RULES.calendar, tz="Asia/Shanghai")

    assert hours(at(9, 24, 10), at(9, 28, 9, 30)) == 8.5  # Thu → Mon over the holiday
    assert hours(at(9, 25, 20), at(9, 28, 9)) == 0  # a holiday evening to Monday's opening
    assert hours(at(9, 30, 17, 30), at(10, 8, 9, 30)) == 1  # across the National Day week
    assert hours(at(10, 10, 9), at(10, 10, 12)) == 3  # Saturday 10 October is worked
    assert hours(at(9, 28, 12), at(9, 28, 11)) == 0


def test_periods_are_read_as_supervisors_write_them():
    today = date(2026, 10, 12)
    assert Period.parse("", today) == Period(date(2026, 10, 6), today)
    assert Period.parse("week", today) == Period(date(2026, 10, 6), today)
    assert Period.parse("month", today) == Period(date(2026, 10, 1), today)
    assert Period.parse("2026-02", today) == Period(date(2026, 2, 1), date(2026, 2, 28))
    assert Period.parse("2026-12", today) == Period(date(2026, 12, 1), date(2026, 12, 31))
    assert Period.parse("2026-09-24..2026-09-30", today) == PERIOD
    assert Period.parse("2026-13", today) is None
    assert Period.parse("soon", today) is None
    start, end = PERIOD.bounds("Asia/Shanghai")
    assert start == datetime(2026, 9, 24, tzinfo=SHANGHAI)
    assert end == datetime(2026, 10, 1, tzinfo=SHANGHAI)


async def test_the_team_figures_match_the_hand_count(database):
    report = await _report(database)
    total = report.total
    assert [c.row.reference for c in report.cases] == ["AAAAA", "BBBBB", "CCCCC", "DDDDD", "EEEEE"]
    assert (total.received, total.decided, total.open) == (5, 3, 2)
    # A and D (first decision) kept the 2-working-day deadline; B decided late after the
    # holidays; C and E are past theirs undecided.
    assert total.on_time == Share(met=2, due=5)
    assert total.on_time.percent == 40.0
    assert total.appeal_on_time == Share(met=1, due=1)
    assert total.overdue_now == 2
    assert total.to_claim == Timing(count=4, median=1.0, p90=1.0)  # A 1, B 0, D 1, E 1
    assert total.to_first_answer == Timing(count=3, median=2.0, p90=4.0)  # A 4, B 1, D 2
    assert total.to_decision == Timing(count=3, median=8.5, p90=28.0)  # A 8.5, B 28, D 2
    assert total.outcomes == {"approved": 1, "partial": 1, "rejected": 1}
    assert total.appealed == 1
    assert total.appeal_results == {"partial": 1}
    assert total.reopened == 1
    assert total.claimed == {
        "CNY": Decimal("978"),
        "EUR": Decimal("12.50"),
        "USD": Decimal("49.90"),
    }
    assert total.granted == {"CNY": Decimal("748")}
    assert (total.stars_average, total.stars_count) == (5.0, 1)
    assert total.erased == 1


async def test_breakdowns_by_agent_platform_kind_and_language(database):
    report = await _report(database)
    assert sorted(report.by_agent) == ["", "Alice", "Bob"]
    alice, bob, nobody = report.by_agent["Alice"], report.by_agent["Bob"], report.by_agent[""]
    assert (alice.received, alice.decided, alice.on_time) == (2, 2, Share(2, 2))
    assert (bob.received, bob.decided, bob.on_time, bob.overdue_now) == (2, 1, Share(0, 2), 1)
    assert (nobody.received, nobody.overdue_now) == (1, 1)
    assert report.by_platform["wechat"].claimed == {"EUR": Decimal("12.50")}
    assert report.by_platform["douyin"].received == 4
    assert list(report.by_problem) == ["minor_purchase"]
    assert {k: v.received for k, v in report.by_language.items()} == {
        "en": 1,
        "fr": 1,
        "zh-Hans": 3,
    }


async def test_days_count_cases_received_and_first_decisions(database):
    report = await _report(database)
    by_day = {d.day.day: (d.received, d.decided, d.decided_on_time) for d in report.days}
    assert by_day == {
        24: (1, 0, 0),
        25: (1, 0, 0),
        26: (0, 0, 0),
        27: (0, 0, 0),
        28: (1, 1, 1),  # C received; A decided on time
        29: (1, 1, 1),  # D received and decided
        30: (1, 0, 0),
    }


async def test_every_team_and_a_case_of_another_team(database):
    report = await _report(database, team=None)
    assert report.total.received == 6
    assert report.total.claimed["EUR"] == Decimal("17.50")


@pytest.mark.parametrize("first", [date(2026, 10, 13), date(2026, 1, 1)])
async def test_a_period_without_cases_has_no_shares(database, first):
    await seed(database)
    async with database.unit_of_work() as session:
        report = await load_report(
            session, period=Period(first, first), rules=RULES, now=NOW, team="main"
        )
    assert report.total.received == 0
    assert report.total.on_time.percent is None
    assert report.total.to_decision == Timing()


async def test_order_linking_results_are_counted_by_verdict(database):
    """What matching against the merchant's bills found (#15), counted per purchase, in the
    figures and the export."""
    from sqlmodel import select

    from handlers.reports import export
    from storage.models import CaseTransaction, OrderLink

    ids = await seed(database)
    async with database.unit_of_work() as session:
        purchases = (
            await session.exec(
                select(CaseTransaction).where(
                    CaseTransaction.case_id.in_([ids["AAAAA"], ids["BBBBB"]])  # type: ignore[attr-defined]
                )
            )
        ).all()
        verdicts = iter(["found", "refunded", "not_found"])
        for purchase in sorted(purchases, key=lambda p: (p.case_id, p.position)):
            session.add(
                OrderLink(
                    case_id=purchase.case_id,
                    transaction_id=purchase.id,
                    verdict=next(verdicts),
                    checked_at=NOW,
                )
            )
    async with database.unit_of_work() as session:
        report = await load_report(session, period=PERIOD, rules=RULES, now=NOW, team="main")
    assert report.total.order_verdicts == {"found": 1, "not_found": 1, "refunded": 1}
    assert report.by_agent["Bob"].order_verdicts == {"not_found": 1, "refunded": 1}
    rows = export.rows(report, RULES.timezone)
    assert [r["orders"] for r in rows[:3]] == ["found:1", "not_found:1;refunded:1", ""]
