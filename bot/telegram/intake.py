"""Receiving updates: long polling or a webhook, both storing each update in the inbox before
Telegram learns it arrived (before the next offset, before the 200)."""

from __future__ import annotations

import asyncio
import hmac
import logging
from typing import Any

from aiohttp import web

from bot.metrics import GET_UPDATES_ERRORS, UPDATES_RECEIVED
from bot.telegram.errors import Permanent, RetryLater, Transient
from bot.telegram.operations import Operations
from bot.telegram.ordering import UpdateQueues
from bot.telegram.transport import TelegramTransport
from handlers.clock import Clock
from storage.database import Database
from storage.repositories import inbox

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class Inbox:
    """Stores raw updates and hands the new ones to the per-chat queues."""

    def __init__(self, *, database: Database, clock: Clock, queues: UpdateQueues) -> None:
        self.database = database
        self.clock = clock
        self.queues = queues
        self.bot_id = 0

    async def accept(self, updates: list[dict[str, Any]]) -> None:
        chats = [inbox.chat_of(u) for u in updates]
        for chat in chats:
            self.queues.expect(chat, +1)
        try:
            async with self.database.unit_of_work() as session:
                rows = await inbox.store_updates(
                    session=session, bot_id=self.bot_id, updates=updates, now=self.clock.now()
                )
            UPDATES_RECEIVED.labels(kind="new").inc(len(rows))
            if len(rows) < len(updates):
                UPDATES_RECEIVED.labels(kind="redelivered").inc(len(updates) - len(rows))
            self.queues.submit(rows)
            # A redelivery is not stored again, but its stored row may never have been handled
            # (the worker that stored it died): the chat's updates are looked at all the same.
            self.queues.wake(chats)
        finally:
            for chat in chats:
                self.queues.expect(chat, -1)

    async def recover(self) -> int:
        """Queue updates stored by an earlier run but never processed."""
        async with self.database.unit_of_work() as session:
            rows = await inbox.unprocessed(session=session, bot_id=self.bot_id)
        self.queues.submit(rows)
        return len(rows)


def _with_ids(updates: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The updates that carry an update id: without one, nothing can be stored or confirmed."""
    kept = [u for u in updates if isinstance(u.get("update_id"), int)]
    if len(kept) != len(updates):
        GET_UPDATES_ERRORS.labels(kind="malformed").inc()
        log.error("getUpdates: %d item(s) without an update id ignored", len(updates) - len(kept))
    return kept


async def poll(
    transport: TelegramTransport, store: Inbox, stop: asyncio.Event, *, timeout: int
) -> None:
    """Long-poll, store each batch raw, and only then confirm it (the next offset).

    Nothing Telegram (or a proxy in front of it) answers ends the loop but a refusal
    (:class:`Permanent`, e.g. a revoked token): an answer that is not JSON or not a list of
    updates is retried with back-off like a 5xx, and an update no framework can read is
    stored all the same, then set aside when it is handled (see ``processing.py``)."""
    offset: int | None = None
    failures = 0
    while not stop.is_set():
        fetch = asyncio.create_task(transport.get_updates(offset, timeout))
        stopping = asyncio.create_task(stop.wait())
        await asyncio.wait({fetch, stopping}, return_when=asyncio.FIRST_COMPLETED)
        stopping.cancel()
        if not fetch.done():
            # Stopping mid-poll: whatever Telegram sends now is not confirmed and comes back.
            fetch.cancel()
            await asyncio.gather(fetch, return_exceptions=True)
            return
        try:
            answer = fetch.result()
        except RetryLater as exc:
            GET_UPDATES_ERRORS.labels(kind="retry_after").inc()
            await asyncio.sleep(exc.seconds)
            continue
        except Transient as exc:
            GET_UPDATES_ERRORS.labels(kind="transient").inc()
            failures += 1
            delay = min(30.0, 0.5 * 2 ** min(failures, 6))
            log.warning("getUpdates failed (%s); retrying in %.1fs", exc, delay)
            await asyncio.sleep(delay)
            continue
        except Permanent as exc:
            log.error("getUpdates refused: %s", exc)
            raise
        updates = _with_ids(answer)
        if answer and not updates:  # nothing to confirm: the same answer would come at once
            failures += 1
            await asyncio.sleep(min(30.0, 0.5 * 2 ** min(failures, 6)))
            continue
        failures = 0
        if updates:
            await store.accept(updates)  # stored first; only then does the offset move on
            offset = max(u["update_id"] for u in updates) + 1


def webhook_app(
    store: Inbox, operations: Operations, *, path: str, secret: str
) -> web.Application:
    """The webhook server: Telegram's POSTs on ``path``, and the operator's ``GET /healthz``
    and ``GET /metrics`` (:class:`Operations`), on the same port behind the reverse proxy."""

    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            return web.Response(status=401, text="wrong secret token")
        try:
            update = await request.json()
        except ValueError:
            return web.Response(status=400, text="not JSON")
        if not isinstance(update, dict) or not isinstance(update.get("update_id"), int):
            return web.Response(status=400, text="not an update")
        await store.accept([update])  # an exception here answers 500: Telegram sends it again
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_post(path, receive)
    operations.add_routes(app)
    return app
