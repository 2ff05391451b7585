"""Text messages: send, edit, delete, copy, forward, chat actions, callback answers."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from .content import (
    CONTENT_KEYS,
    apply_text,
    destination,
    format_text,
    post_as_bot,
    set_keyboard,
)
from .errors import bad_request
from .models import Chat
from .registry import api_method, as_int, int_param, required

if TYPE_CHECKING:
    from .server import BotApiEmulator

CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


@api_method("sendMessage")
def send_message(emu: BotApiEmulator, params: dict[str, Any]) -> dict[str, Any]:
    world = emu.world
    chat, thread_id = destination(world, params)
    text, entities = format_text(params, strict_html=emu.strict_html)
    content: dict[str, Any] = {}
    apply_text(content, text, entities, caption=False)
    return post_as_bot(world, chat, thread_id, content, params)


def _editable(emu: BotApiEmulator, params: dict[str, Any]) -> tuple[Chat, dict[str, Any]]:
    if params.get("inline_message_id"):
        raise bad_request("MESSAGE_ID_INVALID")
    chat = emu.world.resolve_chat(params.get("chat_id"))
    message = emu.world.find_message(chat, int_param(params, "message_id", "message identifier"))
    if message is None:
        raise bad_request("message to edit not found")
    if message["from"]["id"] != emu.world.bot_id:
        raise bad_request("message can't be edited")
    return chat, message


def _finish_edit(
    message: dict[str, Any], updated: dict[str, Any], params: dict[str, Any]
) -> dict[str, Any]:
    def content(m: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in m.items() if k != "edit_date"}

    set_keyboard(updated, params)
    if content(updated) == content(message):
        raise bad_request(NOT_MODIFIED)
    message.clear()
    message.update(updated)
    message["edit_date"] = int(time.time())
    return message


@api_method("editMessageText")
def edit_message_text(emu: BotApiEmulator, params: dict[str, Any]) -> dict[str, Any]:
    return _edit_words(emu, params, caption=False)


@api_method("editMessageCaption")
def edit_message_caption(emu: BotApiEmulator, params: dict[str, Any]) -> dict[str, Any]:
    return _edit_words(emu, params, caption=True)


def _edit_words(emu: BotApiEmulator, params: dict[str, Any], *, caption: bool) -> dict[str, Any]:
    """A text message's text, or a media message's caption (a text message has no caption)."""
    _chat, message = _editable(emu, params)
    if ("text" in message) == caption:
        raise bad_request(f"there is no {'caption' if caption else 'text'} in the message to edit")
    words, entities = format_text(params, strict_html=emu.strict_html, caption=caption)
    updated = dict(message)
    apply_text(updated, words, entities, caption=caption)
    return _finish_edit(message, updated, params)


@api_method("editMessageReplyMarkup")
def edit_message_reply_markup(emu: BotApiEmulator, params: dict[str, Any]) -> dict[str, Any]:
    _chat, message = _editable(emu, params)
    return _finish_edit(message, dict(message), params)


@api_method("deleteMessage")
def delete_message(emu: BotApiEmulator, params: dict[str, Any]) -> bool:
    world = emu.world
    chat = world.resolve_chat(params.get("chat_id"))
    message_id = int_param(params, "message_id", "message identifier")
    message = world.find_message(chat, message_id)
    if message is None:
        raise bad_request("message to delete not found")
    own = message.get("from", {}).get("id") == world.bot_id
    if chat.type != "private" and not own and not chat.bot_rights.can_delete_messages:
        raise bad_request("message can't be deleted")
    del chat.messages[message_id]
    return True


@api_method("deleteMessages")
def delete_messages(emu: BotApiEmulator, params: dict[str, Any]) -> bool:
    chat = emu.world.resolve_chat(params.get("chat_id"))
    message_ids = params.get("message_ids")
    if not isinstance(message_ids, list) or not 1 <= len(message_ids) <= 100:
        raise bad_request("message_ids must be a non-empty list of at most 100 identifiers")
    for message_id in message_ids:
        chat.messages.pop(as_int(message_id, "message identifier"), None)
    return True


def _copy_source(
    emu: BotApiEmulator, params: dict[str, Any], verb: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    source_chat = emu.world.resolve_chat(params.get("from_chat_id"))
    message_id = int_param(params, "message_id", "message identifier")
    source = emu.world.find_message(source_chat, message_id)
    if source is None:
        raise bad_request(f"message to {verb} not found")
    content = {k: source[k] for k in CONTENT_KEYS if k in source}
    if not content:
        raise bad_request(f"message can't be {'copied' if verb == 'copy' else 'forwarded'}")
    return source, content


@api_method("copyMessage")
def copy_message(emu: BotApiEmulator, params: dict[str, Any]) -> dict[str, Any]:
    world = emu.world
    _source, content = _copy_source(emu, params, "copy")
    chat, thread_id = destination(world, params)
    if "caption" in params and "text" not in content:
        caption, entities = format_text(params, strict_html=emu.strict_html, caption=True)
        apply_text(content, caption, entities, caption=True)
    message = post_as_bot(world, chat, thread_id, content, params)
    return {"message_id": message["message_id"]}


@api_method("forwardMessage")
def forward_message(emu: BotApiEmulator, params: dict[str, Any]) -> dict[str, Any]:
    world = emu.world
    source, content = _copy_source(emu, params, "forward")
    chat, thread_id = destination(world, params)
    origin = source.get("forward_origin") or {
        "type": "user",
        "sender_user": source["from"],
        "date": source["date"],
    }
    content["forward_origin"] = origin
    return world.store_message(chat, world.bot_user(), content, thread_id=thread_id, by_bot=True)


@api_method("sendChatAction")
def send_chat_action(emu: BotApiEmulator, params: dict[str, Any]) -> bool:
    chat = emu.world.resolve_chat(params.get("chat_id"))
    if required(params, "action") not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    emu.world.check_can_send(chat, params.get("message_thread_id"))
    return True


@api_method("answerCallbackQuery")
def answer_callback_query(emu: BotApiEmulator, params: dict[str, Any]) -> bool:
    query = emu.world.callback_queries.get(str(params.get("callback_query_id") or ""))
    if query is None or query["answer"] is not None:
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    if len(str(params.get("text") or "")) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    query["answer"] = params
    return True
