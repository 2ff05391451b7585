"""Order linking (#15): importing a large WeChat Pay bill, and matching open cases against it.

    python bench/orders_bench.py [--rows 100000] [--cases 1000] [--backends sqlite,postgresql]

For each backend (PostgreSQL only when ``REFUND_DESK_TEST_POSTGRES_URL`` is set: a temporary
database is created next to it and dropped afterwards):

* import: a ``--rows``-line WeChat Pay ALL bill (backticks, a refund line every 50th order,
  the summary) written to a temporary file, imported as ``refund-desk orders import`` does
  (one transaction, streamed in batches); wall time, lines a second, and the process's peak
  resident memory before and after (the bill is never held whole: it stays flat);
* again: the same file imported a second time (nothing changes, nothing is written);
* matching: ``--cases`` open cases (a third give an order number of the bill, a third only
  an amount and time near one of its orders, a third match nothing) checked as the
  scheduler does after an import (``recheck`` in batches of 10); wall time, ms a case, and
  the verdicts found.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from sqlmodel import select  # noqa: E402
from throwaway_database import POSTGRES_ENV, throwaway_database  # noqa: E402

from bot.orders.importer import import_bill  # noqa: E402
from handlers.orders.recheck import recheck  # noqa: E402
from handlers.policy import DeskPolicy  # noqa: E402
from storage.database import Database  # noqa: E402
from storage.models import Case, CaseTransaction, OrderLink  # noqa: E402
from storage.repositories import cases  # noqa: E402

HEADER = (
    "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,"
    "交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,"
    "充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,"
    "费率备注"
)
START = datetime(2026, 9, 1, tzinfo=UTC)
PRICES = ["6.00", "30.00", "68.00", "128.00", "328.00", "648.00"]
BEIJING = timedelta(hours=8)
#: Cases per transaction, as the scheduler checks them (``orders_batch``).
BATCH = 10


def order_id(i: int) -> str:
    return f"4200002345{i:018d}"


def paid_at(i: int) -> datetime:
    return START + timedelta(seconds=i * 47)  # 100k orders over ~54 days


def write_bill(path: Path, rows: int) -> int:
    """Write the bill line by line; returns the number of detail lines."""
    lines = 0
    rng = random.Random(15)
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER + "\n")
        for i in range(rows):
            price = PRICES[i % len(PRICES)]
            when = (paid_at(i) + BEIJING).strftime("%Y-%m-%d %H:%M:%S")
            payer = f"oPayer{rng.randrange(rows // 3):08d}"
            values = [
                when,
                "wx2421b1c4370ec43b",
                "1900000109",
                "0",
                "",
                order_id(i),
                f"GAME{i:09d}",
                payer,
                "JSAPI",
                "SUCCESS",
                "OTHERS",
                "CNY",
                price,
                "0.00",
                "0",
                "0",
                "0.00",
                "0.00",
                "",
                "",
                "钻石",
                "",
                "0.00",
                "0.60%",
                price,
                "0.00",
                "",
            ]
            out.write(",".join("`" + v for v in values) + "\n")
            lines += 1
            if i % 50 == 0:  # a refund of that order
                values[9], values[14], values[15], values[16] = (
                    "REFUND",
                    f"5000{i:024d}",
                    f"RF{i:09d}",
                    price,
                )
                values[18], values[19], values[25] = "ORIGINAL", "SUCCESS", price
                out.write(",".join("`" + v for v in values) + "\n")
                lines += 1
        out.write(
            "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,"
            "申请退款总金额\n"
        )
        out.write(f"`{lines},`0,`0,`0,`0,`0,`0\n")
    return lines


async def add_cases(database: Database, count: int, rows: int) -> None:
    rng = random.Random(7)
    async with database.unit_of_work() as session:
        for n in range(count):
            i = rng.randrange(rows)
            kind = n % 3
            when = paid_at(i) + timedelta(minutes=rng.randint(-30, 30))
            amount = Decimal(PRICES[i % len(PRICES)]) if kind < 2 else Decimal("999.99")
            case = Case(
                reference=f"B{n:05d}",
                user_id=10_000 + n,
                chat_id=10_000 + n,
                language="zh-Hans",
                timezone="Asia/Shanghai",
                platform="wechat",
                problem="minor_purchase",
                writer="parent",
                account=f"player-{n}",
                payment_method="wechat_pay",
                description="-",
                submitted_at=START + timedelta(days=60),
                updated_at=START + timedelta(days=60),
                card_message_id=1000 + n,
            )
            item = CaseTransaction(
                case_id=0,
                position=0,
                amount=amount,
                currency="CNY",
                occurred_at=when,
                order_number=order_id(i) if kind == 0 else None,
            )
            await cases.add_case(session=session, case=case, transactions=[item])


async def run(url: str, label: str, rows: int, count: int, folder: Path) -> None:
    database = Database(url)
    await database.upgrade()
    bill = folder / "bill.csv"
    lines = write_bill(bill, rows)
    size = bill.stat().st_size / 1e6
    print(f"\n== {label}: {lines:,} bill lines ({size:.1f} MB), {count:,} open cases")
    now = START + timedelta(days=61)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    async with database.unit_of_work() as session:
        report = await import_bill(
            session=session, path=bill, format_name=None, formats={}, now=now
        )
    took = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"import:   {took:6.2f} s  {lines / took:9,.0f} lines/s  max RSS {rss_before:4.0f} → "
        f"{rss:4.0f} MB  ({report.summary()})"
    )
    started = time.perf_counter()
    async with database.unit_of_work() as session:
        again = await import_bill(
            session=session, path=bill, format_name=None, formats={}, now=now
        )
    took = time.perf_counter() - started
    print(
        f"again:    {took:6.2f} s  {again.added} new, {again.updated} updated, "
        f"{again.unchanged:,} unchanged"
    )
    await add_cases(database, count, rows)
    desk = DeskPolicy(chat_id=-100, language="en", timezone="Asia/Shanghai", use_topics=True)
    started = time.perf_counter()
    edits = checked = 0
    while True:
        async with database.unit_of_work() as session:
            done = await recheck(session, now=now, desk=desk, limit=BATCH)
        checked += done.cases
        edits += len(done.out)
        if done.cases < BATCH:
            break
    took = time.perf_counter() - started
    async with database.unit_of_work() as session:
        verdicts = Counter((await session.exec(select(OrderLink.verdict))).all())
    print(
        f"matching: {took:6.2f} s  {1000 * took / max(checked, 1):6.1f} ms a case  "
        f"{checked} cases, {edits} card edits  {dict(sorted(verdicts.items()))}"
    )
    await database.dispose()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args()
    import os

    for backend in args.backends.split(","):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            if backend == "sqlite":
                await run(
                    f"sqlite+aiosqlite:///{folder}/bench.db",
                    "SQLite",
                    args.rows,
                    args.cases,
                    folder,
                )
                continue
            base = os.environ.get(POSTGRES_ENV)
            if not base:
                print(f"\n== PostgreSQL: skipped (set {POSTGRES_ENV})")
                continue
            async with throwaway_database(base) as url:
                await run(url, "PostgreSQL", args.rows, args.cases, folder)


if __name__ == "__main__":
    asyncio.run(main())
