"""Supervisors' figures over a large desk: how long a report takes on 100,000 cases.

    python bench/reports_bench.py [--cases 100000] [--backends sqlite,postgresql]

For each backend (PostgreSQL only when ``REFUND_DESK_TEST_POSTGRES_URL`` is set: a temporary
database is created next to it and dropped afterwards): ``--cases`` cases spread over 90 days
in two teams, each with one or two purchases and the events a real case leaves (submitted,
claimed, a message, decided; some appealed and decided again, some reopened, some rated,
a quarter still open), written in bulk. Then, timed (best of 3 runs, wall clock and this
process's CPU time — on a shared machine the CPU time is the steadier figure):

* ``load_report`` of the main team over the whole 90 days (reading + computing);
* the same over one week;
* the figures alone (``build_report`` on rows already read), to split reading from computing;
* the CSV export of the 90 days.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import insert, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from throwaway_database import POSTGRES_ENV, throwaway_database

from handlers.calendar import WorkingCalendar
from handlers.reports import export
from handlers.reports.figures import Period, ReportRules, build_report, load_report
from storage.database import Database
from storage.repositories.reports import received_cases
from storage.tables import CASE_EVENTS, CASES, TRANSACTIONS

FIRST_DAY = date(2026, 7, 1)
DAYS = 90
NOW = datetime(2026, 10, 15, 2, 0, tzinfo=UTC)
RULES = ReportRules(calendar=WorkingCalendar("CN"), timezone="Asia/Shanghai")
BATCH = 5000


def _rows(count: int, seed: int = 17) -> tuple[list[dict], list[dict], list[dict]]:
    rng = random.Random(seed)
    cases, purchases, events = [], [], []
    start = datetime.combine(FIRST_DAY, datetime.min.time(), UTC)
    for n in range(1, count + 1):
        submitted = start + timedelta(seconds=rng.randrange(DAYS * 86400))
        open_case = rng.random() < 0.25
        decision = rng.choice(["approved", "partial", "rejected"])
        claimed_at = submitted + timedelta(minutes=rng.randrange(10, 3000))
        decided_at = claimed_at + timedelta(minutes=rng.randrange(30, 6000))
        agent = rng.randrange(1, 13)
        cases.append(
            {
                "id": n,
                "reference": f"B{n:07d}",
                "user_id": 10_000 + n,
                "chat_id": 10_000 + n,
                "language": rng.choice(["en", "fr", "zh-Hans", "zh-Hant"]),
                "timezone": "Asia/Shanghai",
                "status": "in_review" if open_case else rng.choice(["decided", "closed"]),
                "platform": rng.choice(["douyin", "wechat", "kuaishou"]),
                "problem": rng.choice(["minor_purchase", "payment_failed", "not_activated"]),
                "writer": "parent",
                "account": f"acct{n}",
                "payment_method": "alipay",
                "description": "",
                "submitted_at": submitted,
                "updated_at": submitted,
                "handoff_status": "done",
                "decision": None if open_case else decision,
                "decided_amount": Decimal("50") if decision == "partial" else None,
                "decided_currency": "CNY" if decision == "partial" else None,
                "decided_at": None if open_case else decided_at,
                "due_at": submitted + timedelta(days=3) if open_case else None,
                "assignee_id": agent,
                "assignee_name": f"Agent {agent}",
                "team": "main" if n % 4 else "fr",
                "version": 1,
            }
        )
        for position in range(1, rng.choice([2, 3])):
            purchases.append(
                {
                    "case_id": n,
                    "position": position,
                    "amount": Decimal(rng.randrange(100, 100000)) / 100,
                    "currency": rng.choice(["CNY", "CNY", "CNY", "EUR", "TWD"]),
                    "occurred_at": submitted - timedelta(days=1),
                    "has_time": True,
                }
            )

        def event(
            action: str, at: datetime, kind: str = "agent", *, case=n, who=agent, **details: Any
        ) -> None:
            events.append(
                {
                    "case_id": case,
                    "actor_kind": kind,
                    "actor_id": who if kind == "agent" else None,
                    "action": action,
                    "details": details,
                    "created_at": at,
                }
            )

        event("submitted", submitted, "parent")
        event("claimed", claimed_at)
        event("relayed_to_parent", claimed_at + timedelta(minutes=20))
        if not open_case:
            event("decided", decided_at, decision=decision)
            if rng.random() < 0.1:
                event("appealed", decided_at + timedelta(days=1), "parent")
                event("decided", decided_at + timedelta(days=4), decision="partial")
            if rng.random() < 0.05:
                event("reopened", decided_at + timedelta(hours=2))
                event("decided", decided_at + timedelta(hours=5), decision=decision)
            if rng.random() < 0.3:
                event("rated", decided_at + timedelta(days=1), "parent", stars=rng.randrange(1, 6))
    return cases, purchases, events


async def _fill(database: Database, count: int) -> float:
    cases, purchases, events = _rows(count)
    began = time.perf_counter()
    for table, rows in (
        (CASES, cases),
        (TRANSACTIONS, purchases),
        (CASE_EVENTS, events),
    ):
        for first in range(0, len(rows), BATCH):
            async with database.unit_of_work() as session:
                connection = await session.connection()
                await connection.execute(insert(table), rows[first : first + BATCH])
    if database.engine.dialect.name == "postgresql":
        async with database.engine.begin() as conn:
            await conn.execute(text("SELECT setval('cases_id_seq', (SELECT max(id) FROM cases))"))
            await conn.execute(text("ANALYZE"))
    return time.perf_counter() - began


async def _timed(work: Callable[[], Awaitable[Any]], runs: int = 3) -> tuple[float, float, Any]:
    """Best wall-clock time and best CPU time of this process (the database's own work, in
    SQLite's thread or the PostgreSQL server, shows in the wall clock only)."""
    times, cpu, result = [], [], None
    for _ in range(runs):
        began, began_cpu = time.perf_counter(), time.process_time()
        result = await work()
        times.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
    return min(times), min(cpu), result


async def run(url: str, count: int) -> dict[str, Any]:
    database = Database(url)
    await database.upgrade()
    out: dict[str, Any] = {"fill_s": await _fill(database, count)}
    quarter = Period(FIRST_DAY, FIRST_DAY + timedelta(days=DAYS - 1))
    week = Period(date(2026, 8, 3), date(2026, 8, 9))

    async def report(period: Period) -> Any:
        async with database.unit_of_work() as session:
            return await load_report(session, period=period, rules=RULES, now=NOW, team="main")

    async def rows() -> Any:
        start, end = quarter.bounds(RULES.timezone)
        async with database.unit_of_work() as session:
            return await received_cases(session=session, start=start, end=end, team="main")

    best, cpu, whole = await _timed(lambda: report(quarter))
    out["quarter"] = (best, cpu, whole.total.received)
    best, cpu, weekly = await _timed(lambda: report(week))
    out["week"] = (best, cpu, weekly.total.received)
    best, cpu, read = await _timed(rows)
    out["read_only"] = (best, cpu, len(read))

    async def compute() -> Any:
        return build_report(read, period=quarter, rules=RULES, now=NOW, team="main")

    out["compute_only"] = await _timed(compute)
    out["compute_only"] = (*out["compute_only"][:2], len(read))

    async def csv() -> Any:
        return export.to_csv(whole, RULES.timezone)

    best, cpu, text_out = await _timed(csv)
    out["csv"] = (best, cpu, len(text_out) // 1024)
    await database.dispose()
    return out


def _print(backend: str, count: int, out: dict[str, Any]) -> None:
    print(f"\n{backend}: {count:,} cases written in {out['fill_s']:.1f} s")
    labels = {
        "quarter": "report, 90 days (main team)",
        "week": "report, one week",
        "read_only": "reading the 90 days' rows",
        "compute_only": "computing the figures only",
        "csv": "CSV export of the 90 days",
    }
    for key, label in labels.items():
        best, cpu, size = out[key]
        unit = "KiB" if key == "csv" else "cases"
        print(f"  {label:32} wall {best:6.2f} s  CPU {cpu:6.2f} s  ({size:,} {unit})")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args()
    for backend in args.backends.split(","):
        if backend == "sqlite":
            with tempfile.TemporaryDirectory() as folder:
                out = await run(f"sqlite+aiosqlite:///{folder}/bench.db", args.cases)
            _print("SQLite", args.cases, out)
        elif backend == "postgresql" and os.environ.get(POSTGRES_ENV):
            async with throwaway_database(os.environ[POSTGRES_ENV]) as url:
                out = await run(url, args.cases)
            _print("PostgreSQL", args.cases, out)
        elif backend == "postgresql":
            print(f"PostgreSQL skipped: set {POSTGRES_ENV}")


if __name__ == "__main__":
    asyncio.run(main())
