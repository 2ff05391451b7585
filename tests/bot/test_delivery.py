"""Outbox delivery: retries, Telegram's 429, plain-text fallback, order per chat, sweeping;
"sent" recorded without a transaction of its own, leases renewed while rows wait, callback
answers outside the outbox."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from bot.telegram.delivery import Delivery
from bot.telegram.errors import Permanent, RetryLater, Transient
from bot.telegram.pacing import Pacer, Window
from storage.repositories import outbox
from tests.bot.pipeline import build_delivery, outbox_rows


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
    return build_delivery(transport, database, clock, base_backoff=0.01, **kw)


async def _statuses(database, clock) -> list[str]:
    return [r.status for r in await outbox_rows(database)]


async def test_429_and_network_errors_are_retried_until_sent(database, clock):
    transport = ScriptedTransport(RetryLater(0.05), Transient("502"), Transient("reset"))
    rows = await _queue(database, clock, "a", "b")
    delivery = _delivery(transport, database, clock)
    await delivery.deliver(rows)
    await delivery.close()
    assert [p["text"] for _, p in transport.sent] == ["a", "b"]
    assert await _statuses(database, clock) == ["sent", "sent"]


async def test_broken_html_is_resent_as_plain_text(database, clock):
    transport = ScriptedTransport(Permanent("Bad Request: can't parse entities: unclosed"))
    rows = await _queue(database, clock, "<b>Case K7QM4</b> &amp; more <i>oops")
    delivery = _delivery(transport, database, clock)
    await delivery.deliver(rows)
    await delivery.close()
    _, params = transport.sent[0]
    assert params["text"] == "Case K7QM4 & more oops" and "parse_mode" not in params
    assert await _statuses(database, clock) == ["sent"]


async def test_a_refused_message_is_recorded_not_fatal(database, clock, caplog):
    transport = ScriptedTransport(Permanent("Forbidden: bot was blocked by the user"))
    rows = await _queue(database, clock, "x", "y")
    delivery = _delivery(transport, database, clock)
    await delivery.deliver(rows)
    await delivery.close()
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
    await delivery.close()
    assert await _statuses(database, clock) == ["sent", "sent"]


async def test_a_long_429_postpones_instead_of_blocking(database, clock):
    transport = ScriptedTransport(RetryLater(500))
    rows = await _queue(database, clock, "later")
    delivery = _delivery(transport, database, clock, max_retry_wait=10)
    await delivery.deliver(rows)
    await delivery.close()
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
    delivery = _delivery(transport, database, clock, lease=timedelta(seconds=0.01))
    sending = asyncio.create_task(delivery.deliver(rows))
    await asyncio.sleep(0.1)
    clock.advance(seconds=5)  # the original lease is long gone
    assert await delivery.sweep() == 0
    await sending
    assert [p["text"] for _, p in transport.sent] == ["once"]
    await delivery.close()


# -- "sent" without a transaction of its own ---------------------------------------------------


def _commits(database) -> list[str]:
    """Every COMMIT and every UPDATE of the outbox from now on, in order."""
    from sqlalchemy import event

    seen: list[str] = []

    def statement(conn, cursor, sql, *args) -> None:
        if sql.lstrip().upper().startswith("UPDATE OUTBOX"):
            seen.append("update outbox")

    event.listen(database.engine.sync_engine, "before_cursor_execute", statement)
    event.listen(database.engine.sync_engine, "commit", lambda conn: seen.append("commit"))
    return seen


async def test_rows_sent_together_are_recorded_in_one_statement(database, clock):
    transport = ScriptedTransport()
    rows = await _queue(database, clock, "a", "b", "c")
    delivery = _delivery(transport, database, clock, sent_flush_delay=30)
    seen = _commits(database)
    await delivery.deliver(rows)
    assert seen == []  # sending wrote nothing yet
    assert await _statuses(database, clock) == ["sending"] * 3
    assert delivery.held() == {r.id for r in rows}  # still this process's
    seen.clear()
    await delivery.flush()
    assert seen == ["update outbox", "commit"]  # one executemany, one transaction
    assert await _statuses(database, clock) == ["sent"] * 3
    assert delivery.held() == set()
    await delivery.close()


async def test_sent_marks_ride_on_the_next_transaction(database, clock):
    transport = ScriptedTransport()
    rows = await _queue(database, clock, "a", "b")
    delivery = _delivery(transport, database, clock, sent_flush_delay=30)
    await delivery.deliver(rows)
    # A transaction that rolls back gives the marks back ...
    marks = delivery.take_sent()
    assert len(marks) == 2 and delivery.take_sent() == []
    with pytest.raises(RuntimeError):
        async with database.unit_of_work() as session:
            await outbox.mark_sent(session=session, sent=marks)
            raise RuntimeError("the core failed")
    delivery.sent_not_recorded(marks)
    assert await _statuses(database, clock) == ["sending", "sending"]
    # ... and the next one that commits records them.
    marks = delivery.take_sent()
    async with database.unit_of_work() as session:
        await outbox.mark_sent(session=session, sent=marks)
    delivery.sent_recorded(marks)
    assert await _statuses(database, clock) == ["sent", "sent"]
    assert delivery.held() == set()
    await delivery.close()


async def test_unrecorded_sent_rows_are_written_by_the_timer(database, clock):
    import asyncio

    transport = ScriptedTransport()
    rows = await _queue(database, clock, "idle")
    delivery = _delivery(transport, database, clock, sent_flush_delay=0.05)
    await delivery.deliver(rows)
    for _ in range(100):
        if await _statuses(database, clock) == ["sent"]:
            break
        await asyncio.sleep(0.02)
    assert await _statuses(database, clock) == ["sent"]
    await delivery.close()


async def test_a_sent_row_not_yet_recorded_is_never_sent_again(database, clock):
    transport = ScriptedTransport()
    rows = await _queue(database, clock, "once", lease=1)
    delivery = _delivery(transport, database, clock, sent_flush_delay=30)
    await delivery.deliver(rows)
    clock.advance(seconds=120)  # its lease has long run out, "sent" not written yet
    assert await delivery.sweep() == 0
    await delivery.close()  # writes it
    other = _delivery(transport, database, clock)  # another process, later
    clock.advance(seconds=120)
    assert await other.sweep() == 0
    assert [p["text"] for _, p in transport.sent] == ["once"]
    await other.close()


# -- leases renewed while rows wait ------------------------------------------------------------


class GatedPacer(Pacer):
    """A pacer that lets nothing through until the test opens it."""

    def __init__(self) -> None:
        import asyncio

        super().__init__()
        self.gate = asyncio.Event()

    async def acquire(self, chat_id: int, messages: int = 1, **kwargs: Any) -> None:
        await self.gate.wait()


async def test_a_row_waiting_in_the_pacer_keeps_its_lease(database, clock):
    import asyncio

    transport = ScriptedTransport()
    rows = await _queue(database, clock, "first", "second", lease=0.6)
    pacer = GatedPacer()
    lease = timedelta(seconds=0.6)
    here = build_delivery(
        transport, database, clock, pacer=pacer, lease=lease, sent_flush_delay=30
    )
    sending = asyncio.create_task(here.deliver(rows))
    elsewhere = _delivery(transport, database, clock)  # another process's sweeper
    for _ in range(3):
        clock.advance(seconds=0.4)  # each step is within a lease ...
        await asyncio.sleep(0.5)  # ... and a renewal (every lease / 3) comes in between
        assert await elsewhere.sweep() == 0
    pacer.gate.set()
    await sending
    clock.advance(seconds=0.4)
    await asyncio.sleep(0.5)  # "sent" not written yet: the lease is still being renewed
    assert await elsewhere.sweep() == 0
    await here.close()
    clock.advance(seconds=60)
    assert await elsewhere.sweep() == 0
    assert [p["text"] for _, p in transport.sent] == ["first", "second"]
    await elsewhere.close()


async def test_without_renewal_another_process_would_take_the_row(database, clock):
    """The check above is meaningful: a row whose lease ran out is taken by a sweeper."""
    transport = ScriptedTransport()
    await _queue(database, clock, "orphan", lease=0.3)
    clock.advance(seconds=1)
    elsewhere = _delivery(transport, database, clock)
    assert await elsewhere.sweep() == 1
    await elsewhere.close()


# -- callback answers ------------------------------------------------------------------------


async def test_callback_answers_are_sent_at_once_and_retried_in_the_background(database, clock):
    import asyncio

    transport = ScriptedTransport(Transient("reset"))
    delivery = _delivery(transport, database, clock)
    answer = (0, "answerCallbackQuery", {"callback_query_id": "q1"})
    await delivery.answer([answer])
    assert transport.sent == []  # the first attempt failed; no exception
    for _ in range(100):
        if transport.sent:
            break
        await asyncio.sleep(0.01)
    assert transport.sent == [("answerCallbackQuery", {"callback_query_id": "q1"})]
    await delivery.close()
    assert await _statuses(database, clock) == []  # never an outbox row


async def test_a_refused_or_broken_callback_answer_breaks_nothing(database, clock, caplog):
    class Broken(ScriptedTransport):
        async def call(self, method, params):
            if params["callback_query_id"] == "bug":
                raise ValueError("a bug in the transport")
            return await super().call(method, params)

    transport = Broken(Permanent("query is too old"))
    delivery = _delivery(transport, database, clock)
    await delivery.answer(
        [
            (0, "answerCallbackQuery", {"callback_query_id": "old"}),
            (0, "answerCallbackQuery", {"callback_query_id": "bug"}),
            (0, "answerCallbackQuery", {"callback_query_id": "fine"}),
        ]
    )
    assert transport.sent == [("answerCallbackQuery", {"callback_query_id": "fine"})]
    assert "too old" in caplog.text and "a bug in the transport" in caplog.text
    await delivery.close()


async def test_a_callback_answer_is_given_up_after_a_few_attempts(database, clock, caplog):
    from bot.telegram.delivery import ANSWER_ATTEMPTS

    transport = ScriptedTransport(*[Transient("down")] * 10)
    delivery = _delivery(transport, database, clock)
    await delivery.answer([(0, "answerCallbackQuery", {"callback_query_id": "q"})])
    await delivery.close()  # waits for the background retries
    assert transport.sent == [] and len(transport.script) == 10 - ANSWER_ATTEMPTS
    assert "given up" in caplog.text
