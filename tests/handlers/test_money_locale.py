"""Money as each language writes it (issue #14): "NT$990.00", "¥648.00", "12,50 €", never two
currencies written alike for one reader, and the partial-approval example in the case's own
currency."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from sqlmodel import select

from handlers.formatting import format_money, format_totals
from handlers.languages import SUPPORTED
from handlers.parsing import parse_amount
from handlers.policy import DeskPolicy
from handlers.replies import AnswerButton, Reply
from storage.models import CaseTransaction
from tests.case_rows import purchases_of
from tests.core import core
from tests.handlers.desk_helpers import GROUP, Agent, reload, submitted_case

NBSP = "\u00a0"
#: The currencies people name in claims (handlers/parsing/currencies.py) and Macau's pataca.
KNOWN = ("AUD", "CAD", "CHF", "CNY", "EUR", "GBP", "HKD", "INR", "JPY", "KRW", "MOP", "SGD",
         "TWD", "USD")  # fmt: skip


@pytest.mark.parametrize(
    ("amount", "currency", "language", "shown"),
    [
        ("990", "TWD", "zh-Hant", "NT$990.00"),  # not "$": Hong Kong and Macau read zh-Hant too
        ("648", "CNY", "zh-Hans", "¥648.00"),
        ("648", "CNY", "zh-Hant", "CN¥648.00"),
        ("648", "CNY", "en", "CN¥648.00"),
        ("648", "CNY", "fr", f"648,00{NBSP}CNY"),
        ("12.5", "EUR", "fr", f"12,50{NBSP}€"),
        ("12.5", "EUR", "en", "€12.50"),
        ("80", "HKD", "zh-Hant", "HK$80.00"),
        ("4.99", "USD", "en", "$4.99"),
        ("4.99", "USD", "zh-Hans", "US$4.99"),
        ("4.99", "USD", "zh-Hant", "US$4.99"),
        ("4.99", "USD", "fr", f"4,99{NBSP}$US"),
        ("500", "JPY", "en", "¥500"),  # the yen has no minor unit
        ("500", "JPY", "zh-Hans", "JP¥500"),
        ("1234.5", "EUR", "fr", f"1\u202f234,50{NBSP}€"),
    ],
)
def test_money_as_the_language_writes_it(amount, currency, language, shown):
    assert format_money(Decimal(amount), currency, language) == shown


@pytest.mark.parametrize("language", SUPPORTED)
def test_no_two_currencies_look_alike_to_one_reader(language):
    """¥ is CNY in Simplified Chinese and JPY in English: each reader sees one meaning per
    symbol, and no currency is shown without one."""
    seen: dict[str, str] = {}
    for currency in KNOWN:
        symbol = re.sub(r"[\d.,\s\u00a0\u202f]", "", format_money(Decimal(1), currency, language))
        assert symbol, currency
        assert seen.setdefault(symbol, currency) == currency, (symbol, seen[symbol], currency)


def test_totals_per_currency_in_the_language():
    items = [(Decimal("49.9"), "EUR"), (Decimal("648"), "CNY"), (Decimal("0.1"), "EUR")]
    assert format_totals(items, "en") == "€50.00 + CN¥648.00"
    assert format_totals(items, "fr") == f"50,00{NBSP}€ + 648,00{NBSP}CNY"


@pytest.mark.parametrize(
    ("currency", "language"),
    [("TWD", "zh-Hant"), ("HKD", "zh-Hant"), ("CNY", "zh-Hans"), ("EUR", "fr"), ("USD", "en")],
)
def test_an_amount_shown_reads_back_as_the_same_money(currency, language):
    """What the bot shows a parent or an agent, typed back, is the same amount and currency."""
    shown = format_money(Decimal("80"), currency, language)
    money = parse_amount(shown, language)
    assert money is not None and (money.amount, money.currency) == (Decimal(80), currency)


@pytest.fixture
def desk() -> DeskPolicy:
    return DeskPolicy(chat_id=GROUP, language="en", use_topics=True)


async def _claim_in(database, case, *items: tuple[str, str]) -> None:
    """Replace the case's purchases with these (amount, currency)."""
    async with database.unit_of_work() as session:
        rows = (await session.exec(select(CaseTransaction).where(
            CaseTransaction.case_id == case.id))).all()  # fmt: skip
        template = rows[0]
        for row in rows:
            await session.delete(row)
        session.add_all(purchases_of(case.id, items, template.occurred_at, first=0))


