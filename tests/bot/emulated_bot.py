"""The whole bot, in-process, against the Bot API emulator: its settings for polling the
emulator, and its runner running until the test is done."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from bot.app import App
from bot.config import Settings
from bot.telegram.runner import TelegramRunner
from tests.emulator import BotApiEmulator


def polling_settings(
    emulator: BotApiEmulator,
    tmp_path: Path,
    framework: str,
    telegram: dict[str, Any],
    **sections: Any,
) -> Settings:
    """A bot polling ``emulator`` through ``framework`` (every second), with its SQLite
    database in ``tmp_path``; ``telegram``: more of that section, ``sections``: the others."""
    polling = {"token": emulator.token, "framework": framework, "mode": "polling"}
    polling |= {"api_base_url": emulator.base_url, "poll_timeout": 1}
    storage = {"url": f"sqlite+aiosqlite:///{tmp_path}/bot.db"}
    return Settings.model_validate(
        {"telegram": polling | telegram, "storage": storage, **sections}
    )


@contextlib.asynccontextmanager
async def running(app: App, runner: TelegramRunner) -> AsyncIterator[None]:
    """``runner`` runs while the block does; then it is stopped, and ``app`` with it."""
    stop = asyncio.Event()
    task = asyncio.create_task(runner.run(stop))
    try:
        yield
    finally:
        stop.set()
        await task
        await app.stop()
