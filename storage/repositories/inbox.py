"""The inbox: raw Telegram updates stored before Telegram is told they arrived."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Text, bindparam, cast, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import InboxUpdate
from storage.tables import INBOX

#: Built once (SQLAlchemy memoizes a statement's cache key on the object).
_MARK_PROCESSED = (
    update(INBOX)
    .where(INBOX.c.id.in_(bindparam("ids", expanding=True)), INBOX.c.processed_at.is_(None))
    .values(processed_at=bindparam("now"))
)


def _id(value: Any) -> int | None:
    """An integer id, or None for anything else (a missing field, a string, null)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _chat_id(body: Any) -> int | None:
    chat = body.get("chat") if isinstance(body, dict) else None
    return _id(chat.get("id")) if isinstance(chat, dict) else None


def chat_of(update: dict[str, Any]) -> int | None:
    """The chat an update belongs to, for per-chat ordering (None for chat-less updates).

    Total: an update Telegram (or an older Bot API server) sent with fields missing or of the
    wrong type gets None and is stored all the same, to be set aside when it cannot be read.
    """
    for key in ("message", "edited_message", "channel_post", "edited_channel_post"):
        if key in update:
            return _chat_id(update[key])
    if "callback_query" in update:
        query = update["callback_query"]
        if not isinstance(query, dict):
            return None
        chat = _chat_id(query.get("message"))
        if chat is not None:
            return chat
        sender = query.get("from")
        return _id(sender.get("id")) if isinstance(sender, dict) else None
    for key in ("my_chat_member", "chat_member", "chat_join_request"):
        if key in update:
            return _chat_id(update[key])
    return None


async def store_updates(
    *, session: AsyncSession, bot_id: int, updates: Sequence[dict[str, Any]], now: datetime
) -> list[InboxUpdate]:
    """Insert the updates not seen before; returns only the new rows (redeliveries vanish)."""
    if not updates:
        return []
    rows = [
        {
            "bot_id": bot_id,
            "update_id": u["update_id"],
            "chat_id": chat_of(u),
            "payload": u,
            "received_at": now,
        }
        for u in updates
    ]
    dialect = session.bind.dialect.name if session.bind else "sqlite"
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = (
        insert(InboxUpdate)
        .values(rows)
        .on_conflict_do_nothing(index_elements=["bot_id", "update_id"])
        .returning(col(InboxUpdate.id), col(InboxUpdate.update_id))
    )
    inserted = {update_id: row_id for row_id, update_id in (await session.exec(statement))}
    by_update = {u["update_id"]: u for u in updates}
    return [
        InboxUpdate(
            id=inserted[uid],
            bot_id=bot_id,
            update_id=uid,
            chat_id=chat_of(by_update[uid]),
            payload=by_update[uid],
            received_at=now,
        )
        for uid in sorted(inserted)
    ]


async def unprocessed(*, session: AsyncSession, bot_id: int) -> list[InboxUpdate]:
    """Updates stored but neither handled nor set aside, in ``update_id`` order."""
    result = await session.exec(
        select(InboxUpdate)
        .where(
            InboxUpdate.bot_id == bot_id,
            col(InboxUpdate.processed_at).is_(None),
            col(InboxUpdate.failed_at).is_(None),
        )
        .order_by(col(InboxUpdate.update_id))
    )
    return list(result.all())


async def count_failure(*, session: AsyncSession, ids: Iterable[int], error: str) -> None:
    """One more handling attempt of these updates raised ``error`` (an exception's type)."""
    ids = list(ids)
    if ids:
        await session.exec(
            update(InboxUpdate)
            .where(col(InboxUpdate.id).in_(ids))
            .values(attempts=col(InboxUpdate.attempts) + 1, error=error[:200])
            .execution_options(synchronize_session=False)
        )


async def set_aside(
    *, session: AsyncSession, ids: Iterable[int], now: datetime, error: str
) -> None:
    """Never handle these updates again; ``error`` says why, as a kind, never their content."""
    ids = list(ids)
    if ids:
        await session.exec(
            update(InboxUpdate)
            .where(col(InboxUpdate.id).in_(ids))
            .values(failed_at=now, error=error[:200])
            .execution_options(synchronize_session=False)
        )


async def mark_processed(*, session: AsyncSession, ids: Iterable[int], now: datetime) -> int:
    """Mark updates handled, unless they already are; returns how many this call marked. On
    PostgreSQL a concurrent marker's row lock makes this wait for its commit, then see it."""
    ids = list(ids)
    if not ids:
        return 0
    # A Core UPDATE on the connection: no ORM bulk-update machinery on this hot path.
    connection = await session.connection()
    result = await connection.execute(_MARK_PROCESSED, {"ids": ids, "now": now})
    return int(result.rowcount)


async def set_aside_rows(*, session: AsyncSession, limit: int = 200) -> list[InboxUpdate]:
    """Updates set aside (unreadable, or failed every attempt), newest first."""
    result = await session.exec(
        select(InboxUpdate)
        .where(col(InboxUpdate.failed_at).is_not(None))
        .order_by(col(InboxUpdate.failed_at).desc())
        .limit(limit)
    )
    return list(result.all())


async def take_back(*, session: AsyncSession, ids: Iterable[int] | None) -> int:
    """Set-aside updates to be handled again (all of them when ``ids`` is None): their
    attempts start from zero. Rows whose content was already emptied are left aside."""
    statement = (
        update(InboxUpdate)
        .where(
            col(InboxUpdate.failed_at).is_not(None),
            col(InboxUpdate.processed_at).is_(None),
            cast(InboxUpdate.payload, Text) != "{}",
        )
        .values(failed_at=None, attempts=0)
        .execution_options(synchronize_session=False)
    )
    if ids is not None:
        statement = statement.where(col(InboxUpdate.id).in_(list(ids)))
    result = await session.exec(statement)
    return int(result.rowcount)
