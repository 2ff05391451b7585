"""One group event's handling on the agents' side: session, clock, policy, replies so far."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.case import history
from handlers.case.card import card_edit
from handlers.dependencies import Dependencies, Depending
from handlers.events import EventKind, Incoming
from handlers.policy import DeskPolicy
from handlers.replies import AnswerButton, Button, Msg, Outgoing, Reply
from storage.models import Case


@dataclass
class DeskTurn(Depending):
    session: AsyncSession
    event: Incoming
    now: datetime
    #: The team whose group the event came from (``deps.desk`` is every team's).
    desk: DeskPolicy
    deps: Dependencies
    out: list[Outgoing] = field(default_factory=list)

    @property
    def actor(self) -> int:
        return self.event.sender.user_id

    def in_thread(
        self, case: Case, *parts: Msg, buttons: tuple[tuple[Button, ...], ...] = ()
    ) -> None:
        """Say something in the case's own thread: its topic, or replies to its card."""
        assert self.desk.chat_id is not None
        self.out.append(
            Reply(self.desk.chat_id, self.desk.language, parts, buttons, case_id=case.id)
        )

    def here(self, *parts: Msg, buttons: tuple[tuple[Button, ...], ...] = ()) -> None:
        """Answer where the agent wrote (the same topic, if any)."""
        assert self.desk.chat_id is not None
        self.out.append(
            Reply(
                self.desk.chat_id,
                self.desk.language,
                parts,
                buttons,
                thread_id=self.event.thread_id,
            )
        )

    def tell_parent(
        self, case: Case, *parts: Msg, buttons: tuple[tuple[Button, ...], ...] = ()
    ) -> None:
        self.out.append(Reply(case.chat_id, case.language, parts, buttons))

    def answer_button(self, notice: Msg | None = None) -> None:
        if self.event.callback_id:
            self.out.insert(0, AnswerButton(self.event.callback_id, self.desk.language, notice))

    async def refresh_card(self, case: Case) -> None:
        """Edit the card in place so it shows the new status, assignee and what is awaited."""
        pressed = self.event.message_id if self.event.kind is EventKind.BUTTON else None
        edit = await card_edit(self.session, case, self.desk, pressed=pressed)
        if edit is not None:
            self.out.append(edit)

    async def record(self, case: Case, action: str, **details: Any) -> None:
        assert case.id is not None
        case.updated_at = self.now
        await history.record(
            self.session, case, action, self.now, history.agent(self.actor), **details
        )
