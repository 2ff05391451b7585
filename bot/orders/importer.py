"""``refund-desk orders import``: a bill file into the ledger, streamed, in one transaction.

A bad line stops the import and nothing of the file is kept, unless the operator asked for
the good lines of a partly bad file (``--skip-bad-rows``): then each bad line is reported,
one line each, and the rest imported. Either way nothing is half-imported silently."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.orders.bills import ALIPAY, WECHAT, open_text, read_alipay, read_wechat, sniff
from bot.orders.generic import GenericFormat, read_generic
from bot.orders.table import BillError, Read, RowProblem
from handlers.orders.records import BillLine
from storage.repositories import ledger

#: Lines merged per round trip: large enough to be fast, small enough to stream.
BATCH = 2000
#: Other names people give the built-in formats.
ALIASES = {"wechat": WECHAT, "wechatpay": WECHAT, "wxpay": WECHAT, "zhifubao": ALIPAY}


@dataclass(kw_only=True)
class ImportReport(ledger.Merged):
    """One file imported: what merging its lines did, and the lines read or skipped."""

    path: Path
    format: str
    lines: int = 0
    skipped: list[RowProblem] = field(default_factory=list)

    def summary(self) -> str:
        text = (
            f"{self.path.name}: {self.format}, {self.lines} line(s): {self.added} new order(s), "
            f"{self.updated} updated, {self.unchanged} unchanged"
        )
        if self.skipped:
            text += f", {len(self.skipped)} bad line(s) skipped"
        return text


def format_names(formats: Mapping[str, GenericFormat]) -> list[str]:
    return [WECHAT, ALIPAY, *formats]


def resolve_format(path: Path, name: str | None, formats: Mapping[str, GenericFormat]) -> str:
    if name is None:
        found = sniff(path)
        if found is None:
            raise BillError(
                "cannot tell the format from the file: give --format "
                f"({', '.join(format_names(formats))})"
            )
        return found
    name = ALIASES.get(name.lower(), name)
    if name not in format_names(formats):
        raise BillError(
            f"unknown format {name!r}: use {', '.join(format_names(formats))} "
            "(other formats are [orders.formats.<name>] in the settings)"
        )
    return name


def _reader(
    path: Path, name: str, formats: Mapping[str, GenericFormat]
) -> tuple[AbstractContextManager[IO[str]], Callable[[IO[str]], Read]]:
    if name == WECHAT:
        return open_text(path, "utf-8-sig"), read_wechat
    if name == ALIPAY:
        return open_text(path, "gb18030"), read_alipay
    form = formats[name]
    return open_text(path, form.encoding), lambda text: read_generic(text, form)


async def import_bill(
    *,
    session: AsyncSession,
    path: Path,
    format_name: str | None,
    formats: Mapping[str, GenericFormat],
    now: datetime,
    skip_bad_rows: bool = False,
) -> ImportReport:
    """Import ``path`` in the caller's transaction; raises :class:`BillError` (the caller
    rolls back) on a file that is not the format, or on its first bad line unless
    ``skip_bad_rows``."""
    name = resolve_format(path, format_name, formats)
    report = ImportReport(path=path, format=name)
    opener, read = _reader(path, name, formats)
    try:
        with opener as text:
            for batch in _batches(read(text), report, skip_bad_rows):
                report.count(await ledger.merge_lines(session=session, lines=batch, now=now))
    except UnicodeDecodeError as exc:
        raise BillError(
            f"cannot be read as {name} ({exc.encoding} text): {exc.reason} at byte {exc.start}"
        ) from None
    except OSError as exc:
        raise BillError(exc.strerror or str(exc)) from None
    return report


def _batches(lines: Read, report: ImportReport, skip_bad_rows: bool) -> Iterator[list[BillLine]]:
    batch: list[BillLine] = []
    for item in lines:
        if isinstance(item, RowProblem):
            if not skip_bad_rows:
                raise BillError(
                    f"row {item.row}: {item.message} — nothing imported "
                    "(--skip-bad-rows keeps the good lines)"
                )
            report.skipped.append(item)
            continue
        report.lines += 1
        batch.append(item)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch
