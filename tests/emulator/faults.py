"""Programmable faults and Telegram-like flood limits.

A :class:`Fault` applies to one method (or to every method when ``method`` is None), either
to the next ``count`` matching calls or, with ``probability``, to each call drawn from the
emulator's seeded RNG. Kinds:

* ``error``: answer ``status`` with Telegram's envelope (429 gets ``retry_after``);
* ``drop``: close the connection without answering (``after_processing=True`` first performs
  the call, like a message that was sent although the bot never saw the answer);
* ``delay``: sleep ``delay`` seconds before handling the call normally;
* ``raw``: answer ``status`` with ``body`` as it is (``content_type``), not Telegram's JSON:
  a proxy's HTML error page, a truncated body, JSON of the wrong shape.
"""

from __future__ import annotations

import math
import random
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .errors import ApiError, default_description, too_many_requests

# Calls that put a message into a chat, for the flood limits.
SEND_METHODS = frozenset(
    {
        "sendmessage",
        "sendphoto",
        "senddocument",
        "sendmediagroup",
        "sendsticker",
        "sendvoice",
        "sendvideo",
        "sendaudio",
        "sendanimation",
        "sendlocation",
        "sendcontact",
        "sendpoll",
        "copymessage",
        "forwardmessage",
    }
)


@dataclass
class Fault:
    kind: str  # "error" | "drop" | "delay" | "raw"
    method: str | None = None  # lower-case method name, None = any method
    count: int | None = 1  # None = unlimited (use with probability)
    probability: float = 1.0
    status: int = 500
    description: str | None = None
    retry_after: int | None = None
    delay: float = 0.0
    after_processing: bool = False
    predicate: Callable[[dict[str, Any]], bool] | None = None
    body: str | bytes = b""  # kind "raw" only
    content_type: str = "text/html"  # kind "raw" only

    def error(self) -> ApiError:
        if self.status == 429:
            return too_many_requests(self.retry_after or 1)
        params = {"retry_after": self.retry_after} if self.retry_after else None
        return ApiError(self.status, self.description or default_description(self.status), params)

    @property
    def label(self) -> str:
        return {
            "error": str(self.status),
            "drop": "drop",
            "delay": f"delay {self.delay}s",
            "raw": f"raw {self.status}",
        }[self.kind]


class FaultPlan:
    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._faults: list[Fault] = []

    def add(self, fault: Fault) -> Fault:
        self._faults.append(fault)
        return fault

    def clear(self) -> None:
        self._faults.clear()

    def __bool__(self) -> bool:
        return bool(self._faults)

    def _find(self, method: str, params: dict[str, Any]) -> Fault | None:
        fallback = None
        for fault in self._faults:
            if fault.method not in (method, None):
                continue
            if fault.predicate is not None and not fault.predicate(params):
                continue
            if fault.method == method:
                return fault
            fallback = fallback or fault
        return fallback

    def match(self, method: str, params: dict[str, Any]) -> Fault | None:
        """First applicable fault (method-specific ones before global ones), consumed."""
        fault = self._find(method, params)
        if fault is None:
            return None
        if fault.probability < 1.0 and self._rng.random() >= fault.probability:
            return None
        if fault.count is not None:
            fault.count -= 1
            if fault.count <= 0:
                self._faults.remove(fault)
        return fault


@dataclass
class RateLimitViolation:
    method: str
    chat_id: Any
    scope: str  # "chat" | "global"
    retry_after: int
    time: float


@dataclass(kw_only=True, eq=False)
class RateLimiter:
    """Sliding windows: per group chat (20/min) and overall (30/s), both configurable.

    ``per_private_chat`` (None by default) additionally limits each private chat.
    """

    per_group: int = 20
    group_window: float = 60.0
    """A group chat takes ``per_group`` sends in any ``group_window`` seconds."""
    overall: int = 30
    overall_window: float = 1.0
    """All chats together take ``overall`` sends in any ``overall_window`` seconds."""
    per_private_chat: int | None = None
    private_window: float = 1.0
    """A private chat takes ``per_private_chat`` sends (None: any number) in any
    ``private_window`` seconds."""
    violations: list[RateLimitViolation] = field(default_factory=list)
    _global: deque[float] = field(default_factory=deque)
    _chats: defaultdict[Any, deque[float]] = field(default_factory=lambda: defaultdict(deque))

    @staticmethod
    def _retry(
        window: deque[float], limit: int, needed: int, span: float, now: float
    ) -> int | None:
        """None if ``needed`` more sends fit into the window, else seconds until they do."""
        while window and window[0] <= now - span:
            window.popleft()
        if len(window) + needed <= limit or not window:
            return None
        frees_at = window[min(len(window) + needed - limit - 1, len(window) - 1)] + span
        return max(1, math.ceil(frees_at - now))

    def check(self, method: str, chat_id: Any, messages: int = 1) -> None:
        """Count ``messages`` sends into ``chat_id``; raise 429 if a window is full."""
        now = time.monotonic()
        is_group = isinstance(chat_id, int) and chat_id < 0
        chat_limit = self.per_group if is_group else self.per_private_chat
        chat_span = self.group_window if is_group else self.private_window
        checks = [("global", self._global, self.overall, self.overall_window)]
        if chat_limit is not None:
            checks.append(("chat", self._chats[chat_id], chat_limit, chat_span))
        for scope, window, limit, span in checks:
            retry_after = self._retry(window, limit, messages, span, now)
            if retry_after is not None:
                self.violations.append(
                    RateLimitViolation(method, chat_id, scope, retry_after, time.monotonic())
                )
                raise too_many_requests(retry_after)
        for _scope, window, _limit, _span in checks:
            window.extend([now] * messages)
