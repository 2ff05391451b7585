"""The outbox: Bot API calls that must not be lost, delivered and retried after commit.

The UPDATEs here run on the hot path (several per update handled) and touch no ORM object
held in memory: they are Core statements on the session's connection, which skips the ORM's
bulk-update machinery (``synchronize_session``, the identity-map evaluation) entirely.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import Boolean, Text, bindparam, cast, or_, type_coerce, update
from sqlalchemy import select as sa_select
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import OutboxMessage, OutboxStatus
from storage.tables import OUTBOX

_MARK_SENT = (
    update(OUTBOX)
    .where(OUTBOX.c.id == bindparam("row_id"))
    .values(
        status=OutboxStatus.SENT,
        attempts=bindparam("attempts"),
        last_error=None,
        sent_at=bindparam("sent_at"),
        result=bindparam("result"),
    )
)


class Sent(NamedTuple):
    """A row Telegram accepted, waiting to be recorded as sent (its fields are the parameters
    of the statement that records it)."""

    row_id: int
    attempts: int
    sent_at: datetime
    result: dict[str, Any]


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
            status=OutboxStatus.SENDING,
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
                col(OutboxMessage.status) == OutboxStatus.PENDING,
                col(OutboxMessage.status) == OutboxStatus.SENDING,
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
    connection = await session.connection()
    result = await connection.execute(
        update(OUTBOX)
        .where(
            OUTBOX.c.id == row.id,
            OUTBOX.c.status.in_([OutboxStatus.PENDING, OutboxStatus.SENDING]),
            OUTBOX.c.not_before == row.not_before,
        )
        .values(status=OutboxStatus.SENDING, not_before=now + lease)
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
    if status == OutboxStatus.SENT:
        values.update(sent_at=now, result=result or {})
    if retry_at is not None:
        values["not_before"] = retry_at
    connection = await session.connection()
    await connection.execute(update(OUTBOX).where(OUTBOX.c.id == row_id).values(**values))


async def mark_sent(*, session: AsyncSession, sent: Sequence[Sent]) -> None:
    """Record rows as sent: one executemany, whatever their number (none: no statement)."""
    if not sent:
        return
    connection = await session.connection()
    await connection.execute(_MARK_SENT, [mark._asdict() for mark in sent])


async def extend_lease(*, session: AsyncSession, row_id: int, until: datetime) -> None:
    """Keep a row that is being retried away from the sweeper of another process."""
    await extend_leases(session=session, row_ids=[row_id], until=until)


async def extend_leases(*, session: AsyncSession, row_ids: Iterable[int], until: datetime) -> None:
    """Renew the lease of rows still being sent (rows already sent or failed are left alone)."""
    ids = list(row_ids)
    if not ids:
        return
    connection = await session.connection()
    await connection.execute(
        update(OUTBOX)
        .where(OUTBOX.c.id.in_(ids), OUTBOX.c.status == OutboxStatus.SENDING)
        .values(not_before=until)
    )


#: A failed call the retention job has not emptied yet (its payload is still there to resend).
_RESENDABLE = cast(OUTBOX.c.payload, Text) != "{}"


@dataclass(frozen=True)
class FailedCall:
    """A call given up, as the operator sees it: never what the message said."""

    id: int
    created_at: datetime
    method: str
    chat_id: int
    attempts: int
    error: str | None
    #: False once the retention job emptied it (a day after it failed): nothing to resend.
    resendable: bool


async def failed(*, session: AsyncSession, limit: int = 200) -> list[FailedCall]:
    """Failed calls, oldest first (their payload is not even read)."""
    # Read as a bool on SQLite too (which has no boolean type: 0 or 1).
    kept = type_coerce(_RESENDABLE, Boolean)
    connection = await session.connection()
    result = await connection.execute(
        # A FailedCall's fields, in order.
        sa_select(
            OUTBOX.c.id,
            OUTBOX.c.created_at,
            OUTBOX.c.method,
            OUTBOX.c.chat_id,
            OUTBOX.c.attempts,
            OUTBOX.c.last_error,
            kept,
        )
        .where(OUTBOX.c.status == OutboxStatus.FAILED)
        .order_by(OUTBOX.c.id)
        .limit(limit)
    )
    return [FailedCall(*row) for row in result]


async def retry_failed(
    *, session: AsyncSession, now: datetime, ids: Iterable[int] | None = None
) -> list[int]:
    """Queue failed calls again (all of them when ``ids`` is None), as if new: pending, due
    now, no attempts, created now (so the delivery's age limit counts from now). Calls the
    retention job emptied are left failed. Returns the ids queued again; the running bot's
    outbox sweeper sends them."""
    statement = update(OUTBOX).where(OUTBOX.c.status == OutboxStatus.FAILED, _RESENDABLE)
    if ids is not None:
        statement = statement.where(OUTBOX.c.id.in_(list(ids)))
    connection = await session.connection()
    result = await connection.execute(
        statement.values(
            status=OutboxStatus.PENDING, attempts=0, not_before=now, created_at=now
        ).returning(OUTBOX.c.id)
    )
    return sorted(row[0] for row in result)
