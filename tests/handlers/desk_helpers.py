"""Shared set-up for the agent desk tests: a submitted case and an agent in the group."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from itertools import count

from handlers.conversation import Conversation
from handlers.events import EventKind, Incoming, Media, MediaKind, Sender
from handlers.replies import AnswerButton, EditMessage, Outgoing, Reply, SendMedia
from storage.models import Case, CaseTransaction
from storage.repositories import cases, users
from tests.case_rows import add_parent, case_row

GROUP = -1001234567890
TOPIC = 77
_ids = count(1)


async def submitted_case(
    database,
    now: datetime,
    *,
    user_id: int = 1001,
    reference="K7QM4",
    language="fr",
    topic: int | None = TOPIC,
    team: str = "main",
) -> Case:
    async with database.unit_of_work() as session:
        if await users.get_user(session=session, user_id=user_id) is None:
            await add_parent(session, user_id, now=now, language=language)
        case = case_row(
            reference,
            at=now,
            user_id=user_id,
            language=language,
            minor_age=11,
            description="<b>mon fils</b>",
            topic_id=topic,
            card_message_id=500,
            handoff_status="done",
            evidence_posted=True,
            team=team,
        )
        txs = [
            CaseTransaction(
                case_id=0, position=0, amount=Decimal("648"), currency="CNY", occurred_at=now
            )
        ]
        await cases.add_case(session=session, case=case, transactions=txs)
        return case


class Agent:
    """An agent (or anyone) in the support group."""

    def __init__(
        self,
        conversation: Conversation,
        user_id: int = 9001,
        name: str = "Alice",
        *,
        chat_id: int = GROUP,
    ):
        self.conversation = conversation
        self.sender = Sender(user_id, "en", name)
        self.chat_id = chat_id
        self.out: list[Outgoing] = []

    async def _send(self, **fields) -> list[Outgoing]:
        fields.setdefault("message_id", next(_ids))
        event = Incoming(sender=self.sender, chat_id=self.chat_id, is_private=False, **fields)
        self.out = await self.conversation.handle(event)
        return self.out

    async def press(
        self, case: Case, action: str, argument: str = "", *, on: int | None = None
    ) -> list[Outgoing]:
        return await self.press_data(f"d|{case.id}|{action}|{argument}", on=on)

    async def press_data(self, data: str, *, on: int | None = None) -> list[Outgoing]:
        """Press a button with ``data``; ``on``: the message it is under (the card's id)."""
        more = {} if on is None else {"message_id": on}
        return await self._send(kind=EventKind.BUTTON, payload=data, callback_id="cb", **more)

    async def write(
        self,
        text: str,
        *,
        thread: int | None = TOPIC,
        edited: bool = False,
        reply_to_text: str | None = None,
    ) -> list[Outgoing]:
        return await self._send(
            kind=EventKind.TEXT,
            text=text,
            thread_id=thread,
            edited=edited,
            reply_to_text=reply_to_text,
        )

    async def photo(self, caption: str = "") -> list[Outgoing]:
        media = (Media(MediaKind.PHOTO, file_id="agent-photo"),)
        return await self._send(kind=EventKind.MEDIA, media=media, text=caption, thread_id=TOPIC)

    async def command(self, command: str, payload: str = "") -> list[Outgoing]:
        return await self._send(
            kind=EventKind.COMMAND, command=command, payload=payload, thread_id=TOPIC
        )

    def notice(self) -> str | None:
        answers = [o for o in self.out if isinstance(o, AnswerButton)]
        return answers[0].notice.key if answers and answers[0].notice else None

    def to(self, chat_id: int) -> list[str]:
        """Keys of what was sent to a chat (parts of messages, captions of media)."""
        keys: list[str] = []
        for item in self.out:
            if isinstance(item, Reply) and item.chat_id == chat_id:
                keys += [p.key for p in item.parts]
            elif isinstance(item, SendMedia) and item.chat_id == chat_id and item.caption:
                keys.append(item.caption.key)
        return keys

    def edited_card(self) -> bool:
        return any(isinstance(o, EditMessage) and o.message_id == 500 for o in self.out)

    def card(self) -> EditMessage:
        """The case card (message 500) as the last event edited it."""
        return next(o for o in self.out if isinstance(o, EditMessage) and o.message_id == 500)

    def card_keys(self) -> list[str]:
        return [p.key for p in self.card().parts]

    def card_status(self) -> str:
        return self.card().parts[0].params["status"].key

    def card_buttons(self) -> list[str]:
        """The data of the card's buttons, row after row."""
        return [b.data for row in self.card().buttons for b in row]


async def reload(database, case: Case) -> Case:
    async with database.unit_of_work() as session:
        fresh = await cases.case_by_id(session=session, case_id=case.id)
        assert fresh is not None
        return fresh
