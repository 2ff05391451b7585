"""Raw updates through each framework's types into the core's events: nothing Telegram passes
on may stop a transaction, so a NUL (which PostgreSQL refuses in text) never reaches the core."""

from __future__ import annotations

import pytest

from bot.aiogram_transport import AiogramTransport
from bot.ptb_transport import PtbTransport
from handlers.events import EventKind

TRANSPORTS = {"ptb": PtbTransport, "aiogram": AiogramTransport}
USER = {"id": 1001, "is_bot": False, "first_name": "Pa\x00rent", "language_code": "en"}
CHAT = {"id": 1001, "type": "private"}


@pytest.fixture(params=list(TRANSPORTS))
def transport(request):
    return TRANSPORTS[request.param]("123456:TEST-token", "http://127.0.0.1:9")  # never called


def _message(**fields) -> dict:
    return {
        "update_id": 1,
        "message": {"message_id": 5, "date": 1_700_000_000, "chat": CHAT, "from": USER, **fields},
    }


def test_nul_characters_are_dropped_from_every_text(transport):
    text = transport.to_incoming(_message(text="acct\x00_2015"))
    assert (text.kind, text.text, text.sender.display_name) == (
        EventKind.TEXT,
        "acct_2015",
        "Parent",
    )
    command = transport.to_incoming(
        _message(
            text="/status K7Q\x00M4",
            entities=[{"type": "bot_command", "offset": 0, "length": 7}],
        )
    )
    assert (command.command, command.payload) == ("status", "K7QM4")
    document = {
        "file_id": "f-1",
        "file_unique_id": "u-1",
        "file_name": "re\x00cu.pdf",
        "mime_type": "application/pdf\x00",
        "file_size": 10,
    }
    upload = transport.to_incoming(
        _message(document=document, caption="vo\x00ici", media_group_id="g\x001")
    )
    assert (upload.text, upload.media_group_id) == ("voici", "g1")
    assert (upload.media[0].file_name, upload.media[0].mime_type) == (
        "recu.pdf",
        "application/pdf",
    )
