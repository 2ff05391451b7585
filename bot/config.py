"""Settings: a TOML file (optional) plus ``REFUND_DESK_<SECTION>__<KEY>`` environment overrides.

A bad value stops start-up with one line naming the key and what is wrong (:class:`ConfigError`).
"""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PositiveFloat,
    SecretStr,
    ValidationError,
    ValidationInfo,
    create_model,
    field_validator,
)

from handlers.calendar import WorkingCalendar
from handlers.languages import SUPPORTED
from handlers.orders.matching import MatchPolicy
from handlers.policy import (
    KNOWN_PAYMENT_METHODS,
    KNOWN_PLATFORMS,
    MAIN_TEAM,
    MAX_PURCHASES,
    PROBLEMS,
    ROUTE_ENTRIES,
    WAIT_BOUND,
    AftercarePolicy,
    DeskPolicy,
    FollowUpPolicy,
    IntakePolicy,
    Route,
    SlaPolicy,
    Team,
)
from storage.database import DEFAULT_URL

ENV_PREFIX = "REFUND_DESK_"
#: A platform's id (``[intake] platforms``): stored with cases and sent in button data.
PLATFORM_ID = re.compile(r"[a-z0-9_]{1,32}")
DEFAULT_PATH = Path("config.toml")


class ConfigError(Exception):
    """A setting is missing or wrong; the message is one line naming the key."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_language(value: str) -> str:
    if value not in SUPPORTED:
        raise ValueError(f"must be one of {', '.join(SUPPORTED)} (got {value!r})")
    return value


def _check_timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"unknown time zone {value!r} (use an IANA name like Asia/Shanghai)"
        ) from None
    return value


class WebhookSettings(_Section):
    listen: str = "127.0.0.1"
    port: int = Field(8080, ge=0, le=65535)
    path: str = "/telegram/webhook"
    public_url: str | None = None
    secret_token: SecretStr | None = None

    @field_validator("path")
    @classmethod
    def _path(cls, value: str) -> str:
        if not value.startswith("/"):
            raise ValueError(f"must start with / (got {value!r})")
        return value

    @field_validator("secret_token")
    @classmethod
    def _secret(cls, value: SecretStr | None) -> SecretStr | None:
        # Telegram accepts 1-256 characters of A-Z, a-z, 0-9, _ and -.
        secret = value.get_secret_value() if value is not None else None
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
            raise ValueError("use 1-256 characters among A-Z, a-z, 0-9, _ and -")
        return value


class LimitSettings(_Section):
    """Telegram's sending limits for the bot as a whole (all workers together)."""

    overall_per_second: int = Field(30, ge=1, le=1000)
    per_group: int = Field(20, ge=1, le=1000)
    group_window_seconds: float = Field(60.0, gt=0, le=3600)
    #: A group's changes (card edits, topics) in the same window, paced apart from messages.
    group_changes: int = Field(60, ge=1, le=1000)
    #: A private chat: at most this many messages in as many seconds (0: no limit).
    private_burst: int = Field(10, ge=0, le=100)

    def pacing(self) -> dict[str, Any]:
        """These limits as the pacers (``bot/telegram/pacing.py``) take them."""
        return {
            "per_second": self.overall_per_second,
            "per_group_minute": self.per_group,
            "group_period": self.group_window_seconds,
            "group_changes": self.group_changes,
            "private_burst": self.private_burst,
        }


