"""Agent buttons on a case card: validated against the state machine on the server side (the
button's data is never trusted), recorded as events, the card edited, the parent told.

Nothing a button does costs the group a message of its own, except an escalation (it mentions
the supervisors, and a mention only notifies in a message) and posting a large set of evidence
on demand: what an action asks of the agent is the button's own pop-up answer, and the card —
edited anyway — says what the bot waits for, from whom, and offers the reasons to pick."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from handlers.bounds import clip, column_length
from handlers.case.buttons import CardButton, CardStep, skip_note_data
from handlers.case.card import (
    AMOUNT,
    NOTE,
    QUESTION,
    REASON,
    TEAM,
    agent_input,
)
from handlers.case.states import Action, Status, refusal
from handlers.case.view import FILES_SHOWN, files_deferred, load_view
from handlers.desk.context import DeskTurn
from handlers.desk.handoff import files_on_demand
from handlers.desk.notify import decision_for_parent, parent_name
from handlers.desk.presses import CardPresses
from handlers.desk.teams import move, moved_elsewhere
from handlers.formatting import format_money
from handlers.orders import desk_check
from handlers.replies import Button, Msg
from storage.models import Case, Decision, HandoffStatus
from storage.repositories import cases

__all__ = ["CARD_PRESSES", "NOTE_LENGTH", "ask_note", "decide", "press"]

_NAME_LENGTH = column_length(Case, "assignee_name")
#: The longest note an agent may give with a rejection (what its column holds).
NOTE_LENGTH = column_length(Case, "decision_note")

#: The card's presses this module handles (the others register theirs in their own modules).
presses = CardPresses()


async def press(turn: DeskTurn, data: str) -> None:
    pressed = CardButton.unpack(data)
    case = (
        await cases.case_by_id(session=turn.session, case_id=pressed.case_id) if pressed else None
    )
    if pressed is None or case is None:
        turn.answer_button(Msg("desk-refused-unknown"))
        return
    if case.anonymized_at is not None:  # erased: nobody left to tell, nothing to decide
        turn.answer_button(Msg("desk-refused-anonymized", {"reference": case.reference}))
        return
    elsewhere = moved_elsewhere(turn, case)
    if elsewhere is not None:  # an old card, or a card shown in another team's group
        turn.answer_button(elsewhere)
        await turn.refresh_card(case)
        return
    handling = CARD_PRESSES.get(pressed.action)
    if handling is None:
        turn.answer_button(Msg("desk-refused-unknown"))
        return
    if handling.checked_as is None:  # it checks and answers for itself
        await handling.run(turn, case, pressed.argument)
        return
    action = handling.checked_as
    problem = refusal(
        action,
        Status(case.status),
        assigned=case.assignee_id is not None,
        escalated=case.escalated,
    )
    if problem is None and not _may_act(turn, case, action):
        problem = "desk-refused-other-agent"
    if (
        problem is None
        and handling.valid is not None
        and not handling.valid(turn, case, pressed.argument)
    ):
        problem = "desk-refused-unknown"  # a reason that isn't one, a note nobody asked for
    if problem is not None:
        status = Msg(f"desk-status-{case.status.replace('_', '-')}")
        turn.answer_button(
            Msg(
                problem,
                {"reference": case.reference, "status": status, "name": case.assignee_name or "-"},
            )
        )
        return
    turn.answer_button(await handling.run(turn, case, pressed.argument))
    await turn.refresh_card(case)


def _may_act(turn: DeskTurn, case: Case, action: Action) -> bool:
    """A claimed case is its agent's (and the supervisors'); anyone may claim or escalate."""
    if action in (Action.CLAIM, Action.ESCALATE) or case.assignee_id in (None, turn.actor):
        return True
    return turn.desk.is_supervisor(turn.actor)


def _my_name(turn: DeskTurn) -> str:
    return clip(turn.event.sender.display_name, _NAME_LENGTH) or str(turn.actor)


def claim(turn: DeskTurn, case: Case) -> None:
    if case.assignee_id is None:
        case.assignee_id = turn.actor
        case.assignee_name = _my_name(turn)
        if case.status == Status.SUBMITTED:
            case.status = Status.IN_REVIEW


def _wait_for(turn: DeskTurn, case: Case, kind: str, **more: Any) -> None:
    """The bot now takes the pressing agent's next input as ``kind`` (the card says so)."""
    case.pending_input = {"kind": kind, "agent": turn.actor, "name": _my_name(turn), **more}


