"""A case as everything that shows it reads it: its purchases, its files, what the merchant's
bills say, its rating — loaded once (:func:`load_view`), then rendered by the card, the
decisions, /status, erasure and the export."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.formatting import format_totals
from handlers.orders.linking import CaseOrders, load_case_orders
from handlers.policy import KNOWN_PLATFORMS
from handlers.replies import Msg
from handlers.reports.rating import Rating, load_rating
from storage.models import Case, CaseStatus, CaseTransaction, Evidence
from storage.repositories import cases, evidence, relays


@dataclass
class CaseView:
    """A case with what the card shows about it."""

    case: Case
    transactions: list[CaseTransaction]
    evidence: list[Evidence]
    #: The evidence was posted on demand ("📎 Show N files") under the current card.
    files_shown: bool = False
    #: What the merchant's bills say of each purchase (#15); None: never checked.
    orders: CaseOrders | None = None
    #: The parent's satisfaction rating and comment, once given (#17).
    rating: Rating | None = None

    def totals_in(self, language: str) -> str:
        return format_totals(((t.amount, t.currency) for t in self.transactions), language)

    def totals_by_currency(self) -> dict[str, Decimal]:
        sums: dict[str, Decimal] = {}
        for t in self.transactions:
            sums[t.currency] = sums.get(t.currency, Decimal(0)) + t.amount
        return sums


def platform_msg(case: Case, *, inline: bool = False) -> Msg:
    """The case's platform as a label, or ``inline`` as it reads inside a sentence."""
    if case.platform == "other" or case.platform not in KNOWN_PLATFORMS:
        return Msg("platform-custom", {"name": case.platform_other or case.platform})
    return Msg(f"platform-inline-{case.platform}" if inline else f"platform-{case.platform}")


#: Up to this many files are posted with the card at hand-off; a larger set waits for the
#: card's "📎 Show N files" button (an album item counts as one of the group's messages).
MAX_FILES_AT_HANDOFF = 4


def postable_files(view: CaseView) -> list[Evidence]:
    """The case's files that can be posted to the thread (those Telegram holds)."""
    return [item for item in view.evidence if item.telegram_file_id]


def files_deferred(view: CaseView) -> bool:
    """Whether the hand-off leaves the evidence for the card's button: more files came with
    the claim than :data:`MAX_FILES_AT_HANDOFF` (files added by an appeal arrive with it)."""
    submitted = view.case.submitted_at
    intake = [f for f in postable_files(view) if submitted is None or f.created_at <= submitted]
    return len(intake) > MAX_FILES_AT_HANDOFF


#: The event recorded when a large set of evidence is posted on demand, naming the card it
#: was posted under (a topic recreated by hand gets a new card, and the button again).
FILES_SHOWN = "evidence_shown"
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


async def load_view(session: AsyncSession, case: Case) -> CaseView:
    assert case.id is not None
    view = CaseView(
        case,
        await cases.transactions_of(session=session, case_id=case.id),
        await evidence.list_for_case(session=session, case_id=case.id),
    )
    view.orders = await load_case_orders(session, case.id)  # what the bills say (#15)
    if case.status == CaseStatus.CLOSED:  # rated only once closed
        view.rating = await load_rating(session, case.id)
    if case.card_message_id is not None and files_deferred(view):
        shown = await relays.events_since(
            session=session, case_id=case.id, action=FILES_SHOWN, since=_EPOCH
        )
        view.files_shown = any(e.details.get("card") == case.card_message_id for e in shown)
    return view
