"""Turning a finished draft into a case: reference, transactions, evidence, first event."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.case import fields, history
from handlers.intake.context import Ctx
from handlers.intake.questions import needs_minor_age
from handlers.reference import LENGTH, new_reference
from storage.models import Case, CaseTransaction, Draft, DraftStatus
from storage.repositories import cases, drafts, evidence

#: Attempts per length before a longer reference is used (28.6M five-letter references).
_TRIES_PER_LENGTH = 5


async def unique_reference(*, session: AsyncSession) -> str:
    length = LENGTH
    while True:
        for _ in range(_TRIES_PER_LENGTH):
            reference = new_reference(length)
            if not await cases.reference_taken(session=session, reference=reference):
                return reference
        length += 1


async def submit_draft(
    *, session: AsyncSession, draft: Draft, ctx: Ctx, user_id: int, now: datetime
) -> Case:
    a = ctx.answers
    values = fields.from_answers(a)
    # A platform named only in the operator's config keeps its name with the case.
    values["platform_other"] = values["platform_other"] or ctx.policy.platform_names.get(
        a["platform"]
    )
    values["minor_age"] = values["minor_age"] if needs_minor_age(ctx) else None
    values["no_evidence"] = bool(values["no_evidence"])
    case = Case(
        reference=await unique_reference(session=session),
        user_id=user_id,
        chat_id=draft.chat_id,
        language=ctx.language,
        timezone=ctx.timezone,
        **values,
        submitted_at=now,
        updated_at=now,
    )
    items = [
        CaseTransaction(
            case_id=0,
            position=0,
            amount=Decimal(t["amount"]),
            currency=t["currency"],
            occurred_at=datetime.fromisoformat(t["when"]),
            has_time=t.get("has_time", True),
            order_number=t.get("order"),
            time_vague=t.get("time_vague") if t.get("has_time", True) else None,
        )
        for t in ctx.transactions
    ]
    await cases.add_case(session=session, case=case, transactions=items)
    assert case.id is not None and draft.id is not None
    await evidence.attach_to_case(session=session, draft_id=draft.id, case_id=case.id)
    await history.record(
        session,
        case,
        "submitted",
        now,
        history.parent(user_id),
        draft_id=draft.id,
        evidence=ctx.evidence_count,
    )
    drafts.close_draft(draft, status=DraftStatus.SUBMITTED, now=now, case_id=case.id)
    return case
