"""``/status`` for parents: their own claims, newest first — the status in plain words, what
has happened, what was claimed and decided, the next deadline in their own time zone — and
buttons to open one, to add a message or evidence to it, or to appeal where that is allowed.

Everything is looked up among the parent's own cases: a reference or a button naming another
parent's case gets exactly the answer a case that never existed gets.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from handlers.aftercare import appeal
from handlers.aftercare.timeline import Step, timeline
from handlers.buttons import ButtonData, Buttons
from handlers.case.purchase import money_and_moment
from handlers.case.states import OPEN, UNDECIDED
from handlers.case.view import platform_msg
from handlers.desk import parents
from handlers.formatting import format_money, format_totals, format_when
from handlers.reference import normalize_reference
from handlers.replies import Button, Msg
from handlers.turn import Turn
from storage.models import Case, CaseTransaction, Decision
from storage.repositories import cases

#: Up to this many claims are shown in full; beyond, one compact line each.
FULL_LIST = 5
#: Claims listed at most (the newest); older ones are opened with ``/status <reference>``.
LIST_LIMIT = 10
#: Timeline steps shown per claim in the list, and in a claim's own view.
LIST_STEPS = 3
DETAIL_STEPS = 8
#: How much of an unrecognised reference is echoed back.
ECHO_LIMIT = 32

Rows = tuple[tuple[Button, ...], ...]


class ClaimAction(StrEnum):
    OPEN = "open"  # the claim in full
    MESSAGE = "message"  # the next message goes to it
    EVIDENCE = "evidence"  # the next files go to it


class ClaimButton(ButtonData, prefix="st"):
    """A button under a claim in /status: ``st:open|message|evidence:<case id>``."""

    action: ClaimAction
    case_id: int


class AllClaims(ButtonData, prefix="st:list"):
    """ "All my claims", under one claim of several: ``st:list``."""


#: What a press of these buttons does (routed by ``handlers.commands.PRESSES``).
presses: Buttons[Turn] = Buttons()


@dataclass(frozen=True)
class Claim:
    """A case with what its status shows: the purchases claimed and the parent's timeline."""

    case: Case
    transactions: list[CaseTransaction]
    steps: list[Step]


async def show(turn: Turn, argument: str) -> None:
    """``/status`` (every claim of this parent) or ``/status K7QM4`` (one of them)."""
    own = await _own_cases(turn)
    if argument.strip():
        await _show_reference(turn, own, argument)
    elif not own:
        draft = await turn.open_draft()
        if draft is None:
            turn.say(Msg("status-none"), Msg("hint-start"))
        else:
            await turn.ask_current(draft, Msg("status-none"))
        return
    else:
        await _overview(turn, own)
    await _resume_intake(turn)


@presses.on(AllClaims)
async def _all_claims(turn: Turn, data: AllClaims) -> None:
    own = await _own_cases(turn)
    if not own:
        await _stale(turn)
        return
    await _overview(turn, own)
    await _resume_intake(turn)


@presses.on(ClaimButton)
async def _claim_pressed(turn: Turn, data: ClaimButton) -> None:
    own = await _own_cases(turn)
    case = next((c for c in own if c.id == data.case_id), None)
    if case is None:
        await _stale(turn)
    elif data.action is ClaimAction.OPEN:
        await _details(turn, await _load(turn, case), many=len(own) > 1)
        await _resume_intake(turn)
    else:
        evidence = data.action is ClaimAction.EVIDENCE
        await _choose_for_next_message(turn, case, own, evidence=evidence)


@presses.otherwise(ClaimButton, AllClaims)
async def _stale(turn: Turn, data: str = "") -> None:
    """Forged, foreign or from a claim no longer this parent's: nothing is revealed."""
    turn.say(Msg("error-stale-button"))


def _id(case: Case) -> int:
    assert case.id is not None
    return case.id


async def _own_cases(turn: Turn) -> list[Case]:
    own = await cases.cases_of_user(session=turn.session, user_id=turn.user.id)
    return sorted(own, key=lambda c: (c.submitted_at, c.id or 0), reverse=True)


