"""Follow-up scheduler: start-up cost over a large table, and firing delay under write load.

    python bench/followups_bench.py [--rows 100000] [--burst 2000] [--writers 50]
                                    [--backends sqlite,postgresql]

For each backend (PostgreSQL only when ``REFUND_DESK_TEST_POSTGRES_URL`` is set: a temporary
database is created next to it and dropped afterwards), with the real clock:

* start-up: ``--rows`` pending follow-ups spread over the next 7 days; time of
  ``FollowUpScheduler.start()``, process RSS before/after, and how many date jobs it armed
  (bounded by the 10-minute look-ahead window, not by the table).
* load: ``--writers`` tasks insert follow-ups (each its own transaction, due in a day) as
  fast as they can, on the same ``Database`` as the scheduler, while ``--burst`` rows come due
  over 4 seconds (inserted beforehand, announced with ``notify_scheduled`` as the core
  would). Delay = due time → the firing transaction committed (``after_commit``).
* catch-up: the scheduler is stopped, ``--burst`` rows become overdue, a new scheduler starts;
  time until its first sweep has fired them all.

Each burst row must fire exactly once; the script says so if one did not.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from sqlalchemy import text  # noqa: E402
from throwaway_database import POSTGRES_ENV, throwaway_database  # noqa: E402

from bot.scheduler import FollowUpScheduler  # noqa: E402
from handlers.clock import SystemClock  # noqa: E402
from storage.database import Database  # noqa: E402
from storage.models import FollowUp, OutboxMessage  # noqa: E402
from storage.repositories import followups  # noqa: E402
from storage.tables import FOLLOW_UPS  # noqa: E402

LOOK_AHEAD = timedelta(minutes=10)
SWEEP_SECONDS = 5.0
CLOCK = SystemClock()


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def percentiles(values: list[float]) -> tuple[float, float, float]:
    if not values:
        return (float("nan"),) * 3
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return statistics.median(ordered), p99, ordered[-1]


class Recorder:
    """``fire`` and ``after_commit`` for the bench: one message per row, delays recorded."""

    def __init__(self) -> None:
        self.due: dict[int, datetime] = {}
        self.fired: Counter[int] = Counter()
        self.delays: list[float] = []

    async def fire(self, session: Any, row: FollowUp) -> list[tuple[int, str, dict[str, Any]]]:
        assert row.id is not None
        self.fired[row.id] += 1
        chat_id = 1000 + row.id % 97
        return [(chat_id, "sendMessage", {"chat_id": chat_id, "text": "reminder", "fu": row.id})]

    async def after_commit(self, rows: list[OutboxMessage]) -> None:
        now = CLOCK.now()
        for row in rows:
            due = self.due.get(row.payload["fu"])
            if due is not None:
                self.delays.append((now - due).total_seconds() * 1000)


def new_scheduler(database: Database, recorder: Recorder) -> FollowUpScheduler:
    return FollowUpScheduler(
        database=database,
        clock=CLOCK,
        fire=recorder.fire,
        after_commit=recorder.after_commit,
        sweep_interval=SWEEP_SECONDS,
        look_ahead=LOOK_AHEAD,
    )


async def bulk_insert(database: Database, due_times: list[datetime]) -> list[int]:
    now = CLOCK.now()
    rows = [
        {"kind": "bench", "due_at": due, "status": "pending", "attempts": 0, "details": {}}
        | {"created_at": now}
        for due in due_times
    ]
    async with database.engine.begin() as conn:  # no other writer meanwhile: ids are dense
        for start in range(0, len(rows), 10_000):
            await conn.execute(FOLLOW_UPS.insert(), rows[start : start + 10_000])
        last = int((await conn.execute(text("SELECT max(id) FROM follow_ups"))).scalar_one())
    return list(range(last - len(rows) + 1, last + 1))


async def writer(database: Database, stop: asyncio.Event, latencies: list[float]) -> None:
    while not stop.is_set():
        began = time.perf_counter()
        async with database.unit_of_work() as session:
            now = CLOCK.now()
            await followups.schedule(
                session=session, kind="writer", due_at=now + timedelta(days=1), now=now
            )
        latencies.append((time.perf_counter() - began) * 1000)


async def run_backend(name: str, url: str, args: argparse.Namespace) -> dict[str, Any]:
    out: dict[str, Any] = {"backend": name}
    database = Database(url)
    await database.upgrade()
    try:
        now = CLOCK.now()
        spread = timedelta(days=7) / args.rows
        began = time.perf_counter()
        await bulk_insert(
            database, [now + timedelta(minutes=1) + i * spread for i in range(args.rows)]
        )
        out["insert_s"] = time.perf_counter() - began

        # --- start-up -----------------------------------------------------------------
        recorder = Recorder()
        scheduler = new_scheduler(database, recorder)
        gc.collect()
        out["rss_before"] = rss_mb()
        began = time.perf_counter()
        await scheduler.start()
        out["start_ms"] = (time.perf_counter() - began) * 1000
        gc.collect()
        out["rss_after"] = rss_mb()
        out["armed"] = scheduler.armed

        # --- load: a burst coming due while writers hammer the database ----------------
        base = CLOCK.now() + timedelta(seconds=6)
        due_times = [base + timedelta(seconds=4 * i / args.burst) for i in range(args.burst)]
        burst = set(await bulk_insert(database, due_times))
        async with database.unit_of_work() as session:
            rows = await followups.pending_between(
                session=session, start=CLOCK.now(), end=due_times[-1], limit=2 * args.burst
            )
        for row in rows:
            if row.id in burst:
                recorder.due[row.id] = row.due_at
                scheduler.notify_scheduled(row)  # as the core does after its commit
        stop, latencies = asyncio.Event(), list[float]()
        writers = [
            asyncio.create_task(writer(database, stop, latencies)) for _ in range(args.writers)
        ]
        deadline = time.monotonic() + 120
        while len(recorder.delays) < args.burst and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        stop.set()
        await asyncio.gather(*writers)
        out["delays"] = percentiles(recorder.delays)
        out["fired"] = len(recorder.delays)
        out["writes"] = len(latencies)
        out["write_ms"] = percentiles(latencies)
        out["once"] = all(recorder.fired[i] == 1 for i in recorder.due)
        await scheduler.shutdown()

        # --- catch-up: rows that came due while no scheduler ran ---------------------------
        overdue = await bulk_insert(database, [CLOCK.now() - timedelta(minutes=5)] * args.burst)
        recorder = Recorder()
        scheduler = new_scheduler(database, recorder)
        began = time.perf_counter()
        await scheduler.start()
        while sum(recorder.fired[i] for i in overdue) < len(overdue):
            if time.perf_counter() - began > 120:
                break
            await asyncio.sleep(0.02)
        out["catch_up_s"] = time.perf_counter() - began
        out["catch_up_once"] = all(recorder.fired[i] == 1 for i in overdue)
        await scheduler.shutdown()
        async with database.unit_of_work() as session:
            out["pending_left"] = await followups.pending_count(session=session)
    finally:
        await database.dispose()
    return out


def all_jobs_baseline(count: int) -> tuple[float, float]:
    """What arming every row would cost: ``count`` date jobs in one AsyncIOScheduler."""
    from apscheduler.schedulers.asyncio import AsyncIOScheduler
    from apscheduler.triggers.date import DateTrigger

    async def noop(_: int) -> None: ...

    async def build() -> tuple[float, float]:
        scheduler = AsyncIOScheduler(timezone=UTC)
        gc.collect()
        before, began = rss_mb(), time.perf_counter()
        now = CLOCK.now() + timedelta(days=1)
        for i in range(count):
            run = DateTrigger(run_date=now + timedelta(seconds=i), timezone=UTC)
            scheduler.add_job(noop, run, args=[i], id=str(i))
        scheduler.start(paused=True)
        elapsed = time.perf_counter() - began
        gc.collect()
        grown = rss_mb() - before
        scheduler.shutdown(wait=False)
        return elapsed, grown

    return asyncio.run(build())


def print_table(results: list[dict[str, Any]], args: argparse.Namespace) -> None:
    def row(label: str, fmt: Any) -> None:
        cells = "".join(f"{fmt(r):>22}" for r in results)
        print(f"{label:<44}{cells}")

    print()
    row("", lambda r: r["backend"])
    row(f"insert {args.rows:,} pending rows (s)", lambda r: f"{r['insert_s']:.1f}")
    row("start() (ms)", lambda r: f"{r['start_ms']:.0f}")
    row("RSS before → after start (MB)", lambda r: f"{r['rss_before']:.1f} → {r['rss_after']:.1f}")
    row("date jobs armed (10-min window)", lambda r: f"{r['armed']:,}")
    row("burst fired / exactly once", lambda r: f"{r['fired']:,} / {'yes' if r['once'] else 'NO'}")
    row(
        "due → fired p50 / p99 / max (ms)",
        lambda r: "{:.0f} / {:.0f} / {:.0f}".format(*r["delays"]),
    )
    row(f"{args.writers} writers: rows written", lambda r: f"{r['writes']:,}")
    row(
        "  write tx p50 / p99 / max (ms)",
        lambda r: "{:.0f} / {:.0f} / {:.0f}".format(*r["write_ms"]),
    )
    row(f"catch-up: {args.burst:,} overdue fired in (s)", lambda r: f"{r['catch_up_s']:.2f}")
    row("catch-up exactly once", lambda r: "yes" if r["catch_up_once"] else "NO")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--burst", type=int, default=2_000)
    parser.add_argument("--writers", type=int, default=50)
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    results = []
    for backend in args.backends.split(","):
        if backend == "sqlite":
            with tempfile.TemporaryDirectory() as tmp:
                url = f"sqlite+aiosqlite:///{tmp}/bench.db"
                results.append(asyncio.run(run_backend("SQLite", url, args)))
        elif backend == "postgresql" and os.environ.get(POSTGRES_ENV):

            async def on_postgres() -> dict[str, Any]:
                async with throwaway_database(os.environ[POSTGRES_ENV]) as url:
                    return await run_backend("PostgreSQL", url, args)

            results.append(asyncio.run(on_postgres()))
        elif backend == "postgresql":
            print(f"PostgreSQL skipped: set {POSTGRES_ENV}")
    print_table(results, args)
    elapsed, grown = all_jobs_baseline(args.rows)
    print(
        f"For comparison, arming all {args.rows:,} rows as APScheduler date jobs: "
        f"{elapsed:.1f} s, +{grown:.0f} MB RSS."
    )


if __name__ == "__main__":
    main()
