"""Appeals in the core: the rules (once, only a decided case, within the window), the flow
(reason → new files → send or cancel) with the intake's file checks, a restart in the middle,
old and repeated buttons, and what the agents' side gets: the appeal in the thread, the card,
the appeal deadline, and the final decision."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlmodel import select

from handlers.aftercare.appeal import appeal_allowed
from handlers.conversation import Conversation
from handlers.events import EventKind, Incoming, Media, MediaKind
from handlers.followups import firing
from handlers.formatting import format_when
from handlers.policy import AftercarePolicy, DeskPolicy, IntakePolicy
from handlers.replies import EditMessage, Reply, SendMedia
from storage.models import Case, Evidence, FollowUp
from storage.repositories import cases, evidence, followups
from tests.chat import ParentChat
from tests.core import core
from tests.handlers.desk_helpers import GROUP, Agent, reload, submitted_case

PARENT = 1001
#: 7 working days after Friday 20 Nov 2026 15:30 in Shanghai: Tuesday 1 Dec, 18:00 there.
APPEAL_DUE = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


@pytest.fixture
def desk() -> DeskPolicy:
    return DeskPolicy(chat_id=GROUP, use_topics=True)


def _conversation(database, policy, clock, localizer, desk) -> Conversation:
    return core(
        database,
        clock,
        localizer,
        policy=policy,
        desk=desk,
        aftercare=AftercarePolicy(appeal_window_days=30),
    )


@pytest.fixture
def conversation(database, policy, clock, localizer, desk) -> Conversation:
    return _conversation(database, policy, clock, localizer, desk)


def _photo(name: str = "p1", size: int = 90_000) -> Media:
    return Media(MediaKind.PHOTO, file_id=name, file_unique_id=f"u-{name}", size=size)


def _document(name: str, mime: str, size: int = 50_000) -> Media:
    return Media(
        MediaKind.DOCUMENT,
        file_id=f"f-{name}",
        file_unique_id=f"u-{name}",
        file_name=name,
        mime_type=mime,
        size=size,
    )


async def _rejected(
    database, clock, conversation, language: str = "fr"
) -> tuple[Case, Agent, str]:
    """A submitted case the agent rejects; returns it with the Appeal button's data."""
    case = await submitted_case(database, clock.now(), language=language)
    agent = Agent(conversation)
    await agent.press(case, "reject")
    await agent.press(case, "reject_reason", "insufficient_evidence")
    await agent.press(case, "reject_skip_note")
    decision = next(o for o in agent.out if isinstance(o, Reply) and o.chat_id == PARENT)
    return case, agent, decision.buttons[0][0].data


def _to_group(parent: ParentChat) -> list[str]:
    return [
        part.key
        for item in parent.conversation_out
        if isinstance(item, Reply) and item.chat_id == GROUP
        for part in item.parts
    ]


# -- the rules -------------------------------------------------------------------------------


def _case(**values) -> Case:
    decided = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
    fields = {"status": "decided", "decision": "rejected", "decided_at": decided, "appeals": 0}
    return Case(reference="K7QM4", **{**fields, **values})


@pytest.mark.parametrize(
    ("values", "days_later", "expected"),
    [
        ({}, 0, None),
        ({"decision": "partial"}, 29, None),
        ({}, 30, None),  # the last moment of the window still counts
        ({}, 30.01, "appeal-refused-window"),
        ({"appeals": 1}, 0, "appeal-refused-already"),
        ({"appeals": 1, "status": "appealed"}, 0, "appeal-refused-already"),
        ({"status": "in_review", "decided_at": None, "decision": None}, 0, "appeal-refused-state"),
        ({"status": "closed"}, 0, "appeal-refused-state"),
        ({"decision": "approved"}, 0, "appeal-refused-approved"),
    ],
)
def test_appeal_rules(values, days_later, expected):
    case = _case(**values)
    now = datetime(2026, 11, 20, 8, 0, tzinfo=UTC) + timedelta(days=days_later)
    assert appeal_allowed(case, now, AftercarePolicy(appeal_window_days=30)) == expected


# -- the flow --------------------------------------------------------------------------------


