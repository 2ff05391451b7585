"""Appeals: a parent may contest a decision once, within a window, with a reason and new files.

press ⚖️ Appeal → the reason (one message) → new screenshots or documents, if any → "Send
appeal" (or cancel) → the case is ``appealed``, the files are the case's evidence, the agents'
thread gets the appeal, the planner sets the appeal deadline and the parent learns its date.

The flow is kept in ``case.pending_input`` (``{"parent": "appeal", "stage": ..., "reason":
..., "files": [...]}``), so a restart mid-appeal carries on where the parent stopped.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from handlers.buttons import ButtonData, Buttons
from handlers.case import history
from handlers.case.card import card_edit, decision_msg
from handlers.case.states import Status
from handlers.case.view import load_view
from handlers.events import ALBUM, EventKind, Media, media_of, media_record
from handlers.formatting import format_when
from handlers.intake.evidence import screen_uploads
from handlers.policy import AftercarePolicy
from handlers.replies import Button, Msg, Reply, SendMedia
from handlers.turn import Turn, evidence_row
from storage.models import Case, Decision
from storage.repositories import cases, evidence

log = logging.getLogger(__name__)

#: Parents may appeal a decision once; the decision on the appeal is final.
MAX_APPEALS = 1
APPEAL = "appeal"  # ``pending_input["parent"]`` while a parent is writing an appeal
REASON, FILES = "reason", "files"  # the stages: waiting for the reason, then for new files

Rows = tuple[tuple[Button, ...], ...]


class StartAppeal(ButtonData, prefix="appeal"):
    """⚖️ Appeal: ``appeal:<case id>`` (again while appealing: the prompt again)."""

    case_id: int


class AppealStep(StrEnum):
    SEND = "send"
    CANCEL = "cancel"


class AppealButton(ButtonData, prefix="appeal"):
    """Send or cancel the appeal being written: ``appeal:<case id>:send|cancel``."""

    case_id: int
    step: AppealStep


#: What a press of these buttons does (routed by ``handlers.commands.PRESSES``).
presses: Buttons[Turn] = Buttons()


def appeal_until(case: Case, aftercare: AftercarePolicy) -> datetime | None:
    """The end of the window for appealing the case's decision (None before a decision)."""
    if case.decided_at is None:
        return None
    return case.decided_at + timedelta(days=aftercare.appeal_window_days)


def appeal_allowed(case: Case, now: datetime, aftercare: AftercarePolicy) -> str | None:
    """None when the parent may appeal now, else the locale key saying which rule stops them.

    Once per case; only while the case is ``decided`` and the decision was not a full
    approval; only until ``appeal_window_days`` after the decision.
    """
    if case.appeals >= MAX_APPEALS:
        return "appeal-refused-already"
    if case.status != Status.DECIDED:
        return "appeal-refused-state"
    if case.decision == Decision.APPROVED:
        return "appeal-refused-approved"
    until = appeal_until(case, aftercare)
    if until is None or now > until:
        return "appeal-refused-window"
    return None


def explain_refusal(
    key: str, case: Case, aftercare: AftercarePolicy, language: str, timezone: str
) -> Msg:
    """The refusal ``appeal_allowed`` returned, as the parent reads it."""
    until = appeal_until(case, aftercare)
    return Msg(
        key,
        {
            "reference": case.reference,
            "status": Msg(f"status-{case.status.replace('_', '-')}"),
            "until": format_when(until, timezone, language) if until else "-",
        },
    )


def is_appealing(case: Case) -> bool:
    return (case.pending_input or {}).get("parent") == APPEAL


def appeal_button(case: Case) -> Button:
    assert case.id is not None
    return Button(Msg("button-appeal"), StartAppeal(case.id).pack())


# -- the parent's buttons and messages ---------------------------------------------------------


@presses.on(StartAppeal)
async def _start_pressed(turn: Turn, data: StartAppeal) -> None:
    await on_button(turn, data.case_id)


@presses.on(AppealButton)
async def _step_pressed(turn: Turn, data: AppealButton) -> None:
    await on_button(turn, data.case_id, data.step)


@presses.otherwise(StartAppeal, AppealButton)
async def _stale(turn: Turn, data: str = "") -> None:
    turn.say(Msg("error-stale-button"))


async def on_button(turn: Turn, case_id: int, step: AppealStep | None = None) -> None:
    """``appeal:<case id>`` starts, ``appeal:<case id>:send`` sends, ``…:cancel`` drops an
    appeal — each checked against the parent's own cases and the appeal rules."""
    case = await cases.case_by_id(session=turn.session, case_id=case_id)
    if case is None or case.user_id != turn.user.id:
        await _stale(turn)
        return
    if step is AppealStep.SEND:
        await _send(turn, case)
    elif step is AppealStep.CANCEL:
        _cancel(turn, case)
    elif is_appealing(case):
        parts, buttons = _prompt(case)
        turn.say(Msg("appeal-in-progress", {"reference": case.reference}), *parts, buttons=buttons)
    elif not _refused(turn, case):
        case.pending_input = {"parent": APPEAL, "stage": REASON, "reason": "", "files": []}
        parts, buttons = _prompt(case)
        turn.say(*parts, buttons=buttons)


