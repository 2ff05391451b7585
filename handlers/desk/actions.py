"""Agent buttons on a case card: validated against the state machine on the server side (the
button's data is never trusted), recorded as events, the card edited, the parent told."""

from __future__ import annotations

from decimal import Decimal

from handlers.bounds import clip, column_length, record_id
from handlers.desk.card import button_data
from handlers.desk.context import DeskTurn, load_view
from handlers.desk.notify import decision_for_parent, parent_name
from handlers.desk.states import Action, Status, refusal
from handlers.formatting import format_money
from handlers.replies import Button, Msg
from storage.models import Case
from storage.repositories import cases

#: Steps of a two-part action (the reason list of a rejection), allowed where REJECT is.
REJECT_REASON = "reject_reason"
REJECT_SKIP_NOTE = "reject_skip_note"
_NAME_LENGTH = column_length(Case, "assignee_name")
#: The longest note an agent may give with a rejection (what its column holds).
NOTE_LENGTH = column_length(Case, "decision_note")


def parse_data(data: str) -> tuple[int, str, str] | None:
    parts = data.split("|")
    case_id = record_id(parts[1]) if len(parts) == 4 and parts[0] == "d" else None
    if case_id is None:
        return None
    return case_id, parts[2], parts[3]


async def press(turn: DeskTurn, data: str) -> None:
    parsed = parse_data(data)
    case = await cases.case_by_id(session=turn.session, case_id=parsed[0]) if parsed else None
    if parsed is None or case is None:
        turn.answer_button(Msg("desk-refused-unknown"))
        return
    if case.anonymized_at is not None:  # erased: nobody left to tell, nothing to decide
        turn.answer_button(Msg("desk-refused-anonymized", {"reference": case.reference}))
        return
    _, name, argument = parsed
    base = Action.REJECT if name in (REJECT_REASON, REJECT_SKIP_NOTE) else None
    try:
        action = base or Action(name)
    except ValueError:
        turn.answer_button(Msg("desk-refused-unknown"))
        return
    problem = refusal(
        action,
        Status(case.status),
        assigned=case.assignee_id is not None,
        escalated=case.escalated,
    )
    if problem is None and not _may_act(turn, case, action):
        problem = "desk-refused-other-agent"
    if problem is not None:
        status = Msg(f"desk-status-{case.status.replace('_', '-')}")
        turn.answer_button(
            Msg(
                problem,
                {"reference": case.reference, "status": status, "name": case.assignee_name or "-"},
            )
        )
        return
    turn.answer_button()
    await _apply(turn, case, name, argument)
    await turn.refresh_card(case)


def _may_act(turn: DeskTurn, case: Case, action: Action) -> bool:
    """A claimed case is its agent's (and the supervisors'); anyone may claim or escalate."""
    if action in (Action.CLAIM, Action.ESCALATE) or case.assignee_id in (None, turn.actor):
        return True
    return turn.desk.is_supervisor(turn.actor)


def claim(turn: DeskTurn, case: Case) -> None:
    if case.assignee_id is None:
        case.assignee_id = turn.actor
        name = clip(turn.event.sender.display_name, _NAME_LENGTH)
        case.assignee_name = name or str(turn.actor)
        if case.status == Status.SUBMITTED:
            case.status = Status.IN_REVIEW


def ask_note(turn: DeskTurn, case: Case, *before: Msg) -> None:
    """The rejection's note for the parent, or "No note"; ``before`` says what went wrong."""
    assert case.id is not None
    skip = ((Button(Msg("desk-button-no-note"), button_data(case.id, REJECT_SKIP_NOTE)),),)
    prompt = Msg("desk-reject-note-prompt", {"reference": case.reference})
    turn.in_thread(case, *before, prompt, buttons=skip)


