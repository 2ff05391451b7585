"""Follow-ups: rows with a due time and a status; the scheduler only mirrors them in memory.

A row is ``pending`` until one worker **claims** it (``pending`` → ``sent`` in one guarded
UPDATE, in the transaction that also queues its messages), or it is ``cancelled``, or it is
``failed`` after too many attempts whose transaction rolled back.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, tuple_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import SelectOfScalar

from storage.models import FollowUp, FollowUpStatus
from storage.repositories.rows import added, listed


def _is_postgresql(session: AsyncSession) -> bool:
    return session.bind is not None and session.bind.dialect.name == "postgresql"


async def schedule(
    *,
    session: AsyncSession,
    kind: str,
    due_at: datetime,
    now: datetime,
    case_id: int | None = None,
    draft_id: int | None = None,
    details: dict[str, Any] | None = None,
) -> FollowUp:
    """Add a pending follow-up. Tell the scheduler (``notify_scheduled``) after the commit."""
    if due_at.tzinfo is None:
        raise ValueError("due_at must be timezone-aware")
    return await added(
        session,
        FollowUp(
            kind=kind,
            due_at=due_at,
            created_at=now,
            case_id=case_id,
            draft_id=draft_id,
            details=details or {},
        ),
    )


async def cancel(
    *,
    session: AsyncSession,
    now: datetime,
    case_id: int | None = None,
    draft_id: int | None = None,
    kinds: Iterable[str] | None = None,
) -> int:
    """Cancel the pending follow-ups of a case or a draft (optionally only some kinds).

    Returns how many were cancelled. Rows already claimed are left alone: cancelling and
    firing race on the same guarded status, so exactly one of them wins. ``now`` is part of
    the signature for the audit trail; the table has no column for it yet.
    """
    del now
    if case_id is None and draft_id is None:
        raise ValueError("cancel needs a case_id or a draft_id")
    statement = update(FollowUp).where(col(FollowUp.status) == FollowUpStatus.PENDING)
    if case_id is not None:
        statement = statement.where(col(FollowUp.case_id) == case_id)
    if draft_id is not None:
        statement = statement.where(col(FollowUp.draft_id) == draft_id)
    if kinds is not None:
        statement = statement.where(col(FollowUp.kind).in_(list(kinds)))
    result = await session.exec(statement.values(status=FollowUpStatus.CANCELLED))
    return int(result.rowcount)


def pending_of(
    kind: str, *, case_id: int | None = None, draft_id: int | None = None
) -> SelectOfScalar[FollowUp]:
    """The query for a case's or a draft's pending follow-ups of one kind, oldest first."""
    owner = (
        col(FollowUp.case_id) == case_id
        if case_id is not None
        else col(FollowUp.draft_id) == draft_id
    )
    return (
        select(FollowUp)
        .where(owner, col(FollowUp.kind) == kind, col(FollowUp.status) == FollowUpStatus.PENDING)
        .order_by(col(FollowUp.id))
    )


async def pending_of_draft(*, session: AsyncSession, draft_id: int, kind: str) -> list[FollowUp]:
    """A draft's pending follow-ups of one kind (its intake reminders, to move them later)."""
    return await listed(session, pending_of(kind, draft_id=draft_id))


async def due(
    *,
    session: AsyncSession,
    now: datetime,
    limit: int = 100,
    after: tuple[datetime, int] | None = None,
) -> list[FollowUp]:
    """Pending rows due at or before ``now``, oldest first.

    ``after`` = the ``(due_at, id)`` of the last row of the previous page (keyset paging, so
    a row that keeps failing is not retried again within the same sweep).
    """
    statement = select(FollowUp).where(
        col(FollowUp.status) == FollowUpStatus.PENDING, col(FollowUp.due_at) <= now
    )
    if after is not None:
        statement = statement.where(tuple_(col(FollowUp.due_at), col(FollowUp.id)) > after)
    return await listed(
        session, statement.order_by(col(FollowUp.due_at), col(FollowUp.id)).limit(limit)
    )


