"""/status for parents: their own claims newest first, the timeline, amounts and deadline in
their own time zone, one claim by reference, the buttons (open, add a message, add evidence,
appeal) and how they are checked. No HTTP: events in, replies and rows out."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from handlers.conversation import Conversation
from handlers.events import Media, MediaKind
from handlers.formatting import format_when
from handlers.languages import SUPPORTED
from handlers.policy import DeskPolicy
from handlers.replies import Msg, Reply, SendMedia
from storage.models import Case, CaseTransaction
from storage.repositories import cases, users
from tests.chat import ParentChat
from tests.core import core
from tests.handlers.desk_helpers import GROUP, Agent, reload, submitted_case

PARENT, OTHER = 1001, 2002


@pytest.fixture
def conversation(database, policy, clock, localizer) -> Conversation:
    desk = DeskPolicy(chat_id=GROUP, language="en", use_topics=True)
    return core(database, clock, localizer, policy=policy, desk=desk)


async def _set(database, case: Case, **values) -> None:
    async with database.unit_of_work() as session:
        stored = await cases.case_by_id(session=session, case_id=case.id)
        for key, value in values.items():
            setattr(stored, key, value)


async def _event(database, case: Case, action: str, at: datetime, **details) -> None:
    async with database.unit_of_work() as session:
        await cases.add_event(
            session=session,
            case_id=case.id,
            actor_kind="parent" if action in ("submitted", "parent_message") else "agent",
            actor_id=None,
            action=action,
            now=at,
            details=details,
        )


async def _case(
    database, at: datetime, reference: str, *, user_id=PARENT, language="en", topic=None, **fields
) -> Case:
    """A submitted case (648 CNY) with its "submitted" event, then any fields changed."""
    case = await submitted_case(
        database, at, user_id=user_id, reference=reference, language=language, topic=topic
    )
    await _event(database, case, "submitted", at)
    if fields:
        await _set(database, case, **fields)
    return case


async def _rejected(database, at: datetime, reference: str, reason: str) -> Case:
    """A submitted case, decided ``at``: not approved, for ``reason``."""
    return await _case(
        database,
        at,
        reference,
        status="decided",
        decision="rejected",
        reject_reason=reason,
        decided_at=at,
    )


async def _add_transaction(database, case: Case, amount: str, currency: str) -> None:
    async with database.unit_of_work() as session:
        session.add(
            CaseTransaction(
                case_id=case.id,
                position=2,
                amount=Decimal(amount),
                currency=currency,
                occurred_at=case.submitted_at,
            )
        )


async def _user_settings(database, user_id: int, **values) -> None:
    async with database.unit_of_work() as session:
        user = await users.get_user(session=session, user_id=user_id)
        for key, value in values.items():
            setattr(user, key, value)


async def _pending_relay(database, user_id: int) -> dict:
    async with database.unit_of_work() as session:
        user = await users.get_user(session=session, user_id=user_id)
        return dict(user.pending_relay)


def _keys(msg: Msg) -> list[str]:
    """A message's key and the keys of the messages nested in its parameters."""
    nested = [k for value in msg.params.values() if isinstance(value, Msg) for k in _keys(value)]
    return [msg.key, *nested]


def _texts(chat: ParentChat, reply: Reply) -> list[str]:
    return [chat.localizer.plain(reply.language, part) for part in reply.parts]


def _open_buttons(chat: ParentChat) -> list[str]:
    return [b.label.params["reference"] for b in chat.buttons() if b.data.startswith("st:open:")]


# -- the list ---------------------------------------------------------------------------------


