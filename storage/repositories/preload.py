"""What every private event needs first, in one statement: the user, their open draft and the
number of files on it (docs/performance.md: one query instead of three per event).

:func:`user_with_open_draft` loads the three and remembers the draft and the count in the
session (``session.info``); :func:`drafts.get_open_draft` and
:func:`evidence.count_for_draft` answer from there without a query. What is remembered is
forgotten as soon as the session writes anything (a flush, an ORM UPDATE/DELETE/INSERT), so
an answer can never be older than the transaction's own changes: after a write the
repositories query the database again, as they always did. (Statements sent straight to
``session.connection()`` are not seen: drafts and evidence are only written through the
session.)
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, bindparam, event, func
from sqlalchemy.orm import ORMExecuteState, Session
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Draft, DraftStatus, Evidence, User

#: "Not remembered": the caller must query.
UNKNOWN: Any = object()
_DRAFT = "preload.open_draft"  # session.info key → {user_id: Draft | None}
_COUNT = "preload.evidence_count"  # session.info key → {draft_id: int}


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


async def user_with_open_draft(*, session: AsyncSession, user_id: int) -> User | None:
    """The user (None if new); their open draft and its evidence count are remembered."""
    row = (await session.exec(_STATEMENT, params={"user_id": user_id})).first()
    if row is None:
        return None
    user, draft, count = row
    session.info.setdefault(_DRAFT, {})[user_id] = draft
    if draft is not None and draft.id is not None:
        session.info.setdefault(_COUNT, {})[draft.id] = int(count)
    return user


def open_draft(session: AsyncSession, user_id: int) -> Draft | None:
    """The remembered open draft of ``user_id`` (None: none is open), or :data:`UNKNOWN`."""
    remembered = session.info.get(_DRAFT)
    if not remembered or user_id not in remembered:
        return UNKNOWN
    draft: Draft | None = remembered[user_id]
    if draft is not None and draft.status != DraftStatus.OPEN:  # closed in this session since
        return UNKNOWN
    return draft


def evidence_count(session: AsyncSession, draft_id: int) -> int:
    """The remembered number of files on a draft, or :data:`UNKNOWN`."""
    remembered = session.info.get(_COUNT)
    if not remembered:
        return UNKNOWN
    count: int = remembered.get(draft_id, UNKNOWN)
    return count


def _forget(session: Session) -> None:
    session.info.pop(_DRAFT, None)
    session.info.pop(_COUNT, None)


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context: Any) -> None:
    _forget(session)


@event.listens_for(Session, "do_orm_execute")
def _on_execute(state: ORMExecuteState) -> None:
    if not state.is_select:
        _forget(state.session)
