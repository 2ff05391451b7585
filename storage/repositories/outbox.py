"""The outbox: Bot API calls that must not be lost, delivered and retried after commit."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import OutboxMessage

PENDING = "pending"
SENDING = "sending"
SENT = "sent"
FAILED = "failed"


async def add_calls(
    *,
    session: AsyncSession,
    calls: list[tuple[int, str, dict[str, Any]]],
    now: datetime,
    lease: timedelta,
) -> list[OutboxMessage]:
    """Queue ``(chat_id, method, params)`` calls, leased to the caller for immediate delivery."""
    rows = [
        OutboxMessage(
            chat_id=chat_id,
            method=method,
            payload=params,
            status=SENDING,
            not_before=now + lease,
            created_at=now,
        )
        for chat_id, method, params in calls
    ]
    session.add_all(rows)
    await session.flush()
    return rows


async def due(*, session: AsyncSession, now: datetime, limit: int = 100) -> list[OutboxMessage]:
    """Rows to (re)deliver: pending and due, or sending with an expired lease."""
    result = await session.exec(
        select(OutboxMessage)
        .where(
            or_(
                col(OutboxMessage.status) == PENDING,
                col(OutboxMessage.status) == SENDING,
            ),
            col(OutboxMessage.not_before) <= now,
        )
        .order_by(col(OutboxMessage.id))
        .limit(limit)
    )
    return list(result.all())


async def claim(
    *, session: AsyncSession, row: OutboxMessage, now: datetime, lease: timedelta
) -> bool:
    """Take a due row for delivery; False when another worker took it first."""
    result = await session.exec(
        update(OutboxMessage)
        .where(
            col(OutboxMessage.id) == row.id,
            col(OutboxMessage.status).in_([PENDING, SENDING]),
            col(OutboxMessage.not_before) == row.not_before,
        )
        .values(status=SENDING, not_before=now + lease)
    )
    return bool(result.rowcount)


async def finish(
    *,
    session: AsyncSession,
    row_id: int,
    status: str,
    now: datetime,
    attempts: int,
    error: str | None = None,
    result: dict[str, Any] | None = None,
    retry_at: datetime | None = None,
) -> None:
    values: dict[str, Any] = {"status": status, "attempts": attempts, "last_error": error}
    if status == SENT:
        values.update(sent_at=now, result=result or {})
    if retry_at is not None:
        values["not_before"] = retry_at
    await session.exec(
        update(OutboxMessage).where(col(OutboxMessage.id) == row_id).values(**values)
    )


async def extend_lease(*, session: AsyncSession, row_id: int, until: datetime) -> None:
    """Keep a row that is being retried away from the sweeper of another process."""
    statement = (
        update(OutboxMessage)
        .where(col(OutboxMessage.id) == row_id, col(OutboxMessage.status) == SENDING)
        .values(not_before=until)
    )
    await session.exec(statement)
