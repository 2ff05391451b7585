"""A case never changes state on a stale read: two events about one case handled at the same
time (a parent's message and an agent's button, two agents, an appeal and a close, an erasure
and a decision) end as if they had been handled one after the other.

Each test pauses one event's transaction right after it has read the case, lets the other
event run to its commit, then lets the first one go on: the first one must notice the change
(the case's version), handle the event again on fresh data, and refuse what the new state no
longer allows."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from sqlmodel import select

from handlers.policy import DeskPolicy
from storage.models import CaseEvent
from storage.repositories import cases
from tests.chat import ParentChat
from tests.handlers.desk_helpers import GROUP, Agent, reload, submitted_case


@pytest.fixture
def desk() -> DeskPolicy:
    return DeskPolicy(chat_id=GROUP, language="en", use_topics=True)


class Pause:
    """Wraps a repository function: its first call returns, then waits until released."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> None:
        self.read = asyncio.Event()
        self.go = asyncio.Event()
        original: Callable[..., Any] = getattr(module, name)
        calls = 0

        async def paused(*args: Any, **kwargs: Any) -> Any:
            nonlocal calls
            calls += 1
            result = await original(*args, **kwargs)
            if calls == 1:
                self.read.set()
                await self.go.wait()
            return result

        monkeypatch.setattr(module, name, paused)

    async def around(self, first: Any, meanwhile: Callable[[], Any]) -> Any:
        """Run ``first`` until it has read, run ``meanwhile`` to its end, then finish ``first``."""
        task = asyncio.ensure_future(first)
        await asyncio.wait_for(self.read.wait(), 10)
        try:
            await asyncio.wait_for(meanwhile(), 20)
        finally:
            self.go.set()
        return await asyncio.wait_for(task, 20)


async def _events(database, case_id: int, action: str) -> list[CaseEvent]:
    async with database.unit_of_work() as session:
        rows = await session.exec(
            select(CaseEvent).where(CaseEvent.case_id == case_id, CaseEvent.action == action)
        )
        return list(rows.all())


async def _set(database, case, **values):
    async with database.unit_of_work() as session:
        stored = await cases.case_by_id(session=session, case_id=case.id)
        for key, value in values.items():
            setattr(stored, key, value)


async def test_parent_message_during_approval_never_reopens_the_decided_case(
    database, clock, conversation, localizer, monkeypatch
):
    case = await submitted_case(database, clock.now(), language="en")
    agent = Agent(conversation)
    await agent.press(case, "ask")
    await agent.write("Which account exactly?")
    assert (await reload(database, case)).status == "waiting_parent"
    parent = ParentChat(conversation, localizer, user_id=1001)

    pause = Pause(monkeypatch, cases, "open_cases_of_user")
    await pause.around(parent.say("It is kid_2015"), lambda: agent.press(case, "approve"))

    after = await reload(database, case)
    assert (after.status, after.decision) == ("decided", "approved")
    assert len(await _events(database, case.id, "decided")) == 1
    # The parent's message was not lost: it reached the case's thread once.
    assert len(await _events(database, case.id, "parent_message")) == 1
    assert parent.keys == ["parent-relayed"]


async def test_two_agents_approving_at_once_decide_once(
    database, clock, conversation, monkeypatch
):
    case = await submitted_case(database, clock.now())
    alice, bob = Agent(conversation, 9001, "Alice"), Agent(conversation, 9002, "Bob")

    pause = Pause(monkeypatch, cases, "case_by_id")
    await pause.around(alice.press(case, "approve"), lambda: bob.press(case, "reject"))

    after = await reload(database, case)
    assert after.status == "in_review"  # Bob's reject only asked for a reason so far
    assert after.assignee_id == 9002
    # Alice's approval came second: Bob had claimed the case meanwhile, so she is refused.
    assert alice.notice() == "desk-refused-other-agent"
    assert await _events(database, case.id, "decided") == []


async def test_close_during_reopen_is_refused_on_fresh_state(
    database, clock, conversation, monkeypatch
):
    case = await submitted_case(database, clock.now())
    alice = Agent(conversation, 9001, "Alice")
    await alice.press(case, "approve")
    assert (await reload(database, case)).status == "decided"
    bob = Agent(conversation, 9001, "Alice again")

    pause = Pause(monkeypatch, cases, "case_by_id")
    await pause.around(alice.press(case, "close"), lambda: bob.press(case, "reopen"))

    after = await reload(database, case)
    # Both were allowed in turn: reopen first, then close on the reopened case.
    assert after.status == "closed"
    assert len(await _events(database, case.id, "reopened")) == 1
    assert len(await _events(database, case.id, "closed")) == 1
    assert after.decision is None  # the reopen's reset was not overwritten by a stale row


async def test_decision_during_erasure_is_refused(
    database, clock, conversation, localizer, monkeypatch
):
    case = await submitted_case(database, clock.now(), language="en")
    parent = ParentChat(conversation, localizer, user_id=1001)
    await parent.command("delete")
    confirm = next(b for b in parent.buttons() if b.data.startswith("erase:"))
    agent = Agent(conversation)

    pause = Pause(monkeypatch, cases, "case_by_id")
    await pause.around(agent.press(case, "approve"), lambda: parent.press_data(confirm.data))

    after = await reload(database, case)
    assert after.anonymized_at is not None and after.account == ""
    assert after.decision is None
    assert agent.notice() == "desk-refused-anonymized"


async def test_an_appeal_sent_while_the_case_is_closed_is_refused_on_fresh_state(
    database, clock, conversation, localizer, monkeypatch
):
    case = await submitted_case(database, clock.now(), language="en")
    agent = Agent(conversation)
    await agent.press(case, "reject")
    await agent.press(case, "reject_reason", "insufficient_evidence")
    await agent.press(case, "reject_skip_note")
    appeal = next(
        b.data
        for o in agent.out
        if getattr(o, "chat_id", None) == 1001
        for row in getattr(o, "buttons", ())
        for b in row
    )
    parent = ParentChat(conversation, localizer, user_id=1001)
    await parent.press_data(appeal)
    await parent.say("The child's account was hacked, here is why.")
    send = next(b.data for b in parent.buttons() if b.label.key == "button-appeal-send")

    pause = Pause(monkeypatch, cases, "case_by_id")
    await pause.around(parent.press_data(send), lambda: agent.press(case, "close"))

    after = await reload(database, case)
    assert (after.status, after.appeals) == ("closed", 0)  # the close came first: no appeal
    assert await _events(database, case.id, "appealed") == []
    assert parent.keys[0].startswith("appeal-refused")
