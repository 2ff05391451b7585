"""What a case costs the agents' group in messages, action by action (#12).

Telegram lets a group receive about 20 messages a minute in all (one forum: every topic
shares it), so every message one case costs there delays every other case. Counted as the
runtime's pacer counts them: a message or an edit of one is 1, an album is one per file, the
topic's creation is 1; a button's pop-up answer is not a message.

One life of a case with 6 screenshots, counted in the core before the change (commit 84b967d)
and after it:

    action                         before  after
    hand-off (topic, card, files)       8      2   6 files wait for "📎 Show 6 files"
    claim                               1      1   the card's edit
    ask: press                          2      1   the prompt is the pop-up; the card says
                                                   "Waiting for Alice's question to the parent"
    ask: question written               2      1   "Question sent" folded into the card's
                                                   "waiting for the parent"
    the parent answers                  1      2   the card no longer stays "waiting for the
                                                   parent": +1 edit (the fix for staleness)
    escalate                            2      2   kept: it mentions the supervisors
    approve part: press                 2      1   pop-up + card line
    approve part: amount written        1      1
    close                               1      1
    reopen                              1      1
    reject: press                       2      1   the reasons are buttons on the card
    reject: reason picked               2      1   pop-up + card line, "No note" on the card
    reject: note written                1      1
    show the files (when wanted)        -      6   once, under the current card; no edit

A typical life (hand-off, claim, ask, question, answer, approve part, amount, close): 18
before, 10 after (16 if an agent looks at the 6 files). With no supervisors configured an
escalation costs 1 (the card's edit) instead of 2.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.i18n import Localizer
from handlers.case.view import load_view
from handlers.conversation import Conversation
from handlers.desk import handoff as plan
from handlers.events import Incoming
from handlers.languages import SUPPORTED
from handlers.policy import DeskPolicy
from handlers.replies import CreateTopic, EditMessage, Msg, Outgoing, Reply, SendMedia
from storage.models import Case, Evidence
from storage.repositories import cases, evidence
from tests.chat import ParentChat
from tests.core import core
from tests.handlers.desk_helpers import GROUP, Agent, reload, submitted_case

SUPERVISOR = 9100
PARENT = 1001
#: Telegram shows at most this many characters in a button's pop-up answer.
POP_UP_LIMIT = 200

#: Group messages per action after the change (see the docstring for before).
AFTER = {
    "hand-off": 2,
    "claim": 1,
    "ask: press": 1,
    "ask: question written": 1,
    "the parent answers": 2,
    "escalate": 2,
    "approve part: press": 1,
    "approve part: amount written": 1,
    "close": 1,
    "reopen": 1,
    "reject: press": 1,
    "reject: reason picked": 1,
    "reject: note written": 1,
    "show the files": 6,
}
TYPICAL = (
    "hand-off",
    "claim",
    "ask: press",
    "ask: question written",
    "the parent answers",
    "approve part: press",
    "approve part: amount written",
    "close",
)


@pytest.fixture
def desk() -> DeskPolicy:
    return DeskPolicy(
        chat_id=GROUP, language="en", use_topics=True, supervisor_ids=frozenset({SUPERVISOR})
    )


class Recording:
    """The core as a parent's chat reaches it, keeping everything a turn sent (edits too)."""

    def __init__(self, conversation: Conversation) -> None:
        self.conversation = conversation
        self.out: list[Outgoing] = []

    async def handle(self, event: Incoming) -> list[Outgoing]:
        self.out = await self.conversation.handle(event)
        return self.out


def group_messages(out: list[Outgoing]) -> int:
    """What the outgoing items cost the group, as Telegram and the pacer count."""
    count = 0
    for item in out:
        # Creating a topic posts its service message, which the pacer counts too.
        if isinstance(item, Reply | EditMessage | CreateTopic) and item.chat_id == GROUP:
            count += 1
        elif isinstance(item, SendMedia) and item.chat_id == GROUP:
            count += len(item.media)
    return count


async def with_files(database, case: Case, now: datetime, count: int) -> None:
    async with database.unit_of_work() as session:
        for n in range(count):
            item = Evidence(case_id=case.id, kind="photo", telegram_file_id=f"shot-{n}")
            await evidence.add_evidence(session=session, item=item, now=now)


async def hand_off(database, case: Case, desk: DeskPolicy) -> list[Outgoing]:
    """What the hand-off sends for the case (``bot/telegram/handoff.py`` performs these)."""
    async with database.unit_of_work() as session:
        stored = await cases.case_by_id(session=session, case_id=case.id)
        assert stored is not None
        view = await load_view(session, stored)
    steps = [plan.topic_request(view, desk), plan.card(view, desk), plan.evidence(view, desk)]
    return [step for step in steps if step is not None]


