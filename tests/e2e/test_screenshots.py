"""Screenshots end to end (#16), on both frameworks: a parent sends a receipt screenshot at the
amount question, the bot downloads it (its SHA-256 on the evidence row, the file in the store),
reads it off the event loop and offers what it read; the parent accepts, submits, and the
agents' card says the screenshot agrees with the claim; the same screenshot sent after
submitting is read too and the card edited; /delete removes the file."""

from __future__ import annotations

import hashlib
import re
import sqlite3

import pytest

from bot.files import ocr
from handlers.replies import Msg
from tests.e2e.conftest import FRAMEWORKS
from tests.e2e.intake import send_screenshot, to_the_first_amount
from tests.e2e.parent import TelegramParent
from tests.receipts import draw, font_path, receipt

IDS = ["ptb", "aiogram"]
pytestmark = [
    pytest.mark.skipif(not ocr.available(), reason='the OCR extra: pip install -e ".[ocr]"'),
    pytest.mark.skipif(font_path() is None, reason="a CJK font: apt-get install fonts-wqy-zenhei"),
]


def _kept(tmp_path) -> set[str]:
    return {path.name for path in (tmp_path / "files").glob("*/*/*")}


@pytest.mark.parametrize("framework", FRAMEWORKS, ids=IDS)
async def test_a_receipt_screenshot_is_read_offered_checked_and_erased(
    emulator, localizer, tmp_path, running_bot, framework
):
    group = emulator.make_forum_group("Refund team")
    desk = {"chat_id": group.id, "language": "en"}
    async with running_bot(framework=framework, agents=desk, ocr=True) as bot:
        parent = TelegramParent(emulator, localizer, language_code="zh-hans", name="王芳")
        parent.timeout = 90  # the first screenshot starts the OCR worker and loads its models
        await to_the_first_amount(parent, "zh-Hans")
        assert parent.expects("ask-tx-amount", number=1), parent.last["text"]

        item = receipt("zh-Hans", seed=3)
        picture = draw(item)
        since = await send_screenshot(parent, picture)
        offered = await emulator.wait_for_call(
            "sendMessage",
            lambda c: parent._for_me(c) and parent.label("reading-offer") in c.params["text"],
            timeout=90,
            since=since,
            ok_only=True,
        )
        parent.last = offered.result
        assert f"{item.amount}" in parent.last["text"]
        assert f"{item.order[:4]}…{item.order[-4:]}" in parent.last["text"]

        await parent.press("button-reading-use")
        assert parent.expects("reading-used"), parent.last["text"]
        await parent.press("button-tx-done")
        await parent.press("button-evidence-done")  # the screenshot is the evidence
        await parent.say("孩子用我的微信买了抖币。")
        await parent.press("button-skip-contact")
        await parent.press("button-submit")
        assert re.search(r"(?<![A-Z0-9])[2-9A-HJKMNP-Z]{5}(?![A-Z0-9])", parent.last["text"])

        agrees = localizer.plain(
            "en", Msg("card-reading-agrees", {"number": 1, "what": "amount-time-order"})
        )
        card = await emulator.wait_for_call(
            "sendMessage", lambda c: agrees in str(c.params.get("text")), timeout=30
        )
        assert str(group.id) == str(card.params["chat_id"])

        digest = hashlib.sha256(picture).hexdigest()
        with sqlite3.connect(tmp_path / "bot.db") as db:
            rows = db.execute("SELECT sha256, content_type, file_status FROM evidence").fetchall()
            [(order,)] = db.execute("SELECT order_number FROM transactions").fetchall()
        assert rows == [(digest, "image/png", "kept")]
        assert order == item.order
        assert _kept(tmp_path) == {digest}

        # The same receipt sent again after submitting: evidence of the case, read, and the
        # card edited with what it says.
        emulator.inject_photo(parent.user, data=picture)
        again = localizer.plain(
            "en", Msg("card-reading-agrees", {"number": 2, "what": "amount-time-order"})
        )
        await emulator.wait_for_call(
            "editMessageText", lambda c: again in str(c.params.get("text")), timeout=90
        )
        with sqlite3.connect(tmp_path / "bot.db") as db:
            later = db.execute("SELECT case_id, sha256 FROM evidence ORDER BY id").fetchall()
        assert [row[1] for row in later] == [digest, digest] and later[1][0] is not None

        await parent.command("delete")
        await parent.press("button-erase-confirm")
        assert parent.expects("erase-done"), parent.last["text"]
        await emulator.wait_for(lambda: not _kept(tmp_path), timeout=10)
        assert await bot.stop() == 0
    assert "Traceback" not in bot.log(), bot.log()
