"""The core's replies rendered as Bot API calls: ``(chat_id, method, params)`` in plain JSON.

Rendering happens before the commit so the outbox holds exactly what will be sent. Text is
HTML with every parameter escaped (see :mod:`bot.i18n`); a reply longer than Telegram's 4,096
characters is split at part boundaries, the buttons going with the last piece.
"""

from __future__ import annotations

from typing import Any

from bot.i18n import Localizer
from handlers.replies import AnswerButton, Outgoing, Reply

MAX_TEXT = 4096
Call = tuple[int, str, dict[str, Any]]


def _keyboard(localizer: Localizer, reply: Reply) -> dict[str, Any] | None:
    if not reply.buttons:
        return None
    rows = [
        [{"text": localizer.plain(reply.language, b.label), "callback_data": b.data} for b in row]
        for row in reply.buttons
    ]
    return {"inline_keyboard": rows}


def split_text(pieces: list[str], limit: int = MAX_TEXT) -> list[str]:
    """Join pieces with blank lines into as few messages as fit under ``limit``."""
    messages: list[str] = []
    current = ""
    for piece in pieces:
        while len(piece) > limit:  # a single piece too long for one message: cut it
            if current:
                messages.append(current)
                current = ""
            messages.append(piece[:limit])
            piece = piece[limit:]
        candidate = f"{current}\n\n{piece}" if current else piece
        if len(candidate) > limit:
            messages.append(current)
            current = piece
        else:
            current = candidate
    if current or not messages:
        messages.append(current)
    return messages


def render_calls(localizer: Localizer, outgoing: list[Outgoing]) -> list[Call]:
    calls: list[Call] = []
    for item in outgoing:
        if isinstance(item, AnswerButton):
            params: dict[str, Any] = {"callback_query_id": item.callback_id}
            if item.notice is not None:
                params["text"] = localizer.plain(item.language, item.notice)
            calls.append((0, "answerCallbackQuery", params))
            continue
        texts = split_text([localizer.html(item.language, part) for part in item.parts])
        for index, text in enumerate(texts):
            params = {"chat_id": item.chat_id, "text": text, "parse_mode": "HTML"}
            if item.thread_id is not None:
                params["message_thread_id"] = item.thread_id
            keyboard = _keyboard(localizer, item) if index == len(texts) - 1 else None
            if keyboard:
                params["reply_markup"] = keyboard
            calls.append((item.chat_id, "sendMessage", params))
    return calls
