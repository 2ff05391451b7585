"""Delivering outbox rows: paced, retried on 429 and network errors, never crashing on a 400.

Handling never waits for delivery. :meth:`Delivery.enqueue` puts a transaction's rows in send
queues and returns; a sender task per queue sends them in order. A queue is a private chat (all
its messages, in order), or in a group one lane of one case's thread, of one topic, of the
General topic, or the edits of one message (see :func:`queue_key`): a group's messages keep
their order within a case and a lane, which is every order anyone can see (the replies of one
update share a lane; a parent and an agent only answer what they have seen), and a row that
must wait (the group's turn, a retry, a case thread not ready yet) holds back only the rows
after it in its own queue. A row handed to the sweeper for later takes the rest of its queue
with it (their leases end when its retry is due), so they still go after it.

A card is edited often and only its last state matters. An ``editMessageText`` still waiting
when a newer one for the same message is queued is superseded: recorded as sent (``result``
``{"superseded_by": id}``) and never made; and an edit whose text and buttons equal what was
last sent for that message is not made either (``{"unchanged": true}``) — remembered in
memory for the last few thousand messages, so after a restart one such edit may go out, and
Telegram's "message is not modified" then counts as sent, not as a failure.

A failed HTML message is resent once as plain text, so a parser complaint never leaves a
parent without their next question.

What it costs per row is kept low on purpose (docs/performance.md):

* "Sent" is not a transaction of its own. Telegram's acceptance is buffered and written by the
  next transaction that asks for it (:meth:`Delivery.take_sent`: the next event's, for any
  chat), or by a short timer when none comes (``sent_flush_delay``). Until that commit the row
  stays ``sending`` under its lease, held by this process (the sweeper leaves it alone), so
  nothing is sent twice; a crash in that window sends it again after the lease, as a crash
  between sending and recording always could.
* While this process holds rows (queued, waiting for the pacer, retrying, waiting for an
  earlier row of their queue, or waiting for "sent" to be written), their leases are renewed
  every third
  of the lease, so another process's sweeper never takes over a row that is only waiting.
* ``answerCallbackQuery`` never goes through the outbox: it expires within seconds, so it is
  sent straight after the event's commit (:meth:`Delivery.answer`), retried briefly in the
  background on a network error, and a failure is logged, never raised.

Nothing waits forever and nothing fails in silence. A row Telegram refuses (a 400 or 403 not
handled above) fails at once; a row whose call raises anything else, an error of no known kind
(a framework's bug, an answer it cannot read), fails after ``unknown_attempts``; a row that
keeps being postponed (network errors, long 429s, a case thread not ready) fails after
``give_up_attempts`` attempts or once it is ``give_up_after`` old. A failed row is logged at
ERROR with its id, method and chat, counted (``refund_desk_outbox_failed_total``), listed by
``refund-desk outbox`` and queued again by ``refund-desk outbox retry``. Error texts are
stored with the bot token masked (:func:`bot.logs.mask_secrets`): frameworks quote the
request URL in their errors.
"""

from __future__ import annotations

import asyncio
import html
import json
import logging
import re
import time
from collections import OrderedDict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from bot.files.archive import ReadFile, fill_archives, has_archive
from bot.logs import mask_secrets
from bot.metrics import OUTBOX_FAILED, SENDS, TOO_MANY_REQUESTS, limit_kind
from bot.telegram.calls import receipt
from bot.telegram.errors import Permanent, RetryLater, Transient
from bot.telegram.pacing import CONVERSATION, Pacing, Ticket, call_kind, rank
from bot.telegram.transport import TelegramTransport
from handlers.clock import Clock
from storage.database import Database
from storage.models import OutboxMessage, OutboxStatus
from storage.repositories import outbox

