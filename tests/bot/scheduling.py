"""The follow-up scheduler as tests run its periodic jobs: no follow-up to fire, and the outbox
rows each job's transaction committed collected for the test to look at."""

from __future__ import annotations

from typing import Any

from bot.scheduler import FollowUpScheduler
from storage.database import Database
from storage.models import FollowUp, OutboxMessage


def jobs_scheduler(
    database: Database, clock: Any, delivered: list[OutboxMessage], **jobs: Any
) -> FollowUpScheduler:
    """A scheduler that runs ``jobs`` (its job settings: ``purge=``, ``orders=``, ``jobs=``...)
    and appends to ``delivered`` what each committed for delivery."""

    async def fire(session: Any, row: FollowUp) -> list[Any]:
        return []

    async def after_commit(rows: list[OutboxMessage]) -> None:
        delivered.extend(rows)

    return FollowUpScheduler(
        database=database, clock=clock, fire=fire, after_commit=after_commit, **jobs
    )
