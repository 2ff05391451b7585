"""Firing follow-ups on time, exactly once, with any number of workers on one database.

The ``follow_ups`` rows are the truth. APScheduler 3 (``AsyncIOScheduler``, in-memory job
store only) holds a date job for each pending row due within the look-ahead window, plus a
periodic sweep that fires rows already due (missed while down, added by another process,
or whose date job ran on another worker's clock) and arms jobs for rows entering the window.
Memory stays bounded by the window, not by the table.

Firing a row is one transaction: claim it (``pending`` → ``sent``, a guarded UPDATE — or a
``FOR UPDATE SKIP LOCKED`` batch on PostgreSQL), call ``fire`` for the Bot API calls it needs,
queue them in the outbox (leased to this process), commit, then hand them to ``after_commit``
for immediate delivery. If ``fire`` raises, all of that rolls back and the row stays pending
with one more attempt counted; after ``max_attempts`` it is marked ``failed``.

Times: every "now" comes from the injected clock. APScheduler's own triggers run on real time,
so tests drive firing through :meth:`FollowUpScheduler.sweep` with a fake clock instead of
waiting; a date job that runs before the injected clock says the row is due claims nothing
and leaves the row to the next sweep.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.clock import Clock
from storage.database import Database
from storage.models import FollowUp, OutboxMessage
from storage.repositories import followups, outbox

log = logging.getLogger(__name__)

Call = tuple[int, str, dict[str, Any]]
Fire = Callable[[AsyncSession, FollowUp], Awaitable[list[Call]]]
AfterCommit = Callable[[list[OutboxMessage]], Awaitable[None]]
Outcome = Literal["fired", "skipped", "failed"]
SWEEP_JOB = "follow-ups-sweep"


class _FireFailed(Exception):
    """``fire`` (not the database) raised: the attempt counts against the row."""


@dataclass
class SweepResult:
    fired: int = 0
    failed: int = 0
    armed: int = 0


class FollowUpScheduler:
    def __init__(
        self,
        *,
        database: Database,
        clock: Clock,
        fire: Fire,
        after_commit: AfterCommit,
        sweep_interval: float = 30.0,
        look_ahead: timedelta = timedelta(minutes=10),
        lease: timedelta = timedelta(seconds=30),
        max_attempts: int = 5,
        batch_size: int = 100,
        max_jobs: int = 10_000,
        concurrency: int | None = None,
    ) -> None:
        """``concurrency`` bounds simultaneous firing transactions (default: 2 on SQLite,
        which has one writer at a time anyway, 8 on PostgreSQL). ``max_jobs`` caps the date
        jobs held in memory; rows beyond it are armed by later sweeps, soonest first."""
        if look_ahead.total_seconds() <= sweep_interval:
            raise ValueError("look_ahead must be longer than sweep_interval")
        self.database = database
        self.clock = clock
        self.fire = fire
        self.after_commit = after_commit
        self.sweep_interval = sweep_interval
        self.look_ahead = look_ahead
        self.lease = lease
        self.max_attempts = max_attempts
        self.batch_size = batch_size
        self.max_jobs = max_jobs
        self._slots = asyncio.Semaphore(concurrency or (2 if database.is_sqlite else 8))
        self._scheduler = AsyncIOScheduler(
            timezone=UTC,
            job_defaults={"misfire_grace_time": None, "coalesce": True, "max_instances": 1},
        )
        self._armed: set[int] = set()
        self._firing: set[int] = set()
        self._tasks: set[asyncio.Task[Any]] = set()
        self._sweeping = asyncio.Lock()
        self._stopping = False

    @property
    def armed(self) -> int:
        """How many date jobs are held in memory."""
        return len(self._armed)

    async def start(self) -> None:
        """Arm date jobs for the look-ahead window, then sweep at once and every interval."""
        now = self.clock.now()
        armed = await self._arm_window(now)
        self._scheduler.add_job(
            self._run_sweep,
            IntervalTrigger(seconds=self.sweep_interval, timezone=UTC),
            id=SWEEP_JOB,
            replace_existing=True,
        )
        self._scheduler.start()
        # The first sweep (rows missed while down) runs in the background: a long backlog
        # must not hold up the bot's start.
        first = asyncio.create_task(self._run_sweep())
        self._tasks.add(first)
        first.add_done_callback(self._tasks.discard)
        log.info("follow-ups: %d date job(s) armed, sweep every %ss", armed, self.sweep_interval)

    def notify_scheduled(self, follow_up: FollowUp) -> None:
        """Arm a date job for a row just created (call after its transaction committed)."""
        if self._stopping or follow_up.id is None or follow_up.status != followups.PENDING:
            return
        if follow_up.due_at <= self.clock.now() + self.look_ahead:
            self._arm(follow_up.id, follow_up.due_at)

    async def sweep(self) -> SweepResult:
        """Fire every row due by the injected clock, then arm jobs for the window."""
        async with self._sweeping:
            now = self.clock.now()
            result = SweepResult()
            if self.database.is_sqlite:
                await self._fire_due_rows(now, result)
            else:
                await self._fire_due_batches(now, result)
            if not self._stopping:
                result.armed = await self._arm_window(now)
        if result.fired or result.failed:
            log.info("follow-ups sweep: %d fired, %d failed", result.fired, result.failed)
        return result

    async def shutdown(self, timeout: float = 10.0) -> None:
        """Stop taking jobs, let firings in progress finish (or cancel them after
        ``timeout``: their transactions roll back and the rows stay pending), then stop."""
        if self._stopping:
            return
        self._stopping = True
        running = self._scheduler.running
        if running:
            self._scheduler.pause()
        others = self._tasks - {asyncio.current_task()}
        if others:
            _, late = await asyncio.wait(others, timeout=timeout)
            for task in late:
                task.cancel()
            await asyncio.gather(*late, return_exceptions=True)
        if running:
            self._scheduler.shutdown(wait=False)
            await asyncio.sleep(0)  # AsyncIOScheduler shuts down on the next loop turn
        self._armed.clear()

    # --- jobs ---------------------------------------------------------------------------

    def _arm(self, follow_up_id: int, due_at: datetime) -> None:
        self._scheduler.add_job(
            self._run_due,
            DateTrigger(run_date=due_at, timezone=UTC),
            args=[follow_up_id],
            id=str(follow_up_id),
            replace_existing=True,
        )
        self._armed.add(follow_up_id)

    def _disarm(self, follow_up_id: int) -> None:
        """Drop the date job of a row the sweep fired first (it would only claim nothing)."""
        if follow_up_id in self._armed:
            self._armed.discard(follow_up_id)
            with contextlib.suppress(JobLookupError):
                self._scheduler.remove_job(str(follow_up_id))

    async def _arm_window(self, now: datetime) -> int:
        room = self.max_jobs - len(self._armed)
        if room <= 0:
            return 0
        async with self.database.unit_of_work() as session:
            rows = await followups.pending_between(
                session=session, start=now, end=now + self.look_ahead, limit=self.max_jobs
            )
            targets = [(row.id, row.due_at) for row in rows if row.id not in self._armed]
        for follow_up_id, due_at in targets[:room]:
            assert follow_up_id is not None
            self._arm(follow_up_id, due_at)
        return min(room, len(targets))

    async def _run_due(self, follow_up_id: int) -> None:
        self._armed.discard(follow_up_id)
        await self._tracked(self._fire_one(follow_up_id))

    async def _run_sweep(self) -> None:
        await self._tracked(self.sweep())

    async def _tracked(self, work: Coroutine[Any, Any, Any]) -> None:
        """Run an APScheduler job so that shutdown can wait for it; never let it raise."""
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            await work
        except Exception:
            log.exception("follow-up job failed")
        finally:
            self._tasks.discard(task)

    # --- firing -------------------------------------------------------------------------

    async def _queue(
        self, session: AsyncSession, row: FollowUp, now: datetime
    ) -> list[OutboxMessage]:
        try:
            calls = await self.fire(session, row)
        except Exception as exc:
            raise _FireFailed(f"follow-up {row.id} ({row.kind})") from exc
        if not calls:
            return []
        return await outbox.add_calls(session=session, calls=calls, now=now, lease=self.lease)

    async def _fire_one(self, follow_up_id: int) -> Outcome:
        """Claim, fire and queue one row in one transaction; deliver after the commit."""
        if self._stopping or follow_up_id in self._firing:
            return "skipped"
        self._firing.add(follow_up_id)
        try:
            async with self._slots:
                now = self.clock.now()
                try:
                    async with self.database.unit_of_work() as session:
                        if not await followups.claim(
                            session=session, follow_up_id=follow_up_id, now=now
                        ):
                            return "skipped"
                        row = await followups.get(session=session, follow_up_id=follow_up_id)
                        assert row is not None
                        messages = await self._queue(session, row, now)
                except _FireFailed:
                    log.exception("follow-up %s: fire failed, rolled back", follow_up_id)
                    await self._count_failure(follow_up_id)
                    return "failed"
            await self._deliver(messages)
            return "fired"
        finally:
            self._firing.discard(follow_up_id)

    async def _fire_due_rows(self, now: datetime, result: SweepResult) -> None:
        """SQLite: read a page of due rows, fire each in its own transaction."""
        after: tuple[datetime, int] | None = None
        while not self._stopping:
            async with self.database.unit_of_work() as session:
                rows = await followups.due(
                    session=session, now=now, limit=self.batch_size, after=after
                )
                keys = [(row.due_at, row.id) for row in rows]
            for due_at, follow_up_id in keys:
                assert follow_up_id is not None
                after = (due_at, follow_up_id)
                outcome = await self._fire_one(follow_up_id)
                if outcome == "fired":
                    result.fired += 1
                    self._disarm(follow_up_id)
                elif outcome == "failed":
                    result.failed += 1
            if len(keys) < self.batch_size:
                return

    async def _fire_due_batches(self, now: datetime, result: SweepResult) -> None:
        """PostgreSQL: claim a batch with SKIP LOCKED; a savepoint per row isolates failures."""
        after: tuple[datetime, int] | None = None
        while not self._stopping:
            fired: list[int] = []
            messages: list[OutboxMessage] = []
            async with self._slots, self.database.unit_of_work() as session:
                rows = await followups.claim_due_batch(
                    session=session, now=now, limit=self.batch_size, after=after
                )
                keys = [(row.due_at, row.id) for row in rows]  # before any rollback expires them
                for row, (due_at, follow_up_id) in zip(rows, keys, strict=True):
                    assert follow_up_id is not None
                    after = (due_at, follow_up_id)
                    try:
                        async with session.begin_nested():
                            messages += await self._queue(session, row, now)
                    except _FireFailed:
                        log.exception("follow-up %s: fire failed, rolled back", follow_up_id)
                        status = await followups.release(
                            session=session,
                            follow_up_id=follow_up_id,
                            max_attempts=self.max_attempts,
                        )
                        self._log_given_up(follow_up_id, status)
                        result.failed += 1
                    else:
                        fired.append(follow_up_id)
            result.fired += len(fired)
            for follow_up_id in fired:
                self._disarm(follow_up_id)
            await self._deliver(messages)
            if len(keys) < self.batch_size:
                return

    async def _count_failure(self, follow_up_id: int) -> None:
        try:
            async with self.database.unit_of_work() as session:
                status = await followups.count_failure(
                    session=session, follow_up_id=follow_up_id, max_attempts=self.max_attempts
                )
        except Exception:
            log.exception("follow-up %s: could not record the failed attempt", follow_up_id)
            return
        self._log_given_up(follow_up_id, status)

    def _log_given_up(self, follow_up_id: int, status: str | None) -> None:
        if status == followups.FAILED:
            log.error("follow-up %s failed %d times; giving up", follow_up_id, self.max_attempts)

    async def _deliver(self, messages: list[OutboxMessage]) -> None:
        if not messages:
            return
        try:
            await self.after_commit(messages)
        except Exception:
            log.exception("delivering follow-up messages failed; the outbox sweeper retries")
