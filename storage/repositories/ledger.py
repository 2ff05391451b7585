"""The merchant's order ledger (``ledger_orders``) and what claimed purchases matched in it
(``order_links``).

Bill lines are merged in batches: one SELECT for the batch's existing orders, one INSERT for
the new ones, one executemany UPDATE for those a line changed; an order a line leaves as it
was is not written at all (importing a bill twice writes nothing)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, delete, func, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.orders.records import ORDER_FIELDS, BillLine, amount_key, merge, same
from storage.models import Case, CaseTransaction, LedgerOrder, OrderLink


def _is_postgresql(session: AsyncSession) -> bool:
    return session.bind is not None and session.bind.dialect.name == "postgresql"


#: Keys per IN (...) list: well under SQLite's and asyncpg's parameter limits.
_CHUNK = 500


@dataclass
class Merged:
    """What merging bill lines into the ledger did, in orders."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0

    def count(self, more: Merged) -> None:
        """Add what another merge did (the next batch of one file) to these figures."""
        for figure in fields(Merged):
            setattr(self, figure.name, getattr(self, figure.name) + getattr(more, figure.name))


#: The columns merging reads and writes, in the order of the raw statements below.
_READ = ("id", "order_id", *ORDER_FIELDS)
_WRITE = (*ORDER_FIELDS, "amount_key", "updated_at")
_INSERT = ("source", "order_id", *_WRITE, "imported_at")
_MONEY = frozenset({"amount", "refund_amount"})
_TIMES = frozenset({"paid_at", "refunded_at", "updated_at", "imported_at"})


class _Driver:
    """Values as the driver stores them, without SQLAlchemy's per-value type processing
    (most of an import's time at 100,000 lines): on SQLite, times as SQLAlchemy writes them
    (naive UTC, ``YYYY-MM-DD HH:MM:SS.ffffff``) and amounts as exact text; on PostgreSQL,
    naive UTC times and decimals. JSON as text on both. Reads undo the same."""

    def __init__(self, sqlite: bool) -> None:
        self.sqlite = sqlite

    def mark(self, number: int) -> str:
        return "?" if self.sqlite else f"${number}"

    def marks(self, count: int, first: int = 1) -> str:
        return ", ".join(self.mark(first + i) for i in range(count))

    def out(self, name: str, value: Any) -> Any:
        if value is None:
            return None
        if name in _TIMES:
            naive = value.astimezone(UTC).replace(tzinfo=None)
            return naive.isoformat(" ", "microseconds") if self.sqlite else naive
        if name in _MONEY:
            return str(value) if self.sqlite else value
        if name == "refunds":
            return json.dumps(value)
        return value

    def back(self, name: str, value: Any) -> Any:
        if value is None:
            return None
        if name in _TIMES:
            moment = datetime.fromisoformat(value) if isinstance(value, str) else value
            return moment.replace(tzinfo=UTC)
        if name in _MONEY:
            return Decimal(str(value))
        if name == "refunds" and isinstance(value, str):
            return json.loads(value)
        return value


