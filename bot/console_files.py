"""The console's uploads kept and read like Telegram's (#16).

A path typed in the console is an upload whose bytes are already on this machine: the file
keeper (:mod:`bot.files.keeper`, built from the settings as the runner builds it) "downloads"
it by reading the path the evidence row names, then sniffs, stores, hashes and reads it with
OCR exactly as it does a Telegram file, so a parent trying the console is offered what their
screenshot says."""

from __future__ import annotations

import asyncio
from pathlib import Path

from sqlmodel import col, select

from bot.files import FileTooLarge
from bot.telegram.errors import Permanent
from storage.database import Database
from storage.models import Evidence

#: The console's own file ids: ``console:<SHA-256 of the bytes typed>`` (bot/console.py).
PREFIX = "console:"


class ConsoleFiles:
    """What the keeper asks of a transport: a file's bytes by its file id."""

    def __init__(self, database: Database) -> None:
        self.database = database

    async def download(self, file_id: str, max_bytes: int) -> bytes:
        path = await self._path_of(file_id)
        if path is None:
            raise Permanent("no such console file")
        try:
            size = await asyncio.to_thread(lambda: path.stat().st_size)
            if size > max_bytes:
                raise FileTooLarge(size)
            return await asyncio.to_thread(path.read_bytes)
        except OSError as exc:  # moved or deleted since it was typed
            raise Permanent(type(exc).__name__) from exc

    async def _path_of(self, file_id: str) -> Path | None:
        if not file_id.startswith(PREFIX):
            return None
        async with self.database.unit_of_work() as session:
            result = await session.exec(
                select(Evidence.local_path)
                .where(
                    col(Evidence.telegram_file_id) == file_id,
                    col(Evidence.local_path).is_not(None),
                )
                .limit(1)
            )
            found = result.first()
        return Path(found) if found else None
