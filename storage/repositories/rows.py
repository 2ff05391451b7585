"""The two steps every repository takes: reading the rows a query finds, storing a new row."""

from __future__ import annotations

from typing import TypeVar

from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import SelectOfScalar

Row = TypeVar("Row")


async def listed(session: AsyncSession, statement: SelectOfScalar[Row]) -> list[Row]:
    """Every row ``statement`` finds, in its order."""
    result = await session.exec(statement)
    return list(result.all())


async def added(session: AsyncSession, row: Row) -> Row:
    """``row`` stored in the caller's transaction, flushed so that it has its id."""
    session.add(row)
    await session.flush()
    return row