async def merge_lines(
    *, session: AsyncSession, lines: Sequence[BillLine], now: datetime
) -> Merged:
    """Apply a batch of bill lines to the ledger, in order."""
    connection = await session.connection()
    driver = _Driver(connection.dialect.name == "sqlite")
    if not driver.sqlite:
        # Inside one long import the planner has no statistics for the rows this very
        # transaction wrote and would scan the growing table for every batch's lookup.
        await connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
    result = Merged()
    existing: dict[tuple[str, str], tuple[int, dict[str, Any]]] = {}
    wanted = {(line.source, line.order_id) for line in lines}
    ordered = sorted({order_id for _, order_id in wanted})
    for start in range(0, len(ordered), _CHUNK):
        chunk = ordered[start : start + _CHUNK]
        # By order id alone (its own index; the source is checked here): the planner knows
        # nothing yet of the rows this transaction wrote, and given the source too it reads
        # every row of that source through the unique index's first column.
        found = await connection.exec_driver_sql(
            f"SELECT source, {', '.join(_READ)} FROM ledger_orders "
            f"WHERE order_id IN ({driver.marks(len(chunk))})",
            tuple(chunk),
        )
        for record in found.all():
            source, row = record[0], tuple(record)[1:]
            values = {name: driver.back(name, v) for name, v in zip(_READ, row, strict=True)}
            key = (source, values.pop("order_id"))
            if key in wanted:
                existing[key] = (values.pop("id"), values)
    new: dict[tuple[str, str], dict[str, Any]] = {}
    changed: dict[int, dict[str, Any]] = {}
    for line in lines:
        key = (line.source, line.order_id)
        if key in existing:
            row_id, before = existing[key]
            after = merge(changed.get(row_id, before), line)
            if not same(before, after):
                changed[row_id] = after
        else:
            new[key] = merge(new.get(key), line)
    result.unchanged = len(existing) - len(changed)
    if new:
        out, stamp = driver.out, driver.out("updated_at", now)
        rows = [
            (
                source,
                order_id,
                values["merchant_order_id"],
                values["payer_id"],
                out("amount", values["amount"]),
                values["currency"],
                out("paid_at", values["paid_at"]),
                values["status"],
                out("refund_amount", values["refund_amount"]),
                out("refunded_at", values["refunded_at"]),
                out("refunds", values["refunds"]),
                values["product"],
                amount_key(values["amount"]),
                stamp,
                stamp,
            )
            for (source, order_id), values in new.items()
        ]
        await connection.exec_driver_sql(
            f"INSERT INTO ledger_orders ({', '.join(_INSERT)}) "
            f"VALUES ({driver.marks(len(_INSERT))})",
            rows,  # type: ignore[arg-type]
        )
    if changed:
        sets = ", ".join(f"{name} = {driver.mark(i)}" for i, name in enumerate(_WRITE, 1))
        rows = []
        for row_id, values in changed.items():
            full = {**values, "amount_key": amount_key(values["amount"]), "updated_at": now}
            rows.append((*(driver.out(name, full[name]) for name in _WRITE), row_id))
        await connection.exec_driver_sql(
            f"UPDATE ledger_orders SET {sets} WHERE id = {driver.mark(len(_WRITE) + 1)}",
            rows,  # type: ignore[arg-type]
        )
    result.added, result.updated = len(new), len(changed)
    return result


# -- lookups for matching ------------------------------------------------------------------


async def by_order_ids(*, session: AsyncSession, ids: Iterable[str]) -> list[LedgerOrder]:
    """Orders whose own id or merchant order id is one of ``ids``; a Google Play id without
    its renewal suffix finds its renewals too (``GPA.…..0``, ``..1``)."""
    wanted = sorted(set(ids))
    if not wanted:
        return []
    clauses: list[ColumnElement[bool]] = [
        col(LedgerOrder.order_id).in_(wanted),
        col(LedgerOrder.merchant_order_id).in_(wanted),
    ]
    clauses += [
        col(LedgerOrder.order_id).startswith(f"{i}..", autoescape=True)
        for i in wanted
        if i.startswith("GPA.") and ".." not in i
    ]
    found = await session.exec(select(LedgerOrder).where(or_(*clauses)).limit(20))
    return list(found.all())


async def near(
    *,
    session: AsyncSession,
    currency: str,
    key: int,
    start: datetime,
    end: datetime,
    limit: int = 20,
) -> list[LedgerOrder]:
    """Orders of exactly this amount and currency paid between ``start`` and ``end``."""
    found = await session.exec(
        select(LedgerOrder)
        .where(col(LedgerOrder.currency) == currency, col(LedgerOrder.amount_key) == key)
        .where(col(LedgerOrder.paid_at).between(start, end))
        .order_by(col(LedgerOrder.paid_at))
        .limit(limit)
    )
    return list(found.all())


async def same_payer_near(
    *,
    session: AsyncSession,
    order_id: int,
    payer_id: str,
    paid_at: datetime,
    currency: str,
    key: int,
    window: timedelta,
) -> list[LedgerOrder]:
    """Other orders of the same payer, amount and currency within ``window`` of an order's
    payment (a double charge)."""
    found = await session.exec(
        select(LedgerOrder)
        .where(
            col(LedgerOrder.payer_id) == payer_id,
            col(LedgerOrder.paid_at) >= paid_at - window,
            col(LedgerOrder.paid_at) <= paid_at + window,
            col(LedgerOrder.currency) == currency,
            col(LedgerOrder.amount_key) == key,
            col(LedgerOrder.id) != order_id,
        )
        .order_by(col(LedgerOrder.paid_at))
        .limit(5)
    )
    return list(found.all())


