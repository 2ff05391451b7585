"""The parent's data end to end, with each framework in its own process against the emulator:
/mydata arrives as one ZIP archive uploaded with sendDocument — the JSON, and the screenshot
the parent sent after submitting, kept by the bot (#16) — /delete erases everything (the
agents' topic is told, the card anonymized), and a DEBUG log never quotes the parent."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
import zipfile

import pytest

from handlers.replies import Msg
from tests.e2e.conftest import FRAMEWORKS
from tests.e2e.intake import FRENCH, complete_intake
from tests.e2e.parent import TelegramParent
from tests.handlers.test_privacy import scan

NAME = "Zoéline"


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def _kept_hashes(tmp_path) -> set[str]:
    with sqlite3.connect(tmp_path / "bot.db") as db:
        rows = db.execute("SELECT sha256 FROM evidence WHERE file_status = 'kept'").fetchall()
    return {row[0] for row in rows}


@pytest.mark.parametrize("framework", FRAMEWORKS, ids=["ptb", "aiogram"])
async def test_mydata_then_delete(emulator, localizer, tmp_path, running_bot, framework):
    group = emulator.make_forum_group("Refund team")
    bot = running_bot(framework=framework, agents={"chat_id": group.id}, log_level="DEBUG")
    markers = [FRENCH["account"], FRENCH["description"], NAME]
    async with bot:
        database = bot.database
        parent = TelegramParent(emulator, localizer, language_code="fr", name=NAME)
        reference = await complete_intake(parent, FRENCH)
        await emulator.wait_for(  # the case's card, posted by the hand-off
            lambda: any(reference in m.get("text", "") for m in emulator.sent_messages(group.id)),
            timeout=20,
        )

        # A screenshot sent after submitting: evidence of the case, kept by the bot (#16).
        picture = _png()
        emulator.inject_photo(parent.user, data=picture)
        digest = hashlib.sha256(picture).hexdigest()
        await emulator.wait_for(lambda: digest in _kept_hashes(tmp_path), timeout=30)

        since = emulator.mark()
        emulator.inject_command(parent.user, "/mydata")
        await emulator.wait_for_call(
            "sendDocument", parent._for_me, timeout=20, since=since, ok_only=True
        )
        (export,) = emulator.uploads(parent.chat_id)
        assert export.filename.endswith(".zip") and export.mime_type == "application/zip"
        archive = zipfile.ZipFile(io.BytesIO(export.data))
        [data_name] = [n for n in archive.namelist() if n.endswith(".json")]
        data = json.loads(archive.read(data_name).decode("utf-8"))
        (case,) = data["cases"]
        assert (case["reference"], case["account"]) == (reference, FRENCH["account"])
        assert len(case["evidence"]) == 4  # the album of three, and the later screenshot
        later = case["evidence"][-1]
        assert later["sha256"] == digest and later["in_archive"] == f"{reference}/04-photo.png"
        assert archive.read(later["in_archive"]) == picture
        assert set(archive.namelist()) == {data_name} | {
            e["in_archive"] for e in case["evidence"] if e["in_archive"]
        }
        caption = emulator.calls_of("sendDocument")[-1].params["caption"]
        assert caption.startswith(parent.label("mydata-caption-files")[:20])

        await parent.command("delete")
        assert parent.expects("erase-confirm"), parent.last["text"]
        await parent.press("button-erase-confirm")
        assert parent.expects("erase-done"), parent.last["text"]
        told = localizer.plain("en", Msg("desk-case-erased", {"reference": reference}))
        await emulator.wait_for_call(
            "sendMessage", lambda c: c.params.get("text") == told, timeout=20, ok_only=True
        )
        anonymized = localizer.plain("en", Msg("desk-card-anonymized"))
        await emulator.wait_for_call(
            "editMessageText",
            lambda c: anonymized in str(c.params.get("text")),
            timeout=20,
            ok_only=True,
        )
        assert await bot.stop() == 0
        assert await scan(database, markers) == {}  # no marker in any table

        await bot.start()  # and the parent is a stranger again
        await parent.command("start")
        assert parent.expects("ask-consent"), parent.last["text"]
        assert await bot.stop() == 0
    log = bot.log()
    assert "DEBUG" in log, "the bot did not log at DEBUG: the check below would prove nothing"
    for marker in (FRENCH["account"], FRENCH["description"], NAME, "screens"):
        assert marker not in log, marker
    assert "Traceback" not in log, log
