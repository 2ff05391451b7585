"""The agents' card says what each screenshot read and whether it agrees with the claim (#16)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from handlers.policy import DeskPolicy
from handlers.reading.crosscheck import card_lines
from handlers.reading.extract import Reading
from storage.models import CaseTransaction, Evidence

WHEN = datetime(2025, 3, 14, 13, 7, tzinfo=UTC)


def _tx(amount: str, order: str | None = None, when: datetime = WHEN) -> CaseTransaction:
    return CaseTransaction(
        case_id=1, position=1, amount=Decimal(amount), currency="CNY", occurred_at=when,
        order_number=order,
    )  # fmt: skip


def _shot(**fields: object) -> Evidence:
    reading = Reading(**fields)  # type: ignore[arg-type]
    return Evidence(kind="photo", reading=reading.to_json(), read_status="used")


def _text(localizer, lines) -> list[str]:
    return [localizer.plain("en", line) for line in lines]


def test_a_screenshot_that_agrees_says_so(localizer):
    shot = _shot(amount="648.00", currency="CNY", when="2025-03-14T13:07:33+00:00", has_time=True)
    lines = card_lines([Evidence(kind="photo"), shot], [_tx("648.00")], DeskPolicy())
    assert _text(localizer, lines) == ["📷 Screenshot 2: ✅ amount and time match"]


def test_a_screenshot_that_disagrees_shows_both_figures(localizer):
    shot = _shot(amount="64.80", currency="", when="2025-03-14T13:07:00+00:00", has_time=True)
    [agrees, differs] = _text(localizer, card_lines([shot], [_tx("648.00")], DeskPolicy()))
    assert agrees == "📷 Screenshot 1: ✅ time matches"
    assert differs == "📷 Screenshot 1: ⚠️ screenshot says CN¥64.80, claim says CN¥648.00"


def test_an_order_number_the_claim_lacks_is_given_to_the_agent(localizer):
    order = "4200001234567890123456784567"
    shot = _shot(amount="648.00", currency="CNY", order=order)
    text = _text(localizer, card_lines([shot], [_tx("648.00")], DeskPolicy()))
    assert text == [
        "📷 Screenshot 1: ✅ amount matches",
        f"📷 Screenshot 1: order number read from the screenshot: {order}",
    ]
    other = _text(localizer, card_lines([shot], [_tx("648.00", "4200009999")], DeskPolicy()))
    assert other[1].startswith("📷 Screenshot 1: ⚠️ order number on the screenshot is 4200")


def test_screenshots_not_read_add_nothing(localizer):
    assert card_lines([Evidence(kind="photo")], [_tx("648.00")], DeskPolicy()) == []
