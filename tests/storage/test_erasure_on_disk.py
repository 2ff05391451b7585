"""Erasure is real on SQLite: after ``/delete`` and after the retention purge, nothing the
parent typed is left in the bytes of ``refund-desk.db``, its ``-wal`` or its ``-shm`` — not in
free space, not in old page images — while the bot runs and after it stops.

``secure_delete`` zeroes what a DELETE or a shrinking UPDATE frees; the WAL checkpoint that
follows an erasing transaction (:meth:`storage.database.Database.unit_of_work`) copies the
zeroed pages into the database file and truncates the WAL, whose older frames still held the
personal data. On PostgreSQL the heap files cannot be read portably: that "no row holds it"
is checked by ``tests/handlers/test_privacy.py`` (``scan``) on both backends, and what VACUUM
does and does not guarantee is in the README ("Privacy").
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from bot.i18n import Localizer
from bot.scheduler import FollowUpScheduler
from bot.telegram.calls import render_calls
from handlers.aftercare import retention
from handlers.conversation import Conversation
from handlers.policy import AftercarePolicy, DeskPolicy, IntakePolicy
from storage.database import Database
from tests.conftest import FakeClock
from tests.core import core
from tests.handlers.desk_helpers import GROUP, Agent
from tests.handlers.test_privacy import Marks, Runtime, parent, put_in_topic, submit_claim

#: Every marker of a parent contains their tag: no byte sequence of it may survive.
MINE, THEIRS = "zxqv7731", "jkwy4420"
DESK = DeskPolicy(chat_id=GROUP, language="en", use_topics=True)
AFTERCARE = AftercarePolicy(notice_version="2026-11-test", retention_days=30)


def _default_off(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA secure_delete=OFF")
    cursor.close()


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[Database]:
    db = Database(f"sqlite+aiosqlite:///{tmp_path}/refund-desk.db")
    # SQLite's own default is off; Debian's build turns it on: run first, as such a build.
    event.listen(db.engine.sync_engine, "connect", _default_off, insert=True)
    await db.upgrade()
    yield db
    await db.dispose()


@pytest.fixture
def conversation(database: Database, clock: FakeClock, localizer: Localizer) -> Conversation:
    intake = IntakePolicy()
    return core(database, clock, localizer, policy=intake, desk=DESK, aftercare=AFTERCARE)


def on_disk(database: Database, tag: str) -> list[str]:
    """The database's files (main, ``-wal``, ``-shm``) in which ``tag`` appears, any case."""
    path = Path(str(database.engine.url.database))
    needle = tag.encode()
    files = sorted(path.parent.glob(path.name + "*"))
    assert path in files
    return [f.name for f in files if needle in f.read_bytes().lower()]


async def test_an_erased_parent_leaves_no_bytes_in_the_database_files(
    database, conversation, localizer, clock
):
    runtime = Runtime(conversation, localizer, clock)  # raw updates and sent calls stored too
    chat = parent(runtime, localizer, Marks(MINE), 1001)
    other = parent(runtime, localizer, Marks(THEIRS), 1002)
    case = await put_in_topic(database, await submit_claim(chat, Marks(MINE)))
    agent = Agent(runtime, 9001, "Alice")
    await agent.press(case, "ask")
    await agent.write(Marks(MINE).question)
    await chat.say(Marks(MINE).later)
    await submit_claim(other, Marks(THEIRS))
    assert on_disk(database, MINE)

    await chat.command("delete")
    clock.advance(minutes=2)
    await chat.press("button-erase-confirm")
    assert chat.keys == ["erase-done"]

    assert on_disk(database, MINE) == [], "while the bot runs"
    assert on_disk(database, THEIRS)  # the other parent's data is still there: right files
    await database.dispose()
    assert on_disk(database, MINE) == [], "after it stops"


async def test_the_retention_purge_leaves_no_bytes_in_the_database_files(
    database, conversation, localizer, clock
):
    chat = parent(conversation, localizer, Marks(MINE), 1001)
    case = await put_in_topic(database, await submit_claim(chat, Marks(MINE)))
    await Agent(conversation, 9001).press(case, "close")
    assert on_disk(database, MINE)

    async def purge(session, limit: int):
        purged = await retention.purge_expired(
            session, now=clock.now(), aftercare=AFTERCARE, desk=DESK, limit=limit
        )
        return max(purged.cases, purged.drafts), render_calls(localizer, purged.out)

    async def fire(session, row) -> list:
        return []

    async def delivered(rows) -> None:
        return None

    scheduler = FollowUpScheduler(
        database=database, clock=clock, fire=fire, after_commit=delivered, purge=purge
    )
    clock.advance(days=31)
    assert await scheduler.purge_expired() == 1

    assert on_disk(database, MINE) == [], "while the bot runs"
    await database.dispose()
    assert on_disk(database, MINE) == [], "after it stops"


async def test_a_busy_reader_delays_the_wal_truncation_never_the_erasure(
    database, conversation, localizer, clock, caplog: pytest.LogCaptureFixture
):
    caplog.set_level(logging.INFO, logger="storage.database")
    database.checkpoint_retry_seconds = 0.0  # retry the owed checkpoint at the next commit
    chat = parent(conversation, localizer, Marks(MINE), 1001)
    await submit_claim(chat, Marks(MINE))
    await chat.command("delete")

    async with database.engine.connect() as reader:  # a read transaction left open
        await reader.exec_driver_sql("BEGIN")
        await reader.exec_driver_sql("SELECT count(*) FROM cases")
        await chat.press("button-erase-confirm")
        assert chat.keys == ["erase-done"]
        assert "could not truncate" in caplog.text
        await reader.exec_driver_sql("ROLLBACK")

    clock.advance(minutes=1)
    await chat.command("start")  # any later commit pays the checkpoint still owed
    assert on_disk(database, MINE) == []