async def test_appeal_without_new_evidence(database, clock, conversation, localizer):
    case, _, appeal = await _rejected(database, clock, conversation)
    parent = ParentChat(conversation, localizer, user_id=PARENT, language_code="fr")
    await parent.press_data(appeal)
    assert parent.keys == ["appeal-ask-reason"]
    assert [b.label.key for b in parent.buttons()] == ["button-appeal-cancel"]
    await parent.say("Mon fils a 11 ans, le relevé le prouve.")
    assert parent.keys == ["appeal-ask-files"]
    assert (await reload(database, case)).status == "decided"  # nothing sent yet
    await parent.press("button-appeal-send")

    appealed = await reload(database, case)
    assert (appealed.status, appealed.appeals, appealed.pending_input) == ("appealed", 1, {})
    assert appealed.due_at == APPEAL_DUE
    assert parent.keys == ["appeal-sent"]
    due = format_when(APPEAL_DUE, "Europe/Paris", "fr")  # the parent's own time zone
    assert due in parent.text and "définitive" in parent.text
    assert _to_group(parent) == ["desk-appeal-filed"]
    filed = next(o for o in parent.conversation_out if isinstance(o, Reply))
    assert filed.case_id == case.id
    assert localizer.plain("en", filed.parts[0]).startswith("⚖️ APPEAL on K7QM4")
    assert "le relevé le prouve" in localizer.plain("en", filed.parts[0])
    async with database.unit_of_work() as session:
        pending = (
            await session.exec(
                select(FollowUp).where(FollowUp.case_id == case.id, FollowUp.status == "pending")
            )
        ).all()
        events = await cases.events_of(session=session, case_id=case.id)
    assert {"appeal_warning", "appeal_due"} <= {r.kind for r in pending}
    assert "other_routes" not in {r.kind for r in pending}  # an appeal replaces the routes
    assert events[-1].action == "appealed" and events[-1].details["files"] == 0


async def test_the_card_shows_the_appeal(database, clock, conversation, localizer):
    case, _, appeal = await _rejected(database, clock, conversation)
    parent = ParentChat(conversation, localizer, user_id=PARENT, language_code="fr")
    await parent.press_data(appeal)
    await parent.say("Je conteste.")
    out = await conversation.handle(
        Incoming(
            sender=parent.sender,
            chat_id=parent.chat_id,
            kind=EventKind.BUTTON,
            payload=f"appeal:{case.id}:send",
            callback_id="cb-send",
        )
    )
    card = next(o for o in out if isinstance(o, EditMessage))
    assert card.chat_id == GROUP and card.message_id == 500
    keys = [p.key for p in card.parts]
    assert keys[:2] == ["desk-card-header", "desk-card-appeal"]
    assert "desk-card-rejected" in keys  # the decision under appeal stays on the card


async def test_appeal_with_new_evidence_checked_like_the_intake(
    database, clock, conversation, localizer
):
    case, _, appeal = await _rejected(database, clock, conversation)
    parent = ParentChat(conversation, localizer, user_id=PARENT, language_code="en")
    await parent.press_data(appeal)
    await parent.upload(_photo("early"))  # a file before the reason is kept, not lost
    assert parent.keys == ["appeal-files-kept", "appeal-ask-reason"]
    await parent.say("The screenshots were cropped; here are the full ones.")
    assert parent.keys == ["appeal-files-count"]
    await parent.upload(_document("setup.exe", "application/x-msdownload"))
    assert parent.keys == ["error-file-type", "appeal-files-count"]
    await parent.upload(_document("huge.pdf", "application/pdf", size=30 * 1024 * 1024))
    assert parent.keys == ["error-file-size", "appeal-files-count"]
    assert "30\u00a0Mo" in parent.text and "20\u00a0Mo" in parent.text  # the case is in French
    await parent.upload(_document("bank.pdf", "application/pdf"), _photo("p2"), group="album-1")
    assert parent.keys == ["appeal-files-count"]
    assert parent.last.parts[0].params["count"] == 3
    await parent.say("Also: he is 11.")
    assert parent.keys == ["appeal-reason-added", "appeal-files-count"]
    await parent.press("button-appeal-send")
    assert parent.keys == ["appeal-sent", "appeal-sent-files"]
    assert "3 nouveaux fichiers" in parent.text

    async with database.unit_of_work() as session:
        rows = await evidence.list_for_case(session=session, case_id=case.id)
        events = await cases.events_of(session=session, case_id=case.id)
    assert [r.telegram_file_id for r in rows] == ["early", "f-bank.pdf", "p2"]
    assert [r.media_group_id for r in rows] == [None, "album-1", "album-1"]
    assert events[-1].details == {
        "text": "The screenshots were cropped; here are the full ones.\nAlso: he is 11.",
        "files": 3,
    }
    files = next(o for o in parent.conversation_out if isinstance(o, SendMedia))
    assert files.chat_id == GROUP and files.case_id == case.id
    assert [m.file_id for m in files.media] == ["early", "f-bank.pdf", "p2"]
    assert files.caption is not None and files.caption.key == "desk-appeal-files"
    assert _to_group(parent) == ["desk-appeal-filed"]


