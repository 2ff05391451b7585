"""Fixtures of the bot's tests: a framework transport opened against the Bot API emulator, and
settings loaded from a config file the test writes."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from bot.aiogram_transport import AiogramTransport
from bot.config import Settings, load_settings
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


@pytest.fixture
def load_config(tmp_path: Path) -> Callable[..., Settings]:
    """``load_config(toml, environ)``: the settings of a config file holding ``toml``, with
    ``environ`` (none by default) as the environment; ConfigError as load_settings raises it."""

    def load(toml: str, environ: dict[str, str] | None = None) -> Settings:
        path = tmp_path / "config.toml"
        path.write_text(toml)
        return load_settings(path, environ=environ or {})

    return load
