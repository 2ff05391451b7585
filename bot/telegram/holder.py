"""A worker holding rows for a while, whichever the rows: a chat's lease
(:mod:`bot.telegram.chat_leases`), a case's hand-off claim (:mod:`bot.telegram.handoff`).

A row is taken (or its hold renewed) for ``lease`` from now, each time in a transaction of its
own; letting go of it never raises: a hold not let go runs out on its own.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from handlers.clock import Clock
from storage.database import Database

log = logging.getLogger(__name__)

#: A repository's take: ``(session=, owner=, now=, lease=, **row)``, True when held.
Take = Callable[..., Awaitable[bool]]
#: A repository's release: ``(session=, owner=, **row)``.
Release = Callable[..., Awaitable[object]]


@dataclass(frozen=True)
class Holder:
    database: Database
    clock: Clock
    owner: str
    lease: timedelta

    async def take(self, take: Take, **row: int) -> bool:
        """Take the row ``row`` names (or renew this worker's hold on it)."""
        async with self.database.unit_of_work() as session:
            return await take(
                session=session, owner=self.owner, now=self.clock.now(), lease=self.lease, **row
            )

    async def let_go(self, release: Release, what: str, **row: int) -> None:
        """Let go of the row ``row`` names; ``what`` it is, for the log when that fails."""
        try:
            async with self.database.unit_of_work() as session:
                await release(session=session, owner=self.owner, **row)
        except Exception as exc:  # it runs out on its own
            log.warning("%s not released (%s)", what, type(exc).__name__)