async def _resume_intake(turn: Turn) -> None:
    """A claim being filled in is asked again after the status, so the parent can go on."""
    draft = await turn.open_draft()
    if draft is not None:
        await turn.ask_current(draft)


async def _load(turn: Turn, case: Case) -> Claim:
    assert case.id is not None
    return Claim(
        case,
        await cases.transactions_of(session=turn.session, case_id=case.id),
        timeline(await cases.events_of(session=turn.session, case_id=case.id)),
    )


async def _show_reference(turn: Turn, own: list[Case], argument: str) -> None:
    # Only the parent's own cases are searched: another parent's reference is "not found".
    wanted = normalize_reference(argument.replace("-", ""))
    case = next((c for c in own if c.reference == wanted), None)
    if case is None:
        typed = wanted or argument.strip()[:ECHO_LIMIT]
        turn.say(Msg("status-unknown", {"reference": typed}))
        return
    await _details(turn, await _load(turn, case), many=len(own) > 1)


async def _overview(turn: Turn, own: list[Case]) -> None:
    if len(own) == 1:
        await _details(turn, await _load(turn, own[0]), many=False)
        return
    shown = [await _load(turn, case) for case in own[:LIST_LIMIT]]
    if len(own) <= FULL_LIST:
        parts = [_lines(*_summary(turn, c), *_steps(turn, c, LIST_STEPS)) for c in shown]
    else:
        parts = [_lines(*(_compact(turn, c) for c in shown))]
    if len(own) > LIST_LIMIT:
        parts.append(Msg("status-more", {"count": len(own) - LIST_LIMIT}))
    opens = [
        Button(
            Msg("button-status-open", {"reference": c.case.reference}),
            ClaimButton(ClaimAction.OPEN, _id(c.case)).pack(),
        )
        for c in shown
    ]
    rows = tuple(tuple(opens[i : i + 2]) for i in range(0, len(opens), 2))
    turn.say(Msg("status-header"), *parts, Msg("status-pick"), buttons=rows)


async def _details(turn: Turn, claim: Claim, *, many: bool) -> None:
    steps = _steps(turn, claim, DETAIL_STEPS)
    purchases = [_purchase(turn, claim.case, t) for t in claim.transactions]
    parts = _lines(
        *_summary(turn, claim),
        *purchases,
        *((Msg("status-timeline"), *steps) if steps else ()),
    )
    turn.say(parts, buttons=_case_buttons(turn, claim.case, many=many))


def _case_buttons(turn: Turn, case: Case, *, many: bool) -> Rows:
    rows: list[tuple[Button, ...]] = []
    if case.status in OPEN:
        rows.append(
            (
                Button(
                    Msg("button-status-message"),
                    ClaimButton(ClaimAction.MESSAGE, _id(case)).pack(),
                ),
                Button(
                    Msg("button-status-evidence"),
                    ClaimButton(ClaimAction.EVIDENCE, _id(case)).pack(),
                ),
            )
        )
    if appeal.appeal_allowed(case, turn.now, turn.aftercare) is None:
        rows.append((appeal.appeal_button(case),))
    if many:
        rows.append((Button(Msg("button-status-all"), AllClaims().pack()),))
    return tuple(rows)


async def _choose_for_next_message(
    turn: Turn, case: Case, own: list[Case], *, evidence: bool
) -> None:
    """The "add a message" and "add evidence" buttons: the next message goes to this case."""
    ref = {"reference": case.reference}
    if case.status not in OPEN:
        turn.say(Msg("status-closed-no-message", ref))
        return
    draft = await turn.open_draft()
    if draft is not None:  # the next message answers the intake's question, not this case
        await turn.ask_current(draft, Msg("status-finish-intake-first", ref))
        return
    appealing = next((c for c in own if appeal.is_appealing(c)), None)
    if appealing is not None:  # the next message would go to that appeal: it comes first
        turn.say(Msg("status-finish-appeal-first", {"reference": appealing.reference}))
        await appeal.on_button(turn, _id(appealing))  # its prompt and buttons again
        return
    pending = turn.user.pending_relay or {}
    if pending and parents.TARGET_CASE not in pending:
        # A message already waiting for "which claim?" goes to the one just chosen.
        await parents.choose_case(turn, parents.CaseChoice(_id(case)))
    turn.user.pending_relay = {parents.TARGET_CASE: case.id}
    if evidence:
        turn.say(Msg("status-send-evidence", ref))
    else:
        turn.say(Msg("status-write-message", ref))


