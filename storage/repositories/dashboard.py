"""The supervisors' web page: sign-in links, sessions, the view log, and the cases it lists.

Tokens are stored as their SHA-256 only: a copy of the database signs nobody in.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import and_, exists, func, or_, update
from sqlalchemy import select as core_select
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import (
    Case,
    CaseStatus,
    DashboardLink,
    DashboardSession,
    DashboardView,
    OrderLink,
)
from storage.repositories.rows import listed
from storage.tables import CASES, DASHBOARD_LINKS, TRANSACTIONS

#: The most cases one list shows (the filters narrow it down).
LIST_LIMIT = 200


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


async def add_link(
    *, session: AsyncSession, token: str, user_id: int, now: datetime, expires_at: datetime
) -> None:
    await _add_token(DashboardLink, session, token, user_id, now, expires_at)


async def _add_token(
    kind: type[DashboardLink] | type[DashboardSession],
    session: AsyncSession,
    token: str,
    user_id: int,
    now: datetime,
    expires_at: datetime,
) -> None:
    """A sign-in link or a session: only the token's hash is kept, bound to one user."""
    session.add(
        kind(token_hash=token_hash(token), user_id=user_id, created_at=now, expires_at=expires_at)
    )
    await session.flush()


async def use_link(*, session: AsyncSession, token: str, now: datetime) -> int | None:
    """The user a sign-in link was sent to — once: the link is marked used in the same guarded
    UPDATE, so a second use (or two at once) gets None, as does an expired link."""
    connection = await session.connection()
    digest = token_hash(token)
    result = await connection.execute(
        update(DASHBOARD_LINKS)
        .where(DASHBOARD_LINKS.c.token_hash == digest, DASHBOARD_LINKS.c.used_at.is_(None))
        .where(DASHBOARD_LINKS.c.expires_at > now)
        .values(used_at=now)
    )
    if not result.rowcount:
        return None
    found = await connection.execute(
        core_select(DASHBOARD_LINKS.c.user_id).where(DASHBOARD_LINKS.c.token_hash == digest)
    )
    return int(found.scalar_one())


async def add_session(
    *, session: AsyncSession, token: str, user_id: int, now: datetime, expires_at: datetime
) -> None:
    await _add_token(DashboardSession, session, token, user_id, now, expires_at)


async def session_of(
    *, session: AsyncSession, token: str, now: datetime
) -> DashboardSession | None:
    """The signed-in session a cookie's token names, unless it expired."""
    result = await session.exec(
        select(DashboardSession).where(
            DashboardSession.token_hash == token_hash(token),
            col(DashboardSession.expires_at) > now,
        )
    )
    return result.first()


async def log_view(
    *, session: AsyncSession, user_id: int, session_id: int | None, path: str, now: datetime
) -> None:
    session.add(
        DashboardView(user_id=user_id, session_id=session_id, path=path[:500], viewed_at=now)
    )
    await session.flush()


async def views_of(*, session: AsyncSession, user_id: int) -> list[DashboardView]:
    return await listed(
        session,
        select(DashboardView)
        .where(DashboardView.user_id == user_id)
        .order_by(col(DashboardView.id)),
    )


@dataclass(frozen=True)
class CaseFilter:
    """What the case list is narrowed to; every criterion given must hold."""

    team: str | None = None
    status: str | None = None
    overdue: bool = False
    platform: str | None = None
    agent: str | None = None
    #: At least this much claimed in one purchase currency's total.
    min_amount: Decimal | None = None
    #: Part of the reference or of the parent's account.
    text: str | None = None


async def list_cases(
    *, session: AsyncSession, where: CaseFilter, now: datetime, limit: int = LIST_LIMIT
) -> list[Case]:
    """Cases matching ``where``, newest first."""
    statement = select(Case)
    conditions = []
    if where.team is not None:
        conditions.append(CASES.c.team == where.team)
    if where.status:
        conditions.append(CASES.c.status == where.status)
    if where.overdue:
        open_states = [
            CaseStatus.SUBMITTED,
            CaseStatus.IN_REVIEW,
            CaseStatus.WAITING_PARENT,
            CaseStatus.APPEALED,
        ]
        conditions += [CASES.c.status.in_(open_states), CASES.c.due_at < now]
    if where.platform:
        conditions.append(CASES.c.platform == where.platform)
    if where.agent:
        conditions.append(func.lower(CASES.c.assignee_name) == where.agent.lower())
    if where.text:
        pattern = f"%{_escape_like(where.text.strip())}%"
        conditions.append(
            or_(
                CASES.c.reference.ilike(pattern, escape="\\"),
                CASES.c.account.ilike(pattern, escape="\\"),
            )
        )
    if where.min_amount is not None:
        totals = (
            core_select(TRANSACTIONS.c.case_id)
            .where(TRANSACTIONS.c.case_id == CASES.c.id)
            .group_by(TRANSACTIONS.c.case_id, TRANSACTIONS.c.currency)
            .having(func.sum(TRANSACTIONS.c.amount) >= where.min_amount)
        )
        conditions.append(exists(totals))
    if conditions:
        statement = statement.where(and_(*conditions))
    statement = statement.order_by(CASES.c.submitted_at.desc(), CASES.c.id.desc()).limit(limit)
    return await listed(session, statement)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


async def order_verdicts(*, session: AsyncSession, case_id: int) -> dict[int, str]:
    """What matching against the bills found for each of a case's purchases (#15), by
    transaction id."""
    result = await session.exec(
        select(OrderLink.transaction_id, OrderLink.verdict).where(OrderLink.case_id == case_id)
    )
    # An order number read from a screenshot (#16) is not a purchase: no transaction id.
    return {tx: verdict for tx, verdict in result.all() if tx is not None}
