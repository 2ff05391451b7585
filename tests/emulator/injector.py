"""Builders for incoming updates ("a parent writes to the bot").

Every ``inject_*`` stores the user's message in the chat (so the bot can reply to it, copy it,
or get a callback on it), delivers the update (polling queue or webhook) and returns the update
dict, which a test can hand to :meth:`InjectorMixin.redeliver` to simulate Telegram sending it
again.
"""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Callable
from typing import Any

from .markup import utf16_len
from .models import Chat, User, given
from .state import World, ensure_member

_COMMAND_RE = re.compile(r"^/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]{3,32})?")
ChatRef = Chat | int | None
_ALBUM_IDS = itertools.count(13_000_000_000_000_001)


class InjectorMixin:
    world: World
    _update_ids: itertools.count[int]
    _issued_update_id: int

    _deliver: Callable[..., None]  # provided by DeliveryMixin

    # -- helpers ------------------------------------------------------------------------------

    def _new_update(self, kind: str, body: dict[str, Any]) -> dict[str, Any]:
        update_id = next(self._update_ids)
        self._issued_update_id = update_id
        return {"update_id": update_id, kind: body}

    def _chat(self, user: User, chat: ChatRef) -> Chat:
        self.world.users.setdefault(user.id, user)
        if chat is None:
            return self.world.make_private_chat(user)
        resolved = self.world.chats[chat] if isinstance(chat, int) else chat
        ensure_member(resolved, user)
        return resolved

    def _user_message(
        self,
        user: User,
        content: dict[str, Any],
        chat: ChatRef,
        thread_id: int | None,
        reply_to: int | dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        target = self._chat(user, chat)
        if thread_id is not None and target.is_forum and thread_id not in target.topics:
            raise ValueError(f"chat {target.id} has no topic {thread_id}")
        if isinstance(reply_to, int):
            reply_to = target.messages[reply_to]
        return self.world.store_message(
            target, user.to_api(), content, thread_id=thread_id, reply_to=reply_to
        )

    def _inject_message(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        update = self._new_update("message", self._user_message(*args, **kwargs))
        self._deliver([update])
        return update

    def _photo(self, caption: str | None, sizes: int, data: bytes | None) -> dict[str, Any]:
        return {"photo": self.world.files.photo_sizes(data, sizes)} | given(caption=caption)

    def _document(
        self, file_name: str, mime_type: str, size: int | None, data: bytes | None
    ) -> dict[str, Any]:
        document = self.world.files.api_object(
            "document", size=size or 1024, mime_type=mime_type, data=data, file_name=file_name
        )
        return {"document": {**document, "mime_type": mime_type}}

    # -- injections ---------------------------------------------------------------------------

    def inject_text(
        self,
        user: User,
        text: str,
        chat: ChatRef = None,
        thread_id: int | None = None,
        *,
        reply_to: int | dict[str, Any] | None = None,
        entities: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        match = _COMMAND_RE.match(text)
        if entities is None and match:
            entities = [{"type": "bot_command", "offset": 0, "length": utf16_len(match[0])}]
        content = {"text": text} | given(entities=entities)
        return self._inject_message(user, content, chat, thread_id, reply_to)

    def inject_command(
        self,
        user: User,
        command: str,
        payload: str | None = None,
        chat: ChatRef = None,
        thread_id: int | None = None,
        *,
        mention_bot: bool = False,
    ) -> dict[str, Any]:
        """``/command[@bot] [payload]`` with its ``bot_command`` entity (deep links: /start X)."""
        command = command if command.startswith("/") else f"/{command}"
        if mention_bot:
            command = f"{command}@{self.world.bot_username}"
        text = f"{command} {payload}" if payload else command
        entity = {"type": "bot_command", "offset": 0, "length": utf16_len(command)}
        return self.inject_text(user, text, chat, thread_id, entities=[entity])

    def inject_callback(
        self,
        user: User,
        message: int | dict[str, Any],
        data: str,
        *,
        chat: ChatRef = None,
    ) -> dict[str, Any]:
        """A press on an inline button of ``message`` (a message id in ``chat``, or the dict)."""
        if isinstance(message, int):
            target = self._chat(user, chat)
            if message not in target.messages:
                raise ValueError(f"chat {target.id} has no message {message}")
            message = target.messages[message]
        query_id = str(4_000_000_000_000_001 + len(self.world.callback_queries))
        self.world.callback_queries[query_id] = {"answer": None, "user_id": user.id}
        body = {
            "id": query_id,
            "from": user.to_api(),
            "message": dict(message),
            "chat_instance": str(abs(hash((user.id, message["chat"]["id"]))) % 10**18),
            "data": data,
        }
        update = self._new_update("callback_query", body)
        self._deliver([update])
        return update

    def inject_photo(
        self,
        user: User,
        caption: str | None = None,
        sizes: int = 3,
        media_group_id: str | None = None,
        *,
        data: bytes | None = None,
        chat: ChatRef = None,
        thread_id: int | None = None,
    ) -> dict[str, Any]:
        content = self._photo(caption, sizes, data) | given(media_group_id=media_group_id)
        return self._inject_message(user, content, chat, thread_id)

    def inject_document(
        self,
        user: User,
        file_name: str = "receipt.pdf",
        mime_type: str = "application/pdf",
        size: int | None = None,
        data: bytes | None = None,
        media_group_id: str | None = None,
        *,
        caption: str | None = None,
        chat: ChatRef = None,
        thread_id: int | None = None,
    ) -> dict[str, Any]:
        """A document; without ``data`` its bytes are generated lazily (``size`` may be huge)."""
        content = self._document(file_name, mime_type, size, data)
        content |= given(caption=caption, media_group_id=media_group_id)
        return self._inject_message(user, content, chat, thread_id)

    def inject_album(
        self,
        user: User,
        items: list[dict[str, Any] | str],
        *,
        chat: ChatRef = None,
        thread_id: int | None = None,
    ) -> list[dict[str, Any]]:
        """Several messages sharing a media_group_id, delivered together.

        Items: ``"photo"``, ``"document"`` or dicts like ``{"type": "photo", "caption": "..."}``
        / ``{"type": "document", "file_name": "a.pdf", "mime_type": ..., "size": ...}``.
        """
        group_id = str(next(_ALBUM_IDS))
        updates = []
        for raw in items:
            item: dict[str, Any] = {"type": raw} if isinstance(raw, str) else dict(raw)
            if item.get("type", "photo") == "photo":
                content = self._photo(item.get("caption"), item.get("sizes", 3), item.get("data"))
            else:
                document = self._document(
                    item.get("file_name", "document.pdf"),
                    item.get("mime_type", "application/pdf"),
                    item.get("size"),
                    item.get("data"),
                )
                content = document | given(caption=item.get("caption"))
            content["media_group_id"] = group_id
            message = self._user_message(user, content, chat, thread_id)
            updates.append(self._new_update("message", message))
        self._deliver(updates)
        return updates

    def inject_sticker(
        self, user: User, emoji: str = "👍", *, chat: ChatRef = None, thread_id: int | None = None
    ) -> dict[str, Any]:
        sticker = self.world.files.api_object(
            "sticker", size=18_000, mime_type="image/webp", width=512, height=512, emoji=emoji
        )
        sticker.update(type="regular", is_animated=False, is_video=False, set_name="EmulatorPack")
        return self._inject_message(user, {"sticker": sticker}, chat, thread_id)

    def inject_voice(
        self,
        user: User,
        duration: int = 3,
        *,
        data: bytes | None = None,
        chat: ChatRef = None,
        thread_id: int | None = None,
    ) -> dict[str, Any]:
        voice = self.world.files.api_object(
            "voice", size=duration * 4_000, mime_type="audio/ogg", data=data, duration=duration
        )
        voice["mime_type"] = "audio/ogg"
        return self._inject_message(user, {"voice": voice}, chat, thread_id)

    def inject_edited_text(
        self, user: User, message_id: int, new_text: str, *, chat: ChatRef = None
    ) -> dict[str, Any]:
        """The user edits one of their text messages (an ``edited_message`` update)."""
        target = self._chat(user, chat)
        message = target.messages[message_id]
        if message.get("from", {}).get("id") != user.id or "text" not in message:
            raise ValueError("only the author's own text messages can be edited")
        # A new dict, so the update the bot got earlier keeps showing the original text.
        edited = {k: v for k, v in message.items() if k != "entities"}
        edited.update(text=new_text, edit_date=int(time.time()))
        target.messages[message_id] = edited
        update = self._new_update("edited_message", edited)
        self._deliver([update])
        return update

    def inject_raw(self, update: dict[str, Any]) -> dict[str, Any]:
        """Deliver an arbitrary update; one with an already used update_id is a redelivery."""
        if "update_id" not in update:
            update = {"update_id": next(self._update_ids), **update}
            self._issued_update_id = update["update_id"]
            self._deliver([update])
        else:
            self._deliver([update], forced=update["update_id"] <= self._issued_update_id)
        return update

    def redeliver(self, update: dict[str, Any]) -> dict[str, Any]:
        """Send the very same update again (same update_id), as Telegram does after a timeout."""
        self._deliver([update], forced=True)
        return update
