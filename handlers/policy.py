"""The intake's operator-chosen rules, handed to the core (which never reads config files)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, Protocol

from handlers.calendar import WorkingCalendar
from handlers.languages import REGIONAL_DEFAULTS, client_region
from handlers.orders.matching import MatchPolicy

#: Platforms with translated names in locales/ (``platform-<id>``); others need a name in config.
KNOWN_PLATFORMS = ("douyin", "tiktok", "wechat", "kuaishou")
#: The most purchases one claim may list (``[intake] max_transactions`` stays within it).
MAX_PURCHASES = 100
KNOWN_PAYMENT_METHODS = (
    "alipay",
    "wechat_pay",
    "bank_card",
    "apple",
    "google_play",
    "platform_balance",
)
PROBLEMS = ("minor_purchase", "payment_failed", "not_activated", "other")
WRITERS = ("parent", "guardian", "minor", "other")
#: Entries of the "other routes" guide an operator may hide (``[aftercare] hidden_routes``).
ROUTE_ENTRIES = (
    "platform",
    "consumer",
    "alipay",
    "wechat_pay",
    "bank_card",
    "apple",
    "google_play",
)


@dataclass(frozen=True)
class IntakePolicy:
    default_language: str = "en"
    platforms: tuple[str, ...] = ("douyin", "wechat", "kuaishou")
    platform_names: Mapping[str, str] = field(default_factory=dict)
    payment_methods: tuple[str, ...] = KNOWN_PAYMENT_METHODS
    timezones: Mapping[str, str] = field(
        default_factory=lambda: {
            "en": "UTC",
            "fr": "Europe/Paris",
            "zh-Hans": "Asia/Shanghai",
            "zh-Hant": "Asia/Taipei",
        }
    )
    currencies: Mapping[str, str] = field(
        default_factory=lambda: {"en": "USD", "fr": "EUR", "zh-Hans": "CNY", "zh-Hant": "TWD"}
    )
    platform_currencies: Mapping[str, str] = field(
        default_factory=lambda: {"douyin": "CNY", "wechat": "CNY", "kuaishou": "CNY"}
    )
    #: Region (of the client's language code) -> (time zone, currency), before the language's.
    regions: Mapping[str, tuple[str, str]] = field(default_factory=lambda: dict(REGIONAL_DEFAULTS))
    max_transactions: int = 20  # at most MAX_PURCHASES
    max_evidence: int = 30
    max_file_bytes: int = 20 * 1024 * 1024
    accepted_mime_prefixes: tuple[str, ...] = ("image/", "application/pdf")
    confirm_older_than_days: int = 90
    max_text_length: int = 200
    max_description_length: int = 2000
    minor_age_range: tuple[int, int] = (3, 17)
    #: Private updates handled per person per minute; more are dropped, with one notice per
    #: flood (:mod:`handlers.flood`). 0: no limit, the bare core's default (tests, tools);
    #: the operator's ``[intake] flood_per_minute`` is 30 unless set.
    flood_per_minute: int = 0

    def timezone_for(self, language: str, client_code: str | None = None) -> str:
        """A new person's time zone: their client's region's (``zh-HK``: Asia/Hong_Kong, not
        the Taipei of Traditional Chinese), else their language's."""
        region = client_region(client_code)
        if region is not None and region in self.regions:
            return self.regions[region][0]
        return self.timezones.get(language, "UTC")

    def default_currency(
        self, platform: str | None, language: str, timezone: str | None = None
    ) -> str:
        """The currency of an amount typed without one: the platform's (Douyin: CNY), else
        the region's whose time zone the person is in (Asia/Hong_Kong: HKD), else the
        language's."""
        if platform and platform in self.platform_currencies:
            return self.platform_currencies[platform]
        for zone, currency in self.regions.values():
            if zone == timezone:
                return currency
        return self.currencies.get(language, "USD")


class HasTeam(Protocol):
    @property
    def team(self) -> str | None: ...


#: The team ``[agents]`` itself describes: it takes every case no other team's route matches.
MAIN_TEAM = "main"