def _example(text: str, reference: str = "K7QM4") -> list[tuple[Decimal, str | None]]:
    """The amounts the prompt's example suggests: each number, with the code after it."""
    found = []
    for number, code in re.findall(
        r"(?<![A-Za-z0-9])(\d+(?:[.,]\d+)?)(?:\s?([A-Z]{3}))?", text.replace(reference, "")
    ):
        found.append((Decimal(number.replace(",", ".")), code or None))
    return found


@pytest.mark.parametrize("language", SUPPORTED)
async def test_partial_prompt_suggests_the_cases_currency_below_its_total(
    database, policy, clock, localizer, language
):
    """The pop-up said "e.g. 300 or 300 CNY" on a 49.90 EUR claim."""
    desk = DeskPolicy(chat_id=GROUP, language=language, use_topics=True)
    conversation = core(database, clock, localizer, policy=policy, desk=desk)
    case = await submitted_case(database, clock.now())
    await _claim_in(database, case, ("49.90", "EUR"))
    agent = Agent(conversation)
    await agent.press(case, "partial")
    notice = next(o for o in agent.out if isinstance(o, AnswerButton)).notice
    assert notice is not None and notice.key == "desk-partial-prompt"
    text = localizer.plain(language, notice)
    assert "CNY" not in text and "300" not in text
    suggested = _example(text)
    assert suggested, text
    for amount, currency in suggested:
        assert currency in ("EUR", None) and Decimal(0) < amount < Decimal("49.90"), text
    assert ("EUR" in text) and len(text) <= 200  # a pop-up answer holds 200 characters

    # What the example says works: the agent types it and the case is decided for that much.
    amount = suggested[0][0]
    await agent.write(f"{amount} EUR")
    decided = await reload(database, case)
    assert (decided.decision, decided.decided_amount, decided.decided_currency) == (
        "partial",
        amount,
        "EUR",
    )


async def test_partial_prompt_with_two_currencies_names_one(database, clock, conversation,
                                                            localizer):  # fmt: skip
    """A bare number would be refused ("say which currency"): the example names one."""
    case = await submitted_case(database, clock.now())
    await _claim_in(database, case, ("49.90", "EUR"), ("648", "CNY"))
    agent = Agent(conversation)
    await agent.press(case, "partial")
    await agent.write("beaucoup")  # not an amount: the prompt again, in the thread
    again = [p for o in agent.out if isinstance(o, Reply) for p in o.parts]
    assert [p.key for p in again] == ["error-amount", "desk-partial-prompt"]
    text = localizer.plain("en", again[1])
    suggested = _example(text)
    assert suggested and all(c == "EUR" for _, c in suggested), text
    assert all(Decimal(0) < a < Decimal("49.90") for a, _ in suggested), text


async def test_the_card_shows_money_in_the_teams_language(database, clock, conversation):
    case = await submitted_case(database, clock.now())
    await _claim_in(database, case, ("990", "TWD"), ("80", "HKD"))
    agent = Agent(conversation)
    await agent.press(case, "claim")
    card = next(o for o in agent.out if getattr(o, "message_id", None) == 500)
    money = [p.params["money"] for p in card.parts if p.key == "review-tx-line"]
    assert money == ["NT$990.00", "HK$80.00"]
    total = next(p for p in card.parts if p.key == "review-total")
    assert total.params["total"] == "NT$990.00 + HK$80.00"
