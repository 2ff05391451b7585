"""Several agents' groups (teams): a new case goes to the team whose route matches it, each
team works its own cases in its own group, and a case is moved to another team by a button
on its card."""

from __future__ import annotations

from decimal import Decimal

import pytest

from handlers.desk.teams import case_facts
from handlers.policy import CaseFacts, DeskPolicy, Route, Team
from handlers.replies import EditMessage, Reply
from storage.repositories import cases, relays
from tests.chat import ParentChat
from tests.core import dependencies
from tests.handlers.desk_helpers import GROUP, Agent, reload, submitted_case

FR_GROUP = -1002000000001
VIP_GROUP = -1002000000002
FR_AGENT, OUTSIDER, VIP_SUPERVISOR = 9201, 9202, 9300
CARD = 500

ROSTER = (
    Team(key="main", chat_id=GROUP, language="en", use_topics=True),
    Team(
        key="fr",
        chat_id=FR_GROUP,
        name="Équipe FR",
        language="fr",
        timezone="Europe/Paris",
        use_topics=True,
        agent_ids=frozenset({FR_AGENT}),
        route=Route(languages=frozenset({"fr"})),
    ),
    Team(
        key="vip",
        chat_id=VIP_GROUP,
        name="Big claims",
        supervisor_ids=frozenset({VIP_SUPERVISOR}),
        route=Route(min_amount={"CNY": Decimal("1000"), "EUR": Decimal("150")}),
    ),
)


@pytest.fixture
def desk() -> DeskPolicy:
    main = ROSTER[0]
    return DeskPolicy(chat_id=main.chat_id, language="en", use_topics=True, roster=ROSTER)


def _facts(language="en", platform="douyin", problem="minor_purchase", **totals) -> CaseFacts:
    amounts = {code: Decimal(value) for code, value in totals.items()}
    return CaseFacts(language=language, platform=platform, problem=problem, totals=amounts)


def test_a_new_case_goes_to_the_first_team_whose_route_matches(desk):
    assert desk.route(_facts("fr", CNY="10")) == "fr"
    assert desk.route(_facts("fr", CNY="5000")) == "fr"  # the first match wins
    assert desk.route(_facts("zh-Hans", CNY="1000")) == "vip"  # at least the amount
    assert desk.route(_facts("zh-Hans", CNY="999.99")) == "main"
    assert desk.route(_facts("en", EUR="150", USD="1")) == "vip"  # any listed currency
    assert desk.route(_facts("en", USD="100000")) == "main"  # a currency not listed


def test_every_criterion_given_must_match_and_an_empty_route_takes_nothing():
    route = Route(platforms=frozenset({"wechat"}), problems=frozenset({"payment_failed"}))
    assert route.matches(_facts(platform="wechat", problem="payment_failed"))
    assert not route.matches(_facts(platform="wechat", problem="minor_purchase"))
    assert not route.matches(_facts(platform="douyin", problem="payment_failed"))
    assert not Route().matches(_facts("fr", CNY="99999"))
    one_group = DeskPolicy(chat_id=GROUP)
    assert one_group.route(_facts("fr")) == "main"
    assert one_group.for_chat(GROUP) is one_group and one_group.for_chat(FR_GROUP) is None


def test_routing_reads_a_new_cases_purchases(database):
    from storage.models import Case

    case = Case(language="fr", platform="wechat", problem="other")  # type: ignore[call-arg]
    facts = case_facts(
        case,
        [
            {"amount": "600", "currency": "CNY"},
            {"amount": "500.50", "currency": "CNY"},
            {"amount": "3", "currency": "EUR"},
        ],
    )
    assert facts.totals == {"CNY": Decimal("1100.50"), "EUR": Decimal("3")}
    assert facts.platform == "wechat" and facts.language == "fr"


def test_each_team_is_seen_with_its_own_group_language_and_people(desk):
    fr = desk.for_chat(FR_GROUP)
    assert fr is not None and (fr.team, fr.chat_id, fr.language) == ("fr", FR_GROUP, "fr")
    assert fr.timezone == "Europe/Paris" and fr.is_agent(FR_AGENT) and not fr.is_agent(OUTSIDER)
    assert [t.key for t in fr.other_teams()] == ["main", "vip"]
    assert desk.for_team("gone").team == "main"  # a team removed from the settings
    vip = desk.for_team("vip")
    assert vip.is_supervisor(VIP_SUPERVISOR) and not desk.is_supervisor(VIP_SUPERVISOR)