class TelegramSettings(_Section):
    token: SecretStr | None = None
    framework: Literal["aiogram", "python-telegram-bot"] = "python-telegram-bot"
    mode: Literal["polling", "webhook"] = "polling"
    api_base_url: str = "https://api.telegram.org"
    webhook: WebhookSettings = WebhookSettings()
    poll_timeout: int = Field(30, ge=0, le=50)
    album_wait_seconds: float = Field(0.3, ge=0, le=5)
    outbox_lease_seconds: float = Field(30.0, gt=0, le=3600)
    outbox_sweep_seconds: float = Field(2.0, gt=0, le=600)
    max_retry_wait_seconds: float = Field(120.0, gt=0)
    topic_grace_seconds: float = Field(60.0, gt=0)
    limits: LimitSettings = LimitSettings()
    #: How long a worker holds a chat (several workers on PostgreSQL), renewed while in hand.
    chat_lease_seconds: float = Field(10.0, gt=0, le=3600)
    #: Polling mode: serve /healthz and /metrics on this port (webhook mode serves them on
    #: the webhook's own server). None: no such server.
    metrics_port: int | None = Field(None, ge=0, le=65535)
    metrics_listen: str = "127.0.0.1"

    @field_validator("api_base_url")
    @classmethod
    def _url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError(f"must start with http:// or https:// (got {value!r})")
        return value.rstrip("/")

    def bot_id(self) -> int | None:
        """The bot's own user id, the number before the colon of its token (``123456789:AA…``,
        as Telegram issues them; aiogram reads it the same way). None without a token."""
        token = self.token.get_secret_value().strip() if self.token else ""
        head = token.partition(":")[0]
        return int(head) if head.isdigit() else None

    def run_problem(self) -> str | None:
        """What stops ``refund-desk run`` from starting, in one line, or None."""
        if self.token is None or not self.token.get_secret_value().strip():
            return (
                "telegram.token is not set: put the token from @BotFather in config.toml or "
                "REFUND_DESK_TELEGRAM__TOKEN — or try `refund-desk console`, which needs none"
            )
        if self.mode == "webhook":
            if not self.webhook.public_url:
                return "telegram.webhook.public_url is required in webhook mode"
            if self.webhook.secret_token is None:
                return "telegram.webhook.secret_token is required in webhook mode"
        return None


class StorageSettings(_Section):
    url: str = DEFAULT_URL
    auto_upgrade: bool = True


def _only_known(known: tuple[str, ...]) -> Callable[[list[str]], list[str]]:
    """A list's check: the values when each is one of ``known``; else the first that is not,
    named."""

    def check(values: list[str]) -> list[str]:
        unknown = [value for value in values if value not in known]
        if unknown:
            raise ValueError(f"unknown {unknown[0]!r}; known: {', '.join(known)}")
        return values

    return check


def _check_currency(code: str, shown: str) -> None:
    """``code`` looks like an ISO 4217 code (three capital letters); ``shown`` names it."""
    if len(code) != 3 or not code.isalpha() or not code.isupper():
        raise ValueError(f"{shown} is not an ISO 4217 code like CNY")


def _check_group(value: int | None) -> int | None:
    if value is not None and value >= 0:
        raise ValueError(f"a group's id is negative, like -1001234567890 (got {value})")
    return value


class RouteSettings(_Section):
    """``[agents.teams.route]``: which new cases a team takes (every criterion given must
    match; none given: the team gets cases only by being moved to it)."""

    languages: list[str] = []
    platforms: list[str] = []
    problems: list[str] = []
    #: e.g. { CNY = 1000, EUR = 150 }: the claim's total in one of them is at least that.
    min_amount: dict[str, Decimal] = {}

    @field_validator("languages")
    @classmethod
    def _languages(cls, value: list[str]) -> list[str]:
        for language in value:
            _check_language(language)
        return value

    _problems = field_validator("problems")(_only_known(PROBLEMS))

    @field_validator("min_amount")
    @classmethod
    def _min_amount(cls, value: dict[str, Decimal]) -> dict[str, Decimal]:
        for code, floor in value.items():
            _check_currency(code, code)
            if floor < 0:
                raise ValueError(f"{code} = {floor}: an amount is not negative")
        return value

    def policy(self) -> Route:
        return Route(
            languages=frozenset(self.languages),
            platforms=frozenset(self.platforms),
            problems=frozenset(self.problems),
            min_amount=dict(self.min_amount),
        )


