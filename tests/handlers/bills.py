"""The merchant's bills for the order-matching tests: a desk in Shanghai (where the WeChat Pay
bills in ``tests/fixtures/orders`` were paid), a ledger emptied before each test, a bill file
imported."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import text

from bot.orders.importer import import_bill
from handlers.policy import DeskPolicy
from storage.database import Database
from tests.handlers.desk_helpers import GROUP

BILLS = Path(__file__).resolve().parents[1] / "fixtures" / "orders"


def shanghai_desk() -> DeskPolicy:
    return DeskPolicy(chat_id=GROUP, language="en", timezone="Asia/Shanghai", use_topics=True)


async def without_bills(database: Database) -> Database:
    """The database with no bill and no link left by an earlier test (PostgreSQL's is shared
    by the session; SQLite's is new for each test)."""
    if not database.is_sqlite:
        async with database.engine.begin() as conn:
            await conn.execute(text("TRUNCATE order_links, ledger_orders RESTART IDENTITY"))
    return database


async def import_bills(database: Database, now: datetime, name: str = "wechat_all.csv") -> None:
    async with database.unit_of_work() as session:
        await import_bill(
            session=session, path=BILLS / name, format_name=None, formats={}, now=now
        )
