"""What parents are told about their case, in their own language, always with the reference."""

from __future__ import annotations

from handlers.desk.card import CaseView
from handlers.desk.context import DeskTurn
from handlers.formatting import format_money
from handlers.replies import Button, Msg
from storage.models import Case

#: Parents may appeal a decision once.
MAX_APPEALS = 1


def parent_name(turn: DeskTurn, case: Case) -> Msg:
    """How an agent is named to parents: "Support" unless the team chose to show names."""
    if turn.desk.anonymous or not case.assignee_name:
        return Msg("support-name")
    return Msg("platform-custom", {"name": case.assignee_name})


def decision_for_parent(view: CaseView) -> tuple[tuple[Msg, ...], tuple[tuple[Button, ...], ...]]:
    case = view.case
    ref = {"reference": case.reference}
    lang = case.language
    if case.decision == "rejected":
        reason = Msg(f"reject-reason-{(case.reject_reason or 'other').replace('_', '-')}")
        parts = [Msg("parent-rejected", {**ref, "reason": reason})]
        if case.decision_note:
            parts.append(Msg("parent-decision-note", {"note": case.decision_note}))
    elif case.decision == "partial" and case.decided_amount is not None:
        amount = format_money(case.decided_amount, case.decided_currency or "CNY", lang)
        parts = [Msg("parent-partial", {**ref, "amount": amount, "total": view.totals_in(lang)})]
    else:
        parts = [Msg("parent-approved", {**ref, "total": view.totals_in(lang)})]
    buttons: tuple[tuple[Button, ...], ...] = ()
    if case.decision != "approved" and case.appeals < MAX_APPEALS:
        parts.append(Msg("parent-appeal-offer"))
        buttons = ((Button(Msg("button-appeal"), f"appeal:{case.id}"),),)
    return tuple(parts), buttons
