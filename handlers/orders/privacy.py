"""The bills in a parent's data export (#15): for each of their purchases, what the merchant's
record that matched it says — their own payment, never another payer's. Possible orders are
only counted (they may be other people's); /delete and retention remove the links
(``ledger.unlink_cases``), the ledger rows, the merchant's own records, stay."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.orders.linking import load_case_orders
from handlers.orders.matching import Finding, Verdict


async def matched_records(
    session: AsyncSession, case_id: int, when: Callable[[Any], Any]
) -> dict[int, dict[str, Any] | None]:
    """Per transaction id, what matched it (None: nothing), JSON-ready; ``when`` writes a time."""
    found = await load_case_orders(session, case_id)
    if found is None:
        return {}
    return {tx: _record(finding, when) for tx, finding in found.findings.items()}


def _record(finding: Finding, when: Callable[[Any], Any]) -> dict[str, Any] | None:
    if finding.verdict is Verdict.NOT_FOUND:
        return {"result": "not_found"}
    if finding.verdict is Verdict.AMBIGUOUS:
        return {"result": "several_possible", "count": len(finding.candidates)}
    order = finding.order
    if order is None:
        return None
    return {
        "result": finding.verdict.value,
        "order_id": order.order_id,
        "paid_with": order.source,
        "amount": str(order.amount),
        "currency": order.currency,
        "paid_at": when(order.paid_at),
        "status": order.status,
        "refunded_amount": None if order.refund_amount is None else str(order.refund_amount),
        "refunded_at": when(order.refunded_at),
        "charged_again": None
        if finding.double is None
        else {"order_id": finding.double.order_id, "seconds_apart": finding.double_gap},
    }