@dataclass(frozen=True)
class Route:
    """Which new cases a team takes: every criterion given must match (any of its values);
    a route with none takes nothing by itself (cases reach the team only by being moved)."""

    languages: frozenset[str] = frozenset()
    platforms: frozenset[str] = frozenset()
    problems: frozenset[str] = frozenset()
    #: The claim's total in one of these currencies is at least this much.
    min_amount: Mapping[str, Decimal] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.languages or self.platforms or self.problems or self.min_amount)

    def matches(self, facts: CaseFacts) -> bool:
        if self.empty:
            return False
        if self.languages and facts.language not in self.languages:
            return False
        if self.platforms and facts.platform not in self.platforms:
            return False
        if self.problems and facts.problem not in self.problems:
            return False
        if self.min_amount:
            return any(
                facts.totals.get(currency, Decimal(0)) >= floor
                for currency, floor in self.min_amount.items()
            )
        return True


@dataclass(frozen=True)
class CaseFacts:
    """What routing looks at in a new case."""

    language: str
    platform: str
    problem: str
    totals: Mapping[str, Decimal]


@dataclass(frozen=True)
class Team:
    """One agents' group: its own language, time zone, agents, supervisors and 20 messages a
    minute (Telegram's limit is per group, so a busy desk scales by adding teams)."""

    key: str
    chat_id: int
    #: Shown on the "move" buttons as written; None: the translated "main team" (MAIN_TEAM).
    name: str | None = None
    language: str = "en"
    timezone: str = "Asia/Shanghai"
    use_topics: bool | None = None
    agent_ids: frozenset[int] = frozenset()
    supervisor_ids: frozenset[int] = frozenset()
    route: Route = field(default_factory=Route)


@dataclass(frozen=True)
class DeskPolicy:
    """The agents' side: their group, their language, who may act, how cases are shown.

    With several teams (``roster``), a DeskPolicy is one team's view (``team``), and
    :meth:`for_team`, :meth:`for_chat` and :meth:`for_case` give another's."""

    chat_id: int | None = None
    language: str = "en"
    timezone: str = "Asia/Shanghai"
    use_topics: bool | None = None  # None: decided from the group (forum or not) at start-up
    agent_ids: frozenset[int] = frozenset()  # empty: every member of the group is an agent
    supervisor_ids: frozenset[int] = frozenset()
    anonymous: bool = True  # agents appear to parents as "Support"
    note_marker: str = "#note"
    #: A parent's messages sent to a case's thread one by one per minute; more are gathered
    #: into one message a little later (Telegram lets a group receive 20 a minute in all).
    relay_per_minute: int = 3
    #: The bot's own Telegram user id: only a topic it created itself is adopted as a case's.
    bot_id: int | None = None
    reject_reasons: tuple[str, ...] = (
        "insufficient_evidence",
        "not_a_minor",
        "too_old",
        "already_refunded",
        "duplicate",
        "other",
    )

    #: Which team this view is (its key, stored on each case as ``Case.team``).
    team: str = MAIN_TEAM
    #: Every team, the main one first; empty: one group, this one.
    roster: tuple[Team, ...] = ()
    #: Where the supervisors' web page is served (``[dashboard] public_url``); None: off.
    dashboard_url: str | None = None
    #: How claimed purchases are matched against the merchant's bills (#15, ``[orders]``).
    orders: MatchPolicy = field(default_factory=MatchPolicy)

    @property
    def enabled(self) -> bool:
        return self.chat_id is not None

    def for_team(self, key: str | None) -> DeskPolicy:
        """Team ``key``'s view; a team no longer configured falls back to the main one (its
        cases are not stranded)."""
        if not self.roster:
            return self
        found = next((t for t in self.roster if t.key == key), self.roster[0])
        if found.key == self.team:
            return self
        return replace(
            self,
            team=found.key,
            chat_id=found.chat_id,
            language=found.language,
            timezone=found.timezone,
            use_topics=found.use_topics,
            agent_ids=found.agent_ids,
            supervisor_ids=found.supervisor_ids,
        )

    def for_case(self, case: HasTeam) -> DeskPolicy:
        return self.for_team(case.team)

    def for_chat(self, chat_id: int | None) -> DeskPolicy | None:
        """The team whose group ``chat_id`` is, or None."""
        if chat_id is None:
            return None
        if not self.roster:
            return self if chat_id == self.chat_id else None
        found = next((t for t in self.roster if t.chat_id == chat_id), None)
        return None if found is None else self.for_team(found.key)

    def route(self, facts: CaseFacts) -> str:
        """The team a new case goes to: the first whose route matches, else the main one."""
        for team in self.roster[1:]:
            if team.route.matches(facts):
                return team.key
        return self.roster[0].key if self.roster else self.team

    def other_teams(self) -> tuple[Team, ...]:
        """The teams a case of this team may be moved to."""
        return tuple(t for t in self.roster if t.key != self.team)

    def is_agent(self, user_id: int) -> bool:
        if not self.agent_ids:
            return True  # the group's membership is the list of agents
        return user_id in self.agent_ids or user_id in self.supervisor_ids

    def is_supervisor(self, user_id: int) -> bool:
        return user_id in self.supervisor_ids


