"""``refund-desk orders import PATH... [--format NAME] [--skip-bad-rows]``.

Each file is imported in its own transaction: a file with a bad line is not imported at all
(one line names the file, the row and the problem), unless ``--skip-bad-rows``."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from bot.orders.generic import GenericFormat
from bot.orders.importer import import_bill
from bot.orders.table import BillError
from handlers.clock import SystemClock

if TYPE_CHECKING:
    from bot.config import Settings


def generic_formats(settings: Settings) -> dict[str, GenericFormat]:
    """``[orders.formats.*]`` as the readers take them."""
    return {
        name: GenericFormat(
            source=form.source,
            columns=dict(form.columns),
            currency=form.currency,
            encoding=form.encoding,
            delimiter=form.delimiter,
            timezone=form.timezone,
            time_format=form.time_format,
            statuses=dict(form.statuses),
        )
        for name, form in settings.orders.formats.items()
    }


#: ``refund-desk orders``: its line in ``refund-desk -h``, and what ``orders -h`` says.
HELP = "the merchant's bills: import WeChat Pay, Alipay and other order exports"
DESCRIPTION = (
    "`import PATH...` merges bills into the order ledger (importing a file again changes "
    "nothing); the running bot then checks open claims against them."
)


def register(add: Callable[..., argparse.ArgumentParser]) -> None:
    orders = add("orders", help=HELP, description=DESCRIPTION)
    orders.add_argument("action", choices=["import"])
    orders.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    orders.add_argument(
        "--format",
        dest="bill_format",
        help="wechat_pay, alipay, or a name under [orders.formats]; default: from the file",
    )
    orders.add_argument(
        "--skip-bad-rows",
        action="store_true",
        help="keep the good lines of a file with bad ones (each bad one is reported)",
    )


def run(settings: Settings, args: argparse.Namespace) -> int:
    return asyncio.run(_import(settings, args.paths, args.bill_format, args.skip_bad_rows))


async def _import(
    settings: Settings, paths: list[Path], name: str | None, skip_bad_rows: bool
) -> int:
    from storage.database import Database

    database = Database(settings.storage.url)
    failed = 0
    try:
        if settings.storage.auto_upgrade:
            await database.upgrade()
        formats = generic_formats(settings)
        for path in paths:
            try:
                async with database.unit_of_work() as session:
                    report = await import_bill(
                        session=session,
                        path=path,
                        format_name=name,
                        formats=formats,
                        now=SystemClock().now(),
                        skip_bad_rows=skip_bad_rows,
                    )
            except BillError as exc:
                failed += 1
                print(f"refund-desk: {path}: {exc}", file=sys.stderr)
                continue
            for problem in report.skipped:
                print(
                    f"refund-desk: {path}: row {problem.row}: {problem.message} (skipped)",
                    file=sys.stderr,
                )
            print(report.summary())
    finally:
        await database.dispose()
    return 1 if failed else 0
