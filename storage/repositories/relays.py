"""A parent's messages to a case's thread under the relay cap (``handlers/desk/parents.py``):
the ones sent lately, and the one pending follow-up that gathers the rest."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import CaseEvent, FollowUp, FollowUpStatus
from storage.repositories import followups


async def events_since(
    *, session: AsyncSession, case_id: int, action: str, since: datetime
) -> list[CaseEvent]:
    """A case's events of one kind recorded after ``since``, oldest first."""
    result = await session.exec(
        select(CaseEvent)
        .where(
            col(CaseEvent.case_id) == case_id,
            col(CaseEvent.action) == action,
            col(CaseEvent.created_at) > since,
        )
        .order_by(col(CaseEvent.id))
    )
    return list(result.all())


async def events_by_id(
    *, session: AsyncSession, case_id: int, event_ids: Iterable[int]
) -> list[CaseEvent]:
    """Some of a case's events, oldest first (ids of another case are ignored)."""
    result = await session.exec(
        select(CaseEvent)
        .where(col(CaseEvent.case_id) == case_id, col(CaseEvent.id).in_(list(event_ids)))
        .order_by(col(CaseEvent.id))
    )
    return list(result.all())


async def pending_follow_up(*, session: AsyncSession, case_id: int, kind: str) -> FollowUp | None:
    """The case's pending follow-up of this kind, if any (the oldest)."""
    result = await session.exec(followups.pending_of(kind, case_id=case_id).limit(1))
    return result.first()


async def join_pending(*, session: AsyncSession, follow_up: FollowUp, event_id: int) -> bool:
    """Add a case event to what a pending follow-up carries (``details["events"]``); False
    when it is pending no more.

    The UPDATE is guarded by the status, like a claim: if a worker is firing the row right
    now, this waits for that transaction and then finds it ``sent`` (PostgreSQL re-checks the
    condition on the row as committed; SQLite has one writer at a time). So an event is
    either carried by a row that has not been fired yet, or the caller is told to make a new
    one — never added to a message already on its way.
    """
    events = [*follow_up.details.get("events", []), event_id]
    result = await session.exec(
        update(FollowUp)
        .where(col(FollowUp.id) == follow_up.id, col(FollowUp.status) == FollowUpStatus.PENDING)
        .values(details={**follow_up.details, "events": events})
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)
