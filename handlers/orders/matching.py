"""Matching a claimed purchase against the merchant's orders: pure scoring and explanation.

An order id the parent gave that is in the ledger wins outright (its own id or the merchant's
order number). Otherwise the candidates are the orders of exactly the claimed amount and
currency paid within a window around the claimed time (the parent's day, in their time zone,
for a purchase known by its day only), narrowed to the claim's account when some candidate
was paid by it; each is scored on how close its time is, whether its payer is the account
and whether it was paid the way the parent says. One clear best is the order; several close
ones are shown as "possible orders" with what tells them apart. The same payer charged the
same amount minutes apart is a double charge."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from zoneinfo import ZoneInfo

from handlers.orders.records import OrderStatus
from handlers.orders.shapes import variants


@dataclass(frozen=True)
class MatchPolicy:
    #: A claimed time is compared with payments this far either side of it.
    window: timedelta = timedelta(hours=6)
    #: The same payer charged the same amount within this: a double charge.
    double_charge: timedelta = timedelta(minutes=10)
    #: A best candidate this much ahead of the next (scores 0–2) is the order.
    clear_lead: float = 0.3
    #: Possible orders shown at most.
    shown: int = 3


class Verdict(StrEnum):
    FOUND = "found"  # by its order id
    LIKELY = "likely"  # by amount, time (and payer)
    REFUNDED = "refunded"  # found, and refunded in full or in part
    VOIDED = "voided"  # found by its id, never charged
    AMBIGUOUS = "ambiguous"  # several possible orders
    NOT_FOUND = "not_found"


@dataclass(frozen=True)
class Claim:
    """One claimed purchase, as the parent gave it."""

    amount: Decimal
    currency: str
    occurred_at: datetime
    has_time: bool
    order: str | None
    timezone: str
    method: str
    account: str


@dataclass(frozen=True)
class Order:
    """A ledger row as matching sees it."""

    id: int
    source: str
    order_id: str
    merchant_order_id: str | None
    payer_id: str | None
    amount: Decimal
    currency: str
    paid_at: datetime | None
    status: str
    refund_amount: Decimal | None = None
    refunded_at: datetime | None = None


@dataclass(frozen=True)
class Finding:
    verdict: Verdict
    order: Order | None = None
    candidates: tuple[Order, ...] = ()
    #: Seconds between the claimed time and the order's payment (for the card).
    gap: int | None = None
    #: Another charge of the same payer and amount minutes apart, and how far apart.
    double: Order | None = None
    double_gap: int | None = None
    score: float = 0.0
    explain: tuple[str, ...] = field(default_factory=tuple)

    def details(self) -> dict[str, object]:
        """What the link row keeps (ids and figures, never the merchant's data itself)."""
        return {
            "candidates": [c.id for c in self.candidates],
            "gap": self.gap,
            "double": self.double.id if self.double else None,
            "double_gap": self.double_gap,
            "score": round(self.score, 3),
            "explain": list(self.explain),
        }


def claim_window(claim: Claim, policy: MatchPolicy) -> tuple[datetime, datetime]:
    """When the payment may have been: the claimed time ± the window, or — a purchase known
    by its day only — that whole day in the parent's time zone, widened by the window."""
    if claim.has_time:
        return claim.occurred_at - policy.window, claim.occurred_at + policy.window
    zone = ZoneInfo(claim.timezone)
    day = claim.occurred_at.astimezone(zone).date()
    start = datetime(day.year, day.month, day.day, tzinfo=zone)
    return start - policy.window, start + timedelta(days=1) + policy.window


def order_ids(claim: Claim) -> list[str]:
    return variants(claim.order) if claim.order else []


def payer_matches(payer: str | None, account: str) -> bool:
    """Whether a bill's payer is the claim's account; Alipay masks payers (``abc***@163.com``,
    ``138****8000``): the visible characters must match."""
    if not payer or not account:
        return False
    payer, account = payer.strip().lower(), account.strip().lower()
    if "*" not in payer:
        return payer == account
    pattern = ".+".join(re.escape(part) for part in re.split(r"\*+", payer))
    return re.fullmatch(pattern, account) is not None


def _status_verdict(order: Order) -> Verdict:
    if order.status == OrderStatus.VOIDED:
        return Verdict.VOIDED
    if order.status in (OrderStatus.REFUNDED, OrderStatus.PARTIALLY_REFUNDED):
        return Verdict.REFUNDED
    return Verdict.FOUND


def _gap(claim: Claim, order: Order) -> int | None:
    if order.paid_at is None:
        return None
    return int((order.paid_at - claim.occurred_at).total_seconds())


def by_id(claim: Claim, found: list[Order]) -> Finding | None:
    """The order the parent's order id names, if the ledger has it (the one of the claimed
    amount first: a Google Play id without its renewal names every renewal)."""
    wanted = set(order_ids(claim))
    named = [o for o in found if o.order_id in wanted or o.merchant_order_id in wanted]
    if not named and claim.order and claim.order.startswith("GPA.") and ".." not in claim.order:
        named = [o for o in found if o.order_id.startswith(f"{claim.order}..")]
    if not named:
        return None
    named.sort(key=lambda o: (o.amount != claim.amount, abs(_gap(claim, o) or 0)))
    order = named[0]
    return Finding(
        _status_verdict(order), order, gap=_gap(claim, order), score=2.0, explain=("order_id",)
    )


def score(claim: Claim, order: Order, policy: MatchPolicy) -> tuple[float, tuple[str, ...]]:
    """How well an order of the claimed amount fits the claim (0–2), and why."""
    reasons = ["amount"]
    gap = abs(_gap(claim, order) or 0)
    if claim.has_time:
        closeness = max(0.0, 1.0 - gap / policy.window.total_seconds())
        reasons.append("time")
    else:
        closeness = 0.5
        reasons.append("day")
    value = closeness
    if payer_matches(order.payer_id, claim.account):
        value += 0.6
        reasons.append("payer")
    if order.source == claim.method:
        value += 0.2
        reasons.append("method")
    return value, tuple(reasons)


def by_amount_and_time(claim: Claim, candidates: list[Order], policy: MatchPolicy) -> Finding:
    """The best of the orders of the claimed amount paid around the claimed time."""
    start, end = claim_window(claim, policy)
    usable = [
        o
        for o in candidates
        if o.currency == claim.currency
        and o.amount == claim.amount
        and o.paid_at is not None
        and start <= o.paid_at <= end
        and o.status != OrderStatus.VOIDED
    ]
    paid_by_account = [o for o in usable if payer_matches(o.payer_id, claim.account)]
    if paid_by_account:
        usable = paid_by_account
    if not usable:
        return Finding(Verdict.NOT_FOUND)
    scored = sorted(
        ((*score(claim, o, policy), o) for o in usable),
        key=lambda item: (-item[0], abs(_gap(claim, item[2]) or 0), item[2].id),
    )
    best, reasons, order = scored[0]
    double = double_in(order, [o for _, _, o in scored[1:]], policy)
    if double is not None:  # two charges of one purchase: the claim is about both
        return _with_double(
            Finding(_likely(order), order, gap=_gap(claim, order), score=best, explain=reasons),
            double,
        )
    if len(scored) == 1 or best - scored[1][0] >= policy.clear_lead:
        return Finding(_likely(order), order, gap=_gap(claim, order), score=best, explain=reasons)
    shown = tuple(o for _, _, o in scored[: policy.shown])
    return Finding(Verdict.AMBIGUOUS, candidates=shown, score=best, explain=reasons)


def _likely(order: Order) -> Verdict:
    verdict = _status_verdict(order)
    return Verdict.LIKELY if verdict is Verdict.FOUND else verdict


def double_in(order: Order, others: list[Order], policy: MatchPolicy) -> Order | None:
    """Another charge of the same payer, amount and currency within the double-charge window."""
    if order.payer_id is None or order.paid_at is None:
        return None
    for other in others:
        if (
            other.id != order.id
            and other.payer_id == order.payer_id
            and other.amount == order.amount
            and other.currency == order.currency
            and other.paid_at is not None
            and abs(other.paid_at - order.paid_at) <= policy.double_charge
            and other.status != OrderStatus.VOIDED
        ):
            return other
    return None


def _with_double(finding: Finding, other: Order) -> Finding:
    assert finding.order is not None and finding.order.paid_at and other.paid_at
    apart = abs(int((other.paid_at - finding.order.paid_at).total_seconds()))
    return Finding(
        finding.verdict,
        finding.order,
        finding.candidates,
        finding.gap,
        other,
        apart,
        finding.score,
        finding.explain,
    )


def match(claim: Claim, named: list[Order], nearby: list[Order], policy: MatchPolicy) -> Finding:
    """The finding for one claim: ``named`` are the ledger rows its order id may name,
    ``nearby`` those of its amount around its time."""
    finding = by_id(claim, named) if claim.order else None
    return finding or by_amount_and_time(claim, nearby, policy)


def with_double_charge(finding: Finding, same_payer: list[Order], policy: MatchPolicy) -> Finding:
    """The finding, with a double charge if its order's payer was charged the same amount
    again within the window (``same_payer``: that payer's charges around it)."""
    if finding.order is None or finding.double is not None:
        return finding
    other = double_in(finding.order, same_payer, policy)
    return finding if other is None else _with_double(finding, other)
