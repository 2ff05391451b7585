"""The two bills China's payment systems give merchants, read line by line (never a whole
file in memory) through :func:`~bot.orders.table.read_table`.

- WeChat Pay trade bill (v2 ``downloadbill``, v3 ``tradebill``; ALL, SUCCESS or REFUND): CSV,
  every value prefixed with a backtick so spreadsheets keep the 28-digit ids, detail lines,
  then a summary header (总交易单数, …) and its line. Times are Beijing time.
- Alipay trade bill: ``…_业务明细.csv`` inside the downloaded zip, GBK, ``#`` comment lines
  around the table, values padded with tabs. Times are Beijing time.
"""

from __future__ import annotations

import csv
import gzip
import io
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO
from zoneinfo import ZoneInfo

from bot.orders.table import BillError, Read, Table, read_table
from handlers.orders.records import BillLine, LineKind

BEIJING = ZoneInfo("Asia/Shanghai")
WECHAT, ALIPAY = "wechat_pay", "alipay"


def amount(text: str, column: str) -> Decimal:
    cleaned = text.strip().replace(",", "").replace("¥", "").replace("￥", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"{column} {text.strip()!r} is not an amount") from None
    if not value.is_finite():
        raise ValueError(f"{column} {text.strip()!r} is not an amount")
    return abs(value)


def local_time(text: str, column: str, zone: ZoneInfo = BEIJING) -> datetime:
    value = text.strip()
    try:  # 2026-11-28 22:03:11, the bills' own form: the fast path
        moment = datetime.fromisoformat(value)
    except ValueError:
        moment = _slashed(value, column)
    if moment.tzinfo is not None or len(value) < 16:
        raise ValueError(f"{column} {value!r} is not a date and time")
    return moment.replace(tzinfo=zone).astimezone(UTC)


def _slashed(value: str, column: str) -> datetime:
    for pattern in ("%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M"):
        try:
            return datetime.strptime(value, pattern)
        except ValueError:
            continue
    raise ValueError(f"{column} {value!r} is not a date and time")


def _header_check(bill: str, required: tuple[str, ...]) -> Callable[[int, list[str]], None]:
    """A header without all the ``required`` columns is not ``bill``'s."""

    def check(number: int, values: list[str]) -> None:
        if not set(required) <= set(values):
            raise BillError(f"row {number}: not {bill} (its header has no {', '.join(required)})")

    return check


# -- WeChat Pay ---------------------------------------------------------------------------

_WECHAT_REQUIRED = ("交易时间", "微信订单号", "交易状态")
#: 交易状态 → what the line is; other states (NOTPAY, CLOSED, PAYERROR…) are not charges.
_WECHAT_KINDS = {"SUCCESS": LineKind.PAYMENT, "REFUND": LineKind.REFUND, "REVOKED": LineKind.VOID}


def _unquote(cell: str) -> str:
    return cell.strip().removeprefix("`").strip()


#: The columns a WeChat Pay bill line is read from (the others are never looked at).
_WECHAT_USED = (
    "交易时间",
    "微信订单号",
    "商户订单号",
    "用户标识",
    "交易状态",
    "货币种类",
    "应结订单金额",
    "订单金额",
    "微信退款单号",
    "退款金额",
    "退款状态",
    "退款成功时间",
    "退款申请时间",
    "商品名称",
)


def _wechat_line(row: dict[str, str], number: int) -> BillLine | None:
    state = row["交易状态"]
    kind = _WECHAT_KINDS.get(state)
    if kind is None:
        return None
    order_id = row["微信订单号"]
    if not order_id:
        raise ValueError("微信订单号 is empty")
    when = local_time(row["交易时间"], "交易时间")
    total = row.get("订单金额") or row.get("应结订单金额") or ""
    money = amount(total, "订单金额")
    refund_amount = refunded_at = None
    refund_id = None
    if kind is LineKind.REFUND:
        if row.get("退款状态") not in (None, "", "SUCCESS"):
            return None  # PROCESSING, FAIL: a later bill has its outcome
        refund_amount = amount(row.get("退款金额") or "", "退款金额")
        refund_id = row.get("微信退款单号") or None
        done = row.get("退款成功时间") or row.get("退款申请时间")
        refunded_at = local_time(done, "退款成功时间") if done else when
    return BillLine(
        source=WECHAT,
        order_id=order_id,
        kind=kind,
        amount=money,
        currency=(row.get("货币种类") or "CNY").upper(),
        paid_at=when if kind is not LineKind.REFUND else None,
        merchant_order_id=row.get("商户订单号") or None,
        payer_id=row.get("用户标识") or None,
        product=row.get("商品名称") or None,
        refund_id=refund_id,
        refund_amount=refund_amount,
        refunded_at=refunded_at,
        row=number,
    )


_WECHAT_TABLE = Table(
    check_header=_header_check("a WeChat Pay trade bill", _WECHAT_REQUIRED),
    read_line=_wechat_line,
    columns=_WECHAT_USED,
    no_header="empty file: not a WeChat Pay trade bill",
    cell=_unquote,
    end="总交易单数",  # the summary header
    wider_rows=False,
)


