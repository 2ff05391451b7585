"""Firing follow-ups on time, exactly once, with any number of workers on one database.

The ``follow_ups`` rows are the truth. APScheduler 3 (``AsyncIOScheduler``, in-memory jobs
only) holds a date job per pending row due within the look-ahead window, and runs a periodic
sweep that fires rows already due (missed while down, added by another process) and arms jobs
for rows entering the window: memory is bounded by the window, not by the table.

A date job does not fire its own row: it wakes this process's one firing pass, which claims
*every* row due by then in batches. A thousand rows coming due in the same second then cost a
few transactions instead of a thousand (see bench/followups_bench.py). Per row, firing is
atomic: claim it (``pending`` → ``sent``; ``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so workers
take disjoint batches), call ``fire`` for the Bot API calls it needs and queue them in the
outbox (leased to this process) inside a savepoint, commit, then hand the messages to
``after_commit``. If ``fire`` raises, its savepoint rolls back and the row goes back to
pending with the attempt counted; after ``max_attempts`` it is ``failed``.

A second periodic job runs the retention purge (``purge``, see
``handlers/aftercare/retention.py``) in batches, one transaction each, its messages queued in
the outbox the same way; the purge claims what it erases, so workers never repeat each other.

Every "now" comes from the injected clock, but APScheduler's triggers run on real time: tests
drive firing through :meth:`FollowUpScheduler.sweep` and a fake clock instead of waiting. A
date job that runs before the injected clock says its row is due fires nothing; a later wake
or sweep takes the row.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.config import FollowUpSettings
from handlers.clock import Clock
from storage.database import Database
from storage.models import FollowUp, FollowUpStatus, OutboxMessage
from storage.repositories import followups, outbox

log = logging.getLogger(__name__)

Call = tuple[int, str, dict[str, Any]]
Fire = Callable[[AsyncSession, FollowUp], Awaitable[list[Call]]]
AfterCommit = Callable[[list[OutboxMessage]], Awaitable[None]]
#: One retention batch of at most ``limit`` rows per table, in the caller's transaction:
#: how many rows it handled (fewer than ``limit``: nothing left) and the calls to make.
Purge = Callable[[AsyncSession, int], Awaitable[tuple[int, list[Call]]]]
SWEEP_JOB = "follow-ups-sweep"
PURGE_JOB = "retention-purge"
ORDERS_JOB = "orders-check"


def sweeping(rules: FollowUpSettings) -> dict[str, Any]:
    """``[followups]``'s sweep, as :class:`FollowUpScheduler` takes it."""
    return {
        "sweep_interval": rules.sweep_seconds,
        "look_ahead": timedelta(minutes=rules.look_ahead_minutes),
    }


