"""Delivering outbox rows: paced, retried on 429 and network errors, never crashing on a 400.

A failed HTML message is resent once as plain text, so a parser complaint never leaves a
parent without their next question.
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
from datetime import timedelta
from typing import Any, Protocol

from bot.telegram.errors import Permanent, RetryLater, Transient
from bot.telegram.pacing import Pacer
from bot.telegram.transport import TelegramTransport
from handlers.clock import Clock
from storage.database import Database
from storage.models import OutboxMessage
from storage.repositories import outbox

log = logging.getLogger(__name__)
_TAGS = re.compile(r"</?[a-z][^>]*>")
_TOPIC_GONE = ("thread not found", "topic_deleted", "topic_id_invalid")
_TOPIC_CLOSED = "topic_closed"
#: How long a message for a case waits for the case's thread to exist (hand-off in progress).
THREAD_WAIT = 2.0


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
        pacer: Pacer,
        lease: timedelta,
        attempts: int = 5,
        base_backoff: float = 0.5,
        max_retry_wait: float = 120.0,
    ) -> None:
        self.transport = transport
        self.database = database
        self.clock = clock
        self.pacer = pacer
        self.lease = lease
        self.attempts = attempts
        self.base_backoff = base_backoff
        self.max_retry_wait = max_retry_wait
        self.router: CaseRouter | None = None
        #: Rows this process is sending right now: the sweeper leaves them alone.
        self._in_flight: set[int] = set()

    async def deliver(self, rows: list[OutboxMessage]) -> None:
        """Send rows in order; a row that must wait stops the rest of its chat (order kept)."""
        blocked: set[int] = set()
        for row in rows:
            if row.chat_id in blocked:
                continue
            if not await self._deliver_one(row):
                blocked.add(row.chat_id)

    async def sweep(self) -> int:
        """Take over due rows: retries, and rows of a process that died before sending."""
        now = self.clock.now()
        async with self.database.unit_of_work() as session:
            rows = [
                r
                for r in await outbox.due(session=session, now=now)
                if r.id not in self._in_flight
            ]
            mine = [
                r
                for r in rows
                if await outbox.claim(session=session, row=r, now=now, lease=self.lease)
            ]
        await self.deliver(mine)
        return len(mine)

    async def _deliver_one(self, row: OutboxMessage) -> bool:
        assert row.id is not None
        self._in_flight.add(row.id)
        try:
            return await self._attempts(row)
        finally:
            self._in_flight.discard(row.id)

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
            try:
                if row.method != "answerCallbackQuery":
                    await self.pacer.acquire(row.chat_id)
                result = await self.transport.call(row.method, params)
            except RetryLater as exc:
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
                    return await self._postpone(row, attempt, str(exc), delay)
                await self._wait(row, delay)
            except Permanent as exc:
                problem = str(exc).lower()
                if case_id is not None and self.router is not None:
                    if any(marker in problem for marker in _TOPIC_GONE):
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
                log.error(
                    "outbox %s: %s to chat %s refused: %s", row.id, row.method, row.chat_id, exc
                )
                await self._finish(row, outbox.FAILED, attempt, error=str(exc))
                return True
            else:
                await self._finish(row, outbox.SENT, attempt, result=result)
                return True
        return await self._postpone(row, self.attempts, "attempts exhausted", self.base_backoff)

    async def _postpone(self, row: OutboxMessage, attempt: int, error: str, delay: float) -> bool:
        retry_at = self.clock.now() + timedelta(seconds=delay)
        await self._finish(
            row, outbox.PENDING, row.attempts + attempt, error=error, retry_at=retry_at
        )
        return False

    async def _finish(self, row: OutboxMessage, status: str, attempts: int, **extra: Any) -> None:
        assert row.id is not None
        async with self.database.unit_of_work() as session:
            await outbox.finish(
                session=session,
                row_id=row.id,
                status=status,
                now=self.clock.now(),
                attempts=attempts,
                **extra,
            )


def _plain_fallback(method: str, params: dict[str, Any], error: str) -> dict[str, Any] | None:
    if method != "sendMessage" or params.get("parse_mode") != "HTML":
        return None
    if "parse entities" not in error and "too long" not in error:
        return None
    text = html.unescape(_TAGS.sub("", params["text"]))[:4096]
    fallback = {k: v for k, v in params.items() if k != "parse_mode"}
    fallback["text"] = text
    return fallback
