"""Follow-up rows on SQLite and PostgreSQL: scheduling, cancelling, claiming exactly once."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta, timezone

import pytest

from storage.database import Database
from storage.models import Case
from storage.repositories import followups
from tests.case_rows import case_row

NOW = datetime(2026, 11, 20, 7, 30, tzinfo=UTC)


def _case(reference: str) -> Case:
    return case_row(
        reference, at=NOW, user_id=5, timezone="Asia/Shanghai", account="a", description="d"
    )


async def _schedule(database: Database, *offsets: float, kind: str = "reminder") -> list[int]:
    async with database.unit_of_work() as session:
        rows = [
            await followups.schedule(
                session=session, kind=kind, due_at=NOW + timedelta(minutes=m), now=NOW
            )
            for m in offsets
        ]
        return [row.id for row in rows if row.id is not None]


async def _statuses(database: Database, ids: list[int]) -> list[str]:
    async with database.unit_of_work() as session:
        rows = [await followups.get(session=session, follow_up_id=i) for i in ids]
        return [row.status for row in rows if row is not None]


async def test_a_scheduled_follow_up_keeps_its_due_time_and_details(database: Database):
    paris = datetime(2026, 11, 21, 9, 0, tzinfo=timezone(timedelta(hours=1)))
    async with database.unit_of_work() as session:
        row = await followups.schedule(
            session=session, kind="check-in", due_at=paris, now=NOW, details={"step": 2}
        )
    async with database.unit_of_work() as session:
        assert row.id is not None
        stored = await followups.get(session=session, follow_up_id=row.id)
        assert stored is not None
        assert stored.due_at == paris and stored.due_at.tzinfo is not None
        assert (stored.status, stored.details, stored.attempts) == ("pending", {"step": 2}, 0)
        assert await followups.pending_count(session=session) == 1


async def test_naive_due_time_is_refused(database: Database):
    async with database.unit_of_work() as session:
        with pytest.raises(ValueError):
            await followups.schedule(
                session=session, kind="x", due_at=datetime(2026, 11, 21), now=NOW
            )


async def test_due_and_pending_between_split_the_timeline(database: Database):
    late, now_, soon, later = await _schedule(database, -30, 0, 5, 60)
    async with database.unit_of_work() as session:
        due = await followups.due(session=session, now=NOW, limit=10)
        assert [r.id for r in due] == [late, now_]
        window = await followups.pending_between(
            session=session, start=NOW, end=NOW + timedelta(minutes=10), limit=10
        )
        assert [r.id for r in window] == [soon]
        page = await followups.due(session=session, now=NOW, limit=10, after=(due[0].due_at, late))
        assert [r.id for r in page] == [now_]
    assert later


async def test_cancel_touches_only_pending_rows_of_that_case_and_kind(database: Database):
    async with database.unit_of_work() as session:
        session.add(_case("K7QM4"))
        session.add(_case("K7QM5"))
    async with database.unit_of_work() as session:
        rows = [
            await followups.schedule(
                session=session, kind=kind, due_at=NOW, now=NOW, case_id=case_id
            )
            for case_id, kind in ((1, "reminder"), (1, "escalation"), (2, "reminder"))
        ]
    ids = [row.id for row in rows if row.id is not None]
    async with database.unit_of_work() as session:
        assert await followups.claim(session=session, follow_up_id=ids[1], now=NOW)
    async with database.unit_of_work() as session:
        assert await followups.cancel(session=session, case_id=1, now=NOW) == 1
        assert (
            await followups.cancel(session=session, case_id=2, kinds=["escalation"], now=NOW) == 0
        )
    assert await _statuses(database, ids) == ["cancelled", "sent", "pending"]
    async with database.unit_of_work() as session:
        with pytest.raises(ValueError):
            await followups.cancel(session=session, now=NOW)


async def test_claim_wins_once_and_never_before_due(database: Database):
    due_id, future_id = await _schedule(database, -1, 5)
    async with database.unit_of_work() as session:
        assert not await followups.claim(session=session, follow_up_id=future_id, now=NOW)
        assert await followups.claim(session=session, follow_up_id=due_id, now=NOW)
    async with database.unit_of_work() as session:
        assert not await followups.claim(session=session, follow_up_id=due_id, now=NOW)
        row = await followups.get(session=session, follow_up_id=due_id)
        assert row is not None
        assert (row.status, row.attempts, row.sent_at) == ("sent", 1, NOW)


async def test_concurrent_claims_from_two_engines_have_one_winner(database: Database):
    ids = await _schedule(database, *([-1] * 40))
    other = Database(database.url)
    try:

        async def claim_all(db: Database) -> list[int]:
            won = []
            for follow_up_id in ids:
                async with db.unit_of_work() as session:
                    if await followups.claim(session=session, follow_up_id=follow_up_id, now=NOW):
                        won.append(follow_up_id)
                await asyncio.sleep(0)
            return won

        first, second = await asyncio.gather(claim_all(database), claim_all(other))
    finally:
        await other.dispose()
    assert sorted(first + second) == ids


async def test_claim_due_batches_are_disjoint_and_oldest_first(database: Database):
    ids = await _schedule(database, -3, -2, -1, 30)
    async with database.unit_of_work() as session:
        first = await followups.claim_due_batch(session=session, now=NOW, limit=2)
        assert [r.id for r in first] == ids[:2]
        assert all(r.status == "sent" and r.attempts == 1 for r in first)
    async with database.unit_of_work() as session:
        second = await followups.claim_due_batch(session=session, now=NOW, limit=10)
        assert [r.id for r in second] == ids[2:3]
        assert await followups.pending_count(session=session) == 1


async def test_release_gives_a_claimed_row_back_until_the_attempts_run_out(database: Database):
    (follow_up_id,) = await _schedule(database, -1)
    for attempt, expected in ((1, "pending"), (2, "pending"), (3, "failed")):
        async with database.unit_of_work() as session:
            (row,) = await followups.claim_due_batch(session=session, now=NOW, limit=5)
            assert row.attempts == attempt
            status = await followups.release(
                session=session, follow_up_id=follow_up_id, max_attempts=3
            )
            assert status == expected
    async with database.unit_of_work() as session:
        stored = await followups.get(session=session, follow_up_id=follow_up_id)
        assert stored is not None
        assert (stored.status, stored.attempts, stored.sent_at) == ("failed", 3, None)
        assert not await followups.claim_due_batch(session=session, now=NOW, limit=5)
        assert (
            await followups.release(session=session, follow_up_id=follow_up_id, max_attempts=3)
            is None
        )
