"""A parent's side once a claim is submitted: their messages reach the case's thread (asking
which case when several are open), and they may appeal a decision once.

The relay cap: a case's thread gets at most ``DeskPolicy.relay_per_minute`` of its parent's
messages a minute one by one (the whole group may receive only 20 a minute, and one parent's
burst must not hold every other case's card back). Further messages are *gathered*: each is
recorded as its ``parent_message`` event with its files (``relay: gathered``), and one
``relay_digest`` follow-up, due when the minute is over, sends them as one message and one
album. While a digest is pending every new message joins it, so nothing overtakes it. The
count comes from the case's events (``relay: now``), not from memory: workers share it and a
restart keeps it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.aftercare import appeal
from handlers.buttons import ButtonData, Buttons, number
from handlers.case import history
from handlers.case.card import card_edit
from handlers.case.states import OPEN, Status
from handlers.events import ALBUM, EventKind, Media, media_of, media_record
from handlers.followups.kinds import Kind
from handlers.intake.evidence import screen_uploads
from handlers.policy import DeskPolicy
from handlers.replies import Button, Msg, Outgoing, Reply, SendMedia
from handlers.reports import satisfaction
from handlers.turn import Turn, evidence_row
from storage.models import Case, CaseEvent, FollowUp
from storage.repositories import cases, evidence, relays

#: ``User.pending_relay`` may name the case the parent's next message is for, chosen
#: beforehand ("add a message" in /status) instead of holding a message waiting for a case.
TARGET_CASE = "target_case"
PARENT_MESSAGE = "parent_message"
#: ``parent_message`` events: ``relay`` says whether the message went to the thread at once
#: or was gathered into a digest (events older than the cap have neither: sent at once).
RELAYED_NOW, GATHERED = "now", "gathered"
RELAY_WINDOW = timedelta(minutes=1)


class CaseChoice(ButtonData, prefix="pcase"):
    """Which open case the message waiting in ``User.pending_relay`` is for: ``pcase:<id>``."""

    case_id: int


class Rating(ButtonData, prefix="rate"):
    """The one-tap satisfaction answer after closing: ``rate:<case id>:<1-5>``."""

    case_id: int
    stars: int = number(1, 5)


#: What a press of these buttons does (routed by ``handlers.commands.PRESSES``).
presses: Buttons[Turn] = Buttons()


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
        "media": [media_record(m, group=event.media_group_id) for m in event.media],
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
            (Button(Msg("button-case", {"reference": c.reference}), CaseChoice(c.id).pack()),)
            for c in own
            if c.id is not None
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


@presses.on(CaseChoice)
async def choose_case(turn: Turn, data: CaseChoice) -> None:
    """``pcase:<id>`` (which case a message is for), checked against the parent's own cases:
    another parent's case is "unknown", whatever the data says."""
    case = await cases.case_by_id(session=turn.session, case_id=data.case_id)
    if case is None or case.user_id != turn.user.id:
        turn.say(Msg("error-stale-button"))
        return
    message = turn.user.pending_relay
    if not message or TARGET_CASE in message or case.status == Status.CLOSED:
        turn.say(Msg("error-stale-button"))
        return
    turn.user.pending_relay = {}
    await _relay(turn, turn.desk, case, message)


@presses.otherwise(CaseChoice, Rating)
async def _stale(turn: Turn, data: str = "") -> None:
    turn.say(Msg("error-stale-button"))


def _media(message: dict[str, Any]) -> tuple[Media, ...]:
    return tuple(media_of(m) for m in message.get("media", []))


async def _keep_files(turn: Turn, case: Case, message: dict) -> tuple[dict, tuple[Msg, ...]]:
    """The message's files become evidence of the case, screened as the intake screens them
    (type, size, how many a case may hold), so the file keeper downloads, hashes and reads
    them; returns the message with the files kept, and the translated refusals. An edit
    repeats a file already kept: nothing new."""
    stored = message.get("media", [])
    if not stored or message.get("edited"):
        return message, ()
    assert case.id is not None
    held = len(await evidence.list_for_case(session=turn.session, case_id=case.id))
    media = [media_of(m) for m in stored]
    kept, problems = screen_uploads(turn.policy, turn.user.language, held, tuple(media))
    chosen: list[dict[str, Any]] = []
    waiting = list(kept)  # in the order sent: the first of them is the next one kept
    for item, file in zip(stored, media, strict=True):
        if waiting and file == waiting[0]:
            chosen.append(item)
            waiting.pop(0)
    for item in chosen:
        row = evidence_row(media_of(item), group=item.get(ALBUM), case_id=case.id)
        await evidence.add_evidence(session=turn.session, item=row, now=turn.now)
    if chosen:
        case.no_evidence = False
    return {**message, "media": chosen}, problems


def _to_thread(turn: Turn, desk: DeskPolicy, case: Case, key: str, message: dict) -> None:
    desk = desk.for_case(case)
    assert desk.chat_id is not None
    caption = Msg(key, {"reference": case.reference, "text": message.get("text", "")})
    media = _media(message)
    if media:
        turn.out.append(SendMedia(desk.chat_id, desk.language, media, caption, case_id=case.id))
    else:
        turn.out.append(Reply(desk.chat_id, desk.language, (caption,), case_id=case.id))


async def _record(turn: Turn, case: Case, action: str, message: dict, **more: Any) -> CaseEvent:
    assert case.id is not None
    case.updated_at = turn.now
    return await history.record(
        turn.session,
        case,
        action,
        turn.now,
        history.parent(turn.user.id),
        text=message.get("text", ""),
        files=len(message.get("media", [])),
        **more,
    )


