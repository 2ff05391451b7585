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
from typing import Any

from bot.telegram.errors import Permanent, RetryLater, Transient
from bot.telegram.pacing import Pacer
from bot.telegram.transport import TelegramTransport
from handlers.clock import Clock
from storage.database import Database
from storage.models import OutboxMessage
from storage.repositories import outbox

log = logging.getLogger(__name__)
_TAGS = re.compile(r"</?[a-z][^>]*>")


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
            rows = await outbox.due(session=session, now=now)
            mine = [r for r in rows if await outbox.claim(session=session, row=r, now=now,
                                                          lease=self.lease)]  # fmt: skip
        await self.deliver(mine)
        return len(mine)

    async def _deliver_one(self, row: OutboxMessage) -> bool:
        assert row.id is not None
        params = dict(row.payload)
        waited = 0.0
        for attempt in range(1, self.attempts + 1):
            try:
                if row.method != "answerCallbackQuery":
                    await self.pacer.acquire(row.chat_id)
                result = await self.transport.call(row.method, params)
            except RetryLater as exc:
                if waited + exc.seconds > self.max_retry_wait:
                    return await self._postpone(row, attempt, str(exc), exc.seconds)
                log.info("429 from Telegram, waiting %.1fs (outbox %s)", exc.seconds, row.id)
                waited += exc.seconds
                await asyncio.sleep(exc.seconds)
            except Transient as exc:
                delay = self.base_backoff * 2 ** (attempt - 1)
                log.warning("%s to chat %s failed (%s); retry in %.1fs", row.method,
                            row.chat_id, exc, delay)  # fmt: skip
                if attempt == self.attempts:
                    return await self._postpone(row, attempt, str(exc), delay)
                await asyncio.sleep(delay)
            except Permanent as exc:
                fallback = _plain_fallback(row.method, params, str(exc))
                if fallback is not None:
                    log.error("outbox %s: %s; resending as plain text", row.id, exc)
                    params = fallback
                    continue
                log.error("outbox %s: %s to chat %s refused: %s", row.id, row.method,
                          row.chat_id, exc)  # fmt: skip
                await self._finish(row, outbox.FAILED, attempt, error=str(exc))
                return True
            else:
                await self._finish(row, outbox.SENT, attempt, result=result)
                return True
        return await self._postpone(row, self.attempts, "attempts exhausted", self.base_backoff)

    async def _postpone(self, row: OutboxMessage, attempt: int, error: str, delay: float) -> bool:
        retry_at = self.clock.now() + timedelta(seconds=delay)
        await self._finish(row, outbox.PENDING, row.attempts + attempt, error=error,
                           retry_at=retry_at)  # fmt: skip
        return False

    async def _finish(self, row: OutboxMessage, status: str, attempts: int, **extra: Any) -> None:
        assert row.id is not None
        async with self.database.unit_of_work() as session:
            await outbox.finish(session=session, row_id=row.id, status=status,
                                now=self.clock.now(), attempts=attempts, **extra)  # fmt: skip


def _plain_fallback(method: str, params: dict[str, Any], error: str) -> dict[str, Any] | None:
    if method != "sendMessage" or params.get("parse_mode") != "HTML":
        return None
    if "parse entities" not in error and "too long" not in error:
        return None
    text = html.unescape(_TAGS.sub("", params["text"]))[:4096]
    fallback = {k: v for k, v in params.items() if k != "parse_mode"}
    fallback["text"] = text
    return fallback
