"""Sending within Telegram's limits: about 30 messages a second overall, 20 a minute in a
group, and about one a second in a private chat (short bursts tolerated). Calls wait for their
turn instead of being refused with 429.

:class:`Pacer` counts in memory (one process, SQLite); :class:`SharedPacer` counts in the
database so that several workers on one PostgreSQL stay inside the limits together: the limits
are Telegram's per bot, not per process.

A group's budget goes to what people are waiting for. Each send to a group comes in a lane,
highest first: ``interactive`` (what an agent's own action in the group causes: a prompt, the
edited card), ``conversation`` (messages between a parent and an agent), ``handoff`` (a new
case's topic and card), ``bulk`` (evidence albums, reminders, digests). The sends of a group
waiting in this process take their turns best lane first, then oldest first (:class:`Turns`);
a fifth of the group's budget (4 of 20) is kept for the two upper lanes, so an agent's press
still finds room in a group busy with hand-offs; and a send that has waited one group window
(60 s) moves up a lane, up to ``conversation`` — which may use the reserve — so nothing waits
for ever. With several workers the database counts the budget and each process orders its
own waiters.

A send is counted when its turn is granted, just before the request leaves; it counts for the
window plus a margin (0.25 s) covering the time until Telegram receives it, so the window
Telegram sees never holds more than the limit, whatever the arrival pattern."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import math
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from storage.database import Database
from storage.repositories import send_log

#: A private chat: by default at most this many messages in this many seconds (one a second
#: on average, short bursts allowed); ``[telegram] private_chat_burst``, 0 for no limit.
PRIVATE_BURST = 10
#: The lanes of a group's sends, highest first.
INTERACTIVE, CONVERSATION, HANDOFF, BULK = "interactive", "conversation", "handoff", "bulk"
LANES = (INTERACTIVE, CONVERSATION, HANDOFF, BULK)
#: Lanes up to this rank may use the group's reserve (and a waiting send ages up to it).
_RESERVED_RANK = LANES.index(CONVERSATION)
#: One part in this many of a group's budget is kept for the reserved lanes (4 of 20).
RESERVE_SHARE = 5
#: Time between the reservation and Telegram receiving the request.
MARGIN = 0.25
#: The same for the overall per-second limit (a larger margin would cost a tenth of it).
OVERALL_MARGIN = 0.1
#: What a call to a group does: a new message (Telegram's 20 a minute count these: each send,
#: each item of an album) or a change to what is there (editing a card, creating or reopening
#: a topic), paced in a budget of its own of the same size, so that a burst of card edits can
#: neither go past a limit nor hold up new cases' cards.
MESSAGE, CHANGE = "message", "change"
#: A group's changes allowed in its window by default (Telegram documents no limit for edits
#: beyond the overall 30 a second; one a second keeps a burst of them polite and leaves three
#: agents at work their card edits within a second or two).
GROUP_CHANGES = 60


def group_key(chat_id: int, kind: str) -> Any:
    """Where a group's sends of ``kind`` wait and are counted: the chat for its messages,
    ``(chat, CHANGE)`` for its changes."""
    return chat_id if kind == MESSAGE else (chat_id, CHANGE)


def call_kind(method: str) -> str:
    """``MESSAGE`` for the Bot API methods that post a message, else ``CHANGE``."""
    return MESSAGE if method.startswith(("send", "copy", "forward")) else CHANGE


def rank(lane: str | None) -> int:
    """0 for the highest lane; an unknown lane (or none) is ``conversation``."""
    return LANES.index(lane) if lane in LANES else _RESERVED_RANK


def reserve_for(limit: int) -> int:
    """How many of a group's ``limit`` sends a window only the reserved lanes may use."""
    return limit // RESERVE_SHARE


@dataclass(eq=False)
class Ticket:
    """A send waiting for a group's turn: its lane, which may be raised while it waits (a more
    urgent message queued behind it), and since when it has waited (``time.monotonic``)."""

    lane: str = CONVERSATION
    since: float = field(default_factory=time.monotonic)


class Window:
    """At most ``limit`` events in any ``period`` seconds (a sliding log of send times)."""

    def __init__(self, limit: int, period: float, clock: Callable[[], float]) -> None:
        self.limit = limit
        self.period = period
        self.clock = clock
        self.times: deque[float] = deque()

    def wait_needed(self, messages: int = 1, limit: int | None = None) -> float:
        """Seconds until ``messages`` more fit under ``limit`` (the window's own by default);
        an empty window takes anything."""
        limit = self.limit if limit is None else limit
        now = self.clock()
        while self.times and now - self.times[0] >= self.period:
            self.times.popleft()
        if len(self.times) + messages <= limit or not self.times:
            return 0.0
        # The oldest entries must leave the window until these messages fit.
        index = min(len(self.times) + messages - limit, len(self.times)) - 1
        return self.period - (now - self.times[index])

    def record(self, messages: int = 1) -> None:
        self.times.extend([self.clock()] * messages)


@dataclass(eq=False)
class _Waiter:
    ticket: Ticket
    seq: int
    wake: asyncio.Event = field(default_factory=asyncio.Event)


