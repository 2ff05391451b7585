"""Where else to turn when a claim ends badly or stalls: the platform's own complaint channel,
the dispute route of the way the parent paid, and the consumer-protection body of the parent's
country (:func:`parent_country`). Sent after a rejection (a follow-up), after a lost appeal, and
on request (``/routes``, the "Other options" button under ``/help``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from babel.core import get_global

from handlers.buttons import ButtonData, text
from handlers.case.view import platform_msg
from handlers.policy import AftercarePolicy
from handlers.replies import Button, Msg, Reply
from handlers.turn import Turn
from storage.models import Case
from storage.repositories import cases


class OtherRoutes(ButtonData, prefix="routes"):
    """The "Other options" button, ``routes:`` (``routes:<reference>`` would name a claim, as
    ``/routes <reference>`` does; whatever fits is read as that argument)."""

    reference: str = text(57, empty=True, rest=True)


#: Payment methods with a dispute route of their own (``routes-payment-<method>``).
PAYMENT_ROUTES = ("alipay", "wechat_pay", "bank_card", "apple", "google_play")
#: Platforms with their own complaint channel described (``routes-platform-<platform>``).
PLATFORM_ROUTES = ("douyin", "tiktok", "wechat", "kuaishou")
#: Countries whose consumer-protection body is named (``routes-consumer-<country>``).
CONSUMER_BODIES = ("cn", "fr", "tw", "hk")


def parent_country(timezone: str | None, client_code: str | None, configured: str) -> str:
    """The parent's country, as an ISO code: the country of their time zone (Europe/Paris ->
    FR, Asia/Taipei -> TW, Asia/Hong_Kong -> HK, Asia/Shanghai -> CN), else the region of their
    Telegram client's language (``zh-HK``, ``fr-FR``), else ``configured`` (``[aftercare]
    country``). The time zone comes first: it is where they are (set by ``/timezone``, or their
    region's or language's default), where a client's language is often only a preference."""
    territory = _ZONE_TERRITORIES.get(timezone or "")
    if territory and re.fullmatch(r"[A-Z]{2}", territory) and territory != "ZZ":
        return str(territory)
    for subtag in (client_code or "").replace("_", "-").split("-")[1:]:
        if re.fullmatch(r"[A-Za-z]{2}", subtag):
            return subtag.upper()
    return configured.upper()


#: Each time zone's country, from CLDR (``Europe/Paris`` -> ``FR``; ``UTC`` has none).
_ZONE_TERRITORIES: Mapping[str, str] = get_global("zone_territories")


def other_routes(
    case: Case | None,
    aftercare: AftercarePolicy,
    *,
    timezone: str | None = None,
    client_code: str | None = None,
) -> tuple[Msg, ...]:
    """The guide for ``case`` (its platform and payment method), or for no case in particular
    (every payment route), without the entries the operator hid. The consumer body is the
    parent's country's: from the case's time zone (or ``timezone``, the parent's, without a
    case), else ``client_code``'s region, else ``aftercare.country``."""
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
        zone = getattr(case, "timezone", None) if case is not None else None
        country = parent_country(zone or timezone, client_code, aftercare.country).lower()
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
    return other_routes(
        case,
        turn.aftercare,
        timezone=turn.user.timezone,
        client_code=turn.event.sender.language_code,
    )


def offer_button(turn: Turn) -> None:
    """Add an "Other options" button (``routes:``) to the reply just said."""
    last = turn.out[-1] if turn.out else None
    if isinstance(last, Reply):
        more = (Button(Msg("button-other-options"), OtherRoutes("").pack()),)
        turn.out[-1] = replace(last, buttons=(*last.buttons, more))
