"""Handling never waits on delivery, and a group's budget goes to what people wait for (#12).

A chat's next update is handled while the previous reply still waits for the group's turn; a
press is answered and a parent told at once however busy the group is; within a group's 20 a
minute the lanes go interactive → conversation → hand-off → bulk, with a reserve for the first
two and waiting sends moving up with age; a superseded or unchanged card edit is never sent."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from bot.telegram.delivery import LANE, Delivery
from bot.telegram.errors import Permanent
from bot.telegram.pacing import (
    BULK,
    CHANGE,
    CONVERSATION,
    HANDOFF,
    INTERACTIVE,
    Pacer,
    SharedPacer,
    Ticket,
)
from bot.telegram.processing import UpdateProcessor
from handlers.events import EventKind, Incoming, Sender
from handlers.replies import AnswerButton, EditMessage, Msg, Outgoing, Reply
from storage.repositories import outbox
from tests.bot.pipeline import build_delivery, build_processor, outbox_rows, stored

GROUP = -100777
PARENT = 4242
AGENT = 77
CARD = 9


class Transport:
    """Updates are already the core's events (as dicts); calls are recorded with their time."""

    def __init__(self, refuse: Callable[[str, dict[str, Any]], Exception | None] | None = None):
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.times: list[float] = []
        self.refuse = refuse

    def to_incoming(self, payload: dict[str, Any]) -> Incoming:
        chat = payload.get("chat", PARENT)
        return Incoming(
            sender=Sender(payload.get("user", PARENT), "en", "Ann"),
            chat_id=chat,
            kind=EventKind(payload["kind"]),
            text=payload.get("text", ""),
            payload=payload.get("data"),
            callback_id=payload.get("callback_id"),
            is_private=chat > 0,
        )

    async def call(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        if self.refuse is not None and (problem := self.refuse(method, params)) is not None:
            raise problem
        self.calls.append((method, params))
        self.times.append(time.monotonic())
        return {"message_id": len(self.calls)}

    def texts(self, chat: int, method: str = "sendMessage") -> list[str]:
        return [p["text"] for m, p in self.calls if m == method and p["chat_id"] == chat]

    def answered(self) -> list[str]:
        return [p["callback_query_id"] for m, p in self.calls if m == "answerCallbackQuery"]


class Core:
    """The conversation core's part, scripted: what each event is answered with."""

    def __init__(self, database, replies: Callable[[Incoming], list[Outgoing]]) -> None:
        self.database = database
        self.replies = replies

    async def handle(self, event: Incoming, *, finish) -> list[Outgoing]:
        out = self.replies(event)
        async with self.database.unit_of_work() as session:
            await finish(session, out)
        return out


class GroupGate(Pacer):
    """Nothing goes to a group until the test opens the gate; private chats are not held."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = asyncio.Event()

    async def acquire(self, chat_id: int, messages: int = 1, **kwargs: Any) -> None:
        if chat_id < 0:
            await self.gate.wait()


def _card(text: str) -> Msg:
    return Msg("desk-card-header", {"reference": text, "status": "open"})


def _said(event: Incoming) -> str:
    return event.text or event.payload or ""


def _processor(database, clock, localizer, transport, pacer, replies) -> UpdateProcessor:
    core = Core(database, replies)
    return build_processor(
        transport, core, localizer, database, clock, pacer=pacer, sent_flush_delay=0.05
    )


async def _until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.01)


def _exhausted(per_group: int = 5, period: float = 60.0, **kwargs: Any) -> Pacer:
    """A pacer whose group budgets this window are spent: its messages (hand-offs took them
    all) and its changes (card edits, topics)."""
    pacer = Pacer(per_group_minute=per_group, group_period=period, margin=0, **kwargs)
    for key in (GROUP, (GROUP, CHANGE)):
        pacer.groups[key].record(pacer.groups[key].limit)
    return pacer


# -- handling never waits on delivery ----------------------------------------------------------


async def test_the_next_update_of_a_chat_is_handled_while_the_previous_reply_waits(
    database, clock, localizer
):
    transport, pacer = Transport(), GroupGate()

    def replies(event: Incoming) -> list[Outgoing]:
        return [Reply(GROUP, "en", (_card(_said(event)),))]

    processor = _processor(database, clock, localizer, transport, pacer, replies)
    first = await stored(database, clock, 1, kind="text", text="one", chat=GROUP, user=AGENT)
    second = await stored(database, clock, 2, kind="text", text="two", chat=GROUP, user=AGENT)
    # The group's turn has not come: neither handling waits for it.
    await asyncio.wait_for(processor.handle(first), 2)
    await asyncio.wait_for(processor.handle(second), 2)
    assert [r.payload[LANE] for r in await outbox_rows(database)] == [INTERACTIVE, INTERACTIVE]
    assert transport.texts(GROUP) == []
    pacer.gate.set()
    await _until(lambda: len(transport.texts(GROUP)) == 2)
    assert ["one" in t for t in transport.texts(GROUP)] == [True, False]  # in order
    assert all(LANE not in p for _, p in transport.calls)  # never sent to Telegram
    await processor.delivery.close()
    assert {r.status for r in await outbox_rows(database)} == {"sent"}


async def test_a_press_is_answered_while_the_groups_budget_is_exhausted(
    database, clock, localizer
):
    transport, pacer = Transport(), _exhausted()

    def replies(event: Incoming) -> list[Outgoing]:
        edit = EditMessage(GROUP, CARD, "en", (_card(_said(event)),))
        return [AnswerButton(event.callback_id or "", "en"), edit]

    processor = _processor(database, clock, localizer, transport, pacer, replies)
    for number in (1, 2, 3):
        batch = await stored(
            database,
            clock,
            number,
            kind="button",
            data=f"press-{number}",
            callback_id=f"cb-{number}",
            chat=GROUP,
            user=AGENT,
        )
        started = time.monotonic()
        await asyncio.wait_for(processor.handle(batch), 2)
        assert transport.answered()[-1] == f"cb-{number}"
        assert time.monotonic() - started < 1.0
    # The budget is spent even for the reserve: the edits wait, held by this process.
    assert transport.texts(GROUP, "editMessageText") == []
    rows = await outbox_rows(database)
    assert [r.method for r in rows] == ["editMessageText"] * 3
    assert processor.delivery.held() == {r.id for r in rows}
    await processor.delivery.close(timeout=0.2)


async def test_a_parents_acknowledgement_goes_out_while_the_group_is_saturated(
    database, clock, localizer
):
    transport, pacer = Transport(), _exhausted()

    def replies(event: Incoming) -> list[Outgoing]:  # the relay first, as the core does
        relay = Reply(GROUP, "en", (_card(_said(event)),), case_id=None)
        return [relay, Reply(PARENT, "en", (Msg("error-internal"),))]

    processor = _processor(database, clock, localizer, transport, pacer, replies)
    for number, text in enumerate(("first words", "second words"), start=1):
        batch = await stored(database, clock, number, kind="text", text=text)
        await asyncio.wait_for(processor.handle(batch), 2)
        await _until(lambda n=number: len(transport.texts(PARENT)) == n, timeout=1)
    assert transport.texts(GROUP) == []  # the relays wait for the group's window
    rows = await outbox_rows(database)
    assert [r.payload.get(LANE) for r in rows if r.chat_id == GROUP] == [CONVERSATION] * 2
    await processor.delivery.close(timeout=0.2)


# -- lanes ---------------------------------------------------------------------------------------


async def _queue(database, clock, *rows: tuple[int, str, str, dict[str, Any]]) -> list:
    """Rows ``(chat, method, lane, params)`` written to the outbox, leased to this process."""
    calls = []
    for chat, method, lane, params in rows:
        params = {"chat_id": chat, **params}
        if lane:
            params[LANE] = lane
        calls.append((chat, method, params))
    async with database.unit_of_work() as session:
        return await outbox.add_calls(
            session=session, calls=calls, now=clock.now(), lease=timedelta(seconds=30)
        )


def _delivery(database, clock, transport, pacer, flush: float = 0.05) -> Delivery:
    return build_delivery(
        transport, database, clock, pacer=pacer, base_backoff=0.01, sent_flush_delay=flush
    )


def _message(lane: str, text: str) -> tuple[int, str, str, dict[str, Any]]:
    return (GROUP, "sendMessage", lane, {"text": text})


def _pacer(kind: str, database) -> Pacer | SharedPacer:
    if kind == "memory":
        return Pacer(per_group_minute=5, group_period=1.0, margin=0, aging=60)
    return SharedPacer(database, per_group_minute=5, group_period=1.0, margin=0, aging=60)


@pytest.mark.parametrize("kind", ["memory", "shared"])
async def test_waiting_sends_go_interactive_first_and_bulk_last(database, clock, kind):
    transport, pacer = Transport(), _pacer(kind, database)
    await pacer.acquire(GROUP, 5)  # this window is spent
    delivery = _delivery(database, clock, transport, pacer)
    rows = await _queue(
        database,
        clock,
        _message(BULK, "reminder"),
        _message(HANDOFF, "new case"),
        _message(CONVERSATION, "parent says"),
        _message(INTERACTIVE, "agent's prompt"),
    )
    await delivery.deliver(rows)
    assert transport.texts(GROUP) == ["agent's prompt", "parent says", "new case", "reminder"]
    await delivery.close()


async def test_a_reserve_is_kept_for_interactive_sends(database, clock):
    transport = Transport()
    pacer = Pacer(per_group_minute=5, group_period=60.0, margin=0)  # 4 for bulk, 1 reserved
    delivery = _delivery(database, clock, transport, pacer)
    albums = [_message(BULK, f"album {i}") for i in "12345"]
    delivery.enqueue(await _queue(database, clock, *albums))
    await _until(lambda: len(transport.texts(GROUP)) == 4)
    delivery.enqueue(await _queue(database, clock, _message(INTERACTIVE, "card")))
    await _until(lambda: "card" in transport.texts(GROUP), timeout=1)
    await asyncio.sleep(0.1)
    assert transport.texts(GROUP) == ["album 1", "album 2", "album 3", "album 4", "card"]
    await delivery.close(timeout=0.2)  # "album 5" waits for the next window: left leased


async def test_a_waiting_send_moves_up_with_age_and_never_starves():
    pacer = Pacer(per_group_minute=5, group_period=30.0, margin=0, aging=0.3)
    for _ in range(4):
        await pacer.acquire(GROUP, lane=HANDOFF)  # all a hand-off may take: the reserve is left
    started = time.monotonic()
    await asyncio.wait_for(pacer.acquire(GROUP, lane=BULK), 5)
    # Bulk → hand-off after 0.3 s → conversation after 0.6 s, which may use the reserve.
    assert 0.5 <= time.monotonic() - started < 2.0


async def test_aging_puts_a_long_waiting_send_ahead_of_a_newer_higher_one():
    pacer = Pacer(per_group_minute=2, group_period=1.0, margin=0, aging=0.3)
    await pacer.acquire(GROUP, 2)
    order: list[str] = []

    async def send(lane: str, name: str, ticket: Ticket | None = None) -> None:
        await pacer.acquire(GROUP, lane=lane, ticket=ticket)
        order.append(name)

    old = asyncio.create_task(send(BULK, "old reminder", Ticket(BULK, time.monotonic() - 0.7)))
    await asyncio.sleep(0.05)
    new = asyncio.create_task(send(HANDOFF, "new hand-off"))
    await asyncio.wait_for(asyncio.gather(old, new), 5)
    assert order == ["old reminder", "new hand-off"]


# -- card edits ----------------------------------------------------------------------------------


def _edit(text: str, lane: str = INTERACTIVE, buttons: str = "a") -> tuple:
    markup = {"inline_keyboard": [[{"text": buttons, "callback_data": buttons}]]}
    params = {"message_id": CARD, "text": text, "parse_mode": "HTML", "reply_markup": markup}
    return (GROUP, "editMessageText", lane, params)


async def _results(database) -> list[tuple[str, dict[str, Any] | None]]:
    return [(r.status, r.result) for r in await outbox_rows(database)]


async def test_an_edit_superseded_by_a_later_one_is_not_sent(database, clock):
    transport, pacer = Transport(), GroupGate()
    delivery = _delivery(database, clock, transport, pacer)
    first = await _queue(database, clock, _edit("claimed"))
    delivery.enqueue(first)
    await asyncio.sleep(0.05)  # waiting for the group's turn
    later = await _queue(database, clock, _edit("asked", BULK), _edit("approved", CONVERSATION))
    delivery.enqueue(later)
    pacer.gate.set()
    await _until(lambda: bool(transport.calls))
    await delivery.close()
    assert transport.texts(GROUP, "editMessageText") == ["approved"]
    newest = later[1].id
    assert await _results(database) == [
        ("sent", {"superseded_by": newest}),
        ("sent", {"superseded_by": newest}),
        ("sent", {"message_id": 1}),
    ]


async def test_an_edit_that_changes_nothing_is_not_sent(database, clock):
    transport = Transport()
    delivery = _delivery(database, clock, transport, Pacer())
    await delivery.deliver(await _queue(database, clock, _edit("claimed")))
    await delivery.deliver(await _queue(database, clock, _edit("claimed")))  # the same again
    await delivery.deliver(await _queue(database, clock, _edit("claimed", buttons="b")))
    await delivery.close()
    assert len(transport.texts(GROUP, "editMessageText")) == 2
    assert [r for _, r in await _results(database)] == [
        {"message_id": 1},
        {"unchanged": True},
        {"message_id": 2},
    ]


async def test_message_is_not_modified_counts_as_sent(database, clock, caplog):
    def refuse(method: str, params: dict[str, Any]) -> Exception | None:
        if method == "editMessageText":  # sent before a restart: Telegram has it already
            return Permanent(
                "Bad Request: message is not modified: specified new message content and "
                "reply markup are exactly the same as a current content and reply markup"
            )
        return None

    transport = Transport(refuse)
    delivery = _delivery(database, clock, transport, Pacer())
    await delivery.deliver(await _queue(database, clock, _edit("claimed")))
    await delivery.deliver(await _queue(database, clock, _edit("claimed")))  # remembered now
    await delivery.close()
    assert await _results(database) == [("sent", {"unchanged": True})] * 2
    assert "failed" not in caplog.text


# -- shutdown and leases -------------------------------------------------------------------------


async def test_what_is_queued_is_held_and_sent_at_shutdown(database, clock):
    transport, pacer = Transport(), GroupGate()
    delivery = _delivery(database, clock, transport, pacer, flush=30)
    private = (PARENT, "sendMessage", "", {"text": "b"})
    rows = await _queue(database, clock, _message(BULK, "a"), private)
    delivery.enqueue(rows)
    await _until(lambda: transport.texts(PARENT) == ["b"])
    assert delivery.held() == {r.id for r in rows}  # "a" waiting, "b" not recorded yet
    clock.advance(seconds=120)  # leases long gone: the sweeper still leaves them alone
    assert await delivery.sweep() == 0
    closing = asyncio.create_task(delivery.close())
    await asyncio.sleep(0.05)
    pacer.gate.set()
    await closing
    assert transport.texts(GROUP) == ["a"]
    assert {status for status, _ in await _results(database)} == {"sent"}
