"""Telegram's sending limits counted in the database, so that several workers together stay
inside them: every message to Telegram is a row (scope, time) and a send may go only when each
of its scopes has fewer than its limit of rows in the window.

The check and the insert happen in one transaction holding a transaction-scoped advisory lock
per scope (PostgreSQL), taken in a fixed order, so two workers never both take the last slot
and never deadlock. On SQLite (one process) the writer lock serializes the same statements.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, insert, select, text
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.tables import SEND_LOG

_LOCK = text("SELECT pg_advisory_xact_lock(:namespace, :key)")
#: First key of the advisory locks taken here (the second is the scope's hash).
_NAMESPACE = 0x5E4D
_NOW = text("SELECT clock_timestamp()")


@dataclass(frozen=True)
class Limit:
    """At most ``count`` sends in any ``period`` within ``scope``."""

    scope: str
    count: int
    period: timedelta


async def reserve(
    *, session: AsyncSession, limits: Sequence[Limit], margin: timedelta, messages: int = 1
) -> float:
    """Count ``messages`` sends (an album's items each count, as Telegram counts them) against
    every limit if each has room for all of them; otherwise count nothing.

    Time is the database's own clock on PostgreSQL (workers on several hosts agree on it).
    Returns 0.0 when the send was counted, else the seconds to wait before asking again. A
    send counts for ``period + margin``: the margin covers the time between this reservation
    and the moment Telegram receives the request, so the window Telegram sees is never fuller
    than ``count``.
    """
    connection = await session.connection()
    if connection.dialect.name == "postgresql":
        for scope in sorted({limit.scope for limit in limits}):
            key = zlib.crc32(scope.encode()) - 2**31
            await connection.execute(_LOCK, {"namespace": _NAMESPACE, "key": key})
        # The database's clock, read under the locks: the same for every worker and host.
        now: datetime = (await connection.execute(_NOW)).scalar_one()
    else:
        now = datetime.now(UTC)
    wait = 0.0
    for limit in limits:
        since = now - limit.period - margin
        row = (
            await connection.execute(
                select(func.count(), func.min(SEND_LOG.c.sent_at)).where(
                    SEND_LOG.c.scope == limit.scope, SEND_LOG.c.sent_at > since
                )
            )
        ).one()
        counted, oldest = int(row[0]), row[1]
        if counted + messages > limit.count and counted and oldest is not None:
            # Approximate for several messages: the oldest frees a slot first, then look again.
            free_at = oldest + limit.period + margin
            wait = max(wait, (free_at - now).total_seconds(), 0.001)
    if wait > 0:
        return wait
    await connection.execute(
        insert(SEND_LOG),
        [{"scope": limit.scope, "sent_at": now} for limit in limits for _ in range(messages)],
    )
    return 0.0


async def forget_before(*, session: AsyncSession, before: datetime) -> int:
    """Drop counted sends older than any window (run now and then)."""
    connection = await session.connection()
    result = await connection.execute(delete(SEND_LOG).where(SEND_LOG.c.sent_at < before))
    return int(result.rowcount or 0)
