"""One or more transactions: amount, time, confirmation, order number, and "another one?".

The transaction being entered lives in ``cursor["pending_tx"]`` (saved with the draft after
every answer) and joins ``answers["transactions"]`` once its order number question is done.
"""

from __future__ import annotations

import copy
import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from handlers import buttons
from handlers.buttons import ButtonData
from handlers.case.purchase import purchase_line
from handlers.formatting import format_money, format_totals, format_when
from handlers.intake.context import Accepted, Answer, AnswerKind, Ctx, Outcome, Rejected, StepName
from handlers.intake.moment import purchase_moment
from handlers.orders import shapes
from handlers.parsing import read_amount
from handlers.parsing.when import parse_when_detail
from handlers.policy import MAX_PURCHASES
from handlers.replies import Msg

Rows = list[list[tuple[str, Msg]]]
#: How far ahead of the clock a time may be before it counts as "in the future" (clock drift).
FUTURE_TOLERANCE = timedelta(minutes=5)
_ORDER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-_/.#]{2,63}$")


def method(ctx: Ctx) -> str:
    """The payment method as the locale files select on it (``wechat-pay``)."""
    return str(ctx.answers.get("payment_method") or "other").replace("_", "-")


def payment_record(ctx: Ctx) -> Msg:
    """Where this payment method keeps the record of a charge ("your Alipay bills")."""
    return Msg("payment-record", {"method": method(ctx)})


def position(ctx: Ctx) -> int:
    """1-based number of the transaction being entered or changed."""
    return int(ctx.cursor.get("tx", len(ctx.transactions))) + 1


def describe(item: dict[str, Any], ctx: Ctx) -> tuple[str, str | Msg]:
    """The amount and the moment as shown back; a moment given only as a part of the day
    ("hier soir", 昨晚) says so: "Thu, Nov 19, 2026, in the evening, around 8:00 PM"."""
    money = format_money(Decimal(item["amount"]), item["currency"], ctx.language)
    when = purchase_moment(
        datetime.fromisoformat(item["when"]),
        ctx.timezone,
        ctx.language,
        has_time=item.get("has_time", True),
        vague=item.get("time_vague"),
    )
    return money, when


def totals(ctx: Ctx) -> str:
    items = [(Decimal(t["amount"]), t["currency"]) for t in ctx.transactions]
    return format_totals(items, ctx.language)


def list_done(ctx: Ctx) -> bool:
    """The parent said they had no other purchase to add."""
    return bool(ctx.cursor.get("tx_done"))


def answered(key: str) -> Any:
    def check(ctx: Ctx) -> bool:
        if ctx.cursor.get("pending_tx"):
            return key in ctx.pending_tx
        return list_done(ctx)

    return check


# -- amount --------------------------------------------------------------------------------


def ask_amount(ctx: Ctx) -> tuple[Msg, ...]:
    return (Msg("ask-tx-amount", {"number": position(ctx)}),)


def accept_amount(ctx: Ctx, answer: Answer) -> Outcome:
    reading = read_amount(answer.text, ctx.language)
    if reading.refusal == "vague":  # 三百多, "a few hundred": the exact figure, from the record
        return Rejected.because("error-amount-vague", record=payment_record(ctx))
    if reading.refusal == "range":  # "20-30", 两三百
        return Rejected.because("error-amount-range", record=payment_record(ctx))
    money = reading.money
    if money is None:
        return Rejected.because("error-amount")
    platform = ctx.answers.get("platform")
    currency = money.currency or ctx.policy.default_currency(platform, ctx.language, ctx.timezone)
    # Updated, not replaced: a purchase whose amount alone is being changed keeps its time.
    ctx.pending_tx.update(
        amount=str(money.amount), currency=currency, currency_assumed=money.currency is None
    )
    return Accepted()


# -- time ----------------------------------------------------------------------------------


def ask_time(ctx: Ctx) -> tuple[Msg, ...]:
    return (Msg("ask-tx-time", {"timezone": ctx.timezone}),)


