"""Importing merchants' bills into the order ledger: WeChat Pay (backticks, summary, refunds,
voids), Alipay (a GBK CSV inside a zip, # comment lines), a generic CSV with a mapping;
idempotent; a bad line stops the import unless the operator asks to skip it."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import select

from bot.cli import main
from bot.orders.bills import BillError
from bot.orders.generic import GenericFormat
from bot.orders.importer import import_bill
from storage.database import Database
from storage.models import LedgerOrder

BILLS = Path(__file__).resolve().parents[1] / "fixtures" / "orders"
NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
GOOGLE = GenericFormat(
    source="google_play",
    columns={
        "order_id": "Order Number",
        "paid_at": "Order Charged Timestamp",
        "amount": "Charged Amount",
        "currency": "Currency of Sale",
        "status": "Financial Status",
        "product": "Product Title",
    },
    time_format="epoch",
    statuses={"Refunded": "refunded", "Cancelled": "voided"},
)


@pytest.fixture
async def db(database: Database) -> Database:
    if not database.is_sqlite:  # the PostgreSQL database is shared by the session's tests
        async with database.engine.begin() as conn:
            await conn.execute(text("TRUNCATE order_links, ledger_orders RESTART IDENTITY"))
    return database


def _wechat_bill(tmp_path: Path, edit: Callable[[list[str]], list[str]]) -> Path:
    """The sample WeChat Pay bill with its lines rewritten by ``edit``."""
    lines = (BILLS / "wechat_all.csv").read_text(encoding="utf-8").splitlines()
    bill = tmp_path / "wechat_edited.csv"
    bill.write_text("\n".join(edit(lines)), encoding="utf-8")
    return bill


async def _import(db: Database, name: str | Path, fmt: str | None = None, **kwargs: object):
    async with db.unit_of_work() as session:
        return await import_bill(
            session=session,
            path=BILLS / name,
            format_name=fmt,
            formats={"google_play": GOOGLE},
            now=NOW,
            **kwargs,  # type: ignore[arg-type]
        )


async def _orders(db: Database) -> dict[str, LedgerOrder]:
    async with db.unit_of_work() as session:
        rows = (await session.exec(select(LedgerOrder))).all()
    return {row.order_id: row for row in rows}


async def test_wechat_pay_bill_backticks_summary_refund_and_void(db):
    report = await _import(db, "wechat_all.csv")
    assert report.format == "wechat_pay"  # told from the header
    assert (report.lines, report.added, report.updated) == (5, 4, 0)
    orders = await _orders(db)
    paid = orders["4200002345202611281234567890"]  # the backtick is not part of the id
    assert paid.amount == Decimal("648.00") and paid.currency == "CNY"
    assert paid.paid_at == datetime(2026, 11, 28, 14, 3, 11, tzinfo=UTC)  # Beijing time
    assert paid.merchant_order_id == "GAME20261128001"
    assert paid.payer_id == "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"
    assert paid.product == "648钻石礼包" and paid.status == "paid"
    refunded = orders["4200002345202611271111111111"]  # its payment line, then its refund
    assert refunded.status == "refunded" and refunded.refund_amount == Decimal("150.00")
    assert refunded.paid_at == datetime(2026, 11, 27, 1, 15, tzinfo=UTC)
    assert orders["4200002345202611260000000001"].status == "voided"


async def test_a_gzipped_wechat_bill_is_read_as_it_is_downloaded(db, tmp_path):
    packed = tmp_path / "tradebill.csv.gz"
    packed.write_bytes(gzip.compress((BILLS / "wechat_all.csv").read_bytes()))
    async with db.unit_of_work() as session:
        report = await import_bill(
            session=session, path=packed, format_name=None, formats={}, now=NOW
        )
    assert (report.format, report.added) == ("wechat_pay", 4)


async def test_importing_the_same_bill_twice_changes_nothing(db):
    await _import(db, "wechat_all.csv")
    before = {k: (v.status, v.refund_amount, v.updated_at) for k, v in (await _orders(db)).items()}
    again = await _import(db, "wechat_all.csv")
    assert (again.added, again.updated, again.unchanged) == (0, 0, 4)
    after = {k: (v.status, v.refund_amount, v.updated_at) for k, v in (await _orders(db)).items()}
    assert after == before


async def test_a_bad_line_imports_nothing_and_names_the_row(db):
    with pytest.raises(BillError, match=r"row 2: 订单金额 '64x.00' is not an amount"):
        await _import(db, "wechat_bad_amount.csv")
    assert await _orders(db) == {}


async def test_skip_bad_rows_keeps_the_good_lines_and_reports_the_bad_one(db):
    report = await _import(db, "wechat_bad_amount.csv", skip_bad_rows=True)
    assert [(p.row, p.message) for p in report.skipped] == [
        (2, "订单金额 '64x.00' is not an amount")
    ]
    assert "4200002345202611281234567890" not in await _orders(db)
    assert len(await _orders(db)) == 3


async def test_a_wechat_bill_cut_before_its_summary_is_refused(db):
    with pytest.raises(BillError, match="no summary"):
        await _import(db, "wechat_truncated.csv")
    assert await _orders(db) == {}


async def test_a_blank_row_of_a_wechat_bill_is_not_a_transaction_its_summary_counts(db, tmp_path):
    """However many commas it has: one as many as the header's was counted once."""
    bill = _wechat_bill(tmp_path, lambda lines: [lines[0], "," * lines[0].count(","), *lines[1:]])
    report = await _import(db, bill)
    assert (report.lines, report.added) == (5, 4)


