"""From stored update to sent reply: convert, hand to the core, queue the replies in the same
transaction that marks the update processed, then hand them to the delivery.

Handling never waits for delivery: after the commit a press is answered at once, and the rows
are queued for sending (:meth:`Delivery.enqueue`, in order per chat, or per case and lane in
the agents' group) while the chat's next update is handled. A reply to the agents' group gets
its lane here: ``interactive`` when it answers an update from that group (an agent's press or
message), ``conversation`` otherwise (a parent's message relayed, an appeal).

The event's transaction also carries the "sent" marks of rows delivered since the last one
(:meth:`Delivery.take_sent`), so recording a sent message costs no transaction of its own.
Callback answers are sent right after the commit, without an outbox row (they expire within
seconds); a press is answered even when its handling fails.

One bad update never stops the bot, nor its chat:

* an update the framework cannot read is set aside at once (``failed_at``, and ``error`` such
  as ``unreadable: ValidationError``): retrying cannot make it readable;
* an update whose handling raises is tried again, in its chat's turn, up to ``max_attempts``
  times in all (attempts are counted in the row, so they add up across restarts), then set
  aside, and the person is told in a private chat that their answers so far are kept.

Set-aside rows are counted (``UPDATES_SET_ASIDE``), logged with their update id only (never
what people wrote), kept for the operator and never replayed. A conflict the core resolves by
handling the event again (:meth:`Conversation.handle`) is not a failure: only what escapes it
counts."""

from __future__ import annotations

import asyncio
import logging
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.i18n import Localizer
from bot.metrics import (
    HANDLING_SECONDS,
    UPDATE_LATENCY,
    UPDATES_FAILED_ATTEMPTS,
    UPDATES_HANDLED,
    UPDATES_SET_ASIDE,
)
from bot.telegram.calls import render_calls
from bot.telegram.delivery import ANSWER_CALLBACK, Call, Delivery, in_lane
from bot.telegram.pacing import CONVERSATION, INTERACTIVE
from bot.telegram.transport import TelegramTransport
from handlers.clock import Clock
from handlers.conversation import Conversation
from handlers.events import EventKind, Incoming
from handlers.languages import detect_language
from handlers.replies import Msg, Outgoing, Reply
from storage.database import Database
from storage.models import InboxUpdate, OutboxMessage
from storage.repositories import inbox, outbox, users

log = logging.getLogger(__name__)
#: Handling attempts of an update before it is set aside (counted across restarts).
MAX_ATTEMPTS = 3
#: Before the second attempt; doubled before each next one.
RETRY_DELAY = 0.2
FAILED_NOTICE = Msg("error-internal")


class AlreadyHandled(Exception):
    """The update was marked handled by another transaction (another worker) meanwhile."""


