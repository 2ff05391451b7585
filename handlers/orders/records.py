"""One line of a merchant's bill, read, and how it changes the order it belongs to.

A bill line is a payment, a refund of an earlier payment, or a void. Lines are merged into
orders keyed by (source, order id): the same line merged twice changes nothing, and each
refund counts once, by its refund id, however many bills repeat it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any


class OrderStatus(StrEnum):
    PAID = "paid"
    REFUNDED = "refunded"
    PARTIALLY_REFUNDED = "partially_refunded"
    VOIDED = "voided"


class LineKind(StrEnum):
    PAYMENT = "payment"
    REFUND = "refund"
    VOID = "void"


_PAYMENT, _PAID = LineKind.PAYMENT, OrderStatus.PAID.value

#: Amounts are kept to four decimals (``Money``); ``amount_key`` is the amount in these units.
AMOUNT_SCALE = 10_000


def amount_key(amount: Decimal) -> int:
    return int((amount * AMOUNT_SCALE).to_integral_value())


@dataclass(slots=True)  # not frozen: a frozen dataclass is slow to build, 100,000 times
class BillLine:
    """One line of a bill, as its format reads it (times in UTC)."""

    source: str
    order_id: str
    kind: LineKind
    amount: Decimal
    currency: str
    paid_at: datetime | None = None
    merchant_order_id: str | None = None
    payer_id: str | None = None
    product: str | None = None
    refund_id: str | None = None
    refund_amount: Decimal | None = None
    refunded_at: datetime | None = None
    #: The line's number in its file (1-based), for error messages.
    row: int = 0


#: The columns of an order that merging decides (``storage.models.LedgerOrder``).
ORDER_FIELDS = (
    "merchant_order_id",
    "payer_id",
    "amount",
    "currency",
    "paid_at",
    "status",
    "refund_amount",
    "refunded_at",
    "refunds",
    "product",
)


def merge(order: dict[str, Any] | None, line: BillLine) -> dict[str, Any]:
    """The order's fields once ``line`` is applied to ``order`` (None: a new order).

    A refund line seen before its payment (a refunds-only bill) makes an order with what the
    refund line says of it; the payment line fills in the rest later."""
    if order is None and line.kind is _PAYMENT:  # most lines of a bill: a new payment
        return {
            "merchant_order_id": line.merchant_order_id or None,
            "payer_id": line.payer_id or None,
            "amount": line.amount,
            "currency": line.currency,
            "paid_at": line.paid_at,
            "status": _PAID,
            "refund_amount": None,
            "refunded_at": None,
            "refunds": {},
            "product": line.product or None,
        }
    merged: dict[str, Any] = (
        dict(order)
        if order
        else {
            "merchant_order_id": None,
            "payer_id": None,
            "amount": line.amount,
            "currency": line.currency,
            "paid_at": None,
            "status": OrderStatus.PAID.value,
            "refund_amount": None,
            "refunded_at": None,
            "refunds": {},
            "product": None,
        }
    )
    for name in ("merchant_order_id", "payer_id", "product"):
        value = getattr(line, name)
        if value and not merged.get(name):
            merged[name] = value
    if line.kind is LineKind.PAYMENT:
        merged["amount"], merged["currency"] = line.amount, line.currency
        merged["paid_at"] = line.paid_at or merged.get("paid_at")
    elif merged.get("paid_at") is None and line.paid_at is not None:
        merged["paid_at"] = line.paid_at
    refunds = dict(merged.get("refunds") or {})
    if line.kind is LineKind.REFUND:
        key = line.refund_id or f"line:{line.refunded_at.isoformat() if line.refunded_at else ''}"
        amount = line.refund_amount if line.refund_amount is not None else line.amount
        when = line.refunded_at.isoformat() if line.refunded_at else None
        refunds[key] = [str(amount), when]
    merged["refunds"] = refunds
    voided = line.kind is LineKind.VOID or merged.get("status") == OrderStatus.VOIDED.value
    _settle(merged, voided=voided)
    return merged


def _settle(order: dict[str, Any], *, voided: bool) -> None:
    refunds = order["refunds"]
    if refunds:
        total = sum((Decimal(amount) for amount, _ in refunds.values()), Decimal(0))
        times = [when for _, when in refunds.values() if when]
        order["refund_amount"] = total
        order["refunded_at"] = datetime.fromisoformat(max(times)) if times else None
    if voided:
        order["status"] = OrderStatus.VOIDED.value
    elif refunds and order["refund_amount"] >= order["amount"]:
        order["status"] = OrderStatus.REFUNDED.value
    elif refunds:
        order["status"] = OrderStatus.PARTIALLY_REFUNDED.value
    else:
        order["status"] = OrderStatus.PAID.value


def same(order: dict[str, Any], merged: dict[str, Any]) -> bool:
    """Whether merging changed nothing (amounts compared as numbers, not as text)."""
    for name in ORDER_FIELDS:
        a, b = order.get(name), merged.get(name)
        if isinstance(a, Decimal) or isinstance(b, Decimal):
            if a is None or b is None or Decimal(a) != Decimal(b):
                return False
        elif a != b:
            return False
    return True
