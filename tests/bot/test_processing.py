"""From stored update to reply, in-process with the real core: what the event's transaction
writes (replies, "sent" marks of earlier rows) and how a button press is answered."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event
from sqlmodel import select

from handlers.events import EventKind, Incoming, Sender
from handlers.replies import Msg
from storage.models import InboxUpdate
from storage.repositories import inbox
from tests.bot.pipeline import build_processor, outbox_rows, stored

USER = 4242


class FakeTransport:
    """Updates are already the core's events (as dicts); calls are recorded."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def to_incoming(self, payload: dict[str, Any]) -> Incoming:
        return Incoming(
            sender=Sender(USER, "en", "Ann"),
            chat_id=USER,
            kind=EventKind(payload["kind"]),
            text=payload.get("text", ""),
            command=payload.get("command"),
            payload=payload.get("data"),
            callback_id=payload.get("callback_id"),
        )

    async def call(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        self.calls.append((method, params))
        return {"message_id": len(self.calls)}


@pytest.fixture
def setup(database, clock, conversation, localizer):
    transport = FakeTransport()
    # No timer: only the next event's transaction records "sent".
    processor = build_processor(
        transport, conversation, localizer, database, clock, sent_flush_delay=30
    )
    return transport, processor.delivery, processor


def _commits(database) -> list[str]:
    seen: list[str] = []
    event.listen(database.engine.sync_engine, "commit", lambda conn: seen.append("commit"))
    return seen


async def test_a_press_is_answered_at_once_and_sent_rows_ride_on_the_next_event(
    database, clock, setup
):
    transport, delivery, processor = setup
    await processor.handle(await stored(database, clock, 1, kind="command", command="start"))
    [welcome] = await outbox_rows(database)
    assert welcome.status == "sending"  # sent, not yet recorded: no transaction of its own
    assert [m for m, _ in transport.calls] == ["sendMessage"]
    consent = welcome.payload["reply_markup"]["inline_keyboard"][0][0]["callback_data"]

    batch = await stored(database, clock, 2, kind="button", data=consent, callback_id="cb-1")
    commits = _commits(database)
    await processor.handle(batch)
    assert commits == ["commit"]  # the event's transaction, and nothing else
    rows = await outbox_rows(database)
    assert [r.method for r in rows] == ["sendMessage", "sendMessage"]  # no callback row
    assert rows[0].status == "sent"  # recorded by the press's transaction
    assert rows[0].sent_at == clock.now() and rows[0].result == {"message_id": 1}
    assert [m for m, _ in transport.calls] == ["sendMessage", "answerCallbackQuery", "sendMessage"]
    assert transport.calls[1][1] == {"callback_query_id": "cb-1"}
    await delivery.close()
    assert {r.status for r in await outbox_rows(database)} == {"sent"}


async def test_a_press_whose_handling_fails_is_still_answered(database, clock, setup, localizer):
    transport, delivery, processor = setup
    await processor.handle(await stored(database, clock, 1, kind="command", command="start"))

    async def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("a bug in the core")

    processor.conversation.handle = broken  # type: ignore[method-assign]
    batch = await stored(database, clock, 2, kind="button", data="x", callback_id="cb-2")
    await processor.handle(batch)  # tried again, then set aside: nothing escapes
    answer = ("answerCallbackQuery", {"callback_query_id": "cb-2"})
    # Answered at the first failure, and only once however many attempts followed.
    assert [c for c in transport.calls if c[0] == "answerCallbackQuery"] == [answer]
    assert transport.calls[-2:] == [
        answer,
        ("sendMessage", transport.calls[-1][1]),
    ]
    assert transport.calls[-1][1]["text"] == localizer.html("en", Msg("error-internal"))
    # The first reply's "sent" mark was given back, and is written later.
    assert [r.status for r in await outbox_rows(database)] == ["sending", "sending"]
    await delivery.close()
    assert [r.status for r in await outbox_rows(database)] == ["sent", "sent"]
    async with database.unit_of_work() as session:
        assert await inbox.unprocessed(session=session, bot_id=1) == []
        row = (await session.exec(select(InboxUpdate).where(InboxUpdate.update_id == 2))).one()
    assert (row.attempts, row.error, row.processed_at) == (3, "RuntimeError", None)
    assert row.failed_at == clock.now()


async def test_an_event_handled_again_after_a_conflict_queues_its_replies_once(
    database, clock, setup, monkeypatch
):
    """A case changed by another transaction makes the core handle the event again (see
    handlers/conversation.py): the first run's rows and "sent" marks go with its rollback."""
    from sqlalchemy.orm.exc import StaleDataError

    from storage.repositories import outbox

    transport, delivery, processor = setup
    await processor.handle(await stored(database, clock, 1, kind="command", command="start"))
    original, runs = outbox.mark_sent, []

    async def conflicting(**kwargs: Any) -> None:
        await original(**kwargs)  # written with the replies, then lost with the rollback
        runs.append([s.row_id for s in kwargs["sent"]])
        if len(runs) == 1:
            raise StaleDataError("the case changed meanwhile")

    monkeypatch.setattr(outbox, "mark_sent", conflicting)
    await processor.handle(await stored(database, clock, 2, kind="command", command="help"))
    assert len(runs) == 2 and runs[0] == runs[1] != []  # the welcome's mark, both times
    rows = await outbox_rows(database)
    assert rows[0].status == "sent"  # its mark rode on the second run's commit
    replies = [r for r in rows[1:]]
    assert replies and all(r.status in ("sending", "sent") for r in replies)
    # Only the committed run's replies were sent: each once, none from the rolled-back run.
    assert [m for m, _ in transport.calls].count("sendMessage") == len(rows)
    await delivery.close()
    async with database.unit_of_work() as session:
        assert await inbox.unprocessed(session=session, bot_id=1) == []


async def test_an_update_handled_by_two_workers_at_once_is_committed_once(
    database, clock, setup, conversation
):
    """A worker paused past its chat lease (a stopped VM) resumes while another worker took
    the chat over and handled the same update: only the first commit counts; the other's
    whole transaction — the answer accepted again, its replies — is rolled back, silently."""
    _transport, delivery, processor = setup
    await processor.handle(await stored(database, clock, 1, kind="command", command="start"))
    rows = await stored(database, clock, 2, kind="command", command="help")
    stale = [InboxUpdate(**row.model_dump()) for row in rows]  # the paused worker's copy
    await processor.handle(rows)  # the worker that took over
    before = len(await outbox_rows(database))
    await processor.handle(stale)  # the paused worker resumes: must change nothing
    assert len(await outbox_rows(database)) == before
    async with database.unit_of_work() as session:
        [row] = (await session.exec(select(InboxUpdate).where(InboxUpdate.update_id == 2))).all()
        assert row.attempts == 0 and row.failed_at is None  # not a failure either
    await delivery.close()
