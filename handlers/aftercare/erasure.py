"""Erasing a parent's personal data: at their request (``/delete``) or when a closed case has
been kept ``retention_days`` (``retention.py``). One code path anonymizes a case either way.

Kept for the team's statistics: the reference, platform, kind of problem, who was writing,
payment method, amounts, currencies and times of the purchases, status, decision and dates.
Erased: the account, description, contact, "other" platform and payment names, the child's
age, the decision note, order numbers, evidence rows, the answers of the draft the case came
from, free text in the audit trail, the link to the parent (``user_id``/``chat_id`` become 0,
so a new ``/start`` is a new person's), and the Bot API traffic quoting the case.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.case.card import decision_msg
from handlers.case.states import Status
from handlers.case.view import CaseView, load_view, platform_msg
from handlers.desk.teams import team_chats
from handlers.policy import DeskPolicy
from handlers.replies import EditMessage, Msg, Outgoing, Reply
from storage.models import Case, User
from storage.repositories import cases, erasure, ledger, personal

log = logging.getLogger(__name__)

#: What an anonymized case's events keep: choices and counts, never words someone typed.
KEEP_DETAILS = frozenset(
    {"decision", "reason", "amount", "stars", "files", "evidence", "edited", "draft_id"}
)
#: ``user_id`` / ``chat_id`` of a case no longer linked to anyone.
NOBODY = 0
PARENT_REQUEST = "parent_request"
RETENTION = "retention"


def anonymized_card(view: CaseView, desk: DeskPolicy) -> tuple[Msg, ...]:
    """The card as the agents keep it: what the statistics keep, no buttons."""
    case, lang = view.case, desk.language
    status = Msg(f"desk-status-{case.status.replace('_', '-')}")
    parts = [
        Msg("desk-card-header", {"reference": case.reference, "status": status}),
        Msg("review-platform", {"value": platform_msg(case)}),
        Msg("review-problem", {"value": Msg(f"problem-{case.problem.replace('_', '-')}")}),
        Msg("review-total", {"total": view.totals_in(lang)}),
    ]
    if case.decision:
        parts.append(decision_msg(view, lang))
    parts.append(Msg("desk-card-anonymized"))
    return tuple(parts)


async def anonymize_case(
    session: AsyncSession, case: Case, now: datetime, desk: DeskPolicy, *, reason: str
) -> list[Outgoing]:
    """Close (if still open) and anonymize a case this transaction has claimed
    (:func:`storage.repositories.erasure.claim_cases`). Returns what the agents' group is told:
    a notice in the case's thread when it was still being handled, and its card edited."""
    assert case.id is not None
    was_open = case.status != Status.CLOSED
    if was_open:
        case.status, case.closed_at = Status.CLOSED, now
    case.anonymized_at = now
    case.user_id = case.chat_id = NOBODY
    case.account = case.description = ""
    case.contact = case.platform_other = case.payment_other = case.decision_note = None
    case.minor_age = None
    case.pending_input = {}
    case.due_at, case.overdue = None, False
    case.updated_at = now
    await erasure.scrub_case_rows(
        session=session, case_id=case.id, keep_details=KEEP_DETAILS, now=now
    )
    await ledger.unlink_cases(session=session, case_ids=[case.id])  # the bills stay (#15)
    await cases.add_event(
        session=session,
        case_id=case.id,
        actor_kind="system",
        actor_id=None,
        action="anonymized",
        now=now,
        details={"reason": reason},
    )
    out: list[Outgoing] = []
    if desk.chat_id is None:
        return out
    # Every team's group: a case moved between teams left traffic in each.
    for chat_id in team_chats(desk):
        await erasure.forget_case_in_chat(
            session=session, chat_id=chat_id, case_id=case.id, reference=case.reference
        )
    desk = desk.for_case(case)
    assert desk.chat_id is not None
    ref = {"reference": case.reference}
    if was_open:
        out.append(
            Reply(desk.chat_id, desk.language, (Msg("desk-case-erased", ref),), case_id=case.id)
        )
    if case.card_message_id is not None:
        view = await load_view(session, case)
        out.append(
            EditMessage(
                desk.chat_id, case.card_message_id, desk.language, anonymized_card(view, desk)
            )
        )
    return out


async def erase_parent(
    session: AsyncSession, user: User, now: datetime, desk: DeskPolicy
) -> list[Outgoing]:
    """Everything stored about a parent: their cases anonymized (closed if still open), their
    drafts, evidence and follow-ups deleted, their chat's Bot API traffic forgotten, and their
    user row deleted — the next message they send starts as a stranger's."""
    own = await cases.cases_of_user(session=session, user_id=user.id)
    claimed = await erasure.claim_cases(
        session=session, case_ids=[c.id for c in own if c.id is not None], now=now
    )
    out: list[Outgoing] = []
    chats = {user.id}
    for case in own:
        chats.add(case.chat_id)
        if case.id in claimed:
            out += await anonymize_case(session, case, now, desk, reason=PARENT_REQUEST)
    drafts = await personal.drafts_of_user(session=session, user_id=user.id)
    chats.update(d.chat_id for d in drafts)
    await erasure.delete_drafts(session=session, draft_ids=[d.id for d in drafts if d.id])
    for chat_id in chats:
        await erasure.forget_chat(session=session, chat_id=chat_id)
    await session.delete(user)
    await session.flush()
    log.info("user %s erased at their request: %d case(s) anonymized", user.id, len(claimed))
    return out
