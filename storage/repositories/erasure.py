"""Erasing personal data, table by table: what a parent's erasure and the retention purge do to
the rows. What counts as personal is decided by the caller (``handlers/aftercare/erasure.py``),
which also holds the transaction.

Claims follow the follow-ups' pattern: a case is anonymized by the transaction whose guarded
UPDATE (``anonymized_at IS NULL`` → now) changed it, so two workers never both purge one case;
on PostgreSQL the retention batch is picked with ``FOR UPDATE SKIP LOCKED``.

A function that removes personal data marks its transaction (``note_erasure``): once it
commits, the database makes the erased bytes unreadable in its files (SQLite's WAL checkpoint).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Text, cast, delete, or_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.database import note_erasure
from storage.models import (
    Case,
    CaseEvent,
    CaseTransaction,
    Draft,
    DraftStatus,
    Evidence,
    FollowUp,
    InboxUpdate,
    OutboxMessage,
    OutboxStatus,
)
from storage.repositories import evidence_files, followups


def _is_postgresql(session: AsyncSession) -> bool:
    return session.bind is not None and session.bind.dialect.name == "postgresql"


# -- claiming cases --------------------------------------------------------------------------


async def claim_cases(
    *, session: AsyncSession, case_ids: Iterable[int], now: datetime
) -> set[int]:
    """Mark these cases anonymized unless they already are; returns the ones claimed here."""
    ids = list(case_ids)
    if not ids:
        return set()
    result = await session.exec(
        update(Case)
        .where(col(Case.id).in_(ids), col(Case.anonymized_at).is_(None))
        .values(anonymized_at=now)
        .returning(col(Case.id))
        .execution_options(synchronize_session=False)
    )
    return {int(row) for row in result.scalars().all()}


async def claim_expired_cases(
    *, session: AsyncSession, status: str, closed_before: datetime, now: datetime, limit: int
) -> list[int]:
    """Claim up to ``limit`` cases in ``status`` closed before ``closed_before`` and not yet
    anonymized, oldest first (``SKIP LOCKED`` on PostgreSQL: workers take disjoint batches)."""
    chosen = (
        select(col(Case.id))
        .where(
            col(Case.status) == status,
            col(Case.closed_at) < closed_before,
            col(Case.anonymized_at).is_(None),
        )
        .order_by(col(Case.closed_at), col(Case.id))
        .limit(limit)
    )
    if _is_postgresql(session):
        chosen = chosen.with_for_update(skip_locked=True)
    result = await session.exec(
        update(Case)
        .where(col(Case.id).in_(chosen.scalar_subquery()), col(Case.anonymized_at).is_(None))
        .values(anonymized_at=now)
        .returning(col(Case.id))
        .execution_options(synchronize_session=False)
    )
    return sorted(int(row) for row in result.scalars().all())


# -- a case's own rows -----------------------------------------------------------------------


async def scrub_case_rows(
    *, session: AsyncSession, case_id: int, keep_details: frozenset[str], now: datetime
) -> None:
    """Everything personal hanging off a case: order numbers, evidence rows, the answers of
    the draft it came from, free text in its events, pending follow-ups."""
    note_erasure(session)
    await session.exec(
        update(CaseTransaction)
        .where(col(CaseTransaction.case_id) == case_id)
        .values(order_number=None)
        .execution_options(synchronize_session=False)
    )
    await evidence_files.release(session=session, condition=col(Evidence.case_id) == case_id)
    await session.exec(delete(Evidence).where(col(Evidence.case_id) == case_id))
    await session.exec(
        update(Draft)
        .where(col(Draft.case_id) == case_id)
        .values(answers={}, cursor={})
        .execution_options(synchronize_session=False)
    )
    events = await session.exec(select(CaseEvent).where(col(CaseEvent.case_id) == case_id))
    for event in events.all():
        event.details = {k: v for k, v in (event.details or {}).items() if k in keep_details}
        if event.actor_kind == "parent":
            event.actor_id = None
    await followups.cancel(session=session, case_id=case_id, now=now)


async def forget_case_in_chat(
    *, session: AsyncSession, chat_id: int, case_id: int, reference: str
) -> None:
    """Bot API traffic of a group about one case (its card, relayed messages, agents' replies
    quoting them): queued calls are dropped, sent ones and processed updates emptied."""
    mentions = cast(OutboxMessage.payload, Text).contains(reference, autoescape=True)
    about_case = or_(
        col(OutboxMessage.payload)["_case"].as_integer() == case_id,
        mentions,
    )
    in_chat = col(OutboxMessage.chat_id) == chat_id
    waiting = col(OutboxMessage.status).in_([OutboxStatus.PENDING, OutboxStatus.SENDING])
    await session.exec(delete(OutboxMessage).where(in_chat, about_case, waiting))
    await session.exec(
        update(OutboxMessage)
        .where(in_chat, about_case, ~waiting)
        .values(payload={}, result={})
        .execution_options(synchronize_session=False)
    )
    rows = await session.exec(
        select(col(InboxUpdate.id), col(InboxUpdate.update_id)).where(
            col(InboxUpdate.chat_id) == chat_id,
            col(InboxUpdate.processed_at).is_not(None),
            cast(InboxUpdate.payload, Text).contains(reference, autoescape=True),
        )
    )
    await _empty_updates(session, list(rows.all()))


# -- a parent's own rows ---------------------------------------------------------------------


async def delete_drafts(*, session: AsyncSession, draft_ids: Iterable[int]) -> None:
    """Drafts with their evidence and follow-ups (which point at them), whatever their state."""
    ids = list(draft_ids)
    if not ids:
        return
    note_erasure(session)
    await session.exec(delete(FollowUp).where(col(FollowUp.draft_id).in_(ids)))
    await evidence_files.release(session=session, condition=col(Evidence.draft_id).in_(ids))
    await session.exec(delete(Evidence).where(col(Evidence.draft_id).in_(ids)))
    await session.exec(delete(Draft).where(col(Draft.id).in_(ids)))


async def stale_draft_ids(
    *, session: AsyncSession, updated_before: datetime, limit: int
) -> list[int]:
    """Drafts never submitted (abandoned or cancelled) and untouched since ``updated_before``."""
    result = await session.exec(
        select(col(Draft.id))
        .where(col(Draft.status) != DraftStatus.SUBMITTED, col(Draft.updated_at) < updated_before)
        .order_by(col(Draft.id))
        .limit(limit)
    )
    return [int(row) for row in result.all() if row is not None]


async def forget_chat(*, session: AsyncSession, chat_id: int) -> None:
    """A private chat's Bot API traffic: every call to it dropped, every update from it emptied
    (raw updates hold the person's name and everything they typed)."""
    note_erasure(session)
    await session.exec(delete(OutboxMessage).where(col(OutboxMessage.chat_id) == chat_id))
    rows = await session.exec(
        select(col(InboxUpdate.id), col(InboxUpdate.update_id)).where(
            col(InboxUpdate.chat_id) == chat_id
        )
    )
    await _empty_updates(session, list(rows.all()))


async def _empty_updates(session: AsyncSession, rows: list[Any]) -> None:
    """Keep only the update id (the inbox's duplicate guard needs nothing more)."""
    for row_id, update_id in rows:
        await session.exec(
            update(InboxUpdate)
            .where(col(InboxUpdate.id) == row_id)
            .values(payload={"update_id": update_id})
            .execution_options(synchronize_session=False)
        )


async def clear_delivered_uploads(*, session: AsyncSession, method: str, marker: str) -> int:
    """Empty calls that uploaded a file the bot made (a data export) once they are done with:
    the copy in the outbox is no longer needed and holds everything about someone."""
    result = await session.exec(
        update(OutboxMessage)
        .where(
            col(OutboxMessage.method) == method,
            col(OutboxMessage.status).in_([OutboxStatus.SENT, OutboxStatus.FAILED]),
            cast(OutboxMessage.payload, Text).contains(marker, autoescape=True),
        )
        .values(payload={}, result={})
        .execution_options(synchronize_session=False)
    )
    if result.rowcount:
        note_erasure(session)
    return int(result.rowcount)


async def forget_old_traffic(
    *, session: AsyncSession, before: datetime, set_aside_before: datetime | None = None
) -> int:
    """Empty the raw updates processed before ``before`` and the calls sent (or given up)
    before it: they hold people's names and words, and nothing reads them once handled (the
    inbox's duplicate guard is the update id). Updates set aside (kept for the operator to
    look into) are emptied once set aside before ``set_aside_before`` (default: ``before``).
    Returns how many rows were emptied."""
    emptied = 0
    result = await session.exec(
        update(InboxUpdate)
        .where(
            or_(
                col(InboxUpdate.processed_at) < before,
                col(InboxUpdate.failed_at) < (set_aside_before or before),
            ),
            cast(InboxUpdate.payload, Text) != "{}",
        )
        .values(payload={})
        .execution_options(synchronize_session=False)
    )
    emptied += int(result.rowcount)
    result = await session.exec(
        update(OutboxMessage)
        .where(
            col(OutboxMessage.status).in_([OutboxStatus.SENT, OutboxStatus.FAILED]),
            col(OutboxMessage.created_at) < before,
            cast(OutboxMessage.payload, Text) != "{}",
        )
        .values(payload={}, result={})
        .execution_options(synchronize_session=False)
    )
    emptied += int(result.rowcount)
    if emptied:
        note_erasure(session)
    return emptied
