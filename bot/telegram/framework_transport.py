"""What the two framework transports do alike.

python-telegram-bot's ``Bot`` and aiogram's name the Bot API's calls the same way
(``set_webhook``, ``set_my_commands``, ``get_file``…) and take the same keywords, so the calls
that need no conversion are made once, here. What differs stays in each transport: how its
errors become :mod:`bot.telegram.errors` (``_guard``), how a command of the menu is built and
how a file's bytes are fetched once Telegram has said where it is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.files import FileTooLarge, local_file


class FrameworkTransport:
    #: The framework's ``Bot``.
    bot: Any
    #: The framework's ``BotCommand`` (both take ``command=`` and ``description=``).
    bot_command: Callable[..., Any]

    async def set_webhook(self, url: str, secret_token: str | None) -> None:
        await self._guard(self.bot.set_webhook(url, secret_token=secret_token))

    async def delete_webhook(self) -> None:
        await self._guard(self.bot.delete_webhook())

    async def set_commands(self, commands: list[tuple[str, str]], language: str | None) -> None:
        menu = [self.bot_command(command=name, description=text) for name, text in commands]
        await self._guard(self.bot.set_my_commands(menu, language_code=language))

    async def download(self, file_id: str, max_bytes: int) -> bytes:
        """A file's bytes (``getFile``, then the file URL; a self-hosted Bot API server in
        ``--local`` mode answers with a path on this machine, read directly)."""
        file = await self._guard(self.bot.get_file(file_id))
        if file.file_size is not None and file.file_size > max_bytes:
            raise FileTooLarge(file.file_size)
        local = local_file(file.file_path)
        if local is not None:
            return local
        return await self._fetch(file)

    async def _fetch(self, file: Any) -> bytes:
        """The bytes of the file ``getFile`` described, from its URL."""
        raise NotImplementedError

    @staticmethod
    async def _guard(call: Any) -> Any:
        """``call``'s result; the framework's errors raised as :mod:`bot.telegram.errors`."""
        raise NotImplementedError
