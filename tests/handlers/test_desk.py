"""The agent desk in the core: every action in every state, relays both ways, authorization,
forged button data. No HTTP: events in, replies and rows out."""

from __future__ import annotations

from decimal import Decimal

import pytest

from handlers.case.states import RULES, Action, Status
from handlers.policy import DeskPolicy
from handlers.replies import EditMessage, Reply, SendMedia
from storage.repositories import cases
from tests.chat import ParentChat
from tests.core import core
from tests.handlers.desk_helpers import GROUP, TOPIC, Agent, reload, submitted_case

SUPERVISOR = 9100
#: What a button's own pop-up tells the agent to do next (instead of a message in the topic).
PROMPTS = {
    Action.ASK: "desk-ask-prompt",
    Action.PARTIAL: "desk-partial-prompt",
    Action.REJECT: "desk-reject-prompt",
}


@pytest.fixture
def desk() -> DeskPolicy:
    return DeskPolicy(
        chat_id=GROUP, language="en", use_topics=True, supervisor_ids=frozenset({SUPERVISOR})
    )


async def _set(database, case, **values):
    async with database.unit_of_work() as session:
        stored = await cases.case_by_id(session=session, case_id=case.id)
        for key, value in values.items():
            setattr(stored, key, value)


@pytest.mark.parametrize("status", list(Status))
#: Moving needs another team (tests/handlers/test_teams.py).
@pytest.mark.parametrize("action", [a for a in Action if a not in (Action.UNCLAIM, Action.MOVE)])
async def test_every_action_in_every_state(database, clock, conversation, status, action):
    case = await submitted_case(database, clock.now())
    await _set(database, case, status=status.value)
    agent = Agent(conversation)
    await agent.press(case, action.value)
    after = await reload(database, case)
    if status in RULES[action].allowed_from:
        assert agent.notice() == PROMPTS.get(action), agent.notice()
        assert agent.edited_card()
        # Only an escalation costs the group a message: it mentions the supervisors.
        mentions = ["desk-escalated", "desk-mention"] if action is Action.ESCALATE else []
        assert agent.to(GROUP) == mentions
    else:
        assert agent.notice() == "desk-refused-state"
        assert after.status == status.value and after.assignee_id is None  # nothing changed
        assert not agent.edited_card()


async def test_claim_then_others_are_refused_but_a_supervisor_may_act(
    database, clock, conversation
):
    case = await submitted_case(database, clock.now())
    alice, bob = Agent(conversation, 9001, "Alice"), Agent(conversation, 9002, "Bob")
    await alice.press(case, "claim")
    assert alice.to(1001) == ["parent-claimed"]
    claimed = await reload(database, case)
    assert (claimed.status, claimed.assignee_name) == ("in_review", "Alice")
    await bob.press(case, "claim")
    assert bob.notice() == "desk-refused-claimed"
    await bob.press(case, "approve")
    assert bob.notice() == "desk-refused-other-agent"
    boss = Agent(conversation, SUPERVISOR, "Boss")
    await boss.press(case, "unclaim")
    assert boss.notice() is None and (await reload(database, case)).assignee_id is None
    await bob.press(case, "unclaim")
    assert bob.notice() == "desk-refused-unclaimed"


