"""Several workers on one PostgreSQL handle each chat one at a time, in update order, whichever
worker received each update; albums are gathered across workers; a dead worker's chats are
taken over once its lease expires; a live worker's are never taken."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest

from bot.telegram.chat_leases import LeasedChats
from storage.models import InboxUpdate
from storage.repositories import inbox, leases

BOT = 7


@pytest.fixture
def shared_database(database):
    if database.is_sqlite:
        pytest.skip("several workers share one PostgreSQL; SQLite runs one process (ChatQueues)")
    return database


class Recorder:
    """A handler that marks rows processed and notes who handled what, and overlaps."""

    def __init__(self, database, clock, delay: float = 0.02) -> None:
        self.database, self.clock, self.delay = database, clock, delay
        self.handled: list[tuple[str, list[int]]] = []
        self.busy: set[int] = set()
        self.overlaps = 0

    def handler_for(self, worker: str):
        async def handle(batch: list[InboxUpdate]) -> None:
            chat = batch[0].chat_id
            if chat in self.busy:
                self.overlaps += 1
            self.busy.add(chat)
            try:
                await asyncio.sleep(self.delay)
                async with self.database.unit_of_work() as session:
                    await inbox.mark_processed(
                        session=session, ids=[r.id for r in batch], now=self.clock.now()
                    )
                self.handled.append((worker, [r.update_id for r in batch]))
            finally:
                self.busy.discard(chat)

        return handle

    def order_of(self, chat_updates: set[int]) -> list[int]:
        return [u for _, batch in self.handled for u in batch if u in chat_updates]


def _worker(database, clock, recorder: Recorder, name: str, lease: float = 5.0) -> LeasedChats:
    chats = LeasedChats(
        recorder.handler_for(name),
        database=database,
        clock=clock,
        owner=name,
        lease=timedelta(seconds=lease),
        album_wait=0.2,
    )
    chats.bot_id = BOT
    return chats


def _message(update_id: int, chat: int, group: str | None = None) -> dict[str, Any]:
    message: dict[str, Any] = {"message_id": update_id, "chat": {"id": chat}, "date": 0}
    if group:
        message["media_group_id"] = group
    return {"update_id": update_id, "message": message}


async def _store(database, clock, updates: list[dict[str, Any]]) -> list[InboxUpdate]:
    async with database.unit_of_work() as session:
        return await inbox.store_updates(
            session=session, bot_id=BOT, updates=updates, now=clock.now()
        )


async def test_updates_of_one_chat_received_by_three_workers_are_handled_in_order_one_at_a_time(
    shared_database, clock
):
    recorder = Recorder(shared_database, clock)
    workers = [_worker(shared_database, clock, recorder, f"w{i}") for i in range(3)]
    expected: dict[int, list[int]] = {}
    update_id = 100
    for _round in range(6):
        for chat in (1, 2, 3, 4):
            update_id += 1
            expected.setdefault(chat, []).append(update_id)
            # Round-robin: each update reaches another worker, as behind a load balancer.
            worker = workers[update_id % 3]
            worker.submit(await _store(shared_database, clock, [_message(update_id, chat)]))
    for worker in workers:
        await worker.drain()
    for ids in expected.values():
        assert recorder.order_of(set(ids)) == ids
    assert recorder.overlaps == 0
    assert sorted(u for _, b in recorder.handled for u in b) == sorted(
        u for ids in expected.values() for u in ids
    )  # each once


async def test_an_album_split_between_workers_is_handled_whole(shared_database, clock):
    recorder = Recorder(shared_database, clock)
    first, second = (_worker(shared_database, clock, recorder, n) for n in ("w1", "w2"))
    first.submit(await _store(shared_database, clock, [_message(201, 9, "album")]))
    await asyncio.sleep(0.05)  # the second item reaches another worker a moment later
    second.submit(await _store(shared_database, clock, [_message(202, 9, "album")]))
    await asyncio.sleep(0.05)
    second.submit(await _store(shared_database, clock, [_message(203, 9, "album")]))
    await first.drain()
    await second.drain()
    assert [batch for _, batch in recorder.handled] == [[201, 202, 203]]


async def test_a_dead_workers_chat_is_taken_over_after_its_lease_and_a_live_ones_never(
    shared_database, clock
):
    recorder = Recorder(shared_database, clock)
    await _store(shared_database, clock, [_message(301, 11), _message(302, 12)])
    async with shared_database.unit_of_work() as session:
        # Chat 11: a worker died holding it (lease ran out); chat 12: a live worker has it.
        for chat, owner, seconds in ((11, "dead", -1), (12, "alive", 60)):
            assert await leases.take(
                session=session,
                bot_id=BOT,
                chat_id=chat,
                owner=owner,
                now=clock.now(),
                lease=timedelta(seconds=seconds),
            )
    starting = _worker(shared_database, clock, recorder, "new")
    assert await starting.sweep() == 1
    await starting.drain()
    assert [batch for _, batch in recorder.handled] == [[301]]
    async with shared_database.unit_of_work() as session:
        assert [r.update_id for r in await inbox.unprocessed(session=session, bot_id=BOT)] == [302]


async def test_a_redelivered_update_whose_row_was_never_handled_is_handled(shared_database, clock):
    from bot.telegram.intake import Inbox

    recorder = Recorder(shared_database, clock)
    # A worker stored update 401 and died before handling it (or answering Telegram).
    await _store(shared_database, clock, [_message(401, 21)])
    other = _worker(shared_database, clock, recorder, "w2")
    receiving = Inbox(database=shared_database, clock=clock, queues=other)
    receiving.bot_id = BOT
    await receiving.accept([_message(401, 21)])  # Telegram sends it again, to another worker
    await other.drain()
    assert [batch for _, batch in recorder.handled] == [[401]]
