"""The core's replies rendered as Bot API calls: ``(chat_id, method, params)`` in plain JSON.

Rendering happens before the commit so the outbox holds exactly what will be sent. Text is
HTML with every parameter escaped (see :mod:`bot.i18n`), measured as Telegram measures it
(:mod:`bot.telegram.fitting`). A reply longer than 4,096 is split at part boundaries, the
buttons going with the last piece; a part too long for one message is cut (an ellipsis ends
the piece and starts the next); a caption over 1,024 and an edit over 4,096 are cut and end
with a translated "… (cut)"; a topic name over 128 ends with an ellipsis.
"""

from __future__ import annotations

import base64
from typing import Any

from bot.files.archive import ARCHIVE, archive_spec
from bot.i18n import Localizer
from bot.telegram.fitting import CONTINUED, cut_text, shorten, telegram_length
from handlers import replies
from handlers.events import MediaKind

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_ALBUM = 10  # sendMediaGroup takes 2-10 items
MAX_TOPIC_NAME = 128
Call = tuple[int, str, dict[str, Any]]
#: A file the bot uploads (made by the core, not on Telegram yet), kept as text in the outbox
#: row: ``{"_upload": {"file_name": ..., "mime_type": ..., "content": ...}}``.
UPLOAD = "_upload"


def _keyboard(
    localizer: Localizer, reply: replies.Reply | replies.EditMessage
) -> dict[str, Any] | None:
    if not reply.buttons:
        return None
    rows = [
        [{"text": localizer.plain(reply.language, b.label), "callback_data": b.data} for b in row]
        for row in reply.buttons
    ]
    return {"inline_keyboard": rows}


def split_text(pieces: list[str], limit: int = MAX_TEXT) -> list[str]:
    """Join pieces with blank lines into as few messages as fit under ``limit``; a piece too
    long for one message is cut (:func:`cut_text`), the cut marked with an ellipsis on both
    sides."""
    messages: list[str] = []
    current, used = "", 0
    for piece in pieces:
        width = telegram_length(piece)
        if current and used + 2 + width <= limit:
            current, used = f"{current}\n\n{piece}", used + 2 + width
            continue
        if current:
            messages.append(current)
        while width > limit:
            head, rest = cut_text(piece, limit - len(CONTINUED))
            messages.append(head + CONTINUED if rest else head)
            piece = CONTINUED + rest if rest else ""
            width = telegram_length(piece)
        current, used = piece, width
    if current or not messages:
        messages.append(current)
    return messages


def render_calls(localizer: Localizer, outgoing: list[replies.Outgoing]) -> list[Call]:
    calls: list[Call] = []
    for item in outgoing:
        if isinstance(item, replies.AnswerButton):
            params: dict[str, Any] = {"callback_query_id": item.callback_id}
            if item.notice is not None:
                params["text"] = localizer.plain(item.language, item.notice)
            calls.append((0, "answerCallbackQuery", params))
        elif isinstance(item, replies.Reply):
            calls.extend(_message_calls(localizer, item))
        elif isinstance(item, replies.SendMedia):
            calls.extend(_media_calls(localizer, item))
        elif isinstance(item, replies.EditMessage):
            whole = "\n\n".join(localizer.html(item.language, p) for p in item.parts)
            text = _cut_for_good(localizer, item.language, whole, MAX_TEXT)
            params = {
                "chat_id": item.chat_id,
                "message_id": item.message_id,
                "text": text,
                "parse_mode": "HTML",
            }
            keyboard = _keyboard(localizer, item)
            if keyboard:
                params["reply_markup"] = keyboard
            calls.append((item.chat_id, "editMessageText", params))
        elif isinstance(item, replies.SendDocument):
            method = "sendPhoto" if item.as_photo else "sendDocument"
            calls.append((item.chat_id, method, _document_params(localizer, item)))
        elif isinstance(item, replies.CreateTopic):
            name = localizer.plain(item.language, item.name)
            name = shorten(name, MAX_TOPIC_NAME, CONTINUED, markup=False)
            calls.append(
                (item.chat_id, "createForumTopic", {"chat_id": item.chat_id, "name": name})
            )
    return calls


def _placement(item: replies.Reply | replies.SendMedia) -> dict[str, Any]:
    """Where a message goes: chat, topic, the message it answers, or a case's thread (``_case``,
    resolved at sending time by the delivery)."""
    params: dict[str, Any] = {"chat_id": item.chat_id}
    if item.thread_id is not None:
        params["message_thread_id"] = item.thread_id
    if item.case_id is not None:
        params["_case"] = item.case_id
    if item.reply_to is not None:
        params["reply_parameters"] = {
            "message_id": item.reply_to,
            "allow_sending_without_reply": True,
        }
    return params


