"""The user, their open draft and its file count in one statement; the turn then reads the
draft from what was loaded, and sees its own changes."""

from __future__ import annotations

from sqlalchemy import event

from handlers.events import EventKind, Incoming, Media, MediaKind, Sender
from handlers.turn import Turn
from storage.models import DraftStatus, Evidence
from storage.repositories import drafts, evidence, preload
from tests.case_rows import add_parent
from tests.core import dependencies


def _selects(database) -> list[str]:
    seen: list[str] = []

    def statement(conn, cursor, sql, *args) -> None:
        if sql.lstrip().upper().startswith("SELECT"):
            seen.append(sql)

    event.listen(database.engine.sync_engine, "before_cursor_execute", statement)
    return seen


async def _user_with_draft(database, clock, files: int = 0) -> int:
    async with database.unit_of_work() as session:
        await add_parent(session, 77, now=clock.now(), timezone="UTC", display_name="A")
        draft = await drafts.create_draft(
            session=session, user_id=77, chat_id=77, step="consent", answers={}, now=clock.now()
        )
        assert draft.id is not None
        for _ in range(files):
            await evidence.add_evidence(
                session=session, item=Evidence(draft_id=draft.id, kind="photo"), now=clock.now()
            )
        return draft.id


def _turn(session, loaded, clock, localizer) -> Turn:
    event = Incoming(sender=Sender(77, "en", "A"), chat_id=77, kind=EventKind.TEXT, text="x")
    turn = Turn(
        session, event, loaded.user, clock.now(), dependencies(localizer), draft=loaded.draft
    )
    if loaded.draft is not None:
        turn.files[loaded.draft.id] = loaded.files
    return turn


async def test_one_statement_then_the_turn_reads_no_more(database, clock, localizer):
    draft_id = await _user_with_draft(database, clock, files=2)
    selects = _selects(database)
    async with database.unit_of_work() as session:
        loaded = await preload.user_with_open_draft(session=session, user_id=77)
        assert loaded is not None and loaded.user.language == "en" and loaded.files == 2
        turn = _turn(session, loaded, clock, localizer)
        draft = await turn.open_draft()
        assert draft is not None and draft.id == draft_id
        assert (await turn.context(draft)).evidence_count == 2
    assert len(selects) == 1


async def test_an_unknown_user(database, clock):
    async with database.unit_of_work() as session:
        assert await preload.user_with_open_draft(session=session, user_id=5) is None


async def test_a_user_without_an_open_draft(database, clock, localizer):
    draft_id = await _user_with_draft(database, clock)
    async with database.unit_of_work() as session:
        draft = await drafts.get_open_draft(session=session, user_id=77)
        assert draft is not None
        drafts.close_draft(draft, status=DraftStatus.CANCELLED, now=clock.now())
    selects = _selects(database)
    async with database.unit_of_work() as session:
        loaded = await preload.user_with_open_draft(session=session, user_id=77)
        assert loaded is not None and loaded.draft is None and loaded.files == 0
        turn = _turn(session, loaded, clock, localizer)
        assert await turn.open_draft() is None
        assert len(selects) == 1
        # A draft the turn opens is the open one from then on.
        created = await drafts.create_draft(
            session=session, user_id=77, chat_id=77, step="consent", answers={}, now=clock.now()
        )
        turn.opened(created)
        assert await turn.open_draft() is created and created.id != draft_id
        assert (await turn.context(created)).evidence_count == 0


async def test_changes_made_in_the_turn_are_seen(database, clock, localizer):
    await _user_with_draft(database, clock, files=1)
    async with database.unit_of_work() as session:
        loaded = await preload.user_with_open_draft(session=session, user_id=77)
        assert loaded is not None
        turn = _turn(session, loaded, clock, localizer)
        draft = await turn.open_draft()
        assert draft is not None
        await turn.store_media(draft, (Media(MediaKind.PHOTO, "f1", "u1"),))
        assert (await turn.context(draft)).evidence_count == 2
        assert await evidence.count_for_draft(session=session, draft_id=draft.id) == 2
        drafts.close_draft(draft, status=DraftStatus.SUBMITTED, now=clock.now())
        assert await turn.open_draft() is None  # closed in this turn: looked up again
