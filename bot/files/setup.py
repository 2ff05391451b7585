"""The file keeper as the runner builds it from the settings (#16)."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.config import FileSettings
from bot.files import ocr
from bot.files.keeper import FileKeeper, Queue
from bot.files.store import ContentStore, FileStore
from bot.telegram.transport import TelegramTransport

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger(__name__)


def build_store(config: FileSettings) -> ContentStore:
    """The store ``[files] store`` names. Raises :class:`bot.files.store.StoreProblem` when
    the bucket's client is not installed; the bucket is not contacted here (see ``check``)."""
    if config.store == "bucket":
        from bot.files.bucket import BucketStore

        return BucketStore(config.bucket)
    return FileStore(config.directory)


def build_keeper(
    app: App, *, transport: TelegramTransport, queue: Queue, lease: timedelta
) -> FileKeeper | None:
    """The app's file keeper, screening files with the app's own intake policy and editing its
    desk's cards; None when ``[files] keep`` is off. OCR only with the ``ocr`` extra installed."""
    settings = app.settings
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
        database=app.database,
        clock=app.clock,
        store=store,
        download=lambda file_id, limit: transport.download(file_id, limit),
        policy=app.deps.intake,
        queue=queue,
        ocr=pool,
        lease=lease,
        interval=settings.telegram.outbox_sweep_seconds,
    )
    keeper.desk = app.deps.desk  # a case's file read edits its card
    app.database.on_files_released = keeper.release
    return keeper