log = logging.getLogger(__name__)
_TAGS = re.compile(r"</?[a-z][^>]*>")
#: What Telegram says when a message goes to a forum topic that no longer exists.
TOPIC_GONE = ("thread not found", "topic_deleted", "topic_id_invalid")
_TOPIC_CLOSED = "topic_closed"
#: How long a message for a case waits for the case's thread to exist (hand-off in progress).
THREAD_WAIT = 2.0
ANSWER_CALLBACK = "answerCallbackQuery"
#: A callback answer is worth retrying only this long: Telegram's clients stop waiting.
ANSWER_RETRY_WINDOW = 10.0
ANSWER_ATTEMPTS = 4
#: A postponed row is tried again after at most this long (network errors back off to it).
MAX_POSTPONE = 600.0
#: The longest an error text stored with a row (``outbox.last_error``) may be.
ERROR_LENGTH = 500
Call = tuple[int, str, dict[str, Any]]
#: The parameter naming a group call's lane (``pacing.LANES``); never sent to Telegram.
LANE = "_lane"
EDIT_TEXT = "editMessageText"
_NOT_MODIFIED = "message is not modified"
#: How many messages' last sent text and buttons are remembered (for unchanged edits).
LAST_EDITS_KEPT = 4096
QueueKey = tuple[Any, ...]


def in_lane(calls: list[Call], lane: str) -> list[Call]:
    """Put the group calls among ``calls`` in ``lane`` (unless they have one); private chats
    have no lanes: each is paced on its own."""
    for chat_id, _, params in calls:
        if chat_id < 0:
            params.setdefault(LANE, lane)
    return calls


def lane_of(row: OutboxMessage) -> str:
    lane = row.payload.get(LANE)
    return lane if isinstance(lane, str) else CONVERSATION


def queue_key(row: OutboxMessage) -> QueueKey:
    """The send queue a row goes in: its order is kept with the rows of the same queue only."""
    chat = row.chat_id
    if chat >= 0:
        return (chat,)
    params = row.payload
    if row.method == EDIT_TEXT:  # whatever the lane: the last state of a card must win
        return (chat, "edit", params.get("message_id"))
    lane = lane_of(row)
    if params.get("_case") is not None:
        return (chat, lane, "case", params["_case"])
    if params.get("message_thread_id") is not None:
        return (chat, lane, "thread", params["message_thread_id"])
    return (chat, lane)


def _edit_state(params: dict[str, Any]) -> int:
    markup = params.get("reply_markup")
    return hash(
        (
            params.get("text"),
            params.get("parse_mode"),
            json.dumps(markup, sort_keys=True) if markup else None,
        )
    )


@dataclass(eq=False)
class _Entry:
    row: OutboxMessage
    lane: str
    queued: float  # time.monotonic() when it was queued here
    done: asyncio.Future[None] | None = None


@dataclass(eq=False)
class _Queue:
    #: A queue of one message's edits (only the newest matters).
    edits: bool = False
    entries: deque[_Entry] = field(default_factory=deque)
    #: The head's, while it waits for its group's turn (raised when a more urgent row queues).
    ticket: Ticket | None = None
    task: asyncio.Task[None] | None = None


class CaseRouter(Protocol):
    """Where a case's messages go in the agents' group, decided at sending time."""

    async def route(self, case_id: int) -> dict[str, Any] | None:
        """The case's group and thread parameters (its team's group: a case moved to another
        team takes its waiting messages along), or None while its topic and card are not
        posted."""
        ...

    async def topic_gone(self, case_id: int, topic_id: int | None = None) -> None:
        """The case's topic ``topic_id`` was deleted by hand: have it recreated (unless the
        case has another topic by now)."""
        ...

    async def reopen(self, case_id: int) -> None:
        """The case's topic was closed by hand: reopen it."""
        ...