def accept_time(ctx: Ctx, answer: Answer) -> Outcome:
    parsed = parse_when_detail(answer.text, ctx.language, ctx.timezone, ctx.now)
    if parsed is None:
        return Rejected.because("error-time", timezone=ctx.timezone)
    if parsed.future or parsed.dt - FUTURE_TOLERANCE > ctx.now:  # "tomorrow", 下周一, "à 23h"
        now_text = format_when(ctx.now, ctx.timezone, ctx.language)
        return Rejected.because("error-time-future", now=now_text)
    ctx.pending_tx["when"] = parsed.dt.astimezone(UTC).isoformat()
    ctx.pending_tx["has_time"] = parsed.has_time
    if parsed.period:  # "yesterday evening": the hour is a guess, shown back as one
        ctx.pending_tx["time_vague"] = parsed.period
    else:
        ctx.pending_tx.pop("time_vague", None)
    return Accepted()


# -- confirmation --------------------------------------------------------------------------


def ask_confirm(ctx: Ctx) -> tuple[Msg, ...]:
    pending = ctx.pending_tx
    money, when = describe(pending, ctx)
    parts = [Msg("ask-tx-confirm", {"money": money, "when": when})]
    if "order" in pending:  # a saved purchase being changed: its order number too
        parts.append(Msg("tx-confirm-order", {"order": pending["order"] or "-"}))
    if pending.get("currency_assumed"):
        parts.append(Msg("tx-currency-assumed", {"currency": pending["currency"]}))
    if pending.get("time_vague"):
        parts.append(Msg("tx-time-vague"))
    age = ctx.now - datetime.fromisoformat(pending["when"])
    if age > timedelta(days=ctx.policy.confirm_older_than_days):
        parts.append(Msg("tx-old-warning", {"days": age.days}))
    return tuple(parts)


def confirm_choices(ctx: Ctx) -> Rows:
    return [[("yes", Msg("button-tx-correct")), ("no", Msg("button-tx-fix"))]]


def accept_confirm(ctx: Ctx, answer: Answer) -> Outcome:
    if answer.choice == "yes":
        ctx.pending_tx["confirmed"] = True
        if "order" in ctx.pending_tx:  # a saved purchase, changed: nothing more to ask
            save_purchase(ctx)
            return Accepted(goto=None if ctx.cursor.get("tx_done") else StepName.TX_MORE)
        return Accepted()
    ctx.pending_tx.pop("confirmed", None)
    return Accepted(goto=StepName.TX_FIX)


# -- what to change ------------------------------------------------------------------------

#: The fields of a purchase that "No, change it" offers, and what each clears to be asked again.
FIELDS = {
    "amount": (StepName.TX_AMOUNT, ("amount", "currency", "currency_assumed")),
    "time": (StepName.TX_TIME, ("when", "has_time", "time_vague")),
    "order": (StepName.TX_ORDER, ("order",)),
}


def ask_fix(ctx: Ctx) -> tuple[Msg, ...]:
    return (Msg("ask-tx-fix", {"number": position(ctx)}),)


def fix_choices(ctx: Ctx) -> Rows:
    """Amount and time; the order number once it was given (a saved purchase being changed:
    a new one is asked its order number after this confirmation)."""
    row = [("amount", Msg("button-fix-amount")), ("time", Msg("button-fix-time"))]
    if "order" in ctx.pending_tx:
        row.append(("order", Msg("button-fix-order")))
    return [row, [("back", Msg("button-fix-nothing"))]]


def accept_fix(ctx: Ctx, answer: Answer) -> Outcome:
    if answer.choice == "back":
        return Accepted(goto=StepName.TX_CONFIRM)
    step, cleared = FIELDS[answer.choice]
    for key in cleared:
        ctx.pending_tx.pop(key, None)
    return Accepted(goto=step)


# -- order number --------------------------------------------------------------------------


def ask_order(ctx: Ctx) -> tuple[Msg, ...]:
    where = Msg("tx-order-where", {"method": method(ctx)})
    return (Msg("ask-tx-order", {"where": where}),)


def order_choices(ctx: Ctx) -> Rows:
    return [[("none", Msg("button-no-order"))]]


def accept_order(ctx: Ctx, answer: Answer) -> Outcome:
    if answer.kind is AnswerKind.CHOICE:
        order = None
    else:
        found, refusal = shapes.check(answer.text, ctx.answers.get("payment_method"))
        if refusal is not None:  # another system's number, or not the method's shape (#15)
            return Rejected.because(refusal.key, **shapes.refusal_params(refusal, method(ctx)))
        # A payment system's number as that system writes it; a merchant's own id (no
        # known shape) as the parent typed it: its dashes may be part of it ("ORD-778899").
        order = found.text if found.shape is not None else shapes.as_typed(answer.text)
        if not _ORDER.match(order) or not any(ch.isdigit() for ch in order):
            return Rejected.because("error-order")
    ctx.pending_tx["order"] = order
    if not ctx.pending_tx.get("confirmed"):  # the order number alone was changed: confirm
        return Accepted(goto=StepName.TX_CONFIRM)
    save_purchase(ctx)
    return Accepted()