async def test_appeal_files_count_against_the_case_limit(database, clock, localizer, desk):
    policy = IntakePolicy(max_evidence=2)
    conversation = _conversation(database, policy, clock, localizer, desk)
    case, _, appeal = await _rejected(database, clock, conversation)
    async with database.unit_of_work() as session:
        await evidence.add_evidence(
            session=session,
            item=Evidence(case_id=case.id, kind="photo", telegram_file_id="old"),
            now=clock.now(),
        )
    parent = ParentChat(conversation, localizer, user_id=PARENT, language_code="en")
    await parent.press_data(appeal)
    await parent.say("Please look again.")
    await parent.upload(_photo("a"), _photo("b"), group="g")
    assert parent.keys == ["error-evidence-max", "appeal-files-count"]
    assert parent.last.parts[1].params["count"] == 1


async def test_a_restart_mid_appeal_continues_where_it_stopped(
    database, clock, conversation, localizer, policy, desk
):
    case, _, appeal = await _rejected(database, clock, conversation)
    parent = ParentChat(conversation, localizer, user_id=PARENT, language_code="fr")
    await parent.press_data(appeal)
    await parent.say("Le débit vient d'une erreur de la plateforme.")
    # The process dies; a new one starts on the same database.
    restarted = _conversation(database, policy, clock, localizer, desk)
    again = ParentChat(restarted, localizer, user_id=PARENT, language_code="fr")
    await again.upload(_photo("after-restart"))
    assert again.keys == ["appeal-files-count"]
    await again.press("button-appeal-send")
    assert again.keys == ["appeal-sent", "appeal-sent-files"]
    appealed = await reload(database, case)
    assert (appealed.status, appealed.appeals) == ("appealed", 1)


async def test_repeated_and_old_buttons_get_a_clear_answer(
    database, clock, conversation, localizer
):
    case, _, appeal = await _rejected(database, clock, conversation, "en")
    parent = ParentChat(conversation, localizer, user_id=PARENT, language_code="en")
    await parent.press_data(appeal)
    await parent.press_data(appeal)  # pressed twice
    assert parent.keys == ["appeal-in-progress", "appeal-ask-reason"]
    await parent.press("button-appeal-cancel")
    assert parent.keys == ["appeal-cancelled"]
    until = format_when(clock.now() + timedelta(days=30), "Europe/Paris", "en")
    assert until in parent.text
    assert (await reload(database, case)).pending_input == {}
    await parent.press_data(f"appeal:{case.id}:send")  # "Send" from the cancelled prompt
    assert parent.keys == ["error-stale-button"]

    await parent.press_data(appeal)  # the decision's button still works within the window
    await parent.say("I disagree.")
    await parent.press("button-appeal-send")
    assert parent.keys == ["appeal-sent"]
    await parent.press_data(f"appeal:{case.id}:send")  # a second tap on Send
    assert parent.keys == ["appeal-refused-already"]
    await parent.press_data(appeal)  # the old Appeal button after the appeal
    assert parent.keys == ["appeal-refused-already"]
    assert (await reload(database, case)).appeals == 1


async def test_after_the_window_or_outside_the_decided_state(
    database, clock, conversation, localizer
):
    case, agent, appeal = await _rejected(database, clock, conversation, "zh-Hans")
    parent = ParentChat(conversation, localizer, user_id=PARENT, language_code="zh-hans")
    await parent.press_data(appeal)
    clock.advance(days=31)  # the window closes while the parent is writing
    refusal, relayed = await parent.say("我不同意")
    assert [p.key for p in refusal.parts] == ["appeal-refused-window"]
    assert [p.key for p in relayed.parts] == ["parent-relayed"]  # not lost: it reaches support
    until = format_when(case.submitted_at + timedelta(days=30), "Europe/Paris", "zh-Hans")
    assert until in localizer.plain("zh-Hans", refusal.parts[0])
    await parent.press_data(appeal)
    assert parent.keys == ["appeal-refused-window"]
    assert (await reload(database, case)).status == "decided"

    other = await submitted_case(database, clock.now(), reference="BBBBB", topic=78)
    await parent.press_data(f"appeal:{other.id}")
    assert parent.keys == ["appeal-refused-state"]
    assert "审核" in parent.text or "已收到" in parent.text  # the status, in words
    await agent.press(other, "approve")
    await parent.press_data(f"appeal:{other.id}")
    assert parent.keys == ["appeal-refused-approved"]