async def test_own_claims_newest_first_with_timeline_amounts_and_deadline(
    database, clock, conversation, localizer
):
    start = clock.now()
    oldest = await _case(database, start, "AAAAA", topic=71)
    clock.advance(hours=1)
    middle = await _case(database, clock.now(), "BBBBB", topic=72)
    clock.advance(hours=1)
    newest = await _case(database, clock.now(), "CCCCC", topic=73)
    await _add_transaction(database, newest, "30", "USD")
    await _case(database, clock.now(), "DDDDD", user_id=OTHER, topic=74)

    alice = Agent(conversation, name="Alice")
    await alice.press(oldest, "claim")
    await alice.press(oldest, "partial")
    await alice.write("300", thread=71)
    await alice.press(middle, "claim")
    await alice.press(middle, "ask")
    await alice.write("Which account exactly?", thread=72)
    await alice.press(middle, "unclaim")  # the desk's bookkeeping: not shown to the parent
    await _event(database, middle, "overdue", clock.now())
    due = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    await _set(database, middle, due_at=due)

    parent = ParentChat(conversation, localizer, user_id=PARENT)
    for text in ("It is kid_2015", "and the phone is mine"):
        await parent.command("status", "BBBBB")
        await parent.press("button-status-message")
        await parent.say(text)
        assert parent.keys == ["parent-relayed"]

    await parent.command("status")
    reply = parent.last
    assert [p.key for p in reply.parts] == [
        "status-header",
        "status-lines",
        "status-lines",
        "status-lines",
        "status-pick",
    ]
    assert _open_buttons(parent) == ["CCCCC", "BBBBB", "AAAAA"]
    _, c_block, b_block, a_block, _ = _texts(parent, reply)
    assert c_block.startswith("Claim CCCCC (Douyin): received, waiting for an agent")
    assert "Claimed: CN¥648.00 + $30.00" in c_block
    assert "you sent the claim" in c_block
    assert a_block.startswith("Claim AAAAA (Douyin): decided")
    assert "Claimed: CN¥648.00" in a_block and "Refund decided: CN¥300.00" in a_block
    assert "approved in part" in a_block
    assert "Decision expected by" not in a_block  # decided: no deadline to wait for
    # The parent's time zone (Europe/Paris for this parent), in their language.
    assert f"Decision expected by {format_when(due, 'Europe/Paris', 'en')}" in b_block
    assert "waiting for an agent" not in b_block
    # The last three steps: the question, then the two messages as one line.
    assert b_block.count("• ") == 3
    assert "support asked you a question" in b_block and "you sent 2 messages" in b_block
    every = "\n".join(_texts(parent, reply))
    assert "DDDDD" not in every and "Alice" not in every
    assert "overdue" not in every and "unclaim" not in every

    await parent.press_data(f"st:open:{middle.id}")
    details = parent.text
    assert details.count("• ") == 4  # submitted, claimed, asked, messages
    assert details.index("you sent the claim") < details.index("an agent started working on it")
    assert "Which account exactly?" not in details  # the timeline says what, not the words


async def test_deadline_in_the_parents_own_time_zone_and_language(
    database, clock, conversation, localizer
):
    case = await _case(database, clock.now(), "K7QM4", language="zh-Hans")
    await _user_settings(database, PARENT, timezone="Asia/Shanghai")
    await _set(database, case, due_at=datetime(2026, 11, 24, 10, 0, tzinfo=UTC))
    parent = ParentChat(conversation, localizer, user_id=PARENT)
    await parent.command("status")  # one claim: shown in full at once
    text = parent.text
    assert "2026年11月24日" in text and "18:00" in text  # 10:00 UTC is 18:00 in Shanghai
    assert "预计在" in text and "648.00" in text
    clock.current = datetime(2026, 11, 25, tzinfo=UTC)
    await parent.command("status")
    assert "⏰" in parent.text  # the deadline has passed


async def test_many_claims_are_compact_lines_with_open_buttons(
    database, clock, conversation, localizer
):
    for number in range(12):
        clock.advance(hours=1)
        await _case(database, clock.now(), f"K{'ABCDEFGHJKMN'[number]}QM4")
    parent = ParentChat(conversation, localizer, user_id=PARENT)
    await parent.command("status")
    assert parent.keys == ["status-header", "status-lines", "status-more", "status-pick"]
    assert parent.last.parts[2].params["count"] == 2
    shown = _open_buttons(parent)
    assert shown == [f"K{letter}QM4" for letter in "NMKJHGFEDC"]
    assert all(len(row) <= 2 for row in parent.last.buttons)
    compact = _texts(parent, parent.last)[1].splitlines()
    assert len(compact) == 10 and compact[0].startswith("KNQM4, sent ")
    assert compact[0].endswith("CN¥648.00")
    await parent.command("status", "kaqm4")  # an older one is still reachable by reference
    assert parent.last.parts[0].params["first"].params["reference"] == "KAQM4"


