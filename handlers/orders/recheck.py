"""New ledger rows reach the cases filed before them: open cases whose purchases were last
checked before the ledger last changed (or never) are matched again, a batch at a time, and
the card of each case whose findings changed is edited. Run by the scheduler (``[orders]
sweep_minutes``) after the watched folder's sweep, and after ``refund-desk orders import``
by the running bot's next sweep. Also the ledger's retention."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.case.card import card_edit
from handlers.case.states import UNDECIDED
from handlers.orders.linking import CaseOrders, match_case
from handlers.policy import DeskPolicy
from handlers.replies import Outgoing
from storage.models import OrderLink
from storage.repositories import ledger


@dataclass
class Rechecked:
    cases: int = 0
    changed: int = 0
    out: list[Outgoing] = field(default_factory=list)


async def recheck(
    session: AsyncSession, *, now: datetime, desk: DeskPolicy, limit: int = 50
) -> Rechecked:
    """One batch of at most ``limit`` cases; call again while ``cases == limit``."""
    done = Rechecked()
    changed_at = await ledger.last_change(session=session)
    if changed_at is None:
        return done
    # A check counts from the ledger's own change time when the importer's clock ran ahead.
    checked_at = max(now, changed_at)
    found = await ledger.cases_to_check(
        session=session,
        statuses=[s.value for s in UNDECIDED],
        changed_since=changed_at,
        limit=limit,
    )
    through = await ledger.covered_until(session=session)
    for case in found:
        assert case.id is not None
        before = _signature(await ledger.links_of_case(session=session, case_id=case.id))
        found_now = await match_case(session, case, checked_at, desk.orders, through=through)
        if found_now is None or _findings_signature(found_now) != before:
            done.changed += 1
            edit = await card_edit(session, case, desk.for_case(case))
            if edit is not None:
                done.out.append(edit)
    done.cases = len(found)
    return done


def _signature(links: list[OrderLink]) -> list[tuple[object, ...]]:
    """What the card shows of the links, to tell whether a check changed anything."""
    return sorted(
        (
            link.transaction_id,
            link.verdict,
            link.ledger_order_id,
            tuple(link.details.get("candidates") or ()),
            link.details.get("double"),
        )
        for link in links
    )


def _findings_signature(found: CaseOrders) -> list[tuple[object, ...]]:
    return sorted(
        (
            tx,
            f.verdict.value,
            f.order.id if f.order else None,
            tuple(c.id for c in f.candidates),
            f.double.id if f.double else None,
        )
        for tx, f in found.findings.items()
    )


async def purge_ledger(
    session: AsyncSession, *, now: datetime, retention_days: int, limit: int = 1000
) -> int:
    """Delete one batch of ledger rows paid more than ``retention_days`` ago."""
    return await ledger.purge_ledger(
        session=session, paid_before=now - timedelta(days=retention_days), limit=limit
    )
