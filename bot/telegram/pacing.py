"""Sending within Telegram's limits: about 30 messages a second overall, 20 a minute in a
group, and about one a second in a private chat (short bursts tolerated). Calls wait for their
turn instead of being refused with 429.

:class:`Pacer` counts in memory (one process, SQLite); :class:`SharedPacer` counts in the
database so that several workers on one PostgreSQL stay inside the limits together: the limits
are Telegram's per bot, not per process."""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict, deque
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol

from storage.database import Database
from storage.repositories import send_log

#: A private chat: by default at most this many messages in this many seconds (one a second
#: on average, short bursts allowed); ``[telegram] private_chat_burst``, 0 for no limit.
PRIVATE_BURST = 10


class Pacing(Protocol):
    """What delivery and hand-off need: wait for room to send, then count it."""

    async def acquire(self, chat_id: int, messages: int = 1) -> None: ...


class Window:
    """At most ``limit`` events in any ``period`` seconds (a sliding log of send times)."""

    def __init__(self, limit: int, period: float, clock: Callable[[], float]) -> None:
        self.limit = limit
        self.period = period
        self.clock = clock
        self.times: deque[float] = deque()

    def wait_needed(self, messages: int = 1) -> float:
        now = self.clock()
        while self.times and now - self.times[0] >= self.period:
            self.times.popleft()
        if len(self.times) + messages <= self.limit or not self.times:
            return 0.0
        # The oldest entries must leave the window until these messages fit.
        index = min(len(self.times) + messages - self.limit, len(self.times)) - 1
        return self.period - (now - self.times[index])

    def record(self, messages: int = 1) -> None:
        self.times.extend([self.clock()] * messages)


class Pacer:
    def __init__(
        self,
        *,
        per_second: int = 30,
        per_group_minute: int = 20,
        private_burst: int = 0,
        group_period: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.overall = Window(per_second, 1.0, clock)
        self.groups: defaultdict[int, Window] = defaultdict(
            lambda: Window(per_group_minute, group_period, clock)
        )
        self.private_burst = private_burst
        self.privates: defaultdict[int, Window] = defaultdict(
            lambda: Window(private_burst, float(private_burst), clock)  # one a second
        )
        self._overall_lock = asyncio.Lock()
        self._group_locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)

    async def acquire(self, chat_id: int, messages: int = 1) -> None:
        """Wait until ``messages`` messages to ``chat_id`` may go out (an album's items each
        count, as Telegram counts them), then count them.

        A busy group waits on its own window without holding up private chats.
        """
        if chat_id < 0:  # groups and supergroups have negative ids
            async with self._group_locks[chat_id]:
                await _take(self.groups[chat_id], messages)
        elif chat_id > 0 and self.private_burst:
            await _take(self.privates[chat_id], messages)
        async with self._overall_lock:
            await _take(self.overall, messages)


async def _take(window: Window, messages: int) -> None:
    messages = min(messages, window.limit)
    while (delay := window.wait_needed(messages)) > 0:
        await asyncio.sleep(delay)
    window.record(messages)


class SharedPacer:
    """The same limits counted in the database (``storage/repositories/send_log.py``), for
    several workers sending as one bot: 30 a second overall, 20 a minute per group, and a
    private chat about one a second with short bursts.

    Each acquisition is one short transaction. Inside one process, a group's sends still queue
    on a lock of their own, so a busy group never holds up private chats.
    """

    def __init__(
        self,
        database: Database,
        *,
        per_second: int = 30,
        per_group_minute: int = 20,
        private_burst: int = 0,
        margin: float = 0.25,
        group_period: float = 60.0,
    ) -> None:
        self.database = database
        self.group_period = timedelta(seconds=group_period)
        self.per_second = per_second
        self.per_group_minute = per_group_minute
        self.private_burst = private_burst
        self.margin = timedelta(seconds=margin)
        self._group_locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)
        #: SQLite (one process): its reads run outside the writer's lock, so the check and
        #: the insert are serialized here instead.
        self._local = asyncio.Lock() if database.is_sqlite else None

    def limits(self, chat_id: int) -> list[send_log.Limit]:
        limits = [send_log.Limit("all", self.per_second, timedelta(seconds=1))]
        if chat_id < 0:
            scope = f"chat:{chat_id}"
            limits.append(send_log.Limit(scope, self.per_group_minute, self.group_period))
        elif self.private_burst:
            period = timedelta(seconds=self.private_burst)  # one a second, on average
            limits.append(send_log.Limit(f"chat:{chat_id}", self.private_burst, period))
        return limits

    async def acquire(self, chat_id: int, messages: int = 1) -> None:
        limits = self.limits(chat_id)
        messages = min([messages, *(limit.count for limit in limits)])
        if chat_id < 0:
            async with self._group_locks[chat_id]:
                await self._reserve(limits, messages)
        else:
            await self._reserve(limits, messages)

    async def _reserve(self, limits: list[send_log.Limit], messages: int) -> None:
        while True:
            if self._local is not None:
                async with self._local:
                    wait = await self._try(limits, messages)
            else:
                wait = await self._try(limits, messages)
            if wait <= 0:
                return
            await asyncio.sleep(wait)

    async def _try(self, limits: list[send_log.Limit], messages: int) -> float:
        async with self.database.unit_of_work() as session:
            return await send_log.reserve(
                session=session, limits=limits, margin=self.margin, messages=messages
            )

    async def forget_old(self) -> None:
        """Drop counted sends older than every window (the outbox sweeper calls this)."""
        async with self.database.unit_of_work() as session:
            await send_log.forget_before(
                session=session, before=datetime.now(UTC) - timedelta(minutes=5)
            )