async def test_no_claim_yet_and_status_during_an_intake(database, clock, conversation, localizer):
    parent = ParentChat(conversation, localizer, user_id=PARENT)
    await parent.command("status")
    assert parent.keys == ["status-none", "hint-start"]
    await _case(database, clock.now(), "K7QM4")
    await parent.command("start")
    question = parent.last.parts[-1].key
    await parent.command("status")
    assert parent.replies[-2].parts[0].key == "status-lines"  # the claim, in full
    assert parent.last.parts[-1].key == question  # then the intake goes on
    case_id = next(b.data for b in parent.replies[-2].buttons[0]).rsplit(":", 1)[1]
    await parent.press_data(f"st:message:{case_id}")
    assert parent.keys[0] == "status-finish-intake-first"
    assert parent.keys[-1] == question
    assert await _pending_relay(database, PARENT) == {}


# -- one claim by reference -------------------------------------------------------------------


async def test_reference_typed_loosely_opens_the_claim(database, clock, conversation, localizer):
    await _case(database, clock.now(), "K7QM4")
    await _case(database, clock.now(), "P3RX8")
    parent = ParentChat(conversation, localizer, user_id=PARENT)
    for typed in ("k7qm4", " K7Q M4 ", "K7-QM4", "#k7qm4"):
        await parent.command("status", typed)
        assert parent.last.parts[0].params["first"].params["reference"] == "K7QM4", typed
    assert parent.buttons()[-1].data == "st:list"  # back to every claim
    await parent.press_data("st:list")
    assert _open_buttons(parent) == ["P3RX8", "K7QM4"]


async def test_another_parents_reference_is_answered_as_if_it_did_not_exist(
    database, clock, conversation, localizer
):
    await _case(database, clock.now(), "K7QM4")
    await _case(database, clock.now(), "P3RX8", user_id=OTHER)
    parent = ParentChat(conversation, localizer, user_id=PARENT)
    await parent.command("status", "p3rx8")
    foreign = parent.last
    await parent.command("status", "ZZZZZ")
    missing = parent.last
    assert [p.key for p in foreign.parts] == [p.key for p in missing.parts] == ["status-unknown"]
    assert foreign.parts[0].params == {"reference": "P3RX8"}
    assert missing.parts[0].params == {"reference": "ZZZZZ"}
    assert foreign.buttons == missing.buttons == ()
    assert localizer.plain("en", foreign.parts[0]).replace("P3RX8", "ZZZZZ") == localizer.plain(
        "en", missing.parts[0]
    )
    await parent.command("status", "not a reference at all")
    assert parent.keys == ["status-unknown"]


# -- buttons ----------------------------------------------------------------------------------


async def test_forged_or_foreign_button_data_gets_the_stale_answer(
    database, clock, conversation, localizer
):
    mine = await _case(database, clock.now(), "K7QM4")
    theirs = await _case(database, clock.now(), "P3RX8", user_id=OTHER)
    stranger = ParentChat(conversation, localizer, user_id=3003)
    await stranger.press_data("st:list")
    assert stranger.keys == ["error-stale-button"]
    parent = ParentChat(conversation, localizer, user_id=PARENT)
    for forged in (
        f"st:open:{theirs.id}",
        f"st:message:{theirs.id}",
        f"st:evidence:{theirs.id}",
        "st:open:99999",
        "st:open:abc",
        f"st:delete:{mine.id}",
        f"st:list:{mine.id}",
        "st:",
    ):
        await parent.press_data(forged)
        assert parent.keys == ["error-stale-button"], forged
        assert parent.last.buttons == ()
        assert "P3RX8" not in parent.text
    assert await _pending_relay(database, PARENT) == {}
    assert (await reload(database, theirs)).status == "submitted"


