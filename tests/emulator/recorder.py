"""The log of every call the bot made, indexed by method, with event-driven waiting.

Waiters never poll: each registers an :class:`asyncio.Event` that is set whenever anything
observable changes (a call recorded, an update injected, a webhook attempt...). A
``wait_for_call`` waiter keeps a cursor into the per-method list, so each wake-up only looks
at the calls that arrived since the last one.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Callable
from typing import Any, TypeVar

from .models import ApiCall

T = TypeVar("T")


class CallLog:
    def __init__(self, canonical: Callable[[str], str]) -> None:
        self.calls: list[ApiCall] = []
        self.by_method: defaultdict[str, list[ApiCall]] = defaultdict(list)
        self._canonical = canonical
        self._waiters: set[asyncio.Event] = set()

    def next_seq(self) -> int:
        return len(self.calls)

    def add(self, call: ApiCall) -> None:
        call.seq = len(self.calls)
        self.calls.append(call)
        self.by_method[call.method].append(call)
        self.notify()

    def notify(self) -> None:
        for event in self._waiters:
            event.set()

    def calls_of(self, method: str) -> list[ApiCall]:
        return list(self.by_method.get(self._canonical(method), ()))

    async def wait_for(self, predicate: Callable[[], T | None], timeout: float = 5.0) -> T:
        """Wait until ``predicate()`` is truthy (re-checked on every change); return it."""
        event = asyncio.Event()
        self._waiters.add(event)
        try:
            async with asyncio.timeout(timeout):
                while True:
                    event.clear()
                    value = predicate()
                    if value:
                        return value
                    await event.wait()
        except TimeoutError:
            raise TimeoutError(f"condition not met within {timeout}s") from None
        finally:
            self._waiters.discard(event)

    async def wait_for_call(
        self,
        method: str,
        predicate: Callable[[ApiCall], Any] | None = None,
        timeout: float = 5.0,
        *,
        since: int = 0,
        ok_only: bool = False,
    ) -> ApiCall:
        """First call of ``method`` with ``seq >= since`` matching ``predicate``."""
        name = self._canonical(method)
        bucket = self.by_method[name]
        cursor = 0
        while cursor < len(bucket) and bucket[cursor].seq < since:
            cursor += 1

        def scan() -> ApiCall | None:
            nonlocal cursor
            while cursor < len(bucket):
                call = bucket[cursor]
                cursor += 1
                if ok_only and not call.ok:
                    continue
                if predicate is None or predicate(call):
                    return call
            return None

        try:
            return await self.wait_for(scan, timeout)
        except TimeoutError:
            seen = [(c.seq, c.status, _short(c.params)) for c in bucket[-5:]]
            raise TimeoutError(
                f"no matching {name} call within {timeout}s; last ones: {seen}"
            ) from None


def _short(params: dict[str, Any]) -> dict[str, Any]:
    return {k: (v if len(repr(v)) < 60 else repr(v)[:57] + "...") for k, v in params.items()}
