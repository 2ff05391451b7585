"""A PostgreSQL database of a bench run's own: created on the server of
``REFUND_DESK_TEST_POSTGRES_URL`` (or the URL given) and dropped when the run ends, whatever
it left behind. Imported by the bench scripts, which run with ``bench/`` on ``sys.path``."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

POSTGRES_ENV = "REFUND_DESK_TEST_POSTGRES_URL"


@asynccontextmanager
async def throwaway_database(base: str) -> AsyncIterator[str]:
    """The URL of a new, empty database next to ``base``'s (``base`` itself is only connected
    to); dropped ``WITH (FORCE)`` on the way out, since a bot process killed mid-run may
    still hold connections to it."""
    name = f"refund_desk_bench_{uuid.uuid4().hex[:8]}"
    admin = create_async_engine(
        base.replace("postgresql://", "postgresql+asyncpg://", 1), isolation_level="AUTOCOMMIT"
    )
    try:
        async with admin.connect() as conn:
            await conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield base.rsplit("/", 1)[0] + "/" + name
        finally:
            async with admin.connect() as conn:
                await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        await admin.dispose()
