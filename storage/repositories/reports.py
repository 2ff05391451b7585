"""What the supervisors' figures are computed from: cases received in a period, their
purchases' amounts and the events that time them (``handlers/reports/figures.py``).

Read with plain column selects, four queries for any number of cases (no ORM objects, no
query per case): a report over 100,000 cases stays a matter of seconds
(``bench/reports_bench.py``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy import Select, case, null, select, text
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import FollowUp, FollowUpStatus
from storage.tables import CASE_EVENTS, CASES, FOLLOW_UPS, ORDER_LINKS, TRANSACTIONS

#: The events that time a case or say how it ended; the others (relays, notes shown, files
#: shown) are not read.
TIMED_ACTIONS = (
    "claimed",
    "asked",
    "relayed_to_parent",
    "decided",
    "appealed",
    "reopened",
    "closed",
    "overdue",
    "rated",
    "anonymized",
)
#: The events whose details a report reads.
DETAILED_ACTIONS = ("decided", "rated")
_NO_DETAILS: dict[str, Any] = {}
#: Personal fields, exported only when an operator asks (``--with-personal``).
PERSONAL_COLUMNS = ("account", "contact", "description", "user_id")


class EventRow(NamedTuple):
    """One event as a report reads it (a tuple: a report reads hundreds of thousands)."""

    action: str
    actor_kind: str
    actor_id: int | None
    at: datetime
    details: dict[str, Any]


#: The columns an :class:`EventRow` is read from, but its details (read only for some events).
_EVENT_COLUMNS = (
    CASE_EVENTS.c.action,
    CASE_EVENTS.c.actor_kind,
    CASE_EVENTS.c.actor_id,
    CASE_EVENTS.c.created_at,
)


@dataclass
class CaseRow:
    """One case as a report reads it (never the parent's words unless asked for)."""

    id: int
    reference: str
    team: str
    platform: str
    problem: str
    language: str
    status: str
    decision: str | None
    decided_amount: Decimal | None
    decided_currency: str | None
    submitted_at: datetime
    decided_at: datetime | None
    closed_at: datetime | None
    due_at: datetime | None
    appeals: int
    assignee_id: int | None
    assignee_name: str | None
    anonymized: bool
    claimed: dict[str, Decimal] = field(default_factory=dict)
    events: list[EventRow] = field(default_factory=list)
    personal: dict[str, Any] = field(default_factory=dict)
    #: What matching against the merchant's bills found for each purchase checked (#15).
    order_verdicts: list[str] = field(default_factory=list)


_COLUMNS = (
    "id",
    "reference",
    "team",
    "platform",
    "problem",
    "language",
    "status",
    "decision",
    "decided_amount",
    "decided_currency",
    "submitted_at",
    "decided_at",
    "closed_at",
    "due_at",
    "appeals",
    "assignee_id",
    "assignee_name",
    "anonymized_at",
)


def _received(columns: list[Any], start: datetime, end: datetime, team: str | None) -> Select[Any]:
    statement = select(*columns).where(CASES.c.submitted_at >= start, CASES.c.submitted_at < end)
    if team is not None:
        statement = statement.where(CASES.c.team == team)
    return statement


async def received_cases(
    *,
    session: AsyncSession,
    start: datetime,
    end: datetime,
    team: str | None = None,
    with_personal: bool = False,
) -> list[CaseRow]:
    """Cases submitted in ``[start, end)`` (``team``'s, or every team's), oldest first, with
    their claimed totals per currency and their timing events in order."""
    connection = await session.connection()
    names = _COLUMNS + (PERSONAL_COLUMNS if with_personal else ())
    result = await connection.execute(
        _received([CASES.c[name] for name in names], start, end, team).order_by(
            CASES.c.submitted_at, CASES.c.id
        )
    )
    rows: dict[int, CaseRow] = {}
    for values in result.all():
        data = dict(zip(names, values, strict=True))
        personal = {name: data.pop(name) for name in PERSONAL_COLUMNS if name in data}
        data["anonymized"] = data.pop("anonymized_at") is not None
        rows[data["id"]] = CaseRow(**data, personal=personal)
    if not rows:
        return []
    ids = _received([CASES.c.id], start, end, team).scalar_subquery()
    amounts = await connection.execute(
        select(TRANSACTIONS.c.case_id, TRANSACTIONS.c.currency, TRANSACTIONS.c.amount).where(
            TRANSACTIONS.c.case_id.in_(ids)
        )
    )
    totals: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for case_id, currency, amount in amounts.all():
        totals[case_id][currency] = totals[case_id].get(currency, Decimal(0)) + Decimal(amount)
    events = await connection.execute(
        select(
            CASE_EVENTS.c.case_id,
            *_EVENT_COLUMNS,
            # Only these events' details are read (the decision, the stars): the others'
            # JSON is not even decoded.
            case(
                (CASE_EVENTS.c.action.in_(DETAILED_ACTIONS), CASE_EVENTS.c.details), else_=null()
            ).label("details"),
        )
        .where(CASE_EVENTS.c.case_id.in_(ids), CASE_EVENTS.c.action.in_(TIMED_ACTIONS))
        .order_by(CASE_EVENTS.c.case_id, CASE_EVENTS.c.created_at, CASE_EVENTS.c.id)
    )
    for case_id, action, kind, actor, at, details in events.all():
        row = rows.get(case_id)
        if row is not None:
            row.events.append(EventRow(action, kind, actor, at, details or _NO_DETAILS))
    verdicts = await connection.execute(
        select(ORDER_LINKS.c.case_id, ORDER_LINKS.c.verdict).where(
            ORDER_LINKS.c.case_id.in_(ids), ORDER_LINKS.c.transaction_id.is_not(None)
        )
    )
    for case_id, verdict in verdicts.all():
        if case_id in rows:
            rows[case_id].order_verdicts.append(verdict)
    for case_id, claimed in totals.items():
        if case_id in rows:
            rows[case_id].claimed = claimed
    return list(rows.values())


async def rating_events(
    *, session: AsyncSession, case_id: int, actions: tuple[str, ...]
) -> list[EventRow]:
    """A case's rating events (``actions``), oldest first."""
    connection = await session.connection()
    result = await connection.execute(
        select(*_EVENT_COLUMNS, CASE_EVENTS.c.details)
        .where(CASE_EVENTS.c.case_id == case_id, CASE_EVENTS.c.action.in_(actions))
        .order_by(CASE_EVENTS.c.id)
    )
    return [EventRow(a, k, i, at, d or {}) for a, k, i, at, d in result.all()]


#: A weekly digest posted, kept as a ``follow_ups`` row already sent (its due time is the
#: digest's, ``details.team`` the team): the record that it went, for every worker.
DIGEST_KIND = "report_digest"
#: PostgreSQL: the advisory lock that makes "not posted yet? then post" one step for all
#: workers (SQLite: one process).
_DIGEST_LOCK = 170_017


async def claim_digest(*, session: AsyncSession, team: str, due: datetime, now: datetime) -> bool:
    """True once per team and due time, across workers: the caller posts that digest."""
    connection = await session.connection()
    if connection.dialect.name == "postgresql":
        await connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _DIGEST_LOCK})
    found = await connection.execute(
        select(FOLLOW_UPS.c.details).where(
            FOLLOW_UPS.c.kind == DIGEST_KIND, FOLLOW_UPS.c.due_at == due
        )
    )
    if any((details or {}).get("team") == team for (details,) in found.all()):
        return False
    session.add(
        FollowUp(
            kind=DIGEST_KIND,
            due_at=due,
            status=FollowUpStatus.SENT,
            details={"team": team},
            created_at=now,
            sent_at=now,
        )
    )
    await session.flush()
    return True
