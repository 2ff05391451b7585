"""The database engine, async sessions and schema upgrades."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.migrate import upgrade_to_head

log = logging.getLogger(__name__)

DEFAULT_URL = "sqlite+aiosqlite:///./data/refund-desk.db"
BUSY_TIMEOUT_MS = 10_000
#: ``session.info`` key set by :func:`note_erasure`.
_ERASED = "refund_desk.erased"
#: ``session.info`` key of :func:`storage.repositories.evidence_files.release`.
RELEASED_FILES = "refund_desk.released_files"
#: The WAL checkpoint after an erasure: tries while another connection is reading, and the
#: pause between them (no lock is held while waiting).
CHECKPOINT_TRIES = 5
CHECKPOINT_PAUSE = 0.05


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
    # instead of failing at once; SQLite leaves foreign keys off unless asked. secure_delete:
    # what a DELETE or a shrinking UPDATE frees is overwritten with zeros, not left readable in
    # the file (SQLite's default is off; some builds, Debian's, turn it on).
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def note_erasure(session: AsyncSession) -> None:
    """Mark the transaction of ``session`` as one that erased personal data: once it commits,
    :meth:`Database.unit_of_work` makes sure the erased bytes leave the database files too."""
    session.info[_ERASED] = True


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
        #: An erasure's WAL checkpoint could not truncate: retried after a later commit, at
        #: most once per ``checkpoint_retry_seconds``.
        self._checkpoint_owed = False
        self._checkpoint_next_try = 0.0
        self.checkpoint_retry_seconds = 5.0
        #: Called after a commit that deleted evidence rows, with their files' hashes.
        self.on_files_released: Callable[[set[str]], Awaitable[None]] | None = None

    @asynccontextmanager
    async def unit_of_work(self) -> AsyncIterator[AsyncSession]:
        """One transaction: committed when the block ends, rolled back if it raises. After the
        commit of one that erased personal data (:func:`note_erasure`): :meth:`after_erasure`."""
        async with self._sessions() as session:
            async with session.begin():
                yield session
            erased = session.info.pop(_ERASED, False)
            released = session.info.pop(RELEASED_FILES, None)
        if released and self.on_files_released is not None:
            await self.on_files_released(released)  # the files erasure left unnamed (#16)
        if erased:
            await self.after_erasure()
        elif self._checkpoint_owed and time.monotonic() >= self._checkpoint_next_try:
            await self.after_erasure(tries=1)

    async def after_erasure(self, *, tries: int = CHECKPOINT_TRIES) -> bool:
        """Make committed erasures unreadable in the database files; never raises for it.

        SQLite: ``secure_delete`` has zeroed the freed bytes in the new page images, but those
        are in the WAL, whose older frames still hold the erased data; ``wal_checkpoint
        (TRUNCATE)`` copies the new pages into the database file and empties the WAL. It needs
        no other connection reading the WAL: while one is, it is retried briefly, then owed to a
        later commit (logged). Returns whether the WAL was emptied. PostgreSQL: nothing to do
        here (VACUUM does not overwrite; see the README, "Privacy")."""
        if not self.is_sqlite:
            return True
        for attempt in range(tries):
            if attempt:
                await asyncio.sleep(CHECKPOINT_PAUSE)
            try:
                truncated = await self._truncate_wal()
            except Exception:  # the erasure is committed: a failed checkpoint is only owed
                log.warning("WAL checkpoint after an erasure failed", exc_info=True)
                truncated = False
            if truncated:
                if self._checkpoint_owed:
                    log.info("WAL truncated: the checkpoint owed since an erasure is done")
                self._checkpoint_owed = False
                return True
        if not self._checkpoint_owed:
            log.info("could not truncate the WAL after an erasure (a reader was busy): owed")
        self._checkpoint_owed = True
        self._checkpoint_next_try = time.monotonic() + self.checkpoint_retry_seconds
        return False

    async def _truncate_wal(self) -> bool:
        # Outside any transaction, and without waiting on the busy timeout: a checkpoint that
        # waits for readers holds the write lock all that time, and every writer waits with it.
        async with self.engine.connect() as connection:
            connection = await connection.execution_options(isolation_level="AUTOCOMMIT")
            await connection.exec_driver_sql("PRAGMA busy_timeout=0")
            try:
                # (busy, frames in the WAL, frames checkpointed): busy 0 once it is emptied
                result = await connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                busy = result.one()[0]
            except OperationalError:  # "database is locked": another checkpoint is running
                busy = 1
            finally:
                await connection.exec_driver_sql(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        return not busy

    async def upgrade(self) -> None:
        """Bring the schema to the newest Alembic revision."""
        async with self.engine.begin() as connection:
            await connection.run_sync(upgrade_to_head)

    async def dispose(self) -> None:
        await self.engine.dispose()


@asynccontextmanager
async def one_transaction(url: str) -> AsyncIterator[AsyncSession]:
    """A database opened for one transaction and closed after it (the operator's commands)."""
    database = Database(url)
    try:
        async with database.unit_of_work() as session:
            yield session
    finally:
        await database.dispose()
