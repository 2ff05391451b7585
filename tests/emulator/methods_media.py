"""Media messages: sendPhoto, sendDocument, sendMediaGroup and friends, plus getFile."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

from .content import apply_text, destination, format_text, post_as_bot, reply_target
from .errors import bad_request
from .files import MAX_DOWNLOAD_SIZE
from .models import UploadedFile
from .registry import api_method, as_int, required

if TYPE_CHECKING:
    from .server import BotApiEmulator

_GROUP_IDS = itertools.count(13_900_000_000_000_001)
_RIGHTS_WORDING = {
    "photo": "photos",
    "document": "documents",
    "voice": "voice notes",
    "sticker": "stickers",
    "video": "videos",
    "audio": "audio files",
    "animation": "animations",
}


def media_object(emu: BotApiEmulator, kind: str, value: Any, item: dict[str, Any]) -> Any:
    """The Message field for one piece of media (a PhotoSize list for photos)."""
    files = emu.world.files
    if kind == "photo":
        if isinstance(value, UploadedFile):
            return files.photo_sizes(value.data)
        if isinstance(value, str) and value and not value.startswith(("http://", "https://")):
            stored = files.get(value)
            width, height = stored.dims or (1280, 960)
            entry = stored.to_api()
            entry.pop("file_path", None)
            return [{**entry, "width": width, "height": height}]
        if not value:
            raise bad_request("there is no photo in the request")
        return files.photo_sizes(None)
    stored, name = files.resolve_input(value, kind)
    obj = stored.to_api()
    obj.pop("file_path", None)
    if kind in ("document", "audio", "video", "animation"):
        obj["file_name"] = name or stored.file_path.rsplit("/", 1)[-1]
        obj["mime_type"] = stored.mime_type
    if kind in ("voice", "audio", "video", "animation"):
        obj["duration"] = as_int(item.get("duration") or 1, "duration")
    if kind == "voice":
        obj["mime_type"] = "audio/ogg"
    if kind in ("video", "animation"):
        width, height = item.get("width") or 640, item.get("height") or 360
        obj.update(width=as_int(width, "width"), height=as_int(height, "height"))
    if kind == "sticker":
        obj.update(type="regular", width=512, height=512, is_animated=False, is_video=False)
        if item.get("emoji"):
            obj["emoji"] = item["emoji"]
    return obj


def _send_media(emu: BotApiEmulator, params: dict[str, Any], kind: str) -> dict[str, Any]:
    world = emu.world
    chat, thread_id = destination(world, params, _RIGHTS_WORDING[kind])
    content: dict[str, Any] = {kind: media_object(emu, kind, params.get(kind), params)}
    if kind != "sticker":
        caption, entities = format_text(params, strict_html=emu.strict_html, caption=True)
        apply_text(content, caption, entities, caption=True)
    if params.get("has_spoiler"):
        content["has_media_spoiler"] = True
    return post_as_bot(world, chat, thread_id, content, params)


def _register(kind: str, method: str) -> None:
    def handler(emu: BotApiEmulator, params: dict[str, Any]) -> dict[str, Any]:
        return _send_media(emu, params, kind)

    handler.__name__ = f"send_{kind}"
    api_method(method)(handler)


for _kind, _method in (
    ("photo", "sendPhoto"),
    ("document", "sendDocument"),
    ("voice", "sendVoice"),
    ("sticker", "sendSticker"),
    ("video", "sendVideo"),
    ("audio", "sendAudio"),
    ("animation", "sendAnimation"),
):
    _register(_kind, _method)


@api_method("sendMediaGroup")
def send_media_group(emu: BotApiEmulator, params: dict[str, Any]) -> list[dict[str, Any]]:
    world = emu.world
    chat = world.resolve_chat(params.get("chat_id"))
    media = params.get("media")
    if media is None:
        raise bad_request('parameter "media" is required')
    if not isinstance(media, list) or not all(isinstance(item, dict) for item in media):
        raise bad_request("can't parse media JSON object")
    if len(media) > 10:
        raise bad_request("too much messages to send as an album")
    if len(media) < 2:
        raise bad_request("media group must include 2-10 items")
    kinds = [item.get("type") for item in media]
    for kind in kinds:
        if kind not in ("photo", "video", "document", "audio"):
            raise bad_request(f'can\'t parse InputMedia: unsupported media type "{kind}"')
    for special in ("document", "audio"):
        if special in kinds and any(kind != special for kind in kinds):
            raise bad_request(f"{special} can't be mixed with other media types")
    thread_id = params.get("message_thread_id")
    world.check_can_send(chat, thread_id, _RIGHTS_WORDING[kinds[0]])
    reply_to = reply_target(world, chat, params)
    group_id = str(next(_GROUP_IDS))
    contents = []
    for item, kind in zip(media, kinds, strict=True):
        content: dict[str, Any] = {
            "media_group_id": group_id,
            kind: media_object(emu, kind, item.get("media"), item),
        }
        caption, entities = format_text(item, strict_html=emu.strict_html, caption=True)
        apply_text(content, caption, entities, caption=True)
        if item.get("has_spoiler"):
            content["has_media_spoiler"] = True
        contents.append(content)
    return [
        world.store_message(
            chat, world.bot_user(), content, thread_id=thread_id, reply_to=reply_to, by_bot=True
        )
        for content in contents
    ]


@api_method("getFile")
def get_file(emu: BotApiEmulator, params: dict[str, Any]) -> dict[str, Any]:
    stored = emu.world.files.get(str(required(params, "file_id")))
    if stored.size > MAX_DOWNLOAD_SIZE:
        raise bad_request("file is too big")
    return stored.to_api()
