"""Storage behaves the same on SQLite and PostgreSQL: exact money, aware times, JSON drafts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import text

from storage.database import Database, normalize_url
from storage.models import Case, CaseTransaction
from storage.repositories import cases, drafts
from tests.case_rows import add_parent, case_row

NOW = datetime(2026, 11, 20, 7, 30, tzinfo=UTC)


def _case(reference: str) -> Case:
    return case_row(
        reference, at=NOW, user_id=5, language="fr", minor_age=11, account="a", description="d"
    )


async def test_money_and_times_round_trip_exactly(database: Database):
    shanghai = timezone(timedelta(hours=8))
    async with database.unit_of_work() as session:
        await add_parent(session, 5, now=NOW, language="fr")
        case = await cases.add_case(
            session=session,
            case=_case("K7QM4"),
            transactions=[
                CaseTransaction(
                    case_id=0,
                    position=0,
                    amount=Decimal("1280.50"),
                    currency="CNY",
                    occurred_at=datetime(2026, 11, 19, 20, 5, tzinfo=shanghai),
                ),
                CaseTransaction(
                    case_id=0,
                    position=0,
                    amount=Decimal("0.01"),
                    currency="EUR",
                    occurred_at=NOW,
                    order_number="A-1",
                ),
            ],
        )
        case_id = case.id
    async with database.unit_of_work() as session:
        rows = await cases.transactions_of(session=session, case_id=case_id)
        assert [r.amount for r in rows] == [Decimal("1280.50"), Decimal("0.01")]
        assert rows[0].occurred_at == datetime(2026, 11, 19, 12, 5, tzinfo=UTC)
        assert rows[0].occurred_at.tzinfo is not None
        assert [r.position for r in rows] == [1, 2]
        assert await cases.reference_taken(session=session, reference="K7QM4")
        assert not await cases.reference_taken(session=session, reference="K7QM5")


async def test_draft_json_is_saved_when_replaced(database: Database):
    async with database.unit_of_work() as session:
        draft = await drafts.create_draft(
            session=session, user_id=9, chat_id=9, step="platform", answers={}, now=NOW
        )
        answers = {"platform": "douyin", "transactions": [{"amount": "648", "currency": "CNY"}]}
        drafts.save_draft(draft, step="problem", answers=answers, cursor={"tx": 0}, now=NOW)
        answers["platform"] = "changed after saving"  # the saved copy must not follow
    async with database.unit_of_work() as session:
        again = await drafts.get_open_draft(session=session, user_id=9)
        assert again is not None
        assert again.step == "problem"
        assert again.answers["platform"] == "douyin"
        assert again.answers["transactions"][0]["amount"] == "648"


async def test_references_are_unique_in_the_database(database: Database):
    from sqlalchemy.exc import IntegrityError

    async with database.unit_of_work() as session:
        await cases.add_case(session=session, case=_case("ABCDE"), transactions=[])
    with pytest.raises(IntegrityError):
        async with database.unit_of_work() as session:
            await cases.add_case(session=session, case=_case("ABCDE"), transactions=[])


async def test_upgrade_twice_is_harmless(database: Database):
    await database.upgrade()
    async with database.engine.connect() as conn:
        version = (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalar()
    from alembic.script import ScriptDirectory

    from storage.migrate import alembic_config

    assert version == ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_urls_operators_paste_are_accepted():
    assert normalize_url("postgresql://u@h/db") == "postgresql+asyncpg://u@h/db"
    assert normalize_url("postgres://u@h/db") == "postgresql+asyncpg://u@h/db"
    assert normalize_url("sqlite:///x.db") == "sqlite+aiosqlite:///x.db"


async def test_default_sqlite_file_is_created_under_data(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    database = Database()
    await database.upgrade()
    await database.dispose()
    assert (tmp_path / "data" / "refund-desk.db").exists()