async def test_another_parents_case_is_unknown(database, clock, conversation, localizer):
    case, _, _ = await _rejected(database, clock, conversation)
    stranger = ParentChat(conversation, localizer, user_id=2002, language_code="en")
    for data in (f"appeal:{case.id}", f"appeal:{case.id}:send", f"appeal:{case.id}:x", "appeal:"):
        await stranger.press_data(data)
        assert stranger.keys == ["error-stale-button"]
    assert (await reload(database, case)).pending_input == {}


# -- the desk decides the appeal ---------------------------------------------------------------


async def _appealed(database, clock, conversation, localizer) -> tuple[Case, Agent, ParentChat]:
    case, agent, appeal = await _rejected(database, clock, conversation)
    parent = ParentChat(conversation, localizer, user_id=PARENT, language_code="fr")
    await parent.press_data(appeal)
    await parent.say("Voici le relevé complet.")
    await parent.press("button-appeal-send")
    return case, agent, parent


async def test_an_appeal_won_is_final(database, clock, conversation, localizer):
    case, agent, _ = await _appealed(database, clock, conversation, localizer)
    await agent.press(case, "approve")
    assert agent.notice() is None
    told = [o for o in agent.out if isinstance(o, Reply) and o.chat_id == PARENT]
    assert len(told) == 1 and not told[0].buttons  # no second appeal
    assert [p.key for p in told[0].parts][-1] == "decision-appeal-final"
    card = next(o for o in agent.out if isinstance(o, EditMessage))
    assert "desk-card-appeal-decided" in [p.key for p in card.parts]
    decided = await reload(database, case)
    assert (decided.status, decided.decision, decided.due_at) == ("decided", "approved", None)
    assert decided.decided_amount == Decimal("648")


async def test_an_appeal_lost_brings_the_routes_at_once(
    database, clock, conversation, localizer, deps
):
    case, agent, _ = await _appealed(database, clock, conversation, localizer)
    await agent.press(case, "reject")
    await agent.press(case, "reject_reason", "too_old")
    await agent.write("Les achats datent de plus d'un an.")
    told = [o for o in agent.out if isinstance(o, Reply) and o.chat_id == PARENT]
    assert [p.key for p in told[0].parts] == [
        "decision-rejected",
        "parent-decision-note",
        "decision-next-rejected",
        "decision-appeal-final",
    ]
    assert not told[0].buttons
    assert [p.key for p in told[1].parts] == [
        "routes-intro",
        "routes-platform-douyin",
        "routes-payment-alipay",
        "routes-consumer-fr",  # the parent is in Paris (Europe/Paris)
        "routes-keep-evidence",
    ]
    # The routes the planner schedules after a rejection are not sent a second time.
    async with database.unit_of_work() as session:
        rows = (
            await session.exec(
                select(FollowUp).where(
                    FollowUp.case_id == case.id,
                    FollowUp.kind == "other_routes",
                    FollowUp.status == "pending",
                )
            )
        ).all()
        assert len(rows) == 1
        row = await followups.get(session=session, follow_up_id=rows[0].id)
        assert await firing.fire(session, row, clock.now() + timedelta(hours=2), deps) == []


async def test_a_reopened_case_ends_the_appeal_prompt(database, clock, conversation, localizer):
    case, agent, appeal = await _rejected(database, clock, conversation)
    parent = ParentChat(conversation, localizer, user_id=PARENT, language_code="en")
    await parent.press_data(appeal)
    await agent.press(case, "reopen")
    refusal, relayed = await parent.say("Here is more information.")
    assert [p.key for p in refusal.parts] == ["appeal-refused-state"]
    assert [p.key for p in relayed.parts] == ["parent-relayed"]
    assert "relay-from-parent" in _to_group(parent)
    after = await reload(database, case)
    assert (after.status, after.appeals, after.pending_input) == ("in_review", 0, {})
