"""The console's agents' group: a simulated forum group, so a newcomer sees both sides.

With no ``[agents] chat_id`` (the embedded defaults) the console gives the desk a group of its
own, :data:`CONSOLE_GROUP_ID`, with topics, and :data:`CONSOLE_AGENT_ID` among its agents.
Submitted cases are handed off to it as ``bot/telegram/handoff.py`` hands them to Telegram —
the topic, the card and the evidence planned by the core (:mod:`handlers.desk.handoff`), each
recorded in the case once shown — and a message for a case's thread waits for its card.

A configured group is a real one: the console leaves its hand-offs to ``refund-desk run``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from sqlalchemy import func
from sqlmodel import select

from bot.telegram.handoff import HANDED_OFF
from handlers.case.view import load_view
from handlers.clock import Clock
from handlers.desk import handoff as plan
from handlers.policy import DeskPolicy
from handlers.replies import CreateTopic, Outgoing, Reply, SendMedia
from storage.database import Database
from storage.models import Case, HandoffStatus
from storage.repositories import cases

#: The simulated group's chat id (a supergroup's are negative): used by the console only.
CONSOLE_GROUP_ID = -1_000_000_000_042
#: The agent the person becomes with ``/as agent``.
CONSOLE_AGENT_ID = 2

#: Shows one message in the group (or its topic's creation); returns the id it was given.
Post = Callable[[Reply | SendMedia | CreateTopic], int]


def console_desk(desk: DeskPolicy) -> DeskPolicy:
    """The desk the console runs: the settings' own when a group is configured (it is real),
    else the simulated group, with topics, whose agents include the console's."""
    if desk.enabled:
        return desk
    agents = desk.agent_ids | {CONSOLE_AGENT_ID} if desk.agent_ids else desk.agent_ids
    return replace(desk, chat_id=CONSOLE_GROUP_ID, use_topics=True, agent_ids=agents)


class SimulatedGroup:
    def __init__(self, *, database: Database, desk: DeskPolicy, clock: Clock) -> None:
        assert desk.chat_id == CONSOLE_GROUP_ID
        self.database = database
        self.desk = desk
        self.clock = clock
        self.post: Post = lambda _: 0  # set by the console before anything is handed off
        self._last_id = 0

    async def open(self) -> None:
        """Message ids go on from the highest the database holds (cards, topics)."""
        async with self.database.unit_of_work() as session:
            highest = [
                (await session.exec(select(func.max(column)))).one() or 0
                for column in (Case.card_message_id, Case.topic_id)
            ]
        self._last_id = max(self._last_id, *highest)

    def message_id(self) -> int:
        """A new message id in the group (a topic's id is the id of its first message)."""
        self._last_id += 1
        return self._last_id

    async def hand_off_all(self) -> None:
        """Hand off every case waiting for the agents (at start, and after each turn)."""
        async with self.database.unit_of_work() as session:
            waiting = [case.id for case in await cases.pending_handoffs(session=session)]
        for case_id in waiting:
            if case_id is not None:
                await self.hand_off(case_id)

    async def hand_off(self, case_id: int) -> None:
        """Topic, card, evidence, each recorded once shown; nothing when already done."""
        async with self.database.unit_of_work() as session:
            case = await cases.case_by_id(session=session, case_id=case_id)
            if case is None or case.handoff_status == HandoffStatus.DONE:
                return
            if case.topic_id is None:
                topic = self.post(plan.topic_request(await load_view(session, case), self.desk))
                await cases.set_handoff(
                    session=session,
                    case_id=case_id,
                    topic_id=topic,
                    topic_requested_at=self.clock.now(),
                )
        async with self.database.unit_of_work() as session:
            case = await cases.case_by_id(session=session, case_id=case_id)
            assert case is not None
            view = await load_view(session, case)
            if case.card_message_id is None:
                card = self.post(plan.card(view, self.desk))
                await cases.set_handoff(session=session, case_id=case_id, card_message_id=card)
            if not case.evidence_posted:
                media = plan.evidence(view, self.desk)
                if media is not None:
                    self.post(media)
            await cases.set_handoff(session=session, case_id=case_id, **HANDED_OFF)

    async def place(self, item: Outgoing) -> Outgoing:
        """Where a message for a case's thread goes: its topic, once its card is shown."""
        if not isinstance(item, Reply | SendMedia) or item.case_id is None:
            return item
        await self.hand_off(item.case_id)  # nothing overtakes the card
        async with self.database.unit_of_work() as session:
            case = await cases.case_by_id(session=session, case_id=item.case_id)
        topic = case.topic_id if case is not None else None
        return replace(item, thread_id=topic, case_id=None)

    async def topic_of_card(self, message_id: int) -> int | None:
        """The topic of a case's card (an edit names only the message)."""
        async with self.database.unit_of_work() as session:
            statement = select(Case.topic_id).where(Case.card_message_id == message_id)
            return (await session.exec(statement)).first()

    async def topic_of_reference(self, reference: str) -> int | None:
        async with self.database.unit_of_work() as session:
            case = await cases.case_by_reference(session=session, reference=reference)
        return case.topic_id if case is not None else None
