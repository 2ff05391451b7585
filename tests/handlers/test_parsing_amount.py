"""parse_amount against what parents really type, in the four supported languages.

Expected values are "AMOUNT CUR" (the amount exactly as ``str(Decimal)``, so the kept precision
is checked too), "AMOUNT" when the text names no currency, or None when it is not one amount
(an estimate such as 三百多 or a range such as "20-30" is not one: see ``read_amount`` below).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.numbers import format_currency, format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from handlers.parsing import Money, parse_amount
from handlers.parsing.amount import AmountReading, read_amount
from tests.handlers.parsing_tables import assert_table_read

# fmt: off
EN: list[tuple[str, str | None]] = [
    ("~$20", "20 USD"), ("$20-ish", "20 USD"), ("Roughly 100 dollars", "100 USD"),
    ("$12.99 (plus tax)", "12.99 USD"), ("$5 x 2", None),
    ("order #12345 $9.99", "9.99 USD"), ("3 x $4.99", "4.99 USD"),
    ("I was charged $109.99 twice", "109.99 USD"), ("around 50$", "50 USD"),
    ("like 50 bucks", "50 USD"), ("$1 299.99", "1299.99 USD"), ("$4.99 each, 3 times", "4.99 USD"),
    ("1.99 + 4.99", None),
    ("$3.50", "3.50 USD"), ("$9.99", "9.99 USD"), ("$ 4.99", "4.99 USD"), ("$0.99", "0.99 USD"),
    ("$5.00", "5.00 USD"), ("$ 12", "12 USD"), ("12$", "12 USD"), ("4.99$", "4.99 USD"),
    ("USD 19.99", "19.99 USD"), ("19.99 USD", "19.99 USD"), ("12 usd", "12 USD"),
    ("19.99 dollars", "19.99 USD"), ("3 dollars", "3 USD"), ("5 bucks", "5 USD"),
    ("US$3", "3 USD"), ("about $30", "30 USD"), ("around $45", "45 USD"),
    ("It was $99.99", "99.99 USD"), ("he spent $49.99 on gems", "49.99 USD"),
    ("The charge was $109.99 on my card", "109.99 USD"), ("Total: $54.97", "54.97 USD"),
    ("$1,299.99", "1299.99 USD"), ("$1,500", "1500 USD"), ("$19.99/month", "19.99 USD"),
    ("3 dollars 50", "3.50 USD"), ("3 purchases of $9.99", "9.99 USD"),
    ("paid $9.99 on March 2", "9.99 USD"), ("1000 V-Bucks for $7.99", "7.99 USD"),
    ("1,280.50", "1280.50"), ("1,500", "1500"), ("648.00", "648.00"), ("20", "20"),
    ("0.99", "0.99"), ("paid 4.99", "4.99"), ("total was 54.97", "54.97"),
    ("£12.99", "12.99 GBP"), ("12.99 GBP", "12.99 GBP"), ("10 pounds", "10 GBP"),
    ("€5", "5 EUR"), ("5 euros", "5 EUR"), ("EUR 20", "20 EUR"), ("9,90 €", "9.90 EUR"),
    ("HK$ 100", "100 HKD"), ("CA$15", "15 CAD"), ("A$ 30", "30 AUD"), ("NT$ 990", "990 TWD"),
    ("¥ 328", "328 CNY"), ("CN¥328", "328 CNY"), ("RMB50", "50 CNY"), ("CNY 12", "12 CNY"),
    ("500 yen", "500 JPY"), ("JPY 1200", "1200 JPY"), ("1,200円", "1200 JPY"),
    ("$2k", "2000 USD"),
    ("hello", None), ("yesterday", None), ("n/a", None), ("", None), ("I don't know", None),
    ("2025-03-02", None), ("3/2", None), ("14:10", None), ("9pm", None), ("0", None),
    ("$0", None), ("-5", None), ("-$5", None), ("$5 or $10", None), ("$5 and $7", None),
    ("$20,000,000", None), ("555-123-4567", None), ("13812345678", None),
    ("between 10 and 20 dollars", None), ("$9.99 (€8.99)", None),
]

FR: list[tuple[str, str | None]] = [
    ("2€99", "2.99 EUR"), ("100 € environ", "100 EUR"), ("dans les 50 €", "50 EUR"),
    ("4,99€ + 9,99€", None), ("0,99 centimes", None),
    ("9 € 99", "9.99 EUR"), ("2 x 49,99 €", "49.99 EUR"), ("EUR 1 280,50", "1280.50 EUR"),
    ("1'280.50 CHF", "1280.50 CHF"), ("49,99 € (deux fois)", "49.99 EUR"),
    ("49,99€ hier à 21h", "49.99 EUR"), ("hier à 21h, 49,99", "49.99"),
    ("4,99 € le 19/11", "4.99 EUR"), ("commande n°12345 de 49,99 €", "49.99 EUR"),
    ("50 balles", "50 EUR"),
    ("9,90 €", "9.90 EUR"), ("9,90€", "9.90 EUR"), ("€9,90", "9.90 EUR"), ("9.90 €", "9.90 EUR"),
    ("49,99 €", "49.99 EUR"), ("49,99 euros", "49.99 EUR"), ("49.99€", "49.99 EUR"),
    ("5€", "5 EUR"), ("€5", "5 EUR"), ("5 €", "5 EUR"), ("20 euros", "20 EUR"),
    ("20 EUR", "20 EUR"), ("EUR 20", "20 EUR"), ("€ 14,99", "14.99 EUR"),
    ("14,99 EUR", "14.99 EUR"),
    ("12€50", "12.50 EUR"), ("12 € 50", "12.50 EUR"), ("12 euros 50", "12.50 EUR"),
    ("12 euros et 50 centimes", "12.50 EUR"), ("1 280,50 €", "1280.50 EUR"),
    ("1\u00a0280,50\u00a0€", "1280.50 EUR"), ("1\u202f280,50\u00a0€", "1280.50 EUR"),
    ("1.280,50 €", "1280.50 EUR"), ("1 280 €", "1280 EUR"), ("1280€", "1280 EUR"),
    ("1 000 €", "1000 EUR"), ("2 500 euros", "2500 EUR"), ("1.099,00 €", "1099.00 EUR"),
    ("0,99 €", "0.99 EUR"), ("0,50 €", "0.50 EUR"), ("1,5", "1.5"), ("1,50", "1.50"),
    ("4,99", "4.99"), ("49", "49"), ("c'était 4,99", "4.99"),
    ("il a dépensé 49,99 € hier", "49.99 EUR"), ("environ 30 €", "30 EUR"),
    ("à peu près 30 euros", "30 EUR"), ("ça fait 17,98 € en tout", "17.98 EUR"),
    ("un total de 109,97 €", "109.97 EUR"), ("il a payé 109,99 € avec ma carte", "109.99 EUR"),
    ("prélèvement de 54,97 € le 2 mars", "54.97 EUR"), ("montant : 79,99 €", "79.99 EUR"),
    ("79,99 € TTC", "79.99 EUR"), ("Prix 9,99€", "9.99 EUR"), ("39,90€ par mois", "39.90 EUR"),
    ("il y a 3 jours, 49,99 €", "49.99 EUR"), ("vers 21h il a payé 4,99 €", "4.99 EUR"),
    ("19,99 $", "19.99 USD"), ("19,99 $US", "19.99 USD"), ("19,99 dollars", "19.99 USD"),
    ("10 £", "10 GBP"), ("10 livres sterling", "10 GBP"), ("100 CHF", "100 CHF"),
    ("50 CNY", "50 CNY"), ("328 yuans", "328 CNY"), ("¥ 328", "328 CNY"), ("648 RMB", "648 CNY"),
    ("50 centimes", "0.5"),
    ("bonjour", None), ("hier", None), ("je ne sais pas", None), ("aucune idée", None),
    ("", None), ("n/a", None), ("0 €", None), ("0,00 €", None), ("-5 €", None), ("−5 €", None),
    ("- 5 €", None), ("5 € ou 10 €", None), ("entre 10 et 20 €", None), ("02/03/2025", None),
    ("le 2 mars", None), ("14h10", None), ("06 12 34 56 78", None), ("0612345678", None),
    ("49,99 € ou 59,99 €", None), ("20 000 000 €", None),
]

ZH_HANS: list[tuple[str, str | None]] = [
    ("花了六百多", None), ("大约一千五", "1500"), ("十二块八", "12.8 CNY"),
    ("充值328元和648元", None), ("千万别告诉他", None),
    ("订单号123456，648元", "648 CNY"), ("648元整", "648 CNY"), ("648rmb", "648 CNY"),
    ("648元人民币", "648 CNY"), ("六百四十八元", "648 CNY"), ("三十块", "30 CNY"),
    ("30来块", None), ("一块钱", "1 CNY"), ("十块钱", "10 CNY"), ("100多元", None),
    ("两百", "200"), ("二百五十元", "250 CNY"), ("¥6.00", "6.00 CNY"),
    ("昨天晚上8点花了648", "648"), ("648元（3月2日）", "648 CNY"), ("一千块左右", "1000 CNY"),
    ("1944元，分3次", "1944 CNY"),
    ("¥328", "328 CNY"), ("¥ 328", "328 CNY"), ("￥328", "328 CNY"), ("328元", "328 CNY"),
    ("328 元", "328 CNY"), ("328块", "328 CNY"), ("328块钱", "328 CNY"), ("人民币50", "50 CNY"),
    ("人民币 50元", "50 CNY"), ("RMB50", "50 CNY"), ("rmb 50", "50 CNY"), ("CNY 12", "12 CNY"),
    ("50 CNY", "50 CNY"), ("648", "648"), ("648元", "648 CNY"), ("648块", "648 CNY"),
    ("648块钱", "648 CNY"), ("648.00", "648.00"), ("一共花了648元", "648 CNY"),
    ("花了648", "648"), ("充了648块", "648 CNY"), ("他充值了328元", "328 CNY"),
    ("昨天花了648元", "648 CNY"), ("3天前充了648元", "648 CNY"), ("648元的礼包", "648 CNY"),
    ("买了两个328元的皮肤", "328 CNY"), ("分三次一共1944元", "1944 CNY"),
    ("一共充了3次，每次648", "648"), ("6块5", "6.5 CNY"), ("六块五", "6.5 CNY"),
    ("两块五毛", "2.5 CNY"), ("3块2毛5", "3.25 CNY"), ("五毛", "0.5 CNY"),
    ("一百二十八元", "128 CNY"), ("三百元", "300 CNY"), ("三百块", "300 CNY"),
    ("两千块", "2000 CNY"), ("一千二百元", "1200 CNY"), ("一千二", "1200"),
    ("3万", "30000"), ("1.5万元", "15000 CNY"), ("1千", "1000"), ("2千元", "2000 CNY"),
    ("大概三百多块", None), ("大概300块", "300 CNY"), ("300左右", "300"),
    ("约300元", "300 CNY"), ("300元左右", "300 CNY"), ("¥1,280.50", "1280.50 CNY"),
    ("1,280.50元", "1280.50 CNY"), ("1,500", "1500"), ("1500.00", "1500.00"),
    ("30.5元", "30.5 CNY"), ("12.80元", "12.80 CNY"), ("¥6", "6 CNY"), ("30美元", "30 USD"),
    ("US$3", "3 USD"), ("$3.50", "3.50 USD"), ("20欧元", "20 EUR"), ("100港币", "100 HKD"),
    ("港币100", "100 HKD"), ("HK$100", "100 HKD"), ("NT$990", "990 TWD"), ("台币990", "990 TWD"),
    ("500日元", "500 JPY"), ("2025年3月2日花了648元", "648 CNY"),
    ("你好", None), ("昨天", None), ("不知道", None), ("", None), ("2025-03-02", None),
    ("13812345678", None), ("0元", None), ("-5元", None), ("648元还是328元", None),
    ("3月2日", None), ("下午3点", None), ("八点", None), ("100元或者200元", None),
    ("一共", None), ("两千万", None),
]

ZH_HANT: list[tuple[str, str | None]] = [
    ("台幣一千四百九十元", "1490 TWD"), ("150元新台幣", "150 TWD"), ("儲值了NT$990", "990 TWD"),
    ("九百九十塊", "990"), ("台幣990元和1490元", None),
    ("新台幣九百九十元", "990 TWD"), ("台幣990元整", "990 TWD"), ("990元台幣", "990 TWD"),
    ("NT$990元", "990 TWD"), ("新台幣 1,490 元", "1490 TWD"), ("台幣 150", "150 TWD"),
    ("一百五十元", "150"), ("150塊錢", "150"),
    ("NT$990", "990 TWD"), ("NT$ 990", "990 TWD"), ("NT 990", "990 TWD"),
    ("新台幣990元", "990 TWD"), ("新台幣 990 元", "990 TWD"), ("台幣990", "990 TWD"),
    ("台币 990", "990 TWD"), ("TWD 990", "990 TWD"), ("990 TWD", "990 TWD"),
    ("NTD 990", "990 TWD"), ("NT$1,490", "1490 TWD"), ("NT$ 1,490.00", "1490.00 TWD"),
    ("990", "990"), ("1490", "1490"), ("1,490", "1490"), ("990元", "990"),
    ("990塊", "990"), ("兩千元", "2000"), ("兩千塊", "2000"), ("三百元", "300"),
    ("一百二十八元", "128"), ("3萬", "30000"), ("3萬元", "30000"), ("1.5萬", "15000"),
    ("HK$ 100", "100 HKD"), ("港幣100元", "100 HKD"), ("100港元", "100 HKD"),
    ("港幣 100", "100 HKD"), ("HKD 100", "100 HKD"), ("$3.50", "3.50 USD"), ("US$3", "3 USD"),
    ("美金30元", "30 USD"), ("30美元", "30 USD"), ("¥328", "328"), ("人民幣328", "328 CNY"),
    ("RMB 328", "328 CNY"), ("六塊五", "6.5"), ("兩塊五毛", "2.5"),
    ("大概三百多塊", None), ("約300元", "300"), ("300元左右", "300"),
    ("一共花了990元", "990"), ("他儲值了1,490元", "1490"), ("昨天花了1490", "1490"),
    ("日幣500", "500 JPY"), ("500円", "500 JPY"), ("€5", "5 EUR"), ("20歐元", "20 EUR"),
    ("£10", "10 GBP"), ("英鎊10", "10 GBP"), ("新台幣 3,290", "3290 TWD"),
    ("大約新台幣990", "990 TWD"), ("總共NT$2,970", "2970 TWD"), ("台幣一千五", "1500 TWD"),
    ("兩千五百元", "2500"), ("一萬二", "12000"), ("990元的點數卡", "990"),
    ("買了3次，每次NT$990", "990 TWD"), ("3天前儲值了990", "990"), ("NT$990.5", "990.5 TWD"),
    ("你好", None), ("昨天", None), ("不記得了", None), ("", None), ("2025-03-02", None),
    ("0912345678", None), ("0元", None), ("-990元", None), ("990元或1490元", None),
    ("990元還是1490元", None), ("3月2日", None), ("下午3點", None), ("N/A", None),
    ("NT$0", None),
]
# fmt: on

TABLES = {"en": EN, "fr": FR, "zh-Hans": ZH_HANS, "zh-Hant": ZH_HANT}


def _show(result: Money | None) -> str | None:
    if result is None:
        return None
    return f"{result.amount} {result.currency}" if result.currency else str(result.amount)


@pytest.mark.parametrize("locale", list(TABLES))
def test_amount_table(locale: str) -> None:
    assert_table_read(locale, TABLES[locale], lambda text: _show(parse_amount(text, locale)))


@pytest.mark.parametrize("locale", ["zh_Hans", "zh-CN", "zh-TW", "fr-FR", "en-US", "en_GB", "xx"])
def test_locale_variants(locale: str) -> None:
    # A bare ¥ is CNY, except for Traditional Chinese where it may be the local dollar.
    expected = None if locale == "zh-TW" else "CNY"
    assert parse_amount("¥ 328", locale) == Money(Decimal("328"), expected)
    assert parse_amount("1 280,50 €", locale) == Money(Decimal("1280.50"), "EUR")


# -- issue #14: what the intake must never misread -----------------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [
        (",50 €", "fr", "0.50 EUR"),
        (",99€", "fr", "0.99 EUR"),
        ("€,50", "fr", "0.50 EUR"),
        ("$.50", "en", "0.50 USD"),
        ("$.99", "en", "0.99 USD"),
        (".75 USD", "en", "0.75 USD"),
        ("it was $.99 for the sticker pack", "en", "0.99 USD"),
        ("￥.50", "zh-Hans", "0.50 CNY"),
        (",500 €", "fr", None),  # cents have at most two digits: ask
        ("$.999", "en", None),
        ("hier,50 €", "fr", None),  # 50 or 0.50? ask rather than guess
        ("it was.99", "en", None),
        ("order no.123 $9.99", "en", "9.99 USD"),  # an id's dot is not a decimal point
    ],
)
def test_a_leading_separator_is_never_dropped(
    text: str, locale: str, expected: str | None
) -> None:
    """Before #14 ",50 €" was read as 50 € and "$.50" as 50: a hundredfold error on money."""
    assert _show(parse_amount(text, locale)) == expected


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("几百块", "zh-Hans"),  # was 100 CNY
        ("几十块钱", "zh-Hans"),  # was 10 CNY
        ("三百多", "zh-Hans"),  # was 300
        ("一千多元", "zh-Hans"),
        ("100多", "zh-Hans"),
        ("十几块", "zh-Hans"),
        ("五百来块", "zh-Hans"),
        ("300余元", "zh-Hans"),
        ("好几千", "zh-Hans"),
        ("幾百塊", "zh-Hant"),
        ("兩百多", "zh-Hant"),
        ("一百多蚊", "zh-Hant"),
        ("a few hundred dollars", "en"),
        ("several hundred bucks", "en"),
        ("a couple hundred", "en"),
        ("hundreds of dollars", "en"),
        ("over $100", "en"),  # was 100 USD
        ("less than $20", "en"),
        ("$100+", "en"),
        ("quelques centaines d'euros", "fr"),
        ("une cinquantaine d'euros", "fr"),
        ("plus de 100 €", "fr"),  # was 100 EUR
        ("moins de 20 €", "fr"),
        ("100 et quelques euros", "fr"),
    ],
)
def test_vague_amounts_are_refused_as_vague(text: str, locale: str) -> None:
    assert read_amount(text, locale) == AmountReading(None, "vague")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("20-30", "en"),
        ("$20-$30", "en"),
        ("$20 to $30", "en"),
        ("between $40 and $50", "en"),
        ("15 or 20 dollars", "en"),
        ("20-30 €", "fr"),
        ("entre 20 et 30 €", "fr"),
        ("de 10 à 15 €", "fr"),
        ("10 ou 15 euros", "fr"),
        ("二三十块", "zh-Hans"),
        ("两三百", "zh-Hans"),
        ("三四百块", "zh-Hans"),
        ("十七八块", "zh-Hans"),
        ("300到400块", "zh-Hans"),
        ("200~300元", "zh-Hans"),
        ("一百到两百块", "zh-Hans"),
        ("648元还是328元", "zh-Hans"),
        ("五六十塊", "zh-Hant"),
        ("NT$300~500", "zh-Hant"),
    ],
)
def test_ranges_are_refused_as_ranges(text: str, locale: str) -> None:
    assert read_amount(text, locale) == AmountReading(None, "range")


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [
        ("648元多次扣款", "zh-Hans", "648 CNY"),  # 多次 is "several times"
        ("648块来着", "zh-Hans", "648 CNY"),  # 来着 is a particle
        ("余额648元", "zh-Hans", "648 CNY"),  # 余额 is the balance
        ("over 2 days I paid $5", "en", "5 USD"),
        ("plus de 3 fois 4,99 €", "fr", "4.99 EUR"),
        ("about $30", "en", "30 USD"),  # a hedged figure is still a figure, shown back
        ("一千块左右", "zh-Hans", "1000 CNY"),
        ("$20-ish", "en", "20 USD"),
        ("$5 and $7", "en", None),  # two amounts, not a range
        ("555-123-4567", "en", None),
        ("30-20 €", "fr", None),
    ],
)
def test_figures_that_are_not_estimates(text: str, locale: str, expected: str | None) -> None:
    reading = read_amount(text, locale)
    assert reading.refusal is None and _show(reading.money) == expected


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [
        ("3萬2", "zh-Hant", "32000"),
        ("1千5", "zh-Hans", "1500"),
        ("充值了1.5万", "zh-Hans", "15000"),
    ],
)
def test_arabic_digits_with_chinese_units(text: str, locale: str, expected: str) -> None:
    """Before #14 "3萬2" was two numbers and "1.5万" in a sentence was taken for a word."""
    assert _show(parse_amount(text, locale)) == expected