#: What follows the transactions: the summary's header {h} and row {r}, blank lines between,
#: or no row; and the refusal, when the bill cannot be taken.
SUMMARY_ENDINGS = [
    pytest.param("{h}\n\n{r}", None, id="a blank line between the header and the row"),
    pytest.param("{h}\n,,,\n\n{r}", None, id="blank rows of commas and of nothing"),
    pytest.param("{h}\n{r}\n\n\n", None, id="blank lines after the summary"),
    pytest.param("{h}", "the summary header has no summary row", id="no row"),
    pytest.param("{h}\n\n\n", "the summary header has no summary row", id="only blank lines"),
    pytest.param("{h}\n`x,`1.00", "the summary counts x transactions", id="no count"),
]


@pytest.mark.parametrize(("ending", "refusal"), SUMMARY_ENDINGS)
async def test_a_wechat_bills_summary_is_read_past_blank_lines_and_refused_without_its_count(
    db, tmp_path, ending, refusal
):
    """A bill saved again by a spreadsheet may gain blank lines: the summary is still read
    (a blank row where the count was expected was an IndexError that stopped the import)."""

    def end(lines: list[str]) -> list[str]:
        return [*lines[:-2], ending.format(h=lines[-2], r=lines[-1])]

    bill = _wechat_bill(tmp_path, end)
    if refusal is None:
        report = await _import(db, bill)  # an absolute path: BILLS / bill is bill
        assert (report.lines, report.added) == (5, 4)
    else:
        with pytest.raises(BillError, match=refusal):
            await _import(db, bill)
        assert await _orders(db) == {}


async def test_alipay_zip_gbk_comments_and_a_refund(db):
    report = await _import(db, "alipay_bill.zip")
    assert report.format == "alipay" and report.added == 2
    orders = await _orders(db)
    paid = orders["2026112822001412345678901234"]  # the tab after each value is not kept
    assert paid.amount == Decimal("98.00") and paid.product == "会员月卡"
    assert paid.payer_id == "abc***@163.com" and paid.merchant_order_id == "SHOP1128001"
    assert paid.paid_at == datetime(2026, 11, 28, 12, 0, 9, tzinfo=UTC)
    part = orders["2026112522001412345678905555"]
    assert part.status == "partially_refunded" and part.refund_amount == Decimal("100.00")
    assert part.refunded_at == datetime(2026, 11, 29, 2, 0, 3, tzinfo=UTC)


async def test_generic_mapping_google_play_with_renewals_refunds_and_cancellations(db):
    report = await _import(db, "google_play_sales.csv", "google_play")
    assert report.added == 4
    orders = await _orders(db)
    gems = orders["GPA.3312-5678-9012-34567"]
    assert gems.source == "google_play" and gems.amount == Decimal("4.99")
    assert gems.currency == "EUR" and gems.paid_at == datetime(2026, 11, 20, 19, 4, 31, tzinfo=UTC)
    assert orders["GPA.3312-5678-9012-88888..1"].status == "refunded"
    assert orders["GPA.3312-5678-9012-88888..0"].status == "paid"
    assert orders["GPA.3312-5678-9012-99999"].status == "voided"


async def test_a_file_of_another_format_is_refused_in_one_line(db):
    with pytest.raises(BillError, match="cannot be read as alipay"):  # UTF-8, not GBK
        await _import(db, "wechat_all.csv", "alipay")
    with pytest.raises(BillError, match="not a WeChat Pay trade bill"):
        await _import(db, "google_play_sales.csv", "wechat")
    with pytest.raises(BillError, match="unknown format 'paypal'"):
        await _import(db, "wechat_all.csv", "paypal")


def test_command_imports_and_reports_each_file(tmp_path, capsys):
    config = tmp_path / "config.toml"
    config.write_text(f'[storage]\nurl = "sqlite+aiosqlite:///{tmp_path}/d.db"\n')
    assert main(["orders", "import", str(BILLS / "wechat_all.csv"), "--config", str(config)]) == 0
    assert "4 new order(s), 0 updated, 0 unchanged" in capsys.readouterr().out
    code = main(
        ["orders", "import", str(BILLS / "wechat_bad_amount.csv"), "--config", str(config)]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert "wechat_bad_amount.csv: row 2: 订单金额 '64x.00' is not an amount" in err
