"""Sending within Telegram's limits: about 30 messages a second overall and 20 a minute in a
group. Calls wait for their turn instead of being refused with 429."""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict, deque
from collections.abc import Callable


class Window:
    """At most ``limit`` events in any ``period`` seconds (a sliding log of send times)."""

    def __init__(self, limit: int, period: float, clock: Callable[[], float]) -> None:
        self.limit = limit
        self.period = period
        self.clock = clock
        self.times: deque[float] = deque()

    def wait_needed(self) -> float:
        now = self.clock()
        while self.times and now - self.times[0] >= self.period:
            self.times.popleft()
        if len(self.times) < self.limit:
            return 0.0
        return self.period - (now - self.times[0])

    def record(self) -> None:
        self.times.append(self.clock())


class Pacer:
    def __init__(
        self,
        *,
        per_second: int = 30,
        per_group_minute: int = 20,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.overall = Window(per_second, 1.0, clock)
        self.groups: defaultdict[int, Window] = defaultdict(
            lambda: Window(per_group_minute, 60.0, clock)
        )
        self._overall_lock = asyncio.Lock()
        self._group_locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)

    async def acquire(self, chat_id: int) -> None:
        """Wait until a message to ``chat_id`` may go out, then count it.

        A busy group waits on its own window without holding up private chats.
        """
        if chat_id < 0:  # groups and supergroups have negative ids
            async with self._group_locks[chat_id]:
                await _take(self.groups[chat_id])
        async with self._overall_lock:
            await _take(self.overall)


async def _take(window: Window) -> None:
    while (delay := window.wait_needed()) > 0:
        await asyncio.sleep(delay)
    window.record()