class TeamSettings(_Section):
    """``[[agents.teams]]``: another agents' group with its own agents and route."""

    #: Stored with each of its cases: keep it once cases use it (a–z, 0–9, _ and -).
    key: str = Field(pattern=r"^[a-z0-9_-]{1,32}$")
    #: Shown on the "move to" buttons as written; the key when unset.
    name: str | None = Field(None, min_length=1, max_length=40)
    chat_id: int
    language: str = "en"
    timezone: str | None = None  # unset: [agents] timezone
    use_topics: bool | None = None
    agent_ids: list[int] = []
    supervisor_ids: list[int] = []
    route: RouteSettings = RouteSettings()

    _language = field_validator("language")(_check_language)
    _group = field_validator("chat_id")(_check_group)

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str | None) -> str | None:
        return None if value is None else _check_timezone(value)

    @field_validator("key")
    @classmethod
    def _key(cls, value: str) -> str:
        if value == MAIN_TEAM:
            raise ValueError(f"{MAIN_TEAM!r} is the team [agents] itself describes")
        return value


def _group(section: AgentSettings | TeamSettings, timezone: str) -> dict[str, Any]:
    """What a team and the desk take alike from their section: the group's language and time
    zone (``timezone``: a team's falls back on the main team's), whether it uses topics, and
    who its agents and supervisors are."""
    return {
        "language": section.language,
        "timezone": timezone,
        "use_topics": section.use_topics,
        "agent_ids": frozenset(section.agent_ids),
        "supervisor_ids": frozenset(section.supervisor_ids),
    }


class AgentSettings(_Section):
    chat_id: int | None = None
    #: The main team's name on the "move to" buttons; unset: "Main team", translated.
    name: str | None = Field(None, min_length=1, max_length=40)
    language: str = "en"
    timezone: str = "Asia/Shanghai"
    use_topics: bool | None = None
    agent_ids: list[int] = []
    supervisor_ids: list[int] = []
    anonymous: bool = True
    #: The first retry of a hand-off Telegram refused, doubling up to 10 minutes.
    handoff_retry_seconds: float = Field(30, gt=0, le=600)
    note_marker: str = Field("#note", min_length=1, max_length=20)
    relay_per_minute: int = Field(3, ge=1, le=20)
    #: More agents' groups, each with its own 20 messages a minute; cases no route matches
    #: stay with the one above.
    teams: list[TeamSettings] = []

    _language = field_validator("language")(_check_language)
    _timezone = field_validator("timezone")(_check_timezone)
    _group = field_validator("chat_id")(_check_group)

    @field_validator("teams")
    @classmethod
    def _teams(cls, value: list[TeamSettings], info: Any) -> list[TeamSettings]:
        if value and info.data.get("chat_id") is None:
            raise ValueError("set agents.chat_id (the main team's group) before adding teams")
        keys = [team.key for team in value]
        groups = [info.data.get("chat_id"), *(team.chat_id for team in value)]
        for index, team in enumerate(value):
            if keys.index(team.key) != index:
                raise ValueError(f"two teams have the key {team.key!r}")
            if groups.index(team.chat_id) != index + 1:
                raise ValueError(f"team {team.key!r}: group {team.chat_id} is another team's")
        return value

    def roster(self) -> tuple[Team, ...]:
        if not self.teams:
            return ()
        assert self.chat_id is not None
        main = Team(
            key=MAIN_TEAM,
            chat_id=self.chat_id,
            name=self.name,
            **_group(self, self.timezone),
        )
        others = tuple(
            Team(
                key=team.key,
                chat_id=team.chat_id,
                name=team.name or team.key,
                route=team.route.policy(),
                **_group(team, team.timezone or self.timezone),
            )
            for team in self.teams
        )
        return (main, *others)


