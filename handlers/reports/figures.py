"""The supervisors' figures: pure computation over the cases a report reads
(:func:`storage.repositories.reports.received_cases`), for one period and one team.

Which cases: those **received** (submitted) in the period — the cohort a period is judged by;
everything else (decided, open, on time, overdue now, outcomes, money, satisfaction) is about
these cases as they stand at ``now``. Erased cases count like any other: their statistics
(platform, kind, amounts, dates, events' choices) are kept by the erasure.

Definitions (the README's "Supervisors" section says them in words):

* **Claimed** at the first agent event that takes the case up (claim, question, message to
  the parent, decision); **first answer** at the first the parent hears from an agent (a
  question, a message, a decision); **decision** at the first decision (a reopened case keeps
  its first decision's time; its outcome is the latest decision).
* **Decided within the first deadline**: the first decision came by the deadline of
  ``decision_days`` working days after submission (due at the end of that working day, in the
  team's time zone). The share counts every case that is **due**: decided, or still undecided
  with its deadline passed; a case neither decided nor due yet is not counted either way.
* **Appeals within the appeal deadline**: each appeal decided within ``appeal_days`` working
  days of it, among appeals decided or past their deadline.
* **Overdue now**: undecided and past its current deadline at ``now``.
* Times are **working hours** (:func:`handlers.reports.hours.working_hours`); the median is
  the middle value (the mean of the two middle ones for an even count), p90 the nearest rank.
* **Granted**: the decided amount of an approval in part, the whole claim (per currency) of an
  approval in full.
* **Order linking**: each purchase's verdict against the merchant's bills, where bills were
  imported (``order_links``, #15).
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.calendar import WorkingCalendar
from handlers.case.states import UNDECIDED, Status
from handlers.policy import DeskPolicy, SlaPolicy
from handlers.reports.hours import working_hours
from storage.models import Decision
from storage.repositories.reports import CaseRow, received_cases

#: Agent events that take a case up, and those the parent hears of.
_TAKES_UP = frozenset({"claimed", "asked", "relayed_to_parent", "decided"})
_ANSWERS = frozenset({"asked", "relayed_to_parent", "decided"})
_UNDECIDED = frozenset(s.value for s in UNDECIDED)
#: How the ``by_*`` breakdowns name a case without an agent.
NOBODY = ""
DECISIONS = tuple(Decision)


@dataclass(frozen=True)
class ReportRules:
    """The desk's clock: its working days, hours and deadlines (the planner's)."""

    calendar: WorkingCalendar
    timezone: str = "Asia/Shanghai"
    decision_days: int = 2
    appeal_days: int = 7
    opens: time = time(9, 0)
    closes: time = time(18, 0)
    #: Working days and deadlines already looked up (a report asks for the same few often).
    _working: dict[date, bool] = field(default_factory=dict, compare=False, repr=False)
    _deadlines: dict[tuple[date, int], datetime] = field(
        default_factory=dict, compare=False, repr=False
    )

    @classmethod
    def of_desk(cls, desk: DeskPolicy, sla: SlaPolicy) -> ReportRules:
        """The rules the planner applies to ``desk``'s cases (its team's time zone)."""
        return cls(
            calendar=sla.calendar,
            timezone=desk.timezone,
            decision_days=sla.first_decision_working_days,
            appeal_days=sla.appeal_working_days,
        )

    def is_working_day(self, day: date) -> bool:
        known = self._working.get(day)
        if known is None:
            known = self._working[day] = self.calendar.is_working_day(day)
        return known

    def deadline(self, start: datetime, days: int) -> datetime:
        """``days`` working days after ``start`` (the planner's rule), the same for every case
        submitted on one local day: computed once per day."""
        key = (start.astimezone(ZoneInfo(self.timezone)).date(), days)
        found = self._deadlines.get(key)
        if found is None:
            found = self._deadlines[key] = self.calendar.working_days_after(
                start, days, self.timezone
            )
        return found

    def hours(self, start: datetime, end: datetime) -> float:
        return working_hours(
            start, end, calendar=self, tz=self.timezone, opens=self.opens, closes=self.closes
        )


@dataclass(frozen=True)
class Period:
    """Days ``first`` to ``last`` (both included), in the team's time zone."""

    first: date
    last: date

    def bounds(self, tz: str) -> tuple[datetime, datetime]:
        """``[start, end)`` as instants in UTC: midnight to midnight in ``tz``."""
        zone = ZoneInfo(tz)
        start = datetime.combine(self.first, time(0), zone).astimezone(UTC)
        end = datetime.combine(self.last + timedelta(days=1), time(0), zone).astimezone(UTC)
        return start, end

    def days(self) -> list[date]:
        return [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]

    @classmethod
    def parse(cls, text: str, today: date) -> Period | None:
        """``week`` (or nothing): the 7 days to ``today``; ``month``: this month so far;
        ``YYYY-MM``: that month; ``YYYY-MM-DD..YYYY-MM-DD``: those days. None: not a period."""
        text = text.strip().lower()
        if text in ("", "week"):
            return cls(today - timedelta(days=6), today)
        if text == "month":
            return cls(today.replace(day=1), today)
        try:
            if ".." in text:
                first, last = (date.fromisoformat(part) for part in text.split("..", 1))
                return cls(first, last) if first <= last else None
            year, month = (int(part) for part in text.split("-"))
            first = date(year, month, 1)
        except ValueError:
            return None
        following = date(year + month // 12, month % 12 + 1, 1)
        return cls(first, following - timedelta(days=1))


@dataclass(frozen=True)
class Timing:
    """Working hours: how many cases had it, the median, the 90th percentile."""

    count: int = 0
    median: float | None = None
    p90: float | None = None

    @classmethod
    def of(cls, values: list[float]) -> Timing:
        if not values:
            return cls()
        ordered = sorted(values)
        rank = max(1, math.ceil(0.9 * len(ordered)))
        return cls(len(ordered), statistics.median(ordered), ordered[rank - 1])


@dataclass(frozen=True)
class Share:
    """``met`` of ``due`` (a deadline kept, out of those that fell due)."""

    met: int = 0
    due: int = 0

    @property
    def percent(self) -> float | None:
        return 100.0 * self.met / self.due if self.due else None


@dataclass(frozen=True)
class CaseFigures:
    """One case, as the figures (and the export) see it."""

    row: CaseRow
    agent: str
    claimed_at: datetime | None
    first_answer_at: datetime | None
    first_decision_at: datetime | None
    first_deadline: datetime
    #: The first decision came by the first deadline; None: undecided and not due yet.
    on_time: bool | None
    #: One entry per appeal: kept its deadline (None: not decided nor due yet).
    appeals_on_time: tuple[bool | None, ...]
    appeal_results: tuple[str, ...]
    reopened: int
    stars: int | None
    overdue_now: bool
    granted: dict[str, Decimal]
    #: Working hours from submission to the claim, the first answer, the first decision.
    hours_to_claim: float | None = None
    hours_to_answer: float | None = None
    hours_to_decision: float | None = None

    @property
    def decided(self) -> bool:
        return self.row.decision is not None and self.row.status not in _UNDECIDED


@dataclass(frozen=True)
class Figures:
    received: int = 0
    decided: int = 0
    open: int = 0
    on_time: Share = field(default_factory=Share)
    appeal_on_time: Share = field(default_factory=Share)
    overdue_now: int = 0
    to_claim: Timing = field(default_factory=Timing)
    to_first_answer: Timing = field(default_factory=Timing)
    to_decision: Timing = field(default_factory=Timing)
    #: Latest decision of the decided cases: approved, partial, rejected (and "closed" for a
    #: case closed without one).
    outcomes: dict[str, int] = field(default_factory=dict)
    appealed: int = 0
    appeal_results: dict[str, int] = field(default_factory=dict)
    reopened: int = 0
    claimed: dict[str, Decimal] = field(default_factory=dict)
    granted: dict[str, Decimal] = field(default_factory=dict)
    stars_average: float | None = None
    stars_count: int = 0
    erased: int = 0
    #: Purchases checked against the merchant's bills, by verdict (found, likely, refunded,
    #: voided, ambiguous, not_found); empty where no bill was imported.
    order_verdicts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Day:
    day: date
    received: int
    decided: int
    decided_on_time: int


@dataclass(frozen=True)
class Report:
    period: Period
    team: str | None
    now: datetime
    total: Figures
    by_agent: dict[str, Figures]
    by_platform: dict[str, Figures]
    by_problem: dict[str, Figures]
    by_language: dict[str, Figures]
    days: tuple[Day, ...]
    cases: tuple[CaseFigures, ...]


def case_figures(row: CaseRow, rules: ReportRules, now: datetime) -> CaseFigures:
    """What the events of one case say about it."""
    claimed_at = first_answer_at = first_decision_at = None
    appeals: list[tuple[datetime, datetime | None, str | None]] = []
    reopened, stars = 0, None
    for event in row.events:
        agent = event.actor_kind == "agent"
        if agent and claimed_at is None and event.action in _TAKES_UP:
            claimed_at = event.at
        if agent and first_answer_at is None and event.action in _ANSWERS:
            first_answer_at = event.at
        if event.action == "decided":
            if first_decision_at is None:
                first_decision_at = event.at
            if appeals and appeals[-1][1] is None:
                appealed_at = appeals[-1][0]
                appeals[-1] = (appealed_at, event.at, event.details.get("decision"))
        elif event.action == "appealed":
            appeals.append((event.at, None, None))
        elif event.action == "reopened":
            reopened += 1
        elif event.action == "rated" and stars is None:
            value = event.details.get("stars")
            stars = value if isinstance(value, int) and 1 <= value <= 5 else None
    first_deadline = rules.deadline(row.submitted_at, rules.decision_days)
    appeals_on_time = tuple(
        _kept(decided, rules.deadline(appealed, rules.appeal_days), now)
        for appealed, decided, _ in appeals
    )
    results = tuple(result for _, decided, result in appeals if decided and result)
    undecided = row.status in _UNDECIDED

    def hours(moment: datetime | None) -> float | None:
        return None if moment is None else rules.hours(row.submitted_at, moment)

    return CaseFigures(
        row=row,
        agent=row.assignee_name or (str(row.assignee_id) if row.assignee_id else NOBODY),
        claimed_at=claimed_at,
        first_answer_at=first_answer_at,
        first_decision_at=first_decision_at,
        first_deadline=first_deadline,
        on_time=_kept(first_decision_at, first_deadline, now),
        appeals_on_time=appeals_on_time,
        appeal_results=results,
        reopened=reopened,
        stars=stars,
        overdue_now=undecided and row.due_at is not None and row.due_at < now,
        granted=_granted(row),
        hours_to_claim=hours(claimed_at),
        hours_to_answer=hours(first_answer_at),
        hours_to_decision=hours(first_decision_at),
    )


def _kept(decided: datetime | None, deadline: datetime, now: datetime) -> bool | None:
    if decided is not None:
        return decided <= deadline
    return False if now > deadline else None


def _granted(row: CaseRow) -> dict[str, Decimal]:
    if row.status in _UNDECIDED or row.decision not in (Decision.APPROVED, Decision.PARTIAL):
        return {}
    if row.decided_amount is not None and row.decided_currency:
        return {row.decided_currency: row.decided_amount}
    return dict(row.claimed) if row.decision == Decision.APPROVED else {}


def figures_of(cases: Iterable[CaseFigures]) -> Figures:
    items = list(cases)
    decided = [c for c in items if c.decided]
    claimed: dict[str, Decimal] = {}
    granted: dict[str, Decimal] = {}
    for c in items:
        _add(claimed, c.row.claimed)
        _add(granted, c.granted)
    appeals = [kept for c in items for kept in c.appeals_on_time]
    stars = [c.stars for c in items if c.stars is not None]

    def hours(of: Callable[[CaseFigures], float | None]) -> Timing:
        return Timing.of([value for c in items if (value := of(c)) is not None])

    outcomes = Counter(c.row.decision or "closed" for c in decided)
    outcomes.update("closed" for c in items if c.row.status == Status.CLOSED and not c.decided)
    return Figures(
        received=len(items),
        decided=len(decided),
        open=sum(1 for c in items if c.row.status in _UNDECIDED),
        on_time=Share(
            sum(1 for c in items if c.on_time), sum(1 for c in items if c.on_time is not None)
        ),
        appeal_on_time=Share(
            sum(1 for k in appeals if k), sum(1 for k in appeals if k is not None)
        ),
        overdue_now=sum(1 for c in items if c.overdue_now),
        to_claim=hours(lambda c: c.hours_to_claim),
        to_first_answer=hours(lambda c: c.hours_to_answer),
        to_decision=hours(lambda c: c.hours_to_decision),
        outcomes=dict(outcomes),
        appealed=sum(1 for c in items if c.row.appeals or c.appeals_on_time),
        appeal_results=dict(Counter(r for c in items for r in c.appeal_results)),
        reopened=sum(1 for c in items if c.reopened),
        claimed={k: v for k, v in sorted(claimed.items())},
        granted={k: v for k, v in sorted(granted.items())},
        stars_average=statistics.fmean(stars) if stars else None,
        stars_count=len(stars),
        erased=sum(1 for c in items if c.row.anonymized),
        order_verdicts=dict(
            sorted(Counter(v for c in items for v in c.row.order_verdicts).items())
        ),
    )


def _add(into: dict[str, Decimal], amounts: dict[str, Decimal]) -> None:
    for currency, amount in amounts.items():
        into[currency] = into.get(currency, Decimal(0)) + amount


def _by(items: list[CaseFigures], key: Callable[[CaseFigures], str]) -> dict[str, Figures]:
    groups: dict[str, list[CaseFigures]] = {}
    for c in items:
        groups.setdefault(key(c), []).append(c)
    return {name: figures_of(group) for name, group in sorted(groups.items())}


def build_report(
    rows: Iterable[CaseRow],
    *,
    period: Period,
    rules: ReportRules,
    now: datetime,
    team: str | None = None,
) -> Report:
    items = [case_figures(row, rules, now) for row in rows]
    zone = ZoneInfo(rules.timezone)
    received: Counter[date] = Counter(c.row.submitted_at.astimezone(zone).date() for c in items)
    decided: Counter[date] = Counter()
    on_time: Counter[date] = Counter()
    for c in items:
        if c.first_decision_at is not None:
            day = c.first_decision_at.astimezone(zone).date()
            decided[day] += 1
            on_time[day] += bool(c.on_time)
    days = tuple(Day(d, received[d], decided[d], on_time[d]) for d in period.days())
    return Report(
        period=period,
        team=team,
        now=now,
        total=figures_of(items),
        by_agent=_by(items, lambda c: c.agent),
        by_platform=_by(items, lambda c: c.row.platform),
        by_problem=_by(items, lambda c: c.row.problem),
        by_language=_by(items, lambda c: c.row.language),
        days=days,
        cases=tuple(items),
    )


async def load_report(
    session: AsyncSession,
    *,
    period: Period,
    rules: ReportRules,
    now: datetime,
    team: str | None = None,
    with_personal: bool = False,
) -> Report:
    """The report of ``team`` (every team's: None) for ``period``, read in one transaction
    (``with_personal``: the parents' fields too, for an operator's export)."""
    start, end = period.bounds(rules.timezone)
    rows = await received_cases(
        session=session, start=start, end=end, team=team, with_personal=with_personal
    )
    return build_report(rows, period=period, rules=rules, now=now, team=team)