async def on_message(turn: Turn, case: Case) -> bool:
    """A message while the parent is writing an appeal on ``case``. False when the appeal can
    no longer go ahead (the case moved on): the message is then relayed as any other."""
    if _refused(turn, case):
        case.pending_input = {}
        return False
    event = turn.event
    pending = dict(case.pending_input)
    notes: list[Msg] = []
    if event.edited:
        notes.append(Msg("error-edited"))
    elif event.kind is EventKind.MEDIA:
        notes += await _add_files(turn, case, pending)
    text = event.text.strip()
    if text and not event.edited:
        reason = f"{pending['reason']}\n{text}" if pending.get("reason") else text
        limit = turn.policy.max_description_length
        if len(reason) > limit:
            notes.append(Msg("error-text-too-long", {"length": len(reason), "max": limit}))
        else:
            if pending["stage"] == FILES:
                notes.append(Msg("appeal-reason-added"))
            pending.update(reason=reason, stage=FILES)
    elif event.kind is EventKind.TEXT and not event.edited:
        notes.append(Msg("error-empty-answer"))
    case.pending_input = pending
    parts, buttons = _prompt(case)
    turn.say(*notes, *parts, buttons=buttons)
    return True


def _refused(turn: Turn, case: Case) -> bool:
    key = appeal_allowed(case, turn.now, turn.aftercare)
    if key is not None:
        turn.say(
            explain_refusal(key, case, turn.aftercare, turn.user.language, turn.user.timezone)
        )
    return key is not None


async def _add_files(turn: Turn, case: Case, pending: dict[str, Any]) -> list[Msg]:
    """Screen new files as the intake does (type, size, how many a case may hold)."""
    assert case.id is not None
    held = len(await evidence.list_for_case(session=turn.session, case_id=case.id))
    files = list(pending.get("files", []))
    kept, problems = screen_uploads(
        turn.policy, turn.user.language, held + len(files), turn.event.media
    )
    group = turn.event.media_group_id
    files += [media_record(item, group=group) for item in kept]
    pending["files"] = files
    notes = list(problems)
    if kept and pending["stage"] == REASON:
        notes.append(Msg("appeal-files-kept", {"count": len(files)}))
    return notes


def _prompt(case: Case) -> tuple[tuple[Msg, ...], Rows]:
    """The question for the stage the appeal is at, with its buttons."""
    pending = case.pending_input
    ref = {"reference": case.reference}
    assert case.id is not None
    cancel = Button(Msg("button-appeal-cancel"), AppealButton(case.id, AppealStep.CANCEL).pack())
    if pending.get("stage") != FILES:
        return (Msg("appeal-ask-reason", ref),), ((cancel,),)
    send = Button(Msg("button-appeal-send"), AppealButton(case.id, AppealStep.SEND).pack())
    count = len(pending.get("files", []))
    ask = Msg("appeal-files-count", {"count": count}) if count else Msg("appeal-ask-files", ref)
    return (ask,), ((send,), (cancel,))


def _cancel(turn: Turn, case: Case) -> None:
    if not is_appealing(case):
        if not _refused(turn, case):
            turn.say(Msg("error-stale-button"))
        return
    case.pending_input = {}
    until = appeal_until(case, turn.aftercare)
    when = format_when(until, turn.user.timezone, turn.user.language) if until else "-"
    turn.say(Msg("appeal-cancelled", {"reference": case.reference, "until": when}))


async def _send(turn: Turn, case: Case) -> None:
    if not is_appealing(case):
        if not _refused(turn, case):
            turn.say(Msg("error-stale-button"))
        return
    if _refused(turn, case):
        case.pending_input = {}
        return
    pending = case.pending_input
    if pending.get("stage") != FILES or not pending.get("reason"):
        parts, buttons = _prompt(case)
        turn.say(*parts, buttons=buttons)
        return
    await _file_appeal(turn, case, pending["reason"], pending.get("files", []))


async def _file_appeal(turn: Turn, case: Case, reason: str, files: list[dict[str, Any]]) -> None:
    assert case.id is not None
    log.info("case %s appealed with %d new file(s)", case.reference, len(files))
    media = tuple(media_of(f) for f in files)
    for item, stored in zip(media, files, strict=True):
        row = evidence_row(item, group=stored.get(ALBUM), case_id=case.id)
        await evidence.add_evidence(session=turn.session, item=row, now=turn.now)
    case.pending_input = {}
    case.status = Status.APPEALED
    case.appeals += 1
    case.updated_at = turn.now
    if media:
        case.no_evidence = False
    await history.record(
        turn.session,
        case,
        "appealed",
        turn.now,
        history.parent(turn.user.id),
        text=reason,
        files=len(media),
    )
    await turn.planner.case_appealed(turn.session, case, turn.now)
    if turn.desk.enabled:
        await _to_desk(turn, case, reason, media)
    ref = {"reference": case.reference}
    assert case.due_at is not None  # the planner has just set the appeal's deadline
    due = format_when(case.due_at, turn.user.timezone, turn.user.language)
    parts = [Msg("appeal-sent", {**ref, "due": due})]
    if media:
        parts.append(Msg("appeal-sent-files", {"count": len(media)}))
    turn.say(*parts)


async def _to_desk(turn: Turn, case: Case, reason: str, media: tuple[Media, ...]) -> None:
    """The appeal, clearly marked, in the case's thread; its files after it; the card edited."""
    desk = turn.desk.for_case(case)
    assert desk.chat_id is not None
    view = await load_view(turn.session, case)
    due = format_when(case.due_at, desk.timezone, desk.language) if case.due_at else "-"
    filed = Msg(
        "desk-appeal-filed",
        {
            "reference": case.reference,
            "decision": decision_msg(view, desk.language),
            "reason": reason,
            "count": len(media),
            "due": due,
        },
    )
    turn.out.append(Reply(desk.chat_id, desk.language, (filed,), case_id=case.id))
    if media:
        caption = Msg("desk-appeal-files", {"reference": case.reference, "count": len(media)})
        turn.out.append(SendMedia(desk.chat_id, desk.language, media, caption, case_id=case.id))
    edit = await card_edit(turn.session, case, desk)
    if edit is not None:
        turn.out.append(edit)
