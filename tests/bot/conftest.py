"""Fixtures of the bot's tests: a framework transport opened against the Bot API emulator."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.aiogram_transport import AiogramTransport
from bot.ptb_transport import PtbTransport
from bot.telegram.transport import TelegramTransport
from tests.emulator import BotApiEmulator

TRANSPORTS: dict[str, type[PtbTransport] | type[AiogramTransport]] = {
    "ptb": PtbTransport,
    "aiogram": AiogramTransport,
}


@pytest.fixture(params=list(TRANSPORTS))
async def wired(request) -> AsyncIterator[tuple[BotApiEmulator, TelegramTransport]]:
    """A fresh emulator and each framework's transport, opened on it (closed after)."""
    async with BotApiEmulator() as emulator:
        transport = TRANSPORTS[request.param](emulator.token, emulator.base_url, poll_timeout=1)
        await transport.open()
        try:
            yield emulator, transport
        finally:
            await transport.close()
