"""Per-chat ordering across several workers on one PostgreSQL database.

The worker that receives an update only stores it (and acknowledges it). Handling a chat takes
the chat's lease (``storage/repositories/leases.py``): one worker at a time, whichever it is,
drains that chat's stored updates from the database in ``update_id`` order — so two messages a
parent sent without waiting are handled one after the other even when two workers received
them. Album items are gathered from the database by ``media_group_id``, whichever worker
stored them. The lease is renewed while the chat is in hand; a worker that dies stops renewing
it, and any worker's sweep takes over its chats once it expires.

A worker that finds the chat leased elsewhere leaves it: the holder reads the database again
after each batch, and once more after letting go of the lease, so an update stored in between
is never stranded (either the holder sees it, or the lease was already free to take).

Handling does not wait for the replies to be sent, but the holder lets go of a chat only once
its replies to that chat are (:meth:`Delivery.settled`, polled every ``SETTLE_POLL`` seconds
for new updates meanwhile): the next holder's replies can never overtake them. At shutdown
the leases are let go without waiting.

Same interface as :class:`bot.telegram.ordering.ChatQueues` (the one-process path, SQLite).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import KW_ONLY, dataclass, field
from datetime import timedelta

from bot.metrics import CHAT_LEASES_HELD
from bot.telegram.holder import Holder
from bot.telegram.ordering import MAX_ALBUM_WAIT, Handler, media_group
from handlers.clock import Clock
from storage.database import Database
from storage.models import InboxUpdate
from storage.repositories import leases

log = logging.getLogger(__name__)
#: After a batch whose handling itself failed (the database gone?), wait before trying again.
FAILURE_PAUSE = 1.0
#: While this worker's replies to a chat it holds are still being sent, it looks for new
#: updates of the chat this often.
SETTLE_POLL = 0.25
#: Whether this worker's replies to a chat are all sent, waiting up to the given seconds.
Settled = Callable[[int, float], Awaitable[bool]]


async def _always_settled(chat: int, timeout: float) -> bool:
    return True


@dataclass(eq=False)
class LeasedChats:
    handler: Handler
    _: KW_ONLY
    database: Database
    clock: Clock
    owner: str
    lease: timedelta
    album_wait: float = 0.3
    bot_id: int = field(default=0, init=False)
    #: The delivery's :meth:`~bot.telegram.delivery.Delivery.settled` (set by the runner).
    settled: Settled = field(default_factory=lambda: _always_settled, init=False)
    workers: dict[int, asyncio.Task[None]] = field(default_factory=dict, init=False)
    _again: set[int] = field(default_factory=set, init=False)
    _loose: set[asyncio.Task[None]] = field(default_factory=set, init=False)
    _renewer: asyncio.Task[None] | None = field(default=None, init=False)
    _stopping: bool = field(default=False, init=False)

    # -- the ChatQueues interface --------------------------------------------------------

    def expect(self, chat_id: int | None, delta: int) -> None:
        """Albums are gathered from the database by time here: nothing to count."""

    def submit(self, rows: list[InboxUpdate]) -> None:
        chats: list[int] = []
        for row in rows:
            if row.chat_id is None:  # no chat, no order to keep: handled where it arrived
                self._spawn_loose(row)
            else:
                chats.append(row.chat_id)
        self.wake(chats)

    def wake(self, chats: Iterable[int | None]) -> None:
        """Updates of these chats were stored (by this worker or, seen by a sweep, another)."""
        if self._stopping:
            return
        for chat in chats:
            if chat is None:
                continue
            if chat in self.workers:
                self._again.add(chat)
            else:
                self.workers[chat] = asyncio.create_task(self._drain(chat))
        CHAT_LEASES_HELD.set(len(self.workers))
        self._arm_renewal()

    @property
    def in_hand(self) -> int:
        return len(self.workers) + len(self._loose)

    async def drain(self) -> None:
        """Graceful stop: take no new chat, finish the batches in hand, let go of the leases."""
        self._stopping = True
        while self.workers or self._loose:
            await asyncio.gather(*self.workers.values(), *self._loose, return_exceptions=True)
        if self._renewer is not None:
            self._renewer.cancel()
            await asyncio.gather(self._renewer, return_exceptions=True)

    # -- several workers -----------------------------------------------------------------

    async def sweep(self) -> int:
        """Take over chats with stored updates and no live lease (a dead worker's, or updates
        stored while this process was down). Start-up recovery is the first sweep."""
        async with self.database.unit_of_work() as session:
            chats = await leases.stranded_chats(
                session=session, bot_id=self.bot_id, now=self.clock.now(), owner=self.owner
            )
        chats = [chat for chat in chats if chat not in self.workers]
        self.wake(chats)
        return len(chats)

    async def _drain(self, chat: int) -> None:
        try:
            while True:
                self._again.discard(chat)
                if not await self._take(chat):
                    return  # another worker holds the chat and will see our update
                try:
                    failed = await self._handle_waiting(chat)
                finally:
                    await self._release(chat)
                if failed:
                    await asyncio.sleep(FAILURE_PAUSE)
                    return  # the sweep comes back to it
                # Stored while we were letting go? Then take the chat again.
                if chat not in self._again and not await self._anything_waiting(chat):
                    return
        finally:
            self.workers.pop(chat, None)
            CHAT_LEASES_HELD.set(len(self.workers))

    async def _handle_waiting(self, chat: int) -> bool:
        """Handle the chat's stored updates in order until none is left; True on a failure
        of the handler itself (the updates stay stored)."""
        while True:
            rows = await self._waiting(chat)
            if not rows:
                if self._stopping or await self.settled(chat, SETTLE_POLL):
                    return False
                continue  # replies still on their way: keep the chat, look for updates
            batch = await self._batch(chat, rows)
            try:
                await self.handler(batch)
            except Exception as exc:
                log.error(
                    "chat %s: update %s neither handled nor set aside (%s); left for a sweep",
                    chat,
                    ", ".join(str(r.update_id) for r in batch),
                    type(exc).__name__,
                )
                return True

    async def _batch(self, chat: int, rows: list[InboxUpdate]) -> list[InboxUpdate]:
        """The first waiting update, with the rest of its album once no item has arrived for
        ``album_wait`` (at most ``MAX_ALBUM_WAIT``): items may reach other workers."""
        group = media_group(rows[0].payload)
        if not group:
            return rows[:1]
        started = last_change = time.monotonic()
        seen = -1
        while True:
            album = _leading_album(rows, group)
            if len(album) != seen:
                seen, last_change = len(album), time.monotonic()
            ended = len(album) < len(rows)  # something else follows: the album is complete
            now = time.monotonic()
            if ended or now - last_change >= self.album_wait or now - started >= MAX_ALBUM_WAIT:
                return album
            await asyncio.sleep(min(0.05, self.album_wait / 3))
            rows = await self._waiting(chat)

    # -- database ------------------------------------------------------------------------

    async def _waiting(self, chat: int) -> list[InboxUpdate]:
        async with self.database.unit_of_work() as session:
            return await leases.waiting_updates(session=session, bot_id=self.bot_id, chat_id=chat)

    async def _anything_waiting(self, chat: int) -> bool:
        return bool(await self._waiting(chat))

    async def _take(self, chat: int) -> bool:
        return await self._holder.take(leases.take, bot_id=self.bot_id, chat_id=chat)

    async def _release(self, chat: int) -> None:
        what = f"chat {chat}: lease"
        await self._holder.let_go(leases.release, what, bot_id=self.bot_id, chat_id=chat)

    @property
    def _holder(self) -> Holder:
        return Holder(self.database, self.clock, self.owner, self.lease)

    # -- lease renewal -------------------------------------------------------------------

    def _arm_renewal(self) -> None:
        if self._renewer is None or self._renewer.done():
            self._renewer = asyncio.create_task(self._renew_while_busy())

    async def _renew_while_busy(self) -> None:
        every = max(self.lease.total_seconds() / 3, 0.05)
        while self.workers:
            await asyncio.sleep(every)
            chats = list(self.workers)
            if not chats:
                return
            # Only our own rows are touched; a chat between two leases is simply skipped.
            with contextlib.suppress(Exception):
                async with self.database.unit_of_work() as session:
                    await leases.renew(
                        session=session,
                        bot_id=self.bot_id,
                        chat_ids=chats,
                        owner=self.owner,
                        until=self.clock.now() + self.lease,
                    )

    def _spawn_loose(self, row: InboxUpdate) -> None:
        task = asyncio.create_task(self._handle_loose(row))
        self._loose.add(task)
        task.add_done_callback(self._loose.discard)

    async def _handle_loose(self, row: InboxUpdate) -> None:
        try:
            await self.handler([row])
        except Exception as exc:
            log.error("update %s not handled (%s)", row.update_id, type(exc).__name__)


def _leading_album(rows: list[InboxUpdate], group: str) -> list[InboxUpdate]:
    album: list[InboxUpdate] = []
    for row in rows:
        if media_group(row.payload) != group:
            break
        album.append(row)
    return album
