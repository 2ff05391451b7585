"""The file keeper as the runner builds it from the settings (#16)."""

from __future__ import annotations

import logging
from datetime import timedelta

from bot.config import FileSettings, Settings
from bot.files import ocr
from bot.files.keeper import FileKeeper, Queue
from bot.files.store import ContentStore, FileStore
from bot.telegram.transport import TelegramTransport
from handlers.clock import Clock
from storage.database import Database

log = logging.getLogger(__name__)


def build_store(config: FileSettings) -> ContentStore:
    """The store ``[files] store`` names. Raises :class:`bot.files.store.StoreProblem` when
    the bucket's client is not installed; the bucket is not contacted here (see ``check``)."""
    if config.store == "bucket":
        from bot.files.bucket import BucketStore

        return BucketStore(config.bucket)
    return FileStore(config.directory)


def build_keeper(
    *,
    settings: Settings,
    database: Database,
    clock: Clock,
    transport: TelegramTransport,
    queue: Queue,
    lease: timedelta,
) -> FileKeeper | None:
    """None when ``[files] keep`` is off. OCR only with the ``ocr`` extra installed."""
    config = settings.files
    if not config.keep:
        return None
    pool = None
    if config.ocr and ocr.available():
        pool = ocr.OcrPool(processes=config.ocr_processes, timeout=config.ocr_timeout_seconds)
    elif config.ocr:
        log.info('screenshots are kept, not read: install the OCR extra (pip install ".[ocr]")')
    store = build_store(config)
    keeper = FileKeeper(
        database=database,
        clock=clock,
        store=store,
        download=lambda file_id, limit: transport.download(file_id, limit),
        policy=settings.intake_policy(),
        queue=queue,
        ocr=pool,
        lease=lease,
        interval=settings.telegram.outbox_sweep_seconds,
    )
    database.on_files_released = keeper.release
    return keeper