def _message_calls(localizer: Localizer, reply: replies.Reply) -> list[Call]:
    calls: list[Call] = []
    texts = split_text([localizer.html(reply.language, part) for part in reply.parts])
    for index, text in enumerate(texts):
        params = {**_placement(reply), "text": text, "parse_mode": "HTML"}
        keyboard = _keyboard(localizer, reply) if index == len(texts) - 1 else None
        if keyboard:
            params["reply_markup"] = keyboard
        calls.append((reply.chat_id, "sendMessage", params))
    return calls


def _media_calls(localizer: Localizer, item: replies.SendMedia) -> list[Call]:
    """Photos and documents go in separate albums (Telegram won't mix them), 10 at most each;
    a lone file is sent on its own. The caption goes on the first file."""
    caption = _caption(localizer, item.language, item.caption)
    calls: list[Call] = []
    for kind in (MediaKind.PHOTO, MediaKind.DOCUMENT):
        files = [m for m in item.media if m.kind is kind and m.file_id]
        for start in range(0, len(files), MAX_ALBUM):
            chunk = files[start : start + MAX_ALBUM]
            base = _placement(item)
            if len(chunk) == 1:
                params = {**base, kind.value: chunk[0].file_id}
                if caption:
                    params.update(caption=caption, parse_mode="HTML")
                method = "sendPhoto" if kind is MediaKind.PHOTO else "sendDocument"
                calls.append((item.chat_id, method, params))
            else:
                media = [{"type": kind.value, "media": m.file_id} for m in chunk]
                if caption:
                    media[0].update(caption=caption, parse_mode="HTML")
                calls.append((item.chat_id, "sendMediaGroup", {**base, "media": media}))
            caption = None
    return calls


def _document_params(localizer: Localizer, item: replies.SendDocument) -> dict[str, Any]:
    upload: dict[str, Any] = {
        "file_name": item.file_name,
        "mime_type": item.mime_type,
        "content": item.content,
    }
    if item.binary:
        upload["encoding"] = "base64"
    if item.attachments:  # made at sending time, with the files from the store (#16)
        upload[ARCHIVE] = archive_spec(item)
    field = "photo" if item.as_photo else "document"
    params: dict[str, Any] = {"chat_id": item.chat_id, field: {UPLOAD: upload}}
    if item.thread_id is not None:
        params["message_thread_id"] = item.thread_id
    caption = _caption(localizer, item.language, item.caption)
    if caption is not None:
        params.update(caption=caption, parse_mode="HTML")
    return params


def _caption(localizer: Localizer, language: str, caption: replies.Msg | None) -> str | None:
    if caption is None:
        return None
    return _cut_for_good(localizer, language, localizer.html(language, caption), MAX_CAPTION)


def _cut_for_good(localizer: Localizer, language: str, text: str, limit: int) -> str:
    """``text``, or as much of it as fits with "… (cut)" in the reader's language after it:
    what does not fit here is not sent anywhere else."""
    if telegram_length(text) <= limit:
        return text
    return shorten(text, limit, localizer.html(language, replies.Msg("text-cut")))


def take_uploads(params: dict[str, Any]) -> tuple[dict[str, Any], dict[str, tuple[str, bytes]]]:
    """Split a call's parameters into the plain ones and its uploads, ``{field: (file name,
    bytes)}``, for a transport to wrap in its framework's input-file type."""
    plain: dict[str, Any] = {}
    uploads: dict[str, tuple[str, bytes]] = {}
    for name, value in params.items():
        if isinstance(value, dict) and UPLOAD in value:
            upload = value[UPLOAD]
            content = upload["content"]
            if isinstance(content, bytes):  # an archive made at sending time
                data = content
            elif upload.get("encoding") == "base64":
                data = base64.b64decode(content)
            else:
                data = content.encode("utf-8")
            uploads[name] = (upload["file_name"], data)
        else:
            plain[name] = value
    return plain, uploads


_RECEIPT_KEYS = ("message_id", "message_thread_id", "date")


def receipt(result: dict[str, Any]) -> dict[str, Any]:
    """What the outbox keeps of Telegram's answer: ids, never the message itself (it repeats
    the text and names the person of a private chat)."""
    if isinstance(result.get("messages"), list):
        return {"messages": [receipt(m) for m in result["messages"] if isinstance(m, dict)]}
    kept = {key: result[key] for key in _RECEIPT_KEYS if key in result}
    if isinstance(result.get("result"), bool | int | str):
        kept["result"] = result["result"]
    return kept
