"""Request decoding: query string, JSON, form-urlencoded and multipart/form-data.

Both frameworks send form fields as strings (JSON-encoded for objects), so values are
normalised by field name the way Telegram types them. Fields not listed stay strings, which is
also what Telegram does with e.g. ``text="123"``.
"""

from __future__ import annotations

import json
import mimetypes
from typing import Any

from aiohttp import web
from multidict import MultiDictProxy

from .errors import bad_request
from .models import UploadedFile

INT_FIELDS = frozenset(
    {
        "chat_id",
        "from_chat_id",
        "message_id",
        "message_thread_id",
        "reply_to_message_id",
        "offset",
        "limit",
        "timeout",
        "user_id",
        "max_connections",
        "cache_time",
        "icon_color",
        "duration",
        "width",
        "height",
        "until_date",
        "direct_messages_topic_id",
    }
)
BOOL_FIELDS = frozenset(
    {
        "disable_notification",
        "protect_content",
        "allow_sending_without_reply",
        "drop_pending_updates",
        "show_alert",
        "disable_web_page_preview",
        "has_spoiler",
        "show_caption_above_media",
        "disable_content_type_detection",
        "allow_paid_broadcast",
        "supports_streaming",
        "for_channels",
    }
)
JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "allowed_updates",
        "media",
        "commands",
        "scope",
        "reply_parameters",
        "link_preview_options",
        "menu_button",
        "message_ids",
        "rights",
        "reaction",
    }
)


def _to_int(name: str, value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            if name in ("chat_id", "from_chat_id") and value.startswith("@"):
                return value  # public username, resolved by the state
    raise bad_request(f"invalid {name} specified")


def _to_bool(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip().lower() in {"true", "1", "yes"}
    return value


def _to_json(name: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except ValueError:
        what = "reply keyboard markup" if name == "reply_markup" else name
        raise bad_request(f"can't parse {what} JSON object") from None


def normalize(raw: dict[str, Any]) -> dict[str, Any]:
    """Type the values of a request the way the Bot API does."""
    params: dict[str, Any] = {}
    for name, value in raw.items():
        if value is None:
            continue  # JSON null means "not given"
        if name in INT_FIELDS:
            value = _to_int(name, value)
        elif name in BOOL_FIELDS:
            value = _to_bool(value)
        elif name in JSON_FIELDS:
            value = _to_json(name, value)
        params[name] = value
    return params


def _upload(field: web.FileField) -> UploadedFile:
    data = field.file.read()
    mime = field.content_type or ""
    if not mime or mime == "application/octet-stream":
        mime = mimetypes.guess_type(field.filename or "")[0] or "application/octet-stream"
    return UploadedFile(data=data, filename=field.filename or "file", mime_type=mime)


async def read_params(request: web.Request) -> dict[str, Any]:
    """Decode all parameters of a Bot API request into one normalised dict."""
    raw: dict[str, Any] = dict(request.query) if request.query_string else {}
    if request.method == "POST" and request.can_read_body:
        ctype = request.content_type
        if ctype == "application/json":
            try:
                body = await request.json()
            except ValueError:
                raise bad_request("can't parse JSON request body") from None
            if isinstance(body, dict):
                raw.update(body)
        elif ctype in {"application/x-www-form-urlencoded", "multipart/form-data"}:
            form: MultiDictProxy[Any] = await request.post()
            for name, value in form.items():
                raw[name] = _upload(value) if isinstance(value, web.FileField) else value
    params = normalize(raw)
    for name, value in params.items():  # aiogram sends even single files as attach://<part>
        if isinstance(value, str) and value.startswith("attach://"):
            params[name] = _attachment(value, params)
    media = params.get("media")
    if isinstance(media, list):
        params["media"] = [_resolve_attachments(item, params) for item in media]
    return params


def _resolve_attachments(item: Any, params: dict[str, Any]) -> Any:
    """Replace ``attach://<name>`` in an InputMedia by the uploaded part ``<name>``."""
    if not isinstance(item, dict):
        return item
    resolved = dict(item)
    for key in ("media", "thumbnail", "cover"):
        value = resolved.get(key)
        if isinstance(value, str) and value.startswith("attach://"):
            resolved[key] = _attachment(value, params)
    return resolved


def _attachment(reference: str, params: dict[str, Any]) -> UploadedFile:
    part = params.get(reference[len("attach://") :])
    if not isinstance(part, UploadedFile):
        raise bad_request("can't parse InputMedia: media not found")
    return part
