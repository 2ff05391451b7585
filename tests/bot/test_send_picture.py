"""A file the bot draws itself (the /report chart) or binary (an XLSX): carried as base64 in
the outbox's JSON, uploaded as a photo (``sendPhoto``) or a document into the topic it was
asked in, by both frameworks; the console writes the bytes."""

from __future__ import annotations

import base64
import io
import json
from types import SimpleNamespace

from bot.console import ConsoleTransport
from bot.telegram.calls import UPLOAD, render_calls, take_uploads
from handlers.replies import Msg, SendDocument

#: A 1×1 PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def chart(chat_id: int, thread: int | None = None) -> SendDocument:
    return SendDocument(
        chat_id,
        "en",
        "report.png",
        base64.b64encode(PNG).decode("ascii"),
        Msg("desk-report-chart-caption", {"team": "Main team", "period": "Sep 2026"}),
        mime_type="image/png",
        binary=True,
        as_photo=True,
        thread_id=thread,
    )


def test_a_picture_is_a_photo_upload_with_its_bytes_in_base64(localizer):
    ((chat_id, method, params),) = render_calls(localizer, [chart(-100, thread=7)])
    assert (chat_id, method) == (-100, "sendPhoto")
    assert json.loads(json.dumps(params)) == params  # fits an outbox row as it is
    assert params["message_thread_id"] == 7
    assert params["photo"][UPLOAD]["encoding"] == "base64"
    plain, uploads = take_uploads(params)
    assert "photo" not in plain and plain["caption"].startswith("📊")
    assert uploads == {"photo": ("report.png", PNG)}


async def test_both_frameworks_upload_the_picture_into_the_topic(wired, localizer):
    emulator, transport = wired
    group = emulator.make_forum_group("Refund team")
    topic = emulator.make_topic(group, "Reports").thread_id
    ((_, method, params),) = render_calls(localizer, [chart(group.id, thread=topic)])
    result = await transport.call(method, params)
    assert result["photo"] and result.get("message_thread_id") == topic
    (uploaded,) = emulator.uploads(group.id, method="sendPhoto")
    assert uploaded.data == PNG


async def test_the_console_writes_the_bytes(tmp_path, localizer):
    intake = SimpleNamespace(default_language="en")
    app = SimpleNamespace(localizer=localizer, settings=SimpleNamespace(intake=intake))
    out = io.StringIO()
    console = ConsoleTransport(app, language_code="en", out=out, export_dir=tmp_path)  # type: ignore[arg-type]
    console.render([chart(1)])
    assert (tmp_path / "report.png").read_bytes() == PNG
    assert str(tmp_path / "report.png") in out.getvalue()
