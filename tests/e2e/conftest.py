from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.emulator import BotApiEmulator

FRAMEWORKS = ["python-telegram-bot", "aiogram"]
MODES = ["polling", "webhook"]


@pytest.fixture
async def emulator() -> AsyncIterator[BotApiEmulator]:
    async with BotApiEmulator() as emu:
        yield emu
