"""Framework update objects → the core's :class:`~handlers.events.Incoming`.

python-telegram-bot and aiogram model updates with the same attribute names (``from_user``,
``message_thread_id``, ``media_group_id``, ``file_id``…), so one converter serves both; each
transport first parses the raw update with its own framework's types.
"""

from __future__ import annotations

from typing import Any

from handlers.events import EventKind, Incoming, Media, MediaKind, Sender


def _clean(text: str | None) -> str | None:
    """Text as the core may store it: PostgreSQL refuses a NUL in text (and the transaction
    with it), so one in what a sender typed or named is dropped here, for every kind of text.
    Lengths are the core's business (:mod:`handlers.bounds`)."""
    return None if text is None else text.replace("\x00", "")


def _sender(user: Any) -> Sender:
    name = " ".join(part for part in (user.first_name, user.last_name) if part)
    return Sender(user.id, user.language_code, _clean(name) or "")


def _command(message: Any, text: str) -> tuple[str, str] | None:
    """``/start@MyBot douyin`` → ("start", "douyin") when the text begins with a command."""
    entities = message.entities or ()
    if not any(e.type == "bot_command" and e.offset == 0 for e in entities):
        return None
    head, _, rest = text.partition(" ")
    return head[1:].split("@", 1)[0], rest.strip()


def _media(message: Any) -> tuple[Media, ...]:
    if message.photo:
        largest = message.photo[-1]  # sizes come smallest first
        return (
            Media(
                MediaKind.PHOTO,
                file_id=largest.file_id,
                file_unique_id=largest.file_unique_id,
                mime_type="image/jpeg",
                size=largest.file_size,
            ),
        )
    document = message.document
    if document:
        return (
            Media(
                MediaKind.DOCUMENT,
                file_id=document.file_id,
                file_unique_id=document.file_unique_id,
                file_name=_clean(document.file_name),
                mime_type=_clean(document.mime_type),
                size=document.file_size,
            ),
        )
    return ()


def incoming_from(update: Any) -> Incoming | None:
    query = update.callback_query
    if query is not None:
        message = query.message
        chat = getattr(message, "chat", None)
        return Incoming(
            sender=_sender(query.from_user),
            chat_id=chat.id if chat else query.from_user.id,
            kind=EventKind.BUTTON,
            payload=query.data or "",
            callback_id=query.id,
            message_id=getattr(message, "message_id", None),
            thread_id=getattr(message, "message_thread_id", None),
            is_private=chat is None or chat.type == "private",
        )
    message = update.message or update.edited_message
    if message is None or message.from_user is None:
        return None
    replied = message.reply_to_message
    created = message.forum_topic_created
    base: dict[str, Any] = {
        "reply_to_text": _clean(replied.text or replied.caption) if replied else None,
        "topic_created": _clean(created.name) if created else None,
        "sender": _sender(message.from_user),
        "chat_id": message.chat.id,
        "message_id": message.message_id,
        "thread_id": message.message_thread_id if message.is_topic_message else None,
        "is_private": message.chat.type == "private",
        "edited": update.edited_message is not None,
        "media_group_id": _clean(message.media_group_id),
    }
    text = _clean(message.text)
    if text is not None:
        command = _command(message, text)
        if command:
            return Incoming(
                kind=EventKind.COMMAND,
                command=command[0],
                payload=command[1],
                text=text,
                **base,
            )
        return Incoming(kind=EventKind.TEXT, text=text, **base)
    media = _media(message)
    if media:
        caption = _clean(message.caption) or ""
        return Incoming(kind=EventKind.MEDIA, media=media, text=caption, **base)
    if message.sticker is not None:
        return Incoming(kind=EventKind.STICKER, **base)
    if message.voice or message.video_note or message.audio:
        return Incoming(kind=EventKind.VOICE, **base)
    return Incoming(kind=EventKind.OTHER, **base)
