"""What a screenshot said, offered to the parent at the purchase questions (#16).

When a file sent during the intake has been read (``bot/files/keeper.py``), and the draft is
at the purchase questions, the parent gets one message: "On your screenshot I read CN¥648.00,
Fri, Mar 14, 2025, 9:07 PM, order 4200…4567 — use these?", with buttons to use them, to
correct one field, or to type everything. A file read earlier in the intake waits: its offer
comes with the first purchase question. Nothing read becomes an answer until pressed, and a
correction goes through the intake's own questions and confirmation.
"""

from __future__ import annotations

import copy
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.buttons import ButtonData, Buttons
from handlers.formatting import format_money, format_when
from handlers.intake import transactions
from handlers.intake.context import Ctx, StepName
from handlers.intake.prompting import question
from handlers.intake.steps import BY_NAME, next_step
from handlers.policy import DeskPolicy, IntakePolicy
from handlers.reading.case_files import case_file_read
from handlers.reading.extract import Reading
from handlers.reading.orders import shorten
from handlers.replies import Button, Msg, Outgoing, Reply
from storage.models import Draft, Evidence, User
from storage.repositories import drafts
from storage.repositories import evidence_files as files

#: Where an offer is made: entering a purchase, or just after one ("another one?").
OFFER_STEPS = frozenset(
    {StepName.TX_AMOUNT, StepName.TX_TIME, StepName.TX_ORDER, StepName.TX_MORE}
)


class OfferAction(StrEnum):
    USE = "use"
    AMOUNT = "amount"
    TIME = "time"
    ORDER = "order"
    NO = "no"


class OfferButton(ButtonData, prefix="read"):
    """A button under an offer: ``read:<evidence id>:use|amount|time|order|no``."""

    evidence_id: int
    action: OfferAction


_LABELS = {action: f"button-reading-{action.value}" for action in OfferAction}
#: The offer's presses, in the parent's turn (``handlers.commands.PRESSES``).
presses: Buttons[Any] = Buttons()


def _ctx(draft: Draft, user: User, policy: IntakePolicy, now: datetime) -> Ctx:
    assert draft.id is not None
    return Ctx(
        language=user.language,
        timezone=user.timezone,
        policy=policy,
        now=now,
        draft_id=draft.id,
        step=StepName(draft.step),
        answers=copy.deepcopy(draft.answers),
        cursor=copy.deepcopy(draft.cursor),
    )


def _offerable(ctx: Ctx) -> bool:
    if ctx.step not in OFFER_STEPS:
        return False
    return ctx.step is not StepName.TX_MORE or (
        len(ctx.transactions) < ctx.policy.max_transactions
    )


def purchase_of(reading: Reading, ctx: Ctx) -> dict[str, Any]:
    """The read fields as a purchase being entered (``cursor["pending_tx"]``)."""
    pending: dict[str, Any] = {}
    if reading.amount is not None:
        platform = ctx.answers.get("platform")
        currency = reading.currency or ctx.policy.default_currency(
            platform, ctx.language, ctx.timezone
        )
        pending.update(
            amount=reading.amount, currency=currency, currency_assumed=not reading.currency
        )
    if reading.when is not None:
        pending.update(when=reading.when, has_time=reading.has_time)
    if reading.order is not None:
        pending["order"] = reading.order
    return pending


def offer_parts(reading: Reading, ctx: Ctx) -> tuple[Msg, ...]:
    pending = purchase_of(reading, ctx)
    parts = [Msg("reading-offer")]
    if "amount" in pending:
        money = format_money(Decimal(pending["amount"]), pending["currency"], ctx.language)
        parts.append(Msg("reading-offer-amount", {"money": money}))
    if "when" in pending:
        moment = datetime.fromisoformat(pending["when"])
        when = format_when(moment, ctx.timezone, ctx.language, with_time=pending["has_time"])
        parts.append(Msg("reading-offer-when", {"when": when}))
    if "order" in pending:
        parts.append(Msg("reading-offer-order", {"order": shorten(pending["order"])}))
    parts.append(Msg("reading-offer-question", {"number": transactions.position(ctx)}))
    return tuple(parts)


def offer_buttons(reading: Reading, evidence_id: int) -> tuple[tuple[Button, ...], ...]:
    def button(action: OfferAction) -> Button:
        return Button(Msg(_LABELS[action]), OfferButton(evidence_id, action).pack())

    fixes = [
        button(action)
        for action, present in (
            (OfferAction.AMOUNT, reading.amount is not None),
            (OfferAction.TIME, reading.when is not None),
            (OfferAction.ORDER, reading.order is not None),
        )
        if present
    ]
    return ((button(OfferAction.USE),), tuple(fixes), (button(OfferAction.NO),))


