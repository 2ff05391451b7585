"""Whole claims typed by a `TelegramParent`, shared by the end-to-end modules: the scripts (a
French and a Traditional Chinese parent) and `complete_intake`, which answers every question
of the intake and returns the case's reference."""

from __future__ import annotations

import re

from tests.e2e.parent import TelegramParent

#: A case's reference as the bot prints it: five letters and digits, no 0/1/I/L/O.
REFERENCE = r"(?<![A-Z0-9])([2-9A-HJKMNP-Z]{5})(?![A-Z0-9])"

FRENCH = {
    "code": "fr",
    "language": "fr",
    "age": "11 ans",
    "account": "douyin_léa_2015",
    "amount": "49,90 €",
    "when": "hier vers 21h",
    "amount2": "648 ¥",
    "when2": "avant-hier soir",
    "description": "Ma fille a acheté des cadeaux <3 pour un streamer sans me demander.",
}
TRADITIONAL = {
    "code": "zh-hant",
    "language": "zh-Hant",
    "age": "十歲",
    "account": "抖音號 88 & 99",
    "amount": "NT$ 990",
    "when": "昨天晚上8點",
    "amount2": "人民幣 50",
    "when2": "前天下午3點",
    "description": "孩子趁我睡覺時用我的手機儲值遊戲點數。",
}


async def complete_intake(parent: TelegramParent, script: dict[str, str]) -> str:
    await parent.command("start")
    parent.language = script["language"]
    assert parent.expects("ask-consent"), parent.last["text"]
    await parent.press("button-consent-yes")
    await parent.press("platform-douyin")
    await parent.press("problem-minor-purchase")
    await parent.press("writer-parent")
    await parent.say(script["age"])
    await parent.say(script["account"])
    await parent.press("payment-wechat-pay")  # asked before the purchases
    for amount, when in ((script["amount"], script["when"]), (script["amount2"], script["when2"])):
        await parent.say(amount)
        await parent.say(when)
        assert parent.expects("button-tx-correct") or parent.buttons(), parent.last["text"]
        await parent.press("button-tx-correct")
        await parent.press("button-no-order")
        if amount == script["amount"]:
            await parent.press("button-tx-add")
    await parent.press("button-tx-done")
    await parent.album(3, caption="screens")
    assert parent.expects("evidence-count", count=3), parent.last["text"]
    await parent.press("button-evidence-done")
    await parent.say(script["description"])
    await parent.press("button-skip-contact")
    assert "<b>" in parent.last["text"] or parent.last.get("entities") is not None
    await parent.press("button-submit")
    match = re.search(REFERENCE, parent.last["text"])
    assert match, parent.last["text"]
    reference = match.group(1)
    return reference
