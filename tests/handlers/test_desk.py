"""The agent desk in the core: every action in every state, relays both ways, authorization,
forged button data. No HTTP: events in, replies and rows out."""

from __future__ import annotations

from decimal import Decimal

import pytest

from handlers.conversation import Conversation
from handlers.desk.states import RULES, Action, Status
from handlers.policy import DeskPolicy
from handlers.replies import Reply, SendMedia
from storage.repositories import cases
from tests.chat import ParentChat
from tests.handlers.desk_helpers import GROUP, TOPIC, Agent, reload, submitted_case

SUPERVISOR = 9100


@pytest.fixture
def desk() -> DeskPolicy:
    return DeskPolicy(
        chat_id=GROUP, language="en", use_topics=True, supervisor_ids=frozenset({SUPERVISOR})
    )


@pytest.fixture
def conversation(database, policy, clock, localizer, desk) -> Conversation:
    return Conversation(
        database=database, policy=policy, clock=clock, label_text=localizer.plain, desk=desk
    )


async def _set(database, case, **values):
    async with database.unit_of_work() as session:
        stored = await cases.case_by_id(session=session, case_id=case.id)
        for key, value in values.items():
            setattr(stored, key, value)


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("action", [a for a in Action if a is not Action.UNCLAIM])
async def test_every_action_in_every_state(database, clock, conversation, status, action):
    case = await submitted_case(database, clock.now())
    await _set(database, case, status=status.value)
    agent = Agent(conversation)
    await agent.press(case, action.value)
    after = await reload(database, case)
    if status in RULES[action].allowed_from:
        assert agent.notice() is None, agent.notice()
        assert agent.edited_card()
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
    assert agent.to(GROUP) == ["desk-ask-prompt"]
    await agent.write("Quel est l'identifiant exact du compte ?")
    assert agent.to(1001) == ["parent-question"]
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
    prompt = next(
        o for o in agent.out if isinstance(o, Reply) and o.parts[0].key == "desk-reject-prompt"
    )
    reasons = [b.data for row in prompt.buttons for b in row]
    assert len(reasons) == 6
    await agent.press_data(reasons[0])
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
    assert parent.keys == ["appeal-sent-days"]  # no planner here: no deadline date
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
    conversation = Conversation(
        database=database, policy=policy, clock=clock, label_text=localizer.plain, desk=desk
    )
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
    from handlers.desk.card import platform_msg
    from storage.models import Case

    configured = Case(platform="bilibili", platform_other="Bilibili 哔哩哔哩")
    assert localizer.plain("fr", platform_msg(configured)) == "Bilibili 哔哩哔哩"
    unnamed = Case(platform="bilibili", platform_other=None)  # e.g. erased: the id is shown
    assert localizer.plain("en", platform_msg(unnamed)) == "bilibili"
    assert localizer.plain("zh-Hans", platform_msg(Case(platform="douyin"))) == "抖音"
