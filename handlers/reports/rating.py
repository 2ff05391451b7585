"""A parent's satisfaction rating (1–5 stars, after closing) and the comment they may add,
as the case's card shows them to the agents."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.replies import Msg
from storage.repositories import reports

#: The events: the stars (``parents.rate``), then the parent's words about the handling.
RATED, COMMENTED = "rated", "rating_comment"


@dataclass(frozen=True)
class Rating:
    stars: int
    comment: str | None = None


def stars_text(stars: int) -> str:
    return "★" * stars + "☆" * (5 - stars)


async def load_rating(session: AsyncSession, case_id: int) -> Rating | None:
    """The case's first rating and first comment (each is taken once), or None."""
    events = await reports.rating_events(
        session=session, case_id=case_id, actions=(RATED, COMMENTED)
    )
    stars = next((e.details.get("stars") for e in events if e.action == RATED), None)
    if not isinstance(stars, int):
        return None
    comment = next((e.details.get("text") for e in events if e.action == COMMENTED), None)
    return Rating(stars, comment if isinstance(comment, str) and comment else None)


def card_lines(rating: Rating | None) -> list[Msg]:
    """The card's lines about the parent's rating, when given."""
    if rating is None:
        return []
    lines = [Msg("desk-card-rating", {"stars": stars_text(rating.stars), "count": rating.stars})]
    if rating.comment:
        lines.append(Msg("desk-card-rating-comment", {"text": rating.comment}))
    return lines
