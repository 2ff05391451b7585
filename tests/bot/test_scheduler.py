"""FollowUpScheduler on SQLite and PostgreSQL: each due follow-up is sent exactly once.

APScheduler's triggers run on real time, so these tests put the injected clock far in the
real future (2099): no date job or interval sweep comes due while a test runs, and the test
drives firing through ``sweep()`` and ``clock.advance``. One test uses the system clock to see
a real date job fire.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlmodel import col, select

from bot.scheduler import FollowUpScheduler
from handlers.clock import SystemClock
from storage.database import Database
from storage.models import FollowUp, OutboxMessage
from storage.repositories import followups, outbox
from tests.bot.pipeline import outbox_rows
from tests.conftest import FakeClock

FUTURE = datetime(2099, 1, 5, 9, 0, tzinfo=UTC)


class Recorder:
    """A ``fire`` callback and an ``after_commit`` that remember what they saw."""

    def __init__(self, database: Database, poison: set[int] | None = None) -> None:
        self.database = database
        self.poison = poison or set()
        self.fired: Counter[int] = Counter()
        self.delivered: list[OutboxMessage] = []
        self.visible_at_delivery: list[bool] = []

    async def fire(self, session: Any, row: FollowUp) -> list[tuple[int, str, dict[str, Any]]]:
        assert row.status == "sent"  # claimed in this very transaction
        await asyncio.sleep(0)  # let concurrent workers interleave
        if row.id in self.poison:
            # Work done before the failure must vanish with the rollback.
            await outbox.add_calls(
                session=session, calls=[(1, "sendMessage", {})], now=FUTURE, lease=timedelta()
            )
            raise RuntimeError("template missing")
        assert row.id is not None
        self.fired[row.id] += 1
        return [(100 + row.id, "sendMessage", {"chat_id": 100 + row.id, "text": row.kind})]

    async def after_commit(self, rows: list[OutboxMessage]) -> None:
        self.delivered += rows
        async with self.database.unit_of_work() as session:  # committed: others can see it
            for row in rows:
                self.visible_at_delivery.append(
                    await session.get(OutboxMessage, row.id) is not None
                )


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(FUTURE)


def _scheduler(database: Database, clock: FakeClock, recorder: Recorder, **kw: Any):
    options: dict[str, Any] = {"sweep_interval": 60.0, "look_ahead": timedelta(minutes=10)}
    options.update(kw)
    return FollowUpScheduler(
        database=database,
        clock=clock,
        fire=recorder.fire,
        after_commit=recorder.after_commit,
        **options,
    )


async def _add(database: Database, clock: Any, *minutes: float) -> list[FollowUp]:
    async with database.unit_of_work() as session:
        return [
            await followups.schedule(
                session=session,
                kind="reminder",
                due_at=clock.now() + timedelta(minutes=m),
                now=clock.now(),
            )
            for m in minutes
        ]


async def _rows(database: Database) -> list[FollowUp]:
    async with database.unit_of_work() as session:
        return list((await session.exec(select(FollowUp).order_by(col(FollowUp.id)))).all())


async def test_a_due_follow_up_is_queued_in_the_outbox_and_delivered_after_commit(database, clock):
    recorder = Recorder(database)
    (row,) = await _add(database, clock, 5)
    scheduler = _scheduler(database, clock, recorder)
    assert (await scheduler.sweep()).fired == 0
    clock.advance(minutes=5)
    assert (await scheduler.sweep()).fired == 1
    (message,) = recorder.delivered
    assert (message.chat_id, message.method, message.status) == (
        100 + row.id,
        "sendMessage",
        "sending",
    )
    assert message.not_before == clock.now() + timedelta(seconds=30)  # leased to this process
    assert recorder.visible_at_delivery == [True]
    (stored,) = await _rows(database)
    assert (stored.status, stored.sent_at, stored.attempts) == ("sent", clock.now(), 1)


async def test_rows_due_while_down_fire_once_after_start(database, clock):
    recorder = Recorder(database)
    missed = await _add(database, clock, -120, -60, -1)
    scheduler = _scheduler(database, clock, recorder)
    await scheduler.start()
    try:
        for _ in range(200):  # the first sweep runs in the background right after start
            if len(recorder.fired) == len(missed):
                break
            await asyncio.sleep(0.01)
        assert (await scheduler.sweep()).fired == 0
    finally:
        await scheduler.shutdown()
    assert recorder.fired == Counter({row.id: 1 for row in missed})


async def test_two_schedulers_on_one_database_send_each_follow_up_once(database, clock):
    recorder = Recorder(database)
    await _add(database, clock, *[i / 100 for i in range(200)])
    other_db = Database(database.url)  # a second process, as far as the database can tell
    first = _scheduler(database, clock, recorder, batch_size=25)
    second = _scheduler(other_db, clock, recorder, batch_size=25)
    try:
        clock.advance(minutes=5)
        results = await asyncio.gather(first.sweep(), second.sweep(), first.sweep())
    finally:
        await other_db.dispose()
    assert len(recorder.fired) == 200 and set(recorder.fired.values()) == {1}
    assert sum(r.fired for r in results) == 200
    assert len(await outbox_rows(database)) == 200 and len(recorder.delivered) == 200
    assert {row.status for row in await _rows(database)} == {"sent"}


async def test_a_failing_follow_up_is_retried_then_marked_failed(database, clock, caplog):
    healthy, poisoned, later = await _add(database, clock, -2, -1, -1)
    recorder = Recorder(database, poison={poisoned.id})
    scheduler = _scheduler(database, clock, recorder, max_attempts=3)
    results = [await scheduler.sweep() for _ in range(4)]
    assert [(r.fired, r.failed) for r in results] == [(2, 1), (0, 1), (0, 1), (0, 0)]
    # The batch went again one row at a time, so fire may have run twice for a healthy row;
    # what counts is that each healthy row's message was queued and delivered once.
    assert sorted(m.chat_id for m in recorder.delivered) == [100 + healthy.id, 100 + later.id]
    first, bad, last = await _rows(database)
    assert (bad.status, bad.attempts, bad.sent_at) == ("failed", 3, None)
    assert (first.status, first.attempts, last.status) == ("sent", 1, "sent")
    assert len(await outbox_rows(database)) == 2  # the poisoned row's partial work rolled back
    assert "giving up" in caplog.text


async def test_cancelled_follow_ups_never_fire(database, clock):
    from storage.models import Draft

    async with database.unit_of_work() as session:
        draft = Draft(user_id=1, chat_id=1, step="platform", created_at=FUTURE, updated_at=FUTURE)
        session.add(draft)
        await session.flush()
        row = await followups.schedule(
            session=session,
            kind="nudge",
            due_at=FUTURE + timedelta(minutes=2),
            now=FUTURE,
            draft_id=draft.id,
        )
    recorder = Recorder(database)
    scheduler = _scheduler(database, clock, recorder)
    scheduler.notify_scheduled(row)
    assert scheduler.armed == 1
    async with database.unit_of_work() as session:
        assert await followups.cancel(session=session, draft_id=draft.id, now=clock.now()) == 1
    clock.advance(minutes=3)
    assert (await scheduler.sweep()).fired == 0
    assert (await scheduler.fire_due()).fired == 0  # what the date job would trigger
    assert not recorder.fired and (await _rows(database))[0].status == "cancelled"


async def test_only_the_look_ahead_window_is_held_in_memory(database, clock):
    recorder = Recorder(database)
    await _add(database, clock, 1, 5, 9, 30, 60 * 24)
    scheduler = _scheduler(database, clock, recorder, max_jobs=2)
    await scheduler.start()
    try:
        assert scheduler.armed == 2  # 3 rows in the window, capped at max_jobs
        clock.advance(minutes=25)
        await scheduler.sweep()  # the first three are due now and fire; the 4th enters
        assert len(recorder.fired) == 3 and scheduler.armed == 1
        (late,) = await _add(database, clock, 1000)
        scheduler.notify_scheduled(late)  # beyond the window: left to a later sweep
        assert scheduler.armed == 1
    finally:
        await scheduler.shutdown()
    assert scheduler.armed == 0


async def test_date_jobs_fire_on_time_with_the_real_clock(database):
    clock = SystemClock()
    recorder = Recorder(database)
    scheduler = _scheduler(database, clock, recorder)  # type: ignore[arg-type]
    await scheduler.start()
    try:
        # 30 rows due together in 150 ms: their date jobs wake one firing pass.
        rows = await _add(database, clock, *[0.15 / 60] * 30)
        for row in rows:
            scheduler.notify_scheduled(row)
        assert scheduler.armed == 30
        for _ in range(100):
            if len(recorder.fired) == len(rows):
                break
            await asyncio.sleep(0.01)
        fired_at = clock.now()
    finally:
        await scheduler.shutdown()
    assert recorder.fired == Counter({row.id: 1 for row in rows})
    assert timedelta(0) <= fired_at - rows[0].due_at < timedelta(milliseconds=500)


async def test_shutdown_lets_a_firing_in_progress_finish(database, clock):
    recorder = Recorder(database)
    (row,) = await _add(database, clock, -1)
    gate = asyncio.Event()
    original = recorder.fire

    async def slow_fire(session: Any, follow_up: FollowUp) -> Any:
        gate.set()
        await asyncio.sleep(0.05)
        return await original(session, follow_up)

    recorder.fire = slow_fire  # type: ignore[method-assign]
    scheduler = _scheduler(database, clock, recorder)
    await scheduler.start()
    await asyncio.wait_for(gate.wait(), 10)  # a loaded machine may take a while to start it
    await scheduler.shutdown()
    assert recorder.fired == Counter({row.id: 1}) and len(recorder.delivered) == 1
    assert (await scheduler.sweep()).fired == 0  # stopped: takes nothing more