class IntakeSettings(_Section):
    default_language: str = "en"
    platforms: list[str] = ["douyin", "wechat", "kuaishou"]
    platform_names: dict[str, str] = {}
    payment_methods: list[str] = list(KNOWN_PAYMENT_METHODS)
    timezones: dict[str, str] = dict(IntakePolicy().timezones)
    currencies: dict[str, str] = dict(IntakePolicy().currencies)
    platform_currencies: dict[str, str] = dict(IntakePolicy().platform_currencies)
    max_transactions: int = Field(20, ge=1, le=MAX_PURCHASES)
    max_evidence: int = Field(30, ge=1, le=200)
    max_file_mb: int = Field(20, ge=1, le=2000)
    confirm_older_than_days: int = Field(90, ge=1)
    flood_per_minute: int = Field(30, ge=0, le=600)

    _language = field_validator("default_language")(_check_language)

    @field_validator("platforms")
    @classmethod
    def _platforms(cls, value: list[str], info: Any) -> list[str]:
        if not value:
            raise ValueError("list at least one platform")
        names = info.data.get("platform_names", {})
        for platform in value:
            if not PLATFORM_ID.fullmatch(platform):  # it travels in the buttons' 64 bytes
                raise ValueError(f"{platform!r}: use 1-32 of a-z, 0-9 and _ for a platform id")
            if platform not in KNOWN_PLATFORMS and platform not in names and platform != "other":
                raise ValueError(
                    f"{platform!r} has no translated name: add it to intake.platform_names "
                    f"or use one of {', '.join(KNOWN_PLATFORMS)}"
                )
        return [p for p in value if p != "other"]

    @field_validator("payment_methods")
    @classmethod
    def _payment_methods(cls, value: list[str]) -> list[str]:
        return _only_known(KNOWN_PAYMENT_METHODS)([m for m in value if m != "other"])

    @field_validator("timezones")
    @classmethod
    def _timezones(cls, value: dict[str, str]) -> dict[str, str]:
        for lang, zone in value.items():
            _check_language(lang)
            _check_timezone(zone)
        return value

    @field_validator("currencies", "platform_currencies")
    @classmethod
    def _currencies(cls, value: dict[str, str]) -> dict[str, str]:
        for key, code in value.items():
            _check_currency(code, f"{key} = {code!r}")
        return value


class SlaSettings(_Section):
    first_decision_working_days: int = Field(2, ge=1, le=60)
    appeal_working_days: int = Field(7, ge=1, le=60)
    country: str = "CN"

    @field_validator("country")
    @classmethod
    def _country(cls, value: str) -> str:
        import holidays

        if value.upper() not in holidays.list_supported_countries():
            raise ValueError(f"{value!r} is not a country the holidays package knows (e.g. CN)")
        return value.upper()


def _check_clock_time(value: str) -> str:
    if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value):
        raise ValueError(f"use HH:MM, 24-hour (got {value!r})")
    return value


class _FollowUpTiming(_Section):
    """``[followups]`` but the waits: the reminders' hours, quiet hours, and how the scheduler
    sweeps."""

    intake_reminder_hours: list[PositiveFloat] = [1.0, 24.0]
    quiet_start: str = "21:00"
    quiet_end: str = "08:00"
    sweep_seconds: float = Field(30.0, gt=0, le=3600)
    look_ahead_minutes: float = Field(10.0, gt=0)

    _times = field_validator("quiet_start", "quiet_end")(_check_clock_time)

    def policy(self) -> FollowUpPolicy:
        fields = FollowUpPolicy.__dataclass_fields__
        values = {k: v for k, v in self.model_dump().items() if k in fields}
        values["intake_reminder_hours"] = tuple(self.intake_reminder_hours)
        return FollowUpPolicy(**values)


def _waits(policy: type) -> dict[str, Any]:
    """A policy's waits (``handlers.policy.wait``) as settings: the same name, default and
    bound, so a new follow-up's wait is written once, in the policy."""

    def bounded(f: dataclasses.Field[Any]) -> Any:
        at_once = f.metadata[WAIT_BOUND] == "ge"
        return Field(f.default, ge=0) if at_once else Field(f.default, gt=0)

    return {
        f.name: (float, bounded(f)) for f in dataclasses.fields(policy) if WAIT_BOUND in f.metadata
    }


if TYPE_CHECKING:  # the waits are read through policy(), never by name
    FollowUpSettings = _FollowUpTiming
else:
    FollowUpSettings = create_model(
        "FollowUpSettings", __base__=_FollowUpTiming, **_waits(FollowUpPolicy)
    )