async def test_agents_act_only_on_their_teams_cases_in_their_group(database, clock, conversation):
    fr_case = await submitted_case(database, clock.now(), team="fr")
    french = Agent(conversation, FR_AGENT, "Aline", chat_id=FR_GROUP)
    await french.press(fr_case, "claim")
    assert french.notice() is None
    assert (await reload(database, fr_case)).assignee_id == FR_AGENT
    outsider = Agent(conversation, OUTSIDER, "Olga", chat_id=FR_GROUP)  # not in its agent_ids
    await outsider.press(fr_case, "close")
    assert outsider.notice() == "desk-not-agent"
    main_agent = Agent(conversation, 9001, "Alice")  # the main group: anyone is an agent
    await main_agent.press(fr_case, "close")
    assert main_agent.notice() == "desk-case-other-team"
    assert (await reload(database, fr_case)).status == "in_review"


async def test_queue_and_topics_are_per_team(database, clock, conversation):
    main_case = await submitted_case(database, clock.now(), reference="MAIN2", user_id=1001)
    fr_case = await submitted_case(
        database, clock.now(), reference="FRAN3", user_id=1002, team="fr"
    )
    french = Agent(conversation, FR_AGENT, "Aline", chat_id=FR_GROUP)
    await french.command("queue")
    listed = [p.params.get("reference") for o in french.out for p in o.parts]  # type: ignore[union-attr]
    assert "FRAN3" in listed and "MAIN2" not in listed
    alice = Agent(conversation, 9001, "Alice")
    await alice.command("queue")
    listed = [p.params.get("reference") for o in alice.out for p in o.parts]  # type: ignore[union-attr]
    assert "MAIN2" in listed and "FRAN3" not in listed
    # Both topics are number 77, each in its own group: a message goes to its group's case.
    await french.write("Bonjour, pouvez-vous préciser ?")
    assert [o.chat_id for o in french.out if isinstance(o, Reply)] == [fr_case.chat_id]
    await alice.write("Hello, which account?")
    assert [o.chat_id for o in alice.out if isinstance(o, Reply)] == [main_case.chat_id]
    await alice.command("case", "FRAN3")
    assert [p.key for o in alice.out for p in o.parts] == ["desk-case-other-team"]  # type: ignore[union-attr]


async def test_a_case_is_moved_to_another_team_by_a_button(database, clock, conversation):
    case = await submitted_case(database, clock.now(), team="fr")
    french = Agent(conversation, FR_AGENT, "Aline", chat_id=FR_GROUP)
    await french.press(case, "claim", on=CARD)
    await french.press(case, "move", on=CARD)
    assert french.notice() == "desk-move-prompt"
    edit = next(o for o in french.out if isinstance(o, EditMessage))
    assert edit.chat_id == FR_GROUP and "desk-card-waiting-team" in [p.key for p in edit.parts]
    choices = [b for row in edit.buttons for b in row]
    assert [b.label.key for b in choices[:-1]] == ["desk-team-main", "desk-team-named"]
    assert choices[1].label.params == {"name": "Big claims"}
    assert [b.data for b in choices] == [
        f"d|{case.id}|move_to|main",
        f"d|{case.id}|move_to|vip",
        f"d|{case.id}|cancel_input|",
    ]

    await french.press(case, "move_to", "vip", on=CARD)
    assert french.notice() == "desk-moved"
    moved = await reload(database, case)
    assert moved.team == "vip" and moved.assignee_id is None and moved.pending_input == {}
    # A new hand-off in the VIP group: topic, card and evidence there.
    assert (moved.topic_id, moved.card_message_id, moved.handoff_status) == (None, None, "pending")
    assert moved.evidence_posted is False and moved.status == "in_review"
    # The old card stays in the French group, saying where the case went, without buttons.
    old_card = [o for o in french.out if isinstance(o, EditMessage)]
    assert [(o.chat_id, o.message_id, o.buttons) for o in old_card] == [(FR_GROUP, CARD, ())]
    assert old_card[0].parts[-1].key == "desk-card-moved"
    assert not [o for o in french.out if isinstance(o, Reply)]  # no group message, no parent
    async with database.unit_of_work() as session:
        events = await relays.events_since(
            session=session, case_id=case.id, action="moved", since=clock.now().replace(year=2000)
        )
    assert [e.details for e in events] == [{"team_from": "fr", "team_to": "vip"}]

    # The old card's buttons now only say where the case is.
    await french.press(case, "approve", on=CARD)
    assert french.notice() == "desk-case-other-team"
    assert (await reload(database, case)).status == "in_review"
    # The VIP team's supervisor acts on it in their group.
    async with database.unit_of_work() as session:
        await cases.set_handoff(
            session=session,
            case_id=case.id,
            topic_id=12,
            card_message_id=900,
            handoff_status="done",
            evidence_posted=True,
        )
    boss = Agent(conversation, VIP_SUPERVISOR, "Victor", chat_id=VIP_GROUP)
    await boss.press(case, "approve")
    assert boss.notice() is None
    assert (await reload(database, case)).decision == "approved"


