"""Chat information, members and forum topics."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import bad_request
from .models import Chat, Topic
from .registry import api_method, int_param, required
from .state import TOPIC_COLORS

if TYPE_CHECKING:
    from .server import BotApiEmulator


@api_method("getChat")
def get_chat(emu: BotApiEmulator, params: dict[str, Any]) -> dict[str, Any]:
    return emu.world.resolve_chat(params.get("chat_id")).full_info()


@api_method("getChatMember")
def get_chat_member(emu: BotApiEmulator, params: dict[str, Any]) -> dict[str, Any]:
    chat = emu.world.resolve_chat(params.get("chat_id"))
    return emu.world.chat_member(chat, int_param(params, "user_id"))


@api_method("getChatAdministrators")
def get_chat_administrators(emu: BotApiEmulator, params: dict[str, Any]) -> list[dict[str, Any]]:
    return emu.world.administrators(emu.world.resolve_chat(params.get("chat_id")))


@api_method("getChatMemberCount")
def get_chat_member_count(emu: BotApiEmulator, params: dict[str, Any]) -> int:
    chat = emu.world.resolve_chat(params.get("chat_id"))
    if chat.type == "private":
        return 2
    humans = sum(status not in ("left", "kicked") for status in chat.members.values())
    return humans + (chat.bot_rights.status in ("administrator", "member"))


def _forum(emu: BotApiEmulator, params: dict[str, Any]) -> Chat:
    chat = emu.world.resolve_chat(params.get("chat_id"))
    if not chat.is_forum:
        raise bad_request("the chat is not a forum")
    return chat


def _topic(emu: BotApiEmulator, params: dict[str, Any], *, manage: bool = True) -> Topic:
    chat = _forum(emu, params)
    topic = chat.topics.get(int_param(params, "message_thread_id"))
    if topic is None:
        raise bad_request("TOPIC_ID_INVALID")
    own = topic.root_message.get("from", {}).get("id") == emu.world.bot_id
    rights = chat.bot_rights
    if manage and not own and not (rights.is_admin and rights.can_manage_topics):
        raise bad_request("not enough rights to manage topics")
    return topic


def _topic_name(params: dict[str, Any]) -> str:
    name = str(required(params, "name", "TOPIC_TITLE"))
    if len(name) > 128:
        raise bad_request("TOPIC_TITLE_INVALID")
    return name


@api_method("createForumTopic")
def create_forum_topic(emu: BotApiEmulator, params: dict[str, Any]) -> dict[str, Any]:
    chat = _forum(emu, params)
    if not (chat.bot_rights.is_admin and chat.bot_rights.can_manage_topics):
        raise bad_request("not enough rights to create a topic")
    name = _topic_name(params)
    color = params.get("icon_color") or TOPIC_COLORS[0]
    if color not in TOPIC_COLORS:
        raise bad_request("TOPIC_ICON_COLOR_INVALID")
    topic = emu.world.make_topic(
        chat,
        name,
        color,
        creator=emu.world.bot_user(),
        icon_custom_emoji_id=params.get("icon_custom_emoji_id") or None,
    )
    return topic.to_api()


@api_method("editForumTopic")
def edit_forum_topic(emu: BotApiEmulator, params: dict[str, Any]) -> bool:
    topic = _topic(emu, params)
    name = _topic_name(params) if params.get("name") else topic.name
    emoji = params.get("icon_custom_emoji_id", topic.icon_custom_emoji_id) or None
    if (name, emoji) == (topic.name, topic.icon_custom_emoji_id):
        raise bad_request("TOPIC_NOT_MODIFIED")
    topic.name, topic.icon_custom_emoji_id = name, emoji
    return True


def _set_closed(emu: BotApiEmulator, params: dict[str, Any], closed: bool) -> bool:
    topic = _topic(emu, params)
    if topic.closed == closed:
        raise bad_request("TOPIC_NOT_MODIFIED")
    topic.closed = closed
    return True


@api_method("closeForumTopic")
def close_forum_topic(emu: BotApiEmulator, params: dict[str, Any]) -> bool:
    return _set_closed(emu, params, True)


@api_method("reopenForumTopic")
def reopen_forum_topic(emu: BotApiEmulator, params: dict[str, Any]) -> bool:
    return _set_closed(emu, params, False)


@api_method("deleteForumTopic")
def delete_forum_topic(emu: BotApiEmulator, params: dict[str, Any]) -> bool:
    chat = _forum(emu, params)
    topic = _topic(emu, params, manage=False)
    if not (chat.bot_rights.is_admin and chat.bot_rights.can_delete_messages):
        raise bad_request("not enough rights to delete a topic")
    del chat.topics[topic.thread_id]
    for message_id in [
        mid
        for mid, message in chat.messages.items()
        if message.get("message_thread_id") == topic.thread_id
    ]:
        del chat.messages[message_id]
    return True
