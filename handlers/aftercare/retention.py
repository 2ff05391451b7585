"""The retention purge: a case closed more than ``retention_days`` ago is anonymized (the same
code as a parent's erasure), and a draft never submitted and untouched that long is deleted.

Run periodically by the scheduler (``bot/scheduler.py``), in batches, each in one transaction.
Cases are claimed before they are purged (``anonymized_at`` set by a guarded UPDATE; ``SKIP
LOCKED`` on PostgreSQL), so several workers share the work and no case is purged twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.aftercare.erasure import RETENTION, anonymize_case
from handlers.case.states import Status
from handlers.policy import AftercarePolicy, DeskPolicy
from handlers.replies import Outgoing
from storage.repositories import cases, erasure


@dataclass
class Purged:
    cases: int = 0
    drafts: int = 0
    out: list[Outgoing] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.cases + self.drafts


async def purge_expired(
    session: AsyncSession,
    *,
    now: datetime,
    aftercare: AftercarePolicy,
    desk: DeskPolicy,
    limit: int = 50,
) -> Purged:
    """One batch: at most ``limit`` cases and ``limit`` drafts. Call again while
    ``total`` is not 0 (a batch smaller than the limit means nothing is left)."""
    cutoff = now - timedelta(days=aftercare.retention_days)
    purged = Purged()
    claimed = await erasure.claim_expired_cases(
        session=session, status=Status.CLOSED.value, closed_before=cutoff, now=now, limit=limit
    )
    for case_id in claimed:
        case = await cases.case_by_id(session=session, case_id=case_id)
        assert case is not None
        purged.out += await anonymize_case(session, case, now, desk, reason=RETENTION)
    purged.cases = len(claimed)
    stale = await erasure.stale_draft_ids(session=session, updated_before=cutoff, limit=limit)
    await erasure.delete_drafts(session=session, draft_ids=stale)
    purged.drafts = len(stale)
    return purged
