"""Cases, their transactions and their audit trail."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, or_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Case, CaseEvent, CaseTransaction, HandoffStatus
from storage.repositories.rows import added, listed
from storage.tables import CASES


async def reference_taken(*, session: AsyncSession, reference: str) -> bool:
    result = await session.exec(select(Case.id).where(Case.reference == reference))
    return result.first() is not None


async def add_case(
    *, session: AsyncSession, case: Case, transactions: list[CaseTransaction]
) -> Case:
    session.add(case)
    await session.flush()
    assert case.id is not None
    for position, item in enumerate(transactions, start=1):
        item.case_id = case.id
        item.position = position
        session.add(item)
    await session.flush()
    return case


async def add_event(
    *,
    session: AsyncSession,
    case_id: int,
    actor_kind: str,
    actor_id: int | None,
    action: str,
    now: datetime,
    details: dict[str, Any] | None = None,
) -> CaseEvent:
    return await added(
        session,
        CaseEvent(
            case_id=case_id,
            actor_kind=actor_kind,
            actor_id=actor_id,
            action=action,
            details=details or {},
            created_at=now,
        ),
    )


async def cases_of_user(*, session: AsyncSession, user_id: int) -> list[Case]:
    return await listed(
        session, select(Case).where(Case.user_id == user_id).order_by(col(Case.id).desc())
    )


async def case_by_reference(*, session: AsyncSession, reference: str) -> Case | None:
    result = await session.exec(select(Case).where(Case.reference == reference))
    return result.first()


async def transactions_of(*, session: AsyncSession, case_id: int) -> list[CaseTransaction]:
    of_case = select(CaseTransaction).where(CaseTransaction.case_id == case_id)
    return await listed(session, of_case.order_by(col(CaseTransaction.position)))


async def events_of(*, session: AsyncSession, case_id: int) -> list[CaseEvent]:
    return await listed(
        session, select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(col(CaseEvent.id))
    )


async def case_by_id(*, session: AsyncSession, case_id: int) -> Case | None:
    return await session.get(Case, case_id)


async def case_by_topic(
    *, session: AsyncSession, topic_id: int, team: str | None = None
) -> Case | None:
    """The case whose topic ``topic_id`` is, in team ``team``'s group (topic ids are per
    group); None: the one group there is."""
    statement = select(Case).where(Case.topic_id == topic_id)
    if team is not None:
        statement = statement.where(Case.team == team)
    result = await session.exec(statement)
    return result.first()


async def open_cases_of_user(
    *, session: AsyncSession, user_id: int, statuses: Iterable[str]
) -> list[Case]:
    return await listed(
        session,
        select(Case)
        .where(Case.user_id == user_id, col(Case.status).in_(list(statuses)))
        .order_by(col(Case.id)),
    )


async def queue(
    *,
    session: AsyncSession,
    statuses: Iterable[str],
    assignee_id: int | None = None,
    team: str | None = None,
) -> list[Case]:
    """Open cases, the most urgent first (by deadline, then age); ``team``: that team's only."""
    statement = select(Case).where(col(Case.status).in_(list(statuses)))
    if assignee_id is not None:
        statement = statement.where(Case.assignee_id == assignee_id)
    if team is not None:
        statement = statement.where(Case.team == team)
    statement = statement.order_by(col(Case.due_at).is_(None), col(Case.due_at), col(Case.id))
    return list((await session.exec(statement.limit(50))).all())


# Hand-off statuses: ``pending`` (not done yet), ``failed`` (the last attempt failed; it is
# tried again at ``handoff_retry_at``, never given up), ``done``.

#: The columns a hand-off writes (and any other ``handoff_*``): its own bookkeeping, nothing an
#: agent or a parent decides.
HANDOFF_FIELDS = frozenset(
    {
        "topic_id",
        "topic_requested_at",
        "card_message_id",
        "evidence_posted",
        "handoff_status",
        "handoff_attempts",
        "handoff_retry_at",
        "handoff_alerted_at",
    }
)


