"""From stored update to sent reply: convert, hand to the core, queue the replies in the same
transaction that marks the update processed, then deliver them at once.

The event's transaction also carries the "sent" marks of rows delivered since the last one
(:meth:`Delivery.take_sent`), so recording a sent message costs no transaction of its own.
Callback answers are sent right after the commit, without an outbox row (they expire within
seconds); a press is answered even when its handling fails."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.i18n import Localizer
from bot.telegram.calls import render_calls
from bot.telegram.delivery import ANSWER_CALLBACK, Call, Delivery
from bot.telegram.transport import TelegramTransport
from handlers.clock import Clock
from handlers.conversation import Conversation
from handlers.events import EventKind, Incoming
from handlers.replies import Outgoing
from storage.database import Database
from storage.models import InboxUpdate, OutboxMessage
from storage.repositories import inbox, outbox

log = logging.getLogger(__name__)


def merge_album(events: list[Incoming]) -> list[Incoming]:
    """Items of one album become one event carrying every file, in order."""
    merged: list[Incoming] = []
    for event in events:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and event.kind is EventKind.MEDIA
            and previous.kind is EventKind.MEDIA
            and event.media_group_id
            and event.media_group_id == previous.media_group_id
        ):
            text = previous.text or event.text
            merged[-1] = replace(previous, media=previous.media + event.media, text=text)
        else:
            merged.append(event)
    return merged


class UpdateProcessor:
    def __init__(
        self,
        *,
        transport: TelegramTransport,
        conversation: Conversation,
        localizer: Localizer,
        database: Database,
        delivery: Delivery,
        clock: Clock,
        lease: timedelta,
    ) -> None:
        self.transport = transport
        self.conversation = conversation
        self.localizer = localizer
        self.database = database
        self.delivery = delivery
        self.clock = clock
        self.lease = lease
        #: Called after each batch: a submission may have a case to hand off.
        self.after_batch: Callable[[], None] = lambda: None

    async def handle(self, batch: list[InboxUpdate]) -> None:
        events: list[Incoming] = []
        for row in batch:
            try:
                event = self.transport.to_incoming(row.payload)
            except Exception as exc:  # its message may quote the update: the type only
                log.error(
                    "update %s could not be read (%s); skipped", row.update_id, type(exc).__name__
                )
                event = None
            if event is not None:
                events.append(event)
        ids = [row.id for row in batch if row.id is not None]
        if not events:
            async with self.database.unit_of_work() as session:
                await inbox.mark_processed(session=session, ids=ids, now=self.clock.now())
            return
        merged = merge_album(events)
        for index, event in enumerate(merged):
            # The inbox rows are marked processed with the last event's changes.
            await self._handle_event(event, ids if index == len(merged) - 1 else [])
        self.after_batch()

    async def _handle_event(self, event: Incoming, mark: list[int]) -> None:
        queued: list[OutboxMessage] = []
        answers: list[Call] = []
        sent: list[outbox.Sent] = []

        async def finish(session: AsyncSession, out: list[Outgoing]) -> None:
            # After a conflict the core handles the event again (see Conversation.handle):
            # what an earlier run prepared was rolled back with its transaction.
            self.delivery.sent_not_recorded(sent)
            sent.clear()
            queued.clear()
            answers.clear()
            now = self.clock.now()
            await inbox.mark_processed(session=session, ids=mark, now=now)
            calls: list[Call] = []
            for call in render_calls(self.localizer, out):
                (answers if call[1] == ANSWER_CALLBACK else calls).append(call)
            if calls:
                queued.extend(
                    await outbox.add_calls(session=session, calls=calls, now=now, lease=self.lease)
                )
            sent.extend(self.delivery.take_sent())
            await outbox.mark_sent(session=session, sent=sent)

        try:
            await self.conversation.handle(event, finish=finish)
        except BaseException as exc:
            self.delivery.sent_not_recorded(sent)
            if isinstance(exc, Exception) and event.kind is EventKind.BUTTON and event.callback_id:
                # Stop the parent's spinner even so; the update stays unprocessed.
                await self.delivery.answer(
                    [(0, ANSWER_CALLBACK, {"callback_query_id": event.callback_id})]
                )
            raise
        self.delivery.sent_recorded(sent)
        await self.delivery.answer(answers)
        await self.delivery.deliver(queued)
