"""Erasure rows on SQLite and PostgreSQL: retention claims are exclusive (SKIP LOCKED on
PostgreSQL) and never repeated; a chat's Bot API traffic is forgotten, a group's only where it
is about the case; delivered exports are emptied."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from storage.database import Database
from storage.models import Case, InboxUpdate, OutboxMessage, OutboxStatus
from storage.repositories import erasure, inbox, outbox
from tests.case_rows import case_row

NOW = datetime(2026, 11, 20, 7, 30, tzinfo=UTC)
GROUP = -100500


def _case(reference: str, *, closed_days_ago: float | None) -> Case:
    closed = None if closed_days_ago is None else NOW - timedelta(days=closed_days_ago)
    return case_row(
        reference,
        at=NOW - timedelta(days=400),
        user_id=5,
        timezone="UTC",
        status="closed" if closed else "in_review",
        account="a",
        description="d",
        updated_at=NOW,
        closed_at=closed,
    )


async def _cases(database: Database, *cases: Case) -> list[int]:
    async with database.unit_of_work() as session:
        session.add_all(cases)
        await session.flush()
        return [c.id for c in cases if c.id is not None]


async def _claim(database: Database, limit: int = 10) -> list[int]:
    async with database.unit_of_work() as session:
        return await erasure.claim_expired_cases(
            session=session,
            status="closed",
            closed_before=NOW - timedelta(days=30),
            now=NOW,
            limit=limit,
        )


async def test_expired_cases_are_claimed_once_oldest_first(database: Database):
    old, older, recent, open_case = await _cases(
        database,
        _case("AAAAA", closed_days_ago=40),
        _case("BBBBB", closed_days_ago=50),
        _case("CCCCC", closed_days_ago=10),
        _case("DDDDD", closed_days_ago=None),
    )
    assert await _claim(database, limit=1) == [older]
    assert await _claim(database) == [old]
    assert await _claim(database) == []
    async with database.unit_of_work() as session:
        claimed = await erasure.claim_cases(
            session=session, case_ids=[old, recent, open_case], now=NOW
        )
    assert claimed == {recent, open_case}  # `old` was anonymized already


async def test_concurrent_workers_take_disjoint_batches(database: Database):
    if database.is_sqlite:
        pytest.skip("SQLite has one writer at a time: nothing to run concurrently")
    ids = await _cases(database, *(_case(f"R{i}AAA", closed_days_ago=40 + i) for i in range(6)))
    first_has_claimed = asyncio.Event()
    release = asyncio.Event()

    async def slow_worker() -> list[int]:
        async with database.unit_of_work() as session:
            mine = await erasure.claim_expired_cases(
                session=session,
                status="closed",
                closed_before=NOW - timedelta(days=30),
                now=NOW,
                limit=3,
            )
            first_has_claimed.set()
            await release.wait()  # keeps its rows locked meanwhile
            return mine

    task = asyncio.create_task(slow_worker())
    await first_has_claimed.wait()
    # Not blocked by the first worker's locks, and never given its rows.
    second = await asyncio.wait_for(_claim(database), timeout=10)
    release.set()
    first = await task
    assert len(first) == 3 and len(second) == 3
    assert sorted(first + second) == sorted(ids)
    assert await _claim(database) == []


async def _received(session, now: datetime, *messages: tuple[int, str]) -> list[InboxUpdate]:
    """Bot 1's updates, numbered from 1, of a text in each (chat, text), stored ``now``: the
    inbox's unprocessed rows."""
    updates = [
        {"update_id": number, "message": {"chat": {"id": chat}, "text": text}}
        for number, (chat, text) in enumerate(messages, start=1)
    ]
    await inbox.store_updates(session=session, bot_id=1, updates=updates, now=now)
    return await inbox.unprocessed(session=session, bot_id=1)