async def test_question_and_answer_then_partial_approval(database, clock, conversation, localizer):
    case = await submitted_case(database, clock.now())
    agent = Agent(conversation)
    await agent.press(case, "ask")
    assert agent.notice() == "desk-ask-prompt" and agent.to(GROUP) == []  # the pop-up asks
    assert "desk-card-waiting-question" in agent.card_keys()  # the card says who is awaited
    await agent.write("Quel est l'identifiant exact du compte ?")
    assert agent.to(1001) == ["parent-question"]
    assert agent.to(GROUP) == []  # the card's edit confirms it: "waiting for the parent"
    assert agent.card_keys()[0] == "desk-card-header"
    assert agent.card_status() == "desk-status-waiting-parent"
    assert "desk-card-waiting-question" not in agent.card_keys()
    question = next(o for o in agent.out if isinstance(o, Reply) and o.chat_id == 1001)
    assert question.language == "fr"
    assert (await reload(database, case)).status == "waiting_parent"

    parent = ParentChat(conversation, localizer, user_id=1001, language_code="fr")
    await parent.say("C'est kid_2015")
    to_group = [o for o in parent.conversation_out if o.chat_id == GROUP]
    assert to_group[0].parts[0].key == "relay-from-parent" and to_group[0].case_id == case.id
    assert parent.keys == ["parent-relayed"]
    assert (await reload(database, case)).status == "in_review"

    await agent.press(case, "partial")
    assert agent.notice() == "desk-partial-prompt" and agent.to(GROUP) == []
    assert "desk-card-waiting-amount" in agent.card_keys()
    await agent.write("beaucoup")
    assert agent.to(GROUP)[0] == "error-amount"
    await agent.write("900")
    assert agent.to(GROUP) == ["desk-partial-too-much"]
    await agent.write("300")
    decided = await reload(database, case)
    assert (decided.status, decided.decision) == ("decided", "partial")
    assert (decided.decided_amount, decided.decided_currency) == (Decimal("300"), "CNY")
    assert agent.to(1001) == [
        "decision-partial",
        "decision-claimed-header",
        "review-tx-line",
        "decision-next-partial",
        "decision-refund-range",
        "decision-appeal-offer",
    ]


async def test_reject_with_reason_then_one_appeal(database, clock, conversation, localizer):
    case = await submitted_case(database, clock.now())
    agent = Agent(conversation)
    await agent.press(case, "reject")
    assert agent.notice() == "desk-reject-prompt" and agent.to(GROUP) == []
    reasons = [d for d in agent.card_buttons() if "|reject_reason|" in d]  # on the card itself
    assert len(reasons) == 6
    await agent.press_data(reasons[0])
    assert agent.notice() == "desk-reject-note-prompt" and agent.to(GROUP) == []
    assert "desk-card-waiting-note" in agent.card_keys()
    assert [d.split("|")[2] for d in agent.card_buttons()] == ["reject_skip_note", "cancel_input"]
    await agent.write("Les captures ne montrent pas les achats.")
    decided = await reload(database, case)
    assert (decided.decision, decided.reject_reason) == ("rejected", "insufficient_evidence")
    assert agent.to(1001) == [
        "decision-rejected",
        "parent-decision-note",
        "decision-next-rejected",
        "decision-appeal-offer",
    ]
    parent_reply = next(o for o in agent.out if isinstance(o, Reply) and o.chat_id == 1001)
    appeal_data = parent_reply.buttons[0][0].data

    parent = ParentChat(conversation, localizer, user_id=1001, language_code="fr")
    await parent.press_data(appeal_data)
    assert parent.keys == ["appeal-ask-reason"]
    await parent.say("Mon fils a 11 ans, voici son relevé.")
    assert parent.keys == ["appeal-ask-files"]
    await parent.press("button-appeal-send")
    assert parent.keys == ["appeal-sent"]  # with its deadline's date
    appealed = await reload(database, case)
    assert (appealed.status, appealed.appeals) == ("appealed", 1)
    assert [p.key for o in parent.conversation_out if o.chat_id == GROUP for p in o.parts] == [
        "desk-appeal-filed"
    ]
    await agent.press(case, "reject")
    await agent.press_data(reasons[0])
    await agent.press(case, "reject_skip_note")
    assert agent.to(1001)[:3] == [  # no second appeal offered; the routes follow
        "decision-rejected",
        "decision-next-rejected",
        "decision-appeal-final",
    ]
    await parent.press_data(appeal_data)
    assert parent.keys == ["appeal-refused-already"]


