"""parse_amount against what parents really type, in the four supported languages.

Expected values are "AMOUNT CUR" (the amount exactly as ``str(Decimal)``, so the kept precision
is checked too), "AMOUNT" when the text names no currency, or None when it is not one amount
(an estimate such as 三百多 or a range such as "20-30" is not one: see ``read_amount`` below).
Each language's table of rows is in tests/handlers/corpus/amount_tables.json (None is null there).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.numbers import format_currency, format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from handlers.parsing import Money, parse_amount
from handlers.parsing.amount import AmountReading, read_amount
from tests.handlers.parsing_tables import assert_table_read, load_tables

TABLES = load_tables("amount")


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
