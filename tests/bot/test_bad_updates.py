"""One bad update never stops the bot (issue #10): an update no framework can read, an answer
to getUpdates that is not Telegram's JSON, an update whose handling keeps raising. Each is
retried where retrying can help, then set aside where the operator sees it, and the chat (and
the poller) go on."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlmodel import select

from bot.metrics import REGISTRY
from bot.telegram.errors import Transient
from bot.telegram.intake import Inbox, poll
from bot.telegram.ordering import ChatQueues
from handlers.events import EventKind, Incoming, Sender
from handlers.replies import Msg
from storage.models import InboxUpdate
from storage.repositories import inbox
from tests.bot.pipeline import build_processor, outbox_rows
from tests.case_rows import add_parent

PARENT = 4242
GROUP = -100777
SECRET = "words only the parent may read"
HTML_502 = "<html><body><h1>502 Bad Gateway</h1><p>nginx, " + SECRET + "</p></body></html>"


def _counter(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(f"refund_desk_{name}_total", labels) or 0.0


# -- the inbox takes any update ---------------------------------------------------------------

MALFORMED: list[tuple[dict[str, Any], int | None]] = [
    ({"update_id": 1, "message": {"message_id": 5, "text": SECRET}}, None),  # no chat, no date
    ({"update_id": 2, "message": None}, None),
    ({"update_id": 3, "message": {"chat": "private"}}, None),
    ({"update_id": 4, "message": {"chat": {"id": "42"}}}, None),
    ({"update_id": 5, "edited_message": {"chat": None}}, None),
    ({"update_id": 6, "callback_query": {"id": "q", "data": "x"}}, None),  # no from, no message
    ({"update_id": 7, "callback_query": {"id": "q", "from": {"id": 77}, "message": {}}}, 77),
    ({"update_id": 8, "callback_query": {"id": "q", "message": {"chat": {"id": 9}}}}, 9),
    ({"update_id": 9, "callback_query": "odd"}, None),
    ({"update_id": 10, "my_chat_member": {"from": {"id": 1}}}, None),
    ({"update_id": 11, "poll": {"id": "p", "question": {"odd": 1}, "options": "odd"}}, None),
]


@pytest.mark.parametrize(
    ("update", "chat"), MALFORMED, ids=[str(u["update_id"]) for u, _ in MALFORMED]
)
def test_chat_of_a_malformed_update_is_none_or_what_can_be_read(update, chat):
    assert inbox.chat_of(update) == chat


async def test_malformed_updates_are_stored_all_the_same(database, clock):
    """The webhook answered 500 to these (Telegram then redelivers forever); polling died."""
    updates = [update for update, _ in MALFORMED]
    async with database.unit_of_work() as session:
        rows = await inbox.store_updates(
            session=session, bot_id=1, updates=updates, now=clock.now()
        )
    assert [(r.update_id, r.chat_id) for r in rows] == [(u["update_id"], c) for u, c in MALFORMED]
    async with database.unit_of_work() as session:
        stored = await inbox.unprocessed(session=session, bot_id=1)
    assert [r.payload for r in stored] == updates  # exactly as sent, for the operator


# -- handling: unreadable, failing, recovered --------------------------------------------------


class FakeTransport:
    """Updates are already the core's events (as dicts); ``kind: "broken"`` cannot be read."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def to_incoming(self, payload: dict[str, Any]) -> Incoming:
        chat = payload.get("chat", PARENT)
        return Incoming(
            sender=Sender(payload.get("user", PARENT), payload.get("lang", "en"), "Ann"),
            chat_id=chat,
            kind=EventKind(payload["kind"]),  # ValueError for "broken"
            text=payload.get("text", ""),
            command=payload.get("command"),
            payload=payload.get("data"),
            callback_id=payload.get("callback_id"),
            is_private=chat > 0,
        )

    async def call(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        self.calls.append((method, params))
        return {"message_id": len(self.calls)}

    def texts(self, chat: int = PARENT) -> list[str]:
        return [p["text"] for m, p in self.calls if m == "sendMessage" and p["chat_id"] == chat]


@dataclass
class Wiring:
    transport: FakeTransport
    queues: ChatQueues
    store: Inbox

    async def accept(self, *payloads: dict[str, Any]) -> None:
        # The chat as Telegram gives it, for the inbox's per-chat order.
        updates = [{**p, "message": {"chat": {"id": p.get("chat", PARENT)}}} for p in payloads]
        await self.store.accept(updates)
        await self.queues.drain()


@pytest.fixture
async def wiring(database, clock, conversation, localizer):
    transport = FakeTransport()
    processor = build_processor(transport, conversation, localizer, database, clock)
    queues = ChatQueues(processor.handle, album_wait=0)
    store = Inbox(database=database, clock=clock, queues=queues)
    store.bot_id = 1
    yield Wiring(transport, queues, store)
    await processor.delivery.close()


def _failing_on(
    conversation, fails: Callable[[Incoming], bool], times: int | None = None
) -> list[Incoming]:
    """Make the core raise for the events ``fails`` picks (``times`` times, or always)."""
    original = conversation.handle
    seen: list[Incoming] = []

    async def handle(event: Incoming, **kwargs: Any) -> Any:
        if fails(event):
            seen.append(event)
            if times is None or len(seen) <= times:
                raise RuntimeError(f"a bug in the core, on {SECRET}")
        return await original(event, **kwargs)

    conversation.handle = handle
    return seen


def _boom(event: Incoming) -> bool:
    return event.text == "boom"


async def _row(database, update_id: int) -> InboxUpdate:
    async with database.unit_of_work() as session:
        query = select(InboxUpdate).where(InboxUpdate.update_id == update_id)
        return (await session.exec(query)).one()


async def test_an_unreadable_update_is_set_aside_and_its_chat_goes_on(
    database, clock, wiring, localizer, caplog
):
    before = _counter("updates_set_aside", reason="unreadable")
    caplog.set_level(logging.INFO)
    await wiring.accept(
        {"update_id": 1, "kind": "broken", "text": SECRET},
        {"update_id": 2, "kind": "command", "command": "start"},
    )
    assert len(wiring.transport.texts()) == 1  # the /start after it was answered
    bad = await _row(database, 1)
    assert bad.failed_at == clock.now() and bad.processed_at is None
    assert (bad.error, bad.attempts) == ("unreadable: ValueError", 0)
    assert bad.payload["text"] == SECRET  # kept for the operator
    assert _counter("updates_set_aside", reason="unreadable") == before + 1
    assert "update 1 set aside: unreadable: ValueError" in caplog.text
    assert SECRET not in caplog.text
    async with database.unit_of_work() as session:
        assert await inbox.unprocessed(session=session, bot_id=1) == []  # never replayed


async def test_a_failing_update_is_tried_three_times_then_set_aside_and_the_parent_told(
    database, clock, wiring, conversation, localizer, caplog
):
    async with database.unit_of_work() as session:
        await add_parent(session, PARENT, now=clock.now(), language="fr")
    tries = _failing_on(conversation, _boom)
    set_aside = _counter("updates_set_aside", reason="failed")
    failures = _counter("update_failures")
    caplog.set_level(logging.INFO)
    await wiring.accept(
        {"update_id": 1, "kind": "text", "text": "boom", "lang": "en"},
        {"update_id": 2, "kind": "command", "command": "help"},
    )
    assert len(tries) == 3
    row = await _row(database, 1)
    assert (row.attempts, row.error, row.failed_at) == (3, "RuntimeError", clock.now())
    assert _counter("updates_set_aside", reason="failed") == set_aside + 1
    assert _counter("update_failures") == failures + 3
    # In the parent's own language (French, not their client's English), and before the
    # answer to what they sent next: the chat's order holds.
    notice, answer_to_help = wiring.transport.texts()
    assert notice == localizer.html("fr", Msg("error-internal")) != answer_to_help
    assert "\u00a0:" in notice
    assert (await _row(database, 2)).processed_at is not None
    assert "update 1 set aside after 3 failed attempts (RuntimeError)" in caplog.text
    assert SECRET not in caplog.text and "boom" not in caplog.text
    async with database.unit_of_work() as session:
        assert await inbox.unprocessed(session=session, bot_id=1) == []


async def test_a_stranger_is_told_in_their_clients_language(
    database, clock, wiring, conversation, localizer
):
    _failing_on(conversation, _boom)
    await wiring.accept({"update_id": 1, "kind": "text", "text": "boom", "lang": "zh-hant"})
    assert wiring.transport.texts() == [localizer.html("zh-Hant", Msg("error-internal"))]


async def test_in_the_agents_group_a_failure_is_only_logged_and_a_press_still_answered(
    database, clock, wiring, conversation
):
    _failing_on(conversation, lambda e: e.payload == "approve:1")
    press = {"update_id": 1, "kind": "button", "data": "approve:1", "callback_id": "cb-9"}
    await wiring.accept({**press, "chat": GROUP, "user": 31})
    assert wiring.transport.calls == [("answerCallbackQuery", {"callback_query_id": "cb-9"})]
    assert (await _row(database, 1)).failed_at == clock.now()
    assert await outbox_rows(database) == []


async def test_an_update_that_fails_once_is_handled_once_on_the_next_attempt(
    database, clock, wiring, conversation
):
    tries = _failing_on(conversation, lambda e: e.command == "start", times=1)
    await wiring.accept({"update_id": 1, "kind": "command", "command": "start"})
    assert len(tries) == 2
    assert len(wiring.transport.texts()) == 1  # the welcome, once; no notice
    row = await _row(database, 1)
    assert (row.attempts, row.error, row.failed_at) == (1, "RuntimeError", None)
    assert row.processed_at is not None


async def test_a_conflict_the_core_resolves_is_not_a_failed_attempt(
    database, clock, wiring, monkeypatch
):
    """Conversation.handle handles an event again after losing a race on a case: that is
    not a failure, and must not count towards setting the update aside."""
    from sqlalchemy.orm.exc import StaleDataError

    from storage.repositories import outbox

    original, runs = outbox.mark_sent, []

    async def conflicting(**kwargs: Any) -> None:
        runs.append(1)
        if len(runs) == 1:
            raise StaleDataError("the case changed meanwhile")
        await original(**kwargs)

    monkeypatch.setattr(outbox, "mark_sent", conflicting)
    await wiring.accept({"update_id": 1, "kind": "command", "command": "start"})
    assert len(runs) == 2
    row = await _row(database, 1)
    assert (row.attempts, row.error, row.failed_at) == (0, None, None)
    assert row.processed_at is not None


async def test_attempts_count_across_restarts(database, clock, wiring, conversation, localizer):
    """A row an earlier run tried and failed is tried only what remains of the bound; one
    that used them all (the run died before setting it aside) is set aside, not replayed."""
    async with database.unit_of_work() as session:
        await inbox.store_updates(
            session=session,
            bot_id=1,
            updates=[
                {"update_id": 1, "kind": "text", "text": "boom"},
                {"update_id": 2, "kind": "text", "text": "boom", "chat": 5151, "user": 5151},
                {"update_id": 3, "kind": "text", "text": "gone", "chat": 6161, "user": 6161},
            ],
            now=clock.now(),
        )
        await inbox.count_failure(session=session, ids=[1], error="RuntimeError")
        await inbox.count_failure(session=session, ids=[1], error="RuntimeError")
        for _ in range(3):
            await inbox.count_failure(session=session, ids=[2], error="KeyError")
        await inbox.set_aside(session=session, ids=[3], now=clock.now(), error="RuntimeError")
    tries = _failing_on(conversation, _boom)
    assert await wiring.store.recover() == 2  # the one set aside earlier is not even read
    await wiring.queues.drain()
    assert len(tries) == 1  # update 1's third attempt; update 2 never reached the core again
    first, second = await _row(database, 1), await _row(database, 2)
    assert (first.attempts, first.failed_at) == (3, clock.now())
    assert (second.attempts, second.error, second.failed_at) == (3, "KeyError", clock.now())
    notice = localizer.html("en", Msg("error-internal"))
    assert wiring.transport.texts() == [notice] and wiring.transport.texts(5151) == [notice]
    assert wiring.transport.texts(6161) == []


# -- polling: what reaches the inbox ----------------------------------------------------------


class ScriptedTransport:
    def __init__(self, answers: list[list[dict[str, Any]]], stop: asyncio.Event) -> None:
        self.answers = answers
        self.offsets: list[int | None] = []
        self.stop = stop

    async def get_updates(self, offset: int | None, timeout: int) -> list[dict[str, Any]]:
        self.offsets.append(offset)
        if not self.answers:
            self.stop.set()
            await asyncio.sleep(3600)
        return self.answers.pop(0)


class Accepted:
    def __init__(self) -> None:
        self.updates: list[dict[str, Any]] = []

    async def accept(self, updates: list[dict[str, Any]]) -> None:
        self.updates.extend(updates)


async def test_items_of_a_batch_without_an_update_id_are_skipped_and_the_offset_moves():
    stop = asyncio.Event()
    good = {"update_id": 7, "message": {"text": "hi"}}
    transport = ScriptedTransport(
        [[{"message": {"text": SECRET}}, good, {"update_id": "8"}]], stop
    )
    store = Accepted()
    await asyncio.wait_for(poll(transport, store, stop, timeout=1), 5)  # type: ignore[arg-type]
    assert store.updates == [good]
    assert transport.offsets == [None, 8]


# -- the real frameworks, against the emulator ------------------------------------------------


def _as_the_bot_logs(caplog: pytest.LogCaptureFixture) -> None:
    """INFO, with python-telegram-bot's loggers at WARNING (bot/logs.py quiet_libraries)."""
    caplog.set_level(logging.INFO)
    caplog.set_level(logging.WARNING, logger="telegram")


async def test_get_updates_returns_what_telegram_sent_even_what_the_framework_cannot_read(
    wired, caplog
):
    emulator, transport = wired
    parent = emulator.make_user("Ann")
    _as_the_bot_logs(caplog)
    bad = [
        emulator.inject_raw(
            {"message": {"message_id": 5, "from": parent.to_api(), "text": SECRET}}
        ),
        emulator.inject_raw({"callback_query": {"id": "q1", "chat_instance": "1", "data": "x"}}),
        emulator.inject_raw({"poll": {"id": "p", "question": {"odd": 1}, "options": "odd"}}),
    ]
    good = emulator.inject_text(parent, "hello")
    updates = await transport.get_updates(None, 1)
    assert updates == [*bad, good]
    for update in bad:
        with pytest.raises(Exception):  # noqa: B017 (whatever the framework raises)
            transport.to_incoming(update)
    event = transport.to_incoming(good)
    assert event is not None and event.text == "hello"
    assert SECRET not in caplog.text  # PTB logged a batch it could not parse, whole


@pytest.mark.parametrize(
    ("status", "body", "content_type"),
    [
        (502, HTML_502, "text/html"),
        (200, HTML_502, "text/html"),
        (200, '{"ok":true,"result":{"update_id":1}}', "application/json"),
        (200, '{"ok":true,"result":[1,2]}', "application/json"),
        (200, '{"ok":true}', "application/json"),
        (200, '[{"update_id":1}]', "application/json"),
        (200, '{"ok":true,"result":[{"update_id":1', "application/json"),
    ],
    ids=["html-502", "html-200", "dict", "ints", "no-result", "bare-list", "truncated"],
)
async def test_an_answer_to_get_updates_that_is_not_an_update_list_is_retried(
    wired, caplog, status, body, content_type
):
    emulator, transport = wired
    _as_the_bot_logs(caplog)
    emulator.raw_next("getUpdates", body, status=status, content_type=content_type)
    with pytest.raises(Transient) as caught:
        await transport.get_updates(None, 0)
    assert SECRET not in str(caught.value) and SECRET not in caplog.text
    parent = emulator.make_user("Ann")
    sent = emulator.inject_text(parent, "still there?")
    assert await transport.get_updates(None, 1) == [sent]


async def test_an_html_502_to_any_call_is_transient(wired, caplog):
    emulator, transport = wired
    parent = emulator.make_user("Ann")
    emulator.make_private_chat(parent)
    _as_the_bot_logs(caplog)
    emulator.raw_next("sendMessage", HTML_502)
    with pytest.raises(Transient) as caught:
        await transport.call("sendMessage", {"chat_id": parent.id, "text": "hi"})
    assert SECRET not in str(caught.value) and SECRET not in caplog.text
    await transport.call("sendMessage", {"chat_id": parent.id, "text": "hi"})
    assert [m["text"] for m in emulator.sent_messages(parent.id)] == ["hi"]
