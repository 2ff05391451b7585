"""Each claimed purchase of a case matched against the ledger, and the result kept as the
case's order links (one per purchase, replaced at each check). An order number read from one
of the case's screenshots that the parent did not claim (#16) is looked up too, by that
number alone, as a link of its screenshot.

Run when a case is submitted (``conversation``), when new ledger rows arrive
(``recheck.py``, from the scheduler) and on an agent's "🔎 Check the bills"."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.orders.matching import (
    Claim,
    Finding,
    MatchPolicy,
    Order,
    Verdict,
    by_id,
    claim_window,
    match,
    order_ids,
    with_double_charge,
)
from handlers.orders.records import amount_key
from handlers.orders.shapes import same_order
from handlers.reading.extract import Reading
from handlers.replies import Msg
from storage.models import Case, CaseTransaction, Evidence, LedgerOrder, OrderLink
from storage.repositories import cases, evidence, ledger


@dataclass(frozen=True)
class CaseOrders:
    """What the bills say of a case's purchases: a finding per transaction id, and how far
    the bills went when they were checked."""

    findings: dict[int, Finding]
    through: datetime | None
    #: Order numbers read from screenshots, not claimed: a finding per evidence id (#16).
    read: dict[int, Finding] = field(default_factory=dict)

    def count(self, *verdicts: Verdict) -> int:
        return sum(1 for f in self.findings.values() if f.verdict in verdicts)


def claim_of(case: Case, item: CaseTransaction) -> Claim:
    return _in_case(
        case, item.amount, item.currency, item.occurred_at, item.has_time, item.order_number
    )


def _in_case(
    case: Case,
    amount: Decimal,
    currency: str,
    occurred_at: datetime,
    has_time: bool,
    order: str | None,
) -> Claim:
    """A purchase as the case's parent would have claimed it: in their zone, paid their way,
    from their account."""
    return Claim(
        amount=amount,
        currency=currency,
        occurred_at=occurred_at,
        has_time=has_time,
        order=order,
        timezone=case.timezone,
        method=case.payment_method,
        account=case.account,
    )


def unclaimed_reads(
    files: list[Evidence], purchases: list[CaseTransaction]
) -> list[tuple[Evidence, str]]:
    """The case's screenshots with an order number read from them that no purchase claims."""
    claimed = [t.order_number for t in purchases if t.order_number]
    found: list[tuple[Evidence, str]] = []
    for row in files:
        order = (row.reading or {}).get("order")
        if order and not any(same_order(order, c) for c in claimed):
            found.append((row, str(order)))
    return found


def read_claim(case: Case, reading: Reading, order: str) -> Claim:
    """An order number read from a screenshot, with the amount and time read beside it (they
    choose among a Google Play id's renewals)."""
    try:
        amount = Decimal(reading.amount) if reading.amount else Decimal(0)
    except InvalidOperation:
        amount = Decimal(0)
    when = datetime.fromisoformat(reading.when) if reading.when else None
    moment = when or case.submitted_at or case.updated_at
    return _in_case(case, amount, reading.currency or "", moment, reading.has_time, order)


def order_of(row: LedgerOrder) -> Order:
    assert row.id is not None
    return Order(
        id=row.id,
        source=row.source,
        order_id=row.order_id,
        merchant_order_id=row.merchant_order_id,
        payer_id=row.payer_id,
        amount=row.amount,
        currency=row.currency,
        paid_at=row.paid_at,
        status=row.status,
        refund_amount=row.refund_amount,
        refunded_at=row.refunded_at,
    )


async def _find(session: AsyncSession, claim: Claim, policy: MatchPolicy) -> Finding:
    named: list[Order] = []
    if claim.order:
        rows = await ledger.by_order_ids(session=session, ids=order_ids(claim))
        named = [order_of(r) for r in rows]
    start, end = claim_window(claim, policy)
    nearby = await ledger.near(
        session=session,
        currency=claim.currency,
        key=amount_key(claim.amount),
        start=start,
        end=end,
    )
    finding = match(claim, named, [order_of(r) for r in nearby], policy)
    order = finding.order
    if order is None or order.payer_id is None or order.paid_at is None:
        return finding
    same = await ledger.same_payer_near(
        session=session,
        order_id=order.id,
        payer_id=order.payer_id,
        paid_at=order.paid_at,
        currency=order.currency,
        key=amount_key(order.amount),
        window=policy.double_charge,
    )
    return with_double_charge(finding, [order_of(r) for r in same], policy)


