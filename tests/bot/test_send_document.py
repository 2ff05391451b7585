"""A file the bot makes (a /mydata export): rendered as a multipart ``sendDocument`` upload,
kept as text in the outbox, delivered by both frameworks, and saved by the console."""

from __future__ import annotations

import io
import json
import stat
from types import SimpleNamespace

from bot.console import ConsoleTransport
from bot.telegram.calls import UPLOAD, render_calls, take_uploads
from handlers.replies import Msg, SendDocument

CONTENT = json.dumps({"account": "douyin_léa_2015", "note": "<b>&</b> 抖音"}, ensure_ascii=False)


def export(chat_id: int) -> SendDocument:
    return SendDocument(
        chat_id, "fr", "refund-desk-2026-11-20.json", CONTENT, Msg("mydata-caption")
    )


def test_the_call_is_plain_json_with_the_file_as_text(localizer):
    ((chat_id, method, params),) = render_calls(localizer, [export(42)])
    assert (chat_id, method) == (42, "sendDocument")
    assert json.loads(json.dumps(params)) == params  # fits an outbox row as it is
    upload = params["document"][UPLOAD]
    assert (upload["file_name"], upload["content"]) == ("refund-desk-2026-11-20.json", CONTENT)
    assert params["parse_mode"] == "HTML" and "JSON" in params["caption"]
    plain, uploads = take_uploads(params)
    assert "document" not in plain and plain["chat_id"] == 42
    assert uploads == {"document": ("refund-desk-2026-11-20.json", CONTENT.encode())}


async def test_both_frameworks_upload_the_file(wired, localizer):
    emulator, transport = wired
    user = emulator.make_user("Léa", language_code="fr")
    emulator.make_private_chat(user)
    ((_, method, params),) = render_calls(localizer, [export(user.id)])
    result = await transport.call(method, params)
    assert result["document"]["file_name"] == "refund-desk-2026-11-20.json"
    (uploaded,) = emulator.uploads(user.id)
    assert uploaded.data.decode("utf-8") == CONTENT
    assert uploaded.filename == "refund-desk-2026-11-20.json"
    assert uploaded.mime_type == "application/json"
    sent = emulator.sent_messages(user.id)[-1]
    assert sent["caption"].startswith("📄")
    assert emulator.uploads(user.id + 1) == []


async def test_the_console_writes_the_file_and_prints_its_path(tmp_path, localizer):
    intake = SimpleNamespace(default_language="en")
    app = SimpleNamespace(localizer=localizer, settings=SimpleNamespace(intake=intake))
    out = io.StringIO()
    exports = tmp_path / "exports"
    console = ConsoleTransport(app, language_code="fr", out=out, export_dir=exports)  # type: ignore[arg-type]
    console.render([export(1)])
    path = exports / "refund-desk-2026-11-20.json"
    assert path.read_text(encoding="utf-8") == CONTENT
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    printed = out.getvalue()
    assert str(path) in printed and "JSON" in printed