class _FireFailed(Exception):
    """``fire`` (not the database) raised for this follow-up id: the attempt counts."""


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
        purge: Purge | None = None,
        purge_interval: float = 3600.0,
        purge_batch: int = 50,
        orders: Purge | None = None,
        orders_prepare: Callable[[], Awaitable[object]] | None = None,
        orders_interval: float = 300.0,
        orders_batch: int = 10,
        jobs: Sequence[tuple[str, float, Purge]] = (),
    ) -> None:
        """``max_jobs`` caps the date jobs held in memory (rows beyond it are armed by later
        sweeps, soonest first); ``batch_size`` is how many rows one transaction claims."""
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
        self.purge = purge
        self.purge_interval = purge_interval
        self.purge_batch = purge_batch
        #: Order linking (#15): bills swept in (``orders_prepare``), then open cases matched
        #: against new ledger rows, batch by batch (``orders``, like the purge).
        self.orders = orders
        self.orders_prepare = orders_prepare
        self.orders_interval = orders_interval
        #: Cases per transaction: on SQLite a batch holds the one write lock meanwhile.
        self.orders_batch = orders_batch
        #: More periodic jobs (name, seconds apart, one batch): the weekly digest (#17).
        self.jobs = list(jobs)
        self._running_jobs = asyncio.Lock()
        self._scheduler = AsyncIOScheduler(
            timezone=UTC,
            job_defaults={"misfire_grace_time": None, "coalesce": True, "max_instances": 1},
        )
        self._armed: set[int] = set()
        self._tasks: set[asyncio.Task[Any]] = set()
        self._firing = asyncio.Lock()  # one firing pass at a time in this process
        self._sweeping = asyncio.Lock()
        self._purging = asyncio.Lock()
        self._checking_orders = asyncio.Lock()
        self._wake = asyncio.Event()
        self._stopping = False

    @property
    def armed(self) -> int:
        """How many date jobs are held in memory."""
        return len(self._armed)

    async def start(self) -> None:
        """Arm date jobs for the look-ahead window, then sweep at once and every interval."""
        armed = await self._arm_window(self.clock.now())
        self._every(self.sweep_interval, self._run_sweep, SWEEP_JOB)
        if self.purge is not None:
            self._every(self.purge_interval, self._run_purge, PURGE_JOB)
        if self.orders is not None:
            self._every(self.orders_interval, self._run_orders, ORDERS_JOB)
        for name, interval, _ in self.jobs:
            self._every(interval, self._run_jobs, name)
        self._scheduler.start()
        self._tasks.add(asyncio.create_task(self._fire_when_woken()))
        if self.purge is not None:
            self._tasks.add(asyncio.create_task(self._run_purge()))
        if self.orders is not None:
            self._tasks.add(asyncio.create_task(self._run_orders()))
        # The first sweep (rows missed while down) runs in the background: a long backlog
        # must not hold up the bot's start.
        self._tasks.add(asyncio.create_task(self._run_sweep()))
        log.info("follow-ups: %d date job(s) armed, sweep every %ss", armed, self.sweep_interval)

    def _every(self, seconds: float, run: Callable[[], Awaitable[None]], job_id: str) -> None:
        self._scheduler.add_job(
            run, IntervalTrigger(seconds=seconds, timezone=UTC), id=job_id, replace_existing=True
        )

    def notify_scheduled(self, follow_up: FollowUp) -> None:
        """Arm a date job for a row just created (call after its transaction committed)."""
        if self._stopping or follow_up.id is None or follow_up.status != FollowUpStatus.PENDING:
            return
        if follow_up.due_at <= self.clock.now() + self.look_ahead:
            self._arm(follow_up.id, follow_up.due_at)

    async def fire_due(self) -> SweepResult:
        """Fire every row due by the injected clock (what a date job triggers)."""
        result = SweepResult()
        async with self._firing:
            await self._fire_due_batches(self.clock.now(), result)
        if result.fired or result.failed:
            log.info("follow-ups: %d fired, %d failed", result.fired, result.failed)
        return result

    async def sweep(self) -> SweepResult:
        """Fire every row due by the injected clock, then arm jobs for the window."""
        async with self._sweeping:
            result = await self.fire_due()
            if not self._stopping:
                result.armed = await self._arm_window(self.clock.now())
        return result

    async def purge_expired(self) -> int:
        """Run the retention purge to the end, batch by batch; returns the rows handled."""
        if self.purge is None:
            return 0
        async with self._purging:
            total = await self._to_the_end(self.purge, self.purge_batch)
        if total:
            log.info("retention: %d row(s) purged", total)
        return total

    async def check_orders(self) -> int:
        """Sweep in new bills, then match open cases against new ledger rows to the end,
        batch by batch (each batch's card edits queued in its transaction); returns the cases
        checked."""
        if self.orders is None:
            return 0
        async with self._checking_orders:
            if self.orders_prepare is not None:
                await self.orders_prepare()
            total = await self._to_the_end(self.orders, self.orders_batch)
        if total:
            log.info("orders: %d case(s) checked against new bills", total)
        return total

    async def shutdown(self, timeout: float = 10.0) -> None:
        """Stop taking jobs, let a firing pass in progress finish (or cancel it after
        ``timeout``: its transaction rolls back and the rows stay pending), then stop."""
        if self._stopping:
            return
        self._stopping = True
        self._wake.set()  # lets the firing loop see the stop
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

    def _arm(self, follow_up_id: int, due_at: datetime) -> None:
        self._scheduler.add_job(
            self._run_due,
            DateTrigger(run_date=due_at.astimezone(UTC), timezone=UTC),
            args=[follow_up_id],
            id=str(follow_up_id),
            replace_existing=True,
        )
        self._armed.add(follow_up_id)

    def _disarm(self, follow_up_id: int) -> None:
        """Drop the date job of a row fired before its own job ran (by a wake or a sweep)."""
        with contextlib.suppress(KeyError, JobLookupError):
            self._armed.remove(follow_up_id)
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
        """The date job: wake the firing loop (wake-ups arriving during a pass coalesce)."""
        self._armed.discard(follow_up_id)
        self._wake.set()

    async def _fire_when_woken(self) -> None:
        while not self._stopping:
            await self._wake.wait()
            self._wake.clear()
            if self._stopping:
                return
            try:
                await self.fire_due()
            except Exception:
                log.exception("firing follow-ups failed; the next wake or sweep retries")

    async def _run_sweep(self) -> None:
        await self._tracked(self.sweep())

    async def _run_purge(self) -> None:
        await self._tracked(self.purge_expired())

    async def _run_orders(self) -> None:
        await self._tracked(self.check_orders())

    async def _run_jobs(self) -> None:
        await self._tracked(self.run_jobs())

    async def run_jobs(self) -> int:
        """One batch of each extra job, each in its own transaction with the calls it makes;
        how many things they handled."""
        total = 0
        async with self._running_jobs:
            for _, _, job in self.jobs:
                total += await self._batch(job, 1)
        return total

    async def _to_the_end(self, job: Purge, size: int) -> int:
        """Batches of ``job`` until one is short (or the scheduler stops); what they handled."""
        total = 0
        while not self._stopping:
            handled = await self._batch(job, size)
            total += handled
            if handled < size:
                break
        return total

    async def _batch(self, job: Purge, size: int) -> int:
        """One batch of ``job`` in its own transaction, the calls it makes queued in the outbox
        in it and delivered once it is committed; how many things it handled."""
        async with self.database.unit_of_work() as session:
            handled, calls = await job(session, size)
            messages = await outbox.add_calls(
                session=session, calls=calls, now=self.clock.now(), lease=self.lease
            )
        await self._deliver(messages)
        return handled

    async def _tracked(self, work: Coroutine[Any, Any, Any]) -> None:
        """Run a job so that shutdown can wait for it; never let it raise into APScheduler."""
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            await work
        except Exception:
            log.exception("scheduled job failed (follow-up sweep or retention purge)")
        finally:
            self._tasks.discard(task)

    async def _calls(self, session: AsyncSession, row: FollowUp, row_id: int) -> list[Call]:
        try:
            return await self.fire(session, row)
        except Exception as exc:
            raise _FireFailed(row_id) from exc

    async def _fire_due_batches(self, now: datetime, result: SweepResult) -> None:
        """Claim a batch (SKIP LOCKED on PostgreSQL), fire it, queue its messages, commit."""
        after: tuple[datetime, int] | None = None
        while not self._stopping:
            async with self.database.unit_of_work() as session:
                rows = await followups.claim_due_batch(
                    session=session, now=now, limit=self.batch_size, after=after
                )
                ids = [row.id or 0 for row in rows]  # read before any rollback expires them
                after = (rows[-1].due_at, ids[-1]) if rows else after
                calls = await self._fire_rows(session, rows, ids, result)
                queued = [call for row_calls in calls.values() for call in row_calls]
                messages = await outbox.add_calls(  # one INSERT for the batch; none if empty
                    session=session, calls=queued, now=now, lease=self.lease
                )
            result.fired += len(calls)
            for row_id in calls:
                self._disarm(row_id)
            # Delivered before the next batch is claimed: paced sending must not outrun the
            # outbox lease, or the outbox sweeper would send the same message again.
            await self._deliver(messages)
            if len(rows) < self.batch_size:
                return

    async def _fire_rows(
        self, session: AsyncSession, rows: list[FollowUp], ids: list[int], result: SweepResult
    ) -> dict[int, list[Call]]:
        """``fire`` every claimed row in one savepoint (few round trips: a busy event loop
        makes each one costly). If one raises, roll back and go again with a savepoint per
        row, giving back only the failing one: ``fire`` may thus run twice for a row, so it
        must only write through the session. On SQLite the claiming UPDATE has already made
        the driver open the transaction (pysqlite begins one only before DML), so SAVEPOINT
        is safe there too."""
        if not rows:
            return {}
        with contextlib.suppress(_FireFailed):
            async with session.begin_nested():
                pairs = zip(rows, ids, strict=True)
                return {i: await self._calls(session, row, i) for row, i in pairs}
        calls: dict[int, list[Call]] = {}
        for row_id in ids:
            try:
                async with session.begin_nested():
                    row = await followups.get(session=session, follow_up_id=row_id)
                    assert row is not None
                    calls[row_id] = await self._calls(session, row, row_id)
            except _FireFailed:
                log.exception("follow-up %s: fire failed, rolled back", row_id)
                status = await followups.release(
                    session=session, follow_up_id=row_id, max_attempts=self.max_attempts
                )
                if status == FollowUpStatus.FAILED:
                    log.error("follow-up %s: giving up after %d", row_id, self.max_attempts)
                result.failed += 1
        return calls

    async def _deliver(self, messages: list[OutboxMessage]) -> None:
        if not messages:
            return
        try:
            await self.after_commit(messages)
        except Exception:
            log.exception("delivering follow-up messages failed; the outbox sweeper retries")
