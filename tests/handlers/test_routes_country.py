"""Which consumer body "/routes" names (issue #14): the parent's own country — from their time
zone, else their Telegram client's region — and only then `[aftercare] country`. A French
parent was sent to China's 12315."""

from __future__ import annotations

import pytest

from handlers.aftercare.routes import other_routes, parent_country
from handlers.policy import AftercarePolicy
from storage.models import Case
from tests.chat import ParentChat
from tests.core import core
from tests.handlers.desk_helpers import submitted_case


def _case(timezone: str | None) -> Case:
    case = Case(reference="K7QM4", platform="douyin", payment_method="alipay", language="en")
    if timezone is not None:
        case.timezone = timezone
    return case


def _consumer(parts) -> str:
    return next(p.key for p in parts if p.key.startswith("routes-consumer-"))


@pytest.mark.parametrize(
    ("timezone", "body"),
    [
        ("Europe/Paris", "routes-consumer-fr"),
        ("Asia/Taipei", "routes-consumer-tw"),
        ("Asia/Hong_Kong", "routes-consumer-hk"),
        ("Asia/Shanghai", "routes-consumer-cn"),
        ("Asia/Urumqi", "routes-consumer-cn"),
        ("Europe/Berlin", "routes-consumer-other"),  # the national authority, not 12315
        ("America/New_York", "routes-consumer-other"),
    ],
)
def test_the_parents_time_zone_names_their_country(timezone, body):
    assert _consumer(other_routes(_case(timezone), AftercarePolicy(country="CN"))) == body


@pytest.mark.parametrize(
    ("timezone", "client", "configured", "country"),
    [
        ("Europe/Paris", "zh-HK", "CN", "FR"),  # where they are beats their client's region
        ("UTC", "zh-HK", "CN", "HK"),  # a zone of no country: the client's region
        ("UTC", "fr-FR", "CN", "FR"),
        ("Etc/GMT-8", "zh-Hant-TW", "CN", "TW"),
        ("UTC", "fr", "TW", "TW"),  # neither says: the operator's setting
        ("UTC", None, "HK", "HK"),
        ("Not/AZone", None, "FR", "FR"),
        (None, None, "CN", "CN"),
    ],
)
def test_client_region_then_the_setting(timezone, client, configured, country):
    assert parent_country(timezone, client, configured) == country


async def test_routes_for_a_french_parent_name_signalconso(database, policy, clock, localizer):
    """/routes in the chat: the latest claim of a parent in Paris, on a desk set to CN."""
    conversation = core(
        database, clock, localizer, policy=policy, aftercare=AftercarePolicy(country="CN")
    )
    await submitted_case(database, clock.now(), language="fr")  # Europe/Paris
    parent = ParentChat(conversation, localizer, user_id=1001, language_code="fr")
    await parent.command("routes")
    assert "routes-consumer-fr" in parent.keys and "routes-consumer-cn" not in parent.keys
    assert "SignalConso" in parent.text and "12315" not in parent.text


async def test_routes_without_a_claim_use_the_parents_own_time_zone(
    database, policy, clock, localizer
):
    conversation = core(
        database, clock, localizer, policy=policy, aftercare=AftercarePolicy(country="CN")
    )
    parent = ParentChat(conversation, localizer, user_id=2002, language_code="zh-HK")
    await parent.command("start")
    await parent.command("routes")
    assert "routes-consumer-hk" in parent.keys, parent.keys