async def pending_handoffs(
    *, session: AsyncSession, now: datetime | None = None, limit: int = 20
) -> list[Case]:
    """Cases still to hand off (pending, or failed and retried), whose retry time has come."""
    statement = select(Case).where(
        col(Case.handoff_status).in_([HandoffStatus.PENDING, HandoffStatus.FAILED])
    )
    if now is not None:
        statement = statement.where(
            or_(col(Case.handoff_retry_at).is_(None), col(Case.handoff_retry_at) <= now)
        )
    return await listed(session, statement.order_by(col(Case.id)).limit(limit))


async def _update_case(
    session: AsyncSession, case_id: int, /, *conditions: ColumnElement[bool], **values: Any
) -> bool:
    """One plain UPDATE of the case, if ``conditions`` hold too: no ORM flush, so its version
    is not bumped. False when no row matched."""
    connection = await session.connection()
    statement = update(CASES).where(CASES.c.id == case_id, *conditions).values(**values)
    result = await connection.execute(statement)
    return bool(result.rowcount)


async def set_handoff(*, session: AsyncSession, case_id: int, **values: Any) -> bool:
    """Write hand-off bookkeeping with a plain UPDATE: no ORM flush of the case, so its
    version is not bumped and a hand-off never conflicts with a change decided meanwhile by
    an agent or the parent (who never write these columns). False when no row matched."""
    unknown = {name for name in values if name not in HANDOFF_FIELDS}
    unknown -= {name for name in unknown if name.startswith("handoff_")}
    if unknown:
        raise ValueError(f"not hand-off bookkeeping: {sorted(unknown)}")
    return await _update_case(session, case_id, **values)


async def request_topic(*, session: AsyncSession, case_id: int, now: datetime) -> bool:
    """Record that the case's topic is being requested; False when it already has one or a
    request was already made (by this worker before a crash, or by another worker)."""
    return await _update_case(
        session,
        case_id,
        CASES.c.topic_id.is_(None),
        CASES.c.topic_requested_at.is_(None),
        topic_requested_at=now,
    )


async def claim_handoff_alert(*, session: AsyncSession, case_id: int, now: datetime) -> bool:
    """Mark the supervisors as told about the case's failing hand-off; True for exactly one
    caller until the hand-off succeeds (which clears the mark)."""
    return await _update_case(
        session, case_id, CASES.c.handoff_alerted_at.is_(None), handoff_alerted_at=now
    )


async def claim_handoff(
    *, session: AsyncSession, case_id: int, owner: str, now: datetime, lease: timedelta
) -> bool:
    """Take the case's hand-off for ``owner`` until ``now + lease`` (renewable): one worker at
    a time posts a case's topic, card and evidence. False while another worker's lease runs."""
    return await _update_case(
        session,
        case_id,
        CASES.c.handoff_status != HandoffStatus.DONE,
        or_(
            CASES.c.handoff_owner.is_(None),
            CASES.c.handoff_owner == owner,
            CASES.c.handoff_lease_until <= now,
        ),
        handoff_owner=owner,
        handoff_lease_until=now + lease,
    )


async def release_handoff(*, session: AsyncSession, case_id: int, owner: str) -> None:
    await _update_case(
        session,
        case_id,
        CASES.c.handoff_owner == owner,
        handoff_owner=None,
        handoff_lease_until=None,
    )


async def forget_topic(
    *, session: AsyncSession, case_id: int, topic_id: int | None, values: dict[str, Any]
) -> bool:
    """Reset the case's hand-off (``values``) because its topic ``topic_id`` is gone — unless
    the case has moved on to another topic meanwhile (a message about the old topic arriving
    late must not throw the new one away). ``topic_id`` None: reset whatever it is."""
    same_topic: list[ColumnElement[bool]] = []
    if topic_id is not None:
        same_topic.append(CASES.c.topic_id == topic_id)
    return await _update_case(session, case_id, *same_topic, **values)
