"""The aiohttp server speaking the Bot API, and the emulator's public facade."""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import random
import socket
import time
from collections.abc import Callable
from typing import Any, TypeVar

import aiohttp
from aiohttp import web

from . import methods_bot, methods_chats, methods_media, methods_messages  # noqa: F401 (register)
from .control import FaultControlMixin
from .delivery import DeliveryMixin
from .errors import ApiError
from .faults import SEND_METHODS, FaultPlan, RateLimiter
from .injector import InjectorMixin
from .models import ApiCall, BotRights, Chat, Topic, UploadedFile, User, WebhookAttempt
from .params import read_params
from .recorder import CallLog
from .registry import METHODS, MethodSpec, canonical
from .state import World
from .updates import DEFAULT_ALLOWED, UpdateQueue
from .webhook import WebhookDeliverer

log = logging.getLogger(__name__)
T = TypeVar("T")
DEFAULT_TOKEN = "123456789:AAEmulatorTestToken_refund-desk_0123456789"


def _json_response(body: dict[str, Any], status: int = 200) -> web.Response:
    return web.Response(
        body=json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode(),
        status=status,
        content_type="application/json",
        charset="utf-8",
    )


class BotApiEmulator(InjectorMixin, FaultControlMixin, DeliveryMixin):
    """A local Telegram Bot API server for one bot token.

    Use as ``async with BotApiEmulator() as emu:``; point the bot at ``emu.api_base`` (PTB
    ``base_url``) / ``emu.file_base`` (PTB ``base_file_url``) or ``emu.base_url``
    (aiogram ``TelegramAPIServer.from_base``).
    """

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        bot_username: str = "refund_desk_test_bot",
        bot_name: str = "Refund Desk",
        seed: int = 0,
        strict_html: bool = True,
        webhook_retry_delay: float = 0.05,
        webhook_timeout: float = 10.0,
        first_update_id: int = 100_000_001,
    ) -> None:
        self.token = token
        self.world = World(int(token.split(":", 1)[0]), bot_username, bot_name)
        self.rng = random.Random(seed)
        self.strict_html = strict_html
        self.webhook_retry_delay = webhook_retry_delay
        self.webhook_timeout = webhook_timeout
        self.faults = FaultPlan(self.rng)
        self.rate_limiter: RateLimiter | None = None
        self.log = CallLog(canonical)
        #: The first call of a method matching a predicate (``CallLog.wait_for_call``).
        self.wait_for_call = self.log.wait_for_call
        self.updates = UpdateQueue(on_poll=self.log.notify)
        self.webhook: WebhookDeliverer | None = None
        self.webhook_responses: list[WebhookAttempt] = []
        self.allowed_updates: frozenset[str] = DEFAULT_ALLOWED
        self.allowed_updates_param: list[str] | None = None
        self.filtered_updates: list[dict[str, Any]] = []  # dropped by allowed_updates
        self.internal_errors: list[BaseException] = []
        self._update_ids = itertools.count(first_update_id)
        self._issued_update_id = first_update_id - 1
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self.port = 0

    # -- lifecycle ----------------------------------------------------------------------------

    async def start(self) -> BotApiEmulator:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        await web.SockSite(self._runner, sock).start()
        self._session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=100))
        return self

    async def stop(self) -> None:
        self.updates.close()
        if self.webhook is not None:
            await self.webhook.stop()
            self.webhook = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._session is not None:
            await self._session.close()
            self._session = None
        if self.internal_errors:
            raise RuntimeError(f"emulator bugs: {self.internal_errors!r}")

    async def __aenter__(self) -> BotApiEmulator:
        return await self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_base(self) -> str:
        """PTB ``base_url`` (the token is appended by PTB)."""
        return f"{self.base_url}/bot"

    @property
    def file_base(self) -> str:
        """PTB ``base_file_url``."""
        return f"{self.base_url}/file/bot"

    @property
    def bot_id(self) -> int:
        return self.world.bot_id

    # -- world factories ----------------------------------------------------------------------

    def make_user(self, first_name: str | None = None, **kwargs: Any) -> User:
        """A new user; kwargs: ``language_code`` (default "en"), ``username``, ``last_name``."""
        return self.world.make_user(first_name, **kwargs)

    def make_private_chat(self, user: User) -> Chat:
        return self.world.make_private_chat(user)

    def make_group(self, title: str = "Test group", **kwargs: Any) -> Chat:
        return self.world.make_group(title, **kwargs)

    def make_forum_group(
        self,
        title: str = "Support",
        bot_rights: BotRights | dict[str, Any] | None = None,
        **kw: Any,
    ) -> Chat:
        return self.world.make_group(title, forum=True, bot_rights=bot_rights, **kw)

    def make_topic(self, chat: Chat, name: str, **kwargs: Any) -> Topic:
        return self.world.make_topic(chat, name, **kwargs)

    def block_bot(self, user: User, blocked: bool = True) -> None:
        """The user blocks the bot: sends to them now fail with 403."""
        user.blocked_bot = blocked

    # -- inspection ---------------------------------------------------------------------------

    @property
    def calls(self) -> list[ApiCall]:
        return self.log.calls

    def calls_of(self, method: str) -> list[ApiCall]:
        return self.log.calls_of(method)

    def mark(self) -> int:
        """A position in ``calls``; pass it as ``since=`` to only wait for later calls."""
        return self.log.next_seq()

    def sent_messages(
        self, chat_id: int | None = None, thread_id: int | None = None
    ) -> list[dict[str, Any]]:
        return self.world.sent_messages(chat_id, thread_id)

    def uploads(
        self, chat_id: int | None = None, method: str = "sendDocument"
    ) -> list[UploadedFile]:
        """Files the bot uploaded (multipart) with ``method`` and Telegram accepted, oldest
        first, optionally only those sent to ``chat_id``: their bytes, name and type."""
        found: list[UploadedFile] = []
        for call in self.calls_of(method):
            if call.status != 200 or (
                chat_id is not None and call.params.get("chat_id") != chat_id
            ):
                continue
            for value in call.params.values():  # aiogram's attach:// part appears twice
                if isinstance(value, UploadedFile) and all(value is not f for f in found):
                    found.append(value)
        return found

    def callback_answer(self, update: dict[str, Any]) -> dict[str, Any] | None:
        """The answerCallbackQuery params for an injected callback update (None if unanswered)."""
        return self.world.callback_queries[update["callback_query"]["id"]]["answer"]

    async def wait_for(self, predicate: Callable[[], T | None], timeout: float = 5.0) -> T:
        """Wait until ``predicate()`` is truthy, re-checking whenever the emulator's state
        changes (a call recorded, an update injected, a webhook attempt); returns its value."""
        return await self.log.wait_for(predicate, timeout)

    # -- HTTP handlers ------------------------------------------------------------------------

    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return _json_response(ApiError(401, "Unauthorized").envelope(), 401)
        spec = METHODS.get(request.match_info["method"].lower())
        if spec is None:
            return _json_response(ApiError(404, "Not Found").envelope(), 404)
        call = ApiCall(-1, spec.name, {}, time.monotonic())
        try:
            call.params = await read_params(request)
        except ApiError as exc:
            return self._finish(call, exc.error_code, exc.envelope())
        fault = self.faults.match(spec.name.lower(), call.params) if self.faults else None
        if fault is not None:
            call.fault = fault.label
            if fault.delay:
                await asyncio.sleep(fault.delay)
            if fault.kind == "error":
                error = fault.error()
                return self._finish(call, error.error_code, error.envelope())
            elif fault.kind == "raw":
                call.status = fault.status
                self.log.add(call)
                raw = fault.body.encode() if isinstance(fault.body, str) else fault.body
                return web.Response(body=raw, status=fault.status, content_type=fault.content_type)
            elif fault.kind == "drop":
                if fault.after_processing:
                    await self._run(spec, call)
                call.status = None
                self.log.add(call)
                assert request.transport is not None
                request.transport.abort()
                return web.Response(status=499)
        status, body = await self._execute(spec, call)
        return _json_response(body, status)

    async def _run(self, spec: MethodSpec, call: ApiCall) -> tuple[int, dict[str, Any]]:
        try:
            if self.rate_limiter is not None and spec.name.lower() in SEND_METHODS:
                media = call.params.get("media")
                count = len(media) if isinstance(media, list) else 1
                self.rate_limiter.check(spec.name, call.params.get("chat_id"), count)
            if spec.is_async:
                result = await spec.handler(self, call.params)
            else:
                result = spec.handler(self, call.params)
        except ApiError as exc:
            if exc.error_code == 429 and call.fault is None:
                call.fault = "rate_limit"
            call.status, call.error = exc.error_code, exc.envelope()
            return exc.error_code, call.error
        except Exception as exc:  # an emulator bug: make it loud, but answer like Telegram
            log.exception("emulator failed on %s", spec.name)
            self.internal_errors.append(exc)
            call.status, call.error = (
                500,
                ApiError(500, f"Internal Server Error: {exc}").envelope(),
            )
            return 500, call.error
        # Shallow copies: edits replace top-level keys of stored messages, never nested ones.
        if isinstance(result, dict):
            call.result = dict(result)
        elif isinstance(result, list):
            call.result = [dict(r) if isinstance(r, dict) else r for r in result]
        else:
            call.result = result
        call.status = 200
        return 200, {"ok": True, "result": result}

    async def _execute(self, spec: MethodSpec, call: ApiCall) -> tuple[int, dict[str, Any]]:
        status, body = await self._run(spec, call)
        self.log.add(call)
        return status, body

    def _finish(self, call: ApiCall, status: int, body: dict[str, Any]) -> web.Response:
        call.status, call.error = status, body
        self.log.add(call)
        return _json_response(body, status)

    async def _handle_file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _json_response(ApiError(401, "Unauthorized").envelope(), 401)
        stored = self.world.files.by_path.get(request.match_info["path"])
        if stored is None:
            return _json_response(ApiError(404, "Not Found").envelope(), 404)
        return web.Response(body=stored.data, content_type=stored.mime_type)
