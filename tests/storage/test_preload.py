"""The user, their open draft and its file count in one statement, remembered only until the
session writes something."""

from __future__ import annotations

from sqlalchemy import event

from storage.models import DraftStatus, Evidence
from storage.repositories import drafts, evidence, preload, users


def _selects(database) -> list[str]:
    seen: list[str] = []

    def statement(conn, cursor, sql, *args) -> None:
        if sql.lstrip().upper().startswith("SELECT"):
            seen.append(sql)

    event.listen(database.engine.sync_engine, "before_cursor_execute", statement)
    return seen


async def _user_with_draft(database, clock, files: int = 0) -> int:
    async with database.unit_of_work() as session:
        await users.create_user(
            session=session,
            user_id=77,
            language="en",
            timezone="UTC",
            display_name="A",
            now=clock.now(),
        )
        draft = await drafts.create_draft(
            session=session, user_id=77, chat_id=77, step="consent", answers={}, now=clock.now()
        )
        assert draft.id is not None
        for _ in range(files):
            await evidence.add_evidence(
                session=session, item=Evidence(draft_id=draft.id, kind="photo"), now=clock.now()
            )
        return draft.id


async def test_one_statement_then_answers_from_memory(database, clock):
    draft_id = await _user_with_draft(database, clock, files=2)
    selects = _selects(database)
    async with database.unit_of_work() as session:
        user = await preload.user_with_open_draft(session=session, user_id=77)
        assert user is not None and user.language == "en"
        draft = await drafts.get_open_draft(session=session, user_id=77)
        assert draft is not None and draft.id == draft_id
        assert await evidence.count_for_draft(session=session, draft_id=draft_id) == 2
    assert len(selects) == 1


async def test_nothing_remembered_for_an_unknown_user(database, clock):
    async with database.unit_of_work() as session:
        assert await preload.user_with_open_draft(session=session, user_id=5) is None
        assert preload.open_draft(session, 5) is preload.UNKNOWN
        assert await drafts.get_open_draft(session=session, user_id=5) is None


async def test_a_user_without_an_open_draft(database, clock):
    draft_id = await _user_with_draft(database, clock)
    async with database.unit_of_work() as session:
        draft = await drafts.get_open_draft(session=session, user_id=77)
        assert draft is not None
        drafts.close_draft(draft, status=DraftStatus.CANCELLED, now=clock.now())
    selects = _selects(database)
    async with database.unit_of_work() as session:
        assert await preload.user_with_open_draft(session=session, user_id=77) is not None
        assert await drafts.get_open_draft(session=session, user_id=77) is None
        assert len(selects) == 1
        # Writing forgets: a draft created now is found.
        created = await drafts.create_draft(
            session=session, user_id=77, chat_id=77, step="consent", answers={}, now=clock.now()
        )
        found = await drafts.get_open_draft(session=session, user_id=77)
        assert found is created and found.id != draft_id


async def test_changes_made_in_the_session_are_seen(database, clock):
    draft_id = await _user_with_draft(database, clock, files=1)
    async with database.unit_of_work() as session:
        await preload.user_with_open_draft(session=session, user_id=77)
        await evidence.add_evidence(
            session=session, item=Evidence(draft_id=draft_id, kind="photo"), now=clock.now()
        )
        assert await evidence.count_for_draft(session=session, draft_id=draft_id) == 2
    async with database.unit_of_work() as session:
        await preload.user_with_open_draft(session=session, user_id=77)
        draft = await drafts.get_open_draft(session=session, user_id=77)
        assert draft is not None
        drafts.close_draft(draft, status=DraftStatus.SUBMITTED, now=clock.now())
        assert await drafts.get_open_draft(session=session, user_id=77) is None
