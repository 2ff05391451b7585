"""What the intake does with the parsers' refusals and guesses (#14), in each language.

An estimate or a range is refused with a message saying why and where the exact figure is; a
future word ("next Monday", 下周一) is refused as in the future, never stored as a past day; a
time given only as a part of the day is shown back as vague ("in the evening, around 8:00 PM")
with a note, and a time given exactly is not.  The clock is Friday 2026-11-20 07:30 UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from handlers.formatting import format_money, format_when_parts
from handlers.replies import Msg
from tests.chat import ParentChat, start_failed_payment


@dataclass(frozen=True)
class Case:
    language_code: str
    language: str
    timezone: str
    vague_amount: str
    range_amount: str
    leading_separator: str  # and what it must be read as
    leading_value: tuple[str, str]
    future: str
    vague_when: str
    vague_moment: datetime  # UTC
    period: str
    shown: str  # how the vague moment reads in the confirmation


CASES = [
    Case(
        "en-GB",  # a bare "en" or "en-US" parent is first asked where they are
        "en",
        "Europe/London",
        "a few hundred dollars",
        "$20-$30",
        "$.50",
        ("0.50", "USD"),
        "next Monday",
        "yesterday evening",
        datetime(2026, 11, 19, 20, 0, tzinfo=UTC),
        "evening",
        "Thu, Nov 19, 2026, in the evening, around 8:00 PM",
    ),
    Case(
        "fr-FR",
        "fr",
        "Europe/Paris",
        "plus de 100 €",
        "entre 20 et 30 €",
        ",50 €",
        ("0.50", "EUR"),
        "lundi prochain",
        "hier soir",
        datetime(2026, 11, 19, 19, 0, tzinfo=UTC),
        "evening",
        "dans la soirée, vers 20:00",
    ),
    Case(
        "zh-hans",
        "zh-Hans",
        "Asia/Shanghai",
        "三百多块",
        "两三百",
        "￥.50",
        ("0.50", "CNY"),
        "下周一",
        "昨晚",
        datetime(2026, 11, 19, 13, 0, tzinfo=UTC),
        "night",
        "夜里（大约 21:00）",
    ),
    Case(
        "zh-hant",
        "zh-Hant",
        "Asia/Taipei",
        "幾百塊",
        "300-500元",
        "NT$990",
        ("990", "TWD"),
        "下禮拜二",
        "昨天晚上",
        datetime(2026, 11, 19, 12, 0, tzinfo=UTC),
        "evening",
        "晚上（大約 20:00）",
    ),
]


async def _at_amount_step(chat: ParentChat) -> None:
    await start_failed_payment(chat)
    await chat.press("payment-alipay")
    assert chat.keys == ["ask-tx-amount"], chat.keys


@pytest.mark.parametrize("case", CASES, ids=[c.language for c in CASES])
async def test_estimates_ranges_future_words_and_vague_times(conversation, localizer, case):
    chat = ParentChat(conversation, localizer, language_code=case.language_code)
    await _at_amount_step(chat)

    await chat.say(case.vague_amount)
    assert chat.keys == ["error-amount-vague"], chat.keys
    record = Msg("payment-record", {"method": "alipay"})  # where to look, for how it was paid
    assert chat.last.parts[0].params == {"record": record}
    await chat.say(case.range_amount)
    assert chat.keys == ["error-amount-range"], chat.keys
    assert chat.last.parts[0].params == {"record": record}
    assert chat.text  # rendered in the parent's language without a missing key

    await chat.say(case.leading_separator)
    assert chat.keys == ["ask-tx-time"], chat.keys
    await chat.say(case.future)
    assert chat.keys == ["error-time-future"], chat.keys

    await chat.say(case.vague_when)
    confirm = chat.last.parts[0]
    assert confirm.key == "ask-tx-confirm", chat.keys
    amount, currency = case.leading_value
    assert confirm.params["money"] == format_money(Decimal(amount), currency, case.language)
    day, clock = format_when_parts(case.vague_moment, case.timezone, case.language)
    assert confirm.params["when"] == Msg(
        "tx-when-vague", {"day": day, "period": case.period, "time": clock}
    )
    assert "tx-time-vague" in chat.keys
    shown = localizer.plain(case.language, confirm)
    assert day in shown and case.shown in shown, shown

    await chat.press("button-tx-correct")
    await chat.press("button-no-order")
    assert chat.keys == ["tx-recorded", "ask-tx-more"], chat.keys


async def test_an_exact_time_is_not_shown_as_vague(conversation, localizer):
    chat = ParentChat(conversation, localizer, language_code="en-GB")
    await _at_amount_step(chat)
    await chat.say("$4.99")
    await chat.say("yesterday evening")
    assert "tx-time-vague" in chat.keys
    await chat.press("button-tx-fix")  # the parent corrects the guessed hour
    await chat.press("button-fix-time")
    await chat.say("yesterday at 8:40 pm")
    assert chat.keys == ["ask-tx-confirm"], chat.keys
    assert isinstance(chat.last.parts[0].params["when"], str)
    assert "8:40 PM" in chat.text