class AftercareSettings(_Section):
    appeal_window_days: float = Field(30.0, gt=0, le=3650)
    refund_days: dict[str, list[int]] = {}
    notice_version: str = Field("2026-11", min_length=1, max_length=32)
    retention_days: int = Field(365, ge=1, le=36500)
    country: str | None = None
    hidden_routes: list[str] = []

    @field_validator("country")
    @classmethod
    def _routes_country(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[A-Za-z]{2}", value):
            raise ValueError(f"use a two-letter ISO country code like FR (got {value!r})")
        return value.upper() if value else None

    _hidden_routes = field_validator("hidden_routes")(_only_known(ROUTE_ENTRIES))

    @field_validator("refund_days")
    @classmethod
    def _refund_days(cls, value: dict[str, list[int]]) -> dict[str, list[int]]:
        for key, days in value.items():
            if len(days) != 2 or not 0 <= days[0] <= days[1]:
                raise ValueError(f"{key} = {days!r} must be [fewest, most] working days")
        return value


class OrderFormatSettings(_Section):
    """``[orders.formats.<name>]``: how to read one kind of order export (Apple, Google Play,
    Douyin, the merchant's own log) with ``refund-desk orders import --format <name>``."""

    #: Stored with each order (a-z, 0-9, _): a payment method's id (apple, google_play)
    #: marks its orders as that method's.
    source: str = Field(pattern=r"^[a-z0-9_]{1,32}$")
    #: Field -> the file's column header: order_id, amount and paid_at are required;
    #: currency, merchant_order_id, payer_id, product, status, refund_amount, refunded_at,
    #: refund_id are optional.
    columns: dict[str, str]
    currency: str | None = None
    encoding: str = "utf-8-sig"
    delimiter: str = Field(",", min_length=1, max_length=1)
    timezone: str = "UTC"
    time_format: str = "iso"
    statuses: dict[str, str] = {}

    _timezone = field_validator("timezone")(_check_timezone)

    @field_validator("columns")
    @classmethod
    def _columns(cls, value: dict[str, str]) -> dict[str, str]:
        from bot.orders.generic import OPTIONAL, REQUIRED

        missing = [name for name in REQUIRED if name not in value]
        if missing:
            raise ValueError(f"map {', '.join(missing)} to the file's column headers")
        unknown = [name for name in value if name not in (*REQUIRED, *OPTIONAL)]
        if unknown:
            known = ", ".join(REQUIRED + OPTIONAL)
            raise ValueError(f"unknown field {unknown[0]!r}; known: {known}")
        return value

    @field_validator("statuses")
    @classmethod
    def _statuses(cls, value: dict[str, str]) -> dict[str, str]:
        from bot.orders.generic import STATUS_MEANINGS

        wrong = [v for v in value.values() if v not in STATUS_MEANINGS]
        if wrong:
            raise ValueError(f"{wrong[0]!r} is not one of {', '.join(STATUS_MEANINGS)}")
        return value

    @field_validator("encoding")
    @classmethod
    def _encoding(cls, value: str) -> str:
        import codecs

        try:
            codecs.lookup(value)
        except LookupError:
            raise ValueError(f"unknown text encoding {value!r}") from None
        return value


class OrderSettings(_Section):
    """``[orders]``: the merchant's bills, and how claims are matched against them."""

    #: A folder swept for new bills (imported, then moved to its done/ or failed/ folder).
    watch_folder: Path | None = None
    sweep_minutes: float = Field(5.0, gt=0, le=1440)
    #: A claimed time is compared with payments this many hours either side of it.
    match_window_hours: float = Field(6.0, gt=0, le=168)
    #: The same payer charged the same amount within this many minutes: a double charge.
    double_charge_minutes: float = Field(10.0, gt=0, le=1440)
    #: Ledger rows paid longer ago than this are deleted (the merchant's records).
    ledger_retention_days: int = Field(730, ge=1, le=36500)
    formats: dict[str, OrderFormatSettings] = {}

    def policy(self) -> MatchPolicy:
        return MatchPolicy(
            window=timedelta(hours=self.match_window_hours),
            double_charge=timedelta(minutes=self.double_charge_minutes),
        )

    @field_validator("formats")
    @classmethod
    def _formats(cls, value: dict[str, OrderFormatSettings]) -> dict[str, OrderFormatSettings]:
        from bot.orders.bills import ALIPAY, WECHAT

        for name in value:
            if name in (WECHAT, ALIPAY, "wechat"):
                raise ValueError(f"{name!r} is a built-in format; name yours otherwise")
        return value


class BucketSettings(_Section):
    """``[files.bucket]``: an S3-compatible bucket for the evidence files (``store = "bucket"``).
    Credentials are never settings: the standard AWS variables (``AWS_ACCESS_KEY_ID``,
    ``AWS_SECRET_ACCESS_KEY``, ``AWS_SESSION_TOKEN``, ``AWS_PROFILE``) or the machine's role."""

    #: The bucket's name (required with ``store = "bucket"``).
    name: str | None = None
    #: The S3 API's address for a service other than AWS (MinIO, Cloudflare R2, Backblaze B2…);
    #: unset: AWS S3.
    endpoint_url: str | None = None
    #: The bucket's region; unset: ``AWS_REGION``/``AWS_DEFAULT_REGION``, else us-east-1.
    region: str | None = None
    #: Keys start with it (one bucket shared with other data or other bots): "refund-desk/".
    prefix: str = ""
    #: How the bucket is addressed: "auto" (what the service expects), "path" or "virtual".
    addressing_style: Literal["auto", "path", "virtual"] = "auto"

    @field_validator("name")
    @classmethod
    def _name(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[A-Za-z0-9._-]{3,63}", value):
            raise ValueError(
                f"the bucket's name alone, 3-63 letters, digits, dots or hyphens (got {value!r};"
                " the service's address goes in endpoint_url)"
            )
        return value

    @field_validator("endpoint_url")
    @classmethod
    def _endpoint(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"https?://[^\s/@]+(/\S*)?", value):
            raise ValueError(f"must be an http:// or https:// address (got {value!r})")
        return value

    @field_validator("prefix")
    @classmethod
    def _prefix(cls, value: str) -> str:
        if value.startswith("/") or "//" in value or not value.isprintable():
            raise ValueError(f"a key prefix like 'refund-desk/' (got {value!r})")
        return value if not value or value.endswith("/") else f"{value}/"


class FileSettings(_Section):
    """``[files]``: evidence files kept and read (#16)."""

    keep: bool = True
    #: "directory" (one machine, or a volume all workers share) or "bucket" (``[files.bucket]``).
    store: Literal["directory", "bucket"] = "directory"
    directory: str = "data/files"
    bucket: BucketSettings = Field(BucketSettings(), validate_default=True)
    ocr: bool = True
    ocr_processes: int = Field(1, ge=1, le=32)
    ocr_timeout_seconds: float = Field(60.0, gt=0, le=600)

    @field_validator("bucket")
    @classmethod
    def _bucket(cls, value: BucketSettings, info: ValidationInfo) -> BucketSettings:
        if info.data.get("store") == "bucket" and info.data.get("keep") and not value.name:
            raise ValueError('name is not set: files.store = "bucket" needs the bucket\'s name')
        return value


class DashboardSettings(_Section):
    """``[dashboard]``: the supervisors' read-only web page (#17)."""

    #: The address supervisors open (behind your reverse proxy); unset: no web page, and
    #: /dashboard says so.
    public_url: str | None = None
    #: Where ``refund-desk dashboard`` serves it on its own (the bot's own server serves it
    #: too, on the webhook or metrics port).
    listen: str = "127.0.0.1"
    port: int = Field(8090, ge=1, le=65535)
    session_hours: float = Field(8.0, gt=0, le=24 * 30)

    @field_validator("public_url")
    @classmethod
    def _public_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("https://", "http://")):
            raise ValueError(f"must start with https:// (got {value!r})")
        return value


class ReportSettings(_Section):
    """``[reports]``: the weekly digest of each team's figures, in its group (#17)."""

    weekly_digest: bool = False
    digest_weekday: Literal[
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"
    ] = "monday"
    #: In each team's time zone.
    digest_hour: int = Field(9, ge=0, le=23)


class LoggingSettings(_Section):
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    #: "text" (one line per record) or "json" (one JSON object per line, for log collectors).
    format: Literal["text", "json"] = "text"


class Settings(_Section):
    telegram: TelegramSettings = TelegramSettings()
    storage: StorageSettings = StorageSettings()
    agents: AgentSettings = AgentSettings()
    intake: IntakeSettings = IntakeSettings()
    sla: SlaSettings = SlaSettings()
    followups: FollowUpSettings = FollowUpSettings()
    aftercare: AftercareSettings = AftercareSettings()
    logging: LoggingSettings = LoggingSettings()
    files: FileSettings = FileSettings()
    orders: OrderSettings = OrderSettings()
    dashboard: DashboardSettings = DashboardSettings()
    reports: ReportSettings = ReportSettings()

    def desk_policy(self) -> DeskPolicy:
        agents = self.agents
        return DeskPolicy(
            chat_id=agents.chat_id,
            **_group(agents, agents.timezone),
            anonymous=agents.anonymous,
            note_marker=agents.note_marker,
            relay_per_minute=agents.relay_per_minute,
            bot_id=self.telegram.bot_id(),
            roster=agents.roster(),
            dashboard_url=self.dashboard.public_url,
            orders=self.orders.policy(),
        )

    def aftercare_policy(self) -> AftercarePolicy:
        after = self.aftercare
        refund_days = {k: (v[0], v[1]) for k, v in after.refund_days.items()}
        return AftercarePolicy(
            appeal_window_days=after.appeal_window_days,
            country=after.country or self.sla.country,
            hidden_routes=frozenset(after.hidden_routes),
            refund_days={**AftercarePolicy().refund_days, **refund_days},
            notice_version=after.notice_version,
            retention_days=after.retention_days,
        )

    def intake_policy(self) -> IntakePolicy:
        intake = self.intake
        return IntakePolicy(
            default_language=intake.default_language,
            platforms=tuple(intake.platforms),
            platform_names=dict(intake.platform_names),
            payment_methods=tuple(intake.payment_methods),
            timezones={**IntakePolicy().timezones, **intake.timezones},
            currencies={**IntakePolicy().currencies, **intake.currencies},
            platform_currencies=dict(intake.platform_currencies),
            max_transactions=intake.max_transactions,
            max_evidence=intake.max_evidence,
            max_file_bytes=intake.max_file_mb * 1024 * 1024,
            confirm_older_than_days=intake.confirm_older_than_days,
            flood_per_minute=intake.flood_per_minute,
        )

    def sla_policy(self) -> SlaPolicy:
        return SlaPolicy(
            first_decision_working_days=self.sla.first_decision_working_days,
            appeal_working_days=self.sla.appeal_working_days,
            calendar=WorkingCalendar(self.sla.country),
        )


def _env_value(raw: str) -> Any:
    """Read an override as a TOML value when it is one (numbers, booleans), else as text."""
    try:
        return tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        return raw


def _apply_env(data: dict[str, Any], environ: dict[str, str]) -> None:
    for name, raw in environ.items():
        if not name.startswith(ENV_PREFIX):
            continue
        path = [part.lower() for part in name[len(ENV_PREFIX) :].split("__")]
        if len(path) < 2:
            continue
        node = data
        for part in path[:-1]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                raise ConfigError(f"{name}: {'.'.join(path)} is not a table")
        node[path[-1]] = _env_value(raw)


def _describe(error: ValidationError, source: str) -> str:
    first = error.errors()[0]
    key = ".".join(str(part) for part in first["loc"])
    message = first["msg"].removeprefix("Value error, ")
    if first["type"] == "extra_forbidden":
        message = "unknown setting (check the spelling against config.example.toml)"
    elif "input" in first and first["type"] != "value_error":
        message = f"{message} (got {first['input']!r})"
    return f"{source}: {key}: {message}"


def load_settings(path: Path | None = None, environ: dict[str, str] | None = None) -> Settings:
    """Load ``path`` (default ``config.toml`` if present), then apply environment overrides."""
    environ = dict(os.environ) if environ is None else environ
    explicit = path is not None
    path = path or DEFAULT_PATH
    data: dict[str, Any] = {}
    source = "defaults"
    if path.exists():
        source = str(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    elif explicit:
        raise ConfigError(f"{path}: no such file (copy config.example.toml to start one)")
    _apply_env(data, environ)
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_describe(exc, source)) from None
