"""Decisions as parents read them, in every language: full approval, partial approval (what it
covers against what was claimed), rejection (reason and note); what happens next and how long
the refund takes for the way they paid. Then the other routes: per platform, payment method
and country, the operator's choices, ``/routes`` and the "Other ways to a refund" button of
``/help``."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from bot.config import ConfigError, load_settings
from handlers.aftercare.decisions import refund_time
from handlers.aftercare.routes import other_routes
from handlers.case.view import CaseView
from handlers.conversation import Conversation
from handlers.desk.notify import decision_for_parent
from handlers.formatting import format_money, format_when
from handlers.languages import SUPPORTED
from handlers.policy import AftercarePolicy, DeskPolicy
from handlers.replies import Msg, Reply
from storage.models import Case, CaseTransaction
from storage.repositories import cases
from tests.chat import ParentChat
from tests.core import core
from tests.handlers.desk_helpers import GROUP, Agent, reload, submitted_case

PARENT = 1001
#: How each language writes "1 to 3 working days" for Alipay, and a word of "what next".
REFUND_1_3 = {
    "en": "A refund of money paid with Alipay usually arrives within 1–3 working days.",
    "fr": "Un paiement par Alipay est en général remboursé sous 1 à 3 jours ouvrés.",
    "zh-Hans": "用支付宝支付的款项，退款通常在 1–3 个工作日内到账。",
    "zh-Hant": "用支付寶付款的款項，退款通常會在 1–3 個工作天內退回。",
}
FINAL = {"en": "final", "fr": "définitive", "zh-Hans": "最终结果", "zh-Hant": "最終結果"}


@pytest.fixture
def conversation(database, policy, clock, localizer) -> Conversation:
    return core(
        database,
        clock,
        localizer,
        policy=policy,
        desk=DeskPolicy(chat_id=GROUP, use_topics=True),
        aftercare=AftercarePolicy(),
    )


async def _case(database, clock, language: str, **values) -> Case:
    case = await submitted_case(database, clock.now(), language=language)
    async with database.unit_of_work() as session:
        stored = await cases.case_by_id(session=session, case_id=case.id)
        assert stored is not None
        for key, value in values.items():
            setattr(stored, key, value)
        session.add(
            CaseTransaction(
                case_id=case.id,
                position=2,
                amount=Decimal("30"),
                currency="CNY",
                occurred_at=clock.now(),
                order_number="4200001234",
            )
        )
    return case


def _told(agent: Agent, localizer) -> tuple[list[Reply], str]:
    replies = [o for o in agent.out if isinstance(o, Reply) and o.chat_id == PARENT]
    text = "\n".join(localizer.plain(r.language, p) for r in replies for p in r.parts)
    return replies, text


@pytest.mark.parametrize("language", SUPPORTED)
async def test_full_approval(database, clock, conversation, localizer, language):
    case = await _case(database, clock, language)
    agent = Agent(conversation)
    await agent.press(case, "approve")
    replies, text = _told(agent, localizer)
    assert [p.key for p in replies[0].parts] == [
        "decision-approved",
        "decision-next-approved",
        "decision-refund-range",
    ]
    assert replies[0].language == language and not replies[0].buttons  # nothing to appeal
    assert format_money(Decimal("678"), "CNY", language) in text  # 648 + 30
    assert REFUND_1_3[language] in text
    assert "K7QM4" in text


@pytest.mark.parametrize("language", SUPPORTED)
async def test_partial_approval_says_what_it_covers(
    database, clock, conversation, localizer, language
):
    case = await _case(database, clock, language)
    agent = Agent(conversation)
    await agent.press(case, "partial")
    await agent.write("300 CNY")
    replies, text = _told(agent, localizer)
    keys = [p.key for p in replies[0].parts]
    assert keys == [
        "decision-partial",
        "decision-claimed-header",
        "review-tx-line",
        "review-tx-line",
        "decision-next-partial",
        "decision-refund-range",
        "decision-appeal-offer",
    ]
    for amount in ("300", "678", "378"):  # granted, claimed, not granted
        assert format_money(Decimal(amount), "CNY", language) in text
    assert "4200001234" in text  # each purchase, with its order number
    assert REFUND_1_3[language] in text
    until = format_when(datetime(2026, 12, 20, 7, 30, tzinfo=UTC), "Europe/Paris", language)
    assert until in text  # the appeal's last day, 30 days on, in the parent's time zone
    assert [b.label.key for row in replies[0].buttons for b in row] == ["button-appeal"]


@pytest.mark.parametrize("language", SUPPORTED)
async def test_rejection_with_reason_and_note(database, clock, conversation, localizer, language):
    case = await _case(database, clock, language)
    agent = Agent(conversation)
    await agent.press(case, "reject")
    await agent.press(case, "reject_reason", "already_refunded")
    await agent.write("Remboursé le 3 novembre, réf. 8841.")
    replies, text = _told(agent, localizer)
    assert [p.key for p in replies[0].parts] == [
        "decision-rejected",
        "parent-decision-note",
        "decision-next-rejected",
        "decision-appeal-offer",
    ]
    assert localizer.plain(language, Msg("reject-reason-already-refunded")) in text
    assert "Remboursé le 3 novembre, réf. 8841." in text
    assert "/routes" in text
    assert replies[0].buttons[0][0].data == f"appeal:{case.id}"


@pytest.mark.parametrize("language", SUPPORTED)
async def test_after_an_appeal_the_decision_is_final(
    database, clock, conversation, localizer, language
):
    case = await _case(
        database, clock, language, payment_method="bank_card", appeals=1, status="appealed"
    )
    agent = Agent(conversation)
    await agent.press(case, "reject")
    await agent.press(case, "reject_reason", "too_old")
    await agent.press(case, "reject_skip_note")
    replies, text = _told(agent, localizer)
    assert [p.key for p in replies[0].parts][-1] == "decision-appeal-final"
    assert FINAL[language] in text and not replies[0].buttons
    routes = [p.key for p in replies[1].parts]
    assert "routes-payment-bank-card" in routes and "routes-consumer-fr" in routes  # in Paris
    assert "SignalConso" in text
    assert (await reload(database, case)).appeals == 1


# -- refund times ----------------------------------------------------------------------------


def _bare(platform: str = "douyin", method: str = "alipay") -> Case:
    return Case(reference="K7QM4", platform=platform, payment_method=method, language="en")


@pytest.mark.parametrize(
    ("platform", "method", "key", "params"),
    [
        ("douyin", "alipay", "decision-refund-up-to", {"days": 2}),  # platform.method override
        ("wechat", "alipay", "decision-refund-range", {"low": 1, "high": 3}),
        ("douyin", "bank_card", "decision-refund-range", {"low": 3, "high": 15}),
        ("douyin", "platform_balance", "decision-refund-up-to", {"days": 1}),
        ("douyin", "wechat_pay", "decision-refund-immediate", {}),
        ("douyin", "google_play", "decision-refund-generic", {}),  # no figure configured
        ("douyin", "other", "decision-refund-generic", {}),
    ],
)
def test_refund_time_per_payment_method(platform, method, key, params, localizer):
    aftercare = AftercarePolicy(
        refund_days={
            "alipay": (1, 3),
            "douyin.alipay": (0, 2),
            "bank_card": (3, 15),
            "platform_balance": (0, 1),
            "wechat_pay": (0, 0),
        }
    )
    msg = refund_time(_bare(platform, method), aftercare)
    assert msg.key == key
    assert {k: v for k, v in msg.params.items() if k != "method"} == params
    for language in SUPPORTED:
        assert localizer.plain(language, msg).strip()


def test_a_partial_approval_in_one_currency_of_several(localizer):
    case = _bare()
    case.id, case.decision, case.language, case.timezone = 1, "partial", "en", "UTC"
    case.decided_amount, case.decided_currency = Decimal("20"), "EUR"
    case.decided_at = datetime(2026, 11, 20, tzinfo=UTC)
    when = datetime(2026, 11, 19, tzinfo=UTC)
    eur = CaseTransaction(amount=Decimal("49.90"), currency="EUR", occurred_at=when, position=1)
    cny = CaseTransaction(amount=Decimal("648"), currency="CNY", occurred_at=when, position=2)
    view = CaseView(case, [eur, cny], [])
    [(parts, _)] = decision_for_parent(view, AftercarePolicy())
    text = localizer.plain("en", parts[0])
    assert "€20.00 will be refunded" in text
    assert "You claimed €49.90 + CN¥648.00" in text
    assert "the remaining €29.90 + CN¥648.00 will not be refunded" in text


# -- where else to turn ------------------------------------------------------------------------

BODIES = {
    "CN": ("routes-consumer-cn", "12315"),
    "FR": ("routes-consumer-fr", "SignalConso"),
    "TW": ("routes-consumer-tw", "1950"),
    "HK": ("routes-consumer-hk", "2929 2222"),
    "DE": ("routes-consumer-other", None),
}


@pytest.mark.parametrize("country", list(BODIES))
def test_routes_name_the_countrys_consumer_body(country, localizer):
    parts = other_routes(_bare(), AftercarePolicy(country=country))
    key, mark = BODIES[country]
    assert [p.key for p in parts] == [
        "routes-intro",
        "routes-platform-douyin",
        "routes-payment-alipay",
        key,
        "routes-keep-evidence",
    ]
    for language in SUPPORTED:
        text = localizer.plain(language, parts[3])
        assert mark is None or mark in text


@pytest.mark.parametrize(
    ("platform", "method", "expected"),
    [
        ("wechat", "wechat_pay", ["routes-platform-wechat", "routes-payment-wechat-pay"]),
        ("tiktok", "apple", ["routes-platform-tiktok", "routes-payment-apple"]),
        ("kuaishou", "google_play", ["routes-platform-kuaishou", "routes-payment-google-play"]),
        ("douyin", "bank_card", ["routes-platform-douyin", "routes-payment-bank-card"]),
        ("douyin", "platform_balance", ["routes-platform-douyin"]),  # no dispute route of its own
        ("other", "other", ["routes-platform-custom"]),
    ],
)
def test_routes_per_platform_and_payment_method(platform, method, expected):
    case = _bare(platform, method)
    case.platform_other = "Bilibili"
    keys = [p.key for p in other_routes(case, AftercarePolicy())]
    assert keys[1:-2] == expected


def test_the_operator_can_hide_entries():
    aftercare = AftercarePolicy(hidden_routes=frozenset({"consumer", "alipay", "platform"}))
    assert [p.key for p in other_routes(_bare(), aftercare)] == [
        "routes-intro",
        "routes-keep-evidence",
    ]
    general = [
        p.key for p in other_routes(None, AftercarePolicy(hidden_routes=frozenset({"apple"})))
    ]
    assert "routes-payment-apple" not in general and "routes-payment-google-play" in general


def test_routes_settings(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(
        '[sla]\ncountry = "CN"\n[aftercare]\ncountry = "fr"\nhidden_routes = ["apple"]\n'
    )
    policy = load_settings(path, environ={}).aftercare_policy()
    assert policy.country == "FR" and policy.hidden_routes == frozenset({"apple"})
    path.write_text('[sla]\ncountry = "TW"\n')
    assert load_settings(path, environ={}).aftercare_policy().country == "TW"
    path.write_text('[aftercare]\nhidden_routes = ["paypal"]\n')
    with pytest.raises(ConfigError, match=r"aftercare\.hidden_routes: unknown 'paypal'"):
        load_settings(path, environ={})


async def test_routes_command_and_help_button(database, clock, conversation, localizer):
    parent = ParentChat(conversation, localizer, user_id=PARENT, language_code="en")
    await parent.command("routes")  # no claim yet: the general guide
    keys = parent.keys
    assert keys[0] == "routes-any" and "routes-platform-any" in keys
    assert {k for k in keys if k.startswith("routes-payment-")} == {
        "routes-payment-alipay",
        "routes-payment-wechat-pay",
        "routes-payment-bank-card",
        "routes-payment-apple",
        "routes-payment-google-play",
    }
    assert keys[-1] == "hint-start"

    await submitted_case(database, clock.now(), language="en")
    await parent.command("help")
    assert parent.keys[0] == "help" and "/routes" in parent.text
    assert parent.buttons()[-1].label.key == "button-other-options"
    await parent.press("button-other-options")
    assert parent.keys[:3] == ["routes-intro", "routes-platform-douyin", "routes-payment-alipay"]
    assert "K7QM4" in parent.text
    await parent.command("routes", "k7qm4")
    assert parent.last.parts[0].params == {"reference": "K7QM4"}


async def test_help_keeps_the_current_questions_buttons(conversation, localizer):
    parent = ParentChat(conversation, localizer, user_id=PARENT, language_code="fr")
    await parent.command("start")
    await parent.command("help")
    assert parent.keys == ["help", "ask-consent"]
    labels = [b.label.key for b in parent.buttons()]
    assert labels == ["button-consent-yes", "button-consent-no", "button-other-options"]
    await parent.press("button-other-options")
    assert parent.keys[0] == "routes-any" and parent.keys[-1] == "ask-consent"
