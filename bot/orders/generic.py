"""Any other order export — Apple, Google Play, Douyin, the merchant's own order log — read
through a column mapping in the settings (``[orders.formats.<name>]``)."""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from typing import IO
from zoneinfo import ZoneInfo

from bot.orders.bills import amount
from bot.orders.table import BillError, Read, Table, read_table
from handlers.orders.records import BillLine, LineKind

#: The fields a mapping may name; the first three are required.
REQUIRED = ("order_id", "amount", "paid_at")
OPTIONAL = (
    "currency",
    "merchant_order_id",
    "payer_id",
    "product",
    "status",
    "refund_amount",
    "refunded_at",
    "refund_id",
)
#: What a value of the status column may mean.
STATUS_MEANINGS = ("paid", "refunded", "voided", "skip")


@dataclass(frozen=True)
class GenericFormat:
    """How to read one kind of export (``[orders.formats.<name>]``)."""

    source: str
    columns: Mapping[str, str]
    currency: str | None = None  # when the file has no currency column
    encoding: str = "utf-8-sig"
    delimiter: str = ","
    timezone: str = "UTC"
    #: "iso", "epoch" (seconds), "epoch_ms", or a strptime pattern like "%d/%m/%Y %H:%M".
    time_format: str = "iso"
    #: A value of the status column → paid / refunded / voided / skip (other values: paid).
    statuses: Mapping[str, str] = field(default_factory=dict)


def read_generic(text: IO[str], form: GenericFormat) -> Read:
    rows = enumerate(csv.reader(text, delimiter=form.delimiter), start=1)
    yield from read_table(
        rows,
        Table(
            check_header=partial(_check_header, form),
            read_line=partial(_line, form),
            columns=tuple(form.columns.values()),
            no_header="empty file: no header line",
        ),
    )


def _check_header(form: GenericFormat, number: int, values: list[str]) -> None:
    missing = [h for h in form.columns.values() if h not in values]
    if missing:
        raise BillError(
            f"row {number}: no column {missing[0]!r} (the header has "
            f"{', '.join(repr(v) for v in values[:12])})"
        )


def _value(row: dict[str, str], form: GenericFormat, name: str) -> str:
    column = form.columns.get(name)
    return row.get(column, "").strip() if column else ""


def _time(text: str, form: GenericFormat, name: str) -> datetime:
    column = form.columns[name]
    try:
        if form.time_format in ("epoch", "epoch_ms"):
            seconds = float(text) / (1000 if form.time_format == "epoch_ms" else 1)
            return datetime.fromtimestamp(seconds, UTC)
        if form.time_format == "iso":
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        else:
            moment = datetime.strptime(text, form.time_format)
    except (ValueError, OverflowError, OSError):
        raise ValueError(
            f"{column} {text!r} is not a date and time ({form.time_format})"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(form.timezone))
    return moment.astimezone(UTC)


def _line(form: GenericFormat, row: dict[str, str], number: int) -> BillLine | None:
    order_id = _value(row, form, "order_id")
    if not order_id:
        raise ValueError(f"{form.columns['order_id']} is empty")
    meaning = form.statuses.get(_value(row, form, "status"), "paid")
    if meaning == "skip":
        return None
    money = amount(_value(row, form, "amount"), form.columns["amount"])
    currency = (_value(row, form, "currency") or form.currency or "").upper()
    if len(currency) != 3 or not currency.isalpha():
        raise ValueError(f"no currency (got {currency!r})")
    paid_at = _time(_value(row, form, "paid_at"), form, "paid_at")
    line = BillLine(
        source=form.source,
        order_id=order_id,
        kind=LineKind.PAYMENT,
        amount=money,
        currency=currency,
        paid_at=paid_at,
        merchant_order_id=_value(row, form, "merchant_order_id") or None,
        payer_id=_value(row, form, "payer_id") or None,
        product=_value(row, form, "product") or None,
        row=number,
    )
    if meaning == "voided":
        return replace(line, kind=LineKind.VOID)
    if meaning == "refunded":
        refunded = _value(row, form, "refunded_at")
        refund = _value(row, form, "refund_amount")
        return replace(
            line,
            kind=LineKind.REFUND,
            refund_id=_value(row, form, "refund_id") or None,
            refund_amount=amount(refund, form.columns["refund_amount"]) if refund else money,
            refunded_at=_time(refunded, form, "refunded_at") if refunded else paid_at,
        )
    return line