def test_money_is_frozen_and_keeps_precision() -> None:
    money = parse_amount("648.00", "en")
    assert money == Money(Decimal("648.00"), None)
    assert str(money.amount) == "648.00" if money else False
    with pytest.raises(AttributeError):
        money.amount = Decimal(1)  # type: ignore[misc, union-attr]


def test_precision_is_capped_by_currency() -> None:
    assert parse_amount("4.999 €", "en") == Money(Decimal("5.00"), "EUR")
    assert parse_amount("500.5円", "en") == Money(Decimal("501"), "JPY")


BABEL = {"en": "en", "fr": "fr", "zh-Hans": "zh_Hans_CN", "zh-Hant": "zh_Hant_TW"}
#: Currencies whose Babel symbol is unambiguous in that locale ($ in zh_Hant is TWD for
#: Babel but USD for us; a bare ¥ is CNY for us but JPY for Babel's English).
CURRENCIES = {
    "en": ["EUR", "USD", "CNY", "TWD", "GBP", "HKD"],
    "fr": ["EUR", "USD", "CNY", "TWD", "GBP", "HKD", "JPY"],
    "zh-Hans": ["EUR", "USD", "CNY", "TWD", "GBP", "HKD", "JPY"],
    "zh-Hant": ["EUR", "USD", "CNY", "GBP", "HKD"],
}
cents = st.integers(min_value=1, max_value=1_000_000_000).map(lambda n: Decimal(n).scaleb(-2))


