"""The bot's update pipeline as tests wire it: a Delivery and an UpdateProcessor over a test's
transport, an update stored in the inbox as the poller stores it, and the outbox's rows."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlmodel import select

from bot.telegram.delivery import Delivery
from bot.telegram.pacing import Pacer
from bot.telegram.processing import UpdateProcessor
from storage.database import Database
from storage.models import InboxUpdate, OutboxMessage
from storage.repositories import inbox

#: How long a process holds the rows and chats it has taken.
LEASE = timedelta(seconds=30)


def build_delivery(
    transport, database: Database, clock, *, pacer=None, lease=LEASE, **settings
) -> Delivery:
    """A Delivery through ``transport``, paced by a default :class:`Pacer` unless told;
    ``settings``: its other knobs (``base_backoff``, ``sent_flush_delay``, ``attempts``...)."""
    return Delivery(
        transport=transport,
        database=database,
        clock=clock,
        pacer=Pacer() if pacer is None else pacer,
        lease=lease,
        **settings,
    )


def build_processor(
    transport, conversation, localizer, database: Database, clock, **delivery
) -> UpdateProcessor:
    """An UpdateProcessor that retries a failing update at once, sending through its own
    Delivery (``processor.delivery``; ``delivery``: :func:`build_delivery`'s settings)."""
    return UpdateProcessor(
        transport=transport,
        conversation=conversation,
        localizer=localizer,
        delivery=build_delivery(transport, database, clock, **delivery),
        database=database,
        clock=clock,
        lease=LEASE,
        retry_delay=0,
    )


async def stored(database: Database, clock, update_id: int, **payload: Any) -> list[InboxUpdate]:
    """The update ``payload`` (with its ``update_id``) stored in bot 1's inbox: the batch the
    processor handles."""
    async with database.unit_of_work() as session:
        return await inbox.store_updates(
            session=session,
            bot_id=1,
            updates=[{"update_id": update_id, **payload}],
            now=clock.now(),
        )


async def outbox_rows(database: Database) -> list[OutboxMessage]:
    """Every outbox row, in the order they were added."""
    async with database.unit_of_work() as session:
        return list((await session.exec(select(OutboxMessage).order_by(OutboxMessage.id))).all())