async def pending_between(
    *, session: AsyncSession, start: datetime, end: datetime, limit: int
) -> list[FollowUp]:
    """Pending rows with ``start < due_at <= end``, soonest first (to load as date jobs)."""
    return await listed(
        session,
        select(FollowUp)
        .where(
            col(FollowUp.status) == FollowUpStatus.PENDING,
            col(FollowUp.due_at) > start,
            col(FollowUp.due_at) <= end,
        )
        .order_by(col(FollowUp.due_at), col(FollowUp.id))
        .limit(limit),
    )


async def pending_count(*, session: AsyncSession) -> int:
    result = await session.exec(
        select(func.count())
        .select_from(FollowUp)
        .where(col(FollowUp.status) == FollowUpStatus.PENDING)
    )
    return int(result.one())


async def claim(*, session: AsyncSession, follow_up_id: int, now: datetime) -> bool:
    """Take a due pending row for sending; False when another worker (or a cancel) won.

    One guarded UPDATE, atomic on SQLite (one writer at a time) and PostgreSQL (the second
    UPDATE waits for the first transaction and then finds the status changed). A row not yet
    due is not claimed: a date job armed from stale data must not send early.
    """
    result = await session.exec(
        update(FollowUp)
        .where(
            col(FollowUp.id) == follow_up_id,
            col(FollowUp.status) == FollowUpStatus.PENDING,
            col(FollowUp.due_at) <= now,
        )
        .values(status=FollowUpStatus.SENT, sent_at=now, attempts=col(FollowUp.attempts) + 1)
    )
    return bool(result.rowcount)


async def claim_due_batch(
    *,
    session: AsyncSession,
    now: datetime,
    limit: int,
    after: tuple[datetime, int] | None = None,
) -> list[FollowUp]:
    """Claim up to ``limit`` due rows in one statement, oldest first.

    On PostgreSQL the rows are picked with ``FOR UPDATE SKIP LOCKED``, so concurrent workers
    take disjoint batches without waiting for each other. On SQLite the single UPDATE runs
    under the database's write lock, which makes it just as exclusive. The claims hold only
    if the caller's transaction commits; see :func:`release` to give one back.
    """
    chosen = select(col(FollowUp.id)).where(
        col(FollowUp.status) == FollowUpStatus.PENDING, col(FollowUp.due_at) <= now
    )
    if after is not None:
        chosen = chosen.where(tuple_(col(FollowUp.due_at), col(FollowUp.id)) > after)
    chosen = chosen.order_by(col(FollowUp.due_at), col(FollowUp.id)).limit(limit)
    if _is_postgresql(session):
        chosen = chosen.with_for_update(skip_locked=True)
    result = await session.exec(
        update(FollowUp)
        .where(
            col(FollowUp.id).in_(chosen.scalar_subquery()),
            col(FollowUp.status) == FollowUpStatus.PENDING,
        )
        .values(status=FollowUpStatus.SENT, sent_at=now, attempts=col(FollowUp.attempts) + 1)
        .returning(FollowUp)
        .execution_options(synchronize_session=False, populate_existing=True)
    )
    rows: list[FollowUp] = list(result.scalars().all())
    return sorted(rows, key=lambda row: (row.due_at, row.id or 0))


async def release(*, session: AsyncSession, follow_up_id: int, max_attempts: int) -> str | None:
    """Undo a claim made in this transaction whose sending failed (the attempt still counts):
    back to ``pending``, or ``failed`` once ``max_attempts`` is reached.

    Returns the new status, or None if the row was not claimed."""
    result = await session.exec(
        update(FollowUp)
        .where(col(FollowUp.id) == follow_up_id, col(FollowUp.status) == FollowUpStatus.SENT)
        .values(
            sent_at=None,
            status=case(
                (col(FollowUp.attempts) >= max_attempts, FollowUpStatus.FAILED),
                else_=FollowUpStatus.PENDING,
            ),
        )
        .returning(col(FollowUp.status))
    )
    status = result.scalar_one_or_none()
    return None if status is None else str(status)


async def get(*, session: AsyncSession, follow_up_id: int) -> FollowUp | None:
    """The row as stored now (fresh from the database, not the session's copy)."""
    return await session.get(FollowUp, follow_up_id, populate_existing=True)
