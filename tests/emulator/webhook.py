"""Webhook delivery: POST each update to the bot, retrying until it answers 2xx.

Updates of one chat are delivered strictly in order (the next one waits until the previous
one got a 2xx); different chats are delivered concurrently, up to ``max_connections``. A
2xx answer whose JSON body names a ``method`` is executed as a Bot API call, like Telegram
does ("reply to the webhook").
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import KW_ONLY, dataclass, field
from typing import Any

import aiohttp

from .models import WebhookAttempt
from .updates import update_key

OnAttempt = Callable[[WebhookAttempt], None]
OnReply = Callable[[dict[str, Any]], Awaitable[None]]


@dataclass(eq=False)
class WebhookDeliverer:
    """The webhook ``setWebhook`` installed, delivering updates as the module says."""

    session: aiohttp.ClientSession
    url: str
    _: KW_ONLY
    secret_token: str | None
    """Sent with each update as ``X-Telegram-Bot-Api-Secret-Token``, when set."""
    max_connections: int
    """How many chats may have an update in flight at once."""
    retry_delay: float
    timeout: float
    """Seconds the bot has to answer one update (then it is tried again, ``retry_delay``
    seconds later)."""
    on_attempt: OnAttempt
    """Told of every try, its status or error."""
    on_reply: OnReply
    """Runs the method the bot named in its 2xx answer."""
    last_error_date: int | None = None
    last_error_message: str | None = None
    _queues: dict[int | str, deque[dict[str, Any]]] = field(default_factory=dict)
    _in_flight: dict[int | str, dict[str, Any]] = field(default_factory=dict)
    _tasks: set[asyncio.Task[None]] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._semaphore = asyncio.Semaphore(self.max_connections)
        self._timeout = aiohttp.ClientTimeout(total=self.timeout)
        self._headers = {"Content-Type": "application/json"}
        if self.secret_token:
            self._headers["X-Telegram-Bot-Api-Secret-Token"] = self.secret_token

    @property
    def pending_count(self) -> int:
        return sum(len(q) for q in self._queues.values()) + len(self._in_flight)

    def push(self, updates: list[dict[str, Any]]) -> None:
        for update in updates:
            key = update_key(update)
            queue = self._queues.get(key)
            if queue is None:
                queue = self._queues[key] = deque()
                task = asyncio.create_task(self._drain(key, queue), name=f"webhook-{key}")
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)
            queue.append(update)

    async def stop(self) -> list[dict[str, Any]]:
        """Stop delivering; return the updates that were not acknowledged, in id order."""
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        left = list(self._in_flight.values())
        for queue in self._queues.values():
            left.extend(queue)
        self._queues.clear()
        self._in_flight.clear()
        return sorted(left, key=lambda u: u["update_id"])

    async def _drain(self, key: int | str, queue: deque[dict[str, Any]]) -> None:
        try:
            while queue:
                update = queue.popleft()
                self._in_flight[key] = update
                await self._deliver(update)
                del self._in_flight[key]
        finally:
            if not queue and self._queues.get(key) is queue:
                del self._queues[key]

    async def _deliver(self, update: dict[str, Any]) -> None:
        body = json.dumps(update, ensure_ascii=False).encode()
        while True:
            status, error, reply = None, None, None
            async with self._semaphore:
                try:
                    async with self.session.post(
                        self.url, data=body, headers=self._headers, timeout=self._timeout
                    ) as response:
                        status = response.status
                        if 200 <= status < 300 and response.content_type == "application/json":
                            reply = await response.json()
                        else:
                            await response.read()
                except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
                    error = f"{type(exc).__name__}: {exc}"
            self.on_attempt(WebhookAttempt(update["update_id"], status, time.monotonic(), error))
            if status is not None and 200 <= status < 300:
                if isinstance(reply, dict) and isinstance(reply.get("method"), str):
                    await self.on_reply(reply)
                return
            self.last_error_date = int(time.time())
            self.last_error_message = (
                f"Wrong response from the webhook: {status}" if status else str(error)
            )
            await asyncio.sleep(self.retry_delay)
