"""The database engine, async sessions and schema upgrades."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.migrate import upgrade_to_head

DEFAULT_URL = "sqlite+aiosqlite:///./data/refund-desk.db"


def normalize_url(url: str) -> str:
    """Accept the URLs operators copy from elsewhere (``postgresql://``, ``sqlite:///``)."""
    if url.startswith(("postgres://", "postgresql://")):
        return "postgresql+asyncpg://" + url.split("://", 1)[1]
    if url.startswith("sqlite://") and not url.startswith("sqlite+"):
        return "sqlite+aiosqlite://" + url.split("://", 1)[1]
    return url


def _prepare_sqlite_file(url: str) -> None:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers work while one writer commits; busy_timeout makes a second writer wait
    # instead of failing at once; SQLite leaves foreign keys off unless asked.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


# -- SQLite: one thread hand-off per statement -------------------------------------------------
#
# aiosqlite runs each sqlite3 call on its connection's own thread, and SQLAlchemy's adapter makes
# three or four such calls per statement (open a cursor, execute, fetch, close), each a future,
# a thread wake-up and an event-loop wake-up. The cursor below does the same four steps in ONE
# call on that thread. It relies on SQLAlchemy's aiosqlite adapter (2.0/2.1) and on aiosqlite's
# ``Connection._execute``/``_conn``; when those are not what it expects, connections are left
# as SQLAlchemy made them (tests/storage/test_sqlite_cursor.py checks the fast one is in use).
# Measured: 132 → 65 µs of CPU per UPDATE, 246 → 70 µs per SELECT; −0.5 ms per update handled.


def _one_hop_classes() -> tuple[type, type] | None:
    try:
        from sqlalchemy.dialects.sqlite.aiosqlite import (
            AsyncAdapt_aiosqlite_connection,
            AsyncAdapt_aiosqlite_cursor,
        )
        from sqlalchemy.util import EMPTY_DICT
        from sqlalchemy.util.concurrency import await_
    except ImportError:  # pragma: no cover - another SQLAlchemy layout
        return None
    import collections

    class OneHopCursor(AsyncAdapt_aiosqlite_cursor):
        __slots__ = ("_description", "_lastrowid", "_rowcount")

        def __init__(self, adapt_connection: Any) -> None:
            self._adapt_connection = adapt_connection
            self._connection = adapt_connection._connection
            self._cursor = None  # type: ignore[assignment]  # no cursor until a statement runs
            self._soft_closed_memoized = EMPTY_DICT
            self._rows = collections.deque()
            self._description = None
            self._rowcount = -1
            self._lastrowid = None

        @property
        def description(self) -> Any:
            return self._description

        @property
        def rowcount(self) -> int:
            return self._rowcount

        @property
        def lastrowid(self) -> Any:
            return self._lastrowid

        @property
        def arraysize(self) -> int:
            return 1

        @arraysize.setter
        def arraysize(self, value: int) -> None:
            pass

        async def _async_soft_close(self) -> None:
            return None

        def close(self) -> None:
            self._rows.clear()

        def execute(self, operation: Any, parameters: Any = None) -> Any:
            try:
                return await_(self._run(operation, parameters, many=False))
            except Exception as error:
                self._adapt_connection._handle_exception(error)

        def executemany(self, operation: Any, seq_of_parameters: Any) -> Any:
            try:
                return await_(self._run(operation, seq_of_parameters, many=True))
            except Exception as error:
                self._adapt_connection._handle_exception(error)

        async def _run(self, operation: Any, parameters: Any, *, many: bool) -> None:
            connection = self._connection

            def on_thread() -> tuple[Any, list[Any], int, Any]:
                cursor = connection._conn.cursor()
                try:
                    if many:
                        cursor.executemany(operation, parameters)
                    elif parameters is None:
                        cursor.execute(operation)
                    else:
                        cursor.execute(operation, parameters)
                    description = cursor.description
                    rows = cursor.fetchall() if description else []
                    return description, rows, cursor.rowcount, cursor.lastrowid
                finally:
                    cursor.close()

            async with self._adapt_connection._execute_mutex:
                outcome = await connection._execute(on_thread)
            self._description, rows, self._rowcount, self._lastrowid = outcome
            self._rows = collections.deque(rows)

        def nextset(self) -> None:
            return None

        def setinputsizes(self, *inputsizes: Any) -> None:
            return None

    class OneHopConnection(AsyncAdapt_aiosqlite_connection):
        __slots__ = ()
        _cursor_cls = OneHopCursor

    return AsyncAdapt_aiosqlite_connection, OneHopConnection


_ONE_HOP = _one_hop_classes()


def _one_hop_cursors(dbapi_connection: Any, _record: Any) -> None:
    """Pool "connect" hook: give a new aiosqlite connection the one-hand-off cursor."""
    if _ONE_HOP is None:
        return
    adapter, fast = _ONE_HOP
    raw = getattr(dbapi_connection, "_connection", None)
    if type(dbapi_connection) is adapter and callable(getattr(raw, "_execute", None)):
        dbapi_connection.__class__ = fast


class Database:
    """One engine and its session factory, built once at start-up and passed around."""

    def __init__(self, url: str = DEFAULT_URL, *, echo: bool = False) -> None:
        self.url = normalize_url(url)
        self.is_sqlite = self.url.startswith("sqlite")
        # Errors name the statement but never quote its values (people's answers).
        kwargs: dict[str, Any] = {"echo": echo, "hide_parameters": True}
        if self.is_sqlite:
            _prepare_sqlite_file(self.url)
            # One writer at a time anyway: a fixed pool avoids opening and closing overflow
            # connections under load and halves p99 at saturation (docs/performance.md).
            kwargs.update(pool_size=5, max_overflow=0)
        else:
            kwargs.update(pool_size=10, max_overflow=10, pool_pre_ping=True)
        self.engine: AsyncEngine = create_async_engine(self.url, **kwargs)
        if self.is_sqlite:
            event.listen(self.engine.sync_engine, "connect", _one_hop_cursors)
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
        self._sessions = async_sessionmaker(
            self.engine, class_=AsyncSession, expire_on_commit=False
        )

    @asynccontextmanager
    async def unit_of_work(self) -> AsyncIterator[AsyncSession]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        async with self._sessions() as session, session.begin():
            yield session

    async def upgrade(self) -> None:
        """Bring the schema to the newest Alembic revision."""
        async with self.engine.begin() as connection:
            await connection.run_sync(upgrade_to_head)

    async def dispose(self) -> None:
        await self.engine.dispose()