async def test_add_message_and_evidence_go_to_the_chosen_claim(
    database, clock, conversation, localizer
):
    first = await _case(database, clock.now(), "K7QM4")
    second = await _case(database, clock.now(), "P3RX8")
    parent = ParentChat(conversation, localizer, user_id=PARENT)
    await parent.press_data(f"st:open:{first.id}")
    labels = [b.label.key for b in parent.buttons()]
    assert labels == ["button-status-message", "button-status-evidence", "button-status-all"]
    await parent.press("button-status-message")
    assert parent.keys == ["status-write-message"]
    assert await _pending_relay(database, PARENT) == {"target_case": first.id}
    await parent.say("The account is kid_2015")
    assert parent.keys == ["parent-relayed"]  # not "which claim?"
    assert [o.case_id for o in parent.conversation_out] == [first.id]

    await parent.press_data(f"st:evidence:{second.id}")
    assert parent.keys == ["status-send-evidence"]
    photo = Media(MediaKind.PHOTO, file_id="receipt")
    await parent.upload(photo, photo, group="album-1")
    sent = [o for o in parent.conversation_out if isinstance(o, SendMedia)]
    assert [(o.case_id, len(o.media)) for o in sent] == [(second.id, 2)]
    assert await _pending_relay(database, PARENT) == {}

    await parent.say("one more thing")  # the choice was used once: ask again
    assert parent.keys == ["parent-which-case"]
    # A message waiting for "which claim?" goes to the claim chosen in /status.
    await parent.press_data(f"st:message:{second.id}")
    assert [k for r in parent.replies[-2:] for k in (p.key for p in r.parts)] == [
        "parent-relayed",
        "status-write-message",
    ]
    assert [o.case_id for o in parent.conversation_out] == [second.id]
    async with database.unit_of_work() as session:
        events = await cases.events_of(session=session, case_id=second.id)
    assert [e.details.get("files") for e in events if e.action == "parent_message"] == [2, 0]
    # An old "which claim?" button can't send the pending choice as an empty message.
    await parent.press_data(f"pcase:{first.id}")
    assert parent.keys == ["error-stale-button"]
    assert await _pending_relay(database, PARENT) == {"target_case": second.id}


async def test_closed_claim_takes_nothing_more_and_appeal_only_where_allowed(
    database, clock, conversation, localizer
):
    closed = await _case(database, clock.now(), "K7QM4", status="closed")
    rejected = await _rejected(database, clock.now(), "P3RX8", "too_old")
    approved = await _case(
        database,
        clock.now(),
        "W9TY2",
        status="decided",
        decision="approved",
        decided_amount=Decimal("648"),
        decided_currency="CNY",
        decided_at=clock.now(),
    )
    parent = ParentChat(conversation, localizer, user_id=PARENT)
    await parent.press_data(f"st:open:{closed.id}")
    assert [b.label.key for b in parent.buttons()] == ["button-status-all"]
    await parent.press_data(f"st:message:{closed.id}")
    assert parent.keys == ["status-closed-no-message"]

    await parent.press_data(f"st:open:{rejected.id}")
    assert "Not approved: the purchases are too old to be refunded" in parent.text
    assert f"appeal:{rejected.id}" in [b.data for b in parent.buttons()]
    await parent.press_data(f"st:open:{approved.id}")
    assert "Refund decided: CN¥648.00" in parent.text
    assert not any(b.data.startswith("appeal:") for b in parent.buttons())


