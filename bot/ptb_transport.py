"""The python-telegram-bot transport: its ``Bot`` for every call, its types for every update."""

from __future__ import annotations

import json
import re
import warnings
from datetime import timedelta
from typing import Any

from telegram import (
    Bot,
    BotCommand,
    File,
    InlineKeyboardMarkup,
    InputFile,
    InputMediaDocument,
    InputMediaPhoto,
    ReplyParameters,
)
from telegram import Update as PtbUpdate
from telegram._telegramobject import TelegramObject
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.request import HTTPXRequest

from bot.telegram.calls import take_uploads
from bot.telegram.convert import incoming_from
from bot.telegram.errors import Permanent, RetryLater, Transient
from bot.telegram.framework_transport import FrameworkTransport
from bot.telegram.transport import BotIdentity
from handlers.events import Incoming

_MEDIA = {"photo": InputMediaPhoto, "document": InputMediaDocument}


def _snake(method: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", method).lower()


def _short(message: str) -> str:
    """PTB quotes an undecodable answer whole ("… Parsing the server response b'<html>…'
    failed"): the status is what matters, and the body may be long."""
    return message.split(". Parsing the server response", 1)[0][:200]


class _Request(HTTPXRequest):
    """PTB's request, minus one log line: PTB logs an answer that is not JSON in full (a
    proxy's HTML page, or updates with people's words). Here it is only a short error, which
    the caller retries like a 5xx (:meth:`PtbTransport._guard`). PTB documents this method as
    the one to override."""

    @staticmethod
    def parse_json_payload(payload: bytes) -> dict[str, Any]:
        try:
            data = json.loads(payload.decode("utf-8", "replace"))
        except ValueError as exc:
            raise TelegramError("Invalid server response") from exc
        if not isinstance(data, dict):  # PTB would fail on it with a TypeError
            raise TelegramError("Invalid server response")
        return data


def _json(result: Any) -> dict[str, Any]:
    if isinstance(result, TelegramObject):
        return result.to_dict()
    if isinstance(result, tuple | list):
        return {"messages": [_json(item) for item in result]}
    return {"result": result}


class PtbTransport(FrameworkTransport):
    bot_command = BotCommand

    def __init__(self, token: str, api_base_url: str, *, poll_timeout: int = 30) -> None:
        self.bot = Bot(
            token,
            base_url=f"{api_base_url}/bot",
            base_file_url=f"{api_base_url}/file/bot",
            request=_Request(connection_pool_size=64, read_timeout=30, write_timeout=30),
            get_updates_request=_Request(read_timeout=poll_timeout + 10),
        )

    async def open(self) -> BotIdentity:
        await self._guard(self.bot.initialize())
        return BotIdentity(self.bot.id, self.bot.username)

    async def close(self) -> None:
        await self.bot.shutdown()

    async def get_updates(self, offset: int | None, timeout: int) -> list[dict[str, Any]]:
        """The updates as Telegram sent them. ``Bot.get_updates`` would build PTB's ``Update``
        of each first, and one it cannot read would fail the whole batch, again and again
        since the offset could never move past it; here each update is read later, on its
        own (:meth:`to_incoming`). ``_post`` is what ``Bot.get_updates`` itself calls
        (``do_api_request`` warns for a method PTB knows)."""
        data = {"offset": offset, "timeout": timeout}
        try:
            result = await self._guard(
                self.bot._post("getUpdates", data, read_timeout=timeout + 10)
            )
        except (KeyError, TypeError) as exc:  # JSON, but not Telegram's envelope
            raise Transient(f"getUpdates: malformed answer ({type(exc).__name__})") from exc
        if not isinstance(result, list) or not all(isinstance(u, dict) for u in result):
            raise Transient("getUpdates answered something other than a list of updates")
        return result

    def to_incoming(self, update: dict[str, Any]) -> Incoming | None:
        return incoming_from(PtbUpdate.de_json(update, self.bot))

    async def call(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        kwargs, uploads = take_uploads(params)
        for name, (file_name, data) in uploads.items():
            kwargs[name] = InputFile(data, filename=file_name)
        if "reply_markup" in kwargs:
            kwargs["reply_markup"] = InlineKeyboardMarkup.de_json(kwargs["reply_markup"], self.bot)
        if "reply_parameters" in kwargs:
            reply = kwargs["reply_parameters"]
            kwargs["reply_parameters"] = ReplyParameters.de_json(reply, self.bot)
        if "media" in kwargs:
            kwargs["media"] = [
                _MEDIA[item["type"]](
                    media=item["media"],
                    caption=item.get("caption"),
                    parse_mode=item.get("parse_mode"),
                )
                for item in kwargs["media"]
            ]
        return _json(await self._guard(getattr(self.bot, _snake(method))(**kwargs)))

    async def _fetch(self, file: File) -> bytes:
        return bytes(await self._guard(file.download_as_bytearray()))

    @staticmethod
    async def _guard(call: Any) -> Any:
        try:
            return await call
        except RetryAfter as exc:
            with warnings.catch_warnings():  # PTB 22 warns that the int form is going away
                warnings.simplefilter("ignore")
                wait = exc.retry_after
            raise RetryLater(
                wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
            ) from exc
        except (BadRequest, Forbidden, InvalidToken, EndPointNotFound, ChatMigrated) as exc:
            raise Permanent(exc.message) from exc
        except Conflict as exc:  # another instance polling, or a webhook set: as aiogram does
            raise Permanent(exc.message) from exc
        except NetworkError as exc:  # includes TimedOut and 5xx answers, JSON or not
            raise Transient(_short(exc.message)) from exc
        except TelegramError as exc:  # a 2xx answer that is not JSON ("Invalid server response")
            raise Transient(_short(exc.message)) from exc