def _offer(row: Evidence, reading: Reading, ctx: Ctx, chat_id: int) -> Reply:
    assert row.id is not None
    row.read_status = files.OFFERED
    return Reply(
        chat_id=chat_id,
        language=ctx.language,
        parts=offer_parts(reading, ctx),
        buttons=offer_buttons(reading, row.id),
    )


async def reading_ready(
    *,
    session: AsyncSession,
    evidence_id: int,
    policy: IntakePolicy,
    now: datetime,
    desk: DeskPolicy | None = None,
) -> list[Outgoing]:
    """A file was read: offer what it says if its draft is at the purchase questions now; a
    file of a submitted case (with the claim, later, with an appeal) goes to the card instead
    (``desk``: the agents' side, None where there is none)."""
    row = await session.get(Evidence, evidence_id, populate_existing=True)
    if row is None or row.read_status != files.READ:
        return []
    if row.case_id is not None:
        return await case_file_read(session, row, desk, now) if desk is not None else []
    if row.draft_id is None:
        return []
    draft = await session.get(Draft, row.draft_id)
    if draft is None or draft.status != drafts.OPEN:
        return []
    user = await session.get(User, draft.user_id)
    if user is None:
        return []
    ctx = _ctx(draft, user, policy, now)
    if not _offerable(ctx):
        return []  # offered when the draft reaches the purchase questions (waiting_offer)
    return [_offer(row, Reading.from_json(row.reading), ctx, draft.chat_id)]


async def waiting_offer(
    session: AsyncSession, draft: Draft, ctx: Ctx, chat_id: int
) -> list[Reply]:
    """The offer of a file read before the purchase questions, made when they are reached
    (the newest such file: one offer at a time)."""
    if not _offerable(ctx):
        return []
    result = await session.exec(
        select(Evidence)
        .where(Evidence.draft_id == draft.id, Evidence.read_status == files.READ)
        .order_by(col(Evidence.id).desc())
        .limit(1)
    )
    row = result.first()
    if row is None:
        return []
    return [_offer(row, Reading.from_json(row.reading), ctx, chat_id)]


@presses.otherwise(OfferButton)
async def _malformed(turn: Any, data: str) -> None:
    await press(turn, None)


@presses.on(OfferButton)
async def press(turn: Any, decoded: OfferButton | None) -> None:
    """A button under an offer (``read:<evidence id>:<action>``), in the parent's turn."""
    draft = await turn.open_draft()
    row = await turn.session.get(Evidence, decoded.evidence_id) if decoded else None
    if draft is None:
        turn.say(Msg("error-stale-button"), Msg("hint-start"))
        return
    ctx = await turn.context(draft)
    if (
        decoded is None
        or row is None
        or row.draft_id != draft.id
        or row.read_status != files.OFFERED
        or not _offerable(ctx)
    ):
        await turn.ask_current(draft, Msg("error-stale-button"))
        return
    action = decoded.action
    if action is OfferAction.NO:
        row.read_status = files.NOTHING  # declined: never offered again
        await turn.ask_current(draft, Msg("reading-declined"))
        return
    row.read_status = files.USED
    goto = _apply(ctx, Reading.from_json(row.reading), action)
    following = BY_NAME[goto] if goto else next_step(ctx, StepName.PAYMENT_OTHER)
    parts, buttons = question(ctx, following)
    drafts.save_draft(
        draft, step=following.name, answers=ctx.answers, cursor=ctx.cursor, now=turn.now
    )
    await turn.planner.draft_answered(turn.session, draft.id, turn.user.timezone, turn.now)
    turn.say(Msg("reading-used"), *parts, buttons=buttons)


def _apply(ctx: Ctx, reading: Reading, action: OfferAction) -> StepName | None:
    """The read purchase becomes the one being entered; returns the step to ask next (None:
    the first one still unanswered)."""
    if ctx.step is StepName.TX_MORE:
        ctx.cursor["tx"] = len(ctx.transactions)
    pending = purchase_of(reading, ctx)
    ctx.cursor["pending_tx"] = pending
    if action is OfferAction.USE:
        if "amount" in pending and "when" in pending:
            pending["confirmed"] = True  # the parent just confirmed them
            if "order" in pending:
                transactions.save_purchase(ctx)
                return StepName.TX_MORE
        return None
    step, cleared = transactions.FIELDS[action]
    for key in cleared:
        pending.pop(key, None)
    return step
