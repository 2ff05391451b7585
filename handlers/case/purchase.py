"""One purchase, as every list of a claim's purchases shows it: the review before sending, the
card, a decision explained to the parent, the list to change one from."""

from __future__ import annotations

from handlers.formatting import format_money
from handlers.intake.moment import purchase_moment
from handlers.replies import Msg
from storage.models import CaseTransaction


def purchase_line(number: int, money: str, when: Msg | str, order: str | None) -> Msg:
    """``#1 · CN¥648.00 · Thu, Nov 19, 2026, 9:00 PM · order 4200…``."""
    return Msg(
        "review-tx-line", {"number": number, "money": money, "when": when, "order": order or "-"}
    )


def money_and_moment(t: CaseTransaction, timezone: str, language: str) -> tuple[str, Msg | str]:
    """A stored purchase's amount and moment, on the clock the parent gave it in; a moment
    given as a part of the day ("yesterday evening") still reads so."""
    when = purchase_moment(
        t.occurred_at, timezone, language, has_time=t.has_time, vague=t.time_vague
    )
    return format_money(t.amount, t.currency, language), when


def stored_purchase_line(t: CaseTransaction, timezone: str, language: str) -> Msg:
    money, when = money_and_moment(t, timezone, language)
    return purchase_line(t.position, money, when, t.order_number)
