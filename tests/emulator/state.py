"""The emulated Telegram world: users, chats, rights, messages, topics, what the bot sent."""

from __future__ import annotations

import time
from collections import defaultdict
from typing import Any

from .errors import bad_request, forbidden
from .files import FileStore
from .models import BotRights, Chat, Topic, User

TOPIC_COLORS = (7322096, 16766590, 13338331, 9367192, 16749490, 16478047)
_ADMIN_FLAGS = (
    "can_manage_chat",
    "can_change_info",
    "can_invite_users",
    "can_restrict_members",
    "can_promote_members",
    "can_manage_video_chats",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
    "can_send_welcome_messages",
)


class World:
    def __init__(self, bot_id: int, bot_username: str, bot_first_name: str) -> None:
        self.bot_id = bot_id
        self.bot_username = bot_username
        self.bot_first_name = bot_first_name
        self.users: dict[int, User] = {}
        self.chats: dict[int, Chat] = {}
        self.files = FileStore()
        self.sent: list[dict[str, Any]] = []
        self.sent_by_chat: defaultdict[int, list[dict[str, Any]]] = defaultdict(list)
        self.callback_queries: dict[str, dict[str, Any]] = {}  # id -> {"answer": params|None}
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.menu_buttons: dict[int | None, dict[str, Any]] = {}
        self._next_user_id = 700_000_001
        self._next_group = 1

    # -- factories ---------------------------------------------------------------------------

    def bot_user(self) -> dict[str, Any]:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    def make_user(
        self,
        first_name: str | None = None,
        *,
        language_code: str | None = "en",
        username: str | None = None,
        last_name: str | None = None,
        is_premium: bool = False,
    ) -> User:
        user_id = self._next_user_id
        self._next_user_id += 1
        user = User(
            id=user_id,
            first_name=first_name or f"Parent{user_id % 100_000}",
            last_name=last_name,
            username=username,
            language_code=language_code,
            is_premium=is_premium,
        )
        self.users[user.id] = user
        return user

    def make_private_chat(self, user: User) -> Chat:
        """The private chat with ``user`` (created, i.e. "the user started the bot", if new)."""
        self.users.setdefault(user.id, user)
        chat = self.chats.get(user.id)
        if chat is None:
            chat = Chat(id=user.id, type="private", user=user, bot_rights=BotRights("member"))
            chat.members[user.id] = "member"
            self.chats[chat.id] = chat
        return chat

    def make_group(
        self,
        title: str = "Test group",
        *,
        forum: bool = False,
        supergroup: bool = True,
        bot_rights: BotRights | dict[str, Any] | None = None,
        username: str | None = None,
        owner: User | None = None,
        members: tuple[User, ...] | list[User] = (),
    ) -> Chat:
        n = self._next_group
        self._next_group += 1
        chat_id = -1_001_000_000_000 - n if (supergroup or forum) else -400_000_000 - n
        chat = Chat(
            id=chat_id,
            type="supergroup" if (supergroup or forum) else "group",
            title=title,
            username=username,
            is_forum=forum,
            bot_rights=BotRights.coerce(bot_rights),
        )
        if owner is not None:
            self.users.setdefault(owner.id, owner)
            chat.members[owner.id] = "creator"
        for member in members:
            self.users.setdefault(member.id, member)
            chat.members.setdefault(member.id, "member")
        self.chats[chat.id] = chat
        return chat

    def make_topic(
        self,
        chat: Chat,
        name: str,
        icon_color: int = TOPIC_COLORS[0],
        *,
        creator: dict[str, Any] | None = None,
        icon_custom_emoji_id: str | None = None,
    ) -> Topic:
        """Create a topic (and its ``forum_topic_created`` service message) in a forum."""
        if not chat.is_forum:
            raise bad_request("the chat is not a forum")
        thread_id = chat.allocate_message_id()
        root = {
            "message_id": thread_id,
            "from": creator or self.bot_user(),
            "chat": chat.to_api(),
            "date": int(time.time()),
            "message_thread_id": thread_id,
            "forum_topic_created": {"name": name, "icon_color": icon_color},
            "is_topic_message": True,
        }
        if icon_custom_emoji_id:
            root["forum_topic_created"] = {
                "name": name,
                "icon_color": icon_color,
                "icon_custom_emoji_id": icon_custom_emoji_id,
            }
        chat.messages[thread_id] = root
        topic = Topic(thread_id, name, icon_color, icon_custom_emoji_id, root_message=root)
        chat.topics[thread_id] = topic
        return topic

    # -- lookups and permission checks --------------------------------------------------------

    def resolve_chat(self, chat_id: Any) -> Chat:
        if chat_id is None or chat_id == "":
            raise bad_request("chat_id is empty")
        if isinstance(chat_id, str):
            for chat in self.chats.values():
                if chat.username and f"@{chat.username}".lower() == chat_id.lower():
                    return chat
            raise bad_request("chat not found")
        found = self.chats.get(chat_id)
        if found is None:
            if chat_id in self.users:
                raise forbidden("bot can't initiate conversation with a user")
            raise bad_request("chat not found")
        return found

    def check_can_send(self, chat: Chat, thread_id: int | None, what: str = "text messages"):
        """Raise what Telegram raises when the bot may not post there; returns the topic."""
        if chat.type == "private":
            if chat.user is not None and chat.user.blocked_bot:
                raise forbidden("bot was blocked by the user")
        else:
            kind = "supergroup chat" if chat.type == "supergroup" else "group chat"
            if chat.bot_rights.status == "kicked":
                raise forbidden(f"bot was kicked from the {kind}")
            if chat.bot_rights.status == "left":
                raise forbidden(f"bot is not a member of the {kind}")
            if not chat.bot_rights.can_post:
                raise bad_request(f"not enough rights to send {what} to the chat")
        if thread_id is None or not chat.is_forum:
            return None
        topic = chat.topics.get(thread_id)
        if topic is None:
            raise bad_request("message thread not found")
        if topic.closed and not chat.bot_rights.can_manage_topics:
            raise bad_request("TOPIC_CLOSED")
        return topic

    def find_message(self, chat: Chat, message_id: Any) -> dict[str, Any] | None:
        return chat.messages.get(message_id) if isinstance(message_id, int) else None

    # -- messages -----------------------------------------------------------------------------

    def store_message(
        self,
        chat: Chat,
        sender: dict[str, Any],
        content: dict[str, Any],
        *,
        thread_id: int | None = None,
        reply_to: dict[str, Any] | None = None,
        by_bot: bool = False,
    ) -> dict[str, Any]:
        """Allocate an id, build the Message dict, store it (and log it if the bot sent it)."""
        message: dict[str, Any] = {
            "message_id": chat.allocate_message_id(),
            "from": sender,
            "chat": chat.to_api(),
            "date": int(time.time()),
        }
        topic = chat.topics.get(thread_id) if thread_id is not None else None
        if thread_id is not None:
            message["message_thread_id"] = thread_id
            if topic is not None:
                message["is_topic_message"] = True
        if reply_to is None and topic is not None:
            reply_to = topic.root_message
        if reply_to is not None:
            message["reply_to_message"] = {
                k: v for k, v in reply_to.items() if k != "reply_to_message"
            }
        message.update(content)
        chat.messages[message["message_id"]] = message
        if by_bot:
            self.sent.append(message)
            self.sent_by_chat[chat.id].append(message)
        return message

    def sent_messages(
        self, chat_id: int | None = None, thread_id: int | None = None
    ) -> list[dict[str, Any]]:
        messages = self.sent if chat_id is None else self.sent_by_chat.get(chat_id, [])
        if thread_id is None:
            return list(messages)
        return [m for m in messages if m.get("message_thread_id") == thread_id]

    # -- chat members -------------------------------------------------------------------------

    def chat_member(self, chat: Chat, user_id: int) -> dict[str, Any]:
        if user_id == self.bot_id:
            return self._bot_member(chat)
        user = self.users.get(user_id)
        if user is None:
            raise bad_request("user not found")
        status = chat.members.get(user_id, "left")
        member: dict[str, Any] = {"status": status, "user": user.to_api()}
        if status == "creator":
            member["is_anonymous"] = False
        elif status == "administrator":
            member.update(can_be_edited=False, is_anonymous=False, can_delete_messages=True)
            member.update(dict.fromkeys(_ADMIN_FLAGS, True), can_manage_topics=True)
        elif status == "kicked":
            member["until_date"] = 0
        return member

    def _bot_member(self, chat: Chat) -> dict[str, Any]:
        rights = chat.bot_rights
        member: dict[str, Any] = {"status": rights.status, "user": self.bot_user()}
        if chat.type == "private" or rights.status in {"member", "left"}:
            member["status"] = "member" if chat.type == "private" else rights.status
        elif rights.status == "kicked":
            member["until_date"] = 0
        else:
            member.update(dict.fromkeys(_ADMIN_FLAGS, False), can_manage_chat=True)
            member.update(
                can_be_edited=False,
                is_anonymous=False,
                can_delete_messages=rights.can_delete_messages,
                can_pin_messages=rights.can_pin_messages,
                can_manage_topics=rights.can_manage_topics,
            )
        return member

    def administrators(self, chat: Chat) -> list[dict[str, Any]]:
        if chat.type == "private":
            raise bad_request("there are no administrators in the private chat")
        admins = [
            self.chat_member(chat, user_id)
            for user_id, status in chat.members.items()
            if status in {"creator", "administrator"}
        ]
        if chat.bot_rights.is_admin:
            admins.append(self._bot_member(chat))
        return admins


def ensure_member(chat: Chat, user: User) -> None:
    """A user who writes in a group is obviously a member of it."""
    if chat.type != "private":
        chat.members.setdefault(user.id, "member")
