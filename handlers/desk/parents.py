"""A parent's side once a claim is submitted: their messages reach the case's thread (asking
which case when several are open), and they may appeal a decision once."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from handlers.aftercare import appeal
from handlers.bounds import record_id
from handlers.desk.states import OPEN, Status
from handlers.events import EventKind, Media, MediaKind
from handlers.policy import DeskPolicy
from handlers.replies import Button, Msg, Reply, SendMedia
from handlers.turn import Turn
from storage.models import Case
from storage.repositories import cases

#: ``User.pending_relay`` may name the case the parent's next message is for, chosen
#: beforehand ("add a message" in /status) instead of holding a message waiting for a case.
TARGET_CASE = "target_case"


async def relay_from_parent(turn: Turn, desk: DeskPolicy) -> bool:
    """Route a message sent after submission. False when the parent has no open case."""
    own = await cases.open_cases_of_user(
        session=turn.session, user_id=turn.user.id, statuses=[s.value for s in OPEN]
    )
    if not own:
        return False
    event = turn.event
    if event.kind not in (EventKind.TEXT, EventKind.MEDIA):
        turn.say(Msg("error-unsupported"))
        return True
    message = {
        "text": event.text,
        "media": [_media_dict(m) for m in event.media],
        "edited": event.edited,
    }
    target = _take_target(turn, own)
    appealing = [c for c in own if (c.pending_input or {}).get("parent") == "appeal"]
    if appealing:
        await _appeal(turn, desk, appealing[0], message)
    elif target is not None:
        await _relay(turn, desk, target, message)
    elif len(own) == 1:
        await _relay(turn, desk, own[0], message)
    else:
        turn.user.pending_relay = message
        buttons = tuple(
            (Button(Msg("button-case", {"reference": c.reference}), f"pcase:{c.id}"),) for c in own
        )
        turn.say(Msg("parent-which-case"), buttons=buttons)
    return True


def _take_target(turn: Turn, own: list[Case]) -> Case | None:
    """The open case chosen beforehand for this message, if any; a choice is used once."""
    pending = turn.user.pending_relay or {}
    if TARGET_CASE not in pending:
        return None
    turn.user.pending_relay = {}
    return next((c for c in own if c.id == pending[TARGET_CASE]), None)


async def parent_button(turn: Turn, desk: DeskPolicy, kind: str, value: str) -> None:
    """``pcase:<id>`` (which case a message is for) and ``appeal:<id>``, checked against the
    parent's own cases: another parent's case is "unknown", whatever the data says."""
    if kind == "appeal":
        await appeal.on_button(turn, value)
        return
    case_id = record_id(value)
    case = await cases.case_by_id(session=turn.session, case_id=case_id) if case_id else None
    if case is None or case.user_id != turn.user.id:
        turn.say(Msg("error-stale-button"))
        return
    if kind == "pcase":
        message = turn.user.pending_relay
        if not message or TARGET_CASE in message or case.status == Status.CLOSED:
            turn.say(Msg("error-stale-button"))
            return
        turn.user.pending_relay = {}
        await _relay(turn, desk, case, message)


def _media_dict(media: Media) -> dict[str, Any]:
    return {k: v for k, v in asdict(media).items() if v is not None}


def _media(message: dict[str, Any]) -> tuple[Media, ...]:
    return tuple(Media(**{**m, "kind": MediaKind(m["kind"])}) for m in message.get("media", []))


def _to_thread(turn: Turn, desk: DeskPolicy, case: Case, key: str, message: dict) -> None:
    assert desk.chat_id is not None
    caption = Msg(key, {"reference": case.reference, "text": message.get("text", "")})
    media = _media(message)
    if media:
        turn.out.append(SendMedia(desk.chat_id, desk.language, media, caption, case_id=case.id))
    else:
        turn.out.append(Reply(desk.chat_id, desk.language, (caption,), case_id=case.id))


async def _record(turn: Turn, case: Case, action: str, message: dict) -> None:
    assert case.id is not None
    case.updated_at = turn.now
    await cases.add_event(
        session=turn.session,
        case_id=case.id,
        actor_kind="parent",
        actor_id=turn.user.id,
        action=action,
        now=turn.now,
        details={"text": message.get("text", ""), "files": len(message.get("media", []))},
    )


async def _relay(turn: Turn, desk: DeskPolicy, case: Case, message: dict) -> None:
    await _record(turn, case, "parent_message", message)  # kept even with no desk configured
    if not desk.enabled:
        turn.say(Msg("case-already-submitted", {"reference": case.reference}))
        return
    key = "relay-from-parent-edited" if message.get("edited") else "relay-from-parent"
    _to_thread(turn, desk, case, key, message)
    if case.status == Status.WAITING_PARENT:
        case.status = Status.IN_REVIEW
    turn.say(Msg("parent-relayed", {"reference": case.reference}))


async def _appeal(turn: Turn, desk: DeskPolicy, case: Case, message: dict) -> None:
    """The reason and new files of an appeal (see :mod:`handlers.aftercare.appeal`); a message
    arriving once the appeal can no longer go ahead is relayed like any other."""
    if not await appeal.on_message(turn, case):
        await _relay(turn, desk, case, message)


async def rate(turn: Turn, value: str) -> None:
    """``rate:<case id>:<1-5>``: the one-tap satisfaction answer after closing, once per case."""
    named, _, stars = value.partition(":")
    case_id = record_id(named)
    case = await cases.case_by_id(session=turn.session, case_id=case_id) if case_id else None
    if case is None or case.user_id != turn.user.id or stars not in ("1", "2", "3", "4", "5"):
        turn.say(Msg("error-stale-button"))
        return
    assert case.id is not None
    events = await cases.events_of(session=turn.session, case_id=case.id)
    if not any(e.action == "rated" for e in events):
        await cases.add_event(
            session=turn.session,
            case_id=case.id,
            actor_kind="parent",
            actor_id=turn.user.id,
            action="rated",
            now=turn.now,
            details={"stars": int(stars)},
        )
    turn.say(Msg("parent-thanks"))