# -- every language ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", SUPPORTED)
async def test_every_view_renders_in_every_language(
    database, clock, conversation, localizer, language, caplog
):
    user_id = 5000 + SUPPORTED.index(language)
    now = clock.now()
    states = [
        {},
        {"status": "in_review", "due_at": now + timedelta(days=2)},
        {"status": "waiting_parent", "due_at": now - timedelta(hours=1)},
        {"status": "decided", "decision": "partial", "decided_at": now}
        | {"decided_amount": Decimal("300"), "decided_currency": "CNY"},
        {"status": "decided", "decision": "rejected", "reject_reason": "duplicate"}
        | {"decided_at": now},
        {"status": "appealed", "decision": "rejected", "reject_reason": "other", "appeals": 1},
        {"status": "closed", "decision": "approved", "escalated": True},
    ]
    parent = ParentChat(conversation, localizer, user_id=user_id)
    caplog.set_level(logging.ERROR, logger="bot.i18n")
    made: list[Case] = []
    for number, fields in enumerate(states):
        clock.advance(minutes=5)
        reference = f"R{'ABCDEFG'[number]}{SUPPORTED.index(language) + 2}ZZ"
        case = await _case(
            database, clock.now(), reference, user_id=user_id, language=language, **fields
        )
        for action in ("claimed", "asked", "relayed_to_parent", "parent_message", "escalated"):
            await _event(database, case, action, clock.now())
        await _event(database, case, "decided", clock.now(), decision="partial")
        for action in ("appealed", "closed", "reopened", "rated"):
            await _event(database, case, action, clock.now())
        made.append(case)
        if len(made) == 5:
            await parent.command("status")  # five claims: each in full
    await parent.command("status")  # seven: one compact line each
    await parent.press_data(f"st:open:{made[0].id}")
    await parent.press("button-status-message")
    await parent.press_data(f"st:evidence:{made[1].id}")
    await parent.press_data(f"st:message:{made[-1].id}")
    await parent.command("status", "ZZZZZ")
    for case in made:
        await parent.command("status", case.reference)

    seen: set[str] = set()
    for reply in parent.replies:
        assert reply.language == language
        for part in reply.parts:
            seen.update(_keys(part))
            assert localizer.plain(language, part).strip()
        for row in reply.buttons:
            for button in row:
                seen.update(_keys(button.label))
                assert localizer.plain(language, button.label).strip()
    assert not [r.getMessage() for r in caplog.records if r.name == "bot.i18n"]
    assert not [key for key in seen if not localizer.bundles[language].has_message(key)]
    expected = {
        "status-header",
        "status-case",
        "status-claimed",
        "status-refund",
        "status-not-approved",
        "status-due",
        "status-overdue",
        "status-timeline",
        "status-event",
        "status-compact",
        "status-pick",
        "status-unknown",
        "status-write-message",
        "status-send-evidence",
        "status-closed-no-message",
        "button-status-open",
        "button-status-message",
        "button-status-evidence",
        "button-status-all",
        "button-appeal",
    }
    steps = ("asked", "support-message", "parent-message", "escalated", "partial", "appealed")
    expected |= {f"timeline-{name}" for name in (*steps, "closed", "reopened")}
    assert expected <= seen, expected - seen


async def test_an_appeal_being_written_comes_before_adding_a_message(
    database, clock, conversation, localizer
):
    decided = await _rejected(database, clock.now(), "K7QM4", "duplicate")
    other = await _case(database, clock.now(), "P3RX8")
    parent = ParentChat(conversation, localizer, user_id=PARENT)
    await parent.press_data(f"st:message:{other.id}")  # chosen, then the appeal started
    await parent.press_data(f"appeal:{decided.id}")
    await parent.say("It was not a duplicate.")
    assert (await reload(database, decided)).pending_input.get("reason")  # went to the appeal
    assert await _pending_relay(database, PARENT) == {}  # and the earlier choice is spent
    await parent.press_data(f"st:message:{other.id}")
    assert parent.replies[-2].parts[0] == Msg("status-finish-appeal-first", {"reference": "K7QM4"})
    assert f"appeal:{decided.id}:send" in [b.data for b in parent.buttons()]
    assert await _pending_relay(database, PARENT) == {}
    assert (await reload(database, decided)).pending_input.get("reason")  # nothing lost