async def test_what_a_case_costs_the_group(database, clock, conversation, localizer, desk):
    case = await submitted_case(database, clock.now())
    await with_files(database, case, clock.now(), 6)
    agent = Agent(conversation)
    recording = Recording(conversation)
    parent = ParentChat(recording, localizer, user_id=PARENT, language_code="fr")  # type: ignore[arg-type]
    costs: dict[str, int] = {}

    costs["hand-off"] = group_messages(await hand_off(database, case, desk))
    costs["claim"] = group_messages(await agent.press(case, "claim"))
    costs["ask: press"] = group_messages(await agent.press(case, "ask"))
    costs["ask: question written"] = group_messages(await agent.write("Quel âge a votre fils ?"))
    await parent.say("Il a 11 ans.")
    costs["the parent answers"] = group_messages(recording.out)
    costs["escalate"] = group_messages(await agent.press(case, "escalate"))
    costs["approve part: press"] = group_messages(await agent.press(case, "partial"))
    costs["approve part: amount written"] = group_messages(await agent.write("300"))
    costs["close"] = group_messages(await agent.press(case, "close"))
    costs["reopen"] = group_messages(await agent.press(case, "reopen"))
    costs["reject: press"] = group_messages(await agent.press(case, "reject"))
    costs["reject: reason picked"] = group_messages(
        await agent.press(case, "reject_reason", "too_old")
    )
    costs["reject: note written"] = group_messages(await agent.write("Achats de 2023."))
    costs["show the files"] = group_messages(await agent.press(case, "files"))

    assert costs == AFTER
    assert sum(costs[a] for a in TYPICAL) == 10  # 18 before
    decided = await reload(database, case)
    assert (decided.status, decided.decision, decided.escalated) == ("decided", "rejected", True)


async def test_what_the_saved_messages_were_and_what_replaces_them(
    database, clock, conversation, localizer, desk
):
    """Nothing agents need is lost: each prompt is the button's pop-up and a line on the
    card, the reasons are on the card, the escalation still mentions the supervisors, the
    card follows the parent's answer, the files are one press away."""
    case = await submitted_case(database, clock.now())
    await with_files(database, case, clock.now(), 6)
    agent = Agent(conversation)
    steps = await hand_off(database, case, desk)
    card = next(s for s in steps if isinstance(s, Reply))
    assert [b.data for row in card.buttons for b in row][-1] == f"d|{case.id}|files|"
    assert card.buttons[-1][0].label == Msg("desk-button-files", {"count": 6})
    assert not any(isinstance(s, SendMedia) for s in steps)

    await agent.press(case, "ask")
    assert agent.notice() == "desk-ask-prompt"
    assert "desk-card-waiting-question" in agent.card_keys()
    await agent.write("Quel âge a votre fils ?")
    assert agent.card_status() == "desk-status-waiting-parent"

    recording = Recording(conversation)
    parent = ParentChat(recording, localizer, user_id=PARENT, language_code="fr")  # type: ignore[arg-type]
    await parent.say("Il a 11 ans.")
    edits = [o for o in recording.out if isinstance(o, EditMessage)]
    assert len(edits) == 1 and edits[0].message_id == 500 and edits[0].chat_id == GROUP
    assert edits[0].parts[0].params["status"].key == "desk-status-in-review"

    await agent.press(case, "escalate")
    assert agent.to(GROUP) == ["desk-escalated", "desk-mention"]
    assert "desk-card-escalated" in agent.card_keys()

    await agent.press(case, "files")
    sent = [o for o in agent.out if isinstance(o, SendMedia)]
    assert len(sent) == 1 and sent[0].case_id == case.id and len(sent[0].media) == 6
    assert not agent.edited_card()  # the next edit drops the button, for free
    await agent.press(case, "files")
    assert agent.notice() == "desk-files-already-shown" and agent.to(GROUP) == []
    await agent.press(case, "reject")
    assert not [data for data in agent.card_buttons() if data.endswith("|files|")]


async def test_an_escalation_without_supervisors_is_told_by_the_card_alone(
    database, clock, policy, localizer
):
    desk = DeskPolicy(chat_id=GROUP, language="en", use_topics=True)
    conversation = core(database, clock, localizer, policy=policy, desk=desk)
    case = await submitted_case(database, clock.now())
    agent = Agent(conversation)
    await agent.press(case, "escalate")
    assert agent.to(GROUP) == [] and group_messages(agent.out) == 1
    assert "desk-card-escalated" in agent.card_keys()
    assert agent.to(PARENT) == ["parent-escalated"]


@pytest.mark.parametrize("files, posted", [(0, 0), (1, 1), (4, 4), (5, 0)])
async def test_the_hand_off_posts_small_sets_and_offers_large_ones(
    database, clock, desk, files, posted
):
    case = await submitted_case(database, clock.now())
    await with_files(database, case, clock.now(), files)
    steps = await hand_off(database, case, desk)
    assert sum(len(s.media) for s in steps if isinstance(s, SendMedia)) == posted
    card = next(s for s in steps if isinstance(s, Reply))
    offered = [b for row in card.buttons for b in row if b.data.endswith("|files|")]
    assert len(offered) == (1 if files > posted else 0)


def test_the_prompts_fit_a_pop_up_in_every_language(localizer: Localizer) -> None:
    reference = "ABCDEFGH"  # the longest a reference gets
    keys = (
        "desk-ask-prompt",
        "desk-partial-prompt",
        "desk-reject-prompt",
        "desk-reject-note-prompt",
        "desk-files-already-shown",
    )
    too_long = [
        (language, key, len(text))
        for language in SUPPORTED
        for key in keys
        if len(text := localizer.plain(language, Msg(key, {"reference": reference})))
        > POP_UP_LIMIT
    ]
    assert not too_long
