"""After the one-tap rating (``parents.rate``): the agents see it in the case's thread and on
its card, and the parent may add a comment in their next message, which follows it there.

The comment is offered for :data:`COMMENT_WINDOW` after the rating; what the parent writes
then is the comment (up to :data:`COMMENT_LENGTH` characters), anything later is handled as
usual. It is free text (the event's ``text``): an erasure removes it like the case's other words.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from handlers.bounds import clip
from handlers.case.card import card_edit
from handlers.events import EventKind
from handlers.replies import Msg, Reply
from handlers.reports.rating import COMMENTED, stars_text
from handlers.turn import Turn
from storage.models import Case
from storage.repositories import cases

#: ``User.pending_relay`` holds this key (the case id) while a comment is awaited.
AWAITING = "rating_comment"
COMMENT_WINDOW = timedelta(hours=1)
COMMENT_LENGTH = 1000


async def after_rating(turn: Turn, case: Case, stars: int) -> None:
    """The first rating of ``case``: told to its thread, shown on its card; the parent's next
    message (they are asked for it by the caller) is taken as a comment."""
    desk = turn.desk.for_case(case)
    if desk.enabled and case.anonymized_at is None:
        assert desk.chat_id is not None
        ref = {"reference": case.reference, "stars": stars_text(stars), "count": stars}
        turn.out.append(
            Reply(desk.chat_id, desk.language, (Msg("desk-rating-posted", ref),), case_id=case.id)
        )
        edit = await card_edit(turn.session, case, desk)
        if edit is not None:
            turn.out.append(edit)
    turn.user.pending_relay = {AWAITING: case.id, "at": turn.now.isoformat()}


async def take_comment(turn: Turn) -> bool:
    """The parent's message right after rating, as the rating's comment. False when no
    comment is awaited (or no longer): the message is handled as usual."""
    pending = turn.user.pending_relay or {}
    if AWAITING not in pending:
        return False
    turn.user.pending_relay = {}
    asked = datetime.fromisoformat(pending.get("at", "2000-01-01T00:00:00+00:00"))
    text = clip(turn.event.text, COMMENT_LENGTH)
    if turn.event.kind is not EventKind.TEXT or not text or turn.now - asked > COMMENT_WINDOW:
        return False
    case = await cases.case_by_id(session=turn.session, case_id=pending[AWAITING])
    if case is None or case.user_id != turn.user.id or case.id is None:
        return False
    events = await cases.events_of(session=turn.session, case_id=case.id)
    if not any(e.action == COMMENTED for e in events):
        await cases.add_event(
            session=turn.session,
            case_id=case.id,
            actor_kind="parent",
            actor_id=turn.user.id,
            action=COMMENTED,
            now=turn.now,
            details={"text": text},
        )
        desk = turn.desk.for_case(case)
        if desk.enabled:
            assert desk.chat_id is not None
            said = Msg("desk-rating-comment-posted", {"reference": case.reference, "text": text})
            turn.out.append(Reply(desk.chat_id, desk.language, (said,), case_id=case.id))
            edit = await card_edit(turn.session, case, desk)
            if edit is not None:
                turn.out.append(edit)
    turn.say(Msg("rating-comment-thanks"))
    return True
