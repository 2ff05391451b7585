"""Delivering outbox rows: paced, retried on 429 and network errors, never crashing on a 400.

A failed HTML message is resent once as plain text, so a parser complaint never leaves a
parent without their next question.

What it costs per row is kept low on purpose (docs/performance.md):

* "Sent" is not a transaction of its own. Telegram's acceptance is buffered and written by the
  next transaction that asks for it (:meth:`Delivery.take_sent`: the next event's, for any
  chat), or by a short timer when none comes (``sent_flush_delay``). Until that commit the row
  stays ``sending`` under its lease, held by this process (the sweeper leaves it alone), so
  nothing is sent twice; a crash in that window sends it again after the lease, as a crash
  between sending and recording always could.
* While this process holds rows (waiting for the pacer, retrying, waiting for an earlier row
  of the same chat, or waiting for "sent" to be written), their leases are renewed every third
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
import logging
import re
import time
from collections.abc import Iterable, Sequence
from datetime import timedelta
from typing import Any, Protocol

from bot.logs import mask_secrets
from bot.metrics import OUTBOX_FAILED, SENDS, TOO_MANY_REQUESTS, limit_kind
from bot.telegram.calls import receipt
from bot.telegram.errors import Permanent, RetryLater, Transient
from bot.telegram.pacing import Pacing
from bot.telegram.transport import TelegramTransport
from handlers.clock import Clock
from storage.database import Database
from storage.models import OutboxMessage
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


class CaseRouter(Protocol):
    """Where a case's messages go in the agents' group, decided at sending time."""

    async def route(self, case_id: int) -> dict[str, Any] | None:
        """Thread parameters for the case, or None while its topic and card are not posted."""
        ...

    async def topic_gone(self, case_id: int) -> None:
        """The case's topic was deleted by hand: have it recreated."""
        ...

    async def reopen(self, case_id: int) -> None:
        """The case's topic was closed by hand: reopen it."""
        ...


class Delivery:
    def __init__(
        self,
        *,
        transport: TelegramTransport,
        database: Database,
        clock: Clock,
        pacer: Pacing,
        lease: timedelta,
        attempts: int = 5,
        base_backoff: float = 0.5,
        max_retry_wait: float = 120.0,
        sent_flush_delay: float = 0.1,
        unknown_attempts: int = 3,
        give_up_attempts: int = 100,
        give_up_after: timedelta = timedelta(days=1),
    ) -> None:
        self.transport = transport
        self.database = database
        self.clock = clock
        self.pacer = pacer
        self.lease = lease
        self.attempts = attempts
        self.base_backoff = base_backoff
        self.max_retry_wait = max_retry_wait
        self.sent_flush_delay = sent_flush_delay
        #: An error of no known kind is not worth many attempts: it is likely to recur.
        self.unknown_attempts = unknown_attempts
        #: A row still not sent after this many attempts, or this old, is failed.
        self.give_up_attempts = give_up_attempts
        self.give_up_after = give_up_after
        self.router: CaseRouter | None = None
        #: Rows a deliver() call of this process has in hand (sending or waiting to be sent).
        self._in_flight: dict[int, int] = {}
        #: Sent rows not yet recorded: buffered, and taken by a transaction not yet committed.
        self._sent: dict[int, outbox.Sent] = {}
        self._recording: dict[int, outbox.Sent] = {}
        self._oldest_sent = 0.0  # time.monotonic() of the oldest buffered mark
        self._flush_timer: asyncio.TimerHandle | None = None
        self._renew_timer: asyncio.TimerHandle | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._closing = False

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

    async def deliver(self, rows: Sequence[OutboxMessage]) -> None:
        """Send rows in order; a row that must wait stops the rest of its chat (order kept)."""
        if not rows:
            return
        ids = [r.id for r in rows if r.id is not None]
        self._hold(ids)
        try:
            blocked: set[int] = set()
            for row in rows:
                if row.chat_id in blocked:
                    continue
                if not await self._attempts(row):
                    blocked.add(row.chat_id)
        finally:
            self._release(ids)

    async def sweep(self) -> int:
        """Take over due rows: retries, and rows of a process that died before sending."""
        now = self.clock.now()
        held = self.held()
        async with self.database.unit_of_work() as session:
            rows = [r for r in await outbox.due(session=session, now=now) if r.id not in held]
            mine = [
                r
                for r in rows
                if await outbox.claim(session=session, row=r, now=now, lease=self.lease)
            ]
        await self.deliver(mine)
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

    async def _attempts(self, row: OutboxMessage) -> bool:
        assert row.id is not None
        params = dict(row.payload)
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
            try:
                if row.method != ANSWER_CALLBACK:
                    await self.pacer.acquire(row.chat_id, messages)
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
                if case_id is not None and self.router is not None:
                    if any(marker in problem for marker in TOPIC_GONE):
                        log.warning("topic of case %s is gone; recreating it", case_id)
                        await self.router.topic_gone(case_id)
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
                return True
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
                    return True
                later = min(self.base_backoff * 2**attempts, MAX_POSTPONE)
                return await self._postpone(row, attempt, kind, later)
            else:
                SENDS.labels(limit=limit).inc(messages)
                sent = outbox.Sent(row.id, attempt, self.clock.now(), receipt(result))
                self._record_sent(sent)
                return True
        return await self._postpone(row, self.attempts, "attempts exhausted", self.base_backoff)

    async def _postpone(self, row: OutboxMessage, attempt: int, error: str, delay: float) -> bool:
        """Leave the row to the sweeper, to try again after ``delay`` seconds; or fail it when
        it has been tried or has waited too long. True when the row is done with (failed)."""
        now = self.clock.now()
        attempts = row.attempts + attempt
        if attempts >= self.give_up_attempts or now - row.created_at >= self.give_up_after:
            await self._fail(row, attempts, f"gave up: {error}")
            return True
        retry_at = now + timedelta(seconds=delay)
        await self._finish(row, outbox.PENDING, attempts, error=error, retry_at=retry_at)
        return False

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
        await self._finish(row, outbox.FAILED, attempts, error=error)

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
        """At shutdown: finish background work and write every buffered "sent" mark."""
        self._closing = True
        for timer in (self._flush_timer, self._renew_timer):
            if timer is not None:
                timer.cancel()
        self._flush_timer = self._renew_timer = None
        if self._tasks:
            _, pending = await asyncio.wait(set(self._tasks), timeout=timeout)
            for task in pending:
                task.cancel()
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
