"""What is waiting, for the operator: the figures behind ``/healthz`` and ``/metrics``.

Read-only counts over indexed columns; run when scraped, never on the hot path.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Table, func, select, text
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import FollowUpStatus, HandoffStatus, OutboxStatus
from storage.tables import CASES, CHAT_LEASES, FOLLOW_UPS, INBOX, OUTBOX


@dataclass(frozen=True)
class Backlog:
    outbox_waiting: int
    outbox_oldest_seconds: float
    outbox_failed: int
    handoffs_waiting: int
    follow_ups_due: int
    follow_ups_late: int
    updates_waiting: int
    updates_set_aside: int
    chat_leases: int


async def ping(*, session: AsyncSession) -> None:
    """One round trip to the database (raises when it is unreachable)."""
    connection = await session.connection()
    await connection.execute(text("SELECT 1"))


async def _count(connection: AsyncConnection, table: Table, *where: ColumnElement[Any]) -> int:
    result = await connection.execute(select(func.count()).select_from(table).where(*where))
    return int(result.scalar_one())


async def backlog(*, session: AsyncSession, now: datetime, late_after: timedelta) -> Backlog:
    """What waits now. A pending follow-up more than ``late_after`` past due is late."""
    connection = await session.connection()
    waiting = OUTBOX.c.status.in_([OutboxStatus.PENDING, OutboxStatus.SENDING])
    oldest = await connection.execute(select(func.min(OUTBOX.c.created_at)).where(waiting))
    oldest_at: datetime | None = oldest.scalar()
    pending = FOLLOW_UPS.c.status == FollowUpStatus.PENDING
    return Backlog(
        outbox_waiting=await _count(connection, OUTBOX, waiting),
        outbox_oldest_seconds=max((now - oldest_at).total_seconds(), 0.0) if oldest_at else 0.0,
        outbox_failed=await _count(connection, OUTBOX, OUTBOX.c.status == OutboxStatus.FAILED),
        handoffs_waiting=await _count(
            connection, CASES, CASES.c.handoff_status != HandoffStatus.DONE
        ),
        follow_ups_due=await _count(connection, FOLLOW_UPS, pending, FOLLOW_UPS.c.due_at <= now),
        follow_ups_late=await _count(
            connection, FOLLOW_UPS, pending, FOLLOW_UPS.c.due_at <= now - late_after
        ),
        updates_waiting=await _count(
            connection, INBOX, INBOX.c.processed_at.is_(None), INBOX.c.failed_at.is_(None)
        ),
        updates_set_aside=await _count(connection, INBOX, INBOX.c.failed_at.is_not(None)),
        chat_leases=await _count(connection, CHAT_LEASES, CHAT_LEASES.c.expires_at > now),
    )
