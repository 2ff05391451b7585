"""A case's history: every change, who made it (the parent, an agent, the bot itself) and
when — what the timeline in /status, the export and the reports read back."""

from __future__ import annotations

from datetime import datetime
from typing import Any, NamedTuple

from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Case, CaseEvent
from storage.repositories import cases


class Actor(NamedTuple):
    kind: str  # "parent", "agent" or "system"
    id: int | None


SYSTEM = Actor("system", None)


def parent(user_id: int) -> Actor:
    return Actor("parent", user_id)


def agent(user_id: int) -> Actor:
    return Actor("agent", user_id)


async def record(
    session: AsyncSession, case: Case, action: str, now: datetime, by: Actor, /, **details: Any
) -> CaseEvent:
    """One entry in the case's history (in the caller's transaction)."""
    assert case.id is not None
    return await cases.add_event(
        session=session,
        case_id=case.id,
        action=action,
        now=now,
        actor_kind=by.kind,
        actor_id=by.id,
        details=details,
    )