async def test_what_the_bot_waits_for_is_on_the_card_until_answered_or_cancelled(
    database, clock, conversation
):
    case = await submitted_case(database, clock.now())
    alice, bob = Agent(conversation, 9001, "Alice"), Agent(conversation, 9002, "Bob")
    await alice.press(case, "ask")
    waiting = next(p for p in alice.card().parts if p.key == "desk-card-waiting-question")
    assert waiting.params == {"name": "Alice"}
    assert alice.card_buttons()[-1] == f"d|{case.id}|cancel_input|"
    await bob.press(case, "cancel_input")
    assert bob.notice() == "desk-refused-other-agent" and not bob.edited_card()
    await alice.press(case, "cancel_input")
    assert alice.notice() is None and alice.to(GROUP) == []
    assert "desk-card-waiting-question" not in alice.card_keys()
    assert f"d|{case.id}|cancel_input|" not in alice.card_buttons()
    assert (await reload(database, case)).pending_input == {}
    await alice.write("Bonjour, nous regardons votre dossier.")
    assert alice.to(1001) == ["relay-to-parent"]  # no longer taken as the question
    await alice.press(case, "cancel_input")
    assert alice.notice() == "desk-refused-unknown"

    await alice.press(case, "reject")
    assert "desk-card-waiting-reason" in alice.card_keys()
    await alice.write("Un instant, je vérifie.")
    assert alice.to(1001) == ["relay-to-parent"]  # a reason is a button, not a message
    await alice.press(case, "reject_skip_note")  # no reason picked yet
    assert alice.notice() == "desk-refused-unknown" and alice.to(GROUP) == []
    await alice.press(case, "unclaim")
    assert (await reload(database, case)).pending_input == {}
    assert "desk-card-waiting-reason" not in alice.card_keys()


async def test_the_files_button_belongs_to_the_card_it_was_pressed_under(
    database, clock, conversation
):
    from storage.models import Evidence
    from storage.repositories import evidence

    case = await submitted_case(database, clock.now())
    async with database.unit_of_work() as session:
        for n in range(5):
            item = Evidence(case_id=case.id, kind="photo", telegram_file_id=f"shot-{n}")
            await evidence.add_evidence(session=session, item=item, now=clock.now())
    agent = Agent(conversation)
    await agent.press(case, "files")
    assert [len(o.media) for o in agent.out if isinstance(o, SendMedia)] == [5]
    await agent.press(case, "claim")
    assert f"d|{case.id}|files|" not in agent.card_buttons()
    await _set(database, case, card_message_id=501)  # a topic recreated: a new card
    await agent.command("case", "K7QM4")
    assert [b.data for row in agent.out[-1].buttons for b in row][-1] == f"d|{case.id}|files|"
    clock.advance(hours=1)
    async with database.unit_of_work() as session:  # an appeal's files come with it
        item = Evidence(case_id=case.id, kind="photo", telegram_file_id="appeal-0")
        await evidence.add_evidence(session=session, item=item, now=clock.now())
    await agent.press(case, "files")
    assert [len(o.media) for o in agent.out if isinstance(o, SendMedia)] == [6]


async def test_relay_agent_to_parent_keeps_notes_internal(database, clock, conversation):
    case = await submitted_case(database, clock.now())
    agent = Agent(conversation)
    await agent.write("#note parent seems confused, check with Douyin")
    assert agent.out == []
    await agent.write("Bonjour, nous regardons votre dossier.")
    assert agent.to(1001) == ["relay-to-parent"]
    relay = next(o for o in agent.out if isinstance(o, Reply))
    assert relay.parts[0].params["name"].key == "support-name"  # anonymous by default
    await agent.photo("voici la capture")
    sent = [o for o in agent.out if isinstance(o, SendMedia)]
    assert sent and sent[0].chat_id == 1001 and sent[0].media[0].file_id == "agent-photo"
    await agent.write("Correction : 300 CNY", edited=True)
    assert agent.to(1001) == ["relay-to-parent-edited"]
    await agent.write("ceci ne concerne aucun dossier", thread=None)
    assert agent.out == []
    await agent.write("réponse", thread=None, reply_to_text="📋 Case K7QM4 — submitted")
    assert agent.to(1001) == ["relay-to-parent"]  # a reply to the card names the case
    await _set(database, case, status="closed")
    await agent.write("encore un mot")
    assert agent.to(GROUP) == ["desk-closed-no-relay"] and agent.to(1001) == []


async def test_only_agents_act_and_forged_buttons_change_nothing(
    database, clock, policy, localizer
):
    desk = DeskPolicy(chat_id=GROUP, agent_ids=frozenset({9001}))
    conversation = core(database, clock, localizer, policy=policy, desk=desk)
    case = await submitted_case(database, clock.now())
    stranger = Agent(conversation, 4242, "Eve")
    await stranger.press(case, "approve")
    assert stranger.notice() == "desk-not-agent"
    await stranger.write("hello parent")
    assert stranger.to(GROUP) == ["desk-not-agent"] and stranger.to(1001) == []
    agent = Agent(conversation, 9001)
    for forged in (
        f"d|{case.id}|delete|",
        "d|99999|approve|",
        f"d|{case.id}|reject_reason|x",
        "garbage",
        f"d|{case.id}|reopen|",
    ):
        await agent.press_data(forged)
    after = await reload(database, case)
    assert (after.status, after.decision, after.assignee_id) == ("submitted", None, None)


