"""Where else to turn when a claim ends badly or stalls: the platform's own complaint channel,
the dispute route of the way the parent paid, and the consumer-protection body of the country
the operator serves. Sent after a rejection (a follow-up), after a lost appeal, and on request
(``/routes``, the "Other options" button under ``/help``).
"""

from __future__ import annotations

from dataclasses import replace

from handlers.desk.card import platform_msg
from handlers.policy import AftercarePolicy
from handlers.replies import Button, Msg, Reply
from handlers.turn import Turn
from storage.models import Case
from storage.repositories import cases

#: Payment methods with a dispute route of their own (``routes-payment-<method>``).
PAYMENT_ROUTES = ("alipay", "wechat_pay", "bank_card", "apple", "google_play")
#: Platforms with their own complaint channel described (``routes-platform-<platform>``).
PLATFORM_ROUTES = ("douyin", "tiktok", "wechat", "kuaishou")
#: Countries whose consumer-protection body is named (``routes-consumer-<country>``).
CONSUMER_BODIES = ("cn", "fr", "tw", "hk")


def other_routes(case: Case | None, aftercare: AftercarePolicy) -> tuple[Msg, ...]:
    """The guide for ``case`` (its platform and payment method), or for no case in particular
    (every payment route), without the entries the operator hid."""
    hidden = aftercare.hidden_routes
    parts = [Msg("routes-intro", {"reference": case.reference}) if case else Msg("routes-any")]
    if "platform" not in hidden:
        parts.append(_platform_route(case))
    methods = (case.payment_method,) if case else PAYMENT_ROUTES
    parts += [
        Msg(f"routes-payment-{method.replace('_', '-')}")
        for method in methods
        if method in PAYMENT_ROUTES and method not in hidden
    ]
    if "consumer" not in hidden:
        country = aftercare.country.lower()
        parts.append(Msg(f"routes-consumer-{country if country in CONSUMER_BODIES else 'other'}"))
    parts.append(Msg("routes-keep-evidence"))
    return tuple(parts)


def _platform_route(case: Case | None) -> Msg:
    if case is None:
        return Msg("routes-platform-any")
    if case.platform in PLATFORM_ROUTES:
        return Msg(f"routes-platform-{case.platform}")
    return Msg("routes-platform-custom", {"platform": platform_msg(case)})


async def for_parent(turn: Turn, argument: str) -> tuple[Msg, ...]:
    """``/routes [reference]``: the guide for that claim, the latest one, or in general."""
    own = await cases.cases_of_user(session=turn.session, user_id=turn.user.id)
    wanted = argument.strip().upper()
    case = next((c for c in own if c.reference == wanted), own[0] if own else None)
    return other_routes(case, turn.aftercare)


def offer_button(turn: Turn) -> None:
    """Add an "Other options" button (``routes:``) to the reply just said."""
    last = turn.out[-1] if turn.out else None
    if isinstance(last, Reply):
        more = (Button(Msg("button-other-options"), "routes:"),)
        turn.out[-1] = replace(last, buttons=(*last.buttons, more))
