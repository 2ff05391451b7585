"""Commands and buttons that work at every step: /start, /cancel, /help, /language,
/timezone, /status, and the language, time-zone, resume and restart buttons; :data:`PRESSES`
routes each of a parent's presses that is not a step's answer to the feature handling it."""

from __future__ import annotations

from handlers.aftercare import appeal, privacy, routes
from handlers.aftercare import status as claim_status
from handlers.bounds import clip, column_length
from handlers.buttons import ButtonData, Buttons, Router, text
from handlers.desk import parents
from handlers.formatting import format_when
from handlers.intake.context import StepName
from handlers.intake.prompting import question
from handlers.intake.steps import first_step, next_step
from handlers.intake.zone import read_zone
from handlers.languages import SUPPORTED, normalize_language
from handlers.reading import offer
from handlers.replies import Button, Msg
from handlers.reports import satisfaction, signin
from handlers.turn import Turn
from storage.models import Draft, DraftStatus, User
from storage.repositories import cases, drafts

#: Offered as buttons by /timezone; any IANA name, city or UTC offset can also be typed.
COMMON_ZONES = (
    "Asia/Shanghai",
    "Asia/Hong_Kong",
    "Asia/Taipei",
    "Asia/Singapore",
    "Europe/Paris",
    "Europe/London",
    "America/New_York",
    "America/Los_Angeles",
)
_ZONE_LENGTH = column_length(User, "timezone")


async def run_command(turn: Turn, command: str, argument: str) -> None:
    handler = _COMMANDS.get(command.lower().lstrip("/"))
    if handler is None:
        await reask(turn, Msg("error-unknown-command", {"command": command}))
        return
    await handler(turn, argument.strip())


class Language(ButtonData, prefix="lang"):
    """/language's buttons: ``lang:<code>``, a supported language (any other is not one)."""

    language: str = text(16)

    def valid(self) -> bool:
        return normalize_language(self.language) is not None


class TimeZone(ButtonData, prefix="tz"):
    """/timezone's buttons: ``tz:<zone>``; whatever fits is read as a typed zone would be."""

    zone: str = text(61, empty=True, rest=True)


class Resume(ButtonData, prefix="resume"):
    """Go on with the open intake (/start, a reminder): ``resume:<draft id>``."""

    draft_id: int


class Restart(ButtonData, prefix="restart"):
    """Drop the open intake and start again (/start): ``restart:<draft id>``."""

    draft_id: int


#: The presses this module handles (the other features register theirs in their own modules).
presses: Buttons[Turn] = Buttons()


@presses.on(Language)
async def _language_pressed(turn: Turn, data: Language) -> None:
    await _set_language(turn, normalize_language(data.language) or turn.user.language)


@presses.on(TimeZone)
async def _zone_pressed(turn: Turn, data: TimeZone) -> None:
    await _set_timezone(turn, data.zone)


@presses.on(routes.OtherRoutes)
async def _routes_pressed(turn: Turn, data: routes.OtherRoutes) -> None:
    await _routes(turn, data.reference)


@presses.otherwise(routes.OtherRoutes)
async def _routes_unread(turn: Turn, data: str) -> None:
    """``routes`` alone, or more than a button holds: what follows is a reference."""
    await _routes(turn, data.partition(routes.OtherRoutes.sep)[2])


@presses.on(Resume)
async def _resume(turn: Turn, data: Resume) -> None:
    draft = await _pressed_draft(turn, data.draft_id)
    if draft is not None:
        await turn.ask_current(draft)


@presses.on(Restart)
async def _restart(turn: Turn, data: Restart) -> None:
    draft = await _pressed_draft(turn, data.draft_id)
    if draft is not None:
        await _drop(turn, draft)
        await start_draft(turn, platform=None)


async def _pressed_draft(turn: Turn, draft_id: int) -> Draft | None:
    """The open draft a resume or restart button names; None (said stale) when it is gone."""
    draft = await turn.open_draft()
    if draft is None or draft.id != draft_id:
        await _stale_intake_button(turn)
        return None
    return draft


@presses.otherwise(TimeZone)
async def _zone_too_long(turn: Turn, data: str) -> None:
    """More than a button holds: refused as typed text would be (the value shown cut)."""
    await _set_timezone(turn, data.partition(TimeZone.sep)[2])


@presses.otherwise(Resume, Restart)
async def _stale_intake_button(turn: Turn, data: str = "") -> None:
    turn.say(Msg("error-stale-button"), Msg("hint-start"))


async def without_draft(turn: Turn) -> None:
    """A message when no intake is open: point to the open case, or start an intake."""
    if turn.event.kind.value == "button":
        turn.say(Msg("error-stale-button"), Msg("hint-start"))
        return
    if await satisfaction.take_comment(turn):  # the words after a rating (#17)
        return
    if await parents.relay_from_parent(turn, turn.desk):
        return
    own = await cases.cases_of_user(session=turn.session, user_id=turn.user.id)
    if own:  # every case closed: say so rather than open a claim unasked
        turn.say(Msg("parent-all-closed"), Msg("hint-start"))
        return
    await start_draft(turn, platform=None)


