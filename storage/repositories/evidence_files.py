"""Evidence files (#16): claiming downloads and readings, recording what came of them, and
which stored files lost their last evidence row.

Claims follow the outbox's pattern: a row is taken by a guarded UPDATE that sets a lease
(``file_retry_at``), so two workers never fetch or read the same file at once, and a row
whose worker died is taken again once its lease is over.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, update
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.database import RELEASED_FILES
from storage.models import Evidence, FileStatus, ReadStatus

#: ``Evidence.file_status`` and ``read_status`` (storage/models.py), by their short names.
FETCHING, WAITING, KEPT, REFUSED = (
    FileStatus.FETCHING,
    FileStatus.WAITING,
    FileStatus.KEPT,
    FileStatus.REFUSED,
)
#: Either column's "failed" (a file not kept, a file not read).
FAILED: str = FileStatus.FAILED
PENDING, READING, READ, OFFERED, USED, NOTHING = (
    ReadStatus.PENDING,
    ReadStatus.READING,
    ReadStatus.READ,
    ReadStatus.OFFERED,
    ReadStatus.USED,
    ReadStatus.NOTHING,
)
#: ``session.info`` key: hashes of the evidence rows a transaction deleted (erasure,
#: retention). After its commit, :class:`storage.database.Database` hands them on.
RELEASED = RELEASED_FILES


def _to_fetch(now: datetime) -> ColumnElement[bool]:
    never_tried = and_(
        col(Evidence.file_status).is_(None),
        col(Evidence.sha256).is_(None),
        col(Evidence.telegram_file_id).is_not(None),
    )
    due = and_(
        col(Evidence.file_status).in_((FETCHING, WAITING)),
        col(Evidence.file_retry_at) <= now,
    )
    return or_(never_tried, due)


def _to_read(now: datetime) -> ColumnElement[bool]:
    return or_(
        col(Evidence.read_status) == PENDING,
        and_(col(Evidence.read_status) == READING, col(Evidence.file_retry_at) <= now),
    )


async def _claim(
    session: AsyncSession,
    condition: ColumnElement[bool],
    values: dict[str, Any],
    limit: int,
) -> list[Evidence]:
    result = await session.exec(
        select(col(Evidence.id)).where(condition).order_by(col(Evidence.id)).limit(limit)
    )
    ids = list(result.all())
    if not ids:
        return []
    claimed = await session.exec(
        update(Evidence)
        .where(col(Evidence.id).in_(ids), condition)
        .values(**values)
        .returning(col(Evidence.id))
        .execution_options(synchronize_session=False)
    )
    taken = [int(row) for row in claimed.scalars().all()]
    if not taken:
        return []
    rows = await session.exec(
        select(Evidence)
        .where(col(Evidence.id).in_(taken))
        .order_by(col(Evidence.id))
        .execution_options(populate_existing=True)
    )
    return list(rows.all())


async def claim_downloads(
    *, session: AsyncSession, now: datetime, lease_until: datetime, limit: int = 10
) -> list[Evidence]:
    """Rows whose file is to be downloaded now, leased to the caller until ``lease_until``."""
    values = {"file_status": FETCHING, "file_retry_at": lease_until}
    return await _claim(session, _to_fetch(now), values, limit)


async def claim_readings(
    *, session: AsyncSession, now: datetime, lease_until: datetime, limit: int = 4
) -> list[Evidence]:
    """Kept images waiting to be read, leased to the caller until ``lease_until``."""
    values = {"read_status": READING, "file_retry_at": lease_until}
    return await _claim(session, _to_read(now), values, limit)


async def record(*, session: AsyncSession, evidence_id: int, **values: Any) -> None:
    await session.exec(
        update(Evidence)
        .where(col(Evidence.id) == evidence_id)
        .values(**values)
        .execution_options(synchronize_session=False)
    )


async def referenced(*, session: AsyncSession, digests: Iterable[str]) -> set[str]:
    """Of these hashes, those some evidence row still names."""
    wanted = list(digests)
    if not wanted:
        return set()
    result = await session.exec(
        select(col(Evidence.sha256)).where(col(Evidence.sha256).in_(wanted)).distinct()
    )
    return {str(row) for row in result.all() if row}


async def release(*, session: AsyncSession, condition: ColumnElement[bool]) -> None:
    """Before evidence rows matching ``condition`` are deleted: remember their hashes, so the
    files are deleted too once the transaction commits and nothing else names them."""
    result = await session.exec(
        select(col(Evidence.sha256)).where(condition, col(Evidence.sha256).is_not(None))
    )
    digests = {str(row) for row in result.all() if row}
    if digests:
        session.info.setdefault(RELEASED, set()).update(digests)