#: Asked by the waiter whose turn it is, with its rank now: 0 when the send was counted,
#: else the seconds to wait before asking again.
Attempt = Callable[[int], Awaitable[float]]


class Turns:
    """The sends of one group waiting in this process, served best first: by rank (a wait of
    ``aging`` seconds raises a send by one lane, up to ``conversation``), then oldest first.

    Only the best waiter asks for room; the others sleep until a waiter comes or goes (or the
    best one sees that aging has put another ahead of it), so a saturated group costs one
    check per freed slot, not one per waiter."""

    def __init__(self, aging: float, clock: Callable[[], float]) -> None:
        self.aging = aging
        self.clock = clock
        self.waiting: list[_Waiter] = []
        self._seq = itertools.count()

    def rank_of(self, ticket: Ticket, now: float) -> int:
        base = rank(ticket.lane)
        if base <= _RESERVED_RANK or self.aging <= 0:
            return base
        return max(base - int(max(now - ticket.since, 0.0) // self.aging), _RESERVED_RANK)

    def _best(self, now: float) -> _Waiter:
        return min(
            self.waiting, key=lambda w: (self.rank_of(w.ticket, now), w.ticket.since, w.seq)
        )

    def _next_change(self, now: float) -> float:
        """Seconds until some waiter's rank changes by aging (inf: none will)."""
        soonest = math.inf
        if self.aging <= 0:
            return soonest
        for waiter in self.waiting:
            if self.rank_of(waiter.ticket, now) > _RESERVED_RANK:
                waited = max(now - waiter.ticket.since, 0.0)
                soonest = min(soonest, self.aging - waited % self.aging)
        return soonest

    def nudge(self) -> None:
        """Something changed (a waiter came, went or was raised): the best one looks again."""
        if self.waiting:
            self._best(self.clock()).wake.set()

    async def take(self, ticket: Ticket, attempt: Attempt) -> None:
        me = _Waiter(ticket, next(self._seq))
        self.waiting.append(me)
        self.nudge()
        try:
            while True:
                me.wake.clear()
                now = self.clock()
                best = self._best(now)
                timeout: float | None = None
                if best is me:
                    wait = await attempt(self.rank_of(ticket, now))
                    if wait <= 0:
                        return
                    timeout = min(wait, self._next_change(self.clock()) + 0.001)
                else:
                    best.wake.set()  # aging may have made it the best while it slept
                if timeout is None:
                    await me.wake.wait()
                else:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(me.wake.wait(), timeout)
        finally:
            self.waiting.remove(me)
            self.nudge()


class Pacing:
    """What delivery and hand-off need: wait for room to send, then count it.

    Both pacers do it alike: a group's sends wait their turns in this process, best lane
    first (:class:`Turns`, one per group and kind), and the one whose turn it is asks its
    pacer for room (``_attempt``); any other chat's send waits for room at once
    (``_take_now``)."""

    def __init__(self, aging: float, clock: Callable[[], float]) -> None:
        self.clock = clock
        self.turns: defaultdict[Any, Turns] = defaultdict(lambda: Turns(aging, clock))

    async def acquire(
        self,
        chat_id: int,
        messages: int = 1,
        *,
        lane: str = CONVERSATION,
        ticket: Ticket | None = None,
        kind: str = MESSAGE,
    ) -> None:
        """Wait until ``messages`` messages to ``chat_id`` may go out (an album's items each
        count, as Telegram counts them), then count them.

        A busy group waits on its own window without holding up private chats; within a
        group, the best lane goes first (see the module's docstring); its changes (``kind``
        ``CHANGE``: edits, topics) have a window of their own.
        """
        if chat_id >= 0:  # groups and supergroups have negative ids
            await self._take_now(chat_id, messages)
            return
        attempt = self._attempt(chat_id, messages, kind)
        await self.turns[group_key(chat_id, kind)].take(
            ticket or Ticket(lane, self.clock()), attempt
        )

    def reconsider(self, chat_id: int) -> None:
        """A waiting ticket of this chat was raised: look at the turns again."""
        for key in (group_key(chat_id, MESSAGE), group_key(chat_id, CHANGE)):
            if key in self.turns:
                self.turns[key].nudge()

    def _attempt(self, chat_id: int, messages: int, kind: str) -> Attempt:
        """How the group's send whose turn it is asks for room, with its rank then."""
        raise NotImplementedError

    async def _take_now(self, chat_id: int, messages: int) -> None:
        """Wait for room for a send to a private chat (or to no chat), then count it."""
        raise NotImplementedError


class Pacer(Pacing):
    def __init__(
        self,
        *,
        per_second: int = 30,
        per_group_minute: int = 20,
        private_burst: int = 0,
        group_period: float = 60.0,
        margin: float = MARGIN,
        aging: float | None = None,
        group_changes: int = GROUP_CHANGES,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(group_period if aging is None else aging, clock)
        # The overall limit is per second: a send counts for the second plus a little of the
        # margin, so jitter in flight cannot put 31 into a second Telegram sees.
        self.overall = Window(per_second, 1.0 + min(margin, OVERALL_MARGIN), clock)
        #: A group's sends count for the window plus the margin (the request's time in flight);
        #: its changes (keyed ``(chat, CHANGE)``) have a window of their own.
        self.groups = _Windows(
            lambda key: Window(
                group_changes if isinstance(key, tuple) else per_group_minute,
                group_period + margin,
                clock,
            )
        )
        self.private_burst = private_burst
        self.privates: defaultdict[int, Window] = defaultdict(
            lambda: Window(private_burst, float(private_burst), clock)  # one a second
        )
        self._overall_lock = asyncio.Lock()

    async def _take_now(self, chat_id: int, messages: int) -> None:
        if chat_id > 0 and self.private_burst:
            await _take(self.privates[chat_id], messages)
        async with self._overall_lock:
            await _take(self.overall, messages)

    def _attempt(self, chat_id: int, messages: int, kind: str) -> Attempt:
        window = self.groups[group_key(chat_id, kind)]
        count = min(messages, window.limit)

        async def attempt(rank_now: int) -> float:
            reserve = reserve_for(window.limit)
            limit = window.limit if rank_now <= _RESERVED_RANK else window.limit - reserve
            if (wait := window.wait_needed(count, limit)) > 0:
                return wait
            async with self._overall_lock:
                await _take(self.overall, messages)
            # Counted in the group only now, with the overall slot: the request leaves at once.
            if (wait := window.wait_needed(count, limit)) > 0:
                return wait  # a higher lane took the room meanwhile
            window.record(count)
            return 0.0

        return attempt


class _Windows(dict[Any, Window]):
    """A window per key, made on first use by ``make(key)``."""

    def __init__(self, make: Callable[[Any], Window]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: Any) -> Window:
        window = self[key] = self.make(key)
        return window


async def _take(window: Window, messages: int) -> None:
    messages = min(messages, window.limit)
    while (delay := window.wait_needed(messages)) > 0:
        await asyncio.sleep(delay)
    window.record(messages)


class SharedPacer(Pacing):
    """The same limits counted in the database (``storage/repositories/send_log.py``), for
    several workers sending as one bot: 30 a second overall, 20 a minute per group, and a
    private chat about one a second with short bursts.

    Each acquisition is one short transaction. Inside one process, a group's sends take their
    turns by lane and age (:class:`Turns`), so a busy group never holds up private chats and
    only the best of this process's waiters asks the database; the database holds the budget
    (and the reserve: the lower lanes are counted against the group's limit less it).
    """

    def __init__(
        self,
        database: Database,
        *,
        per_second: int = 30,
        per_group_minute: int = 20,
        private_burst: int = 0,
        margin: float = MARGIN,
        group_period: float = 60.0,
        aging: float | None = None,
        group_changes: int = GROUP_CHANGES,
    ) -> None:
        super().__init__(group_period if aging is None else aging, time.monotonic)
        self.database = database
        self.group_period = timedelta(seconds=group_period)
        self.per_second = per_second
        self.per_group_minute = per_group_minute
        self.group_changes = group_changes
        self.private_burst = private_burst
        self.margin = timedelta(seconds=margin)
        #: SQLite (one process): its reads run outside the writer's lock, so the check and
        #: the insert are serialized here instead.
        self._local = asyncio.Lock() if database.is_sqlite else None

    def limits(
        self, chat_id: int, *, reserved: bool = True, kind: str = MESSAGE
    ) -> list[send_log.Limit]:
        """The limits a send to ``chat_id`` counts against; ``reserved=False``: a lower lane's,
        which leaves the group's reserve alone; ``kind``: a group's changes count apart."""
        limits = [send_log.Limit("all", self.per_second, timedelta(seconds=1))]
        if chat_id < 0:
            scope = f"chat:{chat_id}" if kind == MESSAGE else f"chat:{chat_id}:{CHANGE}"
            limit = self.per_group_minute if kind == MESSAGE else self.group_changes
            count = limit if reserved else limit - reserve_for(limit)
            limits.append(send_log.Limit(scope, max(count, 1), self.group_period))
        elif self.private_burst:
            period = timedelta(seconds=self.private_burst)  # one a second, on average
            limits.append(send_log.Limit(f"chat:{chat_id}", self.private_burst, period))
        return limits

    async def _take_now(self, chat_id: int, messages: int) -> None:
        limits = self.limits(chat_id)
        messages = min([messages, *(limit.count for limit in limits)])
        while (wait := await self._try(limits, messages)) > 0:
            await asyncio.sleep(wait)

    def _attempt(self, chat_id: int, messages: int, kind: str) -> Attempt:
        limits = self.limits(chat_id, kind=kind)
        messages = min([messages, *(limit.count for limit in limits)])
        lower = self.limits(chat_id, reserved=False, kind=kind)

        async def attempt(rank_now: int) -> float:
            return await self._try(limits if rank_now <= _RESERVED_RANK else lower, messages)

        return attempt

    async def _try(self, limits: list[send_log.Limit], messages: int) -> float:
        if self._local is not None:
            async with self._local:
                return await self._reserve_once(limits, messages)
        return await self._reserve_once(limits, messages)

    async def _reserve_once(self, limits: list[send_log.Limit], messages: int) -> float:
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
