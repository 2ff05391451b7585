"""Drafts: intakes in progress, one open draft per user at most."""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any

from sqlalchemy.orm.attributes import flag_modified
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Draft, DraftStatus
from storage.repositories.rows import added

#: ``DraftStatus.OPEN``, by the name handlers/reading/offer.py reads it.
OPEN = DraftStatus.OPEN


async def get_open_draft(*, session: AsyncSession, user_id: int) -> Draft | None:
    result = await session.exec(
        select(Draft)
        .where(Draft.user_id == user_id, Draft.status == DraftStatus.OPEN)
        .order_by(col(Draft.id).desc())
        .limit(1)
    )
    return result.first()


async def create_draft(
    *,
    session: AsyncSession,
    user_id: int,
    chat_id: int,
    step: str,
    answers: dict[str, Any],
    now: datetime,
) -> Draft:
    return await added(
        session,
        Draft(
            user_id=user_id,
            chat_id=chat_id,
            step=step,
            answers=answers,
            cursor={},
            created_at=now,
            updated_at=now,
        ),
    )


def save_draft(
    draft: Draft, *, step: str, answers: dict[str, Any], cursor: dict[str, Any], now: datetime
) -> None:
    """Record the step and answers; JSON columns are replaced, not mutated, so they are saved."""
    draft.step = step
    draft.answers = copy.deepcopy(answers)
    draft.cursor = copy.deepcopy(cursor)
    draft.updated_at = now
    flag_modified(draft, "answers")
    flag_modified(draft, "cursor")


def close_draft(
    draft: Draft, *, status: DraftStatus, now: datetime, case_id: int | None = None
) -> None:
    draft.status = status
    draft.case_id = case_id
    draft.updated_at = now
