"""Outbox delivery: retries, Telegram's 429, plain-text fallback, order per chat, sweeping."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from bot.telegram.delivery import Delivery
from bot.telegram.errors import Permanent, RetryLater, Transient
from bot.telegram.pacing import Pacer, Window
from storage.repositories import outbox


class ScriptedTransport:
    """Answers calls from a script of exceptions, then succeeds; records what was sent."""

    def __init__(self, *script: Exception) -> None:
        self.script = list(script)
        self.sent: list[tuple[str, dict[str, Any]]] = []

    async def call(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        if self.script:
            raise self.script.pop(0)
        self.sent.append((method, params))
        return {"message_id": len(self.sent)}


async def _queue(database, clock, *texts: str, chat_id: int = 7, lease: float = 30) -> list:
    async with database.unit_of_work() as session:
        calls = [
            (chat_id, "sendMessage", {"chat_id": chat_id, "text": t, "parse_mode": "HTML"})
            for t in texts
        ]
        return await outbox.add_calls(
            session=session, calls=calls, now=clock.now(), lease=timedelta(seconds=lease)
        )


def _delivery(transport, database, clock, **kw) -> Delivery:
    return Delivery(
        transport=transport,
        database=database,
        clock=clock,
        pacer=Pacer(),
        lease=timedelta(seconds=30),
        base_backoff=0.01,
        **kw,
    )


async def _statuses(database, clock) -> list[str]:
    from sqlmodel import select

    from storage.models import OutboxMessage

    async with database.unit_of_work() as session:
        rows = (await session.exec(select(OutboxMessage).order_by(OutboxMessage.id))).all()
        return [r.status for r in rows]


async def test_429_and_network_errors_are_retried_until_sent(database, clock):
    transport = ScriptedTransport(RetryLater(0.05), Transient("502"), Transient("reset"))
    rows = await _queue(database, clock, "a", "b")
    await _delivery(transport, database, clock).deliver(rows)
    assert [p["text"] for _, p in transport.sent] == ["a", "b"]
    assert await _statuses(database, clock) == ["sent", "sent"]


async def test_broken_html_is_resent_as_plain_text(database, clock):
    transport = ScriptedTransport(Permanent("Bad Request: can't parse entities: unclosed"))
    rows = await _queue(database, clock, "<b>Case K7QM4</b> &amp; more <i>oops")
    await _delivery(transport, database, clock).deliver(rows)
    _, params = transport.sent[0]
    assert params["text"] == "Case K7QM4 & more oops" and "parse_mode" not in params
    assert await _statuses(database, clock) == ["sent"]


async def test_a_refused_message_is_recorded_not_fatal(database, clock, caplog):
    transport = ScriptedTransport(Permanent("Forbidden: bot was blocked by the user"))
    rows = await _queue(database, clock, "x", "y")
    await _delivery(transport, database, clock).deliver(rows)
    assert await _statuses(database, clock) == ["failed", "sent"]
    assert "blocked" in caplog.text


async def test_a_chat_waits_in_order_and_the_sweeper_finishes_later(database, clock):
    transport = ScriptedTransport(*[Transient("down")] * 3)
    rows = await _queue(database, clock, "first", "second")
    delivery = _delivery(transport, database, clock, attempts=3)
    await delivery.deliver(rows)
    assert transport.sent == []  # "second" never overtakes "first"
    assert await _statuses(database, clock) == ["pending", "sending"]
    clock.advance(seconds=60)  # retry time and the lease have both passed
    assert await delivery.sweep() == 2
    assert [p["text"] for _, p in transport.sent] == ["first", "second"]


async def test_a_long_429_postpones_instead_of_blocking(database, clock):
    transport = ScriptedTransport(RetryLater(500))
    rows = await _queue(database, clock, "later")
    await _delivery(transport, database, clock, max_retry_wait=10).deliver(rows)
    assert await _statuses(database, clock) == ["pending"]


def test_group_window_allows_twenty_a_minute():
    now = [0.0]
    window = Window(20, 60.0, lambda: now[0])
    for _ in range(20):
        assert window.wait_needed() == 0
        window.record()
        now[0] += 1
    assert window.wait_needed() == pytest.approx(40.0)
    now[0] = 60.0
    assert window.wait_needed() == 0


async def test_a_row_waiting_on_429_is_not_sent_again_by_the_sweeper(database, clock):
    import asyncio

    transport = ScriptedTransport(RetryLater(0.3))
    rows = await _queue(database, clock, "once", lease=0.01)
    delivery = Delivery(
        transport=transport,
        database=database,
        clock=clock,
        pacer=Pacer(),
        lease=timedelta(seconds=0.01),
        base_backoff=0.01,
    )
    sending = asyncio.create_task(delivery.deliver(rows))
    await asyncio.sleep(0.1)
    clock.advance(seconds=5)  # the original lease is long gone
    assert await delivery.sweep() == 0
    await sending
    assert [p["text"] for _, p in transport.sent] == ["once"]
