"""An agent in the agents' forum group, through the emulator — the desk's side, beside the
parent's (tests/e2e/parent.py): waits for the case's topic and card, reads the topic, presses
the card's buttons, writes in the topic and waits for the card's edits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.emulator import BotApiEmulator
from tests.emulator.models import ApiCall, Chat

CallFilter = Callable[[ApiCall], bool]


def in_chat(chat: Chat, thread: int | None = None) -> CallFilter:
    """Calls to ``chat`` (in topic ``thread``, if given)."""

    def match(call: ApiCall) -> bool:
        if str(call.params.get("chat_id")) != str(chat.id):
            return False
        return thread is None or str(call.params.get("message_thread_id")) == str(thread)

    return match


def in_topic(thread: int | None) -> CallFilter:
    """Calls to topic ``thread`` (of whichever group)."""
    return lambda call: str(call.params.get("message_thread_id")) == str(thread)


def shown(call: ApiCall) -> str:
    """What Telegram shows of a message the bot sent: its text or caption ("" if refused)."""
    result = call.result if isinstance(call.result, dict) else {}
    return str(result.get("text") or result.get("caption") or "")


def buttons_of(message: dict[str, Any]) -> dict[str, str]:
    """A message's inline buttons, label → callback data."""
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return {button["text"]: button["callback_data"] for row in rows for button in row}


class TelegramAgent:
    """One agent of ``group``. ``greeting`` is a first message in the group, which is how the
    bot learns the agent is a member (None: say nothing, e.g. with ``agent_ids`` configured).

    `topic` and `card` wait for a case's topic and its card and remember them: `press`,
    `say`, `card_edited` and `messages` then act on that topic and card."""

    def __init__(
        self,
        emulator: BotApiEmulator,
        group: Chat,
        *,
        greeting: str | None = "hello team",
        name: str = "Alice",
        language_code: str = "en",
    ) -> None:
        self.emulator = emulator
        self.group = group
        self.user = emulator.make_user(name, language_code=language_code)
        if greeting is not None:
            emulator.inject_text(self.user, greeting, chat=group)
        self.thread: int | None = None
        self.card_id: int | None = None

    # -- what the bot posts in the group ----------------------------------------------------

    async def topic(self, *, since: int = 0, timeout: float = 15.0) -> ApiCall:
        """The next topic the bot creates in the group (Telegram accepted it)."""
        call = await self.emulator.wait_for_call(
            "createForumTopic", in_chat(self.group), timeout, since=since, ok_only=True
        )
        self.thread = call.result["message_thread_id"]
        return call

    async def card(self, *, since: int = 0, timeout: float = 15.0) -> ApiCall:
        """The first message in the topic: the case's card."""
        call = await self.posted("sendMessage", since=since, timeout=timeout)
        self.card_id = call.result["message_id"]
        return call

    async def posted(
        self,
        method: str = "sendMessage",
        text: str | None = None,
        *,
        since: int = 0,
        timeout: float = 15.0,
    ) -> ApiCall:
        """The next ``method`` call in the topic; with ``text``, one that Telegram accepted
        and that shows ``text`` (in its text or caption)."""
        here = in_topic(self.thread)

        def match(call: ApiCall) -> bool:
            return here(call) and (text is None or text in shown(call))

        return await self.emulator.wait_for_call(method, match, timeout, since=since)

    async def card_edited(
        self, shows: str, *, since: int = 0, timeout: float = 15.0, buttons: bool = False
    ) -> ApiCall:
        """The next edit of the card whose text shows ``shows`` (other edits, such as the bills
        check's, may come in between); ``buttons``: in its text or its buttons."""
        card = str(self.card_id)

        def match(call: ApiCall) -> bool:
            seen = str(call.params) if buttons else str(call.params.get("text"))
            return str(call.params.get("message_id")) == card and shows in seen

        return await self.emulator.wait_for_call("editMessageText", match, timeout, since=since)

    def messages(self) -> list[dict[str, Any]]:
        """The topic's messages as they are now (edits applied), oldest first."""
        return self.emulator.sent_messages(self.group.id, self.thread)

    def message(self, message_id: int | None = None) -> dict[str, Any]:
        """A message of the topic as it is now (the card by default)."""
        wanted = self.card_id if message_id is None else message_id
        return next(m for m in reversed(self.messages()) if m["message_id"] == wanted)

    def buttons(self, message_id: int | None = None) -> dict[str, str]:
        """The buttons of a message of the topic (the card by default), label → data."""
        return buttons_of(self.message(message_id))

    # -- what the agent does -----------------------------------------------------------------

    async def press(
        self,
        label: str | None = None,
        *,
        action: str | None = None,
        message_id: int | None = None,
        timeout: float = 10.0,
    ) -> ApiCall:
        """Press the button labelled ``label`` (or whose data is the card action ``action``:
        ``claim``, ``ask``...) of a message of the topic (the card by default); returns the
        press's answer once Telegram has taken it (its pop-up text is ``params["text"]``)."""
        message = self.message(message_id)
        found = buttons_of(message)
        if label is not None:
            data = found.get(label)
        else:
            data = next((d for d in found.values() if f"|{action}|" in d), None)
        if data is None:
            raise AssertionError(f"no button {label or action!r} in {list(found)}")
        return await self.press_data(data, message_id=message["message_id"], timeout=timeout)

    async def press_data(
        self, data: str, *, message_id: int | None = None, timeout: float = 10.0
    ) -> ApiCall:
        """Press a button of a message (the card by default) that sends ``data``, whatever
        the message shows: as a forged client would."""
        message = self.card_id if message_id is None else message_id
        assert message is not None, "no card yet: await agent.card() first"
        since = self.emulator.mark()
        update = self.emulator.inject_callback(self.user, message, data, chat=self.group)
        query = str(update["callback_query"]["id"])
        return await self.emulator.wait_for_call(
            "answerCallbackQuery",
            lambda c: str(c.params.get("callback_query_id")) == query,
            timeout,
            since=since,
            ok_only=True,
        )

    def say(self, text: str) -> dict[str, Any]:
        """Write ``text`` in the topic (the update sent)."""
        return self.emulator.inject_text(self.user, text, chat=self.group, thread_id=self.thread)

    def command(self, command: str) -> dict[str, Any]:
        """Type ``/command`` in the group, outside any topic (the update sent)."""
        return self.emulator.inject_command(self.user, command, chat=self.group)