async def match_case(
    session: AsyncSession,
    case: Case,
    now: datetime,
    policy: MatchPolicy,
    *,
    through: datetime | None = None,
) -> CaseOrders | None:
    """Match every purchase of ``case`` and keep the result; None while no bill is imported
    (nothing to say, and nothing kept: the case is matched once bills arrive). ``through``:
    the ledger's latest payment, when the caller already knows it (a batch of cases)."""
    assert case.id is not None
    through = through or await ledger.covered_until(session=session)
    if through is None:
        return None
    findings: dict[int, Finding] = {}
    links = []
    purchases = await cases.transactions_of(session=session, case_id=case.id)
    for item in purchases:
        assert item.id is not None
        finding = await _find(session, claim_of(case, item), policy)
        findings[item.id] = finding
        links.append(_link(case.id, finding, through, now, transaction_id=item.id))
    read: dict[int, Finding] = {}
    files = await evidence.list_for_case(session=session, case_id=case.id)
    for row, order in unclaimed_reads(files, purchases):
        assert row.id is not None
        claim = read_claim(case, Reading.from_json(row.reading), order)
        named = await ledger.by_order_ids(session=session, ids=order_ids(claim))
        finding = by_id(claim, [order_of(r) for r in named]) or Finding(Verdict.NOT_FOUND)
        read[row.id] = finding
        links.append(_link(case.id, finding, through, now, evidence_id=row.id))
    await ledger.replace_links(session=session, case_id=case.id, links=links)
    return CaseOrders(findings, through, read)


def _link(
    case_id: int, finding: Finding, through: datetime, now: datetime, **of: int
) -> OrderLink:
    """What is kept of one finding: of a claimed purchase (``transaction_id``), or of a
    screenshot's unclaimed order number (``evidence_id``)."""
    return OrderLink(
        case_id=case_id,
        **of,
        ledger_order_id=finding.order.id if finding.order else None,
        verdict=finding.verdict.value,
        details={**finding.details(), "through": through.isoformat()},
        checked_at=now,
    )


async def load_case_orders(session: AsyncSession, case_id: int) -> CaseOrders | None:
    """What the last check found for the case's purchases (for its card); None: never checked."""
    links = await ledger.links_of_case(session=session, case_id=case_id)
    if not links:
        return None
    wanted: set[int] = set()
    for link in links:
        wanted.update(link.details.get("candidates") or [])
        for key in ("double",):
            if link.details.get(key):
                wanted.add(int(link.details[key]))
        if link.ledger_order_id is not None:
            wanted.add(link.ledger_order_id)
    rows = {
        k: order_of(v) for k, v in (await ledger.orders_by_id(session=session, ids=wanted)).items()
    }
    findings: dict[int, Finding] = {}
    read: dict[int, Finding] = {}
    through: datetime | None = None
    for link in links:
        details = link.details
        double = rows.get(int(details["double"])) if details.get("double") else None
        if link.transaction_id is not None:
            kept, owner = findings, link.transaction_id
        elif link.evidence_id is not None:
            kept, owner = read, link.evidence_id
        else:
            continue
        kept[owner] = Finding(
            Verdict(link.verdict),
            rows.get(link.ledger_order_id) if link.ledger_order_id else None,
            tuple(rows[c] for c in details.get("candidates") or [] if c in rows),
            details.get("gap"),
            double,
            details.get("double_gap") if double else None,
            float(details.get("score") or 0),
            tuple(details.get("explain") or ()),
        )
        if details.get("through"):
            through = datetime.fromisoformat(details["through"])
    return CaseOrders(findings, through, read)


def parent_notes(found: CaseOrders | None) -> tuple[Msg, ...]:
    """What the parent is told of the bills: only that a purchase seems refunded already
    (never the merchant's data), so they check their statement."""
    if found is not None and found.count(Verdict.REFUNDED):
        return (Msg("orders-parent-refunded"),)
    return ()
