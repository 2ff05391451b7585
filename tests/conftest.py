"""Shared fixtures: a database per test (SQLite, and PostgreSQL when configured), a clock the
test controls, the core wired as the app wires it, and a real S3 server with a bucket per test
(the bucket store, #16)."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bot.i18n import Localizer
from handlers.conversation import Conversation
from handlers.policy import IntakePolicy
from storage.database import Database
from tests.core import core

#: Set by .ci/run to this machine's PostgreSQL; PostgreSQL tests are skipped without it.
POSTGRES_ENV = "REFUND_DESK_TEST_POSTGRES_URL"
_TABLES = (
    "follow_ups, transactions, evidence, case_events, drafts, cases, users, inbox_updates, outbox"
    ", order_links, ledger_orders"
)
TRUNCATE_ALL = f"TRUNCATE {_TABLES} RESTART IDENTITY CASCADE"


class FakeClock:
    """A clock that only moves when the test says so."""

    def __init__(self, start: datetime | None = None) -> None:
        self.current = start or datetime(2026, 11, 20, 7, 30, tzinfo=UTC)

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


@pytest.fixture(scope="session")
def localizer() -> Localizer:
    return Localizer()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str | None]:
    """A throw-away PostgreSQL database for this test run, dropped at the end."""
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        yield None
        return
    import asyncio

    name = f"refund_desk_test_{uuid.uuid4().hex[:8]}"
    admin = base.replace("postgresql://", "postgresql+asyncpg://", 1)

    async def run(statement: str) -> None:
        engine = create_async_engine(admin, isolation_level="AUTOCOMMIT")
        async with engine.connect() as conn:
            await conn.execute(text(statement))
        await engine.dispose()

    asyncio.run(run(f'CREATE DATABASE "{name}"'))
    yield admin.rsplit("/", 1)[0] + "/" + name
    asyncio.run(run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite database migrated once for the run; each test gets a copy of the file (a
    copy takes milliseconds, running every migration a quarter of a second)."""
    import asyncio

    path = tmp_path_factory.mktemp("template") / "refund-desk.db"

    async def migrate() -> None:
        db = Database(f"sqlite+aiosqlite:///{path}")
        await db.upgrade()
        await db.dispose()  # the last connection closed: the WAL is folded into the file

    asyncio.run(migrate())
    return path


_POSTGRES_MIGRATED: set[str] = set()


@pytest.fixture(params=["sqlite", "postgresql"])
async def database(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    postgres_url: str | None,
    sqlite_template: Path,
) -> AsyncIterator[Database]:
    if request.param == "sqlite":
        copy = tmp_path / "refund-desk.db"
        shutil.copyfile(sqlite_template, copy)
        db = Database(f"sqlite+aiosqlite:///{copy}")
    else:
        if postgres_url is None:
            pytest.skip(f"PostgreSQL tests need {POSTGRES_ENV} (set by .ci/run)")
        db = Database(postgres_url)
        if postgres_url not in _POSTGRES_MIGRATED:  # once per run; then emptied per test
            await db.upgrade()
            _POSTGRES_MIGRATED.add(postgres_url)
        async with db.engine.begin() as conn:
            await conn.execute(text(TRUNCATE_ALL))
    yield db
    await db.dispose()


@pytest.fixture
def policy() -> IntakePolicy:
    return IntakePolicy()


@pytest.fixture
def conversation(
    database: Database, policy: IntakePolicy, clock: FakeClock, localizer: Localizer
) -> Conversation:
    return core(database, clock, localizer, policy=policy)


@pytest.fixture(scope="session")
def s3_server() -> Iterator[Any]:
    """A real S3-compatible server on a free port, for the whole session (tests/s3.py)."""
    pytest.importorskip("moto.server", reason='the bucket tests: pip install -e ".[dev]"')
    pytest.importorskip("flask", reason='the bucket tests: pip install -e ".[dev]"')
    from tests.s3 import S3Server

    server = S3Server()
    yield server
    server.stop()


@pytest.fixture
def bucket(s3_server: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A new empty bucket on :func:`s3_server`, its credentials in this test's environment;
    the settings of ``[files.bucket]`` naming it."""
    from bot.config import BucketSettings

    monkeypatch.delenv("AWS_PROFILE", raising=False)
    monkeypatch.delenv("AWS_SESSION_TOKEN", raising=False)
    for name, value in s3_server.environment().items():
        monkeypatch.setenv(name, value)
    return BucketSettings(name=s3_server.new_bucket(), endpoint_url=s3_server.url)
