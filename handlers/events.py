"""What a person sent, as the core sees it: plain frozen data, no framework types.

Transports (Telegram through either framework, the console) turn their updates into an
:class:`Incoming` and hand it to the core.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum
from typing import Any


class EventKind(StrEnum):
    TEXT = "text"
    COMMAND = "command"
    BUTTON = "button"
    MEDIA = "media"  # photos and/or documents, one message or one album
    STICKER = "sticker"
    VOICE = "voice"
    OTHER = "other"  # video, location, contact, poll… anything the intake never asks for


class MediaKind(StrEnum):
    PHOTO = "photo"
    DOCUMENT = "document"


@dataclass(frozen=True)
class Media:
    """One uploaded file. Telegram uploads carry a file id; console uploads a local path."""

    kind: MediaKind
    file_id: str | None = None
    file_unique_id: str | None = None
    local_path: str | None = None
    file_name: str | None = None
    mime_type: str | None = None
    size: int | None = None
    sha256: str | None = None


#: The key of a stored file's album in :func:`media_record` (not a field of :class:`Media`).
ALBUM = "group"
_MEDIA_FIELDS = frozenset(f.name for f in fields(Media))


def media_record(item: Media, *, group: str | None = None) -> dict[str, Any]:
    """A file as plain JSON, to keep in a row until it is used (a message waiting for its
    case, a gathered relay, an appeal's files): its fields that are set, and its album."""
    data = {k: v for k, v in asdict(item).items() if v is not None}
    data["kind"] = item.kind.value
    if group is not None:
        data[ALBUM] = group
    return data


def media_of(stored: dict[str, Any]) -> Media:
    """The file :func:`media_record` kept (its album is :data:`ALBUM` of ``stored``)."""
    known = {k: v for k, v in stored.items() if k in _MEDIA_FIELDS and k != "kind"}
    return Media(kind=MediaKind(stored["kind"]), **known)


@dataclass(frozen=True)
class Sender:
    user_id: int
    language_code: str | None = None
    display_name: str = ""


@dataclass(frozen=True)
class Incoming:
    """One thing a person did: a message, a command, a button press or an upload.

    ``payload`` is the command's argument (``/start douyin``) or the button's data.
    ``media`` holds every item of an album, in order, when the transport grouped them.
    """

    sender: Sender
    chat_id: int
    kind: EventKind
    text: str = ""
    command: str | None = None
    payload: str | None = None
    media: tuple[Media, ...] = field(default_factory=tuple)
    media_group_id: str | None = None
    message_id: int | None = None
    thread_id: int | None = None
    callback_id: str | None = None
    is_private: bool = True
    edited: bool = False
    #: The text (or caption) of the message this one replies to, if any: in a group without
    #: topics, a reply to a case's card or to a relayed message names the case.
    reply_to_text: str | None = None
    #: The name of a forum topic this service message announces as created.
    topic_created: str | None = None