async def _apply(turn: DeskTurn, case: Case, name: str, argument: str) -> None:
    ref = {"reference": case.reference}
    if name == Action.CLAIM:
        claim(turn, case)
        if turn.planner is not None:
            await turn.planner.case_claimed(turn.session, case, turn.now)
        turn.tell_parent(case, Msg("parent-claimed", {**ref, "name": parent_name(turn, case)}))
        await turn.record(case, "claimed")
    elif name == Action.UNCLAIM:
        case.assignee_id, case.assignee_name = None, None
        await turn.record(case, "unclaimed")
    elif name == Action.ASK:
        claim(turn, case)
        case.pending_input = {"kind": "question", "agent": turn.actor}
        turn.in_thread(case, Msg("desk-ask-prompt", ref))
    elif name == Action.APPROVE:
        claim(turn, case)
        view = await load_view(turn.session, case)
        sums = view.totals_by_currency()
        currency, amount = next(iter(sums.items())) if len(sums) == 1 else (None, None)
        await decide(turn, case, "approved", amount=amount, currency=currency)
    elif name == Action.PARTIAL:
        claim(turn, case)
        case.pending_input = {"kind": "partial", "agent": turn.actor}
        turn.in_thread(case, Msg("desk-partial-prompt", ref))
    elif name == Action.REJECT:
        claim(turn, case)
        assert case.id is not None
        buttons = tuple(
            (
                Button(
                    Msg(f"reject-button-{r.replace('_', '-')}"),
                    button_data(case.id, REJECT_REASON, r),
                ),
            )
            for r in turn.desk.reject_reasons
        )
        turn.in_thread(case, Msg("desk-reject-prompt", ref), buttons=buttons)
    elif name == REJECT_REASON:
        if argument not in turn.desk.reject_reasons:
            turn.in_thread(case, Msg("desk-refused-unknown"))
            return
        case.pending_input = {"kind": "reject_note", "agent": turn.actor, "reason": argument}
        ask_note(turn, case)
    elif name == REJECT_SKIP_NOTE:
        reason = case.pending_input.get("reason") if case.pending_input else None
        if reason is None:
            turn.in_thread(case, Msg("desk-refused-unknown"))
            return
        await decide(turn, case, "rejected", reason=reason)
    elif name == Action.ESCALATE:
        case.escalated = True
        mentions = [
            Msg("desk-mention", {"id": str(sid)}) for sid in sorted(turn.desk.supervisor_ids)
        ]
        turn.in_thread(case, Msg("desk-escalated", ref), *mentions)
        turn.tell_parent(case, Msg("parent-escalated", ref))
        await turn.record(case, "escalated")
    elif name == Action.CLOSE:
        case.status, case.closed_at, case.pending_input = Status.CLOSED, turn.now, {}
        if turn.planner is not None:
            await turn.planner.case_closed(turn.session, case, turn.now)
        turn.tell_parent(case, Msg("parent-closed", ref))
        await turn.record(case, "closed")
    elif name == Action.REOPEN:
        case.status, case.closed_at = Status.IN_REVIEW, None
        case.decision = case.decided_at = case.decided_amount = case.decided_currency = None
        if turn.planner is not None:
            await turn.planner.case_reopened(turn.session, case, turn.now)
        turn.tell_parent(case, Msg("parent-reopened", ref))
        await turn.record(case, "reopened")


async def decide(
    turn: DeskTurn,
    case: Case,
    decision: str,
    *,
    amount: Decimal | None = None,
    currency: str | None = None,
    reason: str | None = None,
    note: str | None = None,
) -> None:
    case.status, case.decision, case.decided_at = Status.DECIDED, decision, turn.now
    case.decided_amount, case.decided_currency = amount, currency
    case.reject_reason, case.decision_note, case.pending_input = reason, note, {}
    if turn.planner is not None:
        await turn.planner.case_decided(turn.session, case, turn.now)
    view = await load_view(turn.session, case)
    for parts, buttons in decision_for_parent(view, turn.aftercare):
        turn.tell_parent(case, *parts, buttons=buttons)
    details: dict[str, object] = {"decision": decision}
    if amount is not None and currency:
        details["amount"] = format_money(amount, currency, "en")
    if reason:
        details["reason"] = reason
    await turn.record(case, "decided", **details)
