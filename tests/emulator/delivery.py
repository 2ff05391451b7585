"""Where injected updates go: the getUpdates queue or the webhook (mixed into the emulator)."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

import aiohttp

from .errors import bad_request
from .models import ApiCall, WebhookAttempt
from .params import normalize
from .recorder import CallLog
from .registry import METHODS, MethodSpec
from .updates import UpdateQueue, allowed_set, update_type
from .webhook import WebhookDeliverer


class DeliveryMixin:
    log: CallLog
    updates: UpdateQueue
    webhook: WebhookDeliverer | None
    webhook_responses: list[WebhookAttempt]
    webhook_retry_delay: float
    webhook_timeout: float
    allowed_updates: frozenset[str]
    allowed_updates_param: list[str] | None
    filtered_updates: list[dict[str, Any]]
    _session: aiohttp.ClientSession | None

    _execute: Callable[[MethodSpec, ApiCall], Awaitable[tuple[int, dict[str, Any]]]]

    async def wait_until_polling(self, timeout: float = 5.0) -> None:
        """Wait until the bot has a getUpdates long poll waiting (i.e. its poller is up)."""
        await self.log.wait_for(lambda: self.updates.polling > 0, timeout)

    def set_allowed_updates(self, allowed: Iterable[str]) -> None:
        if not isinstance(allowed, list | tuple | set | frozenset):
            raise bad_request("can't parse allowed updates JSON object")
        self.allowed_updates_param = [str(kind) for kind in allowed]
        self.allowed_updates = allowed_set(self.allowed_updates_param)

    def _deliver(self, updates: list[dict[str, Any]], *, forced: bool = False) -> None:
        if not forced:
            kept = [u for u in updates if update_type(u) in self.allowed_updates]
            if len(kept) != len(updates):
                self.filtered_updates.extend(u for u in updates if u not in kept)
            updates = kept
        if updates:
            if self.webhook is not None:
                self.webhook.push(updates)
            else:
                self.updates.push(updates, forced=forced)
        self.log.notify()

    async def install_webhook(
        self, url: str, *, secret_token: str | None, max_connections: int, drop_pending: bool
    ) -> None:
        assert self._session is not None, "emulator not started"
        pending = await self.webhook.stop() if self.webhook else self.updates.drain()
        self.webhook = WebhookDeliverer(
            self._session,
            url,
            secret_token=secret_token,
            max_connections=max_connections,
            retry_delay=self.webhook_retry_delay,
            timeout=self.webhook_timeout,
            on_attempt=self._on_webhook_attempt,
            on_reply=self._on_webhook_reply,
        )
        if not drop_pending:
            self.webhook.push(pending)

    async def remove_webhook(self, *, drop_pending: bool) -> None:
        pending = await self.webhook.stop() if self.webhook else []
        self.webhook = None
        if drop_pending:
            self.updates.drain()
        elif pending:
            self.updates.push(pending)

    def _on_webhook_attempt(self, attempt: WebhookAttempt) -> None:
        self.webhook_responses.append(attempt)
        self.log.notify()

    async def _on_webhook_reply(self, reply: dict[str, Any]) -> None:
        spec = METHODS.get(str(reply["method"]).lower())
        if spec is not None:
            params = normalize({k: v for k, v in reply.items() if k != "method"})
            await self._execute(spec, ApiCall(-1, spec.name, params, time.monotonic()))
