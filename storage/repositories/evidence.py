"""Evidence: screenshots and documents, first on a draft, then on the case."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Evidence


async def add_evidence(*, session: AsyncSession, item: Evidence, now: datetime) -> Evidence:
    item.created_at = now
    session.add(item)
    await session.flush()
    return item


async def count_for_draft(*, session: AsyncSession, draft_id: int) -> int:
    result = await session.exec(
        select(func.count()).select_from(Evidence).where(Evidence.draft_id == draft_id)
    )
    return int(result.one())


async def list_for_draft(*, session: AsyncSession, draft_id: int) -> list[Evidence]:
    result = await session.exec(
        select(Evidence).where(Evidence.draft_id == draft_id).order_by(col(Evidence.id))
    )
    return list(result.all())


async def list_for_case(*, session: AsyncSession, case_id: int) -> list[Evidence]:
    result = await session.exec(
        select(Evidence).where(Evidence.case_id == case_id).order_by(col(Evidence.id))
    )
    return list(result.all())


async def attach_to_case(*, session: AsyncSession, draft_id: int, case_id: int) -> None:
    await session.exec(
        update(Evidence).where(col(Evidence.draft_id) == draft_id).values(case_id=case_id)
    )
