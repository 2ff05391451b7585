"""An order number read from a screenshot that the parent did not use is looked up in the
merchant's bills as a secondary order number of the case (#16 with #15): the card says what
the bills say of it, apart from the claimed purchases, which alone make the summary, /queue
and the reports."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from handlers.aftercare.erasure import erase_parent
from handlers.case.card import card_parts
from handlers.case.view import load_view
from handlers.orders.linking import match_case
from handlers.orders.matching import Verdict
from handlers.policy import DeskPolicy, IntakePolicy
from handlers.reading import offer
from handlers.reading.extract import Reading
from handlers.replies import EditMessage
from storage.models import Evidence, OrderLink, User
from storage.repositories import cases, ledger
from tests.handlers.bills import import_bills, shanghai_desk
from tests.handlers.desk_helpers import submitted_case

NOW = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)
PAID = datetime(2026, 11, 28, 14, 3, tzinfo=UTC)  # 22:03 in Shanghai: the bill's first 648.00
FOUND = "4200002345202611281234567890"
REFUNDED = "4200002345202611271111111111"  # 150.00, refunded on the 29th
UNKNOWN = "4200009999202611289999999999"


@pytest.fixture
def desk() -> DeskPolicy:
    return shanghai_desk()


async def _shots(db, case_id: int, *orders: str | None, status: str = "used") -> list[int]:
    ids = []
    async with db.unit_of_work() as session:
        for order in orders:
            reading = Reading(amount="648.00", currency="CNY", order=order)
            row = Evidence(
                case_id=case_id,
                kind="photo",
                telegram_file_id=f"shot-{len(ids)}",
                reading=reading.to_json(),
                read_status=status,
                created_at=NOW,
            )
            session.add(row)
            await session.flush()
            assert row.id is not None
            ids.append(row.id)
    return ids


async def _card(db, case, desk, localizer) -> list[str]:
    async with db.unit_of_work() as session:
        fresh = await cases.case_by_id(session=session, case_id=case.id)
        assert fresh is not None
        view = await load_view(session, fresh)
        return [localizer.plain("en", part) for part in card_parts(view, desk)]


async def test_an_order_number_read_but_not_claimed_is_looked_up_in_the_bills(db, desk, localizer):
    await import_bills(db, NOW)
    case = await submitted_case(db, PAID, language="en")
    found, refunded, unknown = await _shots(db, case.id, FOUND, REFUNDED, UNKNOWN)
    async with db.unit_of_work() as session:
        fresh = await cases.case_by_id(session=session, case_id=case.id)
        assert fresh is not None
        checked = await match_case(session, fresh, NOW, desk.orders)
    assert checked is not None
    assert {k: f.verdict for k, f in checked.read.items()} == {
        found: Verdict.FOUND,
        refunded: Verdict.REFUNDED,
        unknown: Verdict.NOT_FOUND,
    }
    assert len(checked.findings) == 1  # the one claimed purchase, matched by amount and time
    lines = await _card(db, case, desk, localizer)
    assert (
        "🧾 Order number read from screenshot 1 (4200…7890): found in the WeChat Pay bill, "
        "CN¥648.00 paid Sat, Nov 28, 2026, 10:03 PM, not refunded"
    ) in lines
    assert any(
        line.startswith("🧾 Order number read from screenshot 2 (4200…1111): in the WeChat Pay")
        and "CN¥150.00 refunded on" in line
        for line in lines
    )
    assert any(
        line.startswith("🧾 Order number read from screenshot 3 (4200…9999): not in the imported")
        for line in lines
    )
    # The purchases alone make the summary and /queue.
    assert "🧾 Bills: 1 found · 0 not found · 0 refunded · 0 unsure" in lines
    async with db.unit_of_work() as session:
        assert await ledger.verdicts_of_cases(session=session, case_ids=[case.id]) == {
            case.id: ["likely"]
        }


async def test_an_order_number_the_claim_already_has_is_not_looked_up_twice(db, desk):
    await import_bills(db, NOW)
    case = await submitted_case(db, PAID)
    async with db.unit_of_work() as session:
        [purchase] = await cases.transactions_of(session=session, case_id=case.id)
        purchase.order_number = FOUND
        session.add(purchase)
    await _shots(db, case.id, "4200 0023 4520 2611 2812 3456 7890")  # the same, as read
    async with db.unit_of_work() as session:
        fresh = await cases.case_by_id(session=session, case_id=case.id)
        assert fresh is not None
        checked = await match_case(session, fresh, NOW, desk.orders)
    assert checked is not None and checked.read == {}
    assert [f.verdict for f in checked.findings.values()] == [Verdict.FOUND]


async def test_a_screenshot_read_after_submitting_is_matched_and_the_card_edited(
    db, desk, localizer
):
    await import_bills(db, NOW)
    case = await submitted_case(db, PAID, language="en")
    [shot] = await _shots(db, case.id, FOUND, status="read")  # just read by the keeper
    async with db.unit_of_work() as session:
        out = await offer.reading_ready(
            session=session, evidence_id=shot, policy=IntakePolicy(), now=NOW, desk=desk
        )
    [edit] = out
    assert isinstance(edit, EditMessage) and edit.message_id == 500
    text = [localizer.plain("en", part) for part in edit.parts]
    found = "read from screenshot 1 (4200…7890): found in the WeChat Pay bill"
    assert any(found in line for line in text)


async def test_erasure_removes_the_screenshot_links_with_the_screenshots(db, clock, desk):
    await import_bills(db, NOW)
    case = await submitted_case(db, PAID)
    await _shots(db, case.id, FOUND)
    async with db.unit_of_work() as session:
        fresh = await cases.case_by_id(session=session, case_id=case.id)
        assert fresh is not None
        await match_case(session, fresh, NOW, desk.orders)
        assert len((await session.exec(select(OrderLink))).all()) == 2
    async with db.unit_of_work() as session:
        user = await session.get(User, 1001)
        assert user is not None
        await erase_parent(session, user, NOW, desk)
    async with db.unit_of_work() as session:
        assert (await session.exec(select(OrderLink))).all() == []
        assert (await session.exec(select(Evidence))).all() == []
