"""What a framework transport must offer the Telegram runtime. Two implementations:
``bot/ptb_transport.py`` (python-telegram-bot) and ``bot/aiogram_transport.py`` (aiogram)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from handlers.events import Incoming


@dataclass(frozen=True)
class BotIdentity:
    id: int
    username: str


class TelegramTransport(Protocol):
    async def open(self) -> BotIdentity:
        """Connect (getMe) and return who the bot is."""
        ...

    async def close(self) -> None: ...

    async def get_updates(self, offset: int | None, timeout: int) -> list[dict[str, Any]]:
        """Long-poll for updates, returned as raw Bot API JSON objects."""
        ...

    async def set_webhook(self, url: str, secret_token: str | None) -> None: ...

    async def delete_webhook(self) -> None: ...

    async def set_commands(
        self, commands: list[tuple[str, str]], language: str | None
    ) -> None: ...

    def to_incoming(self, update: dict[str, Any]) -> Incoming | None:
        """The core's event for an update, or None when the core has nothing to do with it."""
        ...

    async def call(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        """Make one Bot API call; raise :mod:`bot.telegram.errors` exceptions on failure."""
        ...

    async def download(self, file_id: str, max_bytes: int) -> bytes:
        """A file's bytes (``getFile``); :class:`bot.files.FileTooLarge` beyond ``max_bytes``."""
        ...
