"""SQLite connections use the one-hand-off cursor (storage/database.py), and it behaves like
the DBAPI cursor SQLAlchemy expects: rows, rowcount, lastrowid, executemany, errors."""

from __future__ import annotations

import pytest
from sqlalchemy import exc, text

from storage.database import _ONE_HOP, Database


@pytest.fixture
async def sqlite(tmp_path):
    db = Database(f"sqlite+aiosqlite:///{tmp_path}/cursor.db")
    yield db
    await db.dispose()


async def test_connections_get_the_fast_cursor(sqlite):
    assert _ONE_HOP is not None, "SQLAlchemy/aiosqlite changed: the fast cursor is not in use"
    async with sqlite.engine.connect() as conn:
        raw = await conn.get_raw_connection()
        assert type(raw.dbapi_connection) is _ONE_HOP[1]
        # The PRAGMAs of every new connection went through it too.
        mode = (await conn.execute(text("PRAGMA journal_mode"))).scalar()
        assert mode == "wal"
        assert (await conn.execute(text("PRAGMA foreign_keys"))).scalar() == 1


async def test_statements_behave_as_with_the_standard_cursor(sqlite):
    async with sqlite.engine.begin() as conn:
        await conn.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE)"))
        first = await conn.execute(text("INSERT INTO t (v) VALUES ('a')"))
        assert first.lastrowid == 1
        many = await conn.execute(text("INSERT INTO t (v) VALUES (:v)"), [{"v": "b"}, {"v": "c"}])
        assert many.rowcount == 2
        changed = await conn.execute(text("UPDATE t SET v = v || '!' WHERE id > 1"))
        assert changed.rowcount == 2
        returned = await conn.execute(text("DELETE FROM t WHERE id = 3 RETURNING id, v"))
        assert returned.all() == [(3, "c!")]
        rows = await conn.execute(text("SELECT id, v FROM t ORDER BY id"))
        assert list(rows.keys()) == ["id", "v"]
        assert rows.all() == [(1, "a"), (2, "b!")]
        assert (await conn.execute(text("SELECT v FROM t WHERE id = 99"))).first() is None


async def test_errors_are_raised_and_the_connection_stays_usable(sqlite):
    async with sqlite.engine.begin() as conn:
        await conn.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE)"))
        await conn.execute(text("INSERT INTO t (v) VALUES ('a')"))
    with pytest.raises(exc.IntegrityError):
        async with sqlite.engine.begin() as conn:
            await conn.execute(text("INSERT INTO t (v) VALUES ('b')"))
            await conn.execute(text("INSERT INTO t (v) VALUES ('a')"))
    with pytest.raises(exc.OperationalError):
        async with sqlite.engine.begin() as conn:
            await conn.execute(text("SELECT nope FROM t"))
    async with sqlite.engine.begin() as conn:  # the failed transaction was rolled back
        assert (await conn.execute(text("SELECT v FROM t"))).scalars().all() == ["a"]
