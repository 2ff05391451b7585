"""Follow-ups in the core with a clock the test moves: what is scheduled when, what each kind
says when it fires (or that it says nothing once its reason is gone), quiet hours, deadlines
in working days."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from handlers.followups import firing
from handlers.followups.kinds import Kind
from handlers.policy import DeskPolicy
from handlers.replies import EditMessage, Reply
from storage.models import FollowUp
from storage.repositories import followups
from tests.chat import ParentChat
from tests.handlers.desk_helpers import GROUP, Agent, reload, submitted_case

SHANGHAI_AFTERNOON = datetime(2026, 11, 20, 7, 30, tzinfo=UTC)  # Friday 15:30 in Shanghai


@pytest.fixture
def desk() -> DeskPolicy:
    return DeskPolicy(chat_id=GROUP, use_topics=True, supervisor_ids=frozenset({9100}))


async def _rows(database, **where) -> list[FollowUp]:
    async with database.unit_of_work() as session:
        statement = select(FollowUp).order_by(FollowUp.id)
        for key, value in where.items():
            statement = statement.where(getattr(FollowUp, key) == value)
        return list((await session.exec(statement)).all())


async def _fire(database, deps, row: FollowUp, now: datetime):
    async with database.unit_of_work() as session:
        fresh = await followups.get(session=session, follow_up_id=row.id)
        return await firing.fire(session, fresh, now, deps)


async def test_an_unfinished_intake_gets_two_reminders_then_none(
    database, clock, deps, conversation, localizer
):
    chat = ParentChat(conversation, localizer, language_code="zh-hans")
    await chat.command("start")
    await chat.press("button-consent-yes")
    reminders = await _rows(database, kind="intake_reminder", status="pending")
    assert [r.due_at - clock.now() for r in reminders] == [timedelta(hours=1), timedelta(hours=24)]
    out = await _fire(database, deps, reminders[0], clock.now() + timedelta(hours=1))
    assert out[0].parts[0].key == "reminder-intake-first" and out[0].language == "zh-Hans"
    assert out[0].buttons[0][0].data.startswith("resume:")
    await chat.command("cancel")
    assert await _rows(database, kind="intake_reminder", status="pending") == []
    assert await _fire(database, deps, reminders[1], clock.now()) == []  # draft is gone


async def test_a_reminder_waits_for_the_end_of_quiet_hours(
    database, clock, deps, conversation, localizer
):
    clock.current = datetime(2026, 11, 20, 13, 0, tzinfo=UTC)  # 21:00 in Shanghai
    chat = ParentChat(conversation, localizer, language_code="zh-hans")  # Asia/Shanghai
    await chat.command("start")  # 21:00 in Shanghai: +1 h falls in quiet hours
    first = (await _rows(database, kind="intake_reminder"))[0]
    assert first.due_at == datetime(2026, 11, 21, 0, 0, tzinfo=UTC)  # 08:00 next morning


async def test_submission_sets_a_working_day_deadline_and_its_follow_ups(database, clock, deps):
    case = await submitted_case(database, clock.now())
    async with database.unit_of_work() as session:
        stored = await session.get(type(case), case.id)
        await deps.planner.case_submitted(session, stored, clock.now())
    case = await reload(database, case)
    # Friday afternoon + 2 working days = Tuesday 18:00 in the team's time zone.
    assert case.due_at == datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    kinds = {r.kind: r for r in await _rows(database, case_id=case.id)}
    assert set(kinds) == {
        "decision_warning",
        "decision_due",
        "unclaimed",
        "check_in",
        "other_routes",
    }
    assert kinds["decision_warning"].due_at == case.due_at - timedelta(hours=24)


async def test_deadline_across_golden_week_and_an_adjusted_working_sunday(deps):
    # Submitted on 30 Sep 2025: 1-8 Oct are holidays, 11 Oct (Saturday) is a working day.
    start = datetime(2025, 9, 30, 3, 0, tzinfo=UTC)
    assert deps.planner.deadline(start, 2) == datetime(2025, 10, 10, 10, 0, tzinfo=UTC)
    assert deps.planner.deadline(datetime(2025, 9, 26, 3, 0, tzinfo=UTC), 2) == datetime(
        2025, 9, 29, 10, 0, tzinfo=UTC
    )  # Sunday 28 Sep was a working day: Friday → Sunday → Monday


async def test_at_the_deadline_agents_are_told_and_supervisors_mentioned(database, clock, deps):
    case = await submitted_case(database, clock.now())
    async with database.unit_of_work() as session:
        stored = await session.get(type(case), case.id)
        await deps.planner.case_submitted(session, stored, clock.now())
    rows = {r.kind: r for r in await _rows(database, case_id=case.id)}
    warning = await _fire(database, deps, rows["decision_warning"], clock.now())
    assert warning[0].parts[0].key == "desk-deadline-warning" and warning[0].case_id == case.id
    due = await _fire(database, deps, rows["decision_due"], clock.now())
    assert [p.key for p in due[0].parts] == ["desk-deadline-overdue", "desk-mention"]
    assert any(isinstance(o, EditMessage) for o in due)  # the card shows "overdue"
    assert (await reload(database, case)).overdue
    unclaimed = await _fire(database, deps, rows["unclaimed"], clock.now())
    assert unclaimed[0].parts[0].key == "desk-unclaimed"


async def test_a_decision_cancels_deadlines_and_a_rejection_brings_the_routes(
    database, clock, deps, conversation
):
    case = await submitted_case(database, clock.now())
    async with database.unit_of_work() as session:
        stored = await session.get(type(case), case.id)
        await deps.planner.case_submitted(session, stored, clock.now())
    agent = Agent(conversation)
    await agent.press(case, "reject")
    await agent.press(case, "reject_reason", "too_old")
    await agent.press(case, "reject_skip_note")
    pending = await _rows(database, case_id=case.id, status="pending")
    assert [r.kind for r in pending] == ["other_routes"]
    assert (await reload(database, case)).due_at is None
    routes = await _fire(database, deps, pending[0], clock.now())
    keys = [p.key for p in routes[0].parts]
    assert keys == [
        "routes-intro",
        "routes-platform-douyin",
        "routes-payment-alipay",
        "routes-consumer-fr",  # the parent is in Paris (Europe/Paris)
        "routes-keep-evidence",
    ]
    assert routes[0].chat_id == 1001 and routes[0].language == "fr"


async def test_appeal_deadline_is_seven_working_days(
    database, clock, deps, conversation, localizer
):
    case = await submitted_case(database, clock.now())
    agent = Agent(conversation)
    await agent.press(case, "approve")
    await agent.press(case, "reopen")
    reopened = await reload(database, case)
    assert reopened.due_at == datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    await agent.press(case, "partial")
    await agent.write("100")
    parent = ParentChat(conversation, localizer, user_id=1001, language_code="fr")
    await parent.press_data(f"appeal:{case.id}")
    await parent.say("Je conteste.")
    await parent.press("button-appeal-send")
    appealed = await reload(database, case)
    assert appealed.due_at == datetime(2026, 12, 1, 10, 0, tzinfo=UTC)  # 7 working days
    assert {r.kind for r in await _rows(database, case_id=case.id, status="pending")} >= {
        "appeal_warning",
        "appeal_due",
    }


async def test_check_ins_repeat_while_open_and_closing_asks_for_a_rating(
    database, clock, deps, conversation, localizer
):
    case = await submitted_case(database, clock.now())
    async with database.unit_of_work() as session:
        stored = await session.get(type(case), case.id)
        await deps.planner.case_submitted(session, stored, clock.now())
    check_in = (await _rows(database, kind="check_in"))[0]
    later = clock.now() + timedelta(days=3)
    out = await _fire(database, deps, check_in, later)
    assert out[0].parts[0].key == "parent-check-in"
    assert len(await _rows(database, kind="check_in", status="pending")) == 2  # the next one
    agent = Agent(conversation)
    await agent.press(case, "close")
    assert [r.kind for r in await _rows(database, case_id=case.id, status="pending")] == [
        "satisfaction"
    ]
    rating = await _fire(database, deps, (await _rows(database, kind="satisfaction"))[0], later)
    stars = [b.data for b in rating[0].buttons[0]]
    assert len(stars) == 5
    parent = ParentChat(conversation, localizer, user_id=1001, language_code="fr")
    await parent.press_data(stars[4])
    await parent.press_data(stars[0])  # a second tap does not count twice
    assert parent.keys == ["parent-thanks"]
    from storage.repositories import cases

    async with database.unit_of_work() as session:
        events = await cases.events_of(session=session, case_id=case.id)
    assert [e.details["stars"] for e in events if e.action == "rated"] == [5]


async def test_missing_evidence_reminder_only_while_still_missing(database, clock, deps):
    case = await submitted_case(database, clock.now())
    async with database.unit_of_work() as session:
        stored = await session.get(type(case), case.id)
        stored.no_evidence = True
        await deps.planner.case_submitted(session, stored, clock.now())
    row = (await _rows(database, kind="missing_evidence"))[0]
    out = await _fire(database, deps, row, clock.now() + timedelta(hours=24))
    assert isinstance(out[0], Reply) and out[0].parts[0].key == "reminder-missing-evidence"
    assert Kind(row.kind) is Kind.MISSING_EVIDENCE


def test_every_kind_of_follow_up_fires_something_of_its_own():
    # A kind added to Kind without a firing stops the import of firing.py already; this
    # says so where a newcomer looks first.
    assert set(firing.FIRES) == set(Kind)
