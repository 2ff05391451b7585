"""Coordination between workers on one database: who handles a chat's updates now (chat
leases), and which chats have updates nobody is handling (a dead worker's, or stored by a
worker that saw the chat leased elsewhere).

A lease is a row (bot, chat) → (owner, expiry). Taking it is one statement that succeeds only
when the row is absent, expired, or already ours; renewing and releasing only touch our own
row. Nothing here waits: a worker that does not get a lease leaves the chat to its holder,
whose drain loop reads the database again before it lets go (see
``bot/telegram/chat_leases.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, exists, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col
from sqlmodel import select as select_rows
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import InboxUpdate
from storage.tables import CHAT_LEASES, INBOX


def _insert(session: AsyncSession) -> Any:
    dialect = session.bind.dialect.name if session.bind else "sqlite"
    return pg_insert if dialect == "postgresql" else sqlite_insert


async def take(
    *,
    session: AsyncSession,
    bot_id: int,
    chat_id: int,
    owner: str,
    now: datetime,
    lease: timedelta,
) -> bool:
    """Take (or renew) the chat's lease unless another owner holds an unexpired one."""
    statement = (
        _insert(session)(CHAT_LEASES)
        .values(bot_id=bot_id, chat_id=chat_id, owner=owner, expires_at=now + lease)
        .on_conflict_do_update(
            index_elements=["bot_id", "chat_id"],
            set_={"owner": owner, "expires_at": now + lease},
            where=or_(CHAT_LEASES.c.owner == owner, CHAT_LEASES.c.expires_at <= now),
        )
        .returning(CHAT_LEASES.c.owner)
    )
    connection = await session.connection()
    taken = (await connection.execute(statement)).scalar_one_or_none()
    return taken == owner


async def renew(
    *, session: AsyncSession, bot_id: int, chat_ids: Iterable[int], owner: str, until: datetime
) -> set[int]:
    """Extend our leases; returns the chats whose lease we still hold."""
    ids = list(chat_ids)
    if not ids:
        return set()
    connection = await session.connection()
    result = await connection.execute(
        update(CHAT_LEASES)
        .where(
            CHAT_LEASES.c.bot_id == bot_id,
            CHAT_LEASES.c.chat_id.in_(ids),
            CHAT_LEASES.c.owner == owner,
        )
        .values(expires_at=until)
        .returning(CHAT_LEASES.c.chat_id)
    )
    return {int(chat) for chat in result.scalars()}


async def release(*, session: AsyncSession, bot_id: int, chat_id: int, owner: str) -> None:
    connection = await session.connection()
    await connection.execute(
        delete(CHAT_LEASES).where(
            CHAT_LEASES.c.bot_id == bot_id,
            CHAT_LEASES.c.chat_id == chat_id,
            CHAT_LEASES.c.owner == owner,
        )
    )


async def held(*, session: AsyncSession, bot_id: int, now: datetime) -> int:
    """How many chats are leased right now, by any worker (a metric)."""
    connection = await session.connection()
    result = await connection.execute(
        select(func.count())
        .select_from(CHAT_LEASES)
        .where(CHAT_LEASES.c.bot_id == bot_id, CHAT_LEASES.c.expires_at > now)
    )
    return int(result.scalar_one())


async def stranded_chats(
    *, session: AsyncSession, bot_id: int, now: datetime, owner: str, limit: int = 200
) -> list[int]:
    """Chats with updates to handle and no live lease of another worker: a dead worker's,
    never started, or ``owner``'s own (a worker's name survives its restarts: what it held
    before it died is its to take back at once)."""
    live = exists().where(
        CHAT_LEASES.c.bot_id == INBOX.c.bot_id,
        CHAT_LEASES.c.chat_id == INBOX.c.chat_id,
        CHAT_LEASES.c.expires_at > now,
        CHAT_LEASES.c.owner != owner,
    )
    connection = await session.connection()
    result = await connection.execute(
        select(INBOX.c.chat_id)
        .where(
            INBOX.c.bot_id == bot_id,
            INBOX.c.processed_at.is_(None),
            INBOX.c.failed_at.is_(None),
            INBOX.c.chat_id.is_not(None),
            ~live,
        )
        .group_by(INBOX.c.chat_id)
        .order_by(func.min(INBOX.c.update_id))
        .limit(limit)
    )
    return [int(chat) for chat in result.scalars()]


async def waiting_updates(
    *, session: AsyncSession, bot_id: int, chat_id: int, limit: int = 50
) -> list[InboxUpdate]:
    """A chat's stored updates still to handle, in ``update_id`` order."""
    result = await session.exec(
        select_rows(InboxUpdate)
        .where(
            InboxUpdate.bot_id == bot_id,
            InboxUpdate.chat_id == chat_id,
            col(InboxUpdate.processed_at).is_(None),
            col(InboxUpdate.failed_at).is_(None),
        )
        .order_by(col(InboxUpdate.update_id))
        .limit(limit)
    )
    return list(result.all())