@settings(max_examples=300, deadline=None)
@given(value=cents, locale=st.sampled_from(list(BABEL)))
def test_babel_decimal_round_trip(value: Decimal, locale: str) -> None:
    text = format_decimal(value, locale=BABEL[locale])
    assert parse_amount(text, locale) == Money(value, None), text


@settings(max_examples=300, deadline=None)
@given(value=cents, locale=st.sampled_from(list(BABEL)), data=st.data())
def test_babel_currency_round_trip(value: Decimal, locale: str, data: st.DataObject) -> None:
    currency = data.draw(st.sampled_from(CURRENCIES[locale]))
    if currency == "JPY":
        value = value.to_integral_value() or Decimal(1)
    text = format_currency(value, currency, locale=BABEL[locale])
    result = parse_amount(text, locale)
    assert result is not None, text
    assert result.amount == value and result.currency == currency, text


@settings(max_examples=500, deadline=None)
@given(text=st.text(max_size=60), locale=st.sampled_from([*BABEL, "zh_TW", "", "de"]))
def test_never_raises_on_arbitrary_text(text: str, locale: str) -> None:
    result = parse_amount(text, locale)
    assert result is None or (result.amount > 0 and result.amount <= 10_000_000)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet="0123456789 ,.'€$¥元块万千百一二三四五六七八九十-毛", max_size=20),
    locale=st.sampled_from(list(BABEL)),
)
def test_never_raises_on_number_soup(text: str, locale: str) -> None:
    result = parse_amount(text, locale)
    assert result is None or result.amount > 0
