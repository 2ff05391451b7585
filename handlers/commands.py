"""Commands and buttons that work at every step: /start, /cancel, /help, /language,
/timezone, /status, and the language, time-zone and resume buttons."""

from __future__ import annotations

from handlers.aftercare import privacy, routes
from handlers.aftercare import status as claim_status
from handlers.bounds import clip, column_length
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
from storage.models import Draft, User
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


async def run_global_button(turn: Turn, data: str) -> bool:
    """Buttons that are not answers to a step. Returns False when ``data`` is not one."""
    kind, _, value = data.partition(":")
    if kind == "lang" and normalize_language(value):
        await _set_language(turn, normalize_language(value) or turn.user.language)
    elif kind == "tz":
        await _set_timezone(turn, value)
    elif kind in ("appeal", "pcase"):
        await parents.parent_button(turn, turn.desk, kind, value)
    elif kind in privacy.BUTTON_KINDS:
        await privacy.press(turn, kind, value)
    elif kind == "rate":
        await parents.rate(turn, value)
    elif kind == "routes":
        await _routes(turn, value)
    elif kind == "st":
        await claim_status.press(turn, value)
    elif kind == offer.BUTTON:  # what a screenshot said, used or corrected (#16)
        await offer.press(turn, value)
    elif kind in ("resume", "restart"):
        draft = await turn.open_draft()
        if draft is None or str(draft.id) != value:
            turn.say(Msg("error-stale-button"), Msg("hint-start"))
        elif kind == "resume":
            await turn.ask_current(draft)
        else:
            await _drop(turn, draft)
            await start_draft(turn, platform=None)
    else:
        return False
    return True


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
    drafts.close_draft(draft, status=drafts.CANCELLED, now=turn.now)
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
        started = format_when(draft.created_at, turn.user.timezone, turn.user.language)
        turn.say(
            Msg("resume-question", {"started": started}),
            buttons=(
                (
                    Button(Msg("button-resume"), f"resume:{draft.id}"),
                    Button(Msg("button-restart"), f"restart:{draft.id}"),
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
    buttons = tuple((Button(Msg(f"language-name-{lang}"), f"lang:{lang}"),) for lang in SUPPORTED)
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
            Button(Msg("timezone-button", {"zone": z}), f"tz:{z}") for z in COMMON_ZONES[i : i + 2]
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
