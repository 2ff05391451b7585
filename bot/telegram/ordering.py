"""Per-chat ordering: updates of one chat are handled one at a time, in order; different chats
run concurrently. The items of an album (one ``media_group_id``) are handed over together.

The handler (:meth:`UpdateProcessor.handle`) retries an update that fails within the chat's
turn, so the chat's later updates wait behind it and their order holds; it sets aside what
keeps failing, and nothing it raises stops the chat's queue."""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, Protocol

from storage.models import InboxUpdate

log = logging.getLogger(__name__)
MAX_ALBUM_WAIT = 5.0
Handler = Callable[[list[InboxUpdate]], Awaitable[None]]


class UpdateQueues(Protocol):
    """Where stored updates go to be handled in order: :class:`ChatQueues` (one process) or
    :class:`bot.telegram.chat_leases.LeasedChats` (several workers on PostgreSQL)."""

    def expect(self, chat_id: int | None, delta: int) -> None: ...

    def submit(self, rows: list[InboxUpdate]) -> None: ...

    def wake(self, chats: Iterable[int | None]) -> None: ...

    @property
    def in_hand(self) -> int: ...

    async def drain(self) -> None: ...


def media_group(update: dict[str, Any]) -> str | None:
    message = update.get("message") or {}
    group = message.get("media_group_id")
    return str(group) if group else None


class ChatQueues:
    def __init__(self, handler: Handler, *, album_wait: float = 0.3) -> None:
        self.handler = handler
        self.album_wait = album_wait
        self.queues: dict[Any, deque[InboxUpdate]] = {}
        self.arrived: dict[Any, asyncio.Event] = {}
        self.workers: dict[Any, asyncio.Task[None]] = {}
        #: Updates of a chat received but still being stored: an album is not complete
        #: while one of them may be its next item.
        self.incoming: dict[Any, int] = {}

    def expect(self, chat_id: int | None, delta: int) -> None:
        """Count updates of a chat between their arrival and their storage (+1, then -1)."""
        if chat_id is None:
            return
        self.incoming[chat_id] = self.incoming.get(chat_id, 0) + delta
        if self.incoming[chat_id] <= 0:
            self.incoming.pop(chat_id, None)
        if chat_id in self.arrived:
            self.arrived[chat_id].set()

    def submit(self, rows: list[InboxUpdate]) -> None:
        for row in rows:
            key = row.chat_id if row.chat_id is not None else ("update", row.update_id)
            self.queues.setdefault(key, deque()).append(row)
            self.arrived.setdefault(key, asyncio.Event()).set()
            if key not in self.workers:
                self.workers[key] = asyncio.create_task(self._work(key))

    def wake(self, chats: Iterable[int | None]) -> None:
        """Nothing to do in one process: every stored row was submitted, or is recovered at
        start (a redelivered update's row is already in hand)."""

    @property
    def in_hand(self) -> int:
        return sum(len(q) for q in self.queues.values()) + len(self.workers)

    async def drain(self) -> None:
        """Wait until every update in hand has been handled (graceful shutdown)."""
        while self.workers:
            await asyncio.gather(*self.workers.values(), return_exceptions=True)

    async def _work(self, key: Any) -> None:
        queue = self.queues[key]
        try:
            while queue:
                batch = [queue.popleft()]
                group = media_group(batch[0].payload)
                if group:
                    await self._collect_album(key, queue, group, batch)
                try:
                    await self.handler(batch)
                except Exception as exc:  # one bad update must not stop the chat's queue
                    # The handler retries and sets aside bad updates itself; this is its own
                    # failure (the database gone?): the rows stay stored for the next start.
                    log.error(
                        "update %s neither handled nor set aside (%s); kept for the next start",
                        ", ".join(str(r.update_id) for r in batch),
                        type(exc).__name__,
                    )
        finally:
            del self.workers[key]
            if not queue:
                self.queues.pop(key, None)
                self.arrived.pop(key, None)

    async def _collect_album(
        self, key: Any, queue: deque[InboxUpdate], group: str, batch: list[InboxUpdate]
    ) -> None:
        """Take the album's other items, waiting briefly for ones still on their way."""
        event = self.arrived[key]
        while True:
            while queue and media_group(queue[0].payload) == group:
                batch.append(queue.popleft())
            if queue:  # something else is next: the album is complete
                return
            event.clear()
            # Under load the next item may still be on its way into the database: keep
            # waiting while one is (up to a cap), then the usual short wait.
            wait = MAX_ALBUM_WAIT if self.incoming.get(key) else self.album_wait
            try:
                await asyncio.wait_for(event.wait(), wait)
            except TimeoutError:
                return
