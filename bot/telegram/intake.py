"""Receiving updates: long polling or a webhook, both storing each update in the inbox before
Telegram learns it arrived (before the next offset, before the 200)."""

from __future__ import annotations

import asyncio
import hmac
import logging
from typing import Any

from aiohttp import web

from bot.telegram.errors import Permanent, RetryLater, Transient
from bot.telegram.ordering import ChatQueues
from bot.telegram.transport import TelegramTransport
from handlers.clock import Clock
from storage.database import Database
from storage.repositories import inbox

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class Inbox:
    """Stores raw updates and hands the new ones to the per-chat queues."""

    def __init__(self, *, database: Database, clock: Clock, queues: ChatQueues) -> None:
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
            self.queues.submit(rows)
        finally:
            for chat in chats:
                self.queues.expect(chat, -1)

    async def recover(self) -> int:
        """Queue updates stored by an earlier run but never processed."""
        async with self.database.unit_of_work() as session:
            rows = await inbox.unprocessed(session=session, bot_id=self.bot_id)
        self.queues.submit(rows)
        return len(rows)


async def poll(
    transport: TelegramTransport, store: Inbox, stop: asyncio.Event, *, timeout: int
) -> None:
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
            updates = fetch.result()
        except RetryLater as exc:
            await asyncio.sleep(exc.seconds)
            continue
        except Transient as exc:
            failures += 1
            delay = min(30.0, 0.5 * 2 ** min(failures, 6))
            log.warning("getUpdates failed (%s); retrying in %.1fs", exc, delay)
            await asyncio.sleep(delay)
            continue
        except Permanent as exc:
            log.error("getUpdates refused: %s", exc)
            raise
        failures = 0
        if updates:
            await store.accept(updates)  # stored first; only then does the offset move on
            offset = max(u["update_id"] for u in updates) + 1


def webhook_app(store: Inbox, queues: ChatQueues, *, path: str, secret: str) -> web.Application:
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

    async def health(request: web.Request) -> web.Response:
        return web.json_response({"status": "ok", "in_hand": queues.in_hand})

    app = web.Application()
    app.router.add_post(path, receive)
    app.router.add_get("/healthz", health)
    return app
