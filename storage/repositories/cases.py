"""Cases, their transactions and their audit trail."""

from __future__ import annotations

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
