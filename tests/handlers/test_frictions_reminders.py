"""Reminders of an unfinished intake count from the parent's last answer (#14), not from
/start: a parent still answering after an hour is not told they left. Each reminder is still
sent at most once, and the rows stay in the database (a restart changes nothing)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from handlers.conversation import Conversation
from handlers.dependencies import Dependencies
from handlers.followups import firing
from handlers.policy import DeskPolicy
from storage.models import FollowUp
from storage.repositories import followups
from tests.chat import ParentChat
from tests.core import core, dependencies


@pytest.fixture
def deps(localizer) -> Dependencies:
    return dependencies(localizer, desk=DeskPolicy())


@pytest.fixture
def conversation(database, policy, clock, localizer, deps) -> Conversation:
    return core(database, clock, localizer, policy=policy)


async def _reminders(database) -> list[FollowUp]:
    async with database.unit_of_work() as session:
        rows = await session.exec(
            select(FollowUp).where(FollowUp.kind == "intake_reminder").order_by(FollowUp.id)
        )
        return list(rows.all())


async def _fire_due(database, deps, now):
    """What a worker's sweep would send at ``now`` (claims the due rows, fires them)."""
    async with database.unit_of_work() as session:
        rows = await followups.claim_due_batch(session=session, now=now, limit=10)
        return [out for row in rows for out in await firing.fire(session, row, now, deps)]


async def test_reminders_count_from_the_last_answer(
    database, clock, deps, conversation, localizer
):
    chat = ParentChat(conversation, localizer, language_code="zh-hans")  # Shanghai, 15:30
    await chat.command("start")
    started = clock.now()
    await chat.press("button-consent-yes")
    clock.advance(minutes=50)
    await chat.press("platform-douyin")  # still answering, 50 minutes in
    answered = clock.now()

    rows = await _reminders(database)
    assert [r.due_at for r in rows] == [
        answered + timedelta(hours=1),
        answered + timedelta(hours=24),
    ]
    assert await _fire_due(database, deps, started + timedelta(hours=1)) == []  # not "left"

    clock.advance(minutes=40)  # 16:20 + 40 min: the parent goes on
    await chat.press("problem-minor-purchase")
    assert await _fire_due(database, deps, answered + timedelta(hours=1)) == []
    last = clock.now()
    sent = await _fire_due(database, deps, last + timedelta(hours=1))
    assert [out.parts[0].key for out in sent] == ["reminder-intake-first"]

    clock.current = last + timedelta(hours=2)  # back after the first reminder
    await chat.press("writer-parent")
    rows = await _reminders(database)
    assert [r.status for r in rows] == ["sent", "pending"]  # never sent twice
    assert rows[1].due_at == clock.now() + timedelta(hours=24)
    assert await _fire_due(database, deps, clock.now() + timedelta(hours=23)) == []


async def test_a_rescheduled_reminder_waits_out_quiet_hours(
    database, clock, conversation, localizer
):
    chat = ParentChat(conversation, localizer, language_code="zh-hans")
    await chat.command("start")
    clock.advance(hours=5)  # 20:30 in Shanghai: an hour later is quiet time
    await chat.press("button-consent-yes")
    first = (await _reminders(database))[0]
    assert first.due_at.hour == 0  # 08:00 in Shanghai, the end of the quiet hours (UTC+8)
    assert first.due_at > clock.now() + timedelta(hours=1)


async def test_a_finished_intake_keeps_no_reminder(database, clock, conversation, localizer):
    chat = ParentChat(conversation, localizer)
    await chat.command("start")
    await chat.command("cancel")
    assert {r.status for r in await _reminders(database)} == {"cancelled"}