@dataclass(frozen=True)
class SlaPolicy:
    """When a case must be decided: working days counted on the desk country's calendar
    (:mod:`handlers.calendar`), in the deciding team's time zone."""

    first_decision_working_days: int = 2
    appeal_working_days: int = 7
    calendar: WorkingCalendar = field(default_factory=WorkingCalendar)


#: The key of a wait's bound in its field's metadata ("gt": more than 0, "ge": 0 or more).
WAIT_BOUND = "wait_bound"


def wait(default: float, *, at_once: bool = False) -> Any:
    """A follow-up's wait, in hours or days: more than 0 (``at_once``: 0 too). Written once,
    here: ``[followups]`` takes each wait's name, default and bound from this field
    (``bot.config.FollowUpSettings``)."""
    return field(default=default, metadata={WAIT_BOUND: "ge" if at_once else "gt"})


@dataclass(frozen=True)
class FollowUpPolicy:
    """When follow-ups happen. Hours and days are wall-clock; deadlines are working days."""

    intake_reminder_hours: tuple[float, ...] = (1.0, 24.0)
    missing_evidence_hours: float = wait(24.0)
    #: Before a deadline, the agents are warned.
    decision_warning_hours: float = wait(24.0)
    unclaimed_hours: float = wait(4.0)
    #: The parent hears how things stand, every N days while the case is open.
    check_in_days: float = wait(3.0)
    #: Without a decision by then, the parent learns the other routes.
    other_routes_days: float = wait(10.0)
    other_routes_after_rejection_hours: float = wait(1.0, at_once=True)
    #: After closing.
    satisfaction_hours: float = wait(1.0, at_once=True)
    quiet_start: str = "21:00"  # parents are not messaged between these, in their time zone
    quiet_end: str = "08:00"


@dataclass(frozen=True)
class AftercarePolicy:
    """After submission: appeals, how decisions are explained, where else to turn, and how
    long a parent's data is kept."""

    appeal_window_days: float = 30.0  # after a decision, the parent may appeal for this long
    country: str = "CN"  # which consumer-protection bodies the "other routes" guide names
    #: Entries left out of the "other routes" guide: "platform", "consumer", or a payment
    #: method id ("alipay", "wechat_pay", "bank_card", "apple", "google_play").
    hidden_routes: frozenset[str] = frozenset()
    #: Working days a refund usually takes to arrive, per payment method ("platform.method"
    #: overrides "method"), as (fewest, most).
    refund_days: Mapping[str, tuple[int, int]] = field(
        default_factory=lambda: {
            "alipay": (1, 3),
            "wechat_pay": (1, 3),
            "bank_card": (3, 15),
            "apple": (2, 30),
            "google_play": (1, 7),
            "platform_balance": (0, 1),
        }
    )
    notice_version: str = "2026-11"  # the privacy notice's version, recorded with consent
    retention_days: int = 365  # after closing, evidence and personal fields are purged
