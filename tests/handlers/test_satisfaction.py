"""The parent's satisfaction rating reaches the case's thread and card; the comment they may
add right after follows it there, once; erasing the case removes the comment."""

from __future__ import annotations

import pytest

from handlers.conversation import Conversation
from handlers.policy import DeskPolicy
from handlers.replies import EditMessage, Reply
from storage.repositories import cases
from tests.chat import ParentChat
from tests.core import core
from tests.handlers.desk_helpers import GROUP, reload, submitted_case

PARENT = 1001


class Parent(ParentChat):
    """A parent chat that also keeps everything the last event sent elsewhere (card edits)."""

    async def _send(self, **fields: object) -> list[Reply]:
        handle = self.conversation.handle
        captured: list = []

        async def keeping(event, **kw):
            out = await handle(event, **kw)
            captured[:] = out
            return out

        self.conversation.handle = keeping  # type: ignore[method-assign]
        try:
            replies = await super()._send(**fields)
        finally:
            self.conversation.handle = handle  # type: ignore[method-assign]
        self.conversation_out_all = [o for o in captured if getattr(o, "chat_id", 0) != PARENT]
        return replies


@pytest.fixture
def conversation(database, policy, clock, localizer) -> Conversation:
    desk = DeskPolicy(chat_id=GROUP, language="en", use_topics=True)
    return core(database, clock, localizer, policy=policy, desk=desk)


async def _closed_case(database, clock):
    case = await submitted_case(database, clock.now(), user_id=PARENT, language="en")
    async with database.unit_of_work() as session:
        stored = await cases.case_by_id(session=session, case_id=case.id)
        assert stored is not None
        stored.status, stored.closed_at = "closed", clock.now()
    return case


def _card(out, localizer) -> str:
    (edit,) = [o for o in out if isinstance(o, EditMessage)]
    return "\n".join(localizer.plain("en", p) for p in edit.parts)


def _thread(out, localizer) -> list[str]:
    return [
        localizer.plain("en", p)
        for o in out
        if isinstance(o, Reply) and o.chat_id == GROUP
        for p in o.parts
    ]


async def test_the_rating_and_the_comment_reach_the_thread_and_the_card(
    database, clock, conversation, localizer
):
    case = await _closed_case(database, clock)
    parent = Parent(conversation, localizer, user_id=PARENT)
    await parent.press_data(f"rate:{case.id}:4")
    assert parent.keys == ["parent-thanks", "rating-comment-ask"]
    out = parent.conversation_out_all
    assert _thread(out, localizer) == ["⭐ K7QM4: the parent rated the handling ★★★★☆ (4/5)."]
    assert "⭐ Parent's rating: ★★★★☆ (4/5)" in _card(out, localizer)

    clock.advance(minutes=5)
    await parent.say("Quick and kind <3, thank you")
    assert parent.keys == ["rating-comment-thanks"]
    out = parent.conversation_out_all
    assert _thread(out, localizer) == [
        "💬 K7QM4, the parent's comment on the handling: Quick and kind <3, thank you"
    ]
    card = _card(out, localizer)
    assert "⭐ Parent's rating: ★★★★☆ (4/5)" in card
    assert "💬 Parent's comment: Quick and kind <3, thank you" in card

    await parent.say("and another thing")  # not a comment any more: every case is closed
    assert parent.keys[0] == "parent-all-closed"
    assert (await reload(database, case)).status == "closed"


async def test_a_second_rating_is_not_posted_again(database, clock, conversation, localizer):
    case = await _closed_case(database, clock)
    parent = Parent(conversation, localizer, user_id=PARENT)
    await parent.press_data(f"rate:{case.id}:5")
    await parent.press_data(f"rate:{case.id}:1")
    assert parent.keys == ["parent-thanks"]
    assert _thread(parent.conversation_out_all, localizer) == []


async def test_a_message_long_after_the_rating_is_no_comment(
    database, clock, conversation, localizer
):
    case = await _closed_case(database, clock)
    parent = Parent(conversation, localizer, user_id=PARENT)
    await parent.press_data(f"rate:{case.id}:2")
    clock.advance(hours=2)
    await parent.say("hello again")
    assert parent.keys[0] == "parent-all-closed"
    async with database.unit_of_work() as session:
        events = await cases.events_of(session=session, case_id=case.id)
    assert [e.action for e in events if e.action.startswith("rat")] == ["rated"]
