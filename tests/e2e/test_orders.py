"""Order linking end to end (#15): a WeChat Pay bill is imported with `refund-desk orders
import`, a parent files a claim for one of its orders and one that is not in it, and the
card in the agents' group says which is which."""

from __future__ import annotations

import asyncio
import re
import sys
from pathlib import Path

import pytest

from tests.e2e.intake import begin_claim
from tests.e2e.parent import TelegramParent

BILL = Path(__file__).resolve().parents[1] / "fixtures" / "orders" / "wechat_all.csv"


@pytest.mark.parametrize("framework", ["python-telegram-bot"])
async def test_a_claim_against_an_imported_bill_shows_found_and_not_found(
    emulator, localizer, running_bot, framework
):
    group = emulator.make_forum_group("Refund team")
    bot = running_bot(
        framework=framework,
        agents={"chat_id": group.id, "language": "en", "timezone": "Asia/Shanghai"},
    )
    command = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "orders",
        "import",
        str(BILL),
        "--config",
        str(bot.config),
        stdout=asyncio.subprocess.PIPE,
    )
    printed, _ = await command.communicate()
    assert command.returncode == 0 and b"4 new order(s)" in printed
    async with bot:
        parent = TelegramParent(emulator, localizer, language_code="zh-hans", name="李")
        await begin_claim(parent, "zh-Hans", problem="payment-failed")
        await parent.say("player-77")
        await parent.press("payment-wechat-pay")
        await parent.say("648元")
        await parent.say("2026-11-28 22:03")
        await parent.press("button-tx-correct")
        await parent.say("4200 0023 4520 2611 2812 3456 7890")
        await parent.press("button-tx-add")
        await parent.say("328元")
        await parent.say("2026-11-29 10:00")
        await parent.press("button-tx-correct")
        await parent.press("button-no-order")
        await parent.press("button-tx-done")
        await parent.press("button-no-evidence")
        await parent.say("孩子用我的微信买了游戏钻石。")
        await parent.press("button-skip-contact")
        await parent.press("button-submit")
        reference = re.search(r"[2-9A-HJKMNP-Z]{5}", parent.last["text"])
        assert reference and parent.expects("submitted", reference=reference.group())

        card = await emulator.wait_for_call(
            "sendMessage",
            lambda c: (
                str(c.params.get("chat_id")) == str(group.id)
                and "Order found" in str(c.params.get("text"))
            ),
            timeout=15,
        )
        text = card.params["text"]
        assert "CN¥648.00 paid" in text and "(WeChat Pay 4200…7890)" in text
        assert "No such order in the imported bills up to" in text  # the 328.00
        assert "Charged twice, 41 s apart" in text  # the same payer, 41 s later
        assert "1 found · 1 not found · 0 refunded" in text
        assert "🔎 Check the bills" in str(card.params.get("reply_markup"))
        await bot.stop()