def ask_note(turn: DeskTurn, case: Case, *before: Msg) -> None:
    """Ask again, in the thread, for the rejection's note (``before`` says what went wrong
    with the last one): an answer to the agent's message, not to a button."""
    assert case.id is not None
    skip = ((Button(Msg("desk-button-no-note"), skip_note_data(case.id)),),)
    prompt = Msg("desk-reject-note-prompt", {"reference": case.reference})
    turn.in_thread(case, *before, prompt, buttons=skip)


# -- the agent actions: each checked against the state machine, then the card edited -------


@presses.action(Action.CLAIM)
async def _claim(turn: DeskTurn, case: Case, argument: str) -> Msg | None:
    claim(turn, case)
    await turn.planner.case_claimed(turn.session, case, turn.now)
    turn.tell_parent(
        case, Msg("parent-claimed", {"reference": case.reference, "name": parent_name(turn, case)})
    )
    await turn.record(case, "claimed")
    return None


@presses.action(Action.UNCLAIM)
async def _unclaim(turn: DeskTurn, case: Case, argument: str) -> Msg | None:
    case.assignee_id, case.assignee_name = None, None
    if agent_input(case) is not None:
        case.pending_input = {}  # nobody's answer is awaited on a case nobody handles
    await turn.record(case, "unclaimed")
    return None


@presses.action(Action.ASK)
async def _ask(turn: DeskTurn, case: Case, argument: str) -> Msg | None:
    claim(turn, case)
    _wait_for(turn, case, QUESTION)
    return Msg("desk-ask-prompt", {"reference": case.reference})


@presses.action(Action.APPROVE)
async def _approve(turn: DeskTurn, case: Case, argument: str) -> Msg | None:
    claim(turn, case)
    view = await load_view(turn.session, case)
    sums = view.totals_by_currency()
    currency, amount = next(iter(sums.items())) if len(sums) == 1 else (None, None)
    await decide(turn, case, Decision.APPROVED, amount=amount, currency=currency)
    return None


@presses.action(Action.PARTIAL)
async def _partial(turn: DeskTurn, case: Case, argument: str) -> Msg | None:
    claim(turn, case)
    _wait_for(turn, case, AMOUNT)
    from handlers.desk.agents import partial_prompt  # agents imports this module

    return partial_prompt(await load_view(turn.session, case), turn.desk.language)


@presses.action(Action.REJECT)
async def _reject(turn: DeskTurn, case: Case, argument: str) -> Msg | None:
    claim(turn, case)
    _wait_for(turn, case, REASON)  # the card offers the reasons
    return Msg("desk-reject-prompt", {"reference": case.reference})


def _is_reason(turn: DeskTurn, case: Case, argument: str) -> bool:
    return argument in turn.desk.reject_reasons


@presses.action(CardStep.REJECT_REASON, checked_as=Action.REJECT, valid=_is_reason)
async def _reject_reason(turn: DeskTurn, case: Case, argument: str) -> Msg | None:
    claim(turn, case)
    _wait_for(turn, case, NOTE, reason=argument)
    return Msg("desk-reject-note-prompt", {"reference": case.reference})


def _reason_given(turn: DeskTurn, case: Case, argument: str) -> bool:
    return bool((case.pending_input or {}).get("reason"))


@presses.action(CardStep.REJECT_SKIP_NOTE, checked_as=Action.REJECT, valid=_reason_given)
async def _reject_without_note(turn: DeskTurn, case: Case, argument: str) -> Msg | None:
    await decide(turn, case, Decision.REJECTED, reason=case.pending_input.get("reason"))
    return None


def _other_teams(turn: DeskTurn, case: Case, argument: str) -> bool:
    return bool(turn.desk.other_teams())  # one group: nowhere to move it


@presses.action(Action.MOVE, valid=_other_teams)
async def _move(turn: DeskTurn, case: Case, argument: str) -> Msg | None:
    ref = {"reference": case.reference}
    if case.handoff_status != HandoffStatus.DONE:  # its card or files are still on their way
        return Msg("desk-move-wait", ref)
    _wait_for(turn, case, TEAM)  # the card offers the other teams
    return Msg("desk-move-prompt", ref)


