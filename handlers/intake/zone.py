"""The parent's time zone, asked once when their language names no place (issue #14).

French, Chinese and a client whose region names one (``en-GB``, ``zh-HK``) come with a time
zone; a bare ``en`` came with UTC, so "yesterday at 9 pm" in New York was stored five hours
off. Such a parent is asked where they are just before the first purchase's time — never
when they have chosen a zone (this question, or /timezone), never twice: the choice is the
user row's (``timezone_chosen_at``), the answer also the draft's.

The same reading serves /timezone: a city button, a city typed ("London", "new york",
"Europe/Berlin", "Berlin"), or an offset from UTC in whole hours ("UTC-5", "+8").
"""

from __future__ import annotations

import functools
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from handlers.bounds import ascii_digits, ascii_int
from handlers.intake.context import Accepted, Answer, AnswerKind, Ctx, Outcome, Rejected
from handlers.replies import Msg

Rows = list[list[tuple[str, Msg]]]

#: The question's buttons: a city (``zone-city-<key>`` in the locales) and its zone. Places
#: where English-writing parents of this desk's platforms live; any other is typed.
CITIES: tuple[tuple[str, str], ...] = (
    ("london", "Europe/London"),
    ("new-york", "America/New_York"),
    ("chicago", "America/Chicago"),
    ("los-angeles", "America/Los_Angeles"),
    ("sydney", "Australia/Sydney"),
    ("auckland", "Pacific/Auckland"),
    ("singapore", "Asia/Singapore"),
    ("hong-kong", "Asia/Hong_Kong"),
    ("shanghai", "Asia/Shanghai"),
    ("india", "Asia/Kolkata"),
)
_BY_KEY = dict(CITIES)
#: Zones that name no place: a parent left in one has not told where they are.
PLACELESS = frozenset({"UTC", "Etc/UTC", "Etc/GMT", "GMT", "Etc/Universal", "Etc/Zulu"})
_OFFSET = re.compile(r"^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})$", re.IGNORECASE)
#: No zone has a longer name (nor would it fit ``users.timezone``).
MAX_LENGTH = 64


def read_zone(text: str) -> str | None:
    """The IANA zone ``text`` names: a zone ("Europe/Paris", "UTC"), an offset from UTC
    ("UTC+8", "-5": Etc/GMT-8, Etc/GMT+5), or a city that names a zone ("London",
    "new york", "Los Angeles"); None when it names none."""
    text = text.strip()
    if not text or len(text) > MAX_LENGTH:
        return None
    match = _OFFSET.match(text)
    if match:
        hours = ascii_int(ascii_digits(match.group(2)), low=0, high=14)
        if hours is None:
            return None
        # IANA's Etc/GMT zones have the sign reversed: UTC+8 is Etc/GMT-8.
        return "UTC" if hours == 0 else f"Etc/GMT{'-' if match.group(1) == '+' else '+'}{hours}"
    candidate = text.replace(" ", "_")
    if "/" in candidate or candidate.upper() == "UTC":
        try:
            ZoneInfo(candidate)
        except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "Europe" is a folder
            return None
        return candidate
    return _city_zones().get(candidate.casefold())


@functools.cache
def _city_zones() -> dict[str, str]:
    """City (the last part of an IANA name, folded) -> its zone: "new_york" -> America/New_York.
    Only the regions' zones (not "Etc/…", nor the old "US/…" aliases)."""
    regions = ("Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe")
    cities: dict[str, str] = {}
    for zone in sorted(available_timezones()):
        if zone.split("/", 1)[0] in (*regions, "Indian", "Pacific"):
            cities.setdefault(zone.rsplit("/", 1)[-1].casefold(), zone)
    return cities


def zone_unknown(ctx: Ctx) -> bool:
    """The parent never said where they are and their zone names no place (a bare ``en``
    client): asked before the first purchase's time — not once a purchase was entered, nor
    when its time came another way (taken from a screenshot)."""
    return (
        not ctx.zone_chosen
        and ctx.timezone in PLACELESS
        and not ctx.transactions
        and "when" not in (ctx.cursor.get("pending_tx") or {})
    )


def zone_answered(ctx: Ctx) -> bool:
    return "timezone" in ctx.answers


def ask_zone(ctx: Ctx) -> tuple[Msg, ...]:
    return (Msg("ask-zone"),)


def zone_choices(ctx: Ctx) -> Rows:
    items = [(key, Msg(f"zone-city-{key}")) for key, _ in CITIES]
    return [items[i : i + 2] for i in range(0, len(items), 2)]


def accept_zone(ctx: Ctx, answer: Answer) -> Outcome:
    if answer.kind is AnswerKind.CHOICE:
        zone = _BY_KEY.get(answer.choice)
    else:
        zone = read_zone(answer.text)
    if zone is None:
        return Rejected.because("error-zone", value=answer.text.strip()[:MAX_LENGTH])
    ctx.timezone = zone
    ctx.zone_chosen = True
    ctx.answers["timezone"] = zone
    pending = ctx.pending_tx
    if pending.get("currency_assumed"):  # "50" typed before: Hong Kong's dollars, not USD
        platform = ctx.answers.get("platform")
        pending["currency"] = ctx.policy.default_currency(platform, ctx.language, zone)
    return Accepted(timezone=zone)
