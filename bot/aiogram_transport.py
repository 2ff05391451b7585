"""The aiogram transport: its ``Bot`` and method objects for every call, its types for updates."""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram import methods as api
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramAPIError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods.base import Response, TelegramMethod
from aiogram.types import BotCommand, BufferedInputFile, File, TelegramObject
from aiogram.types import Update as AiogramUpdate

from bot.telegram.calls import take_uploads
from bot.telegram.convert import incoming_from
from bot.telegram.errors import Permanent, RetryLater, Transient
from bot.telegram.framework_transport import FrameworkTransport
from bot.telegram.transport import BotIdentity
from handlers.events import Incoming

#: aiogram's ``check_response`` builds ``Response[method.__returning__]`` on every call.
#: pydantic caches that parametrized model in a WeakValueDictionary, and nothing else holds
#: it, so each cyclic garbage collection freed it and the next call rebuilt it (schema and
#: validator: ~6% of the bot's CPU, docs/performance.md). Strong references keep them.
_RESPONSES: dict[type[TelegramMethod[Any]], Any] = {}
_STARTUP_METHODS = ("GetMe", "SetWebhook", "DeleteWebhook", "SetMyCommands")


def _pin_response(method_type: type[TelegramMethod[Any]]) -> None:
    if method_type not in _RESPONSES:
        returning: Any = method_type.__returning__
        _RESPONSES[method_type] = Response[returning]


class RawGetUpdates(TelegramMethod[list[dict[str, Any]]]):
    """getUpdates answered as plain JSON objects. aiogram's own ``GetUpdates`` validates every
    update of the answer as its ``Update`` model, so one it cannot read would fail the whole
    batch, again and again since the offset could never move past it; here each update is
    read later, on its own (:meth:`AiogramTransport.to_incoming`)."""

    __returning__ = list[dict[str, Any]]
    __api_method__ = "getUpdates"

    offset: int | None = None
    timeout: int | None = None


for _name in _STARTUP_METHODS:
    _pin_response(getattr(api, _name))
_pin_response(RawGetUpdates)


def _json(result: Any) -> dict[str, Any]:
    if isinstance(result, TelegramObject):
        return result.model_dump(mode="json", exclude_none=True, by_alias=True)
    if isinstance(result, list):
        return {"messages": [_json(item) for item in result]}
    return {"result": result}


class AiogramTransport(FrameworkTransport):
    bot_command = BotCommand

    def __init__(self, token: str, api_base_url: str, *, poll_timeout: int = 30) -> None:
        session = AiohttpSession(api=TelegramAPIServer.from_base(api_base_url), limit=64)
        self.bot = Bot(token, session=session)
        self.poll_timeout = poll_timeout

    async def open(self) -> BotIdentity:
        me = await self._guard(self.bot.get_me())
        return BotIdentity(me.id, me.username or "")

    async def close(self) -> None:
        await self.bot.session.close()

    async def get_updates(self, offset: int | None, timeout: int) -> list[dict[str, Any]]:
        method = RawGetUpdates(offset=offset, timeout=timeout)
        updates = await self._guard(self.bot(method, request_timeout=timeout + 10))
        if not isinstance(updates, list):  # {"ok": true} with no result passes aiogram's check
            raise Transient("getUpdates answered something other than a list of updates")
        return updates

    def to_incoming(self, update: dict[str, Any]) -> Incoming | None:
        return incoming_from(AiogramUpdate.model_validate(update, context={"bot": self.bot}))

    async def call(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        # aiogram models each Bot API method as a class named like it: sendMessage → SendMessage.
        call_type = getattr(api, method[0].upper() + method[1:])
        _pin_response(call_type)
        fields, uploads = take_uploads(params)
        for name, (file_name, data) in uploads.items():
            fields[name] = BufferedInputFile(data, filename=file_name)
        return _json(await self._guard(self.bot(call_type.model_validate(fields))))

    async def _fetch(self, file: File) -> bytes:
        if not file.file_path:
            raise Permanent("getFile gave no file path")
        buffer = await self._guard(self.bot.download_file(file.file_path))
        return bytes(buffer.getvalue()) if buffer is not None else b""

    @staticmethod
    async def _guard(call: Any) -> Any:
        try:
            return await call
        except TelegramRetryAfter as exc:
            raise RetryLater(float(exc.retry_after)) from exc
        except (TelegramNetworkError, TelegramServerError) as exc:
            raise Transient(str(exc)) from exc
        except ClientDecodeError as exc:
            # An answer that is not Telegram's JSON (a proxy's HTML 502 page, a truncated body)
            # or does not fit the method's result: retried like a 5xx. Its text quotes the
            # whole answer, so only the kind is kept.
            raise Transient(exc.message) from exc
        except TelegramAPIError as exc:
            raise Permanent(exc.message) from exc
