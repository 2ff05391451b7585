"""What each screenshot said, checked against the claim, as lines of the agents' card (#16):
"✅ amount and time match", "⚠️ screenshot says 64.80, claim says 648.00", "order number read
from the screenshot: 4200…4567". Saves the agent comparing the picture with the card by eye."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from handlers.formatting import format_money, format_when
from handlers.orders.shapes import same_order
from handlers.policy import DeskPolicy
from handlers.reading.extract import Reading
from handlers.replies import Msg
from storage.models import CaseTransaction, Evidence

#: A screenshot's minute and the claim's agree within this (a receipt shows seconds, the
#: parent may have typed the minute after).
SAME_TIME = timedelta(minutes=2)
_FIELDS = ("amount", "time", "order")


def _agreement(reading: Reading, t: CaseTransaction) -> dict[str, bool]:
    """Per field both sides have: whether they agree."""
    found: dict[str, bool] = {}
    if reading.amount is not None:
        same_currency = not reading.currency or reading.currency == t.currency
        found["amount"] = same_currency and Decimal(reading.amount) == t.amount
    if reading.when is not None:
        read = datetime.fromisoformat(reading.when)
        if reading.has_time and t.has_time:
            found["time"] = abs(read - t.occurred_at) <= SAME_TIME
        else:
            found["time"] = abs(read - t.occurred_at) < timedelta(days=1)
    if reading.order is not None and t.order_number:
        found["order"] = same_order(reading.order, t.order_number)
    return found


def _read_money(reading: Reading, t: CaseTransaction | None, language: str) -> str:
    assert reading.amount is not None
    currency = reading.currency or (t.currency if t is not None else "")
    if not currency:
        return reading.amount
    return format_money(Decimal(reading.amount), currency, language)


def screenshot_lines(
    number: int, reading: Reading, transactions: list[CaseTransaction], desk: DeskPolicy
) -> list[Msg]:
    """The lines for screenshot ``number``, against the purchase it agrees with most."""
    language = desk.language
    if not transactions:
        return []
    best = max(transactions, key=lambda t: sum(_agreement(reading, t).values()))
    agreement = _agreement(reading, best)
    lines: list[Msg] = []
    if not any(agreement.values()) and len(transactions) > 1:
        shown = _read_money(reading, None, language) if reading.amount else reading.order or "-"
        return [Msg("card-reading-unmatched", {"number": number, "read": shown})]
    agreed = [field for field in _FIELDS if agreement.get(field)]
    if agreed:
        lines.append(Msg("card-reading-agrees", {"number": number, "what": "-".join(agreed)}))
    if agreement.get("amount") is False:
        claimed = format_money(best.amount, best.currency, language)
        read = _read_money(reading, best, language)
        lines.append(
            Msg(
                "card-reading-amount-differs", {"number": number, "read": read, "claimed": claimed}
            )
        )
    if agreement.get("time") is False and reading.when is not None:
        read_when = format_when(
            datetime.fromisoformat(reading.when), desk.timezone, language, with_time=True
        )
        claimed_when = format_when(best.occurred_at, desk.timezone, language, with_time=True)
        lines.append(
            Msg(
                "card-reading-time-differs",
                {"number": number, "read": read_when, "claimed": claimed_when},
            )
        )
    if agreement.get("order") is False and best.order_number:
        lines.append(
            Msg(
                "card-reading-order-differs",
                {"number": number, "read": reading.order, "claimed": best.order_number},
            )
        )
    if reading.order is not None and not best.order_number:
        lines.append(Msg("card-reading-order", {"number": number, "order": reading.order}))
    return lines


def card_lines(
    evidence: list[Evidence], transactions: list[CaseTransaction], desk: DeskPolicy
) -> list[Msg]:
    """Every read screenshot of the case, numbered as the evidence album is."""
    lines: list[Msg] = []
    for number, row in enumerate(evidence, start=1):
        if row.reading:
            lines += screenshot_lines(number, Reading.from_json(row.reading), transactions, desk)
    return lines
