"""The case card the agents see (in their language, the parent's words kept as written), its
buttons for the actions the state allows, and the topic name."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from handlers.desk.states import Action, Status, available
from handlers.formatting import format_money, format_totals, format_when
from handlers.policy import KNOWN_PLATFORMS, DeskPolicy
from handlers.replies import Button, Msg
from storage.models import Case, CaseTransaction, Evidence


def language_name(language: str) -> Msg:
    return Msg(f"language-name-{language}")


@dataclass
class CaseView:
    """A case with what the card shows about it."""

    case: Case
    transactions: list[CaseTransaction]
    evidence: list[Evidence]

    def totals_in(self, language: str) -> str:
        return format_totals(((t.amount, t.currency) for t in self.transactions), language)

    def totals_by_currency(self) -> dict[str, Decimal]:
        sums: dict[str, Decimal] = {}
        for t in self.transactions:
            sums[t.currency] = sums.get(t.currency, Decimal(0)) + t.amount
        return sums


def platform_msg(case: Case) -> Msg:
    if case.platform == "other" or case.platform not in KNOWN_PLATFORMS:
        return Msg("platform-custom", {"name": case.platform_other or case.platform})
    return Msg(f"platform-{case.platform}")


def topic_name(view: CaseView, language: str) -> Msg:
    return Msg(
        "desk-topic-name",
        {
            "reference": view.case.reference,
            "platform": platform_msg(view.case),
            "total": view.totals_in(language),
        },
    )


def button_data(case_id: int, action: str, argument: str = "") -> str:
    return f"d|{case_id}|{action}|{argument}"


def card_parts(view: CaseView, desk: DeskPolicy) -> tuple[Msg, ...]:
    case, lang = view.case, desk.language
    status = Msg(f"desk-status-{case.status.replace('_', '-')}")
    parts = [Msg("desk-card-header", {"reference": case.reference, "status": status})]
    if case.status == Status.APPEALED:
        parts.append(Msg("desk-card-appeal"))  # the decision below is contested
    elif case.appeals and case.decision:
        parts.append(Msg("desk-card-appeal-decided"))
    if case.escalated:
        parts.append(Msg("desk-card-escalated"))
    if case.overdue:
        parts.append(Msg("desk-card-overdue"))
    parts += [
        Msg("review-platform", {"value": platform_msg(case)}),
        Msg("review-problem", {"value": Msg(f"problem-{case.problem.replace('_', '-')}")}),
        Msg("review-writer", {"value": Msg(f"writer-{case.writer}")}),
    ]
    if case.minor_age is not None:
        parts.append(Msg("review-minor-age", {"age": case.minor_age}))
    parts.append(Msg("review-account", {"value": case.account}))
    for t in view.transactions:
        when = format_when(t.occurred_at, desk.timezone, lang, with_time=t.has_time)
        parts.append(
            Msg(
                "review-tx-line",
                {
                    "number": t.position,
                    "when": when,
                    "money": format_money(t.amount, t.currency, lang),
                    "order": t.order_number or "-",
                },
            )
        )
    parts.append(Msg("review-total", {"total": view.totals_in(lang)}))
    method = case.payment_method
    payment = (
        Msg("platform-custom", {"name": case.payment_other or ""})
        if method == "other"
        else Msg(f"payment-{method.replace('_', '-')}")
    )
    parts.append(Msg("review-payment", {"value": payment}))
    if case.no_evidence:
        parts.append(Msg("review-no-evidence"))
    else:
        parts.append(Msg("review-evidence", {"count": len(view.evidence)}))
    parts.append(Msg("review-description", {"value": case.description}))
    parts.append(
        Msg("review-contact", {"value": case.contact})
        if case.contact
        else Msg("review-no-contact")
    )
    submitted = format_when(case.submitted_at, desk.timezone, lang)
    parts.append(
        Msg(
            "desk-card-parent",
            {
                "language": language_name(case.language),
                "timezone": case.timezone,
                "submitted": submitted,
            },
        )
    )
    if case.due_at is not None and case.status != Status.CLOSED:
        parts.append(Msg("desk-card-due", {"due": format_when(case.due_at, desk.timezone, lang)}))
    parts.append(
        Msg("desk-card-assignee", {"name": case.assignee_name})
        if case.assignee_id
        else Msg("desk-card-unassigned")
    )
    if case.decision:
        parts.append(decision_msg(view, lang))
        if case.decision_note:
            parts.append(Msg("desk-card-note", {"note": case.decision_note}))
    return tuple(parts)


def decision_msg(view: CaseView, language: str) -> Msg:
    case = view.case
    if case.decision == "rejected":
        reason = Msg(f"reject-reason-{(case.reject_reason or 'other').replace('_', '-')}")
        return Msg("desk-card-rejected", {"reason": reason})
    if case.decision == "partial" and case.decided_amount is not None:
        amount = format_money(case.decided_amount, case.decided_currency or "CNY", language)
        return Msg("desk-card-partial", {"amount": amount})
    return Msg("desk-card-approved", {"total": view.totals_in(language)})


def card_buttons(view: CaseView) -> tuple[tuple[Button, ...], ...]:
    case = view.case
    assert case.id is not None
    actions = available(
        Status(case.status), assigned=case.assignee_id is not None, escalated=case.escalated
    )
    buttons = [
        Button(Msg(f"desk-button-{a.value}"), button_data(case.id, a.value)) for a in actions
    ]
    return tuple(tuple(buttons[i : i + 3]) for i in range(0, len(buttons), 3))


__all__ = ["Action", "CaseView", "card_buttons", "card_parts", "topic_name"]
