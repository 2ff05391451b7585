"""What the agents' card says of each purchase once matched against the bills, in the team's
language and time zone: "✅ Order found: CN¥648.00 paid Sat, Nov 28, 2026, 10:03 PM (WeChat
Pay 4200…7890)", "⚠️ No such order in the imported bills up to …", "🔁 Already refunded …",
"❓ 2 possible orders" with what tells them apart, "💳 Charged twice, 41 s apart"; a summary
line for the card and one for /queue."""

from __future__ import annotations

from collections.abc import Sequence

from handlers.formatting import format_money, format_when
from handlers.orders.linking import CaseOrders
from handlers.orders.matching import Finding, Order, Verdict, payer_matches
from handlers.policy import DeskPolicy
from handlers.replies import Msg
from storage.models import Case, CaseTransaction, Evidence

#: Order ids longer than this are shown by their ends ("4200…7890").
_SHOWN_WHOLE = 14


def order_label(order_id: str) -> str:
    if len(order_id) <= _SHOWN_WHOLE:
        return order_id
    return f"{order_id[:4]}…{order_id[-4:]}"


def gap_msg(seconds: int) -> Msg:
    seconds = abs(seconds)
    if seconds < 120:
        return Msg("orders-gap-seconds", {"count": seconds})
    if seconds < 3600:
        return Msg("orders-gap-minutes", {"count": seconds // 60})
    if seconds < 2 * 86400:
        return Msg("orders-gap-hours", {"hours": seconds // 3600, "minutes": seconds % 3600 // 60})
    return Msg("orders-gap-days", {"count": seconds // 86400})


def _order_params(order: Order, desk: DeskPolicy) -> dict[str, object]:
    lang = desk.language
    return {
        "money": format_money(order.amount, order.currency, lang),
        "when": format_when(order.paid_at, desk.timezone, lang) if order.paid_at else "-",
        "source": Msg("orders-source", {"source": order.source, "name": order.source}),
        "order": order_label(order.order_id),
    }


def purchase_lines(
    found: CaseOrders | None, item: CaseTransaction, case: Case, desk: DeskPolicy
) -> list[Msg]:
    """The lines under one purchase on the card (none before the case was checked)."""
    finding = found.findings.get(item.id) if found and item.id is not None else None
    if finding is None or found is None:
        return []
    lines = _verdict_lines(finding, found, item, case, desk)
    if finding.double is not None and finding.double_gap is not None:
        other = _order_params(finding.double, desk)
        lines.append(
            Msg(
                "orders-card-double",
                {"gap": gap_msg(finding.double_gap), **other},
            )
        )
    return lines


def _verdict_lines(
    finding: Finding, found: CaseOrders, item: CaseTransaction, case: Case, desk: DeskPolicy
) -> list[Msg]:
    lang = desk.language
    order = finding.order
    if finding.verdict is Verdict.NOT_FOUND or (order is None and not finding.candidates):
        through = format_when(found.through, desk.timezone, lang) if found.through else "-"
        return [Msg("orders-card-not-found", {"date": through})]
    if finding.verdict is Verdict.AMBIGUOUS:
        lines = [Msg("orders-card-ambiguous", {"count": len(finding.candidates)})]
        for candidate in finding.candidates:
            gap = (
                int((candidate.paid_at - item.occurred_at).total_seconds())
                if candidate.paid_at
                else 0
            )
            same_payer = payer_matches(candidate.payer_id, case.account)
            lines.append(
                Msg(
                    "orders-card-candidate",
                    {
                        **_order_params(candidate, desk),
                        "gap": gap_msg(gap),
                        "payer": "yes" if same_payer else "no",
                    },
                )
            )
        return lines
    assert order is not None
    params = _order_params(order, desk)
    if finding.verdict is Verdict.VOIDED:
        lines = [Msg("orders-card-voided", params)]
    elif finding.verdict is Verdict.REFUNDED and order.refund_amount is not None:
        refund = {
            **params,
            "money": format_money(order.refund_amount, order.currency, lang),
            "total": params["money"],
            "when": format_when(order.refunded_at, desk.timezone, lang)
            if order.refunded_at
            else "-",
        }
        whole = order.refund_amount >= order.amount
        lines = [Msg("orders-card-refunded" if whole else "orders-card-partly-refunded", refund)]
    elif finding.verdict is Verdict.LIKELY and finding.gap is not None:
        lines = [Msg("orders-card-likely", {**params, "gap": gap_msg(finding.gap)})]
    else:
        lines = [Msg("orders-card-found", params)]
    if order.amount != item.amount or order.currency != item.currency:
        claimed = format_money(item.amount, item.currency, lang)
        lines.append(
            Msg("orders-card-amount-differs", {"money": params["money"], "claimed": claimed})
        )
    return lines


def read_order_lines(
    found: CaseOrders | None, evidence: list[Evidence], desk: DeskPolicy
) -> list[Msg]:
    """What the bills say of each order number read from a screenshot and claimed by no
    purchase (#16), apart from the purchases' lines: "🧾 Order number read from screenshot
    2, 4200…4567: found in the Alipay bill, CN¥648.00 paid …, not refunded"."""
    if found is None or not found.read:
        return []
    lang = desk.language
    lines: list[Msg] = []
    for number, row in enumerate(evidence, start=1):
        finding = found.read.get(row.id) if row.id is not None else None
        if finding is None:
            continue
        shot = {"number": number, "read": order_label(str((row.reading or {}).get("order", "")))}
        order = finding.order
        if order is None:
            through = format_when(found.through, desk.timezone, lang) if found.through else "-"
            lines.append(Msg("orders-card-read-not-found", {**shot, "date": through}))
            continue
        params = {**shot, **_order_params(order, desk)}
        if finding.verdict is Verdict.VOIDED:
            lines.append(Msg("orders-card-read-voided", params))
        elif finding.verdict is Verdict.REFUNDED and order.refund_amount is not None:
            refunded = format_money(order.refund_amount, order.currency, lang)
            on = format_when(order.refunded_at, desk.timezone, lang) if order.refunded_at else "-"
            lines.append(
                Msg("orders-card-read-refunded", {**params, "refunded": refunded, "on": on})
            )
        else:
            lines.append(Msg("orders-card-read-found", params))
    return lines


def summary_line(found: CaseOrders | None) -> list[Msg]:
    """The card's one-line summary (none before the case was checked)."""
    if found is None:
        return []
    return [
        Msg(
            "orders-card-summary",
            {
                "found": found.count(Verdict.FOUND, Verdict.LIKELY),
                "missing": found.count(Verdict.NOT_FOUND, Verdict.VOIDED),
                "refunded": found.count(Verdict.REFUNDED),
                "unsure": found.count(Verdict.AMBIGUOUS),
            },
        )
    ]


def queue_line(verdicts: Sequence[str]) -> list[Msg]:
    """The line under a case in /queue (none when its purchases were never checked)."""
    if not verdicts:
        return []
    found = sum(1 for v in verdicts if v in (Verdict.FOUND, Verdict.LIKELY))
    missing = sum(1 for v in verdicts if v in (Verdict.NOT_FOUND, Verdict.VOIDED))
    refunded = sum(1 for v in verdicts if v == Verdict.REFUNDED)
    return [Msg("orders-queue-line", {"found": found, "missing": missing, "refunded": refunded})]
