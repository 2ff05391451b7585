"""Shared validation of message content: text/caption formatting, keyboards, replies."""

from __future__ import annotations

from typing import Any

from .errors import bad_request
from .markup import MarkupError, check_markdown_v2, parse_html, utf16_len
from .models import Chat
from .registry import as_int
from .state import World

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
# Keys of a Message that carry its content (what copyMessage/forwardMessage reproduce).
CONTENT_KEYS = (
    "text",
    "entities",
    "photo",
    "document",
    "sticker",
    "voice",
    "video",
    "audio",
    "animation",
    "video_note",
    "caption",
    "caption_entities",
    "has_media_spoiler",
    "location",
    "contact",
    "poll",
)
_BUTTON_ACTIONS = (
    "callback_data",
    "url",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)


def format_text(
    params: dict[str, Any],
    *,
    strict_html: bool,
    caption: bool = False,
) -> tuple[str | None, list[dict[str, Any]] | None]:
    """Apply ``parse_mode`` (or explicit entities) and Telegram's length/emptiness rules."""
    key, entities_key = ("caption", "caption_entities") if caption else ("text", "entities")
    text = params.get(key)
    if text is None or text == "":
        if caption:
            return None, None
        raise bad_request("message text is empty")
    text = str(text)
    entities = params.get(entities_key)
    parse_mode = str(params.get("parse_mode") or "").lower()
    try:
        if parse_mode == "html":
            text, entities = parse_html(text, strict=strict_html)
        elif parse_mode == "markdownv2":
            text, entities = check_markdown_v2(text), None
        elif parse_mode not in ("", "markdown"):
            raise bad_request("unsupported parse_mode")
    except MarkupError as exc:
        raise bad_request(f"can't parse entities: {exc}") from None
    if entities is not None and not isinstance(entities, list):
        raise bad_request(f"can't parse {entities_key} JSON object")
    if not text.strip():
        if caption:
            return None, None
        raise bad_request("message text is empty")
    limit = CAPTION_LIMIT if caption else TEXT_LIMIT
    if utf16_len(text) > limit:
        raise bad_request("message caption is too long" if caption else "message is too long")
    return text, (entities or None)


def apply_text(content: dict[str, Any], text: str | None, entities: Any, caption: bool) -> None:
    key, entities_key = ("caption", "caption_entities") if caption else ("text", "entities")
    for k in (key, entities_key):
        content.pop(k, None)
    if text is not None:
        content[key] = text
        if entities:
            content[entities_key] = entities


def inline_markup(params: dict[str, Any]) -> dict[str, Any] | None:
    """The inline keyboard to store on the message (reply keyboards are not part of it)."""
    markup = params.get("reply_markup")
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    rows = markup.get("inline_keyboard")
    if rows is None:
        return None
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request("can't parse inline keyboard markup JSON object")
    clean_rows = []
    for row in rows:
        clean_row = []
        for button in row:
            if not isinstance(button, dict) or not button.get("text"):
                raise bad_request("can't parse inline keyboard button: Text must be non-empty")
            button = {k: v for k, v in button.items() if v is not None}
            if not any(action in button for action in _BUTTON_ACTIONS):
                raise bad_request(
                    "can't parse inline keyboard button: "
                    "Text buttons are unallowed in the inline keyboard"
                )
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= 64:
                raise bad_request("BUTTON_DATA_INVALID")
            clean_row.append(button)
        clean_rows.append(clean_row)
    return {"inline_keyboard": clean_rows}


def destination(
    world: World, params: dict[str, Any], what: str = "text messages"
) -> tuple[Chat, int | None]:
    """The chat and topic a request posts to, once the bot may post ``what`` there."""
    chat = world.resolve_chat(params.get("chat_id"))
    thread_id = params.get("message_thread_id")
    world.check_can_send(chat, thread_id, what)
    return chat, thread_id


def set_keyboard(content: dict[str, Any], params: dict[str, Any]) -> None:
    """Give the message the request's inline keyboard, or none: an edit without
    ``reply_markup`` removes the keyboard, as on Telegram."""
    content.pop("reply_markup", None)
    markup = inline_markup(params)
    if markup:
        content["reply_markup"] = markup


def post_as_bot(
    world: World,
    chat: Chat,
    thread_id: int | None,
    content: dict[str, Any],
    params: dict[str, Any],
) -> dict[str, Any]:
    """Store the bot's new message, with the keyboard and the reply the request asks for."""
    set_keyboard(content, params)
    reply_to = reply_target(world, chat, params)
    return world.store_message(
        chat, world.bot_user(), content, thread_id=thread_id, reply_to=reply_to, by_bot=True
    )


def reply_target(world: World, chat: Chat, params: dict[str, Any]) -> dict[str, Any] | None:
    """The message replied to, from ``reply_parameters`` or legacy ``reply_to_message_id``."""
    reply = params.get("reply_parameters")
    if isinstance(reply, dict):
        message_id = reply.get("message_id")
        allow = bool(reply.get("allow_sending_without_reply"))
        if reply.get("chat_id") not in (None, chat.id):
            chat = world.resolve_chat(reply["chat_id"])
    else:
        message_id = params.get("reply_to_message_id")
        allow = bool(params.get("allow_sending_without_reply"))
    if message_id is None:
        return None
    target = world.find_message(chat, as_int(message_id, "reply message identifier"))
    if target is None and not allow:
        raise bad_request("message to be replied not found")
    return target