def _team_offered(turn: DeskTurn, case: Case, argument: str) -> bool:
    """After "Move", one of the teams offered."""
    chosen = (case.pending_input or {}).get("kind") == TEAM
    return chosen and argument in {team.key for team in turn.desk.other_teams()}


@presses.action(CardStep.MOVE_TO, checked_as=Action.MOVE, valid=_team_offered)
async def _move_to(turn: DeskTurn, case: Case, argument: str) -> Msg | None:
    return await move(turn, case, argument)


@presses.action(Action.ESCALATE)
async def _escalate(turn: DeskTurn, case: Case, argument: str) -> Msg | None:
    ref = {"reference": case.reference}
    case.escalated = True
    if turn.desk.supervisor_ids:  # a mention notifies only in a message; the card says it
        mentions = [
            Msg("desk-mention", {"id": str(sid)}) for sid in sorted(turn.desk.supervisor_ids)
        ]
        turn.in_thread(case, Msg("desk-escalated", ref), *mentions)
    turn.tell_parent(case, Msg("parent-escalated", ref))
    await turn.record(case, "escalated")
    return None


@presses.action(Action.CLOSE)
async def _close(turn: DeskTurn, case: Case, argument: str) -> Msg | None:
    case.status, case.closed_at, case.pending_input = Status.CLOSED, turn.now, {}
    await turn.planner.case_closed(turn.session, case, turn.now)
    turn.tell_parent(case, Msg("parent-closed", {"reference": case.reference}))
    await turn.record(case, "closed")
    return None


@presses.action(Action.REOPEN)
async def _reopen(turn: DeskTurn, case: Case, argument: str) -> Msg | None:
    case.status, case.closed_at = Status.IN_REVIEW, None
    case.decision = case.decided_at = case.decided_amount = case.decided_currency = None
    await turn.planner.case_reopened(turn.session, case, turn.now)
    turn.tell_parent(case, Msg("parent-reopened", {"reference": case.reference}))
    await turn.record(case, "reopened")
    return None


# -- presses that answer for themselves ---------------------------------------------------


@presses.own(CardStep.CANCEL_INPUT)
async def _cancel_input(turn: DeskTurn, case: Case) -> None:
    """The "Cancel" button: the bot stops waiting for an agent's question, amount, reason or
    note. The waiting agent, the case's agent or a supervisor may cancel."""
    pending = agent_input(case)
    if pending is None:
        turn.answer_button(Msg("desk-refused-unknown"))
        return
    if turn.actor not in (pending["agent"], case.assignee_id) and not turn.desk.is_supervisor(
        turn.actor
    ):
        name = pending.get("name") or case.assignee_name or "-"
        turn.answer_button(
            Msg("desk-refused-other-agent", {"reference": case.reference, "name": name})
        )
        return
    case.pending_input = {}
    turn.answer_button()
    await turn.refresh_card(case)


@presses.own(CardStep.SHOW_FILES)
async def _show_files(turn: DeskTurn, case: Case) -> None:
    """The "📎 Show N files" button: the evidence the hand-off left for it, posted once under
    the current card (any agent may ask). The card is not edited for it — that would cost a
    message: its next edit drops the button, and a second press only gets a pop-up."""
    view = await load_view(turn.session, case)
    media = files_on_demand(view, turn.desk) if files_deferred(view) else None
    if media is None or case.card_message_id is None:
        turn.answer_button(Msg("desk-refused-unknown"))
        return
    if view.files_shown:
        turn.answer_button(Msg("desk-files-already-shown", {"reference": case.reference}))
        return
    turn.answer_button()
    turn.out.append(media)
    await turn.record(case, FILES_SHOWN, card=case.card_message_id, files=len(media.media))


async def decide(
    turn: DeskTurn,
    case: Case,
    decision: Decision,
    *,
    amount: Decimal | None = None,
    currency: str | None = None,
    reason: str | None = None,
    note: str | None = None,
) -> None:
    case.status, case.decision, case.decided_at = Status.DECIDED, decision, turn.now
    case.decided_amount, case.decided_currency = amount, currency
    case.reject_reason, case.decision_note, case.pending_input = reason, note, {}
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


#: Every press of the card, by the action or step it names (a lookup, not an if-chain).
CARD_PRESSES = CardPresses.joined(presses, desk_check.presses)
