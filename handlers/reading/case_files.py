"""A file of a submitted case has been read (#16): a screenshot sent with the claim but read
after it was submitted, one sent in a later message or "Add evidence", or an appeal's. Nobody
is at the purchase questions any more, so nothing is offered: the agents' card is edited, and
its lines say what the screenshot read and whether it agrees with the claim
(:mod:`handlers.reading.crosscheck`)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.desk.context import card_edit
from handlers.policy import DeskPolicy
from handlers.replies import Outgoing
from storage.models import Case, Evidence


async def case_file_read(
    session: AsyncSession, row: Evidence, desk: DeskPolicy, now: datetime
) -> list[Outgoing]:
    """The card of the case ``row`` belongs to, edited to show what was read from it."""
    case = await session.get(Case, row.case_id) if row.case_id is not None else None
    if case is None or case.anonymized_at is not None:
        return []
    desk = desk.for_case(case)
    if not desk.enabled:
        return []
    edit = await card_edit(session, case, desk)
    return [edit] if edit is not None else []
