"""A parent's data under their control: ``/mydata`` (a file with everything stored about them),
``/delete`` (erase it all, after a confirmation) and ``/notifications`` (progress check-ins on
or off; decisions and questions from the team always reach them).

Button data: ``erase:<unix time the confirmation was offered>``, ``erase:no``,
``notif:mute``, ``notif:unmute`` (:class:`EraseConfirm`, :class:`EraseCancel`,
:class:`CheckInsSwitch`).
"""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum

from handlers.aftercare import export_files
from handlers.aftercare.erasure import erase_parent
from handlers.aftercare.export import export_file_name, export_parent, export_text
from handlers.buttons import ButtonData, Buttons, number
from handlers.case.states import Status
from handlers.intake.evidence import megabytes
from handlers.replies import Button, Msg, SendDocument
from handlers.turn import Turn
from storage.repositories import cases

#: A confirmation button older than this asks again rather than erase.
CONFIRM_WITHIN = timedelta(minutes=30)
#: The largest Unix time a confirmation button may name (exact as a float).
_LAST_TIME = 2**53


class EraseConfirm(ButtonData, prefix="erase"):
    """ "Erase everything": ``erase:<unix time the confirmation was offered>``."""

    issued: int = number(0, _LAST_TIME)


class EraseCancel(ButtonData, prefix="erase:no"):
    """ "Keep my data": ``erase:no``."""


class CheckIns(StrEnum):
    MUTE = "mute"
    UNMUTE = "unmute"


class CheckInsSwitch(ButtonData, prefix="notif"):
    """/notifications' button: ``notif:mute`` or ``notif:unmute``."""

    setting: CheckIns


#: What a press of these buttons does (routed by ``handlers.commands.PRESSES``).
presses: Buttons[Turn] = Buttons()


async def _go_on(turn: Turn, *before: Msg) -> None:
    """Say ``before``, then the intake's current question if one is open."""
    draft = await turn.open_draft()
    if draft is not None:
        await turn.ask_current(draft, *before)
    elif before:
        turn.say(*before)


async def my_data(turn: Turn, argument: str) -> None:
    """Everything stored about the parent: the JSON, and with it the files they sent that are
    kept, in one ZIP archive as long as it fits the Bot API's upload limit (#16)."""
    data = await export_parent(turn.session, turn.user, turn.now, turn.desk, turn.aftercare)
    language = turn.user.language
    limit = megabytes(export_files.UPLOAD_LIMIT, language)
    why = turn.label_text(language, Msg("mydata-file-left-out", {"limit": limit}))
    content, attachments, left_out = export_files.fit(
        data, unknown_size=turn.policy.max_file_bytes, why=why, render=export_text
    )
    caption = (
        Msg("mydata-caption-left-out", {"count": len(left_out), "limit": limit})
        if left_out
        else Msg("mydata-caption-files" if attachments else "mydata-caption")
    )
    if not attachments:
        document = SendDocument(
            chat_id=turn.event.chat_id,
            language=language,
            file_name=export_file_name(turn.now),
            content=content,
            caption=caption,
        )
    else:
        missing = Msg("mydata-file-missing")
        document = SendDocument(
            chat_id=turn.event.chat_id,
            language=language,
            file_name=export_file_name(turn.now, "zip"),
            content=content,
            caption=caption,
            mime_type="application/zip",
            attachments=attachments,
            content_name=export_file_name(turn.now),
            missing_note=turn.label_text(language, missing),
        )
    turn.out.append(document)
    await _go_on(turn)


async def delete(turn: Turn, argument: str) -> None:
    own = await cases.cases_of_user(session=turn.session, user_id=turn.user.id)
    open_cases = [c for c in own if c.status != Status.CLOSED]
    parts = [Msg("erase-confirm")]
    if open_cases:
        references = ", ".join(c.reference for c in open_cases)
        parts.append(Msg("erase-confirm-open", {"references": references}))
    issued = int(turn.now.timestamp())
    buttons = (
        (
            Button(Msg("button-erase-confirm"), EraseConfirm(issued).pack()),
            Button(Msg("button-erase-cancel"), EraseCancel().pack()),
        ),
    )
    turn.say(*parts, buttons=buttons)


async def notifications(turn: Turn, argument: str) -> None:
    muted = turn.user.check_ins_muted
    key = "notifications-muted-now" if muted else "notifications-on-now"
    button = (
        Button(Msg("button-check-ins-unmute"), CheckInsSwitch(CheckIns.UNMUTE).pack())
        if muted
        else Button(Msg("button-check-ins-mute"), CheckInsSwitch(CheckIns.MUTE).pack())
    )
    turn.say(Msg(key), buttons=((button,),))


@presses.on(CheckInsSwitch)
async def _switch_check_ins(turn: Turn, data: CheckInsSwitch) -> None:
    mute = data.setting is CheckIns.MUTE
    turn.user.check_ins_muted = mute
    turn.user.updated_at = turn.now
    await _go_on(turn, Msg("notifications-muted" if mute else "notifications-on"))


@presses.on(EraseCancel)
async def _keep(turn: Turn, data: EraseCancel) -> None:
    await _go_on(turn, Msg("erase-cancelled"))


@presses.otherwise(EraseConfirm, EraseCancel, CheckInsSwitch)
async def _stale(turn: Turn, data: str = "") -> None:
    await _go_on(turn, Msg("error-stale-button"))


@presses.on(EraseConfirm)
async def _erase(turn: Turn, data: EraseConfirm) -> None:
    issued = data.issued
    age = turn.now.timestamp() - issued
    # Offered lately, and to this very user row (not before an earlier erasure).
    fresh = int(turn.user.created_at.timestamp()) <= issued
    if not fresh or not 0 <= age <= CONFIRM_WITHIN.total_seconds():
        await _go_on(turn, Msg("erase-expired"))
        return
    turn.out += await erase_parent(turn.session, turn.user, turn.now, turn.desk)
    turn.say(Msg("erase-done"))
