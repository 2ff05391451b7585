"""What a follow-up says when it fires, to whom — or nothing, when its reason has gone (the
draft was finished, the case decided). Runs inside the transaction that claimed the row."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TYPE_CHECKING

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.aftercare.routes import other_routes
from handlers.case import history
from handlers.case.card import card_edit
from handlers.case.states import UNDECIDED, Status
from handlers.commands import Resume
from handlers.desk import parents
from handlers.followups.kinds import Kind
from handlers.formatting import format_when
from handlers.replies import Button, Msg, Outgoing, Reply
from storage.models import Case, Decision, Draft, DraftStatus, FollowUp, User
from storage.repositories import cases, evidence

if TYPE_CHECKING:
    from handlers.dependencies import Dependencies


async def fire(
    session: AsyncSession, row: FollowUp, now: datetime, deps: Dependencies
) -> list[Outgoing]:
    return await FIRES[Kind(row.kind)](session, row, now, deps)


Fire = Callable[[AsyncSession, FollowUp, datetime, "Dependencies"], Awaitable[list[Outgoing]]]
CaseFire = Callable[
    [AsyncSession, FollowUp, Case, datetime, "Dependencies"], Awaitable[list[Outgoing]]
]


def _on_case(fire_on: CaseFire) -> Fire:
    """A kind about a case: nothing once the case is gone (erased)."""

    async def fire(
        session: AsyncSession, row: FollowUp, now: datetime, deps: Dependencies
    ) -> list[Outgoing]:
        case = await cases.case_by_id(session=session, case_id=row.case_id or 0)
        return [] if case is None else await fire_on(session, row, case, now, deps)

    return fire


async def _relay_digest(
    session: AsyncSession, row: FollowUp, case: Case, now: datetime, deps: Dependencies
) -> list[Outgoing]:
    # Whatever the case's state: the parent sent these already.
    return await parents.relay_digest(session, row, case, deps.desk.for_case(case))


async def _to_agents(
    session: AsyncSession, row: FollowUp, case: Case, now: datetime, deps: Dependencies
) -> list[Outgoing]:
    return await _for_agents(session, Kind(row.kind), case, now, deps)


async def _to_parent(
    session: AsyncSession, row: FollowUp, case: Case, now: datetime, deps: Dependencies
) -> list[Outgoing]:
    return await _for_parent(session, Kind(row.kind), row, case, now, deps)


async def _intake_reminder(
    session: AsyncSession, row: FollowUp, now: datetime, deps: Dependencies
) -> list[Outgoing]:
    draft = await session.get(Draft, row.draft_id)
    if draft is None or draft.status != DraftStatus.OPEN:
        return []
    user = await session.get(User, draft.user_id)
    language = user.language if user else "en"
    number = int(row.details.get("number", 1))
    key = "reminder-intake-first" if number == 1 else "reminder-intake-again"
    assert draft.id is not None
    button = Button(Msg("button-resume"), Resume(draft.id).pack())
    return [Reply(draft.chat_id, language, (Msg(key),), ((button,),))]


async def _for_agents(
    session: AsyncSession, kind: Kind, case: Case, now: datetime, deps: Dependencies
) -> list[Outgoing]:
    desk = deps.desk.for_case(case)
    if not desk.enabled or case.status not in UNDECIDED:
        return []
    ref = {"reference": case.reference}
    due = format_when(case.due_at, desk.timezone, desk.language) if case.due_at else "-"
    assert desk.chat_id is not None
    if kind is Kind.UNCLAIMED:
        if case.assignee_id is not None:
            return []
        hours = int((now - case.submitted_at).total_seconds() // 3600)
        parts: tuple[Msg, ...] = (Msg("desk-unclaimed", {**ref, "hours": hours}),)
    elif kind in (Kind.DECISION_WARNING, Kind.APPEAL_WARNING):
        parts = (Msg("desk-deadline-warning", {**ref, "due": due}),)
    else:
        case.overdue = True
        assert case.id is not None
        await history.record(session, case, "overdue", now, history.SYSTEM)
        mentions = [Msg("desk-mention", {"id": str(sid)}) for sid in sorted(desk.supervisor_ids)]
        parts = (Msg("desk-deadline-overdue", {**ref, "due": due}), *mentions)
    out: list[Outgoing] = [Reply(desk.chat_id, desk.language, parts, case_id=case.id)]
    if case.overdue:  # the card says "overdue" from now on
        edit = await card_edit(session, case, desk)
        if edit is not None:
            out.append(edit)
    return out


async def _for_parent(
    session: AsyncSession, kind: Kind, row: FollowUp, case: Case, now: datetime, deps: Dependencies
) -> list[Outgoing]:
    ref = {"reference": case.reference}
    lang = case.language
    if kind is Kind.MISSING_EVIDENCE:
        assert case.id is not None
        files = await evidence.list_for_case(session=session, case_id=case.id)
        if files or case.status not in UNDECIDED:
            return []
        return [Reply(case.chat_id, lang, (Msg("reminder-missing-evidence", ref),))]
    if kind is Kind.CHECK_IN:
        if case.status not in UNDECIDED:
            return []
        await deps.planner.check_in_again(session, case, now)
        parent = await session.get(User, case.user_id)
        if parent is not None and parent.check_ins_muted:  # /notifications; kept scheduled
            return []
        status = Msg(f"status-{case.status.replace('_', '-')}")
        due = format_when(case.due_at, case.timezone, lang) if case.due_at else "-"
        return [
            Reply(
                case.chat_id,
                lang,
                (Msg("parent-check-in", {**ref, "status": status, "due": due}),),
            )
        ]
    if kind is Kind.OTHER_ROUTES:
        rejected = case.decision == Decision.REJECTED and case.status != Status.APPEALED
        still = (
            case.status in UNDECIDED
            if row.details.get("reason") == "no_decision"
            else rejected and not case.appeals  # a lost appeal brought them with its decision
        )
        routes = other_routes(case, deps.aftercare)
        return [Reply(case.chat_id, lang, routes)] if still else []
    if kind is Kind.SATISFACTION:
        if case.status != Status.CLOSED:
            return []
        assert case.id is not None
        stars = tuple(
            Button(Msg("button-rating", {"stars": n}), parents.Rating(case.id, n).pack())
            for n in range(1, 6)
        )
        return [Reply(case.chat_id, lang, (Msg("parent-satisfaction", ref),), (stars,))]
    raise AssertionError(f"{kind} is not a follow-up to the parent")


#: What each kind of follow-up does when it fires: a new kind without an entry here stops the
#: import (and tests/handlers/test_followups.py), instead of firing silently as nothing.
FIRES: dict[Kind, Fire] = {
    Kind.INTAKE_REMINDER: _intake_reminder,
    Kind.RELAY_DIGEST: _on_case(_relay_digest),
    Kind.DECISION_WARNING: _on_case(_to_agents),
    Kind.APPEAL_WARNING: _on_case(_to_agents),
    Kind.DECISION_DUE: _on_case(_to_agents),
    Kind.APPEAL_DUE: _on_case(_to_agents),
    Kind.UNCLAIMED: _on_case(_to_agents),
    Kind.MISSING_EVIDENCE: _on_case(_to_parent),
    Kind.CHECK_IN: _on_case(_to_parent),
    Kind.OTHER_ROUTES: _on_case(_to_parent),
    Kind.SATISFACTION: _on_case(_to_parent),
}
if set(FIRES) != set(Kind):
    raise RuntimeError(f"follow-up kinds without a firing: {sorted(set(Kind) - set(FIRES))}")
