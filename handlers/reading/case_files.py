"""A file of a submitted case has been read (#16): a screenshot sent with the claim but read
after it was submitted, one sent in a later message or "Add evidence", or an appeal's. Nobody
is at the purchase questions any more, so nothing is offered: the agents' card is edited, and
its lines say what the screenshot read and whether it agrees with the claim
(:mod:`handlers.reading.crosscheck`). An order number it read that no purchase claims is
looked up in the merchant's bills first, where bills were imported (#15), and the card says
what they say of it (:func:`handlers.orders.linking.match_case`)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.case.card import card_edit
from handlers.orders.linking import match_case, unclaimed_reads
from handlers.policy import DeskPolicy
from handlers.replies import Outgoing
from storage.models import Case, Evidence
from storage.repositories import cases


async def case_file_read(
    session: AsyncSession, row: Evidence, desk: DeskPolicy, now: datetime
) -> list[Outgoing]:
    """The card of the case ``row`` belongs to, edited to show what was read from it."""
    case = await session.get(Case, row.case_id) if row.case_id is not None else None
    if case is None or case.anonymized_at is not None:
        return []
    assert case.id is not None
    desk = desk.for_case(case)
    purchases = await cases.transactions_of(session=session, case_id=case.id)
    if unclaimed_reads([row], purchases):
        await match_case(session, case, now, desk.orders)  # nothing done before any bill
    if not desk.enabled:
        return []
    edit = await card_edit(session, case, desk)
    return [edit] if edit is not None else []