def read_wechat(text: IO[str]) -> Read:
    rows = enumerate(csv.reader(text), start=1)
    end = yield from read_table(rows, _WECHAT_TABLE)
    if end.row is None:
        raise BillError("no summary (总交易单数) after the transactions: the file is incomplete")
    # The summary's row counts the detail lines; a spreadsheet may have saved blank rows
    # before it (they were an IndexError).
    filled = ((n, cells) for n, cells in rows if any(_unquote(c) for c in cells))
    summary = next(filled, None)
    if summary is None:
        raise BillError(f"row {end.row}: the summary header has no summary row")
    number, counts = summary
    expected = _unquote(counts[0])
    if not expected.isdigit() or int(expected) != end.lines:
        raise BillError(
            f"row {number}: the summary counts {expected} transactions, "
            f"the bill lists {end.lines}: the file is incomplete"
        )


# -- Alipay ---------------------------------------------------------------------------------

_ALIPAY_REQUIRED = ("支付宝交易号", "业务类型", "创建时间")


def _alipay_line(row: dict[str, str], number: int) -> BillLine | None:
    kind_text = row["业务类型"]
    kind = LineKind.REFUND if "退款" in kind_text else LineKind.PAYMENT
    if kind is LineKind.PAYMENT and kind_text not in ("交易", "支付", ""):
        return None  # fees, transfers: not a customer's payment
    order_id = row["支付宝交易号"]
    if not order_id:
        raise ValueError("支付宝交易号 is empty")
    money = amount(row.get("订单金额（元）") or row.get("订单金额(元)") or "", "订单金额（元）")
    created = local_time(row["创建时间"], "创建时间")
    finished = row.get("完成时间")
    done = local_time(finished, "完成时间") if finished else created
    refund = kind is LineKind.REFUND  # a refund line says when, not who paid nor for what
    return BillLine(
        source=ALIPAY,
        order_id=order_id,
        kind=kind,
        amount=money,
        currency="CNY",
        paid_at=None if refund else done,
        merchant_order_id=row.get("商户订单号") or None,
        payer_id=None if refund else row.get("对方账户") or None,
        product=None if refund else row.get("商品名称") or None,
        refund_id=(row.get("退款批次号/请求号") or None) if refund else None,
        refund_amount=money if refund else None,
        refunded_at=done if refund else None,
        row=number,
    )


#: The columns an Alipay bill line is read from.
_ALIPAY_USED = (
    "业务类型",
    "支付宝交易号",
    "订单金额（元）",
    "订单金额(元)",
    "创建时间",
    "完成时间",
    "商户订单号",
    "退款批次号/请求号",
    "对方账户",
    "商品名称",
)
_ALIPAY_TABLE = Table(
    check_header=_header_check("an Alipay trade bill's 业务明细", _ALIPAY_REQUIRED),
    read_line=_alipay_line,
    columns=_ALIPAY_USED,
    no_header="no 业务明细 table: not an Alipay trade bill",
    note="#",
)


def read_alipay(text: IO[str]) -> Read:
    yield from read_table(enumerate(csv.reader(text), start=1), _ALIPAY_TABLE)


# -- opening files --------------------------------------------------------------------------


@contextmanager
def open_text(path: Path, encoding: str) -> Iterator[IO[str]]:
    """The file as text, streamed; a zip: its ``…_业务明细.csv`` (Alipay's download), or its
    one CSV (Google Play's monthly report); a gzip: what it holds."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            member = _bill_member(archive)
            with archive.open(member) as raw:
                yield io.TextIOWrapper(raw, encoding=encoding, newline="")
        return
    if _is_gzip(path):  # WeChat Pay's v3 tradebill with tar_type=GZIP
        with gzip.open(path, "rt", encoding=encoding, newline="") as text:
            yield text
        return
    with path.open(encoding=encoding, newline="") as text:
        yield text


def _is_gzip(path: Path) -> bool:
    with path.open("rb") as raw:
        return raw.read(2) == b"\x1f\x8b"


def _member_name(info: zipfile.ZipInfo) -> str:
    """Alipay's zips name their files in GBK without the UTF-8 flag; Python reads such names
    as cp437."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _bill_member(archive: zipfile.ZipFile) -> zipfile.ZipInfo:
    members = [(i, _member_name(i)) for i in archive.infolist() if not i.is_dir()]
    for info, name in members:
        if name.endswith("业务明细.csv"):
            return info
    csvs = [info for info, name in members if name.lower().endswith(".csv")]
    if len(csvs) == 1:
        return csvs[0]
    names = ", ".join(name for _, name in members) or "nothing"
    raise BillError(f"the zip holds no …_业务明细.csv (it holds {names})")


def sniff(path: Path) -> str | None:
    """The format a file looks like from its first lines: ``wechat_pay``, ``alipay`` or None."""
    try:
        if zipfile.is_zipfile(path):
            return ALIPAY
        if _is_gzip(path):
            with gzip.open(path, "rb") as unpacked:
                head = unpacked.read(4096)
        else:
            with path.open("rb") as raw:
                head = raw.read(4096)
    except OSError:
        return None
    for encoding in ("utf-8-sig", "gb18030"):
        text = head.decode(encoding, errors="ignore")  # 4 KiB may end mid-character
        if "微信订单号" in text:
            return WECHAT
        if "支付宝交易号" in text or "支付宝业务明细" in text:
            return ALIPAY
    return None
