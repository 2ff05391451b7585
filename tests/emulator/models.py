"""Plain data objects of the emulated Telegram world (users, chats, topics, recorded calls).

Everything that goes over the wire is a plain ``dict`` shaped like the Bot API object; these
dataclasses only hold the emulator's own bookkeeping and know how to render themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Fields both frameworks require on ChatFullInfo (Bot API 9.x) but the emulator has no use for.
_ACCEPTED_GIFT_TYPES = {
    "unlimited_gifts": False,
    "limited_gifts": False,
    "unique_gifts": False,
    "premium_subscription": False,
    "gifts_from_channels": False,
}


def given(**fields: Any) -> dict[str, Any]:
    """Those of ``fields`` that are set: the optional fields of a Bot API object."""
    return {name: value for name, value in fields.items() if value}


@dataclass(eq=False)
class User:
    """A human Telegram user (``from`` of injected updates)."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = "en"
    is_premium: bool = False
    blocked_bot: bool = False

    def to_api(self) -> dict[str, Any]:
        data = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        return data | given(
            last_name=self.last_name,
            username=self.username,
            language_code=self.language_code,
            is_premium=self.is_premium,
        )


@dataclass
class BotRights:
    """What the bot may do in a group.

    ``status`` is the bot's ChatMember status: ``administrator``, ``member``, ``left`` or
    ``kicked``. ``can_post=False`` models a group where members may not send messages.
    """

    status: str = "administrator"
    can_post: bool = True
    can_manage_topics: bool = True
    can_delete_messages: bool = True
    can_pin_messages: bool = True

    @classmethod
    def coerce(cls, value: BotRights | dict[str, Any] | None) -> BotRights:
        if value is None:
            return cls()
        if isinstance(value, BotRights):
            return value
        return cls(**value)

    @property
    def is_admin(self) -> bool:
        return self.status == "administrator"


@dataclass
class Topic:
    """A forum topic; ``thread_id`` is the id of its ``forum_topic_created`` service message."""

    thread_id: int
    name: str
    icon_color: int
    icon_custom_emoji_id: str | None = None
    closed: bool = False
    root_message: dict[str, Any] = field(default_factory=dict)

    def to_api(self) -> dict[str, Any]:
        data = {
            "message_thread_id": self.thread_id,
            "name": self.name,
            "icon_color": self.icon_color,
        }
        return data | given(icon_custom_emoji_id=self.icon_custom_emoji_id)


@dataclass(eq=False)
class Chat:
    """A chat with its message history (``messages`` maps message_id to the API dict)."""

    id: int
    type: str  # private | group | supergroup | channel
    title: str | None = None
    username: str | None = None
    user: User | None = None  # the other side of a private chat
    is_forum: bool = False
    bot_rights: BotRights = field(default_factory=BotRights)
    members: dict[int, str] = field(default_factory=dict)  # user id -> ChatMember status
    messages: dict[int, dict[str, Any]] = field(default_factory=dict)
    topics: dict[int, Topic] = field(default_factory=dict)
    next_message_id: int = 1

    def allocate_message_id(self) -> int:
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id

    def to_api(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.type == "private" and self.user is not None:
            user = self.user
            data |= {"first_name": user.first_name}
            data |= given(last_name=user.last_name, username=user.username)
        else:
            data |= {"title": self.title} | given(username=self.username)
        return data | given(is_forum=self.is_forum)

    def full_info(self) -> dict[str, Any]:
        """``ChatFullInfo`` as returned by getChat."""
        data = self.to_api()
        data.update(
            accent_color_id=self.id % 7,
            max_reaction_count=11,
            accepted_gift_types=dict(_ACCEPTED_GIFT_TYPES),
        )
        if self.type != "private":
            data["permissions"] = {
                "can_send_messages": True,
                "can_send_photos": True,
                "can_send_documents": True,
                "can_manage_topics": False,
            }
        return data


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request, as received."""

    data: bytes
    filename: str
    mime_type: str

    def __repr__(self) -> str:  # keep call logs readable
        return f"UploadedFile({self.filename!r}, {self.mime_type!r}, {len(self.data)} bytes)"


@dataclass
class ApiCall:
    """One request the bot made.

    ``params`` is normalised (ints are ints, JSON fields are decoded, file parts are
    :class:`UploadedFile`, ``attach://`` references in ``media`` are resolved), so assertions do
    not depend on which framework sent the request. ``status`` is the HTTP status answered
    (``None`` for a dropped connection), ``fault`` names an injected fault, if any.
    """

    seq: int
    method: str
    params: dict[str, Any]
    time: float
    status: int | None = None
    result: Any = None
    error: dict[str, Any] | None = None
    fault: str | None = None

    @property
    def ok(self) -> bool:
        """Answered 200 with Telegram's envelope (a ``raw_next`` 200 is not)."""
        return self.status == 200 and not (self.fault or "").startswith("raw")


@dataclass
class WebhookAttempt:
    """One POST of an update to the bot's webhook (``status`` is None on a network error)."""

    update_id: int
    status: int | None
    time: float
    error: str | None = None
