"""One row per case: the CSV under ``/report`` and ``refund-desk export cases`` (CSV or XLSX).

Columns are stable identifiers (a data format, like the JSON of ``/mydata``), values are
codes (``in_review``, ``partial``) and ISO 8601 times in the team's time zone, so a
spreadsheet or a script reads every language's desk alike. Amounts get one column per
currency (``claimed_CNY``, ``granted_CNY``), exact decimals.

No personal data unless asked for (``with_personal``: the operator's ``--with-personal``):
the parent's account, contact, description and Telegram id. Those are the parent's own
words, so a value a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``) is
quoted with a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from handlers.reports.figures import CaseFigures, Report

BASE_COLUMNS = (
    "reference",
    "team",
    "submitted_at",
    "first_deadline",
    "first_decision_at",
    "decided_at",
    "closed_at",
    "platform",
    "problem",
    "language",
    "status",
    "decision",
    "decided_on_time",
    "appeals",
    "appeals_on_time",
    "reopened",
    "overdue_now",
    "agent",
    "stars",
    "erased",
    "orders",
)
PERSONAL = ("parent_id", "account", "contact", "description")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _when(moment: datetime | None, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).isoformat(timespec="minutes") if moment else ""


def _flag(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _safe(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _amount(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


def columns(report: Report, *, with_personal: bool = False) -> list[str]:
    currencies = sorted({cur for c in report.cases for cur in (*c.row.claimed, *c.granted)})
    money = [f"{kind}_{cur}" for cur in currencies for kind in ("claimed", "granted")]
    return [*BASE_COLUMNS, *money, *(PERSONAL if with_personal else ())]


def case_row(case: CaseFigures, timezone: str, *, with_personal: bool = False) -> dict[str, str]:
    zone = ZoneInfo(timezone)
    row = case.row
    kept = [k for k in case.appeals_on_time if k is not None]
    values: dict[str, str] = {
        "reference": row.reference,
        "team": row.team,
        "submitted_at": _when(row.submitted_at, zone),
        "first_deadline": _when(case.first_deadline, zone),
        "first_decision_at": _when(case.first_decision_at, zone),
        "decided_at": _when(row.decided_at, zone),
        "closed_at": _when(row.closed_at, zone),
        "platform": row.platform,
        "problem": row.problem,
        "language": row.language,
        "status": row.status,
        "decision": row.decision or "",
        "decided_on_time": _flag(case.on_time),
        "appeals": str(row.appeals),
        "appeals_on_time": f"{sum(kept)}/{len(kept)}" if kept else "",
        "reopened": str(case.reopened),
        "overdue_now": _flag(case.overdue_now),
        "agent": _safe(case.agent),
        "stars": str(case.stars or ""),
        "erased": _flag(row.anonymized),
        # What the merchant's bills say of its purchases (#15): "found:1;not_found:1".
        "orders": ";".join(
            f"{verdict}:{row.order_verdicts.count(verdict)}"
            for verdict in sorted(set(row.order_verdicts))
        ),
    }
    for currency, amount in row.claimed.items():
        values[f"claimed_{currency}"] = _amount(amount)
    for currency, amount in case.granted.items():
        values[f"granted_{currency}"] = _amount(amount)
    if with_personal:
        personal = row.personal
        values["parent_id"] = str(personal.get("user_id") or "")
        for name in ("account", "contact", "description"):
            values[name] = _safe(personal.get(name))
    return values


def rows(report: Report, timezone: str, *, with_personal: bool = False) -> list[dict[str, str]]:
    return [case_row(c, timezone, with_personal=with_personal) for c in report.cases]


def to_csv(report: Report, timezone: str, *, with_personal: bool = False) -> str:
    """The cases as CSV text, with a byte-order mark so spreadsheet programs read the
    Chinese and French in it as UTF-8."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.DictWriter(
        out, fieldnames=columns(report, with_personal=with_personal), lineterminator="\r\n"
    )
    writer.writeheader()
    for values in rows(report, timezone, with_personal=with_personal):
        writer.writerow(values)
    return out.getvalue()


def to_xlsx(report: Report, timezone: str, *, with_personal: bool = False) -> bytes:
    """The cases as an Excel workbook (one sheet, a frozen header row, amounts as numbers)."""
    from openpyxl import Workbook  # only the export needs it

    names = columns(report, with_personal=with_personal)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "cases"
    sheet.append(names)
    sheet.freeze_panes = "A2"
    money = {n for n in names if n.startswith(("claimed_", "granted_"))}
    for values in rows(report, timezone, with_personal=with_personal):
        sheet.append(
            [
                Decimal(values[n]) if n in money and values.get(n) else values.get(n, "")
                for n in names
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