# -- what is shown ----------------------------------------------------------------------


def _lines(first: Msg, *rest: Msg) -> Msg:
    """Several lines as one message part (a reply's parts are set apart by blank lines)."""
    if not rest:
        return first
    return Msg("status-lines", {"first": first, "rest": _lines(*rest)})


def _summary(turn: Turn, claim: Claim) -> list[Msg]:
    case, language = claim.case, turn.user.language
    status = Msg(f"status-{case.status.replace('_', '-')}")
    platform = platform_msg(case, inline=True)
    lines = [
        Msg(
            "status-case",
            {"reference": case.reference, "platform": platform, "status": status},
        )
    ]
    claimed = _claimed(claim, language)
    if claimed:
        lines.append(Msg("status-claimed", {"amount": claimed}))
    decision = _decision(claim, language)
    if decision is not None:
        lines.append(decision)
    deadline = _deadline(turn, case)
    if deadline is not None:
        lines.append(deadline)
    return lines


def _compact(turn: Turn, claim: Claim) -> Msg:
    case = claim.case
    submitted = format_when(
        case.submitted_at, turn.user.timezone, turn.user.language, with_time=False
    )
    params = {
        "reference": case.reference,
        "submitted": submitted,
        "status": Msg(f"status-{case.status.replace('_', '-')}"),
        "claimed": _claimed(claim, turn.user.language) or "-",
    }
    return Msg("status-compact", params)


def _purchase(turn: Turn, case: Case, t: CaseTransaction) -> Msg:
    """One purchase as the parent gave it: on the clock they gave it in, and a part of the day
    ("yesterday evening") still "in the evening, around 8:00 PM", not an exact minute."""
    money, when = money_and_moment(t, case.timezone, turn.user.language)
    return Msg("status-purchase", {"number": t.position, "money": money, "when": when})


def _claimed(claim: Claim, language: str) -> str:
    return format_totals(((t.amount, t.currency) for t in claim.transactions), language)


def _decision(claim: Claim, language: str) -> Msg | None:
    case = claim.case
    if case.decision == Decision.REJECTED:
        reason = Msg(f"reject-reason-{(case.reject_reason or 'other').replace('_', '-')}")
        return Msg("status-not-approved", {"reason": reason})
    if case.decision not in (Decision.APPROVED, Decision.PARTIAL):
        return None
    if case.decided_amount is not None and case.decided_currency:
        amount = format_money(case.decided_amount, case.decided_currency, language)
    elif case.decision == Decision.APPROVED:  # in full, over several currencies
        amount = _claimed(claim, language)
    else:
        return None
    return Msg("status-refund", {"amount": amount})


def _deadline(turn: Turn, case: Case) -> Msg | None:
    """The next decision's deadline, while one is awaited, in the parent's own time zone."""
    if case.due_at is None or case.status not in UNDECIDED:
        return None
    due = format_when(case.due_at, turn.user.timezone, turn.user.language)
    if case.due_at <= turn.now:
        return Msg("status-overdue", {"due": due})
    return Msg("status-due", {"due": due})


def _steps(turn: Turn, claim: Claim, limit: int) -> list[Msg]:
    return [
        Msg(
            "status-event",
            {
                "when": format_when(step.at, turn.user.timezone, turn.user.language),
                "what": Msg(f"timeline-{step.name}", {"count": step.count}),
            },
        )
        for step in claim.steps[-limit:]
    ]
