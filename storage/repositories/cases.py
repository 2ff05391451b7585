"""Cases, their transactions and their audit trail."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Case, CaseEvent, CaseTransaction


async def reference_taken(*, session: AsyncSession, reference: str) -> bool:
    result = await session.exec(select(Case.id).where(Case.reference == reference))
    return result.first() is not None


async def add_case(
    *, session: AsyncSession, case: Case, transactions: list[CaseTransaction]
) -> Case:
    session.add(case)
    await session.flush()
    assert case.id is not None
    for position, item in enumerate(transactions, start=1):
        item.case_id = case.id
        item.position = position
        session.add(item)
    await session.flush()
    return case


async def add_event(
    *,
    session: AsyncSession,
    case_id: int,
    actor_kind: str,
    actor_id: int | None,
    action: str,
    now: datetime,
    details: dict[str, Any] | None = None,
) -> CaseEvent:
    item = CaseEvent(
        case_id=case_id,
        actor_kind=actor_kind,
        actor_id=actor_id,
        action=action,
        details=details or {},
        created_at=now,
    )
    session.add(item)
    await session.flush()
    return item


async def cases_of_user(*, session: AsyncSession, user_id: int) -> list[Case]:
    result = await session.exec(
        select(Case).where(Case.user_id == user_id).order_by(col(Case.id).desc())
    )
    return list(result.all())


async def case_by_reference(*, session: AsyncSession, reference: str) -> Case | None:
    result = await session.exec(select(Case).where(Case.reference == reference))
    return result.first()


async def transactions_of(*, session: AsyncSession, case_id: int) -> list[CaseTransaction]:
    result = await session.exec(
        select(CaseTransaction)
        .where(CaseTransaction.case_id == case_id)
        .order_by(col(CaseTransaction.position))
    )
    return list(result.all())


async def events_of(*, session: AsyncSession, case_id: int) -> list[CaseEvent]:
    result = await session.exec(
        select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(col(CaseEvent.id))
    )
    return list(result.all())


async def case_by_id(*, session: AsyncSession, case_id: int) -> Case | None:
    return await session.get(Case, case_id)


async def case_by_topic(*, session: AsyncSession, chat_id: int, topic_id: int) -> Case | None:
    del chat_id  # one agents' group per deployment; kept for a future multi-group desk
    result = await session.exec(select(Case).where(Case.topic_id == topic_id))
    return result.first()


async def open_cases_of_user(
    *, session: AsyncSession, user_id: int, statuses: Iterable[str]
) -> list[Case]:
    result = await session.exec(
        select(Case)
        .where(Case.user_id == user_id, col(Case.status).in_(list(statuses)))
        .order_by(col(Case.id))
    )
    return list(result.all())


async def queue(
    *, session: AsyncSession, statuses: Iterable[str], assignee_id: int | None = None
) -> list[Case]:
    """Open cases, the most urgent first (by deadline, then age)."""
    statement = select(Case).where(col(Case.status).in_(list(statuses)))
    if assignee_id is not None:
        statement = statement.where(Case.assignee_id == assignee_id)
    statement = statement.order_by(col(Case.due_at).is_(None), col(Case.due_at), col(Case.id))
    return list((await session.exec(statement.limit(50))).all())


async def pending_handoffs(*, session: AsyncSession, limit: int = 20) -> list[Case]:
    result = await session.exec(
        select(Case).where(Case.handoff_status == "pending").order_by(col(Case.id)).limit(limit)
    )
    return list(result.all())
