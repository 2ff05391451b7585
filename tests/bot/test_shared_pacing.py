"""Telegram's limits are the bot's, not a process's: two workers sending through the database's
send log (``SharedPacer``) never go beyond them together.

Send times are taken when ``acquire`` returns; the pacer's margin (0.3 s here) stands for the
time a request takes to reach Telegram, so a loaded machine does not make these flaky."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.telegram.pacing import SharedPacer

GROUP = -1001


@pytest.fixture
def shared_database(database):
    if database.is_sqlite:
        pytest.skip("several workers share one PostgreSQL; SQLite runs one process (Pacer)")
    return database


def _most_in_any_window(times: list[float], period: float) -> int:
    times = sorted(times)
    most, start = 0, 0
    for end, moment in enumerate(times):
        while moment - times[start] >= period:
            start += 1
        most = max(most, end - start + 1)
    return most


async def _send_all(pacers: list[SharedPacer], chats: list[int]) -> list[float]:
    sent: list[float] = []

    async def one(pacer: SharedPacer, chat: int) -> None:
        await pacer.acquire(chat)
        sent.append(time.monotonic())

    await asyncio.gather(
        *(one(pacers[index % len(pacers)], chat) for index, chat in enumerate(chats))
    )
    return sent


async def test_two_workers_share_one_group_budget(shared_database):
    pacers = [
        SharedPacer(shared_database, per_group_minute=5, group_period=1.0, margin=0.3)
        for _ in range(2)
    ]
    sent = await _send_all(pacers, [GROUP] * 12)
    assert len(sent) == 12
    # 12 sends at 5 per second: never more than 5 in any second, so it takes over 2 s.
    assert _most_in_any_window(sent, 1.0) <= 5
    assert max(sent) - min(sent) >= 2.0


async def test_two_workers_share_the_overall_budget(shared_database):
    pacers = [SharedPacer(shared_database, per_second=10, margin=0.3) for _ in range(2)]
    sent = await _send_all(pacers, list(range(1, 26)))  # 25 private chats, one message each
    assert _most_in_any_window(sent, 1.0) <= 10
    assert max(sent) - min(sent) >= 2.0


async def test_a_private_chat_gets_about_one_a_second_after_a_burst(shared_database):
    pacer = SharedPacer(shared_database, private_burst=3, margin=0.3)
    sent = await _send_all([pacer], [42] * 5)
    assert _most_in_any_window(sent, 3.0) <= 3
    # Another chat is not held up by the first one's pace.
    started = time.monotonic()
    await pacer.acquire(43)
    assert time.monotonic() - started < 0.5


async def test_an_albums_items_each_count(shared_database):
    pacer = SharedPacer(shared_database, per_group_minute=5, group_period=1.0, margin=0.3)
    started = time.monotonic()
    await pacer.acquire(GROUP, messages=3)
    await pacer.acquire(GROUP, messages=2)
    assert time.monotonic() - started < 0.5  # 5 fit in the window
    await pacer.acquire(GROUP, messages=1)  # the sixth waits for the window to move
    assert time.monotonic() - started >= 1.0


async def test_the_in_memory_pacer_counts_album_items_and_private_bursts():
    from bot.telegram.pacing import Pacer

    pacer = Pacer(per_group_minute=5, group_period=1.0, private_burst=2)
    started = time.monotonic()
    await pacer.acquire(GROUP, messages=4)
    await pacer.acquire(GROUP, messages=2)  # 6 > 5: waits a window
    assert time.monotonic() - started >= 0.9
    started = time.monotonic()
    for _ in range(3):  # a private chat: 2 in 2 seconds, then one a second
        await pacer.acquire(42)
    assert time.monotonic() - started >= 1.5


async def test_a_groups_card_edits_have_their_own_budget(shared_database):
    """Telegram's 20 a minute count the messages posted; edits and topics are paced apart, so
    a burst of card edits never holds up a new case's card (and vice versa)."""
    from bot.telegram.pacing import CHANGE, MESSAGE, Pacer

    for pacer in (
        Pacer(per_group_minute=5, group_period=1.0, group_changes=5),
        SharedPacer(
            shared_database, per_group_minute=5, group_period=1.0, margin=0.3, group_changes=5
        ),
    ):
        started = time.monotonic()
        for _ in range(5):
            await pacer.acquire(GROUP, kind=CHANGE)
        await pacer.acquire(GROUP, messages=4, kind=MESSAGE)  # the edits took none of these
        assert time.monotonic() - started < 0.5
        await pacer.acquire(GROUP, kind=CHANGE)  # the sixth edit waits for its own window
        assert time.monotonic() - started >= 1.0
