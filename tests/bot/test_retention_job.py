"""The retention purge as the scheduler runs it: in batches, its messages queued in the outbox
and delivered after the commit, and with two workers on one database each case purged once."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func
from sqlmodel import col, select

from bot.telegram.calls import render_calls
from handlers.aftercare import retention
from handlers.policy import AftercarePolicy, DeskPolicy
from storage.database import Database
from storage.models import Case, CaseEvent, CaseTransaction, OutboxMessage
from storage.repositories import cases
from tests.bot.scheduling import jobs_scheduler
from tests.case_rows import case_row
from tests.conftest import FakeClock

FUTURE = datetime(2099, 1, 5, 9, 0, tzinfo=UTC)
GROUP = -1001234567890
DESK = DeskPolicy(chat_id=GROUP, language="en", use_topics=True)
AFTERCARE = AftercarePolicy(retention_days=30)


async def _closed_cases(database: Database, count: int) -> None:
    async with database.unit_of_work() as session:
        for i in range(count):
            case = case_row(
                f"RT{i:03d}",
                at=FUTURE - timedelta(days=90),
                user_id=70 + i,
                language="fr",
                status="closed",
                account=f"secret-account-{i}",
                description="secret description",
                updated_at=FUTURE - timedelta(days=60),
                closed_at=FUTURE - timedelta(days=60, minutes=i),
                card_message_id=1000 + i,
            )
            item = CaseTransaction(
                case_id=0, position=0, amount=Decimal("6"), currency="CNY", occurred_at=FUTURE
            )
            await cases.add_case(session=session, case=case, transactions=[item])


def _scheduler(database: Database, clock: FakeClock, localizer, delivered: list) -> Any:
    async def purge(session, limit: int):
        purged = await retention.purge_expired(
            session, now=clock.now(), aftercare=AFTERCARE, desk=DESK, limit=limit
        )
        await asyncio.sleep(0)  # let another worker interleave
        return max(purged.cases, purged.drafts), render_calls(localizer, purged.out)

    return jobs_scheduler(
        database, clock, delivered, sweep_interval=60.0, purge=purge, purge_batch=2
    )


async def test_the_purge_runs_in_batches_and_queues_the_card_edits(database, localizer):
    clock = FakeClock(FUTURE)
    await _closed_cases(database, 5)
    delivered: list[OutboxMessage] = []
    scheduler = _scheduler(database, clock, localizer, delivered)
    assert await scheduler.purge_expired() == 5
    assert sorted(row.payload["message_id"] for row in delivered) == [1000, 1001, 1002, 1003, 1004]
    assert {row.method for row in delivered} == {"editMessageText"}
    async with database.unit_of_work() as session:
        rows = (await session.exec(select(Case))).all()
        assert {(c.account, c.description, c.user_id) for c in rows} == {("", "", 0)}
        assert {c.anonymized_at for c in rows} == {FUTURE}
        queued = (await session.exec(select(func.count()).select_from(OutboxMessage))).one()
    assert queued == 5
    clock.advance(days=1)
    assert await scheduler.purge_expired() == 0


async def test_two_workers_never_purge_a_case_twice(database, localizer):
    clock = FakeClock(FUTURE)
    await _closed_cases(database, 7)
    delivered: list[OutboxMessage] = []
    workers = [_scheduler(database, clock, localizer, delivered) for _ in range(2)]
    totals = await asyncio.gather(*(w.purge_expired() for w in workers))
    assert sum(totals) == 7
    async with database.unit_of_work() as session:
        events = (
            await session.exec(
                select(CaseEvent.case_id).where(col(CaseEvent.action) == "anonymized")
            )
        ).all()
    assert sorted(events) == sorted(set(events)) and len(events) == 7
    assert len(delivered) == 7
