"""What is stored about one person beyond their user row and cases: their drafts and the
follow-ups still to come (for the data export and the erasure)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Draft, FollowUp, FollowUpStatus


async def drafts_of_user(*, session: AsyncSession, user_id: int) -> list[Draft]:
    """Every draft, whatever its state (open, cancelled, submitted), oldest first."""
    result = await session.exec(
        select(Draft).where(col(Draft.user_id) == user_id).order_by(col(Draft.id))
    )
    return list(result.all())


async def pending_follow_ups(
    *, session: AsyncSession, case_ids: Iterable[int], draft_ids: Iterable[int]
) -> list[FollowUp]:
    """Follow-ups still to fire for these cases and drafts, soonest first."""
    cases, drafts = list(case_ids), list(draft_ids)
    if not cases and not drafts:
        return []
    result = await session.exec(
        select(FollowUp)
        .where(
            col(FollowUp.status) == FollowUpStatus.PENDING,
            or_(col(FollowUp.case_id).in_(cases), col(FollowUp.draft_id).in_(drafts)),
        )
        .order_by(col(FollowUp.due_at), col(FollowUp.id))
    )
    return list(result.all())