def save_purchase(ctx: Ctx) -> None:
    """The purchase being entered or changed joins the claim's list, in its place."""
    item = {k: v for k, v in ctx.pending_tx.items() if k not in ("confirmed", "currency_assumed")}
    index = int(ctx.cursor.get("tx", len(ctx.transactions)))
    if index < len(ctx.transactions):
        ctx.transactions[index] = item
    else:
        ctx.transactions.append(item)
    ctx.cursor["pending_tx"] = {}
    ctx.cursor.pop("tx", None)


# -- another one? --------------------------------------------------------------------------


def ask_more(ctx: Ctx) -> tuple[Msg, ...]:
    return (
        Msg("tx-recorded", {"count": len(ctx.transactions), "total": totals(ctx)}),
        Msg("ask-tx-more"),
    )


def more_choices(ctx: Ctx) -> Rows:
    row = [("done", Msg("button-tx-done"))]
    if len(ctx.transactions) < ctx.policy.max_transactions:
        row.insert(0, ("add", Msg("button-tx-add")))
    return [row]


def accept_more(ctx: Ctx, answer: Answer) -> Outcome:
    if answer.choice == "add":
        if len(ctx.transactions) >= ctx.policy.max_transactions:
            return Rejected.because("error-tx-max", max=ctx.policy.max_transactions)
        ctx.cursor["tx"] = len(ctx.transactions)
        return Accepted(goto=StepName.TX_AMOUNT)
    ctx.cursor["tx_done"] = True
    return Accepted()


# -- the list, from the review screen ------------------------------------------------------


def ask_list(ctx: Ctx) -> tuple[Msg, ...]:
    lines = [Msg("ask-tx-list")]
    for number, item in enumerate(ctx.transactions, start=1):
        money, when = describe(item, ctx)
        lines.append(purchase_line(number, money, when, item.get("order")))
    return tuple(lines)


class PurchaseAction(StrEnum):
    CHANGE = "change"
    REMOVE = "remove"


class PurchaseButton(ButtonData, prefix=""):
    """A button of the purchase list: ``change:3``, ``remove:3`` (its number in the list)."""

    action: PurchaseAction
    number: int = buttons.number(1, MAX_PURCHASES)


def list_choices(ctx: Ctx) -> Rows:
    rows: Rows = []
    for n in range(1, len(ctx.transactions) + 1):
        rows.append(
            [
                (
                    PurchaseButton(PurchaseAction.CHANGE, n).pack(),
                    Msg("button-tx-change", {"number": n}),
                ),
                (
                    PurchaseButton(PurchaseAction.REMOVE, n).pack(),
                    Msg("button-tx-remove", {"number": n}),
                ),
            ]
        )
    last = [("back", Msg("button-back-to-review"))]
    if len(ctx.transactions) < ctx.policy.max_transactions:
        last.insert(0, ("add", Msg("button-tx-add")))
    rows.append(last)
    return rows


def accept_list(ctx: Ctx, answer: Answer) -> Outcome:
    if answer.choice == "back":
        return Accepted(goto=StepName.REVIEW)
    if answer.choice == "add":
        if len(ctx.transactions) >= ctx.policy.max_transactions:
            return Rejected.because("error-tx-max", max=ctx.policy.max_transactions)
        ctx.cursor.update(tx=len(ctx.transactions), pending_tx={})
        return Accepted(goto=StepName.TX_AMOUNT)
    pressed = PurchaseButton.unpack(answer.choice)
    if pressed is None or pressed.number > len(ctx.transactions):
        return Rejected.because("error-stale-button")
    index = pressed.number - 1
    if pressed.action is PurchaseAction.REMOVE:
        if len(ctx.transactions) == 1:
            return Rejected.because("error-tx-last")
        del ctx.transactions[index]
        notes = (Msg("tx-removed", {"number": str(pressed.number)}),)
        return Accepted(goto=StepName.TX_LIST, notes=notes)
    # Only what the parent picks is asked again; the rest is kept as it was.
    ctx.cursor.update(tx=index, pending_tx=copy.deepcopy(ctx.transactions[index]))
    return Accepted(goto=StepName.TX_FIX)
