"""The watched folder (``[orders] watch_folder``): bills dropped there are imported by the
running bot, each in its own transaction, then moved to ``done/`` — or to ``failed/`` with a
``.txt`` beside it saying why (the same line ``refund-desk orders import`` would print). A file
still being written (changed in the last few seconds) waits for the next sweep."""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from bot.orders.generic import GenericFormat
from bot.orders.importer import ImportReport, import_bill
from bot.orders.table import BillError
from storage.database import Database

log = logging.getLogger(__name__)

DONE, FAILED = "done", "failed"
#: A file modified this recently may still be being copied in.
SETTLE_SECONDS = 5.0


def waiting_bills(folder: Path, *, settle: float = SETTLE_SECONDS) -> list[Path]:
    if not folder.is_dir():
        return []
    now = time.time()
    return sorted(
        path
        for path in folder.iterdir()
        if path.is_file()
        and not path.name.startswith(".")
        and now - path.stat().st_mtime >= settle
    )


def _move(path: Path, where: str) -> Path:
    target_dir = path.parent / where
    target_dir.mkdir(exist_ok=True)
    target = target_dir / path.name
    counter = 1
    while target.exists():  # the same name imported again later: keep both
        target = target_dir / f"{path.stem}.{counter}{path.suffix}"
        counter += 1
    return path.rename(target)


async def sweep_folder(
    database: Database,
    folder: Path,
    *,
    formats: Mapping[str, GenericFormat],
    now: datetime,
    settle: float = SETTLE_SECONDS,
) -> list[ImportReport]:
    """Import every bill waiting in ``folder``; returns the reports of those imported."""
    reports = []
    for path in waiting_bills(folder, settle=settle):
        try:
            async with database.unit_of_work() as session:
                report = await import_bill(
                    session=session, path=path, format_name=None, formats=formats, now=now
                )
        except BillError as exc:
            moved = _move(path, FAILED)
            moved.with_name(moved.name + ".txt").write_text(f"{path.name}: {exc}\n", "utf-8")
            log.error("bill %s not imported: %s", path.name, exc)
            continue
        _move(path, DONE)
        log.info("bill imported: %s", report.summary())
        reports.append(report)
    return reports
