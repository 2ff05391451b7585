"""What the core asks a transport to do: plain data naming locale keys, never literal text.

Every parameter value is treated as plain text by the renderer (escaped for Telegram's HTML),
so a parent's own words can never inject markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from handlers.events import Media


@dataclass(frozen=True)
class Msg:
    """A locale key and its parameters."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)


#: Telegram refuses a button whose data is longer (``callback_data``: 1-64 bytes).
BUTTON_DATA_BYTES = 64


@dataclass(frozen=True)
class Button:
    label: Msg
    data: str

    def __post_init__(self) -> None:
        # Checked where the button is made: Telegram would refuse the whole message (400
        # BUTTON_DATA_INVALID) and the person would never get it.
        if not 1 <= len(self.data.encode()) <= BUTTON_DATA_BYTES:
            raise ValueError(
                f"button data must be 1-{BUTTON_DATA_BYTES} bytes: {self.data[:24]!r}… "
                f"is {len(self.data.encode())}"
            )


@dataclass(frozen=True)
class Reply:
    """Send a message made of one or more localized parts, with optional inline buttons."""

    chat_id: int
    language: str
    parts: tuple[Msg, ...]
    buttons: tuple[tuple[Button, ...], ...] = ()
    thread_id: int | None = None
    reply_to: int | None = None  # a message to answer
    #: Deliver into this case's thread in the agents' group, wherever it is at sending time
    #: (its topic, or replies to its card; a topic deleted by hand is recreated first).
    case_id: int | None = None


@dataclass(frozen=True)
class AnswerButton:
    """Stop the client's spinner after a button press, optionally with a short notice."""

    callback_id: str
    language: str
    notice: Msg | None = None


@dataclass(frozen=True)
class SendMedia:
    """Send files already on Telegram (by file id), as albums where there are several."""

    chat_id: int
    language: str
    media: tuple[Media, ...]
    caption: Msg | None = None
    thread_id: int | None = None
    reply_to: int | None = None
    case_id: int | None = None


@dataclass(frozen=True)
class EditMessage:
    """Replace the text and buttons of a message the bot sent earlier."""

    chat_id: int
    message_id: int
    language: str
    parts: tuple[Msg, ...]
    buttons: tuple[tuple[Button, ...], ...] = ()


@dataclass(frozen=True)
class CreateTopic:
    """Open a forum topic (a case's own thread in the agents' group)."""

    chat_id: int
    language: str
    name: Msg


@dataclass(frozen=True)
class Attachment:
    """A kept evidence file to put in a document's archive: the core cannot read the file
    store, so the runtime adds the file's bytes when it sends the document."""

    sha256: str
    #: Its path in the archive (``K7QM4/01-receipt.jpg``).
    name: str


@dataclass(frozen=True)
class SendDocument:
    """Send a file the bot makes itself (a parent's data export, a report's chart and CSV),
    uploaded with the message.

    ``content`` is text (JSON, CSV), or base64 when ``binary`` (a PNG), so the outbox row that
    carries the call stays plain JSON. ``as_photo``: shown as a picture (``sendPhoto``).

    With ``attachments`` the document is a ZIP archive (``file_name``) that the runtime makes
    at sending time: ``content`` in it as ``content_name``, then each attachment's file from
    the store. A file the store no longer has is left out and the JSON ``content`` says so:
    every object whose ``in_archive`` names it gets null there, and an entry in the top-level
    ``files_left_out`` list with ``missing_note`` as the reason given.
    """

    chat_id: int
    language: str
    file_name: str
    content: str
    caption: Msg | None = None
    mime_type: str = "application/json"
    binary: bool = False
    as_photo: bool = False
    thread_id: int | None = None  # a topic of a group
    attachments: tuple[Attachment, ...] = ()
    content_name: str = ""
    missing_note: str = ""


Outgoing = Reply | AnswerButton | SendMedia | EditMessage | CreateTopic | SendDocument