async def verdicts_of_cases(
    *, session: AsyncSession, case_ids: Iterable[int]
) -> dict[int, list[str]]:
    """Each case's purchases' verdicts (for /queue)."""
    wanted = sorted(set(case_ids))
    if not wanted:
        return {}
    found = await session.exec(
        select(OrderLink.case_id, OrderLink.verdict).where(
            col(OrderLink.case_id).in_(wanted), col(OrderLink.transaction_id).is_not(None)
        )
    )
    verdicts: dict[int, list[str]] = {}
    for case_id, verdict in found.all():
        verdicts.setdefault(case_id, []).append(verdict)
    return verdicts


async def covered_until(*, session: AsyncSession) -> datetime | None:
    """The latest payment time in the ledger: bills are imported up to then. None: empty."""
    result = await session.exec(select(func.max(LedgerOrder.paid_at)))
    return result.one()


async def last_change(*, session: AsyncSession) -> datetime | None:
    result = await session.exec(select(func.max(LedgerOrder.updated_at)))
    return result.one()


async def orders_by_id(*, session: AsyncSession, ids: Iterable[int]) -> dict[int, LedgerOrder]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    found = await session.exec(select(LedgerOrder).where(col(LedgerOrder.id).in_(wanted)))
    return {order.id: order for order in found.all() if order.id is not None}


# -- links ---------------------------------------------------------------------------------


async def links_of_case(*, session: AsyncSession, case_id: int) -> list[OrderLink]:
    found = await session.exec(
        select(OrderLink).where(col(OrderLink.case_id) == case_id).order_by(col(OrderLink.id))
    )
    return list(found.all())


async def replace_links(*, session: AsyncSession, case_id: int, links: list[OrderLink]) -> None:
    """The case's links, replaced. On PostgreSQL the case's row is locked first: an agent's
    check and the sweep (or two workers) on one case take turns, the second deleting what the
    first wrote instead of colliding with it on the unique transaction id."""
    if _is_postgresql(session):
        await session.execute(select(Case.id).where(col(Case.id) == case_id).with_for_update())
    await session.execute(delete(OrderLink).where(col(OrderLink.case_id) == case_id))
    for link in links:
        session.add(link)
    await session.flush()


async def unlink_cases(*, session: AsyncSession, case_ids: Iterable[int]) -> int:
    """Forget what the cases' purchases matched (the ledger rows, the merchant's, stay)."""
    wanted = list(case_ids)
    if not wanted:
        return 0
    result = await session.execute(delete(OrderLink).where(col(OrderLink.case_id).in_(wanted)))
    return int(getattr(result, "rowcount", 0) or 0)


async def cases_to_check(
    *, session: AsyncSession, statuses: Sequence[str], changed_since: datetime, limit: int
) -> list[Case]:
    """Open cases whose purchases were last matched before the ledger last changed, or never
    (a case filed before its bill was imported): oldest check first."""
    checked = (
        select(OrderLink.case_id, func.min(OrderLink.checked_at).label("checked"))
        .group_by(col(OrderLink.case_id))
        .subquery()
    )
    query = (
        select(Case)
        .outerjoin(checked, checked.c.case_id == Case.id)
        .where(
            col(Case.status).in_(list(statuses)),
            col(Case.anonymized_at).is_(None),
            or_(checked.c.checked.is_(None), checked.c.checked < changed_since),
        )
        .where(col(Case.id).in_(select(CaseTransaction.case_id)))
        .order_by(checked.c.checked.is_not(None), checked.c.checked, col(Case.id))
        .limit(limit)
    )
    if _is_postgresql(session):  # several workers: each takes cases the others do not hold
        query = query.with_for_update(skip_locked=True, of=Case)
    found = await session.exec(query)
    return list(found.all())


async def purge_ledger(*, session: AsyncSession, paid_before: datetime, limit: int) -> int:
    """Delete up to ``limit`` ledger rows paid before ``paid_before`` (their links first)."""
    old = await session.exec(
        select(LedgerOrder.id)
        .where(col(LedgerOrder.paid_at) < paid_before)
        .order_by(col(LedgerOrder.id))
        .limit(limit)
    )
    ids = [i for i in old.all() if i is not None]
    if not ids:
        return 0
    await session.execute(delete(OrderLink).where(col(OrderLink.ledger_order_id).in_(ids)))
    await session.execute(delete(LedgerOrder).where(col(LedgerOrder.id).in_(ids)))
    return len(ids)
