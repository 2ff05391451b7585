"""A test double for a parent's private chat: sends events to the core, keeps what came back."""

from __future__ import annotations

from itertools import count

from bot.i18n import Localizer
from handlers.conversation import Conversation
from handlers.events import EventKind, Incoming, Media, Sender
from handlers.replies import Button, Reply, SendMedia

_ids = count(1)


class ParentChat:
    def __init__(
        self,
        conversation: Conversation,
        localizer: Localizer,
        *,
        user_id: int = 1001,
        language_code: str | None = "en",
    ) -> None:
        #: The parent, in their private chat with the bot (its id is theirs).
        self.sender = Sender(user_id, language_code, "Parent")
        self.chat_id = user_id
        self.conversation = conversation
        self.localizer = localizer
        self.replies: list[Reply] = []
        self.answered_buttons = 0
        #: Everything the last event produced that went to another chat (the agents' group).
        self.conversation_out: list[Reply] = []

    @property
    def last(self) -> Reply:
        return self.replies[-1]

    @property
    def keys(self) -> list[str]:
        """The locale keys of the last reply's parts, in order."""
        return [part.key for part in self.last.parts]

    @property
    def text(self) -> str:
        """The last reply as the parent reads it, in the reply's language."""
        return "\n".join(self.localizer.plain(self.last.language, p) for p in self.last.parts)

    def labels(self) -> list[str]:
        return [self.localizer.plain(self.last.language, b.label) for b in self.buttons()]

    def buttons(self) -> list[Button]:
        return [button for row in self.last.buttons for button in row]

    async def _send(self, **fields: object) -> list[Reply]:
        event = Incoming(sender=self.sender, chat_id=self.chat_id, message_id=next(_ids), **fields)  # type: ignore[arg-type]
        out = await self.conversation.handle(event)
        self.conversation_out = [
            item
            for item in out
            if isinstance(item, Reply | SendMedia) and item.chat_id != self.chat_id
        ]
        replies = [
            item for item in out if isinstance(item, Reply) and item.chat_id == self.chat_id
        ]
        self.answered_buttons += sum(1 for item in out if type(item).__name__ == "AnswerButton")
        self.replies.extend(replies)
        return replies

    async def say(self, text: str) -> list[Reply]:
        return await self._send(kind=EventKind.TEXT, text=text)

    async def command(self, command: str, payload: str = "") -> list[Reply]:
        return await self._send(kind=EventKind.COMMAND, command=command, payload=payload)

    async def press(self, key: str) -> list[Reply]:
        """Press the last reply's button whose label has this locale key."""
        for button in self.buttons():
            if button.label.key == key:
                return await self.press_data(button.data)
        raise AssertionError(f"no button {key} in {[b.label.key for b in self.buttons()]}")

    async def press_data(self, data: str) -> list[Reply]:
        return await self._send(kind=EventKind.BUTTON, payload=data, callback_id=f"cb{next(_ids)}")

    async def upload(self, *media: Media, group: str | None = None) -> list[Reply]:
        return await self._send(kind=EventKind.MEDIA, media=media, media_group_id=group)

    async def send_kind(self, kind: EventKind) -> list[Reply]:
        return await self._send(kind=kind)


async def start_failed_payment(chat: ParentChat, account: str = "acct-1") -> None:
    """A parent's claim on Douyin of a payment that failed (no child's age is asked), answered
    up to the account: the next question is how it was paid."""
    await chat.command("start", "douyin")
    await chat.press("button-consent-yes")
    await chat.press("problem-payment-failed")
    await chat.press("writer-parent")
    await chat.say(account)


async def start_claim(
    chat: ParentChat, platform: str, problem: str, writer: str = "writer-parent"
) -> None:
    """``/start``, consent, then the platform, the problem and who writes, each pressed: the
    next question is the child's age (a purchase by a minor) or the account."""
    await chat.command("start")
    await chat.press("button-consent-yes")
    await chat.press(platform)
    await chat.press(problem)
    await chat.press(writer)


async def finish_to_review(chat: ParentChat, description: str) -> None:
    """From the last purchase answered: no other purchase, no evidence, the ``description``,
    no contact. The next step is the review (``button-submit``)."""
    await chat.press("button-tx-done")
    await chat.press("button-no-evidence")
    await chat.say(description)
    await chat.press("button-skip-contact")
