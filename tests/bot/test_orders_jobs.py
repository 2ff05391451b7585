"""The running bot's order jobs (#15): bills dropped in the watched folder are imported and
moved aside, a claim filed before its bill is matched by the scheduler's sweep and its card
edited (through the outbox), ledger rows past their retention are deleted, and two workers
(or a worker and an agent's button) never collide on one case's links."""

from __future__ import annotations

import asyncio
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from bot.orders.importer import import_bill
from bot.orders.watch import sweep_folder
from bot.telegram.calls import render_calls
from handlers.orders.linking import match_case
from handlers.orders.matching import MatchPolicy
from handlers.orders.recheck import purge_ledger, recheck
from handlers.policy import DeskPolicy
from storage.models import LedgerOrder, OrderLink, OutboxMessage
from storage.repositories import cases
from tests.bot.scheduling import jobs_scheduler
from tests.conftest import FakeClock
from tests.handlers.desk_helpers import GROUP, submitted_case

BILLS = Path(__file__).resolve().parents[1] / "fixtures" / "orders"
NOW = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)
DESK = DeskPolicy(chat_id=GROUP, language="en", timezone="Asia/Shanghai", use_topics=True)


async def test_the_watched_folder_imports_good_bills_and_sets_bad_ones_aside(database, tmp_path):
    shutil.copy(BILLS / "wechat_all.csv", tmp_path / "bill-1128.csv")
    shutil.copy(BILLS / "wechat_bad_amount.csv", tmp_path / "bill-bad.csv")
    reports = await sweep_folder(database, tmp_path, formats={}, now=NOW, settle=0)
    assert [r.added for r in reports] == [4]
    assert (tmp_path / "done" / "bill-1128.csv").exists()
    why = (tmp_path / "failed" / "bill-bad.csv.txt").read_text("utf-8")
    assert "row 2: 订单金额 '64x.00' is not an amount" in why
    assert not list(tmp_path.glob("*.csv"))  # nothing left to import again
    async with database.unit_of_work() as session:
        assert len((await session.exec(select(LedgerOrder))).all()) == 4


async def test_the_scheduler_matches_a_claim_filed_before_its_bill(database, localizer, tmp_path):
    await submitted_case(database, datetime(2026, 11, 28, 14, 3, tzinfo=UTC))  # card 500
    clock = FakeClock(NOW)
    delivered: list[OutboxMessage] = []

    async def check(session, limit: int):
        done = await recheck(session, now=clock.now(), desk=DESK, limit=limit)
        return done.cases, render_calls(localizer, done.out)

    async def sweep() -> None:
        await sweep_folder(database, tmp_path, formats={}, now=clock.now(), settle=0)

    scheduler = jobs_scheduler(database, clock, delivered, orders=check, orders_prepare=sweep)
    assert await scheduler.check_orders() == 0  # no bills: nothing to check
    shutil.copy(BILLS / "wechat_all.csv", tmp_path / "bill.csv")
    assert await scheduler.check_orders() == 1
    [edit] = delivered
    assert edit.method == "editMessageText" and edit.payload["message_id"] == 500
    assert (
        "Likely order" in edit.payload["text"]
        and "Charged twice, 41 s apart" in edit.payload["text"]
    )
    assert await scheduler.check_orders() == 0  # checked since the ledger last changed


async def test_ledger_rows_past_their_retention_are_deleted(database, tmp_path):
    shutil.copy(BILLS / "wechat_all.csv", tmp_path / "bill.csv")
    await sweep_folder(database, tmp_path, formats={}, now=NOW, settle=0)
    async with database.unit_of_work() as session:
        later = datetime(2026, 11, 28, 0, 0, tzinfo=UTC) + timedelta(days=30)
        deleted = await purge_ledger(session, now=later, retention_days=30, limit=100)
    assert deleted == 2  # paid on the 26th and the 27th; the 28th's two are kept
    async with database.unit_of_work() as session:
        kept = (await session.exec(select(LedgerOrder.order_id))).all()
    assert sorted(kept) == ["4200002345202611281234567890", "4200002345202611281234567891"]


async def test_two_workers_checking_at_once_each_take_their_own_cases(database, localizer):
    if database.is_sqlite:
        pytest.skip("SQLite has one writer at a time: nothing to run concurrently")
    for n in range(6):
        await submitted_case(
            database,
            datetime(2026, 11, 28, 14, 3, tzinfo=UTC),
            user_id=2000 + n,
            reference=f"RACE{n}",
        )
    async with database.unit_of_work() as session:
        await import_bill(
            session=session, path=BILLS / "wechat_all.csv", format_name=None, formats={}, now=NOW
        )

    async def worker() -> int:
        async with database.unit_of_work() as session:
            done = await recheck(session, now=NOW, desk=DESK, limit=4)
            await asyncio.sleep(0.2)  # hold the batch while the other worker looks
            return done.cases

    first, second = await asyncio.gather(worker(), worker())
    assert first + second == 6  # no case checked twice, none failed on its links
    async with database.unit_of_work() as session:
        assert len((await session.exec(select(OrderLink))).all()) == 6


async def test_an_agents_check_and_the_sweep_on_one_case_do_not_collide(database):
    if database.is_sqlite:
        pytest.skip("SQLite has one writer at a time: nothing to run concurrently")
    case = await submitted_case(database, datetime(2026, 11, 28, 14, 3, tzinfo=UTC))
    async with database.unit_of_work() as session:
        await import_bill(
            session=session, path=BILLS / "wechat_all.csv", format_name=None, formats={}, now=NOW
        )

    async def check(pause: float) -> None:
        async with database.unit_of_work() as session:
            fresh = await cases.case_by_id(session=session, case_id=case.id)
            assert fresh is not None
            await asyncio.sleep(pause)
            await match_case(session, fresh, NOW, MatchPolicy())
            await asyncio.sleep(0.2)

    await asyncio.gather(check(0), check(0.05))
    async with database.unit_of_work() as session:
        assert len((await session.exec(select(OrderLink))).all()) == 1
