"""Pending updates for getUpdates, with Telegram's offset/limit/timeout semantics.

* An update is confirmed (and forgotten) once getUpdates is called with an ``offset`` higher
  than its ``update_id``; a negative offset keeps only the last ``-offset`` updates.
* A long poll returns as soon as at least one update is pending.
* A second concurrent getUpdates makes the first one fail with 409, as on Telegram.
* Redelivered updates (``forced``) are returned once more even though their id is below the
  confirmed offset: that is how a test simulates Telegram re-sending an update.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .errors import ApiError

# What Telegram sends when allowed_updates is not specified (or empty).
DEFAULT_ALLOWED = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "business_connection",
        "business_message",
        "edited_business_message",
        "deleted_business_messages",
        "inline_query",
        "chosen_inline_result",
        "callback_query",
        "shipping_query",
        "pre_checkout_query",
        "purchased_paid_media",
        "poll",
        "poll_answer",
        "my_chat_member",
        "chat_join_request",
        "chat_boost",
        "removed_chat_boost",
    }
)
CONFLICT_OTHER_POLL = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)


def update_type(update: dict[str, Any]) -> str:
    for key in update:
        if key != "update_id":
            return key
    return ""


def allowed_set(allowed_updates: Iterable[str] | None) -> frozenset[str]:
    allowed = frozenset(allowed_updates or ())
    return allowed or DEFAULT_ALLOWED


def update_key(update: dict[str, Any]) -> int | str:
    """The chat an update belongs to (used to keep per-chat order in webhook delivery)."""
    body = update.get(update_type(update))
    if isinstance(body, dict):
        chat = body.get("chat") or (body.get("message") or {}).get("chat")
        if isinstance(chat, dict) and "id" in chat:
            return int(chat["id"])
        sender = body.get("from")
        if isinstance(sender, dict) and "id" in sender:
            return int(sender["id"])
    return "global"


@dataclass
class _Entry:
    update: dict[str, Any]
    forced: bool = False
    served: bool = False

    @property
    def update_id(self) -> int:
        return int(self.update["update_id"])


class UpdateQueue:
    def __init__(self, on_poll: Callable[[], None] | None = None) -> None:
        self.polling = 0  # long polls currently waiting
        self._on_poll = on_poll
        self._entries: deque[_Entry] = deque()
        self._forced = 0  # entries that may sit below the confirmed offset
        self._changed = asyncio.Event()
        self._generation = 0
        self.closed = False

    def __len__(self) -> int:
        return len(self._entries)

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    def push(self, updates: Iterable[dict[str, Any]], *, forced: bool = False) -> None:
        for update in updates:
            self._entries.append(_Entry(update, forced=forced))
            self._forced += forced
        self._notify()

    def drain(self) -> list[dict[str, Any]]:
        """Remove and return everything pending (the webhook takes over)."""
        updates = [entry.update for entry in self._entries]
        self._entries.clear()
        self._forced = 0
        return updates

    def close(self) -> None:
        self.closed = True
        self._notify()

    def confirm(self, offset: int) -> None:
        entries = self._entries
        if offset < 0:
            while len(entries) > -offset:
                self._forced -= entries.popleft().forced
            return
        while (
            entries
            and entries[0].update_id < offset
            and (not entries[0].forced or entries[0].served)
        ):
            self._forced -= entries.popleft().forced
        if self._forced:
            kept = [e for e in entries if e.update_id >= offset or (e.forced and not e.served)]
            if len(kept) != len(entries):
                self._entries = deque(kept)
                self._forced = sum(e.forced for e in kept)

    def _take(self, limit: int) -> list[dict[str, Any]]:
        batch: list[dict[str, Any]] = []
        for entry in self._entries:
            if len(batch) >= limit:
                break
            entry.served = True
            batch.append(entry.update)
        return batch

    async def get(self, offset: int | None, limit: int, timeout: float) -> list[dict[str, Any]]:
        self._generation += 1
        generation = self._generation
        self._notify()  # wakes a previous long poll, which then answers 409
        if offset is not None:
            self.confirm(offset)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + max(timeout, 0)
        while True:
            if generation != self._generation:
                raise ApiError(409, CONFLICT_OTHER_POLL)
            batch = self._take(limit)
            remaining = deadline - loop.time()
            if batch or self.closed or remaining <= 0:
                return batch
            event = self._changed
            self.polling += 1
            if self._on_poll is not None:
                self._on_poll()
            try:
                async with asyncio.timeout(remaining):
                    await event.wait()
            except TimeoutError:
                pass
            finally:
                self.polling -= 1
