"""The bucket store end to end (#16): `refund-desk run` with ``[files] store = "bucket"`` against
a real S3 server (tests/s3.py), its credentials in the process's environment as an operator
gives them. A parent's screenshot ends up in the bucket under its SHA-256 (the hash on the
evidence row), and /delete removes it; a bucket that is not there stops the bot at start with
one line naming the setting."""

from __future__ import annotations

import asyncio
import hashlib
import io
import sqlite3
import sys

from tests.e2e.harness import REPO
from tests.e2e.intake import send_screenshot, to_the_first_amount
from tests.e2e.parent import TelegramParent
from tests.s3 import SECRET_KEY


def _picture() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (320, 640), (250, 250, 245)).save(out, "PNG")
    return out.getvalue()


def _files(bucket) -> str:
    return (
        f'store = "bucket"\n\n[files.bucket]\nname = "{bucket.name}"\n'
        f'endpoint_url = "{bucket.endpoint_url}"\nprefix = "refund-desk/"\n'
    )


async def test_a_screenshot_is_kept_in_the_bucket_and_deleted_from_it(
    emulator, localizer, tmp_path, running_bot, bucket, s3_server
):
    group = emulator.make_forum_group("Refund team")
    async with running_bot(
        framework="python-telegram-bot",
        agents={"chat_id": group.id, "language": "en"},
        files=_files(bucket),
    ) as bot:
        parent = TelegramParent(emulator, localizer, language_code="en", name="Amy")
        await to_the_first_amount(parent, "en")
        assert parent.expects("ask-tx-amount", number=1), parent.last["text"]

        picture = _picture()
        digest = hashlib.sha256(picture).hexdigest()
        key = f"refund-desk/{digest[:2]}/{digest[2:4]}/{digest}"
        await send_screenshot(parent, picture)
        await emulator.wait_for(lambda: key in s3_server.keys(bucket.name), timeout=20)
        stored = s3_server.admin.get_object(Bucket=bucket.name, Key=key)["Body"].read()
        assert stored == picture
        with sqlite3.connect(tmp_path / "bot.db") as db:
            rows = db.execute("SELECT sha256, content_type, file_status FROM evidence").fetchall()
        assert rows == [(digest, "image/png", "kept")]

        await parent.command("delete")
        await parent.press("button-erase-confirm")
        assert parent.expects("erase-done"), parent.last["text"]
        await emulator.wait_for(lambda: not s3_server.keys(bucket.name), timeout=10)
        assert await bot.stop() == 0
    log = bot.log()
    assert "Traceback" not in log, log
    assert f"evidence files kept in the bucket '{bucket.name}'" in log
    assert SECRET_KEY not in log


async def test_a_missing_bucket_stops_the_bot_at_start_in_one_line(
    emulator, running_bot, bucket, s3_server
):
    wrong = bucket.model_copy(update={"name": f"gone-{bucket.name}"})
    config = running_bot(framework="aiogram", files=_files(wrong)).config  # started below
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "--config",
        str(config),
        "run",
        cwd=REPO,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode == 2, output
    lines = output.decode().strip().splitlines()
    assert lines[-1] == (
        f"refund-desk: files.bucket.name = '{wrong.name}': no such bucket at "
        f"{s3_server.url} (create it, or correct the name)"
    ), output
    assert b"Traceback" not in output
    assert not emulator.calls_of("getUpdates")  # never took an update
