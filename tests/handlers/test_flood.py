"""Nobody can flood the agents or the bot (issue #10): a parent's messages to a case's thread
are capped per minute (the rest gathered into one digest, nothing lost, in order), a person's
private updates are capped per minute (one notice per flood), and only a topic the bot itself
created is ever adopted as a case's. No HTTP: events in, replies and rows out."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from handlers.conversation import Conversation
from handlers.events import EventKind, Incoming, Media, MediaKind, Sender
from handlers.followups import firing
from handlers.policy import DeskPolicy, IntakePolicy
from handlers.replies import Outgoing, Reply, SendMedia
from storage.models import CaseEvent, Draft, FollowUp, User
from storage.repositories import cases, followups, relays
from tests.chat import ParentChat
from tests.core import core, dependencies
from tests.handlers.desk_helpers import GROUP, TOPIC, Agent, reload, submitted_case

BOT = 424242
PARENT = 1001


@pytest.fixture
def desk() -> DeskPolicy:
    return DeskPolicy(chat_id=GROUP, use_topics=True, relay_per_minute=3, bot_id=BOT)


@pytest.fixture
def parent(conversation: Conversation, localizer) -> ParentChat:
    """The parent of the cases (``submitted_case``'s), writing in French."""
    return ParentChat(conversation, localizer, user_id=PARENT, language_code="fr")


async def _say(parent: ParentChat, *texts: str) -> None:
    for text in texts:
        await parent.say(text)


async def _digests(database, **where) -> list[FollowUp]:
    async with database.unit_of_work() as session:
        statement = select(FollowUp).where(FollowUp.kind == "relay_digest").order_by(FollowUp.id)
        for key, value in where.items():
            statement = statement.where(getattr(FollowUp, key) == value)
        return list((await session.exec(statement)).all())


async def _fire_due(database, deps, now) -> list[Outgoing]:
    """What the scheduler does: claim every due row, fire it, in one transaction each."""
    out: list[Outgoing] = []
    for row in await _digests(database, status="pending"):
        if row.due_at > now:
            continue
        async with database.unit_of_work() as session:
            assert await followups.claim(session=session, follow_up_id=row.id, now=now)
            fresh = await followups.get(session=session, follow_up_id=row.id)
            out += await firing.fire(session, fresh, now, deps)
    return out


def _to_group(out: list[Outgoing]) -> list[Reply | SendMedia]:
    return [o for o in out if isinstance(o, Reply | SendMedia) and o.chat_id == GROUP]


def _texts(localizer, item: Reply) -> list[str]:
    return [localizer.plain(item.language, part) for part in item.parts]


# -- the relay cap -----------------------------------------------------------------------------


async def test_a_parent_sending_six_messages_in_a_minute_reaches_the_group_four_times(
    database, clock, parent, deps, localizer
):
    case = await submitted_case(database, clock.now())
    sent: list[list[Reply | SendMedia]] = []
    for number in range(1, 7):
        await parent.say(f"message {number}")
        sent.append(_to_group(parent.conversation_out))
    assert [len(s) for s in sent] == [1, 1, 1, 0, 0, 0]
    assert all(s[0].case_id == case.id for s in sent[:3])
    acks = [r.parts[0].key for r in parent.replies]
    assert acks == ["parent-relayed"] * 3 + ["parent-relayed-together"] * 3

    async with database.unit_of_work() as session:
        events = [
            e
            for e in await cases.events_of(session=session, case_id=case.id)
            if e.action == "parent_message"
        ]
    assert [e.details["text"] for e in events] == [f"message {n}" for n in range(1, 7)]
    assert [e.details["relay"] for e in events] == ["now"] * 3 + ["gathered"] * 3

    (digest,) = await _digests(database, status="pending")
    assert digest.due_at == clock.now() + timedelta(minutes=1)  # when the minute is over
    assert await _fire_due(database, deps, clock.now() + timedelta(seconds=59)) == []

    # A restart between gathering and firing loses nothing: a new planner, rows only.
    clock.advance(seconds=60)
    fresh_deps = dependencies(localizer, desk=deps.desk)
    out = await _fire_due(database, fresh_deps, clock.now())
    (message,) = _to_group(out)
    assert isinstance(message, Reply) and message.case_id == case.id
    assert message.parts[0].key == "relay-digest" and message.parts[0].params["count"] == 3
    texts = _texts(localizer, message)
    assert [t for t in texts[1:]] == [f"• message {n}" for n in (4, 5, 6)]
    # Exactly once: the row is spent, a second pass sends nothing.
    assert await _fire_due(database, deps, clock.now() + timedelta(hours=1)) == []
    assert [d.status for d in await _digests(database)] == ["sent"]


async def test_files_sent_while_gathered_go_as_one_album_after_the_texts(
    database, clock, parent, deps, localizer
):
    await submitted_case(database, clock.now())
    await _say(parent, "first 0", "first 1", "first 2")
    photo = Media(MediaKind.PHOTO, file_id="photo-1")
    bill = Media(
        MediaKind.DOCUMENT, file_id="bill-1", file_name="bill.pdf", mime_type="application/pdf"
    )
    await parent._send(kind=EventKind.MEDIA, media=(photo,), text="the receipt")
    await parent.say("and also")
    await parent.upload(bill)
    assert _to_group(parent.conversation_out) == []
    clock.advance(minutes=1)
    text, album = _to_group(await _fire_due(database, deps, clock.now()))
    assert isinstance(text, Reply) and isinstance(album, SendMedia)
    assert [p.key for p in text.parts] == [
        "relay-digest",
        "relay-digest-item-with-files",
        "relay-digest-item",
        "relay-digest-item-files",
    ]
    assert "the receipt" in _texts(localizer, text)[1]
    assert [m.file_id for m in album.media] == ["photo-1", "bill-1"]
    assert album.caption is not None and album.caption.key == "relay-digest-album"
    assert album.case_id == text.case_id


async def test_a_message_after_the_minute_waits_behind_a_digest_not_yet_sent(
    database, clock, parent, deps, localizer
):
    await submitted_case(database, clock.now())
    await _say(parent, "m1", "m2", "m3", "m4")
    clock.advance(seconds=90)  # the digest is due but no worker has fired it yet
    await parent.say("m5")
    assert _to_group(parent.conversation_out) == []  # it would overtake m4
    assert len(await _digests(database)) == 1
    (message,) = _to_group(await _fire_due(database, deps, clock.now()))
    assert _texts(localizer, message)[1:] == ["• m4", "• m5"]
    clock.advance(seconds=1)
    await parent.say("m6")  # a new minute, nothing waiting: straight to the group
    (direct,) = _to_group(parent.conversation_out)
    assert direct.parts[0].key == "relay-from-parent"


async def test_a_digest_fired_while_a_message_joins_it_is_not_joined_a_new_one_carries_it(
    database, clock, parent, deps, localizer, monkeypatch
):
    case = await submitted_case(database, clock.now())
    await _say(parent, "m1", "m2", "m3", "m4")
    (first,) = await _digests(database)
    clock.advance(seconds=60)
    # The parent's transaction read the digest as pending; a worker claims it before the
    # message joins it.
    seen_pending = relays.pending_follow_up

    async def read_before_the_claim(**kwargs):
        row = await seen_pending(**kwargs)
        async with database.unit_of_work() as session:
            assert await followups.claim(session=session, follow_up_id=first.id, now=clock.now())
        return row

    monkeypatch.setattr(relays, "pending_follow_up", read_before_the_claim)
    await parent.say("m5")
    monkeypatch.undo()
    assert _to_group(parent.conversation_out) == []
    async with database.unit_of_work() as session:
        row = await followups.get(session=session, follow_up_id=first.id)
        fired = await firing.fire(session, row, clock.now(), deps)
    assert _texts(localizer, _to_group(fired)[0])[1:] == ["• m4"]
    (second,) = await _digests(database, status="pending")
    later = _to_group(await _fire_due(database, deps, second.due_at))
    assert _texts(localizer, later[0])[1:] == ["• m5"] and later[0].case_id == case.id


async def test_closing_the_case_does_not_cancel_the_parents_gathered_messages(
    database, clock, conversation, parent, deps, localizer
):
    case = await submitted_case(database, clock.now())
    await _say(parent, "m1", "m2", "m3", "m4")
    await Agent(conversation).press(case, "close")
    assert (await reload(database, case)).status == "closed"
    clock.advance(minutes=1)
    (message,) = _to_group(await _fire_due(database, deps, clock.now()))
    assert _texts(localizer, message)[1:] == ["• m4"]


async def test_edited_messages_are_marked_in_the_digest(database, clock, parent, deps):
    await submitted_case(database, clock.now())
    await _say(parent, "m1", "m2", "m3")
    await parent._send(kind=EventKind.TEXT, text="m3, fixed", edited=True)
    clock.advance(minutes=1)
    (message,) = _to_group(await _fire_due(database, deps, clock.now()))
    assert [p.key for p in message.parts][1:] == ["relay-digest-item-edited"]


async def test_erasure_takes_the_gathered_words_and_files_and_their_digest(
    database, clock, parent, deps
):
    case = await submitted_case(database, clock.now())
    await _say(parent, "m1", "m2", "m3")
    await parent._send(
        kind=EventKind.MEDIA, media=(Media(MediaKind.PHOTO, file_id="p"),), text="secret"
    )
    await parent.command("delete")
    await parent.press("button-erase-confirm")
    assert [d.status for d in await _digests(database)] == ["cancelled"]
    async with database.unit_of_work() as session:
        events = await cases.events_of(session=session, case_id=case.id)
    kept = [e.details for e in events if e.action == "parent_message"]
    assert kept and all("text" not in d and "media" not in d for d in kept)
    clock.advance(minutes=1)
    assert await _fire_due(database, deps, clock.now()) == []


# -- the flood limit ---------------------------------------------------------------------------


FLOOD = IntakePolicy(flood_per_minute=5)


@pytest.fixture
def limited(database, clock, localizer, desk, deps) -> Conversation:
    """The core with a limit of 5 updates a minute per person."""
    return core(database, clock, localizer, policy=FLOOD, desk=desk)


async def test_beyond_the_limit_updates_are_dropped_with_one_notice(
    database, clock, limited, localizer
):
    parent = ParentChat(limited, localizer, user_id=PARENT, language_code="fr")
    handled = []
    for _ in range(9):
        handled.append(len(await parent.command("help")))
    assert handled == [1, 1, 1, 1, 1, 1, 0, 0, 0]
    notice = parent.replies[5]
    assert notice.parts[0].key == "flood-notice" and notice.language == "fr"
    clock.advance(seconds=12)  # one update's worth of the minute is back
    assert len(await parent.command("help")) == 1
    assert parent.last.parts[0].key != "flood-notice"
    assert len(await parent.command("help")) == 0  # the same flood: no second notice
    clock.advance(seconds=61)  # a pause: the whole minute is back, the flood is over
    for _ in range(6):
        await parent.command("help")
    assert parent.last.parts[0].key == "flood-notice"  # a new flood, a new notice
    async with database.unit_of_work() as session:
        user = await session.get(User, PARENT)
        assert user is not None and user.flood_noticed_at == clock.now()


async def test_a_dropped_update_changes_nothing(database, clock, limited, localizer):
    parent = ParentChat(limited, localizer, user_id=PARENT, language_code="en")
    await parent.command("start")
    await parent.press("button-consent-yes")
    for _ in range(3):
        await parent.command("help")
    async with database.unit_of_work() as session:
        draft = (await session.exec(select(Draft))).one().model_dump()
    dropped = await parent.say("Douyin")  # a valid answer to the platform question
    assert [r.parts[0].key for r in dropped] == ["flood-notice"]
    assert await parent.say("Douyin") == []
    async with database.unit_of_work() as session:
        assert (await session.exec(select(Draft))).one().model_dump() == draft
        assert (await session.exec(select(CaseEvent))).all() == []


async def test_button_presses_are_still_answered_when_dropped(database, clock, limited, localizer):
    parent = ParentChat(limited, localizer, user_id=PARENT, language_code="en")
    for _ in range(8):
        await parent.press_data("resume:999")
    assert parent.answered_buttons == 8
    assert [r.parts[0].key for r in parent.replies].count("flood-notice") == 1


async def test_the_count_is_shared_by_workers_and_survives_a_restart(
    database, clock, limited, localizer
):
    other = core(database, clock, localizer, policy=FLOOD)
    first = ParentChat(limited, localizer, user_id=PARENT)
    second = ParentChat(other, localizer, user_id=PARENT)
    for chat in (first, second, first, second, first):
        assert len(await chat.command("help")) == 1
    await second.command("help")
    assert second.last.parts[0].key == "flood-notice"


async def test_agents_in_the_group_are_never_limited(database, clock, limited):
    agent = Agent(limited)
    for _ in range(12):
        assert await agent.command("queue")


# -- topic adoption ----------------------------------------------------------------------------


def _topic_created(sender: int, name: str, thread: int) -> Incoming:
    return Incoming(
        sender=Sender(sender, "en", "X"),
        chat_id=GROUP,
        kind=EventKind.OTHER,
        is_private=False,
        thread_id=thread,
        topic_created=name,
    )


async def test_only_a_topic_the_bot_created_is_adopted(database, clock, conversation):
    case = await submitted_case(database, clock.now(), topic=None)
    async with database.unit_of_work() as session:
        stored = await cases.case_by_id(session=session, case_id=case.id)
        assert stored is not None
        stored.topic_requested_at = clock.now()
    for creator in (PARENT, 9001):  # a parent who got in, or an agent, naming it like a case
        await conversation.handle(_topic_created(creator, "K7QM4 · Douyin", 900 + creator))
        assert (await reload(database, case)).topic_id is None
    await conversation.handle(_topic_created(BOT, "K7QM4 · Douyin", 555))
    assert (await reload(database, case)).topic_id == 555


async def test_without_knowing_its_own_id_the_desk_adopts_no_topic(database, clock, localizer):
    conversation = core(
        database,
        clock,
        localizer,
        policy=IntakePolicy(),
        desk=DeskPolicy(chat_id=GROUP, use_topics=True),
    )
    case = await submitted_case(database, clock.now(), topic=None)
    async with database.unit_of_work() as session:
        stored = await cases.case_by_id(session=session, case_id=case.id)
        assert stored is not None
        stored.topic_requested_at = clock.now()
    await conversation.handle(_topic_created(BOT, "K7QM4", TOPIC))
    assert (await reload(database, case)).topic_id is None