async def test_a_parent_never_reaches_another_parents_case(
    database, clock, conversation, localizer
):
    mine = await submitted_case(database, clock.now(), user_id=1001, reference="AAAAA")
    await submitted_case(database, clock.now(), user_id=1001, reference="BBBBB", topic=78)
    other = await submitted_case(database, clock.now(), user_id=2002, reference="CCCCC", topic=79)
    parent = ParentChat(conversation, localizer, user_id=1001, language_code="fr")
    await parent.say("Une question")
    assert parent.keys == ["parent-which-case"]
    labels = [b.label.params["reference"] for b in parent.buttons()]
    assert labels == ["AAAAA", "BBBBB"]
    await parent.press_data(f"pcase:{other.id}")
    assert parent.keys == ["error-stale-button"]
    await parent.press_data(f"appeal:{other.id}")
    assert parent.keys == ["error-stale-button"]
    await parent.press_data(f"pcase:{mine.id}")
    assert parent.keys == ["parent-relayed"]
    assert [o.case_id for o in parent.conversation_out if o.chat_id == GROUP] == [mine.id]
    await parent.command("status")
    refs = [b.label.params["reference"] for b in parent.buttons() if b.data.startswith("st:")]
    assert sorted(refs) == ["AAAAA", "BBBBB"]


async def test_queue_mine_and_case_commands(database, clock, conversation):
    first = await submitted_case(database, clock.now(), reference="AAAAA")
    await submitted_case(database, clock.now(), reference="BBBBB", topic=78)
    agent = Agent(conversation)
    await agent.press(first, "claim")
    clock.advance(hours=50)
    await agent.command("queue")
    lines = [p for o in agent.out for p in o.parts if p.key.startswith("desk-queue-line")]
    assert [p.params["reference"] for p in lines] == ["AAAAA", "BBBBB"]
    assert lines[0].params["age"].key == "desk-age-days"
    await agent.command("mine")
    assert [
        p.params["reference"] for o in agent.out for p in o.parts if p.key == "desk-queue-line"
    ] == ["AAAAA"]
    await agent.command("case", "bbbbb")
    card = agent.out[-1]
    assert card.parts[0].key == "desk-card-header" and card.thread_id == TOPIC
    assert card.buttons  # the actions the state allows
    await agent.command("case", "ZZZZZ")
    assert agent.to(GROUP) == ["desk-case-unknown"]


def test_platform_named_only_in_config_keeps_its_name(localizer) -> None:
    from handlers.case.view import platform_msg
    from storage.models import Case

    configured = Case(platform="bilibili", platform_other="Bilibili 哔哩哔哩")
    assert localizer.plain("fr", platform_msg(configured)) == "Bilibili 哔哩哔哩"
    unnamed = Case(platform="bilibili", platform_other=None)  # e.g. erased: the id is shown
    assert localizer.plain("en", platform_msg(unnamed)) == "bilibili"
    assert localizer.plain("zh-Hans", platform_msg(Case(platform="douyin"))) == "抖音"


async def test_a_press_on_a_card_whose_id_is_not_recorded_yet_still_edits_it(
    database, clock, conversation
):
    """Telegram shows the card as soon as it is sent; the hand-off records its id a moment
    later. A press in between edits the card it was made on."""
    from handlers.events import EventKind, Incoming, Sender

    case = await submitted_case(database, clock.now())
    await _set(database, case, card_message_id=None)
    event = Incoming(
        sender=Sender(9001, "en", "Alice"),
        chat_id=GROUP,
        is_private=False,
        message_id=777,  # the card the agent pressed on
        kind=EventKind.BUTTON,
        payload=f"d|{case.id}|claim|",
        callback_id="cb",
        thread_id=TOPIC,
    )
    out = await conversation.handle(event)
    edits = [o for o in out if isinstance(o, EditMessage)]
    assert [e.message_id for e in edits] == [777]
    assert (await reload(database, case)).assignee_id == 9001