def _where(exc: BaseException) -> str:
    """Where an exception was raised (file:line in function): enough to find the bug, with
    nothing of the exception's text, which may quote what a person wrote."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return "?"
    frame = frames[-1]
    return f"{frame.filename.rsplit('/', 1)[-1]}:{frame.lineno} in {frame.name}"


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


def _nothing() -> None:
    pass


@dataclass(kw_only=True, eq=False)
class UpdateProcessor:
    transport: TelegramTransport
    conversation: Conversation
    localizer: Localizer
    database: Database
    delivery: Delivery
    clock: Clock
    lease: timedelta
    max_attempts: int = MAX_ATTEMPTS
    retry_delay: float = RETRY_DELAY
    #: Called after each batch: a submission may have a case to hand off.
    after_batch: Callable[[], None] = field(default_factory=lambda: _nothing, init=False)

    async def handle(self, batch: list[InboxUpdate]) -> None:
        """Handle one chat's batch (one update, or the items of an album); never raises for a
        bad update: it is retried, then set aside (see the module's docstring)."""
        rows, events = await self._read(batch)
        ids = [row.id for row in rows if row.id is not None]
        if not events:
            if ids:
                async with self.database.unit_of_work() as session:
                    await inbox.mark_processed(session=session, ids=ids, now=self.clock.now())
                self._count_handled(rows)
            return
        merged = merge_album(events)
        tried = max(row.attempts for row in rows)
        error = next((row.error for row in rows if row.error), "attempts exhausted")
        answered: set[str] = set()  # callback queries answered already (one answer each)
        done = 0
        while done < len(merged):
            event = merged[done]
            if tried >= self.max_attempts:
                await self._give_up(rows, event, error, answered, tried)
                break
            try:
                # The inbox rows are marked processed with the last event's changes.
                await self._handle_event(event, rows if done == len(merged) - 1 else [], answered)
            except AlreadyHandled:
                log.warning(
                    "update %s was handled by another worker meanwhile; this handling undone",
                    ", ".join(str(row.update_id) for row in rows),
                )
                break
            except Exception as exc:
                tried += 1
                error = type(exc).__name__
                UPDATES_FAILED_ATTEMPTS.inc()
                log.warning(
                    "update %s: handling raised %s at %s (attempt %d of %d)",
                    ", ".join(str(row.update_id) for row in rows),
                    error,
                    _where(exc),
                    tried,
                    self.max_attempts,
                )
                await self._count_failure(ids, error)
                if tried < self.max_attempts:
                    # In the chat's own turn: its later updates wait, so their order holds.
                    await asyncio.sleep(self.retry_delay * 2 ** (tried - 1))
                continue
            done += 1
        self.after_batch()

    async def _read(self, batch: list[InboxUpdate]) -> tuple[list[InboxUpdate], list[Incoming]]:
        """The core's events of the batch; rows the framework cannot read are set aside."""
        readable: list[InboxUpdate] = []
        events: list[Incoming] = []
        unreadable: list[tuple[InboxUpdate, str]] = []
        for row in batch:
            try:
                event = self.transport.to_incoming(row.payload)
            except Exception as exc:  # its message may quote the update: the type only
                unreadable.append((row, f"unreadable: {type(exc).__name__}"))
                continue
            readable.append(row)
            if event is not None:
                events.append(event)
        if unreadable:
            now = self.clock.now()
            async with self.database.unit_of_work() as session:
                for row, reason in unreadable:
                    assert row.id is not None
                    await inbox.set_aside(session=session, ids=[row.id], now=now, error=reason)
            for row, reason in unreadable:
                UPDATES_SET_ASIDE.labels(reason="unreadable").inc()
                log.error("update %s set aside: %s", row.update_id, reason)
        return readable, events

    async def _count_failure(self, ids: list[int], error: str) -> None:
        """Record the attempt in its own transaction (the event's was rolled back)."""
        try:
            async with self.database.unit_of_work() as session:
                await inbox.count_failure(session=session, ids=ids, error=error)
        except Exception as exc:  # the count is kept in hand; the bound holds all the same
            log.error("update attempts not recorded (%s)", type(exc).__name__)

    async def _give_up(
        self,
        rows: list[InboxUpdate],
        event: Incoming,
        error: str,
        answered: set[str],
        tried: int,
    ) -> None:
        """Set the batch aside and tell the person, in a private chat, in their language.

        In the agents' group nothing is posted (the operator has the log and the counter); a
        press there is answered all the same, as everywhere."""
        ids = [row.id for row in rows if row.id is not None]
        now = self.clock.now()
        queued: list[OutboxMessage] = []
        try:
            async with self.database.unit_of_work() as session:
                await inbox.set_aside(session=session, ids=ids, now=now, error=error)
                if event.is_private:
                    notice = Reply(
                        event.chat_id, await self._language(session, event), (FAILED_NOTICE,)
                    )
                    calls = render_calls(self.localizer, [notice])
                    queued = await outbox.add_calls(
                        session=session, calls=calls, now=now, lease=self.lease
                    )
        except Exception as exc:  # not even the notice could be written: set aside all the same
            log.error("update notice not queued (%s)", type(exc).__name__)
            async with self.database.unit_of_work() as session:
                await inbox.set_aside(session=session, ids=ids, now=now, error=error)
        UPDATES_SET_ASIDE.labels(reason="failed").inc()
        log.error(
            "update %s set aside after %d failed attempts (%s)",
            ", ".join(str(row.update_id) for row in rows),
            tried,
            error,
        )
        if event.kind is EventKind.BUTTON and event.callback_id not in (None, *answered):
            await self.delivery.answer(
                [(0, ANSWER_CALLBACK, {"callback_query_id": event.callback_id})]
            )
        await self._hand_over(queued)

    async def _language(self, session: AsyncSession, event: Incoming) -> str:
        user = await users.get_user(session=session, user_id=event.sender.user_id)
        if user is not None:
            return user.language
        default = self.conversation.deps.intake.default_language
        return detect_language(event.sender.language_code, default)

    def _count_handled(self, rows: list[InboxUpdate]) -> None:
        """Metrics of updates whose handling was just committed."""
        UPDATES_HANDLED.inc(len(rows))
        now = self.clock.now()
        for row in rows:
            UPDATE_LATENCY.observe(_seconds_between(row.received_at, now))

    async def _handle_event(
        self, event: Incoming, marked: list[InboxUpdate], answered: set[str]
    ) -> None:
        """Handle one event; ``marked``: the inbox rows marked processed in its transaction."""
        mark = [row.id for row in marked if row.id is not None]
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
            if await inbox.mark_processed(session=session, ids=mark, now=now) < len(mark):
                # Another worker handled it meanwhile (this one paused beyond its chat
                # lease): everything this transaction did is undone.
                raise AlreadyHandled(mark)
            calls: list[Call] = []
            for call in self._in_lanes(event, render_calls(self.localizer, out)):
                if call[1] != ANSWER_CALLBACK:
                    calls.append(call)
                elif call[2].get("callback_query_id") not in answered:  # once per press
                    answers.append(call)
            if calls:
                queued.extend(
                    await outbox.add_calls(session=session, calls=calls, now=now, lease=self.lease)
                )
            sent.extend(self.delivery.take_sent())
            await outbox.mark_sent(session=session, sent=sent)

        started = time.perf_counter()
        try:
            await self.conversation.handle(event, finish=finish)
        except BaseException as exc:
            self.delivery.sent_not_recorded(sent)
            if (
                isinstance(exc, Exception)
                and event.kind is EventKind.BUTTON
                and event.callback_id
                and event.callback_id not in answered
            ):
                # Stop the person's spinner now; the update is tried again or set aside.
                answered.add(event.callback_id)
                await self.delivery.answer(
                    [(0, ANSWER_CALLBACK, {"callback_query_id": event.callback_id})]
                )
            raise
        HANDLING_SECONDS.observe(time.perf_counter() - started)
        self._count_handled(marked)
        self.delivery.sent_recorded(sent)
        await self.delivery.answer(answers)
        await self._hand_over(queued)

    @staticmethod
    def _in_lanes(event: Incoming, calls: list[Call]) -> list[Call]:
        """A group's replies to its own update answer an agent's action: ``interactive``;
        the rest (a parent's words relayed, an appeal) are ``conversation``."""
        mine = [call for call in calls if call[0] == event.chat_id]
        in_lane(mine, INTERACTIVE)
        return in_lane(calls, CONVERSATION)

    async def _hand_over(self, queued: list[OutboxMessage]) -> None:
        """Queue the rows for sending without waiting for them; one turn of the event loop
        lets a sender with room start at once (its request is on its way before the next
        update is handled)."""
        if queued:
            self.delivery.enqueue(queued)
            await asyncio.sleep(0)


def _seconds_between(earlier: datetime, later: datetime) -> float:
    """Seconds from ``earlier`` to ``later``, never negative; a naive time is taken as UTC
    (a metric must never fail the handling it measures)."""
    if earlier.tzinfo is None:
        earlier = earlier.replace(tzinfo=UTC)
    if later.tzinfo is None:
        later = later.replace(tzinfo=UTC)
    return max((later - earlier).total_seconds(), 0.0)
