"""A parent on Telegram, through the emulator: sends what a client would, reads what came back."""

from __future__ import annotations

from typing import Any

from bot.i18n import Localizer
from handlers.replies import Msg
from tests.emulator import BotApiEmulator


class TelegramParent:
    def __init__(
        self, emulator: BotApiEmulator, localizer: Localizer, *, language_code: str, name: str
    ) -> None:
        self.emulator = emulator
        self.localizer = localizer
        self.user = emulator.make_user(name, language_code=language_code)
        self.chat_id = self.user.id
        self.language = "en"
        self.last: dict[str, Any] = {}
        self.timeout = 20.0

    def _for_me(self, call: Any) -> bool:
        return str(call.params.get("chat_id")) == str(self.chat_id)

    async def _reply_after(self, since: int) -> dict[str, Any]:
        call = await self.emulator.wait_for_call(
            "sendMessage", self._for_me, timeout=self.timeout, since=since, ok_only=True
        )
        self.last = call.result
        return self.last

    async def say(self, text: str) -> dict[str, Any]:
        since = self.emulator.mark()
        self.emulator.inject_text(self.user, text)
        return await self._reply_after(since)

    async def command(self, command: str, payload: str | None = None) -> dict[str, Any]:
        since = self.emulator.mark()
        self.emulator.inject_command(self.user, command, payload)
        return await self._reply_after(since)

    async def album(self, count: int, caption: str | None = None) -> dict[str, Any]:
        since = self.emulator.mark()
        items = [{"type": "photo", "caption": caption if i == 0 else None} for i in range(count)]
        self.emulator.inject_album(self.user, items)
        return await self._reply_after(since)

    def buttons(self) -> list[dict[str, str]]:
        markup = self.last.get("reply_markup") or {}
        return [button for row in markup.get("inline_keyboard", []) for button in row]

    def label(self, key: str, **params: Any) -> str:
        return self.localizer.plain(self.language, Msg(key, params))

    def expects(self, key: str, **params: Any) -> bool:
        """The last message contains this locale message (rendered in the parent's language)."""
        return self.label(key, **params).split("\n")[0] in self.last.get("text", "")

    def data_of(self, key: str, **params: Any) -> str:
        """The callback data of the last message's button labelled with this locale message."""
        label = self.label(key, **params)
        data = next((b["callback_data"] for b in self.buttons() if b["text"] == label), None)
        if data is None:
            raise AssertionError(f"no button {label!r} in {[b['text'] for b in self.buttons()]}")
        return data

    async def press(self, key: str, **params: Any) -> dict[str, Any]:
        data = self.data_of(key, **params)
        since = self.emulator.mark()
        update = self.emulator.inject_callback(self.user, self.last["message_id"], data)
        reply = await self._reply_after(since)
        await self.emulator.wait_for(lambda: self.emulator.callback_answer(update))
        return reply