async def test_a_parents_message_follows_the_case_to_its_new_team(
    database, clock, conversation, localizer
):
    case = await submitted_case(database, clock.now(), team="vip")
    parent = ParentChat(conversation, localizer, user_id=1001, language_code="fr")
    await parent.say("J'ai retrouvé le reçu")
    to_group = [o for o in parent.conversation_out if isinstance(o, Reply)]
    assert [(o.chat_id, o.case_id) for o in to_group] == [(VIP_GROUP, case.id)]


async def test_a_case_moves_only_once_its_hand_off_is_over(database, clock, conversation):
    case = await submitted_case(database, clock.now(), team="fr")
    async with database.unit_of_work() as session:
        await cases.set_handoff(session=session, case_id=case.id, handoff_status="pending")
    french = Agent(conversation, FR_AGENT, "Aline", chat_id=FR_GROUP)
    await french.press(case, "move", on=CARD)
    assert french.notice() == "desk-move-wait"
    await french.press(case, "move_to", "main", on=CARD)
    assert french.notice() == "desk-refused-unknown"  # nobody chose to move it
    assert (await reload(database, case)).team == "fr"


async def test_forged_moves_change_nothing(database, clock, conversation):
    case = await submitted_case(database, clock.now(), team="fr")
    french = Agent(conversation, FR_AGENT, "Aline", chat_id=FR_GROUP)
    await french.press(case, "move", on=CARD)
    for forged in ("fr", "nowhere", "", "main|x"):
        await french.press(case, "move_to", forged, on=CARD)
        assert french.notice() == "desk-refused-unknown", forged
    assert (await reload(database, case)).team == "fr"
    one_group = Agent(conversation, 9001, "Alice")
    main_case = await submitted_case(database, clock.now(), reference="ONLY4", user_id=1003)
    await one_group.press(main_case, "move_to", "fr", on=CARD)
    assert one_group.notice() == "desk-refused-unknown"  # nobody chose to move it
    assert (await reload(database, main_case)).team == "main"


async def test_follow_ups_reach_the_cases_team_with_its_deadline_and_supervisors(
    database, clock, desk, localizer
):
    from datetime import UTC, datetime

    from sqlmodel import select

    from handlers.followups import firing
    from storage.models import FollowUp

    deps = dependencies(localizer, desk=desk)
    # Friday 28 Nov 2025, 18:00 in Paris (01:00 Saturday in Shanghai): two working days in
    # the French team's time zone end on Tuesday 2 Dec at the close of its day, in Paris.
    submitted = datetime(2025, 11, 28, 17, 0, tzinfo=UTC)
    vip_case = await submitted_case(database, submitted, team="vip")
    fr_case = await submitted_case(database, submitted, reference="FRAN3", team="fr")
    async with database.unit_of_work() as session:
        for case in (vip_case, fr_case):
            stored = await session.get(type(case), case.id)
            await deps.planner.case_submitted(session, stored, submitted)
    fr_due = (await reload(database, fr_case)).due_at
    assert fr_due == deps.sla.calendar.working_days_after(submitted, 2, "Europe/Paris")
    assert fr_due != deps.sla.calendar.working_days_after(submitted, 2, "Asia/Shanghai")
    async with database.unit_of_work() as session:
        rows = list((await session.exec(select(FollowUp).order_by(FollowUp.id))).all())
    for case, group, mentions in ((vip_case, VIP_GROUP, ["9300"]), (fr_case, FR_GROUP, [])):
        due = next(r for r in rows if r.case_id == case.id and r.kind == "decision_due")
        async with database.unit_of_work() as session:
            out = await firing.fire(session, due, submitted, deps)
        told = [o for o in out if isinstance(o, Reply)]
        assert [o.chat_id for o in told] == [group]
        assert [p.params.get("id") for p in told[0].parts[1:]] == mentions
        assert all(o.chat_id == group for o in out if isinstance(o, EditMessage))
