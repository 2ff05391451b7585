"""A decision as the parent reads it: what was decided (for a partial approval, what it covers
against what was claimed), what happens next, how long the refund usually takes to reach the
way they paid, and the appeal — offered with its last day, or, after an appeal, said to be
final, with the other routes when it was lost."""

from __future__ import annotations

from decimal import Decimal

from handlers.aftercare.appeal import MAX_APPEALS, appeal_allowed, appeal_button, appeal_until
from handlers.aftercare.routes import other_routes
from handlers.case.purchase import stored_purchase_line
from handlers.case.view import CaseView
from handlers.formatting import format_money, format_when
from handlers.policy import AftercarePolicy
from handlers.replies import Button, Msg
from storage.models import Case, Decision

Message = tuple[tuple[Msg, ...], tuple[tuple[Button, ...], ...]]


def refund_time(case: Case, aftercare: AftercarePolicy) -> Msg:
    """How long a refund usually takes for the case's payment method: the operator's figure
    for "platform.method", else for the method, else a general sentence."""
    method = case.payment_method
    days = aftercare.refund_days.get(f"{case.platform}.{method}") or aftercare.refund_days.get(
        method
    )
    if days is None or method == "other":
        return Msg("decision-refund-generic")
    low, high = days
    name = Msg(f"payment-inline-{method.replace('_', '-')}")  # inside a sentence
    if high == 0:
        return Msg("decision-refund-immediate", {"method": name})
    if low == 0 or low == high:
        return Msg("decision-refund-up-to", {"method": name, "days": high})
    return Msg("decision-refund-range", {"method": name, "low": low, "high": high})


def explain_decision(view: CaseView, aftercare: AftercarePolicy) -> list[Message]:
    """The parent's messages about the case's decision (just taken: ``decided_at`` is now)."""
    case = view.case
    lang, ref = case.language, {"reference": case.reference}
    final = case.appeals >= MAX_APPEALS  # this decision answers an appeal
    if case.decision == Decision.REJECTED:
        reason = Msg(f"reject-reason-{(case.reject_reason or 'other').replace('_', '-')}")
        parts = [Msg("decision-rejected", {**ref, "reason": reason})]
    elif case.decision == Decision.PARTIAL and case.decided_amount is not None:
        parts = _partial(view)
    else:
        parts = [Msg("decision-approved", {**ref, "total": view.totals_in(lang)})]
    if case.decision_note:
        parts.append(Msg("parent-decision-note", {"note": case.decision_note}))
    if case.decision == Decision.REJECTED:
        parts.append(Msg("decision-next-rejected"))
    else:
        next_key = (
            "decision-next-partial"
            if case.decision == Decision.PARTIAL
            else "decision-next-approved"
        )
        parts += [Msg(next_key), refund_time(case, aftercare)]
    buttons: tuple[tuple[Button, ...], ...] = ()
    until = appeal_until(case, aftercare)
    if final:
        parts.append(Msg("decision-appeal-final"))
    elif case.decided_at and appeal_allowed(case, case.decided_at, aftercare) is None:
        assert until is not None
        offer = {"until": format_when(until, case.timezone, lang)}
        parts.append(Msg("decision-appeal-offer", offer))
        buttons = ((appeal_button(case),),)
    messages: list[Message] = [(tuple(parts), buttons)]
    if final and case.decision != Decision.APPROVED:
        messages.append((other_routes(case, aftercare), ()))
    return messages


def _partial(view: CaseView) -> list[Msg]:
    """The amount granted, against the total claimed and what is left, then each purchase."""
    case, lang = view.case, view.case.language
    assert case.decided_amount is not None
    currency = case.decided_currency or "CNY"
    left: dict[str, Decimal] = view.totals_by_currency()
    left[currency] = left.get(currency, Decimal(0)) - case.decided_amount
    rest = [(amount, cur) for cur, amount in left.items() if amount > 0]
    parts = [
        Msg(
            "decision-partial",
            {
                "reference": case.reference,
                "amount": format_money(case.decided_amount, currency, lang),
                "total": view.totals_in(lang),
                "rest": " + ".join(format_money(a, c, lang) for a, c in rest)
                or format_money(Decimal(0), currency, lang),
            },
        ),
        Msg("decision-claimed-header"),
    ]
    for t in view.transactions:
        parts.append(stored_purchase_line(t, case.timezone, lang))
    return parts
