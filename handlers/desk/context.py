"""One group event's handling on the agents' side: session, clock, policy, replies so far."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.desk.card import CaseView, card_buttons, card_parts, files_deferred, moved_card
from handlers.events import EventKind, Incoming
from handlers.orders.linking import load_case_orders
from handlers.policy import AftercarePolicy, DeskPolicy
from handlers.replies import AnswerButton, Button, EditMessage, Msg, Outgoing, Reply
from handlers.reports.rating import load_rating
from storage.models import Case, CaseStatus
from storage.repositories import cases, evidence, relays

if TYPE_CHECKING:
    from handlers.followups.planner import Planner

#: The event recorded when a large set of evidence is posted on demand, naming the card it
#: was posted under (a topic recreated by hand gets a new card, and the button again).
FILES_SHOWN = "evidence_shown"
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


async def load_view(session: AsyncSession, case: Case) -> CaseView:
    assert case.id is not None
    view = CaseView(
        case,
        await cases.transactions_of(session=session, case_id=case.id),
        await evidence.list_for_case(session=session, case_id=case.id),
    )
    view.orders = await load_case_orders(session, case.id)  # what the bills say (#15)
    if case.status == CaseStatus.CLOSED:  # rated only once closed
        view.rating = await load_rating(session, case.id)
    if case.card_message_id is not None and files_deferred(view):
        shown = await relays.events_since(
            session=session, case_id=case.id, action=FILES_SHOWN, since=_EPOCH
        )
        view.files_shown = any(e.details.get("card") == case.card_message_id for e in shown)
    return view


async def card_edit(
    session: AsyncSession, case: Case, desk: DeskPolicy, *, pressed: int | None = None
) -> EditMessage | None:
    """The card edited in place to match the case as it is now (None before it is posted).

    Whatever changes a case — a button, an agent's answer, the parent, a follow-up — emits
    this in the same turn; the runtime drops an edit that changes nothing or that a later one
    replaces, so emitting one is cheap. ``pressed``: the message whose button was pressed —
    the card itself, which Telegram shows before the hand-off has recorded its id.
    """
    if desk.roster and case.team != desk.team:
        # Moved to another team: only the pressed card (the old one, here) is edited, to
        # say where the case went; the new card is the other team's.
        if pressed is None or desk.chat_id is None:
            return None
        view = await load_view(session, case)
        return EditMessage(desk.chat_id, pressed, desk.language, moved_card(view, desk), ())
    card = case.card_message_id or pressed
    if card is None or desk.chat_id is None:
        return None
    view = await load_view(session, case)
    return EditMessage(
        desk.chat_id,
        card,
        desk.language,
        card_parts(view, desk),
        card_buttons(view, desk),
    )


@dataclass
class DeskTurn:
    session: AsyncSession
    event: Incoming
    now: datetime
    desk: DeskPolicy
    planner: Planner | None = None
    aftercare: AftercarePolicy = field(default_factory=AftercarePolicy)
    out: list[Outgoing] = field(default_factory=list)
    #: A label as the agents read it (a report's chart draws its own words).
    label_text: Callable[[str, Msg], str] | None = None

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
        await cases.add_event(
            session=self.session,
            case_id=case.id,
            actor_kind="agent",
            actor_id=self.actor,
            action=action,
            now=self.now,
            details=details,
        )
