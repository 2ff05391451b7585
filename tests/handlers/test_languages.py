from __future__ import annotations

from decimal import Decimal

import pytest

from handlers.aftercare.decisions import refund_time
from handlers.case.view import platform_msg
from handlers.formatting import format_money
from handlers.languages import client_region, detect_language
from handlers.parsing.amount import parse_amount
from handlers.policy import AftercarePolicy, IntakePolicy
from handlers.replies import Msg
from storage.models import Case
from tests.chat import ParentChat
from tests.core import core

CASES = [
    ("zh-hans", "zh-Hans"),
    ("zh-CN", "zh-Hans"),
    ("zh-sg", "zh-Hans"),
    ("zh", "zh-Hans"),
    ("zh-hant", "zh-Hant"),
    ("zh-TW", "zh-Hant"),
    ("zh-hk", "zh-Hant"),
    ("zh-mo", "zh-Hant"),
    ("zh-Hant-HK", "zh-Hant"),
    ("fr", "fr"),
    ("fr-CA", "fr"),
    ("fr-be", "fr"),
    ("en-GB", "en"),
    ("de", "en"),
    (None, "en"),
    ("", "en"),
    ("ru", "en"),
]


@pytest.mark.parametrize(("code", "expected"), CASES)
def test_client_language_maps_to_a_supported_one(code, expected):
    assert detect_language(code, "en") == expected


def test_unknown_language_uses_the_configured_default():
    assert detect_language("es", "fr") == "fr"


# -- regions: Traditional Chinese serves Taiwan, Hong Kong and Macau ------------------------

REGIONS = [
    ("zh-HK", "HK"),
    ("zh_hk", "HK"),
    ("zh-Hant-HK", "HK"),
    ("zh-MO", "MO"),
    ("zh-TW", "TW"),
    ("zh-hant", None),
    ("zh", None),
    ("zh-CN", None),
    ("en", None),
    (None, None),
]


@pytest.mark.parametrize(("code", "region"), REGIONS)
def test_client_region(code, region):
    assert client_region(code) == region


@pytest.mark.parametrize(
    ("code", "zone"),
    [
        ("zh-HK", "Asia/Hong_Kong"),
        ("zh-Hant-HK", "Asia/Hong_Kong"),
        ("zh-MO", "Asia/Macau"),
        ("zh-TW", "Asia/Taipei"),
        ("zh-hant", "Asia/Taipei"),
        ("zh-hans", "Asia/Shanghai"),
        ("fr-FR", "Europe/Paris"),
    ],
)
def test_a_new_persons_time_zone_is_their_regions_then_their_languages(code, zone):
    policy = IntakePolicy()
    assert policy.timezone_for(detect_language(code, "en"), code) == zone


@pytest.mark.parametrize(
    ("platform", "language", "zone", "currency"),
    [
        (None, "zh-Hant", "Asia/Hong_Kong", "HKD"),
        (None, "zh-Hant", "Asia/Macau", "MOP"),
        (None, "zh-Hant", "Asia/Taipei", "TWD"),
        (None, "zh-Hant", None, "TWD"),
        (None, "en", "Asia/Hong_Kong", "HKD"),  # the place decides, not the language
        (None, "fr", "Europe/Paris", "EUR"),
        (None, "zh-Hans", "Asia/Shanghai", "CNY"),
        ("douyin", "zh-Hant", "Asia/Hong_Kong", "CNY"),  # Douyin is paid in yuan
    ],
)
def test_the_default_currency(platform, language, zone, currency):
    assert IntakePolicy().default_currency(platform, language, zone) == currency


async def test_a_hong_kong_client_gets_hong_kong_defaults(database, clock, localizer):
    policy = IntakePolicy(platforms=("tiktok", "douyin"))
    conversation = core(database, clock, localizer, policy=policy)
    chat = ParentChat(conversation, localizer, language_code="zh-HK")
    await chat.command("start", "tiktok")
    await chat.press("button-consent-yes")
    await chat.press("problem-payment-failed")
    await chat.press("writer-parent")
    assert chat.keys == ["ask-account"]
    assert chat.text.startswith("在TikTok上消費的是哪個帳號")  # the name, not the button label
    await chat.say("acct-1")
    await chat.press("payment-bank-card")
    await chat.say("120")  # no currency: the region's
    assert chat.last.parts[-1].params["timezone"] == "Asia/Hong_Kong"
    await chat.say("昨天晚上8點")
    assert chat.last.parts[0].params["money"] == format_money(Decimal(120), "HKD", "zh-Hant")
    assert "tx-currency-assumed" in chat.keys


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("50蚊", (Decimal(50), "HKD")),
        ("八十蚊", (Decimal(80), "HKD")),
        ("3蚊5", (Decimal("3.5"), "HKD")),
        ("港幣50蚊", (Decimal(50), "HKD")),
        ("人民幣50蚊", (Decimal(50), "CNY")),  # an explicit currency wins
        ("蚊子咬咗我", None),
    ],
)
def test_cantonese_man_is_the_hong_kong_dollar(text, expected):
    money = parse_amount(text, "zh-Hant")
    assert (None if money is None else (money.amount, money.currency)) == expected


# -- labels inside sentences ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "A refund of money paid with a bank or credit card usually arrives within"),
        ("fr", "Un paiement par carte bancaire est en général remboursé sous"),
        ("zh-Hans", "用银行卡或信用卡支付的款项"),
        ("zh-Hant", "用信用卡或銀行卡付款的款項"),
    ],
)
def test_a_payment_method_inside_a_sentence_reads_as_part_of_it(language, expected, localizer):
    case = Case(platform="wechat", payment_method="bank_card")
    text = localizer.plain(language, refund_time(case, AftercarePolicy()))
    assert text.startswith(expected), text


def test_a_platform_inside_a_sentence_is_its_name_not_its_button_label(localizer):
    case = Case(platform="wechat", payment_method="alipay")
    inline = platform_msg(case, inline=True)
    for language, name in (("en", "WeChat"), ("fr", "WeChat"), ("zh-Hans", "微信")):
        text = localizer.plain(language, Msg("ask-account", {"platform": inline}))
        assert name in text and "mini" not in text and "小程序" not in text, text


@pytest.mark.parametrize(
    ("code", "language"),
    [
        ("zh_TW.UTF-8", "zh-Hant"),  # a locale name, as a system gives it
        ("zh-Hans-HK", "zh-Hans"),  # the script decides before the region
        ("zh-Hant-CN", "zh-Hant"),
        ("yue-HK", "zh-Hant"),  # Cantonese is written in Traditional characters
        ("yue-Hans", "zh-Hans"),
        ("cmn-Hant-TW", "zh-Hant"),
        ("fr_CA", "fr"),
        ("de-DE", None),
    ],
)
def test_one_mapping_from_a_code_to_a_language_for_the_bot_and_the_parsers(code, language):
    from handlers.parsing._text import normalize_locale

    assert detect_language(code, None) == language  # type: ignore[arg-type]
    assert normalize_locale(code) == (language or "en")
