"""Whole claims typed by a `TelegramParent`, shared by the end-to-end modules: the scripts (a
French and a Traditional Chinese parent) and `complete_intake`, which answers every question
of the intake and returns the case's reference; `begin_claim` and `to_the_first_amount`, the
first steps of a claim of a test's own; `send_screenshot`, a screenshot sent in the chat;
`check_claims`, the cases of a French and a Traditional Chinese intake as the bot stored them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import select

from storage.database import Database
from storage.models import Case, Evidence
from storage.repositories import cases, evidence
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


async def begin_claim(
    parent: TelegramParent,
    language: str,
    *,
    platform: str = "douyin",
    problem: str = "minor-purchase",
) -> None:
    """/start in ``language`` (the parent's, as the bot names it: "zh-Hans"), consent given,
    ``platform`` and ``problem`` chosen and the parent writing: the next question is the
    problem's first (the child's age for a minor's purchase, else the account)."""
    await parent.command("start")
    parent.language = language
    assert parent.expects("ask-consent"), parent.last["text"]
    await parent.press("button-consent-yes")
    await parent.press(f"platform-{platform}")
    await parent.press(f"problem-{problem}")
    await parent.press("writer-parent")


async def to_the_first_amount(
    parent: TelegramParent, language: str, *, age: str = "12", account: str = "kid-88"
) -> None:
    """A minor's purchase on Douyin paid with WeChat Pay, up to the first purchase's amount."""
    await begin_claim(parent, language)
    await parent.say(age)
    await parent.say(account)
    await parent.press("payment-wechat-pay")  # asked before the purchases


async def send_screenshot(parent: TelegramParent, picture: bytes) -> int:
    """``picture`` sent as a photo, at a question that takes a screenshot: the bot keeps it
    aside (its reading comes later). Returns the emulator's mark from before it was sent."""
    since = parent.emulator.mark()
    parent.emulator.inject_photo(parent.user, data=picture)
    await parent._reply_after(since)
    assert parent.expects("evidence-kept-aside", count=1), parent.last["text"]
    return since


async def complete_intake(parent: TelegramParent, script: dict[str, str]) -> str:
    await to_the_first_amount(
        parent, script["language"], age=script["age"], account=script["account"]
    )
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


async def check_claims(database: Database, references: Sequence[str]) -> list[list[Evidence]]:
    """The claims of `complete_intake` with FRENCH and TRADITIONAL (``references``, in that
    order) are the only cases, each complete, exactly as typed. Returns their evidence."""
    found = []
    async with database.unit_of_work() as session:
        for reference, script in zip(references, (FRENCH, TRADITIONAL), strict=True):
            case = await cases.case_by_reference(session=session, reference=reference)
            assert case is not None, reference
            assert case.language == script["language"]
            assert case.account == script["account"]
            assert case.description == script["description"]
            assert case.payment_method == "wechat_pay"
            rows = await cases.transactions_of(session=session, case_id=case.id)
            assert len(rows) == 2
            files = await evidence.list_for_case(session=session, case_id=case.id)
            assert len(files) == 3 and all(f.telegram_file_id for f in files)
            found.append(files)
        french = await cases.case_by_reference(session=session, reference=references[0])
        assert french is not None
        amounts = await cases.transactions_of(session=session, case_id=french.id)
        assert [(t.amount, t.currency) for t in amounts] == [
            (Decimal("49.90"), "EUR"),
            (Decimal("648"), "CNY"),
        ]
        made = (await session.exec(select(func.count()).select_from(Case))).one()
    assert made == 2  # nobody else's press made a case
    return found