async def _relay(turn: Turn, desk: DeskPolicy, case: Case, message: dict) -> None:
    desk = desk.for_case(case)
    message, refused = await _keep_files(turn, case, message)
    if not message.get("text") and not message.get("media"):
        turn.say(*refused)  # every file refused: nothing to pass on
        return
    if not desk.enabled:
        await _record(turn, case, PARENT_MESSAGE, message)  # kept even with no desk configured
        turn.say(*refused, Msg("case-already-submitted", {"reference": case.reference}))
        return
    assert case.id is not None
    digest = await relays.pending_follow_up(
        session=turn.session, case_id=case.id, kind=Kind.RELAY_DIGEST.value
    )
    recent = await _relayed_lately(turn, case) if digest is None else []
    if digest is None and len(recent) < desk.relay_per_minute:
        await _record(turn, case, PARENT_MESSAGE, message, relay=RELAYED_NOW)
        key = "relay-from-parent-edited" if message.get("edited") else "relay-from-parent"
        _to_thread(turn, desk, case, key, message)
        acknowledgement = "parent-relayed"
    else:
        await _gather(turn, case, message, digest, recent)
        acknowledgement = "parent-relayed-together"
    answered = case.status == Status.WAITING_PARENT
    if answered:  # the card must stop saying "waiting"
        case.status = Status.IN_REVIEW
    if answered or (message.get("media") and not message.get("edited")):  # new files counted
        edit = await card_edit(turn.session, case, desk)
        if edit is not None:
            turn.out.append(edit)
    turn.say(*refused, Msg(acknowledgement, {"reference": case.reference}))


async def _relayed_lately(turn: Turn, case: Case) -> list[datetime]:
    """When the parent's messages sent to the thread one by one in the last minute went."""
    assert case.id is not None
    events = await relays.events_since(
        session=turn.session,
        case_id=case.id,
        action=PARENT_MESSAGE,
        since=turn.now - RELAY_WINDOW,
    )
    return [e.created_at for e in events if e.details.get("relay", RELAYED_NOW) == RELAYED_NOW]


async def _gather(
    turn: Turn, case: Case, message: dict, digest: FollowUp | None, recent: list[datetime]
) -> None:
    """Keep the message (its words and files, in its event) for the case's digest: the
    pending one, or a new one due when the minute of the oldest message sent is over."""
    event = await _record(
        turn,
        case,
        PARENT_MESSAGE,
        message,
        relay=GATHERED,
        media=message.get("media", []),
        edited=bool(message.get("edited")),
    )
    assert event.id is not None
    if digest is not None and await relays.join_pending(
        session=turn.session, follow_up=digest, event_id=event.id
    ):
        return
    # None pending, or the one seen was being fired meanwhile: a new one, after it.
    due = min(recent) + RELAY_WINDOW if recent else turn.now
    await turn.planner.relay_gathered(turn.session, case, due, turn.now, event.id)


async def relay_digest(
    session: AsyncSession, row: FollowUp, case: Case, desk: DeskPolicy
) -> list[Outgoing]:
    """The ``relay_digest`` follow-up firing: the gathered messages as one message to the
    case's thread, in the order sent, and their files as one album after it."""
    if not desk.enabled or case.id is None or case.anonymized_at is not None:
        return []
    events = await relays.events_by_id(
        session=session, case_id=case.id, event_ids=row.details.get("events", [])
    )
    if not events:
        return []
    assert desk.chat_id is not None
    ref = {"reference": case.reference}
    parts = [Msg("relay-digest", {**ref, "count": len(events)})]
    files: list[Media] = []
    for event in events:
        media = _media(event.details)
        files += media
        parts.append(_digest_item(event.details.get("text", ""), media, event.details))
    out: list[Outgoing] = [Reply(desk.chat_id, desk.language, tuple(parts), case_id=case.id)]
    if files:
        caption = Msg("relay-digest-album", {**ref, "count": len(files)})
        out.append(SendMedia(desk.chat_id, desk.language, tuple(files), caption, case_id=case.id))
    return out


def _digest_item(text: str, media: tuple[Media, ...], details: dict[str, Any]) -> Msg:
    if not media:
        key = "relay-digest-item-edited" if details.get("edited") else "relay-digest-item"
        return Msg(key, {"text": text})
    if not text:
        return Msg("relay-digest-item-files", {"count": len(media)})
    return Msg("relay-digest-item-with-files", {"text": text, "count": len(media)})


async def _appeal(turn: Turn, desk: DeskPolicy, case: Case, message: dict) -> None:
    """The reason and new files of an appeal (see :mod:`handlers.aftercare.appeal`); a message
    arriving once the appeal can no longer go ahead is relayed like any other."""
    if not await appeal.on_message(turn, case):
        await _relay(turn, desk, case, message)


@presses.on(Rating)
async def rate(turn: Turn, data: Rating) -> None:
    """``rate:<case id>:<1-5>``: the one-tap satisfaction answer after closing, once per case."""
    stars = data.stars
    case = await cases.case_by_id(session=turn.session, case_id=data.case_id)
    if case is None or case.user_id != turn.user.id:
        turn.say(Msg("error-stale-button"))
        return
    assert case.id is not None
    events = await cases.events_of(session=turn.session, case_id=case.id)
    first = not any(e.action == "rated" for e in events)
    if first:
        await history.record(
            turn.session, case, "rated", turn.now, history.parent(turn.user.id), stars=stars
        )
    if not first:
        turn.say(Msg("parent-thanks"))
        return
    # The agents see it in the thread and on the card; a comment may follow (#17).
    turn.say(Msg("parent-thanks"), Msg("rating-comment-ask"))
    await satisfaction.after_rating(turn, case, stars)