async def test_a_chat_is_forgotten_and_a_group_only_about_the_case(database: Database):
    async with database.unit_of_work() as session:
        rows = await _received(
            session,
            NOW,
            (5, "secret"),
            (GROUP, "K7QM4 card"),
            (GROUP, "other case"),
            (GROUP, "K7QM4 unread"),
        )
        await inbox.mark_processed(session=session, ids=[r.id for r in rows[:3]], now=NOW)
        queued = await outbox.add_calls(
            session=session,
            calls=[
                (5, "sendMessage", {"chat_id": 5, "text": "your account"}),
                (GROUP, "sendMessage", {"chat_id": GROUP, "_case": 7, "text": "relay"}),
                (GROUP, "sendMessage", {"chat_id": GROUP, "text": "Case K7QM4 card"}),
                (GROUP, "sendMessage", {"chat_id": GROUP, "_case": 8, "text": "other"}),
                (5, "sendDocument", {"chat_id": 5, "document": {"_upload": {"content": "x"}}}),
            ],
            now=NOW,
            lease=timedelta(seconds=5),
        )
        queued[2].status, queued[2].result = OutboxStatus.SENT, {"text": "Case K7QM4 card"}
    async with database.unit_of_work() as session:
        await erasure.forget_case_in_chat(
            session=session, chat_id=GROUP, case_id=7, reference="K7QM4"
        )
        await erasure.forget_chat(session=session, chat_id=5)
    async with database.unit_of_work() as session:
        updates = {u.update_id: u.payload for u in (await session.exec(select(InboxUpdate))).all()}
        calls = {c.id: c for c in (await session.exec(select(OutboxMessage))).all()}
    assert updates[1] == {"update_id": 1}  # the private chat: emptied
    assert updates[2] == {"update_id": 2}  # processed and about the case: emptied
    assert updates[3]["message"]["text"] == "other case"
    assert updates[4]["message"]["text"] == "K7QM4 unread"  # not processed yet: left alone
    assert queued[0].id not in calls and queued[4].id not in calls  # to the parent: dropped
    assert queued[1].id not in calls  # queued for the case's thread: dropped
    sent = calls[queued[2].id]
    assert (sent.payload, sent.result, sent.status) == ({}, {}, OutboxStatus.SENT)
    assert calls[queued[3].id].payload["text"] == "other"


async def test_delivered_uploads_are_emptied(database: Database):
    async with database.unit_of_work() as session:
        rows = await outbox.add_calls(
            session=session,
            calls=[
                (5, "sendDocument", {"chat_id": 5, "document": {"_upload": {"content": "x"}}}),
                (6, "sendDocument", {"chat_id": 6, "document": {"_upload": {"content": "y"}}}),
                (7, "sendDocument", {"chat_id": 7, "document": "AgADfileid"}),
            ],
            now=NOW,
            lease=timedelta(seconds=5),
        )
        rows[0].status = rows[2].status = OutboxStatus.SENT
    async with database.unit_of_work() as session:
        emptied = await erasure.clear_delivered_uploads(
            session=session, method="sendDocument", marker="_upload"
        )
    assert emptied == 1
    async with database.unit_of_work() as session:
        stored = [await session.get(OutboxMessage, r.id) for r in rows]
    assert stored[0].payload == {}
    assert stored[1].payload["document"]["_upload"]["content"] == "y"  # not sent yet
    assert stored[2].payload["document"] == "AgADfileid"


async def test_old_traffic_is_emptied_recent_and_waiting_traffic_kept(database: Database):
    day_ago = NOW - timedelta(days=1, minutes=1)
    async with database.unit_of_work() as session:
        rows = await _received(session, day_ago, (5, "old"), (5, "recent"), (5, "never handled"))
        await inbox.mark_processed(session=session, ids=[rows[0].id], now=day_ago)
        await inbox.mark_processed(session=session, ids=[rows[1].id], now=NOW)
        calls = await outbox.add_calls(
            session=session,
            calls=[(5, "sendMessage", {"chat_id": 5, "text": t}) for t in ("a", "b", "c")],
            now=day_ago,
            lease=timedelta(seconds=5),
        )
        calls[0].status, calls[0].result = OutboxStatus.SENT, {"message_id": 1}
        calls[1].status = OutboxStatus.FAILED
    async with database.unit_of_work() as session:
        emptied = await erasure.forget_old_traffic(session=session, before=NOW - timedelta(days=1))
    assert emptied == 3
    async with database.unit_of_work() as session:
        again = await erasure.forget_old_traffic(
            session=session, before=NOW + timedelta(minutes=1)
        )
        updates = {u.update_id: u.payload for u in (await session.exec(select(InboxUpdate))).all()}
        stored = [await session.get(OutboxMessage, c.id) for c in calls]
    assert again == 1  # the recent update, now old enough; nothing is emptied twice
    assert updates[1] == {} and updates[2] == {}
    assert updates[3]["message"]["text"] == "never handled"  # still to be processed
    assert [(s.payload, s.result) for s in stored[:2]] == [({}, {}), ({}, {})]
    assert stored[2].payload["text"] == "c"  # still being sent