@dataclass(kw_only=True, eq=False)
class Delivery:
    transport: TelegramTransport
    database: Database
    clock: Clock
    pacer: Pacing
    lease: timedelta
    attempts: int = 5
    #: An error of no known kind is not worth many attempts: it is likely to recur.
    unknown_attempts: int = 3
    #: A row still not sent after this many attempts, or this old, is failed.
    give_up_attempts: int = 100
    give_up_after: timedelta = timedelta(days=1)
    base_backoff: float = 0.5
    max_retry_wait: float = 120.0
    sent_flush_delay: float = 0.1
    router: CaseRouter | None = field(default=None, init=False)
    #: A kept evidence file's bytes by its SHA-256 (the file store), for the archive of a
    #: parent's data export made at sending time (#16); None: files are not kept.
    read_file: ReadFile | None = field(default=None, init=False)
    #: Rows this process has in hand (queued, sending or waiting to be sent).
    _in_flight: dict[int, int] = field(default_factory=dict, init=False)
    _queues: dict[QueueKey, _Queue] = field(default_factory=dict, init=False)
    #: Rows queued per chat, and who waits for a chat to have none (:meth:`settled`).
    _per_chat: dict[int, int] = field(default_factory=dict, init=False)
    _idle: dict[int, asyncio.Event] = field(default_factory=dict, init=False)
    #: (chat, message id) → what was last sent as its text and buttons.
    _last_edits: OrderedDict[tuple[int, Any], int] = field(default_factory=OrderedDict, init=False)
    #: Sent rows not yet recorded: buffered, and taken by a transaction not yet committed.
    _sent: dict[int, outbox.Sent] = field(default_factory=dict, init=False)
    _recording: dict[int, outbox.Sent] = field(default_factory=dict, init=False)
    #: time.monotonic() of the oldest buffered mark.
    _oldest_sent: float = field(default=0.0, init=False)
    _flush_timer: asyncio.TimerHandle | None = field(default=None, init=False)
    _renew_timer: asyncio.TimerHandle | None = field(default=None, init=False)
    _tasks: set[asyncio.Task[Any]] = field(default_factory=set, init=False)
    _closing: bool = field(default=False, init=False)

    # -- what this process holds -----------------------------------------------------------------

    def held(self) -> set[int]:
        """Rows this process is responsible for: the sweeper must leave them alone."""
        return {*self._in_flight, *self._sent, *self._recording}

    def _hold(self, ids: Iterable[int]) -> None:
        for row_id in ids:
            self._in_flight[row_id] = self._in_flight.get(row_id, 0) + 1
        self._arm_renewal()

    def _release(self, ids: Iterable[int]) -> None:
        for row_id in ids:
            left = self._in_flight.get(row_id, 0) - 1
            if left > 0:
                self._in_flight[row_id] = left
            else:
                self._in_flight.pop(row_id, None)

    # -- sending ---------------------------------------------------------------------------------

    def enqueue(self, rows: Sequence[OutboxMessage]) -> None:
        """Queue rows for sending and return at once: each queue's sender sends its rows in
        order (see the module's docstring)."""
        self._put(rows, wait=False)

    async def deliver(self, rows: Sequence[OutboxMessage]) -> None:
        """Queue rows and wait until each is done with: sent, failed, superseded, or left to
        the sweeper (a row that must wait stops the rest of its queue; order kept)."""
        futures = self._put(rows, wait=True)
        if futures:
            await asyncio.gather(*futures)

    def _put(self, rows: Sequence[OutboxMessage], *, wait: bool) -> list[asyncio.Future[None]]:
        if not rows:
            return []
        self._hold(r.id for r in rows if r.id is not None)
        loop = asyncio.get_running_loop()
        now = time.monotonic()
        futures: list[asyncio.Future[None]] = []
        for row in rows:
            entry = _Entry(row, lane_of(row), now, loop.create_future() if wait else None)
            if entry.done is not None:
                futures.append(entry.done)
            key = queue_key(row)
            queue = self._queues.get(key)
            if queue is None:
                queue = self._queues[key] = _Queue(edits=key[1:2] == ("edit",))
            queue.entries.append(entry)
            self._per_chat[row.chat_id] = self._per_chat.get(row.chat_id, 0) + 1
            ticket = queue.ticket
            if ticket is not None and rank(entry.lane) < rank(ticket.lane):
                ticket.lane = entry.lane  # the head holds this row back: it goes as urgently
                self.pacer.reconsider(row.chat_id)
            if queue.task is None:
                queue.task = asyncio.ensure_future(self._send_queue(key, queue))
                self._tasks.add(queue.task)
                queue.task.add_done_callback(self._tasks.discard)
        return futures

    async def _send_queue(self, key: QueueKey, queue: _Queue) -> None:
        """Send a queue's rows in order until it is empty. A row postponed to the sweeper takes
        the rest of the queue with it."""
        try:
            while queue.entries:
                try:
                    retry_at = await self._attempts(queue)
                except Exception as exc:  # the database gone? the rows stay leased
                    log.error(
                        "outbox %s: sending failed (%s); left to the sweeper with the rows "
                        "behind it",
                        queue.entries[0].row.id,
                        type(exc).__name__,
                        exc_info=exc,
                    )
                    return
                self._done(queue.entries.popleft())
                if retry_at is not None:
                    while queue.entries:  # those queued while deferring too: order kept
                        rest = list(queue.entries)
                        queue.entries.clear()
                        await self._defer(rest, retry_at)
                        for entry in rest:
                            self._done(entry)
        finally:
            queue.ticket = None
            if self._queues.get(key) is queue:
                del self._queues[key]
            while queue.entries:  # cancelled (at shutdown): left to the sweeper, leased
                self._done(queue.entries.popleft())

    def _done(self, entry: _Entry) -> None:
        """The row leaves its queue (sent, failed, superseded or left to the sweeper)."""
        row = entry.row
        if row.id is not None:
            self._release([row.id])
        left = self._per_chat.get(row.chat_id, 0) - 1
        if left > 0:
            self._per_chat[row.chat_id] = left
        else:
            self._per_chat.pop(row.chat_id, None)
            idle = self._idle.pop(row.chat_id, None)
            if idle is not None:
                idle.set()
        if entry.done is not None and not entry.done.done():
            entry.done.set_result(None)

    async def _defer(self, entries: list[_Entry], retry_at: datetime) -> None:
        """Rows behind one postponed to the sweeper: due when it is, so a sweep takes them
        together, in order (rows still leased to this process only)."""
        ids = [e.row.id for e in entries if e.row.id is not None]
        try:
            async with self.database.unit_of_work() as session:
                await outbox.extend_leases(session=session, row_ids=ids, until=retry_at)
        except Exception as exc:  # their own leases run out a little later: order may suffer
            log.warning("outbox rows %s not deferred (%s)", ids, type(exc).__name__)

    async def settled(self, chat_id: int, timeout: float) -> bool:
        """Whether every row queued here for ``chat_id`` is done with, waiting up to
        ``timeout`` seconds for it (a chat's lease is let go only then: several workers)."""
        if not self._per_chat.get(chat_id):
            return True
        idle = self._idle.setdefault(chat_id, asyncio.Event())
        try:
            await asyncio.wait_for(idle.wait(), timeout)
        except TimeoutError:
            return False
        return True

    async def sweep(self, *, wait: bool = True) -> int:
        """Take over due rows: retries, and rows of a process that died before sending;
        ``wait=False``: queue them and return (the runner's sweeper)."""
        now = self.clock.now()
        held = self.held()
        async with self.database.unit_of_work() as session:
            rows = [r for r in await outbox.due(session=session, now=now) if r.id not in held]
            mine = [
                r
                for r in rows
                if await outbox.claim(session=session, row=r, now=now, lease=self.lease)
            ]
        if wait:
            await self.deliver(mine)
        else:
            self.enqueue(mine)
        return len(mine)

    async def answer(self, calls: Iterable[Call]) -> None:
        """Send ``answerCallbackQuery`` calls now, outside the outbox; never raises.

        The first attempt is made here (the parent's spinner stops before the next message
        arrives); a network error or a short 429 is retried in the background.
        """
        for _chat, method, params in calls:
            try:
                retry_in = await self._answer_once(method, params)
            except Exception:  # an answer must never break the event's handling
                log.exception("%s failed", method)
                continue
            if retry_in is not None and not self._closing:
                self._spawn(self._answer_later(method, params, retry_in))

    async def _answer_once(self, method: str, params: dict[str, Any]) -> float | None:
        """One attempt; the delay before the next one, or None when done (sent or hopeless)."""
        try:
            await self.transport.call(method, params)
        except RetryLater as exc:
            TOO_MANY_REQUESTS.labels(limit="other").inc()
            if exc.seconds <= ANSWER_RETRY_WINDOW:
                return exc.seconds
            log.warning("%s: told to wait %.0fs, longer than it is worth", method, exc.seconds)
        except Transient as exc:
            log.warning("%s failed (%s); retrying", method, exc)
            return self.base_backoff
        except Permanent as exc:  # typically "query is too old": nothing left to do
            log.warning("%s refused: %s", method, exc)
        else:
            SENDS.labels(limit="other").inc()  # no chat: counted against no limit
        return None

    async def _answer_later(self, method: str, params: dict[str, Any], delay: float) -> None:
        waited, attempts = 0.0, 1
        while attempts < ANSWER_ATTEMPTS and waited + delay <= ANSWER_RETRY_WINDOW:
            await asyncio.sleep(delay)
            waited += delay
            attempts += 1
            try:
                retry_in = await self._answer_once(method, params)
            except Exception:
                log.exception("%s failed", method)
                return
            if retry_in is None:
                return
            delay = max(retry_in, self.base_backoff * 2 ** (attempts - 1))
        log.warning("%s given up after %d attempts", method, attempts)

    async def _wait(self, row: OutboxMessage, seconds: float) -> None:
        """Sleep before a retry, holding the row's lease for at least that long."""
        assert row.id is not None
        until = self.clock.now() + timedelta(seconds=seconds) + self.lease
        async with self.database.unit_of_work() as session:
            await outbox.extend_lease(session=session, row_id=row.id, until=until)
        await asyncio.sleep(seconds)

    def _collapse(self, queue: _Queue) -> _Entry:
        """The head of ``queue``; in a queue of one message's edits, the newest, the older
        ones superseded (recorded as sent: nothing is left pending)."""
        if not queue.edits or len(queue.entries) == 1:
            return queue.entries[0]
        newest = queue.entries.pop()
        now = self.clock.now()
        while queue.entries:
            old = queue.entries.popleft()
            newest.queued = min(newest.queued, old.queued)  # its wait goes on: aging counts
            if old.row.id is not None:
                superseded = {"superseded_by": newest.row.id}
                self._record_sent(outbox.Sent(old.row.id, old.row.attempts, now, superseded))
            self._done(old)
        queue.entries.append(newest)
        return newest

    def _unchanged(self, row: OutboxMessage, params: dict[str, Any]) -> bool:
        """An edit to what was last sent for its message: nothing to do."""
        key = (row.chat_id, params.get("message_id"))
        return row.method == EDIT_TEXT and self._last_edits.get(key) == _edit_state(params)

    def _remember(self, row: OutboxMessage, params: dict[str, Any]) -> None:
        if row.method != EDIT_TEXT:
            return
        key = (row.chat_id, params.get("message_id"))
        self._last_edits[key] = _edit_state(params)
        self._last_edits.move_to_end(key)
        if len(self._last_edits) > LAST_EDITS_KEPT:
            self._last_edits.popitem(last=False)

    def _done_without_sending(
        self, row: OutboxMessage, attempt: int, result: dict[str, Any]
    ) -> None:
        """Recorded as sent, though nothing (more) is sent: superseded or unchanged."""
        assert row.id is not None
        self._record_sent(outbox.Sent(row.id, row.attempts + attempt, self.clock.now(), result))

    async def _attempts(self, queue: _Queue) -> datetime | None:
        """Send the head of ``queue``: None once it is done with (sent, failed, superseded,
        unchanged), or the time it was postponed to (left to the sweeper)."""
        entry = self._collapse(queue)
        row = entry.row
        assert row.id is not None
        params = {k: v for k, v in row.payload.items() if k != LANE}
        case_id = params.pop("_case", None)
        limit = limit_kind(row.chat_id)
        waited = 0.0
        for attempt in range(1, self.attempts + 1):
            if case_id is not None and self.router is not None:
                route = await self.router.route(case_id)
                if route is None:
                    return await self._postpone(row, 0, "case thread not ready", THREAD_WAIT)
                params = {
                    k: v
                    for k, v in params.items()
                    if k not in ("message_thread_id", "reply_parameters")
                }
                params.update(route)
            media = params.get("media")  # each item of an album counts, for Telegram
            messages = len(media) if media else 1
            if self._unchanged(row, params):
                self._done_without_sending(row, 0, {"unchanged": True})
                return None
            try:
                if row.chat_id < 0:
                    queue.ticket = Ticket(entry.lane, entry.queued)
                    try:
                        await self.pacer.acquire(
                            params.get("chat_id", row.chat_id),  # a moved case: its new group
                            messages,
                            ticket=queue.ticket,
                            kind=call_kind(row.method),
                        )
                    finally:
                        queue.ticket = None
                    newest = self._collapse(queue)  # a newer edit came while this one waited
                    if newest is not entry:
                        entry, row = newest, newest.row
                        assert row.id is not None
                        params = {k: v for k, v in row.payload.items() if k != LANE}
                        if self._unchanged(row, params):
                            self._done_without_sending(row, 0, {"unchanged": True})
                            return None
                elif row.method != ANSWER_CALLBACK:
                    await self.pacer.acquire(row.chat_id, messages)
                if has_archive(params):  # a data export with the parent's files (#16)
                    params = await asyncio.to_thread(fill_archives, params, self.read_file)
                result = await self.transport.call(row.method, params)
            except RetryLater as exc:
                TOO_MANY_REQUESTS.labels(limit=limit).inc()
                if waited + exc.seconds > self.max_retry_wait:
                    return await self._postpone(row, attempt, str(exc), exc.seconds)
                log.info("429 from Telegram, waiting %.1fs (outbox %s)", exc.seconds, row.id)
                waited += exc.seconds
                await self._wait(row, exc.seconds)
            except Transient as exc:
                delay = self.base_backoff * 2 ** (attempt - 1)
                log.warning(
                    "%s to chat %s failed (%s); retry in %.1fs",
                    row.method,
                    row.chat_id,
                    exc,
                    delay,
                )
                if attempt == self.attempts:
                    # Back off across sweeps too: an outage may last a while.
                    later = self.base_backoff * 2 ** (row.attempts + attempt - 1)
                    return await self._postpone(row, attempt, str(exc), min(later, MAX_POSTPONE))
                await self._wait(row, delay)
            except Permanent as exc:
                problem = str(exc).lower()
                if _NOT_MODIFIED in problem and row.method == EDIT_TEXT:
                    # Already so (what was sent before a restart): done, as if sent.
                    self._remember(row, params)
                    self._done_without_sending(row, attempt, {"unchanged": True})
                    return None
                if case_id is not None and self.router is not None:
                    if any(marker in problem for marker in TOPIC_GONE):
                        log.warning("topic of case %s is gone; recreating it", case_id)
                        await self.router.topic_gone(case_id, params.get("message_thread_id"))
                        return await self._postpone(row, attempt, str(exc), THREAD_WAIT)
                    if _TOPIC_CLOSED in problem:
                        log.warning("topic of case %s was closed; reopening it", case_id)
                        await self.router.reopen(case_id)
                        continue
                fallback = _plain_fallback(row.method, params, str(exc))
                if fallback is not None:
                    log.error("outbox %s: %s; resending as plain text", row.id, exc)
                    params = fallback
                    continue
                await self._fail(row, row.attempts + attempt, str(exc))
                return None
            except Exception as exc:  # no known kind: bounded attempts, then failed
                kind = f"unexpected {type(exc).__name__}"
                attempts = row.attempts + attempt
                log.error(
                    "outbox %s: %s to chat %s raised %s (attempt %d of %d)",
                    row.id,
                    row.method,
                    row.chat_id,
                    type(exc).__name__,
                    attempts,
                    self.unknown_attempts,
                    exc_info=exc,
                )
                if attempts >= self.unknown_attempts:
                    await self._fail(row, attempts, kind)
                    return None
                later = min(self.base_backoff * 2**attempts, MAX_POSTPONE)
                return await self._postpone(row, attempt, kind, later)
            else:
                SENDS.labels(limit=limit).inc(messages)
                self._remember(row, params)
                assert row.id is not None
                sent = outbox.Sent(row.id, attempt, self.clock.now(), receipt(result))
                self._record_sent(sent)
                return None
        return await self._postpone(row, self.attempts, "attempts exhausted", self.base_backoff)

    async def _postpone(
        self, row: OutboxMessage, attempt: int, error: str, delay: float
    ) -> datetime | None:
        """Leave the row to the sweeper, to try again after ``delay`` seconds (returns when);
        or fail it (None) when it has been tried or has waited too long."""
        now = self.clock.now()
        attempts = row.attempts + attempt
        if attempts >= self.give_up_attempts or now - row.created_at >= self.give_up_after:
            await self._fail(row, attempts, f"gave up: {error}")
            return None
        retry_at = now + timedelta(seconds=delay)
        await self._finish(row, OutboxStatus.PENDING, attempts, error=error, retry_at=retry_at)
        return retry_at

    async def _fail(self, row: OutboxMessage, attempts: int, error: str) -> None:
        """The row will not be sent: recorded, logged and counted for the operator."""
        error = mask_secrets(error)[:ERROR_LENGTH]
        log.error(
            "outbox %s: %s to chat %s failed after %d attempt(s): %s "
            "(`refund-desk outbox retry %s` sends it again)",
            row.id,
            row.method,
            row.chat_id,
            attempts,
            error,
            row.id,
        )
        OUTBOX_FAILED.labels(method=row.method).inc()
        await self._finish(row, OutboxStatus.FAILED, attempts, error=error)

    async def _finish(
        self, row: OutboxMessage, status: str, attempts: int, *, error: str, **extra: Any
    ) -> None:
        assert row.id is not None
        async with self.database.unit_of_work() as session:
            await outbox.finish(
                session=session,
                row_id=row.id,
                status=status,
                now=self.clock.now(),
                attempts=attempts,
                error=mask_secrets(error)[:ERROR_LENGTH],
                **extra,
            )

    # -- recording "sent" ------------------------------------------------------------------------

    def _record_sent(self, sent: outbox.Sent) -> None:
        if not self._sent:
            self._oldest_sent = time.monotonic()
        self._sent[sent.row_id] = sent
        self._arm_flush()

    def take_sent(self) -> list[outbox.Sent]:
        """The buffered "sent" marks, for a transaction about to commit to write
        (:func:`storage.repositories.outbox.mark_sent`); report the outcome with
        :meth:`sent_recorded` or :meth:`sent_not_recorded`."""
        if not self._sent:
            return []
        taken = list(self._sent.values())
        self._recording.update(self._sent)
        self._sent.clear()
        return taken

    def sent_recorded(self, marks: Iterable[outbox.Sent]) -> None:
        """The transaction that wrote ``marks`` committed."""
        for mark in marks:
            self._recording.pop(mark.row_id, None)

    def sent_not_recorded(self, marks: Iterable[outbox.Sent]) -> None:
        """The transaction that was to write ``marks`` rolled back: buffer them again."""
        restored = False
        for mark in marks:
            if self._recording.pop(mark.row_id, None) is not None:
                if not self._sent:
                    self._oldest_sent = time.monotonic()
                self._sent[mark.row_id] = mark
                restored = True
        if restored:
            self._arm_flush()

    async def flush(self) -> None:
        """Write the buffered "sent" marks now, in a transaction of their own."""
        marks = self.take_sent()
        if not marks:
            return
        try:
            async with self.database.unit_of_work() as session:
                await outbox.mark_sent(session=session, sent=marks)
        except BaseException:
            self.sent_not_recorded(marks)
            raise
        self.sent_recorded(marks)

    def _arm_flush(self) -> None:
        if self._flush_timer is None and not self._closing:
            loop = asyncio.get_running_loop()
            self._flush_timer = loop.call_later(self.sent_flush_delay, self._flush_due)

    def _flush_due(self) -> None:
        """Timer: flush if a mark has waited ``sent_flush_delay`` for a transaction to carry it
        (under load the next event's transaction takes them well before that)."""
        self._flush_timer = None
        if not self._sent:
            return
        age = time.monotonic() - self._oldest_sent
        if age < self.sent_flush_delay:
            loop = asyncio.get_running_loop()
            self._flush_timer = loop.call_later(self.sent_flush_delay - age, self._flush_due)
            return
        self._spawn(self._flush_in_background())

    async def _flush_in_background(self) -> None:
        try:
            await self.flush()
        except Exception:
            log.exception("recording sent outbox rows failed; will retry")
            self._arm_flush()

    # -- leases ----------------------------------------------------------------------------------

    @property
    def _renew_every(self) -> float:
        return max(self.lease.total_seconds() / 3, 0.05)

    def _arm_renewal(self) -> None:
        if self._renew_timer is None and not self._closing:
            loop = asyncio.get_running_loop()
            self._renew_timer = loop.call_later(self._renew_every, self._renewal_due)

    def _renewal_due(self) -> None:
        self._renew_timer = None
        if self._in_flight or self._sent or self._recording:
            self._spawn(self._renew_leases())

    async def _renew_leases(self) -> None:
        """Renew the lease of every row this process holds, so that a row waiting here (in the
        pacer, behind an earlier row, for a retry, for "sent" to be written) is never taken
        over by another process's sweeper. Rows being recorded by a transaction right now are
        left out: that transaction locks them, and it marks them sent anyway."""
        ids = {*self._in_flight, *self._sent}
        try:
            if ids:
                async with self.database.unit_of_work() as session:
                    await outbox.extend_leases(
                        session=session, row_ids=sorted(ids), until=self.clock.now() + self.lease
                    )
        except Exception:
            log.exception("renewing outbox leases failed")
        finally:
            if self._in_flight or self._sent or self._recording:
                self._arm_renewal()

    # -- life cycle ------------------------------------------------------------------------------

    def _spawn(self, coroutine: Any) -> None:
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def close(self, timeout: float = 10.0) -> None:
        """At shutdown: send what is queued and finish background work, for up to ``timeout``
        seconds (rows still queued then stay leased, and a sweeper sends them once the lease
        runs out: another worker's, or this one's at the next start), then write every
        buffered "sent" mark."""
        self._closing = True
        for timer in (self._flush_timer, self._renew_timer):
            if timer is not None:
                timer.cancel()
        self._flush_timer = self._renew_timer = None
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self._tasks and (left := deadline - loop.time()) > 0:
            await asyncio.wait(set(self._tasks), timeout=left)
        if self._tasks:
            late = set(self._tasks)
            for task in late:
                task.cancel()
            await asyncio.wait(late, timeout=1.0)
        try:
            await self.flush()
        except Exception:
            log.exception("recording sent outbox rows at shutdown failed")


def _plain_fallback(method: str, params: dict[str, Any], error: str) -> dict[str, Any] | None:
    if method != "sendMessage" or params.get("parse_mode") != "HTML":
        return None
    if "parse entities" not in error and "too long" not in error:
        return None
    text = html.unescape(_TAGS.sub("", params["text"]))[:4096]
    fallback = {k: v for k, v in params.items() if k != "parse_mode"}
    fallback["text"] = text
    return fallback
