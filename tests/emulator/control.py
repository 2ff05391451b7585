"""Test-facing controls for faults and flood limits (mixed into the emulator).

Examples::

    emu.fail_next("sendMessage", status=429, retry_after=2)  # next sendMessage -> 429
    emu.fail_next(status=502, count=3)                       # next 3 calls of any method
    emu.drop_next("sendPhoto", after_processing=True)        # sent, but the bot sees a reset
    emu.slow_next("getFile", delay=1.5)
    emu.raw_next("getUpdates", "<html>502 Bad Gateway</html>", status=502)  # not JSON
    emu.fail_randomly("sendMessage", probability=0.1)        # seeded: reproducible
    emu.enable_rate_limits(per_group=20, group_window=60, overall=30, overall_window=1)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .faults import Fault, FaultPlan, RateLimiter, RateLimitViolation


def _lower(method: str | None) -> str | None:
    return method.lower() if method else None


class FaultControlMixin:
    faults: FaultPlan
    rate_limiter: RateLimiter | None

    def fail_next(
        self,
        method: str | None = None,
        status: int = 500,
        *,
        retry_after: int | None = None,
        description: str | None = None,
        count: int = 1,
        delay: float = 0.0,
        predicate: Callable[[dict[str, Any]], bool] | None = None,
    ) -> Fault:
        """The next ``count`` calls of ``method`` (any method if None) answer ``status``.

        ``delay`` makes the error arrive late (a gateway timing out); ``predicate`` filters on
        the call's params, e.g. ``lambda p: p["chat_id"] == chat.id``.
        """
        return self.faults.add(
            Fault(
                "error",
                _lower(method),
                count,
                status=status,
                retry_after=retry_after,
                description=description,
                delay=delay,
                predicate=predicate,
            )
        )

    def drop_next(
        self,
        method: str | None = None,
        *,
        count: int = 1,
        after_processing: bool = False,
        delay: float = 0.0,
        predicate: Callable[[dict[str, Any]], bool] | None = None,
    ) -> Fault:
        """Close the connection without an answer, after ``delay`` seconds.

        With ``after_processing=True`` the call takes effect first (the message is sent, the
        bot just never learns it): the classic source of duplicate messages on retry.
        """
        return self.faults.add(
            Fault(
                "drop",
                _lower(method),
                count,
                delay=delay,
                after_processing=after_processing,
                predicate=predicate,
            )
        )

    def slow_next(
        self,
        method: str | None = None,
        delay: float = 1.5,
        *,
        count: int = 1,
        predicate: Callable[[dict[str, Any]], bool] | None = None,
    ) -> Fault:
        """Answer the next ``count`` calls only after ``delay`` seconds."""
        return self.faults.add(
            Fault("delay", _lower(method), count, delay=delay, predicate=predicate)
        )

    def raw_next(
        self,
        method: str | None = None,
        body: str | bytes = "<html><body><h1>502 Bad Gateway</h1></body></html>",
        *,
        status: int = 502,
        content_type: str = "text/html",
        count: int = 1,
        delay: float = 0.0,
        predicate: Callable[[dict[str, Any]], bool] | None = None,
    ) -> Fault:
        """Answer the next ``count`` calls with ``body`` as it is, not Telegram's envelope:
        the HTML page of a proxy in front of the Bot API (the default), or a 200 whose JSON is
        not what the method returns (``raw_next("getUpdates", '{"ok":true,"result":{}}',
        status=200, content_type="application/json")``). The call has no effect."""
        return self.faults.add(
            Fault(
                "raw",
                _lower(method),
                count,
                status=status,
                delay=delay,
                predicate=predicate,
                body=body,
                content_type=content_type,
            )
        )

    def fail_randomly(
        self,
        method: str | None = None,
        *,
        probability: float,
        kind: str = "error",
        status: int = 502,
        retry_after: int | None = None,
        delay: float = 0.0,
    ) -> Fault:
        """Fault each call with ``probability`` (drawn from the emulator's seeded RNG).

        ``kind`` is "error" (answer ``status``), "drop" or "delay" (answer late by ``delay``).
        """
        if kind not in ("error", "drop", "delay"):
            raise ValueError(f"unknown fault kind {kind!r}")
        return self.faults.add(
            Fault(
                kind,
                _lower(method),
                None,
                probability=probability,
                status=status,
                retry_after=retry_after,
                delay=delay,
            )
        )

    def clear_faults(self) -> None:
        self.faults.clear()

    def enable_rate_limits(self, **limits: Any) -> RateLimiter:
        """Return 429 beyond Telegram's flood limits; see :class:`RateLimiter` for kwargs."""
        self.rate_limiter = RateLimiter(**limits)
        return self.rate_limiter

    def disable_rate_limits(self) -> None:
        self.rate_limiter = None

    @property
    def rate_limit_violations(self) -> list[RateLimitViolation]:
        """Every 429 the flood limits produced (with scope "chat" or "global")."""
        return self.rate_limiter.violations if self.rate_limiter else []
