"""What every private event needs first, in one statement: the user, their open draft and the
number of files on it (docs/performance.md: one query instead of three per event).

The caller keeps what it loaded for the rest of the event (:class:`handlers.turn.Turn`): the
draft is read once per event, and changes made during the event go through that same object.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import and_, bindparam, func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Draft, DraftStatus, Evidence, User


class Preloaded(NamedTuple):
    user: User
    draft: Draft | None  # their open draft
    files: int  # files on that draft (0 without one)


_FILES = (
    select(func.count())
    .select_from(Evidence)
    .where(col(Evidence.draft_id) == col(Draft.id))
    .correlate(Draft)
    .scalar_subquery()
)
#: Built once: SQLAlchemy memoizes a statement's cache key on the object.
_STATEMENT = (
    select(User, Draft, _FILES)
    .outerjoin(
        Draft, and_(col(Draft.user_id) == col(User.id), col(Draft.status) == DraftStatus.OPEN)
    )
    .where(col(User.id) == bindparam("user_id"))
    .order_by(col(Draft.id).desc())
    .limit(1)
)


async def user_with_open_draft(*, session: AsyncSession, user_id: int) -> Preloaded | None:
    """The user (None if new), their open draft and its number of files."""
    row = (await session.exec(_STATEMENT, params={"user_id": user_id})).first()
    if row is None:
        return None
    user, draft, count = row
    return Preloaded(user, draft, int(count) if draft is not None else 0)
