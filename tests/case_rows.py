"""A submitted case built by hand, for tests that need a ``Case`` row without an intake, and
its parent's user row.

Only what the test is about needs saying: the rest is a plain claim (a child's purchase on
Douyin paid with Alipay), submitted and last updated ``at``, by a parent living in Paris.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.i18n import Localizer
from handlers.case.card import card_parts
from handlers.case.view import CaseView
from handlers.policy import DeskPolicy
from storage.models import Case, CaseTransaction, User
from storage.repositories import users


async def add_parent(
    session: AsyncSession,
    user_id: int,
    *,
    now: datetime,
    language: str = "en",
    timezone: str = "Europe/Paris",
    display_name: str = "P",
) -> User:
    """The parent ``user_id``'s ``users`` row, added ``now``."""
    return await users.create_user(
        session=session,
        user_id=user_id,
        language=language,
        timezone=timezone,
        display_name=display_name,
        now=now,
    )


def case_row(
    reference: str,
    *,
    at: datetime,
    user_id: int = 1001,
    language: str = "en",
    timezone: str = "Europe/Paris",
    **fields: Any,
) -> Case:
    """The case ``reference`` of the parent ``user_id`` (in a private chat: the same id);
    ``fields`` set or replace any other column."""
    claim: dict[str, Any] = {
        "platform": "douyin",
        "problem": "minor_purchase",
        "writer": "parent",
        "account": "acct",
        "payment_method": "alipay",
        "description": "-",
        "submitted_at": at,
        "updated_at": at,
    }
    return Case(
        reference=reference,
        user_id=user_id,
        chat_id=user_id,
        language=language,
        timezone=timezone,
        **(claim | fields),
    )


def with_one_purchase(case: Case, occurred_at: datetime, **fields: Any) -> CaseView:
    """The case as its card sees it, with one purchase of 49.90 EUR made ``occurred_at``
    (``fields`` set the purchase's other columns) and no evidence."""
    assert case.id is not None
    purchase = CaseTransaction(
        case_id=case.id,
        position=1,
        amount=Decimal("49.90"),
        currency="EUR",
        occurred_at=occurred_at,
        **fields,
    )
    return CaseView(case, [purchase], [])


def purchases_of(
    case_id: int, items: Iterable[tuple[str, str]], occurred_at: datetime, *, first: int = 1
) -> list[CaseTransaction]:
    """The case's purchases of these (amount, currency), all made ``occurred_at``, numbered
    from ``first``."""
    return [
        CaseTransaction(
            case_id=case_id,
            position=position,
            amount=Decimal(amount),
            currency=currency,
            occurred_at=occurred_at,
        )
        for position, (amount, currency) in enumerate(items, start=first)
    ]


def card_purchase_line(localizer: Localizer, view: CaseView, language: str, team_zone: str) -> str:
    """The (first) purchase's line on the agents' card, as a team working in ``language`` in
    ``team_zone`` reads it."""
    desk = DeskPolicy(chat_id=-100, language=language, timezone=team_zone)
    line = next(p for p in card_parts(view, desk) if p.key == "review-tx-line")
    return localizer.plain(language, line)