async def start_draft(turn: Turn, *, platform: str | None) -> Draft:
    answers: dict[str, object] = {}
    user = turn.user  # consent is asked again when the privacy notice has changed since
    if user.consented_at is not None and user.consent_version == turn.aftercare.notice_version:
        answers["consent"] = True
    if platform:
        answers["platform"] = platform
    draft = await drafts.create_draft(
        session=turn.session,
        user_id=turn.user.id,
        chat_id=turn.event.chat_id,
        step=StepName.CONSENT.value,
        answers=answers,
        now=turn.now,
    )
    turn.opened(draft)
    await turn.planner.draft_started(turn.session, draft, turn.user.timezone, turn.now)
    ctx = await turn.context(draft)
    step = first_step(ctx)
    drafts.save_draft(draft, step=step.name, answers=answers, cursor={}, now=turn.now)
    parts, buttons = question(ctx, step)
    turn.say(Msg("welcome"), *parts, buttons=buttons)
    return draft


async def _drop(turn: Turn, draft: Draft) -> None:
    drafts.close_draft(draft, status=DraftStatus.CANCELLED, now=turn.now)
    assert draft.id is not None
    await turn.planner.draft_closed(turn.session, draft.id, turn.now)


async def reask(turn: Turn, *before: Msg) -> None:
    draft = await turn.open_draft()
    if draft is None:
        turn.say(*before, Msg("hint-start"))
    else:
        await turn.ask_current(draft, *before)


async def _start(turn: Turn, argument: str) -> None:
    draft = await turn.open_draft()
    if draft is not None:
        assert draft.id is not None
        started = format_when(draft.created_at, turn.user.timezone, turn.user.language)
        turn.say(
            Msg("resume-question", {"started": started}),
            buttons=(
                (
                    Button(Msg("button-resume"), Resume(draft.id).pack()),
                    Button(Msg("button-restart"), Restart(draft.id).pack()),
                ),
            ),
        )
        return
    payload = argument.lower()
    platform = payload if payload in (*turn.policy.platforms, "other") else None
    await start_draft(turn, platform=platform)


async def _cancel(turn: Turn, argument: str) -> None:
    draft = await turn.open_draft()
    if draft is None:
        turn.say(Msg("nothing-to-cancel"), Msg("hint-start"))
        return
    await _drop(turn, draft)
    turn.say(Msg("cancelled"))


async def _help(turn: Turn, argument: str) -> None:
    await reask(turn, Msg("help"))
    routes.offer_button(turn)


async def _routes(turn: Turn, argument: str) -> None:
    await reask(turn, *await routes.for_parent(turn, argument))


async def _language(turn: Turn, argument: str) -> None:
    chosen = normalize_language(argument) if argument else None
    if chosen:
        await _set_language(turn, chosen)
        return
    buttons = tuple(
        (Button(Msg(f"language-name-{lang}"), Language(lang).pack()),) for lang in SUPPORTED
    )
    turn.say(Msg("ask-language"), buttons=buttons)


async def _set_language(turn: Turn, language: str) -> None:
    user = turn.user
    # A time zone still at the old language's default follows the language; a chosen one stays.
    if user.timezone == turn.policy.timezone_for(user.language):
        user.timezone = turn.policy.timezone_for(language)
    user.language = language
    user.updated_at = turn.now
    await reask(turn, Msg("language-changed"))


async def _timezone(turn: Turn, argument: str) -> None:
    if argument:
        await _set_timezone(turn, argument)
        return
    buttons = tuple(
        tuple(
            Button(Msg("timezone-button", {"zone": z}), TimeZone(z).pack())
            for z in COMMON_ZONES[i : i + 2]
        )
        for i in range(0, len(COMMON_ZONES), 2)
    )
    turn.say(Msg("ask-timezone", {"timezone": turn.user.timezone}), buttons=buttons)


async def _set_timezone(turn: Turn, text: str) -> None:
    zone = read_zone(text) if len(text.strip()) <= _ZONE_LENGTH else None
    if zone is None:
        shown = clip(text.strip(), _ZONE_LENGTH) or ""
        await reask(turn, Msg("error-timezone", {"value": shown}))
        return
    turn.user.timezone = zone
    turn.user.updated_at = turn.now
    turn.user.timezone_chosen_at = turn.now  # the intake never asks it (handlers/intake/zone.py)
    draft = await turn.open_draft()
    if draft is not None and draft.step == StepName.TIMEZONE:  # the question, answered so
        ctx = await turn.context(draft)
        following = next_step(ctx, StepName.TIMEZONE).name
        drafts.save_draft(
            draft, step=following, answers=ctx.answers, cursor=ctx.cursor, now=turn.now
        )
    await reask(turn, Msg("timezone-changed", {"timezone": zone}))


async def _status(turn: Turn, argument: str) -> None:
    await claim_status.show(turn, argument)


_COMMANDS = {
    "start": _start,
    "cancel": _cancel,
    "help": _help,
    "language": _language,
    "timezone": _timezone,
    "status": _status,
    "routes": _routes,
    "mydata": privacy.my_data,
    "delete": privacy.delete,
    "notifications": privacy.notifications,
    "dashboard": signin.request,  # supervisors: a sign-in link to the web page (#17)
}
#: Every button a parent may press outside the intake's own questions, by feature.
PRESSES: Router[Turn] = Router(
    presses,
    privacy.presses,
    parents.presses,
    appeal.presses,
    claim_status.presses,
    offer.presses,  # what a screenshot said, used or corrected (#16)
)
#: Shown in Telegram's command menu, in this order (descriptions are ``command-<name>`` keys).
MENU = (
    "start",
    "status",
    "routes",
    "language",
    "timezone",
    "notifications",
    "mydata",
    "delete",
    "help",
    "cancel",
)
